"""Issue #17's office learning time in the browser: the manager finds the page from the office's
page, is refused an end before the start beside the field without losing what was chosen, then
sets Tuesdays 08:30–10:00 and sees it saved. axe checks each page on the way."""

import pytest
from playwright.sync_api import expect

import portal.demo
from learning import demo
from learning.models import OfficeLearningSlot
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded():
    context = portal.demo.seed()
    demo.seed(context)
    return context


def test_a_manager_sets_the_offices_learning_time(page, seeded):
    office = seeded.offices["NAV Risør"]
    login(page, "leder")
    page.goto(f"/laering/kontor/{office.slug}/")
    page.get_by_role("link", name="Kontorets faste læringstid").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Læringstid i NAV Risør")
    expect(page.get_by_text("Kontoret har ingen fast læringstid.")).to_be_visible()

    page.get_by_label("Ukedag").select_option(label="tirsdag")
    page.get_by_label("Fra", exact=True).fill("10:00")
    page.get_by_label("Til", exact=True).fill("08:30")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_load_state()
    expect(page.locator("#id_end_error")).to_have_text("Slutten må være etter starten.")
    expect(page.get_by_label("Ukedag")).to_have_value("1")
    expect(page.get_by_label("Fra", exact=True)).to_have_value("10:00")

    page.get_by_label("Fra", exact=True).fill("08:30")
    page.get_by_label("Til", exact=True).fill("10:00")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Kontorets læringstid er lagret.")).to_be_visible()
    expect(page.get_by_text("Hver tirsdag 08:30–10:00")).to_be_visible()
    slot = OfficeLearningSlot.objects.get(office=office)
    assert (slot.weekday, f"{slot.start:%H:%M}", f"{slot.end:%H:%M}") == (1, "08:30", "10:00")
