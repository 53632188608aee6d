"""The HTML written in Python (portal.fastrender): the same as the templates write, for every
renderer there: the form widgets, the competence matrix's rows, the market items and learning's
long lists, and the search hits' marked words."""

import re
from datetime import timedelta

import pytest
from django import forms
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone

from employers.forms import ContactEntryForm, DateInput, PlannedContactForm
from learning.matrix import build_matrix
from learning.models import (
    Assignment,
    Module,
    Progress,
    ProgressStatus,
    Share,
    ShareComment,
    Status,
)
from marketinfo.models import Direction, EventKind, ItemKind
from portal.fastrender import (
    board_cards,
    editable_path_items,
    join_market_item_parts,
    marked,
    market_edit_items,
    market_item,
    market_item_parts,
    module_cards,
    overdue_items,
    plan_items,
    share_items,
)
from portal.forms import NavFormRenderer
from portal.freshness import Freshness
from portal.models import Office
from portal.widgets import (
    ModelOptionsSelect,
    QuickCheckboxSelectMultiple,
    QuickHiddenInput,
    QuickSelect,
    QuickTextarea,
)
from tests.employers.factories import EmployerFactory
from tests.factories import OfficeFactory, UserFactory
from tests.learning.factories import AssignmentFactory, ModuleFactory, QuestionFactory, ShareFactory
from tests.marketinfo.factories import ItemFactory, PublishedSummaryFactory

CHOICES = [
    ("", "---------"),
    (1, "Kari <Nordmann> & Co"),
    (2, 'Ola "O" Nordmann'),
    ("Gruppe", [("a", "Første"), ("b", "Andre")]),
]


def same(html: str) -> str:
    """Markup as a browser lays it out: a run of white space is one space."""
    return re.sub(r"\s+", " ", str(html)).replace("> <", "><").strip()


def _template_html(widget: forms.Widget, value) -> str:
    """What Django's own rendering, through our templates, writes for the same widget."""
    context = widget.get_context("field", value, {"id": "id_field", "class": "x"})
    return NavFormRenderer().render(widget.template_name, context)


@pytest.mark.parametrize("value", [None, "", 2, "b"])
def test_the_quick_select_writes_what_the_template_writes(value):
    widget = QuickSelect(choices=CHOICES)
    quick = widget.render("field", value, {"id": "id_field", "class": "x"})
    assert quick == _template_html(QuickSelect(choices=CHOICES), value)
    assert "Kari &lt;Nordmann&gt; &amp; Co" in quick


@pytest.mark.parametrize("value", [[], ["a"], [1, "b"]])
def test_the_quick_checkboxes_write_what_the_template_writes(value):
    widget = QuickCheckboxSelectMultiple(choices=CHOICES[1:])
    quick = widget.render("field", value, {"id": "id_field", "class": "x"})
    assert quick == _template_html(QuickCheckboxSelectMultiple(choices=CHOICES[1:]), value)
    assert 'for="id_field_0"' in quick


@pytest.mark.parametrize(
    ("widget_class", "value"),
    [
        (QuickHiddenInput, None),
        (QuickHiddenInput, 42),
        (DateInput, "2026-03-18"),
        (QuickTextarea, ""),
        (QuickTextarea, 'Ringte <b>"Kari"</b> & avtalte møte.\nNeste linje.'),
    ],
)
def test_the_quick_inputs_write_what_the_templates_write(widget_class, value):
    quick = widget_class().render("field", value, {"id": "id_field", "class": "x"})
    assert quick == _template_html(widget_class(), value)
    assert "<b>" not in quick


@pytest.mark.django_db
def test_the_log_form_lists_active_colleagues_by_name_with_the_design_systems_classes():
    office = OfficeFactory()
    user = UserFactory(office=office, first_name="Kari", last_name="Nordmann")
    UserFactory(office=office, first_name="", last_name="", username="uten.navn")
    UserFactory(office=office, first_name="Sluttet", is_active=False)
    UserFactory(first_name="Annet", last_name="Kontor")
    form = ContactEntryForm(employer=EmployerFactory(), user=user)
    html = str(form["follow_up_assignee"])
    assert f'<option value="{user.pk}">Kari Nordmann</option>' in html
    assert ">uten.navn</option>" in html
    assert "Sluttet" not in html and "Annet" not in html
    assert 'class="aksel-select__input aksel-body-short"' in html
    assert 'class="aksel-checkbox__input"' in str(form["topics"])
    planned = PlannedContactForm()
    assert 'class="aksel-select__input aksel-body-short"' in str(planned["channel"])
    assert 'class="aksel-checkbox__input"' in str(planned["topics"])


