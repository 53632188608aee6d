"""Hostile input to every form people type in: generated text, edge cases and an XSS corpus.

Whatever is posted, the answer is never a server error; a refused form saves nothing, shows
its errors in Norwegian beside the field and keeps what was typed; nothing typed comes back as
live markup. The fields of each form are read from the page that shows it, so a field added
later is attacked too."""

import datetime
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from employers import demo as employers_demo
from employers.models import Callback, ContactEntry, ConversationGuide, Employer
from learning import demo as learning_demo
from learning.models import BestPractice, LearningPath, Module, Share
from learning.models import ModuleForm as ModuleKind
from marketinfo import demo as marketinfo_demo
from marketinfo import services as marketinfo_services
from marketinfo.models import Summary
from portal import demo

pytestmark = pytest.mark.django_db

XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    "[klikk](javascript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
    "<<script>alert(1)//<</script>",
    '" autofocus onfocus="alert(1)',
    "</textarea><script>alert(1)</script>",
    '=HYPERLINK("http://example.invalid")',
    "' OR 1=1 --",
    "\x00\u202e\ufeff",
]
LIVE_MARKUP = [
    "<script>alert(1)",
    "onerror=alert(1)>",
    "<svg onload",
    'href="javascript:',
    "href='javascript:",
    '" autofocus onfocus="alert',
]
# What people (and scripts) type where a form expects something else.
EDGE_CASES = [
    "",
    "   ",
    "x" * 20_000,
    "a\x00b",
    "\u202eevil\u202c",
    "😀👩🏽‍💻🇳🇴" * 20,
    "12345",
    "-1",
    "-99999999999999999999",
    "0",
    "1e309",
    "NaN",
    "²",
    "٣",
    "2026-02-30",
    "2026-13-45T25:61",
    "30.02.2026",
    "9" * 40,
]
# English words a Norwegian error message never contains (the source strings are English).
ENGLISH = re.compile(
    r"\b(the|this|field|enter|please|ensure|select|choose|valid|must|characters|required)\b",
    re.IGNORECASE,
)
ERROR_TEXT = re.compile(
    r'<p class="aksel-error-message[^"]*">(.*?)</p>'
    r'|<div class="aksel-alert__wrapper[^"]*">(.*?)</div>',
    re.DOTALL,
)
TYPED = {"text", "textarea", "email", "url", "tel", "search", "number", "date", "time"}


