"""The items rendered in Python (marketinfo/templatetags/market_items.py, for speed) say what
their template says (marketinfo/includes/items.html): the same markup for every kind of item."""

import re
from datetime import timedelta

import pytest
from django.template.loader import get_template
from django.utils import timezone

from marketinfo.models import Direction, EventKind, ItemKind
from marketinfo.templatetags.market_items import (
    board_cards,
    join_market_item_parts,
    market_edit_items,
    market_item,
    market_item_parts,
)
from portal.freshness import Freshness
from tests.factories import UserFactory
from tests.marketinfo.factories import ItemFactory, PublishedSummaryFactory

pytestmark = pytest.mark.django_db


def same(html: str) -> str:
    """Markup as a browser lays it out: a run of white space is one space."""
    return re.sub(r"\s+", " ", str(html)).replace("> <", "><").strip()


@pytest.fixture
def items():
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


def test_the_editing_list_is_what_its_template_says(items, rf):
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
