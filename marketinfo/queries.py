"""The summary page's items, rendered once for all their readers, and the generations that
make them (and every count over items) old."""

from datetime import date

from django.utils.translation import get_language

from marketinfo.models import Summary, current_iso_week
from portal import cache
from portal.fastrender import market_item_parts

# The date is in the key, so a day is the longest an entry is of use.
SUMMARY_ITEMS_SECONDS = 24 * 60 * 60


def summary_items_generation(summary_id: int) -> str:
    return f"marketinfo:summary-items:{summary_id}"


# Any summary's items: what counts them across summaries (the vacancy map) is kept in it.
ITEMS_GENERATION = "marketinfo:items"


def forget_summary_items(*summary_ids: int) -> None:
    """Make the rendered items of these summaries old, and every count over items: every
    service that writes a summary's items (or publishes it) calls this in the same transaction."""
    cache.bump(ITEMS_GENERATION, *(summary_items_generation(pk) for pk in summary_ids))


_NAME_FIELDS = {"name", "organisation_number", "first_name", "last_name"}


def forget_names(sender, created=False, update_fields=None, **kwargs) -> None:
    """Receives an employer's or a person's save or delete (marketinfo.apps): the summaries'
    items show their names. A sign-in, which saves last_login only, changes none."""
    if not created and (update_fields is None or _NAME_FIELDS & set(update_fields)):
        cache.bump(cache.NAMES)


def summary_item_parts(summary: Summary, today: date) -> tuple[list[tuple], list[tuple]]:
    """The summary's current and expired items as `market_item_parts`.

    A published summary is read by the whole office and more, and its items look the same to
    every reader allowed to see it (the caller has checked that), so they are rendered once
    per language and day (an item expires by the date) until the summary's items change, or
    what every summary shows beside its items: an employer's or a reviewer's name, or the
    freshness states (the hourly freshness run, a review from the review queue).
    """

    def render() -> tuple[list[tuple], list[tuple]]:
        items = summary.items.select_related("employer", "last_reviewed_by").only(
            *ITEM_PAGE_FIELDS, "last_reviewed_by__first_name", "last_reviewed_by__last_name"
        )
        current, expired = [], []
        # A past week's summary is a record of that week: readers get no "review due" badge
        # on what is simply last week's news (the key is per day, so it changes with the week).
        archive = (summary.year, summary.week) < current_iso_week(today)
        for item in items:
            if item.expires_on and item.expires_on < today:
                expired.append(market_item_parts(item, show_freshness=False))
            else:
                current.append(market_item_parts(item, show_freshness=not archive))
        return current, expired

    if not summary.is_published:
        return render()
    return cache.cached(
        f"marketinfo:summary-items:{summary.pk}:{get_language()}:{today}",
        render,
        SUMMARY_ITEMS_SECONDS,
        [summary_items_generation(summary.pk), cache.FRESHNESS, cache.NAMES],
    )


# What `market_item` shows of an item, for `.only()`: not the freshness machinery's own
# columns, and of the employer only its name and number.
ITEM_PAGE_FIELDS = (
    "summary_id",
    "kind",
    "position",
    "title",
    "text",
    "employer__name",
    "employer__organisation_number",
    "quantity",
    "direction",
    "occupation",
    "industry",
    "municipality",
    "on_date",
    "when_text",
    "event_kind",
    "place",
    "provider",
    "link",
    "value",
    "period",
    "source",
    "published_at",
    "expires_on",
    "last_reviewed_at",
    "last_reviewed_by",
    "freshness",
)