class FormFinder(HTMLParser):
    """The forms of a page: action, and per field its kind and the values it offers. A field
    or button outside its form names it (form="id"), and a button with a formaction sends its
    form to another URL: that is one more form here (`submissions`)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._select: tuple[dict, str] | None = None
        self._formactions: list[tuple[dict, str]] = []

    def _owner(self, attrs) -> dict:
        by_id = [form for form in self.forms if form["id"] and form["id"] == attrs.get("form")]
        return by_id[0] if by_id else self.forms[-1]

    def submissions(self) -> list[dict]:
        return self.forms + [{**form, "action": action} for form, action in self._formactions]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "action": attrs.get("action") or "",
                    "method": attrs.get("method"),
                    "fields": {},
                    "hidden": {},
                    "id": attrs.get("id"),
                }
            )
            return
        if self.forms and attrs.get("formaction"):
            self._formactions.append((self._owner(attrs), attrs["formaction"]))
        if not self.forms or not attrs.get("name"):
            if tag == "option" and self._select:
                form, select = self._select
                form["fields"][select]["options"].append(attrs.get("value", ""))
            return
        owner = self._owner(attrs)
        fields, name = owner["fields"], attrs["name"]
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind == "hidden":
                owner["hidden"][name] = attrs.get("value", "")
            elif kind in {"checkbox", "radio"}:
                spec = fields.setdefault(name, {"kind": kind, "options": []})
                spec["options"].append(attrs.get("value", "on"))
            elif kind not in {"submit", "button", "file", "password"}:
                fields[name] = {"kind": kind, "options": []}
        elif tag == "textarea":
            fields[name] = {"kind": "textarea", "options": []}
        elif tag == "select":
            fields[name] = {"kind": "select", "options": [], "multiple": "multiple" in attrs}
            self._select = (owner, name)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


@dataclass
class Target:
    """One form: the page that shows it, where it posts, who fills it in."""

    id: str
    user: str
    page: Callable  # world -> URL of the page with the form
    post: Callable | None = None  # world -> URL the form posts to (default: the page)
    # A plain HTML form, not a Django form: it has no field errors to show.
    plain: bool = False
    # Refuses by going back to the page it sits on with a message, not beside the field
    # (and so loses what was typed; see the report on issue #8).
    refuses_by_redirect: bool = False


def _url(name, *args):
    return lambda w: reverse(name, args=[a(w) if callable(a) else a for a in args])


def _attr(name):
    return lambda w: getattr(w, name)


TARGETS = [
    # portal
    Target("settings", "veileder", _url("portal:account_settings")),
    Target(
        "feedback",
        "veileder",
        _url("learning:module", _attr("module")),
        lambda w: reverse("portal:feedback", args=["learning.module", w.module_pk]),
        plain=True,
    ),
    # learning
    Target("quiz", "veileder", _url("learning:quiz", _attr("module")), plain=True),
    Target(
        "practice_request",
        "veileder",
        _url("learning:module", _attr("practice_module")),
        _url("learning:practice_request", _attr("practice_module")),
    ),
    Target("group_session", "leder", _url("learning:group_session", _attr("module"))),
    Target("self_assessment", "veileder", _url("learning:self_assessment")),
    Target("assign", "leder", _url("learning:assign")),
    Target("office_needs", "leder", _url("learning:office_needs", _attr("office"))),
    Target("plan", "leder", _url("learning:plan", _attr("person"), _attr("year"))),
    Target("plan_comment", "veileder", _url("learning:plan", _attr("person"), _attr("year"))),
    Target(
        "plan_activity",
        "leder",
        _url("learning:plan", _attr("person"), _attr("year")),
        _url("learning:plan_activity", _attr("person"), _attr("year")),
    ),
    Target("share_create", "veileder", _url("learning:share_create")),
    Target("share_comment", "veileder", _url("learning:share", _attr("share"))),
    Target(
        "share_report",
        "veileder",
        _url("learning:share", _attr("share")),
        _url("learning:share_report", _attr("share")),
    ),
    Target(
        "share_hide",
        "leder",
        _url("learning:share", _attr("share")),
        _url("learning:share_hide", _attr("share")),
    ),
    Target("module_create", "redaktor", _url("learning:module_create")),
    Target("module_edit", "redaktor", _url("learning:module_edit", _attr("module"))),
    Target("question_create", "redaktor", _url("learning:question_create", _attr("module"))),
    Target("path_create", "redaktor", _url("learning:path_create")),
    Target("path_edit", "redaktor", _url("learning:path_edit", _attr("path"))),
    Target(
        "path_steps",
        "redaktor",
        _url("learning:path_edit", _attr("path")),
        _url("learning:path_steps", _attr("path")),
        refuses_by_redirect=True,
    ),
    Target("best_practice_create", "redaktor", _url("learning:best_practice_create")),
    Target(
        "best_practice_edit",
        "redaktor",
        _url("learning:best_practice_edit", _attr("best_practice")),
    ),
    # marketinfo
    Target("summary_start", "markedskontakt", _url("marketinfo:summary_start")),
    Target("summary_edit", "markedskontakt", _url("marketinfo:summary_edit", _attr("summary"))),
    Target(
        "summary_schedule",
        "markedskontakt",
        _url("marketinfo:summary_edit", _attr("draft")),
        _url("marketinfo:summary_schedule", _attr("draft")),
    ),
    *(
        Target(
            f"item_create_{kind}",
            "markedskontakt",
            _url("marketinfo:item_create", _attr("draft"), kind),
        )
        for kind in ("vacancy", "employer", "trend", "programme", "event", "key_figure")
    ),
    Target("item_edit", "markedskontakt", _url("marketinfo:item_edit", _attr("item"))),
    Target("profile", "markedskontakt", _url("marketinfo:profile_edit")),
    Target("role_description", "admin", _url("marketinfo:role_edit")),
    Target("market_filter", "veileder", _url("marketinfo:index")),
    # employers
    Target("employer_create", "veileder", _url("employers:create")),
    Target("employer_edit", "veileder", _url("employers:edit", _attr("orgnr"))),
    Target("contact_person", "veileder", _url("employers:contact_person_create", _attr("orgnr"))),
    Target("entry_create", "veileder2", _url("employers:entry_create", _attr("orgnr"))),
    Target("entry_edit", "veileder2", _url("employers:entry_edit", _attr("entry"))),
    Target("plan_create", "veileder", _url("employers:plan_create", _attr("orgnr"))),
    Target("callback_create", "veileder", _url("employers:callback_create", _attr("orgnr"))),
    Target("callback_work", "markedskontakt", _url("employers:callback", _attr("callback"))),
    Target("guide_create", "redaktor", _url("employers:guide_create")),
    Target("guide_edit", "redaktor", _url("employers:guide_edit", _attr("guide"))),
    Target("employer_search", "veileder", _url("employers:index")),
    Target("search", "veileder", _url("portal:search")),
]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The demo, seeded once for the module inside a transaction that is rolled back at its
    end; each test runs in a savepoint of it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _seed()
        transaction.set_rollback(True)


def _seed():
    with override_settings(DEBUG=True):
        context = demo.seed()
        employers_demo.seed(context)
        learning_demo.seed(context)
        marketinfo_demo.seed(context)
    users = context.users
    context.orgnr = Employer.objects.filter(main_unit__isnull=True).first().organisation_number
    quiz_module = Module.objects.filter(status="published", questions__isnull=False).first()
    context.module, context.module_pk = quiz_module.slug, quiz_module.pk
    context.person, context.year = users["veileder"].pk, datetime.date.today().year
    context.share = Share.objects.filter(office=users["veileder"].office).first().pk
    context.path = LearningPath.objects.first().slug
    context.best_practice = BestPractice.objects.first().slug
    summary = (
        Summary.objects.filter(office=users["markedskontakt"].office, items__isnull=False)
        .order_by("published_at", "-year", "-week")
        .first()
    )
    context.summary, context.item = summary.pk, summary.items.first().pk
    context.draft = marketinfo_services.summary_open(
        user=users["markedskontakt"], year=2030, week=10, office=users["markedskontakt"].office
    )[0].pk
    context.office = users["leder"].office.slug
    practice = Module.objects.filter(form=ModuleKind.PRACTICE, status="published").first()
    context.practice_module = practice.slug
    context.entry = ContactEntry.objects.filter(author=users["veileder2"]).first().pk
    context.callback = Callback.objects.filter(office=users["markedskontakt"].office).first().pk
    context.guide = ConversationGuide.objects.first().slug
    return context


def the_form(client, target: Target, world) -> tuple[str, dict]:
    """The URL a form posts to and its fields, read from the page a person sees."""
    page_url = target.page(world)
    page = client.get(page_url)
    assert page.status_code == 200, page_url
    post_url = target.post(world) if target.post else page_url
    finder = FormFinder()
    finder.feed(page.text)
    for form in finder.submissions():
        action = urlsplit(form["action"]).path or page_url
        if action == post_url:
            return post_url, form
    raise AssertionError(f"no form posting to {post_url} on {page_url}")


# The tables a refused form must leave exactly as they were. Counters and the audit trail
# change on every request by design.
CHANGES_ON_EVERY_REQUEST = {"portal_usagecount", "portal_auditevent", "django_session"}


def snapshot() -> tuple:
    """Rows written so far in this test's transaction, per table (cheap: no table is read)."""
    tables = [
        model._meta.db_table
        for label in ("portal", "learning", "marketinfo", "employers")
        for model in apps.get_app_config(label).get_models()
        if model._meta.db_table not in CHANGES_ON_EVERY_REQUEST
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables"
            " WHERE relname = ANY(%s) ORDER BY relname",
            [tables],
        )
        return tuple(cursor.fetchall())


