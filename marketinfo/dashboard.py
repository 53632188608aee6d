"""Dashboard panels: this week's highlights for everyone; the weekly rhythm for market contacts."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from marketinfo.models import Item, Summary, current_iso_week
from marketinfo.permissions import can_write_anything
from portal.dashboard import Panel


def panels(request: HttpRequest) -> list[Panel]:
    user = request.user
    if not user.office_id:
        return []
    year, week = current_iso_week()
    # One query: this week's published summary of the office, else its region's.
    latest = (
        Summary.objects.published()
        .filter(Q(office_id=user.office_id) | Q(region__offices=user.office_id))
        .with_related()
        .order_by("-year", "-week", "region_id")
        .first()
    )
    result = [
        Panel(
            template="marketinfo/panels/highlights.html",
            title=_("This week's three highlights"),
            context={"summary": latest, "this_week": bool(latest and latest.week == week)},
            order=20,
        )
    ]
    if can_write_anything(user):
        own = Summary.objects.filter(office_id=user.office_id, year=year, week=week).first()
        today = timezone.localdate()
        expiring = list(
            Item.objects.current()
            .filter(office_id=user.office_id, expires_on__range=(today, today + timedelta(days=6)))
            .select_related("summary")
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
