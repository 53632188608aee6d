"""iCalendar files (RFC 5545), written by hand: a few lines suffice and no library is needed.

Used for reserved learning time and for the market-info events."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime


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
    """Lines longer than 75 octets continue after CRLF and a space (RFC 5545 3.1)."""
    if len(line.encode()) <= 75:
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


def utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(events: Iterable[list[str]], *, header: Iterable[str] = ()) -> str:
    """A VCALENDAR of the given VEVENT property lines, folded, with CRLF line ends."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//NAV//Kompetanseportalen//NO",
        "CALSCALE:GREGORIAN",
        *header,
    ]
    for properties in events:
        lines += ["BEGIN:VEVENT", *properties, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
