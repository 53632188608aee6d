"""Reads other apps use (the employer page lists where the weekly summaries mention it), and
the summary page's items, rendered once for all its readers."""

from __future__ import annotations

from datetime import date

from django.core.cache import cache
from django.db.models.expressions import RawSQL
from django.utils.translation import get_language

from marketinfo.models import Item, Summary, current_iso_week
from marketinfo.templatetags.market_items import market_item_parts
from portal.cache_guard import cache_available, cache_failed

# The date is in the key, so a day is the longest an entry is of use.
SUMMARY_ITEMS_SECONDS = 24 * 60 * 60


def employer_mentions(employer, limit: int = 10) -> list[Item]:
    """The employer's most recent published mentions, each with its summary: one query.

    Expired ones are included: the employer page is an archive as much as news.
    """
    return list(
        Item.objects.mentioning(employer)
        .select_related("summary__office", "summary__region")
        .order_by("-published_at", "position")[:limit]
    )


def items_version() -> RawSQL:
    """A fingerprint of everything the summary page shows of a summary's items, for
    `Summary.objects.annotate(items_version=...)`. `xmin` is the transaction that wrote a row
    version, so it changes with every write to an item, including the beat task's freshness
    updates and edits in the admin; the employer and reviewer columns shown are in it too.
    Reading it costs an index scan over the summary's items in the query that loads the
    summary anyway."""
    return RawSQL(
        "SELECT md5(string_agg(concat_ws('|', i.id, i.xmin::text, e.name,"
        " e.organisation_number, u.first_name, u.last_name), ',' ORDER BY i.id))"
        " FROM marketinfo_item i"
        " LEFT JOIN employers_employer e ON e.id = i.employer_id"
        " LEFT JOIN portal_user u ON u.id = i.last_reviewed_by_id"
        ' WHERE i.summary_id = "marketinfo_summary"."id"',
        (),
    )


def summary_item_parts(summary: Summary, today: date) -> tuple[list[tuple], list[tuple]]:
    """The summary's current and expired items as `market_item_parts`.

    A published summary is read by the whole office and more, and its items look the same to
    every reader allowed to see it (the caller has checked that), so they are rendered once
    per version of the items, language and day (an item expires by the date).
    """
    key = None
    if summary.is_published and cache_available():
        version = getattr(summary, "items_version", None)
        key = f"marketinfo:summary-items:{summary.pk}:{version}:{get_language()}:{today}"
        try:
            found = cache.get(key)
        except Exception:
            cache_failed("summary items")
            key, found = None, None
        if found is not None:
            return found
    items = summary.items.select_related("employer", "last_reviewed_by").only(
        *ITEM_PAGE_FIELDS, "last_reviewed_by__first_name", "last_reviewed_by__last_name"
    )
    current, expired = [], []
    # A past week's summary is a record of that week: readers get no "review due" badge on
    # what is simply last week's news (the key is per day, so it changes with the week).
    archive = (summary.year, summary.week) < current_iso_week(today)
    for item in items:
        if item.expires_on and item.expires_on < today:
            expired.append(market_item_parts(item, show_freshness=False))
        else:
            current.append(market_item_parts(item, show_freshness=not archive))
    if key is not None:
        try:
            cache.set(key, (current, expired), SUMMARY_ITEMS_SECONDS)
        except Exception:
            cache_failed("summary items")
    return current, expired


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
