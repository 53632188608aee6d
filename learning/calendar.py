"""The reserved time of a person's assignments as an iCalendar file."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.icalendar import calendar, utc


def uid(assignment, *, host: str) -> str:
    """Unchanged since the first calendar file: calendars match copies and invitations by it."""
    return f"assignment-{assignment.pk}@{host}"


def build(assignments: Iterable, *, host: str) -> str:
    now = utc(timezone.now())
    events = []
    for a in assignments:
        end = a.reserved_end or a.reserved_start + timezone.timedelta(minutes=a.reserved_minutes)
        events.append(
            {
                "uid": uid(a, host=host),
                "dtstamp": now,
                "dtstart": utc(a.reserved_start),
                "dtend": utc(end),
                "summary": _("Reserved time: %(module)s") % {"module": a.module.title},
                "description": a.module.summary,
                "url": f"https://{host}{a.module.get_absolute_url()}",
                "transp": "OPAQUE",
            }
        )
    return calendar(events, method="PUBLISH")
