"""Every page of the app renders for the demo users (the demo content is the data)."""

import pytest
from django.urls import reverse

import portal.demo
from learning import demo
from learning.models import Assignment, AssignmentSource, Module, Share

pytestmark = pytest.mark.django_db


@pytest.fixture
def ctx():
    context = portal.demo.seed()
    demo.seed(context)
    return context


def test_demo_seed_is_idempotent(ctx):
    counts = (Module.objects.count(), Share.objects.count())
    demo.seed(ctx)
    assert (Module.objects.count(), Share.objects.count()) == counts
    assert Module.objects.published().count() >= 12


def test_the_demos_new_advisor_has_the_ny_i_nav_path_and_the_others_not(ctx):
    onboarded = set(
        Assignment.objects.filter(source=AssignmentSource.ONBOARDING).values_list(
            "user__username", flat=True
        )
    )
    assert onboarded == {"veileder"}


@pytest.mark.parametrize(
    "username, name, args",
    [
        ("veileder", "learning:index", []),
        ("veileder", "learning:module", ["dialog-med-arbeidsgivere"]),
        ("veileder", "learning:quiz", ["dialog-med-arbeidsgivere"]),
        ("veileder", "learning:path", ["ny-i-nav-veileder"]),
        ("veileder", "learning:mine", []),
        ("veileder", "learning:calendar", []),
        ("veileder", "learning:self_assessment", []),
        ("veileder", "learning:shares", []),
        ("veileder", "learning:share_create", []),
        ("veileder", "learning:confirmations", []),
        ("veileder", "learning:best_practices", []),
        ("veileder", "learning:best_practice", ["tavlemote-med-arbeidsgiver"]),
        ("leder", "learning:matrix", ["risor"]),
        ("leder", "learning:office", ["risor"]),
        ("leder", "learning:assign", []),
        ("leder", "learning:panel_office", []),
        ("leder", "learning:group_session", ["trender-og-bransjer"]),
        ("redaktor", "learning:editor", []),
        ("redaktor", "learning:module_create", []),
        ("redaktor", "learning:module_edit", ["dialog-med-arbeidsgivere"]),
        ("redaktor", "learning:module", ["agder-naeringsliv-utkast"]),
        ("leder", "portal:dashboard", []),
        ("veileder", "portal:dashboard", []),
        ("redaktor", "portal:dashboard", []),
    ],
)
def test_page_renders(ctx, client, username, name, args):
    client.force_login(ctx.users[username])
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200, response.content[:2000]


def test_person_plan_and_share_pages(ctx, client):
    client.force_login(ctx.users["leder"])
    veileder = ctx.users["veileder"]
    assert client.get(reverse("learning:person", args=[veileder.pk])).status_code == 200
    plan = client.get(reverse("learning:plan", args=[veileder.pk, 2026]))
    assert plan.status_code == 200
    share = Share.objects.filter(author=ctx.users["markedskontakt"]).get()
    assert client.get(share.get_absolute_url()).status_code == 200
