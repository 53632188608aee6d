"""What the office board (tavlemøte) shows: the page for signed-in users and the wall screen."""

from datetime import timedelta

from django.utils import timezone

from marketinfo.models import Item, ItemKind, item_sameness_key
from portal.models import Office

# The most a wall screen shows (it reloads every three minutes).
BOARD_ITEMS = 200


def _once_each(rows: list[dict]) -> list[dict]:
    """The rows without repeats: a vacancy copied into this week's summary is also in last
    week's, and both are current. The newest comes first in the feed's order and is kept."""
    seen = set()
    kept = []
    for row in rows:
        key = item_sameness_key(row["kind"], row["employer__name"], row["title"], row["on_date"])
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


def board_context(office: Office) -> dict:
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    sunday = monday + timedelta(days=6)
    # Plain rows, not model objects: the board only shows them.
    items = _once_each(
        list(
            Item.objects.for_board(office).values(
                "kind", "title", "quantity", "on_date", "place", "provider", "employer__name"
            )[:BOARD_ITEMS]
        )
    )
    return {
        "office": office,
        "vacancies": [i for i in items if i["kind"] == ItemKind.VACANCY],
        "programmes": [i for i in items if i["kind"] == ItemKind.PROGRAMME],
        "events": sorted(
            (
                i
                for i in items
                if i["kind"] == ItemKind.EVENT and i["on_date"] and monday <= i["on_date"] <= sunday
            ),
            key=lambda i: i["on_date"],
        ),
        "now": timezone.localtime(),
    }