def test_the_write_detector_sees_what_a_form_would_save(world):
    before = snapshot()
    Share.objects.filter(pk=world.share).update(activity="endret")
    assert snapshot() != before


def value_strategy(spec: dict):
    typed = st.one_of(st.text(max_size=120), st.sampled_from(EDGE_CASES + XSS))
    if spec["kind"] in {"select", "radio"}:
        choice = st.one_of(st.sampled_from(spec["options"] or [""]), typed)
        return st.lists(choice, max_size=3) if spec.get("multiple") else choice
    if spec["kind"] == "checkbox":
        return st.lists(st.one_of(st.sampled_from(spec["options"]), typed), max_size=3)
    return typed


def errors_in(body: str) -> list[str]:
    return [re.sub(r"<[^>]+>", " ", a or b) for a, b in ERROR_TEXT.findall(body)]


def check_answer(response, form: dict, data: dict, before: tuple, target: Target) -> None:
    """What a person may see after posting `data`."""
    assert response.status_code < 500, data
    body = response.content.decode()
    for live in LIVE_MARKUP:
        assert live not in body, f"typed text came back live: {live!r}"
    if response.get("X-Refused") == "control-characters":
        # Refused whole, before any form sees it (portal.middleware): nobody types control
        # characters, so what was typed beside them is not kept.
        assert snapshot() == before, "a refused request saved something"
        assert "kontrolltegn" in body
        return
    if response.status_code not in (200, 400) or target.plain:
        return
    errors = errors_in(body)
    assert errors, "the form came back without saying what is wrong"
    assert snapshot() == before, "a refused form saved something"
    assert_norwegian(errors, data)
    for name, spec in form["fields"].items():
        value = data.get(name)
        if spec["kind"] in TYPED and isinstance(value, str) and value.strip():
            assert escape(value.strip()) in body, f"{name}: what was typed is lost"


