"""The advisor's key tasks of issue 14, counted as a person does them: clicks and time.

The manager's, the market contact's and the editor's key tasks are counted beside their own
journeys (test_learning, test_marketinfo, test_review_queue)."""

import re
import time

import pytest
from playwright.sync_api import expect

import employers.demo
import learning.demo
from employers.models import ContactEntry
from portal import demo
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# A person types about five characters a second.
TYPING_DELAY_MS = 200


@pytest.fixture
def seeded():
    context = demo.seed()
    learning.demo.seed(context)
    employers.demo.seed(context)
    return context


class Clicks:
    """Counts what the person clicks; typing is not a click."""

    def __init__(self):
        self.count = 0

    def __call__(self, locator):
        self.count += 1
        locator.click()


def test_the_advisor_sees_what_is_due_and_its_minutes_without_a_click(page, axe, seeded):
    login(page, "veileder")
    due = page.get_by_role("region", name="Dette har du på blokka")
    expect(due).to_be_visible()
    expect(due).to_contain_text(re.compile(r"\d+ min"))
    expect(due).to_contain_text(re.compile(r"\d+ minutter til sammen"))


def test_the_advisor_logs_a_contact_from_the_dashboard_in_three_clicks(page, axe, seeded):
    login(page, "veileder")
    click = Clicks()
    started = time.monotonic()

    page.get_by_label("Hvilken arbeidsgiver snakket du med?").press_sequentially(
        "vågsfjord", delay=TYPING_DELAY_MS, timeout=60_000
    )
    click(page.get_by_role("link", name=re.compile(r"^Logg en kontakt \(Vågsfjord Verft AS,")))
    expect(page.get_by_role("heading", level=1)).to_have_text("Logg en kontakt")
    expect(page.locator("main")).to_contain_text("Vågsfjord Verft AS")
    click(page.get_by_label("Rekruttering", exact=True))
    page.get_by_label("Oppsummering", exact=True).press_sequentially(
        "Ringte om to lærlingplasser i verkstedet fra august.",
        delay=TYPING_DELAY_MS,
        timeout=60_000,
    )
    click(page.get_by_role("button", name="Logg kontakten"))

    expect(page.get_by_role("status")).to_contain_text("Kontakten er logget")
    seconds = time.monotonic() - started
    entry = ContactEntry.objects.get(
        author=seeded.users["veileder"], summary__startswith="Ringte om to lærlingplasser"
    )
    assert entry.employer.name == "Vågsfjord Verft AS"
    assert entry.topics == ["recruitment"]
    assert click.count <= 3
    assert seconds < 60, f"{seconds:.0f} s"
    print(
        f"\nkey task: an advisor logs a contact from the dashboard: {click.count} clicks, "
        f"{seconds:.1f} s typing at {1000 // TYPING_DELAY_MS} characters a second"
    )
