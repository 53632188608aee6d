"""iCalendar files (RFC 5545), written with the icalendar package, which escapes and folds.

Used for reserved learning time and for the market-info events. Titles and texts come from
users, so the escaping is the library's, not ours: a bare CR in a title once started a new
line, and with it a new VEVENT, in some readers.

The callers make the UIDs and must keep them as they are: a calendar that has imported an
event recognises a later copy of it, and an invitation about it, by its UID alone."""

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

import icalendar

PRODID = "-//NAV//Kompetanseportalen//NO"


def utc(value: datetime) -> datetime:
    """Times are written in UTC (…Z), so no VTIMEZONE is needed."""
    return value.astimezone(UTC)


def calendar(
    events: Iterable[Mapping[str, object]],
    *,
    name: str | None = None,
    method: str | None = None,
) -> str:
    """A VCALENDAR with one VEVENT per mapping of property name to value (a str is TEXT,
    except for the properties whose type the library knows, such as URL; an ORGANIZER or
    ATTENDEE with parameters is an icalendar.vCalAddress); CRLF line ends. `method` is
    PUBLISH for a file, REQUEST or CANCEL for an invitation (iTIP, RFC 5546)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    for properties in events:
        event = icalendar.Event()
        for key, value in properties.items():
            event.add(key, value)
        cal.add_component(event)
    return cal.to_ical().decode()
