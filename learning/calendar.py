"""The reserved time of a person's assignments in calendars: the file a person subscribes to,
and the invitations (iTIP, RFC 5546) mailed when an assignment is given, changed or withdrawn.
Both describe an assignment's event the same way, with the same UID and SEQUENCE, so a
calendar that has the event from one of them moves or removes it on the next."""

from collections.abc import Iterable
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import vCalAddress

from learning.models import AssignmentStatus
from portal.dates import long_date
from portal.icalendar import calendar, utc


def uid(assignment) -> str:
    """Unchanged since the first calendar file (the host the portal is reached at): calendars
    match copies and invitations by it. Taken from SITE_URL, as a mail has no request."""
    return f"assignment-{assignment.pk}@{urlsplit(settings.SITE_URL).netloc}"


def event(assignment, *, now) -> dict:
    a = assignment
    end = a.reserved_end or a.reserved_start + timezone.timedelta(minutes=a.reserved_minutes)
    return {
        "uid": uid(a),
        "sequence": a.calendar_sequence,
        "dtstamp": now,
        "dtstart": utc(a.reserved_start),
        "dtend": utc(end),
        "summary": _("Reserved time: %(module)s") % {"module": a.module.title},
        "description": a.module.summary,
        "url": settings.SITE_URL + a.module.get_absolute_url(),
        "transp": "OPAQUE",
    }


def build(assignments: Iterable) -> str:
    now = utc(timezone.now())
    return calendar([event(a, now=now) for a in assignments], method="PUBLISH")


def _address(email: str, name: str, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params.update(CN=name, **params)
    return address


def invitation(assignment) -> str:
    """A REQUEST for an open assignment, a CANCEL (STATUS:CANCELLED) for a withdrawn one; the
    portal's sender address organises, so no person's calendar takes the event as theirs."""
    a = assignment
    properties = event(a, now=utc(timezone.now()))
    sender_name, sender = parseaddr(settings.DEFAULT_FROM_EMAIL)
    cancel = a.status == AssignmentStatus.CANCELLED
    properties |= {
        "organizer": _address(sender, sender_name or sender),
        "attendee": _address(
            a.user.email,
            a.user.get_full_name() or a.user.username,
            ROLE="REQ-PARTICIPANT",
            RSVP="FALSE",
        ),
        "description": f"{a.module.summary}\n\n"
        + _("Due %(due)s.") % {"due": long_date(a.due_on)}
        + f"\n{properties['url']}",
        "status": "CANCELLED" if cancel else "CONFIRMED",
    }
    return calendar([properties], method="CANCEL" if cancel else "REQUEST")