@pytest.mark.django_db
def test_long_lists_are_written_from_two_columns_escaped_with_the_choice_marked(
    django_assert_num_queries,
):
    odd = OfficeFactory(name='NAV <Øst> & "Vest"')
    plain = OfficeFactory(name="NAV Alta")
    widget = ModelOptionsSelect(
        "name", queryset=Office.objects.order_by("name"), cache_key="test:offices"
    )
    html = widget.render("office", odd.pk, {"id": "id_office"})
    assert (
        f'<option value="{odd.pk}" selected>NAV &lt;Øst&gt; &amp; &quot;Vest&quot;</option>' in html
    )
    assert f'<option value="{plain.pk}">NAV Alta</option>' in html
    assert html.startswith(
        '<div class="aksel-select__container"><select name="office" id="id_office">'
        '<option value="">---------'
    )
    # Like every single select, it shows the design system's chevron.
    assert '</select><svg class="aksel-select__chevron"' in html
    assert html.endswith("</svg></div>")
    # The options are kept: the next form shows them without a query, with its own choice.
    with django_assert_num_queries(0):
        again = widget.render("office", plain.pk)
    assert f'<option value="{plain.pk}" selected>NAV Alta</option>' in again
    assert "selected" not in widget.render("office", "not-a-key")


@pytest.mark.django_db
@pytest.mark.parametrize("chosen", [False, True])
def test_the_long_list_select_writes_what_the_select_template_writes(chosen):
    odd = OfficeFactory(name='NAV <Øst> & "Vest"')
    OfficeFactory(name="NAV Alta")
    offices = Office.objects.order_by("name")
    value = odd.pk if chosen else None
    quick = ModelOptionsSelect("name", queryset=offices).render(
        "field", value, {"id": "id_field", "class": "x"}
    )
    choices = [("", "---------"), *offices.values_list("pk", "name")]
    expected = same(_template_html(forms.Select(choices=choices), value))
    # With nothing chosen, the template marks the empty option; a browser shows the first
    # option then anyway, so the Python one leaves the mark out.
    assert same(quick) == expected.replace('<option value="" selected>', '<option value="">')


@pytest.mark.django_db
def test_long_lists_are_shown_from_the_database_while_the_cache_is_away(monkeypatch):
    from django.core.cache import cache

    office = OfficeFactory(name="NAV Bodø")

    def away(*args, **kwargs):
        raise ConnectionError("Redis er borte")

    monkeypatch.setattr(cache, "get", away)
    monkeypatch.setattr(cache, "set", away)
    widget = ModelOptionsSelect(
        "name", queryset=Office.objects.order_by("name"), cache_key="test:offices"
    )
    assert f'<option value="{office.pk}">NAV Bodø</option>' in widget.render("office", None)


@pytest.mark.django_db
def test_the_callback_form_lists_every_office_with_ones_own_chosen(client):
    own, other = OfficeFactory(name="NAV Egen"), OfficeFactory(name="NAV Annen")
    client.force_login(UserFactory(office=own))
    page = client.get(
        reverse("employers:callback_create", args=[EmployerFactory().organisation_number])
    ).text
    assert f'<option value="{own.pk}" selected>NAV Egen</option>' in page
    assert f'<option value="{other.pk}">NAV Annen</option>' in page
    assert '<select name="office" class="aksel-select__input aksel-body-short"' in page
    assert re.search(r'<select name="office"[^>]* required', page)


