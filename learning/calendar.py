"""The reserved time of a person's assignments as an iCalendar file."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.icalendar import calendar, escape, utc

__all__ = ["build", "escape"]


def build(assignments: Iterable, *, host: str) -> str:
    now = utc(timezone.now())
    events = []
    for a in assignments:
        end = a.reserved_end or a.reserved_start + timezone.timedelta(minutes=a.reserved_minutes)
        summary = _("Reserved time: %(module)s") % {"module": a.module.title}
        events.append(
            [
                f"UID:assignment-{a.pk}@{host}",
                f"DTSTAMP:{now}",
                f"DTSTART:{utc(a.reserved_start)}",
                f"DTEND:{utc(end)}",
                f"SUMMARY:{escape(summary)}",
                f"DESCRIPTION:{escape(a.module.summary)}",
                f"URL:https://{host}{a.module.get_absolute_url()}",
                "TRANSP:OPAQUE",
            ]
        )
    return calendar(events, header=["METHOD:PUBLISH"])
