"""Hostile input to the forms people type in: generated text and an XSS corpus.

Whatever is posted, the answer is never a server error, a refused form saves nothing, and
nothing typed comes back as live markup."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from employers import demo as employers_demo
from employers.models import ContactEntry, ConversationGuide, Employer, PlannedContact
from learning import demo as learning_demo
from learning.models import BestPractice, Module, Share
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
]

# (URL name, args from the demo, user, model whose rows a refused form must not add)
FORMS = [
    ("employers:create", lambda c: [], "veileder", Employer),
    ("employers:entry_create", lambda c: [c.orgnr], "veileder2", ContactEntry),
    ("employers:plan_create", lambda c: [c.orgnr], "veileder", PlannedContact),
    ("employers:guide_create", lambda c: [], "redaktor", ConversationGuide),
    ("learning:share_create", lambda c: [], "veileder", Share),
    ("learning:module_create", lambda c: [], "redaktor", Module),
    ("learning:best_practice_create", lambda c: [], "redaktor", BestPractice),
]
FIELD = re.compile(r'<(?:input|textarea|select)[^>]*\bname="([^"]+)"')


@pytest.fixture
def world():
    with override_settings(DEBUG=True):
        context = demo.seed()
        employers_demo.seed(context)
        learning_demo.seed(context)
    context.orgnr = Employer.objects.filter(main_unit__isnull=True).first().organisation_number
    return context


def field_names(client, url):
    page = client.get(url)
    assert page.status_code == 200, url
    return sorted({n for n in FIELD.findall(page.text) if n != "csrfmiddlewaretoken"})


@pytest.mark.parametrize(("name", "args", "username", "model"), FORMS, ids=[f[0] for f in FORMS])
def test_the_xss_corpus_never_comes_back_live(client, world, name, args, username, model):
    client.force_login(world.users[username])
    url = reverse(name, args=args(world))
    fields = field_names(client, url)
    for payload in XSS:
        response = client.post(url, dict.fromkeys(fields, payload), follow=True)
        assert response.status_code < 500, payload
        body = response.text
        for live in LIVE_MARKUP:
            assert live not in body, (
                f"{payload!r} came back live on {response.request['PATH_INFO']}"
            )


@pytest.mark.parametrize(("name", "args", "username", "model"), FORMS, ids=[f[0] for f in FORMS])
def test_generated_input_never_breaks_a_form(client, world, name, args, username, model):
    client.force_login(world.users[username])
    url = reverse(name, args=args(world))
    fields = field_names(client, url)

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.fixed_dictionaries({f: st.text(max_size=120) for f in fields}))
    def post(data):
        before = model.objects.count()
        response = client.post(url, data)
        assert response.status_code < 500
        if response.status_code == 200:  # the form came back with its errors
            assert model.objects.count() == before, "a refused form saved something"
            assert "aksel-form-field__error" in response.text or "form-errors" in response.text

    post()
