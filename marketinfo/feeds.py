"""The Atom feed of weekly summaries and the iCalendar file of events."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from marketinfo.models import Item, Summary


class SummaryFeed(Feed):
    """Published summaries of an office, or of a region and its offices."""

    feed_type = Atom1Feed

    def __init__(self, *, office=None, region=None):
        super().__init__()
        self.office = office
        self.region = region

    def title(self):
        name = self.office.name if self.office else self.region.name
        return _("Weekly summaries: %(name)s") % {"name": name}

    def link(self):
        return "/marked/"

    def subtitle(self):
        return _("Local labour-market news from the market contacts")

    def items(self):
        summaries = Summary.objects.published().with_related().order_by("-published_at")
        if self.office:
            summaries = summaries.filter(office=self.office)
        else:
            summaries = summaries.in_region(self.region)
        return summaries[:30]

    def item_title(self, item: Summary):
        return f"{item}: {item.headline}" if item.headline else str(item)

    def item_description(self, item: Summary):
        return " · ".join(item.highlights)

    def item_pubdate(self, item: Summary):
        return item.published_at

    def item_updateddate(self, item: Summary):
        return item.revised_at or item.published_at

    def item_author_name(self, item: Summary):
        return item.created_by.get_full_name() if item.created_by else None


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545: lines longer than 75 octets continue on the next line after a space."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def events_calendar(events: list[Item], *, name: str, request) -> str:
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//NAV//Kompetanseportalen//NO",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(_('Events: %(name)s') % {'name': name})}",
    ]
    for event in events:
        url = request.build_absolute_uri(event.summary.get_absolute_url())
        description = event.text + (f"\n{event.link}" if event.link else "")
        lines += [
            "BEGIN:VEVENT",
            f"UID:marketinfo-item-{event.pk}@kompetanseportalen",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{event.on_date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.on_date + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(event.title)}",
            f"LOCATION:{_escape(event.place)}",
            f"DESCRIPTION:{_escape(description)}",
            f"URL:{url}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
