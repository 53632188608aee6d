"""Dashboard panels: this week's highlights for everyone; the weekly rhythm for market contacts."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q, Subquery
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from marketinfo.models import Item, Summary, SummaryStatus, current_iso_week
from marketinfo.permissions import can_write_anything
from portal.dashboard import Panel
from portal.models import Office


def panels(request: HttpRequest) -> list[Panel]:
    user = request.user
    if not user.office_id:
        return []
    year, week = current_iso_week()
    writer = can_write_anything(user)
    # The region's own summaries by the region id, not a join through all its offices: the
    # join made Postgres sort every published summary in the country (≈ 70 ms at scale).
    region_id = Subquery(Office.objects.filter(pk=user.office_id).values("region_id")[:1])
    scope = Q(office_id=user.office_id) | Q(office__isnull=True, region_id=region_id)
    wanted = Q(status=SummaryStatus.PUBLISHED)
    if writer:
        # The office's own summary of this week, whatever its status, comes in the same query.
        wanted |= Q(office_id=user.office_id, year=year, week=week)
    # Newest first, an office's before its region's in the same week: the first published
    # one is the latest, and this week's own one (at most one row) is among the first two.
    recent = list(
        Summary.objects.filter(scope & wanted)
        .select_related("office", "region")
        .order_by("-year", "-week", "region_id")[:3]
    )
    latest = next((s for s in recent if s.is_published), None)
    result = [
        Panel(
            template="marketinfo/panels/highlights.html",
            title=_("This week's three highlights"),
            context={"summary": latest, "this_week": bool(latest and latest.week == week)},
            order=20,
        )
    ]
    if writer:
        own = next(
            (
                s
                for s in recent
                if s.office_id == user.office_id and (s.year, s.week) == (year, week)
            ),
            None,
        )
        today = timezone.localdate()
        expiring = list(
            Item.objects.current()
            .filter(office_id=user.office_id, expires_on__range=(today, today + timedelta(days=6)))
            .only("title", "expires_on")
            .order_by("expires_on")[:10]
        )
        result.append(
            Panel(
                template="marketinfo/panels/rhythm.html",
                title=_("This week's summary"),
                context={"summary": own, "week": week, "expiring": expiring},
                order=21,
            )
        )
    return result
