"""The Atom feed of weekly summaries and the iCalendar file of events."""

from datetime import timedelta

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from marketinfo.models import Item, Summary
from portal.icalendar import calendar, utc


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
            summaries = summaries.for_region(self.region)
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


def _description(event: Item) -> str:
    return f"{event.text}\n{event.link}" if event.link else event.text


def event_uid(event: Item) -> str:
    """Unchanged since the first calendar file: calendars match copies and invitations by it."""
    return f"marketinfo-item-{event.pk}@kompetanseportalen"


def events_calendar(events: list[Item], *, name: str, request) -> str:
    stamp = utc(timezone.now())
    return calendar(
        (
            {
                "uid": event_uid(event),
                "dtstamp": stamp,
                "dtstart": event.on_date,
                "dtend": event.on_date + timedelta(days=1),
                "summary": event.title,
                "location": event.place,
                "description": _description(event),
                "url": request.build_absolute_uri(event.summary.get_absolute_url()),
            }
            for event in events
        ),
        name=_("Events: %(name)s") % {"name": name},
    )
