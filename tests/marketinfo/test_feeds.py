"""The Atom feed and the calendar through a personal secret link, renewable."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from marketinfo.models import FeedToken, ItemKind
from marketinfo.services import feed_token_get, feed_token_renew
from tests.factories import OfficeFactory, UserFactory
from tests.marketinfo.factories import ItemFactory, PublishedSummaryFactory, SummaryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return OfficeFactory(name="NAV Risør", slug="risor")


def test_atom_feed_lists_published_summaries_only(client, office):
    PublishedSummaryFactory(office=office, week=47, headline="Publisert overskrift")
    SummaryFactory(office=office, week=48, headline="Hemmelig utkast")
    token = feed_token_get(user=UserFactory(office=office)).token
    response = client.get(reverse("marketinfo:atom_feed", args=[token, "kontor", "risor"]))
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Publisert overskrift" in body
    assert "Hemmelig utkast" not in body


def test_renewing_the_token_stops_the_old_link(client, office):
    user = UserFactory(office=office)
    old = feed_token_get(user=user).token
    new = feed_token_renew(user=user).token
    assert old != new
    url = "marketinfo:atom_feed"
    assert client.get(reverse(url, args=[old, "kontor", "risor"])).status_code == 404
    assert client.get(reverse(url, args=[new, "kontor", "risor"])).status_code == 200


def test_calendar_has_the_upcoming_events(client, office):
    summary = PublishedSummaryFactory(office=office)
    day = timezone.localdate() + timedelta(days=3)
    ItemFactory(summary=summary, kind=ItemKind.EVENT, title="Jobbmesse, kulturhuset", on_date=day)
    ItemFactory(summary=summary, kind=ItemKind.VACANCY, title="Ikke en hendelse")
    token = feed_token_get(user=UserFactory(office=office)).token
    response = client.get(
        reverse("marketinfo:calendar", args=[token, "region", office.region.slug])
    )
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert f"DTSTART;VALUE=DATE:{day:%Y%m%d}" in body
    assert "SUMMARY:Jobbmesse\\, kulturhuset" in body
    assert "Ikke en hendelse" not in body


def test_opening_the_page_makes_no_links_the_button_does(client, office):
    user = UserFactory(office=office)
    client.force_login(user)
    page = reverse("marketinfo:subscriptions")
    assert "/marked/feed/" not in client.get(page).text
    assert not FeedToken.objects.filter(user=user).exists()  # a GET writes nothing
    client.post(reverse("marketinfo:subscriptions_renew"))
    token = FeedToken.objects.get(user=user).token
    assert reverse("marketinfo:atom_feed", args=[token, "kontor", "risor"]) in client.get(page).text
