"""Calendar files written through the icalendar package: a crafted title stays one event.

RFC 5545 has an escape for a line break (\\n) but none for a bare CR, so every CR, LF and
CRLF in a text comes back as one LF; everything else comes back exactly."""

import re
from datetime import UTC, timedelta
from urllib.parse import urlsplit

import icalendar
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from learning.calendar import build
from marketinfo.models import ItemKind
from marketinfo.services import feed_token_get
from portal.icalendar import calendar
from tests.factories import OfficeFactory, UserFactory
from tests.learning.factories import AssignmentFactory
from tests.marketinfo.factories import ItemFactory, PublishedSummaryFactory

CRAFTED = "Møte\rEND:VEVENT\rBEGIN:VEVENT\rSUMMARY:Falsk; a,b \\ c\r\nneste\nlinje"
AS_READ = "Møte\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:Falsk; a,b \\ c\nneste\nlinje"


def lines(body: str) -> list[str]:
    """The lines as the most lenient reader sees them: any of CR, LF or CRLF ends one."""
    return re.split(r"\r\n|\r|\n", body)


def the_one_event(body: str) -> icalendar.Event:
    assert lines(body).count("BEGIN:VEVENT") == 1
    assert re.search(r"\r(?!\n)|(?<!\r)\n", body) is None, "every line ends in CRLF"
    events = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_a_title_with_line_breaks_and_special_characters_stays_one_event():
    body = calendar([{"uid": "x@example.org", "summary": CRAFTED, "location": "Sal 1; 2, 3"}])
    event = the_one_event(body)
    assert str(event["SUMMARY"]) == AS_READ
    assert str(event["LOCATION"]) == "Sal 1; 2, 3"


@pytest.mark.django_db
def test_the_market_calendar_feed_keeps_a_crafted_title_in_one_event(client):
    office = OfficeFactory(slug="risor")
    day = timezone.localdate() + timedelta(days=3)
    item = ItemFactory(
        summary=PublishedSummaryFactory(office=office),
        kind=ItemKind.EVENT,
        title=CRAFTED,
        place="Kulturhuset, sal 2",
        on_date=day,
    )
    token = feed_token_get(user=UserFactory(office=office)).token
    response = client.get(reverse("marketinfo:calendar", args=[token, "kontor", "risor"]))

    event = the_one_event(response.content.decode())
    assert str(event["SUMMARY"]) == AS_READ
    assert str(event["LOCATION"]) == "Kulturhuset, sal 2"
    assert event.decoded("DTSTART") == day
    assert event.decoded("DTEND") == day + timedelta(days=1)
    # The UID another calendar already knows the event by, and that invitations must match.
    assert str(event["UID"]) == f"marketinfo-item-{item.pk}@kompetanseportalen"


@pytest.mark.django_db
def test_the_reserved_time_file_keeps_a_crafted_module_title_in_one_event(client):
    start = timezone.now().replace(microsecond=0) + timedelta(days=1)
    assignment = AssignmentFactory(
        reserved_start=start, reserved_minutes=45, module__title="Kurs\r, del 1; \\ 2"
    )
    client.force_login(assignment.user)
    response = client.get(reverse("learning:calendar"))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    event = the_one_event(response.content.decode())
    assert str(event["SUMMARY"]) == "Avsatt tid: Kurs\n, del 1; \\ 2"
    assert event.decoded("DTSTART") == start
    assert event.decoded("DTEND") == start + timedelta(minutes=45)
    # The host is SITE_URL's, not the request's: the invitations, mailed without a request,
    # must give the same UID.
    assert str(event["UID"]) == f"assignment-{assignment.pk}@{urlsplit(settings.SITE_URL).netloc}"


@pytest.mark.django_db
def test_times_are_written_in_utc_so_no_time_zone_block_is_needed():
    start = timezone.now().replace(microsecond=0)
    body = build([AssignmentFactory(reserved_start=start)])
    assert f"\r\nDTSTART:{start.astimezone(UTC):%Y%m%dT%H%M%SZ}\r\n" in body
    assert "VTIMEZONE" not in body and "TZID" not in body