@pytest.mark.django_db
@pytest.mark.parametrize("by", ["modules", "areas"])
def test_the_matrix_rows_are_what_the_templates_rows_partial_writes(by):
    today = timezone.localdate()
    office = OfficeFactory()
    odd = UserFactory(office=office, first_name="<b>Ola</b>", last_name="& Co", team='Team "2"')
    nameless = UserFactory(office=office, first_name="", last_name="", username="uten.navn")
    modules = [ModuleFactory(title=f"Modul {n}") for n in range(4)]
    AssignmentFactory(user=odd, module=modules[0], due_on=today - timedelta(days=1))  # overdue
    AssignmentFactory(user=odd, module=modules[1], due_on=today + timedelta(days=7))  # not started
    Progress.objects.create(user=odd, module=modules[2], status=ProgressStatus.IN_PROGRESS)
    AssignmentFactory(user=nameless, module=modules[3], due_on=today + timedelta(days=7))
    Progress.objects.create(user=nameless, module=modules[3], status=ProgressStatus.COMPLETED)
    AssignmentFactory(user=nameless, module=modules[2], due_on=today + timedelta(days=7))
    matrix = build_matrix(office, today=today, by=by)

    template = get_template("learning/matrix.html#rows").render({"matrix": matrix})
    assert matrix.rows_html == template
    if by == "modules":  # every state once; by area a state and a count
        states = {"overdue", "not_started", "in_progress", "completed", "not_assigned"}
        assert states == set(re.findall(r'data-state="(\w+)"', template))
    else:
        assert '<span class="meta">1/4</span>' in template
    assert "&lt;b&gt;Ola&lt;/b&gt; &amp; Co" in template and "Team &quot;2&quot;" in template


@pytest.fixture
def items(db):
    summary = PublishedSummaryFactory()
    today = timezone.localdate()
    reviewer = UserFactory(first_name="Kari", last_name="Nordmann <Vik>")
    return [
        ItemFactory(
            summary=summary,
            title="Sveiser & platearbeider",
            occupation="Sveiser",
            municipality="Risør",
            text="Første linje\nandre <linje>",
            link="https://example.org/?a=1&b=2",
            # On the minute: the Python renderer reckons «ago» from the minute, not the second.
            last_reviewed_at=timezone.now().replace(second=0, microsecond=0)
            - timedelta(days=3, hours=2),
            last_reviewed_by=reviewer,
        ),
        ItemFactory(
            summary=summary,
            kind=ItemKind.EMPLOYER,
            direction=Direction.DOWNSIZING,
            quantity=None,
            on_date=None,
            industry="Bygg",
            needs_confirmation=True,
        ),
        ItemFactory(
            summary=summary,
            kind=ItemKind.KEY_FIGURE,
            employer=None,
            value="4,2 %",
            text="Ledigheten i kommunen",
            source="SSB",
            on_date=None,
            quantity=None,
        ),
        ItemFactory(
            summary=summary,
            kind=ItemKind.EVENT,
            employer=None,
            event_kind=EventKind.BREAKFAST,
            place="Rådhuset",
            when_text="kl. 08–10",
            link="https://example.org/pamelding",
            quantity=None,
        ),
        ItemFactory(
            summary=summary,
            kind=ItemKind.PROGRAMME,
            employer=None,
            provider="Risør Arbeidssenter",
            period="Vår",
            quantity=3,
            on_date=today - timedelta(days=3),
            expires_on=today - timedelta(days=3),
            freshness=Freshness.EXPIRED,
        ),
    ]


@pytest.mark.parametrize("show_summary", [False, True])
@pytest.mark.parametrize("show_freshness", [False, True])
def test_an_item_is_what_its_template_says(items, show_summary, show_freshness):
    template = get_template("marketinfo/includes/items.html#item")
    new_since = items[0].published_at - timedelta(minutes=1)
    for item in items:
        item.summary_label = "NAV Risør, uke 48 2026"
        options = {"show_summary": show_summary, "show_freshness": show_freshness}
        expected = template.render({"item": item, "new_since": new_since, **options})
        assert same(market_item(item, new_since=new_since, **options)) == same(expected)
        if not show_summary:  # the summary page's cached parts
            parts = [market_item_parts(item, show_freshness=show_freshness)]
            assert same(join_market_item_parts(parts)) == same(
                template.render({"item": item, **options})
            )


def test_the_editing_list_is_what_its_template_says(items):
    template = get_template("marketinfo/includes/items.html#edit-list")
    context = {"items": items, "csrf_token": "token"}
    assert same(market_edit_items(context, items)) == same(template.render(context))


