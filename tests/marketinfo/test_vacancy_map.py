"""Where the vacancies are: an office's and its region's vacancies and programme places by
municipality, each vacancy once however many weeks' summaries tell it."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from marketinfo import services
from marketinfo.models import ItemKind
from marketinfo.vacancies import municipality_counts, window_start
from portal.models import OfficeMunicipality
from tests.factories import OfficeFactory, RegionFactory, UserFactory
from tests.marketinfo.factories import (
    EmployerFactory,
    ItemFactory,
    PublishedSummaryFactory,
    SummaryFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("marketinfo:vacancy_map")


@pytest.fixture
def risor():
    return OfficeFactory(name="NAV Risør", slug="risor", region=RegionFactory(name="Agder"))


@pytest.fixture
def tvedestrand(risor):
    """Risør's neighbour in Agder."""
    return OfficeFactory(name="NAV Tvedestrand", slug="tvedestrand", region=risor.region)


@pytest.fixture
def harstad():
    return OfficeFactory(name="NAV Harstad", slug="harstad", region=RegionFactory(name="Troms"))


def published(office, weeks_ago: int, **kwargs):
    """The office's summary published `weeks_ago` weeks ago (its year tells them apart)."""
    at = timezone.now() - timedelta(weeks=weeks_ago)
    return PublishedSummaryFactory(office=office, year=2000 + weeks_ago, published_at=at, **kwargs)


@pytest.fixture
def market(risor, tvedestrand, harstad):
    """Risør's kokk told in two weeks, its programme places without a number, Gjerstad's
    vacancies at Risør and at Tvedestrand, and what must not count."""
    bronn = EmployerFactory(name="Brønnboring AS", municipality="Risør")
    deadline = timezone.localdate() + timedelta(days=20)
    last_week, this_week = published(risor, 1), published(risor, 0)
    # Copied from last week with another spelling and a new number: one vacancy, of 3.
    ItemFactory(summary=last_week, employer=bronn, title="Kokk", quantity=2, on_date=deadline)
    ItemFactory(summary=this_week, employer=bronn, title=" kokk ", quantity=3, on_date=deadline)
    ItemFactory(
        summary=this_week,
        kind=ItemKind.PROGRAMME,
        employer=None,
        title="Arbeidstrening",
        quantity=None,
        municipality="risør",
    )
    ItemFactory(summary=this_week, title="Lærer", quantity=5, municipality="Gjerstad")
    ItemFactory(summary=published(tvedestrand, 0), title="Sveiser", municipality="GJERSTAD ")
    # Not vacancies, not published, not in the last weeks, another region's.
    ItemFactory(summary=this_week, kind=ItemKind.TREND, title="Bygg går ned", municipality="Risør")
    draft = SummaryFactory(office=risor, week=41)
    ItemFactory(summary=draft, title="Utkast", quantity=40, published_at=None)
    ItemFactory(summary=published(risor, 60), title="Gammel", quantity=50)
    ItemFactory(summary=published(harstad, 0), title="Fisker", quantity=7, municipality="Risør")


def rows_of(scope, office, weeks=4, **kwargs):
    return [
        (r.name, r.vacancies, r.places, r.items)
        for r in municipality_counts(scope=scope, office=office, weeks=weeks, **kwargs)
    ]


def test_each_vacancy_counts_once_with_its_latest_number(market, risor):
    # Gjerstad 5, Risør 3 vacancies + 1 place (no number counts one), most first.
    assert rows_of("office", risor) == [("Gjerstad", 5, 0, 1), ("Risør", 3, 1, 2)]


def test_the_region_adds_its_other_offices_but_never_another_region(market, risor, tvedestrand):
    assert rows_of("region", risor) == [("Gjerstad", 7, 0, 2), ("Risør", 3, 1, 2)]
    # Written only in capitals there, so shown so.
    assert rows_of("office", tvedestrand) == [("GJERSTAD", 2, 0, 1)]


def test_an_item_without_any_municipality_is_counted_last(market, risor):
    ItemFactory(summary=published(risor, 2), title="Ukjent", employer=None, quantity=90)
    assert rows_of("office", risor)[-1] == ("", 90, 0, 1)


