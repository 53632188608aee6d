"""The dashboard's latest summary is shared by an office through the cache, and a change to
any summary, office or region is on the next dashboard."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse

from marketinfo.models import Summary, SummaryStatus, current_iso_week
from marketinfo.services import summaries_publish_due, summary_publish
from portal import cache as portal_cache
from tests.factories import OfficeFactory, UserFactory
from tests.marketinfo.factories import PublishedSummaryFactory, SummaryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    cache.clear()
    monkeypatch.setattr(portal_cache, "_unavailable_until", 0.0)


@pytest.fixture
def office():
    return OfficeFactory(name="NAV Risør")


def last_week():
    year, week = current_iso_week()
    return (year, week - 1) if week > 1 else (year - 1, 52)


def dashboard(client, person) -> str:
    client.force_login(person)
    return client.get(reverse("portal:dashboard")).text


def test_colleagues_share_the_office_summary_without_querying_it(
    client, office, django_assert_num_queries
):
    year, week = last_week()
    PublishedSummaryFactory(office=office, year=year, week=week, highlight_1="Fire i kantina")
    assert "Fire i kantina" in dashboard(client, UserFactory(office=office))
    colleague = UserFactory(office=office)
    client.force_login(colleague)
    with django_assert_num_queries(3):  # session, person, what is due; not the summary
        assert "Fire i kantina" in client.get(reverse("portal:dashboard")).text


def test_publishing_shows_on_the_next_dashboard(client, office):
    year, week = last_week()
    PublishedSummaryFactory(office=office, year=year, week=week, highlight_1="Forrige uke")
    person = UserFactory(office=office)
    assert "Forrige uke" in dashboard(client, person)
    draft = SummaryFactory(office=office, highlight_1="Denne uka")
    assert "Forrige uke" in dashboard(client, person)  # a draft is not shown
    summary_publish(summary_id=draft.pk)
    assert "Denne uka" in dashboard(client, person)


def test_a_scheduled_summary_shows_when_its_time_has_come(client, office):
    person = UserFactory(office=office)
    assert "Ingen ukesoppsummering" in dashboard(client, person)
    scheduled = SummaryFactory(office=office, highlight_1="Planlagt")
    Summary.objects.filter(pk=scheduled.pk).update(
        status=SummaryStatus.SCHEDULED, publish_at=scheduled.created_at - timedelta(minutes=1)
    )
    assert summaries_publish_due() == [scheduled.pk]
    assert "Planlagt" in dashboard(client, person)


def test_edits_and_renames_show_on_the_next_dashboard(client, office):
    summary = PublishedSummaryFactory(office=office, highlight_1="Gammel tekst")
    person = UserFactory(office=office)
    assert "Gammel tekst" in dashboard(client, person)
    summary.highlight_1 = "Ny tekst"
    summary.save()
    assert "Ny tekst" in dashboard(client, person)
    office.name = "NAV Østre Agder"
    office.save()
    assert "NAV Østre Agder, uke" in dashboard(client, person)


def test_another_offices_summary_is_not_shown(client, office):
    PublishedSummaryFactory(office=office, highlight_1="Bare for Risør")
    assert "Bare for Risør" in dashboard(client, UserFactory(office=office))
    assert "Bare for Risør" not in dashboard(client, UserFactory(office=OfficeFactory()))


def test_without_the_cache_the_dashboard_still_shows_the_summary(client, office):
    PublishedSummaryFactory(office=office, highlight_1="Uten Redis")
    with mock.patch("django.core.cache.cache.get_many", side_effect=ConnectionError):
        assert "Uten Redis" in dashboard(client, UserFactory(office=office))


def test_the_offices_own_summary_comes_first_with_the_regions_below(client, office):
    year, week = current_iso_week()
    PublishedSummaryFactory(office=office, year=year, week=week, highlight_1="Fra Risør")
    PublishedSummaryFactory(
        office=None, region=office.region, year=year, week=week, highlight_1="Fra Agder"
    )
    page = dashboard(client, UserFactory(office=office))
    assert "Fra Risør" in page and "Fra Agder" in page
    assert page.index("Fra Risør") < page.index("Fra regionen") < page.index("Fra Agder")


def test_the_regions_summary_shows_when_the_office_has_none(client, office):
    PublishedSummaryFactory(office=None, region=office.region, highlight_1="Fra Agder")
    page = dashboard(client, UserFactory(office=office))
    assert "Ingen ukesoppsummering for kontoret ditt ennå" in page
    assert "Fra Agder" in page