def assert_norwegian(errors: list[str], data: dict) -> None:
    typed = [v for v in data.values() for v in (v if isinstance(v, list) else [v])]
    for error in errors:
        for value in sorted(typed, key=len, reverse=True):
            if value.strip():
                error = error.replace(escape(value), "")
        assert not ENGLISH.search(error), f"error in English: {error.strip()!r}"


def post_data(form: dict, values: dict) -> dict:
    return {**form["hidden"], **{k: v for k, v in values.items() if v != []}}


@pytest.mark.parametrize("target", TARGETS, ids=[t.id for t in TARGETS])
def test_hostile_input_never_breaks_a_form(client, world, target):
    user = world.users[target.user]
    client.force_login(user)
    url, form = the_form(client, target, world)
    fields = form["fields"]
    searching = (form["method"] or "get").lower() == "get"
    method = client.get if searching else client.post
    if searching:  # a search or a filter refuses nothing: it answers
        target = Target(target.id, target.user, target.page, target.post, plain=True)

    refused = []

    def attempt(values: dict) -> None:
        type(user).objects.filter(pk=user.pk).update(language="nb")  # settings may change it
        before = snapshot()
        data = post_data(form, values)
        response = method(url, data)
        check_answer(response, form, data, before, target)
        if target.refuses_by_redirect and response.status_code == 302:
            if snapshot() == before:  # refused: the page it goes back to says why
                page = client.get(response.url)
                errors = errors_in(page.content.decode())
                assert errors, "a refused form went back without saying what is wrong"
                assert_norwegian(errors, data)
                refused.append(True)
            return
        refused.append(response.status_code in (200, 400))

    # Every field gets every value of the corpus once, each post a different mix.
    corpus = XSS + EDGE_CASES
    for i in range(len(corpus)):
        attempt({name: corpus[(i + j) % len(corpus)] for j, name in enumerate(fields)})

    @settings(
        max_examples=10,
        # The same examples on every run, so CI never fails on a draw it cannot repeat; run
        # with HYPOTHESIS_RANDOM=1 to explore new ones (that is how employer_edit's bug was found).
        derandomize=not os.environ.get("HYPOTHESIS_RANDOM"),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.fixed_dictionaries({name: value_strategy(spec) for name, spec in fields.items()}))
    def generated(values):
        attempt(values)

    generated()
    if not target.plain:
        assert any(refused), "nothing was refused: the checks of a refused form never ran"
