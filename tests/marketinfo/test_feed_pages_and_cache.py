"""The feed a page at a time («Vis eldre»); the summary page's items rendered once for all
readers (every change shows at once: test_summary_items_cache.py); the board's cards."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from marketinfo.models import Item, ItemKind
from marketinfo.views.feed import FEED_PAGE_SIZE
from tests.factories import OfficeFactory, UserFactory
from tests.marketinfo.factories import EmployerFactory, ItemFactory, PublishedSummaryFactory

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")
ARTICLE = re.compile(r'<article class="market-item" id="item-(\d+)"')
MORE = re.compile(r'hx-get="(\?[^"]*etter=[^"]+)"')


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def office():
    return OfficeFactory(name="NAV Risør", slug="risor")


def _feed_in_order(office, count: int) -> list[int]:
    """`count` current items over several weeks' summaries, in the order the feed shows them."""
    now = timezone.now()
    for week in range(1, 4):
        summary = PublishedSummaryFactory(
            office=office, week=week, published_at=now - timedelta(days=week)
        )
        for position in range(count // 3 + 1):
            ItemFactory(summary=summary, position=position)
    return list(Item.objects.feed().filter(office=office).values_list("pk", flat=True))


def test_the_feed_shows_a_page_and_the_rest_a_page_at_a_time(client, office):
    expected = _feed_in_order(office, 2 * FEED_PAGE_SIZE + 5)
    client.force_login(UserFactory(office=office))
    url = reverse("marketinfo:index")
    page = client.get(url).content.decode()
    shown = [int(pk) for pk in ARTICLE.findall(page)]
    assert len(shown) == FEED_PAGE_SIZE
    assert "Vis eldre" in page
    while more := MORE.search(page):
        page = client.get(url + more.group(1).replace("&amp;", "&"), HTTP_HX_REQUEST="true")
        page = page.content.decode()
        assert "<h1" not in page and "Siste ukeoppsummeringer" not in page  # only the next page
        shown += [int(pk) for pk in ARTICLE.findall(page)]
    assert shown == expected
    assert "Vis eldre" not in page


def test_the_next_page_without_javascript_keeps_the_filters_and_leads_back(client, office):
    _feed_in_order(office, FEED_PAGE_SIZE + 5)
    client.force_login(UserFactory(office=office))
    url = reverse("marketinfo:index") + "?scope=office&kind=vacancy"
    first = client.get(url).content.decode()
    older = MORE.search(first).group(1).replace("&amp;", "&")
    assert "kind=vacancy" in older
    page = client.get(reverse("marketinfo:index") + older).content.decode()
    assert len(ARTICLE.findall(page)) == 8  # the rest, none of the first page
    assert not set(ARTICLE.findall(page)) & set(ARTICLE.findall(first))
    assert ">Nyeste</a>" in page


def test_a_garbled_cursor_shows_the_first_page(client, office):
    _feed_in_order(office, 5)
    client.force_login(UserFactory(office=office))
    response = client.get(reverse("marketinfo:index") + "?etter=x_1_2")
    assert response.status_code == 200
    assert len(ARTICLE.findall(response.content.decode())) == 6


def test_new_since_last_visit_counts_beyond_the_first_page(client, office):
    reader = UserFactory(office=office)
    url = reverse("marketinfo:index")
    with time_machine.travel(datetime(2026, 11, 23, 8, tzinfo=OSLO)):
        client.force_login(reader)
        client.get(url)
        client.post(reverse("marketinfo:reading_visit"))  # as the loaded page does
    with time_machine.travel(datetime(2026, 11, 30, 8, tzinfo=OSLO)):
        client.force_login(reader)
        summary = PublishedSummaryFactory(office=office, week=49)
        for position in range(FEED_PAGE_SIZE + 3):
            ItemFactory(summary=summary, position=position)
        page = client.get(url).content.decode()
    assert f"{FEED_PAGE_SIZE + 3} nye punkter siden forrige besøk" in page


def _summary_page(client, summary) -> str:
    return client.get(reverse("marketinfo:summary_detail", args=[summary.pk])).content.decode()


def test_a_second_reader_gets_the_items_without_reading_them_again(
    client, office, django_assert_max_num_queries
):
    summary = PublishedSummaryFactory(office=office)
    for position in range(20):
        ItemFactory(summary=summary, position=position)
    client.force_login(UserFactory(office=office))
    first = _summary_page(client, summary)
    client.force_login(UserFactory(office=office))
    with django_assert_max_num_queries(5) as captured:
        second = _summary_page(client, summary)
    assert not any('FROM "marketinfo_item"' in q["sql"] for q in captured.captured_queries)
    assert ARTICLE.findall(second) == ARTICLE.findall(first)
    assert len(ARTICLE.findall(second)) == 20


def test_the_time_since_review_is_current_on_a_cached_page(client, office):
    with time_machine.travel(datetime(2026, 11, 30, 8, tzinfo=OSLO), tick=False):
        summary = PublishedSummaryFactory(office=office)
        ItemFactory(summary=summary, title="Sveiser", last_reviewed_at=timezone.now())
        client.force_login(UserFactory(office=office))
        assert "Oppdatert nå nettopp" in _summary_page(client, summary)
    with time_machine.travel(datetime(2026, 11, 30, 11, 5, tzinfo=OSLO), tick=False):
        page = _summary_page(client, summary)
    assert "Oppdatert for 3\xa0timer, 5\xa0minutter siden" in page


@time_machine.travel(datetime(2026, 11, 25, 9, tzinfo=OSLO))
def test_the_board_shows_each_column_with_its_details(client, office):
    summary = PublishedSummaryFactory(office=office)
    ItemFactory(
        summary=summary,
        title="Sveiser <b>",
        quantity=3,
        on_date=date(2026, 12, 4),
        employer=EmployerFactory(name="Verftet AS"),
    )
    ItemFactory(
        summary=summary,
        kind=ItemKind.PROGRAMME,
        title="Arbeidstrening",
        quantity=None,
        on_date=date(2026, 12, 1),
        provider="Inkluderingsbedriften",
        employer=None,
    )
    ItemFactory(
        summary=summary,
        kind=ItemKind.EVENT,
        title="Jobbmesse",
        on_date=date(2026, 11, 27),
        place="Rådhuset",
        employer=None,
    )
    client.force_login(UserFactory(office=office))
    board = client.get(
        reverse("marketinfo:board", args=[office.slug]), HTTP_HX_REQUEST="true"
    ).content.decode()
    cards = re.findall(r'<article class="board-card">(.*?)</article>', board, re.S)
    text = [" ".join(re.sub(r"<[^>]+>", " ", card).split()) for card in cards]
    assert text == [
        "Sveiser &lt;b&gt; × 3 Verftet AS Frist 4. desember",
        "Arbeidstrening Inkluderingsbedriften Oppstart 1. desember",
        "Jobbmesse fredag 27. november, Rådhuset",
    ]
