"""Query budgets: the summary with 100 items, the feed and the board stay within 10 queries,
and the count does not grow with the data."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from marketinfo.views.feed import FEED_PAGE_SIZE
from portal.models import Role
from tests.factories import OfficeFactory, UserFactory
from tests.marketinfo.factories import EmployerFactory, ItemFactory, PublishedSummaryFactory

pytestmark = pytest.mark.django_db
BUDGET = 10


@pytest.fixture
def office():
    return OfficeFactory(name="NAV Risør", slug="risor")


@pytest.fixture
def reader(client, office):
    user = UserFactory(username="veil", office=office, roles=[Role.MARKET_CONTACT.value])
    client.force_login(user)
    return user


def _items(summary, count, start=0):
    employers = [EmployerFactory() for _ in range(3)]
    for n in range(count):
        ItemFactory(summary=summary, employer=employers[n % 3], position=start + n)


def test_summary_with_100_items(
    client, reader, office, django_assert_max_num_queries, django_assert_num_queries_same
):
    summary = PublishedSummaryFactory(office=office)
    _items(summary, 5)
    url = reverse("marketinfo:summary_detail", args=[summary.pk])

    def render():
        cache.clear()  # the items are rendered, not read from the cache of a reader before
        response = client.get(url)
        assert response.status_code == 200

    render()  # content types are cached after the first request
    django_assert_num_queries_same(render, lambda: _items(summary, 95, start=5))
    with django_assert_max_num_queries(BUDGET):
        response = client.get(url)
    assert response.content.decode().count('class="market-item"') == 100


@pytest.mark.parametrize(
    "query", ["", "?scope=country&kind=vacancy&industry=bygg", "?scope=region"]
)
def test_the_feed(
    client, reader, office, query, django_assert_max_num_queries, django_assert_num_queries_same
):
    url = reverse("marketinfo:index") + query

    def grow():
        for week in range(1, 6):
            _items(PublishedSummaryFactory(office=office, week=week), 12)
        _items(PublishedSummaryFactory(office=OfficeFactory(region=office.region), week=9), 10)

    _items(PublishedSummaryFactory(office=office, week=20), 2)
    client.get(url)  # the first visit is recorded; later ones within half an hour are not
    django_assert_num_queries_same(lambda: client.get(url), grow)
    with django_assert_max_num_queries(BUDGET):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="market-item"') == FEED_PAGE_SIZE  # one page


def test_the_board(
    client, reader, office, django_assert_max_num_queries, django_assert_num_queries_same
):
    url = reverse("marketinfo:board", args=[office.slug])
    _items(PublishedSummaryFactory(office=office, week=20), 2)

    def grow():
        _items(PublishedSummaryFactory(office=office, week=21), 60)

    django_assert_num_queries_same(lambda: client.get(url), grow)
    with django_assert_max_num_queries(BUDGET):
        client.get(url)
    with django_assert_max_num_queries(BUDGET):
        client.get(url, HTTP_HX_REQUEST="true")