@pytest.mark.parametrize("column", ["vacancies", "programmes", "events"])
def test_the_board_cards_are_what_their_template_says(column):
    day = timezone.localdate() + timedelta(days=2)
    cards = [
        {"title": "Sveiser & co", "quantity": 1200, "on_date": day, "place": "Rådhuset",
         "provider": "Risør <Arbeidssenter>", "employer__name": "Brønnboring AS"},
        {"title": "Uten tall", "quantity": None, "on_date": None, "place": "",
         "provider": "", "employer__name": None},
    ]  # fmt: skip
    if column == "events":
        cards = cards[:1]
    template = get_template("marketinfo/includes/items.html#board-cards")
    expected = template.render({"cards": cards, "column": column})
    assert same(board_cards(cards, column)) == same(expected)


@pytest.mark.django_db
def test_the_module_cards_are_what_their_template_says():
    user = UserFactory()
    odd = ModuleFactory(title="<b>Lønn</b> & tilskudd", summary='Om "tilskudd" <i>og</i> mer')
    QuestionFactory(module=odd)
    Progress.objects.create(user=user, module=odd, percent=40, status=ProgressStatus.IN_PROGRESS)
    draft = ModuleFactory(title="Utkast", status=Status.DRAFT, minutes=1200)
    modules = list(Module.objects.as_cards(user).filter(pk__in=[odd.pk, draft.pk]))
    template = get_template("learning/index.html#module-cards")

    expected = template.render({"modules": modules})
    assert same(module_cards(modules)) == same(expected)
    assert "&lt;b&gt;Lønn&lt;/b&gt; &amp; tilskudd" in expected and 'value="40"' in expected
    assert same(module_cards([])) == same(template.render({"modules": []}))


@pytest.mark.django_db
@pytest.mark.parametrize("viewer_is_author", [False, True])
def test_the_experiences_are_what_their_template_says(viewer_is_author):
    named = ShareFactory(activity="Fagdag <om> lønn & tilskudd", learnt="ord " * 60)
    hidden = ShareFactory(anonymous=True, learnt='Kort "sitat" <b>her</b>')
    ShareComment.objects.create(share=named, author=hidden.author, text="Takk")
    viewer = hidden.author if viewer_is_author else UserFactory()
    shares = list(Share.objects.filter(pk__in=[named.pk, hidden.pk]).listed().order_by("pk"))
    template = get_template("learning/shares.html#share-items")

    expected = template.render({"shares": shares, "user": viewer})
    shown = share_items(shares, lambda share: share.author_id == viewer.pk or not share.anonymous)
    assert same(shown) == same(expected)
    assert (str(hidden.author) in expected) == viewer_is_author
    assert same(share_items([], bool)) == same(template.render({"shares": [], "user": viewer}))


def test_the_editors_paths_are_what_their_template_says():
    paths = [("/laering/stier/a/endre/", "Ny i NAV <og> & mer", None, "Publisert"),
             ("/laering/stier/b/endre/", "Oppfølging", 'Agder "sør"', "Utkast")]  # fmt: skip
    template = get_template("learning/editor.html#path-items")
    for rows in (paths, []):
        assert same(editable_path_items(rows)) == same(template.render({"paths": rows}))


@pytest.mark.django_db
def test_the_office_overviews_lists_are_what_their_templates_say():
    office = OfficeFactory()
    people = [UserFactory(office=office, first_name="<Ola>", last_name="& Co"), UserFactory()]
    AssignmentFactory(user=people[0], due_on=timezone.localdate() - timedelta(days=3))
    overdue = list(Assignment.objects.overdue_in(office, timezone.localdate()))
    assert overdue
    for rows in (overdue, []):
        template = get_template("learning/office.html#overdue-items")
        assert same(overdue_items(rows)) == same(template.render({"overdue": rows}))
    for rows in (people, []):
        template = get_template("learning/office.html#plan-items")
        context = {"without_plan": rows, "year": 2027}
        assert same(plan_items(rows, 2027)) == same(template.render(context))


@pytest.mark.parametrize(
    "runs",
    [[], [("5 < 6 & ", False), ("rekruttering", True), (' "her"', False)], [("<b>", True)]],
)
def test_a_search_hits_marked_words_are_what_the_partial_says(runs):
    template = get_template("portal/search.html#marked")
    assert marked(runs) == template.render({"runs": runs})
