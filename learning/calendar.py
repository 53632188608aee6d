"""The reserved time as an iCalendar file (RFC 5545), written by hand: a few lines suffice."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from django.utils import timezone
from django.utils.translation import gettext as _


def escape(text: str) -> str:
    """TEXT values: backslash, semicolon and comma escaped; newlines as \\n (RFC 5545 3.3.11)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets are folded with CRLF and a space (RFC 5545 3.1)."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += encoded
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def build(assignments: Iterable, *, host: str) -> str:
    now = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//NAV//Kompetanseportalen//NO",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for a in assignments:
        end = a.reserved_end or a.reserved_start + timezone.timedelta(minutes=a.reserved_minutes)
        summary = _("Reserved time: %(module)s") % {"module": a.module.title}
        lines += [
            "BEGIN:VEVENT",
            f"UID:assignment-{a.pk}@{host}",
            f"DTSTAMP:{now}",
            f"DTSTART:{_utc(a.reserved_start)}",
            f"DTEND:{_utc(end)}",
            f"SUMMARY:{escape(summary)}",
            f"DESCRIPTION:{escape(a.module.summary)}",
            f"URL:https://{host}{a.module.get_absolute_url()}",
            "TRANSP:OPAQUE",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
