"""Dashboard panels: this week's highlights for everyone; the weekly rhythm for market contacts."""

from datetime import timedelta

from django.db.models import Subquery
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketinfo.models import Item, Summary, SummaryStatus, current_iso_week
from marketinfo.permissions import can_write_anything
from portal import cache
from portal.dashboard import LazyPanel, Panel
from portal.models import Office

# Everyone in an office sees the same latest summary on the dashboard, its most visited page:
# kept in the cache until any summary, office or region changes (see marketinfo.apps).
SUMMARIES_GENERATION = "marketinfo:summaries"
LATEST_SUMMARY_SECONDS = 60 * 30


def latest_published_summaries(office_id: int) -> tuple[Summary | None, Summary | None]:
    """The office's own newest published summary and its region's: the dashboard shows the
    office's first and the region's beside it, never the region's instead of the office's."""
    published = Summary.objects.filter(status=SummaryStatus.PUBLISHED).order_by("-year", "-week")
    own = published.filter(office_id=office_id).select_related("office").first()
    # The region's own summaries by the region id, not a join through all its offices: the
    # join made Postgres sort every published summary in the country (≈ 70 ms at scale).
    region_id = Subquery(Office.objects.filter(pk=office_id).values("region_id")[:1])
    region = (
        published.filter(office__isnull=True, region_id=region_id).select_related("region").first()
    )
    return own, region


def forget_latest_summaries(**kwargs) -> None:
    cache.bump(SUMMARIES_GENERATION)


def panels(request: HttpRequest) -> list[Panel]:
    user = request.user
    if not user.office_id:
        return []
    year, week = current_iso_week()
    own, region = cache.cached(
        f"marketinfo:latest-summaries:{user.office_id}",
        lambda: latest_published_summaries(user.office_id),
        LATEST_SUMMARY_SECONDS,
        [SUMMARIES_GENERATION],
    )
    return [
        Panel(
            template="marketinfo/panels/highlights.html",
            title=_("This week's three highlights"),
            context={
                "summary": own,
                "region_summary": region,
                "this_week": bool(own and (own.year, own.week) == (year, week)),
                "region_this_week": bool(region and (region.year, region.week) == (year, week)),
            },
            order=20,
        )
    ]


def rhythm_context(user) -> dict:
    """For a market contact: this week's own summary and what expires this week."""
    year, week = current_iso_week()
    own = (
        Summary.objects.filter(office_id=user.office_id, year=year, week=week)
        .only("pk", "status")
        .first()
    )
    today = timezone.localdate()
    expiring = list(
        Item.objects.current()
        .filter(office_id=user.office_id, expires_on__range=(today, today + timedelta(days=6)))
        .only("title", "expires_on")
        .order_by("expires_on")[:10]
    )
    return {"summary": own, "week": week, "expiring": expiring}


LAZY_PANELS = (
    LazyPanel(
        "marketinfo:panel_rhythm",
        "marketinfo/panels/rhythm.html",
        _("This week's summary"),
        order=21,
        context=rhythm_context,
        allowed=lambda user: bool(user.office_id) and can_write_anything(user),
    ),
)
