"""The feed (/marked/): current items of my office, region or country, a page at a time."""

from datetime import UTC, datetime, timedelta

from django.contrib.auth.decorators import login_required
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketinfo import services
from marketinfo.forms import FeedFilterForm
from marketinfo.models import Item, Summary
from marketinfo.permissions import can_write_anything
from marketinfo.queries import ITEM_PAGE_FIELDS
from marketinfo.views.access import office_of
from portal.htmx import page_template
from portal.models import Office

# A first page that reads quickly; «Show older» adds the next one.
FEED_PAGE_SIZE = 25


def _feed_items(filters: dict, scope: str, office: Office | None):
    """The feed's items in scope and filters, newest summary first, with what a card shows."""
    # Not last_reviewed_by: the feed does not show who reviewed an item. The summary's label
    # comes as three columns, not as summary, office and region objects for every item.
    return (
        Item.objects.feed()
        .in_scope(scope, office)
        .matching(
            kind=filters.get("kind"),
            industry=filters.get("industry"),
            municipality=filters.get("municipality"),
        )
        .select_related("employer")
        .only(*ITEM_PAGE_FIELDS)
        .annotate(
            summary_scope=Coalesce("summary__office__name", "summary__region__name"),
            summary_week=F("summary__week"),
            summary_year=F("summary__year"),
        )
    )


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def _feed_cursor(item: Item) -> str:
    """Where the next page starts, in the feed's order: after this item."""
    published = (item.published_at - _EPOCH) // _MICROSECOND
    return f"{published}_{item.summary_id}_{item.position}"


def _after_cursor(raw: str) -> Q | None:
    """The items after a `_feed_cursor`, in the order of Item.objects.feed(); None if garbled."""
    try:
        published, summary_id, position = (int(part) for part in raw.split("_"))
        published_at = _EPOCH + published * _MICROSECOND
    except (ValueError, OverflowError):
        return None
    # The first condition alone is a range on the feed indexes; the rest sorts out the ties.
    return Q(published_at__lte=published_at) & (
        Q(published_at__lt=published_at)
        | Q(summary_id__gt=summary_id)
        | Q(summary_id=summary_id, position__gt=position)
    )


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The feed: current items of my office, my region or the whole country, filtered, a page
    at a time («Show older» adds the next page below)."""
    user = request.user
    office = office_of(user)
    form = FeedFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    scope = filters.get("scope") or ("office" if office else "country")
    items = _feed_items(filters, scope, office)
    after = _after_cursor(request.GET["etter"]) if request.GET.get("etter") else None
    if after is not None:
        items = items.filter(after)
    shown = list(items[: FEED_PAGE_SIZE + 1])
    has_next = len(shown) > FEED_PAGE_SIZE
    shown = shown[:FEED_PAGE_SIZE]
    week = _("week")
    for item in shown:
        # As str(item.summary) would say it.
        item.summary_label = f"{item.summary_scope}, {week} {item.summary_week} {item.summary_year}"
    query = request.GET.copy()
    query.pop("etter", None)
    context = {
        "items": shown,
        "next_cursor": _feed_cursor(shown[-1]) if has_next else "",
        "query": query.urlencode(),
        "is_later_page": after is not None,
    }
    previous_visit = services.reading_visit_since(user=user)
    context["previous_visit"] = previous_visit
    if request.htmx and after is not None:  # a later page of the feed: its items alone
        template = page_template(request, "marketinfo/index.html", "feed-page")
        return render(request, template, context)
    new_count = sum(1 for i in shown if previous_visit and i.published_at > previous_visit)
    if previous_visit and has_next and new_count == len(shown):
        # Everything on the page is new, so the page does not say how much is.
        new_count = items.filter(published_at__gt=previous_visit).count()
    summaries = (
        Summary.objects.published()
        .in_scope(scope, office)
        .select_related("office", "region")
        .order_by("-published_at")
    )
    drafts = []
    if can_write_anything(user) and office:
        drafts = list(
            Summary.objects.visible_to(user).unpublished().written_at(office).with_related()[:5]
        )
    context.update(
        {
            "form": form,
            "scope": scope,
            "office": office,
            "summaries": list(summaries[:6]),
            "drafts": drafts,
            "new_count": new_count,
            "can_write": can_write_anything(user),
        }
    )
    return render(request, page_template(request, "marketinfo/index.html", "results"), context)


@login_required
@require_POST
def reading_visit(request: HttpRequest) -> HttpResponse:
    """The feed page, once loaded, records the visit: opening it (a GET) writes nothing."""
    services.reading_visit_touch(user=request.user)
    return HttpResponse(status=204)
