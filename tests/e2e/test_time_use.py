"""Time for learning in the browser: a manager moves a person's reserved time on the person's
page (a wrong end time first, shown by its field), and the person's mailbox (Django's outbox; the
live server runs in the test's process) holds the update of the same calendar event. axe-core
checks every page; the pages are shot at 1280 and 360 px."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

import portal.demo
from learning import demo
from learning.models import Module
from learning.services.assignments import assignment_create
from tests.e2e.conftest import login
from tests.e2e.test_calendar_invitations import invitations_to
from tests.e2e.test_learning import shoot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MODULE = "Markedskontaktrollen"


@pytest.fixture
def seeded():
    context = portal.demo.seed()
    demo.seed(context)
    return context


def test_a_manager_changes_a_persons_reserved_time_through_the_page(page, seeded):
    kari, leder = seeded.users["veileder"], seeded.users["leder"]
    start = (timezone.localtime() + timedelta(days=2)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    # Due late, so that it heads the person's assignments (the latest due first).
    [assignment] = assignment_create(
        assigned_by=leder,
        users=[kari],
        module=Module.objects.get(title=MODULE),
        due_on=timezone.localdate() + timedelta(days=400),
        reserved_minutes=45,
        reserved_start=start,
        reserved_end=start + timedelta(minutes=45),
    )
    [request] = invitations_to(kari.email)
    [event] = request.walk("VEVENT")

    login(page, "leder")
    page.goto(f"/laering/person/{kari.pk}/")
    expect(page.get_by_role("heading", name="Tid til læring")).to_be_visible()
    shoot(page, "time-person")
    page.get_by_role("link", name=f"Endre tid for {MODULE}").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Endre avsatt tid")
    day = timezone.localdate() + timedelta(days=5)
    page.get_by_label("Dag", exact=True).fill(day.isoformat())
    page.get_by_label("Fra", exact=True).fill("13:00")
    page.get_by_label("Til", exact=True).fill("12:00")
    page.get_by_role("button", name="Lagre ny tid").click()
    page.wait_for_load_state()
    expect(page.get_by_label("Til", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Slutten må være minst 5 minutter etter starten.")).to_be_visible()
    shoot(page, "time-change-error")
    assert len(invitations_to(kari.email)) == 1

    page.get_by_label("Til", exact=True).fill("14:30")
    page.get_by_role("button", name="Lagre ny tid").click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text("Den avsatte tiden til " + MODULE)

    _, update = invitations_to(kari.email)
    assert str(update["METHOD"]) == "REQUEST"
    [moved] = update.walk("VEVENT")
    assert (str(moved["UID"]), moved["SEQUENCE"]) == (str(event["UID"]), 1)
    begin = timezone.localtime(moved.decoded("DTSTART"))
    assert (begin.date(), begin.hour, begin.minute) == (day, 13, 0)
    assert mail.outbox[-1].to == [kari.email]

    page.goto(f"/laering/person/{kari.pk}/tildeling/{assignment.pk}/trekk-tilbake/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Er du sikker?")
    shoot(page, "time-withdraw")
    page.goto(f"/laering/kontor/{kari.office.slug}/tid/")
    expect(page.get_by_role("link", name="Kari Nordmann")).to_be_visible()
    shoot(page, "time-office")
    page.context.clear_cookies()
    login(page, "veileder")
    page.goto("/laering/mine/")
    expect(page.get_by_role("heading", name="Tid til læring")).to_be_visible()
    shoot(page, "time-mine")