def test_publishing_and_deleting_show_at_once_though_the_counts_are_kept(market, risor):
    """The counts are cached; every service that writes items makes them old."""
    before = rows_of("office", risor)
    draft = SummaryFactory(office=risor, week=42)
    new = ItemFactory(summary=draft, title="Tømrer", quantity=4, municipality="Vegårshei")
    assert rows_of("office", risor) == before  # a draft's item counts nothing
    services.summary_publish(summary_id=draft.pk)
    assert ("Vegårshei", 4, 0, 1) in rows_of("office", risor)
    services.item_delete(item=new, user=UserFactory(office=risor))
    assert rows_of("office", risor) == before


@pytest.mark.parametrize("weeks", [4, 12, 52])
def test_the_window_starts_on_monday_of_the_first_week(risor, weeks):
    wednesday = date(2026, 3, 18)
    start = window_start(weeks, wednesday)
    assert start.weekday() == 0 and start.time().isoformat() == "00:00:00"
    assert (wednesday - start.date()).days == 2 + 7 * (weeks - 1)
    for at, municipality in ((start, "Inne"), (start - timedelta(microseconds=1), "Ute")):
        summary = PublishedSummaryFactory(office=risor, week=weeks, year=2000 + len(municipality))
        ItemFactory(summary=summary, published_at=at, municipality=municipality)
    assert rows_of("office", risor, weeks, today=wednesday) == [("Inne", 2, 0, 1)]


def test_the_office_that_covers_a_municipality_is_named(client, market, risor, tvedestrand):
    OfficeMunicipality.objects.create(office=tvedestrand, number="4211", name="Gjerstad")
    counts = municipality_counts(scope="region", office=risor, weeks=4)
    assert [(r.name, r.office) for r in counts] == [("Gjerstad", "NAV Tvedestrand"), ("Risør", "")]
    client.force_login(UserFactory(office=risor))
    page = client.get(URL, {"omrade": "region"}).text
    assert "Dekkes av" in page and "NAV Tvedestrand" in page


def test_the_page_is_my_offices_and_links_each_municipality_to_the_feed(
    client, market, risor, django_assert_max_num_queries
):
    client.force_login(UserFactory(office=risor))
    with django_assert_max_num_queries(6):
        page = client.get(URL).text
    assert "NAV Risør, de siste 4 ukene" in page
    feed_link = f"{reverse('marketinfo:index')}?scope=office&amp;municipality=Gjerstad"
    assert f'<a href="{feed_link}">Gjerstad</a>' in page
    assert "Fisker" not in page and ">7<" not in page  # Harstad's
    feed = client.get(feed_link.replace("&amp;", "&")).text
    assert "Lærer" in feed and "Kokk" not in feed


def test_the_area_and_weeks_are_chosen_and_bad_values_fall_back(client, market, risor):
    client.force_login(UserFactory(office=risor))
    region = client.get(URL, {"omrade": "region", "uker": "52"}).text
    assert "Agder, de siste 52 ukene" in region
    assert "Gammel" not in region  # 60 weeks ago
    for bad in ({"uker": "7", "omrade": "x"}, {"uker": "", "omrade": "harstad"}):
        response = client.get(URL, bad)
        assert response.status_code == 200
        assert "NAV Risør, de siste 4 ukene" in response.text
        assert 'value="4" class="aksel-radio__input"' in response.text


def test_another_office_sees_its_own_numbers(client, market, harstad):
    client.force_login(UserFactory(office=harstad))
    page = client.get(URL, {"omrade": "region"}).text
    assert "Troms, de siste 4 ukene" in page
    assert "Gjerstad" not in page


def test_htmx_gets_the_results_alone(client, market, risor):
    client.force_login(UserFactory(office=risor))
    response = client.get(URL, {"uker": "12"}, headers={"HX-Request": "true"})
    assert response.text.lstrip().startswith('<div id="vacancy-results">')
    assert "<h1" not in response.text


def test_empty_state_and_no_office(client, risor):
    client.force_login(UserFactory(office=risor))
    assert "Ingen ledige stillinger eller tiltaksplasser" in client.get(URL).text
    client.force_login(UserFactory(office=None))
    assert "ikke knyttet til et kontor" in client.get(URL).text


def test_the_feed_links_to_the_map(client, risor):
    client.force_login(UserFactory(office=risor))
    assert f'href="{URL}"' in client.get(reverse("marketinfo:index")).text
