"""Issue #17's browser test: a manager gives an assignment with reserved time on the real page
and the person's mailbox (Django's outbox; the live server runs in the test's process) holds a
calendar REQUEST; a new due date from "who is behind" sends an update of the same event (same
UID, higher SEQUENCE), not a second one."""

from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

import portal.demo
from learning import demo
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MODULE = "Markedskontaktrollen"


@pytest.fixture
def seeded():
    context = portal.demo.seed()
    demo.seed(context)
    return context


def invitations_to(email: str) -> list[icalendar.Calendar]:
    return [
        icalendar.Calendar.from_ical(content)
        for message in mail.outbox
        if message.to == [email]
        for content, mimetype in message.alternatives
        if mimetype.startswith("text/calendar")
    ]


def test_a_manager_assigns_reserved_time_and_a_new_due_date_updates_the_same_event(page, seeded):
    kari = seeded.users["veileder"]
    office = seeded.offices["NAV Risør"]
    mail.outbox.clear()
    login(page, "leder")
    page.goto("/laering/tildel/")
    page.get_by_label("Modul", exact=True).select_option(label=MODULE)
    page.get_by_label("Tildel til").select_option("person")
    page.get_by_label("Person", exact=True).select_option(label="Kari Nordmann")
    day = timezone.localdate() + timedelta(days=3)
    page.get_by_label("Frist", exact=True).fill((day + timedelta(days=7)).isoformat())
    page.get_by_label("Avsatt tid (minutter)").fill("45")
    page.get_by_label("Dag for avsatt tid (valgfritt)").fill(day.isoformat())
    page.get_by_label("Fra klokken (valgfritt)").fill("08:30")
    page.get_by_role("button", name="Tildel").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kompetansematrise")

    [request] = invitations_to(kari.email)
    assert str(request["METHOD"]) == "REQUEST"
    [event] = request.walk("VEVENT")
    assert event["SEQUENCE"] == 0
    start = timezone.localtime(event.decoded("DTSTART"))
    assert (start.date(), start.hour, start.minute) == (day, 8, 30)

    page.goto(f"/laering/kontor/{office.slug}/henger-etter/")
    row = page.locator("li.behind-person", has_text="Kari Nordmann").locator(
        "li.behind-item", has_text=MODULE
    )
    row.get_by_label("Ny frist").fill((day + timedelta(days=21)).isoformat())
    row.get_by_role("button", name="Sett ny frist").click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text("Kari Nordmann har fått ny frist")

    _, update = invitations_to(kari.email)
    assert str(update["METHOD"]) == "REQUEST"
    [changed] = update.walk("VEVENT")
    assert str(changed["UID"]) == str(event["UID"])
    assert changed["SEQUENCE"] == 1
