import csv
import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from portal import cache as portal_cache
from portal.models import Role
from portal.usage import feedback_give, record_view
from tests.factories import GlossaryTermFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    cache.clear()
    # An earlier test may have simulated a cache outage; that pause must not carry over.
    monkeypatch.setattr(portal_cache, "_unavailable_until", 0.0)


@pytest.fixture
def editor():
    return UserFactory(roles=[Role.EDITOR])


def test_usage_report_ranks_content_and_shows_unread_items(client, editor):
    popular = GlossaryTermFactory(term="Populær")
    GlossaryTermFactory(term="Ulest")
    for _ in range(3):
        record_view(popular)
    feedback_give(user=UserFactory(), obj=popular, useful=False, comment="Mangler eksempler")
    client.force_login(editor)
    response = client.get(reverse("portal:report_usage"))
    most = response.context["most_used"]
    assert [(row.title, row.views) for row in most[:2]] == [("Populær", 3), ("Ulest", 0)]
    assert response.context["least_used"][0].title == "Ulest"
    assert "Mangler eksempler" in response.text
    for heading in ("Mest brukt", "Minst brukt", "Dårligst vurdert"):
        assert f"{heading}</h2>" in response.text


def test_report_stays_within_budget(client, editor, django_assert_num_queries_same):
    client.force_login(editor)
    GlossaryTermFactory()

    def uncached_report():
        cache.clear()  # measure the report as computed, not as served from the cache
        return client.get(reverse("portal:report_usage"))

    django_assert_num_queries_same(
        uncached_report, lambda: [record_view(GlossaryTermFactory()) for _ in range(20)]
    )


def test_review_report_lists_stale_and_unowned(client, editor):
    GlossaryTermFactory(term="Gammel", owner=editor, freshness="stale")
    GlossaryTermFactory(term="Foreldreløs", owner=UserFactory(is_active=False))
    GlossaryTermFactory(term="Fin", owner=editor)
    client.force_login(editor)
    text = client.get(reverse("portal:report_review")).text
    assert "Gammel" in text and "Foreldreløs" in text and "Fin" not in text


def test_export_is_csv_with_the_counts(client, editor):
    term = GlossaryTermFactory(term='=HYPERLINK("x")')
    record_view(term)
    client.force_login(editor)
    response = client.get(reverse("portal:report_export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Type", "Tittel", "Adresse", "Visninger", "Nyttig", "Ikke nyttig"]
    assert rows[1][1] == '\'=HYPERLINK("x")' and rows[1][3] == "1"


def test_views_older_than_the_period_do_not_count(client, editor):
    from portal.models import UsageCount

    term = GlossaryTermFactory()
    record_view(term)
    UsageCount.objects.update(day=timezone.localdate() - timedelta(days=200))
    client.force_login(editor)
    response = client.get(reverse("portal:report_usage"))
    assert response.context["most_used"][0].views == 0


def test_usage_report_is_served_from_the_cache_for_a_short_while(client, editor):
    term = GlossaryTermFactory(term="Bufret")
    client.force_login(editor)
    client.get(reverse("portal:report_usage"))
    record_view(term)
    cached = client.get(reverse("portal:report_usage")).context["most_used"][0]
    assert (cached.title, cached.views) == ("Bufret", 0)
    cache.clear()  # what the expiry does after USAGE_REPORT_CACHE_SECONDS
    fresh = client.get(reverse("portal:report_usage")).context["most_used"][0]
    assert (fresh.title, fresh.views) == ("Bufret", 1)


def test_editor_panel_counts_review_unowned_and_own_items(client, editor):
    GlossaryTermFactory(owner=editor, freshness="stale")
    GlossaryTermFactory(owner=editor, freshness="review_due")
    GlossaryTermFactory(owner=UserFactory(), freshness="review_due")
    GlossaryTermFactory(owner=None)
    GlossaryTermFactory(owner=UserFactory(is_active=False))
    GlossaryTermFactory(owner=None, freshness="expired")
    GlossaryTermFactory(owner=editor)
    client.force_login(editor)
    panel = client.get(reverse("portal:panel_editor"), HTTP_HX_REQUEST="true").context["panel"]
    assert (panel["due"], panel["unowned"], panel["mine"]) == (3, 2, 2)


def test_review_report_drops_an_item_as_soon_as_it_is_reviewed(client, editor):
    term = GlossaryTermFactory(term="Gammel", owner=editor, freshness="stale")
    client.force_login(editor)
    assert "Gammel" in client.get(reverse("portal:report_review")).text
    term.freshness = "fresh"
    term.save()
    assert "Gammel" not in client.get(reverse("portal:report_review")).text


def test_review_report_sees_an_owner_deactivated_after_it_was_shown(client, editor):
    owner = UserFactory()
    GlossaryTermFactory(term="Eierløs snart", owner=owner)
    client.force_login(editor)
    assert "Eierløs snart" not in client.get(reverse("portal:report_review")).text
    owner.is_active = False
    owner.save()
    assert "Eierløs snart" in client.get(reverse("portal:report_review")).text
