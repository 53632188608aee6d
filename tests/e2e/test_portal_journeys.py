"""Browser journeys through the portal's own pages (issue: one place to go)."""

import pytest
from playwright.sync_api import expect

from portal import demo
from portal.services import NotificationDraft, notifications_create
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def context():
    return demo.seed()


@pytest.fixture
def full_demo(context):
    from employers import demo as employers_demo
    from learning import demo as learning_demo
    from marketinfo import demo as marketinfo_demo

    employers_demo.seed(context)
    marketinfo_demo.seed(context)
    learning_demo.seed(context)
    return context


def test_advisor_and_market_contact_sees_both_parts_of_the_dashboard(page, full_demo):
    person = full_demo.users["markedskontakt"]
    person.roles = ["veileder", "markedskontakt"]
    person.save(update_fields=["roles"])
    login(page, "markedskontakt")
    panels = page.locator("#dashboard-panels")
    expect(panels.get_by_role("heading", name="Dette har du på blokka")).to_be_visible()
    expect(panels.get_by_role("heading", name="Ukas oppsummering")).to_be_visible()
    expect(panels.get_by_role("heading", name="Åpne ønsker om å bli ringt opp")).to_be_visible()
    expect(page.locator("#dashboard-panels")).not_to_contain_text("Laster …")


def test_search_as_you_type_opens_a_module(page, axe, full_demo):
    login(page, "veileder")
    page.get_by_label("Søk i portalen").press_sequentially("velkommen", delay=20)
    suggestion = page.locator("#search-suggestions").get_by_role(
        "link", name="Velkommen til NAV-kontoret"
    )
    expect(suggestion).to_be_visible()
    axe.rerun(page)
    suggestion.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen til NAV-kontoret")


def test_a_notification_is_read_and_the_count_falls(page, context):
    veileder = context.users["veileder"]
    notifications_create(
        drafts=[
            NotificationDraft(
                veileder.pk, "assignment_given", "Ny oppgave: Første samtale", "a", url="/"
            ),
            NotificationDraft(veileder.pk, "due_soon", "Frist om en uke", "b", url="/varsler/"),
        ]
    )
    login(page, "veileder")
    counter = page.locator("#notification-count")
    expect(counter).to_contain_text("2")
    counter.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Varsler")
    page.get_by_role("link", name="Ny oppgave: Første samtale").click()
    expect(page.locator("#notification-count")).to_contain_text("1")


def test_search_results_and_the_statement_are_accessible(page, context):
    login(page, "veileder")
    page.get_by_label("Søk i portalen").fill("arbeidsgivere")
    page.get_by_label("Søk i portalen").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Søk")
    expect(page.locator(".search-results")).to_contain_text("Arbeidsmarkedskompetanse")
    page.get_by_role("link", name="Tilgjengelighetserklæring").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tilgjengelighetserklæring")


def test_search_as_you_type_suggests_and_opens(page, axe, context):
    login(page, "veileder")
    page.get_by_label("Søk i portalen").press_sequentially("markedskontakt", delay=20)
    suggestion = page.locator("#search-suggestions").get_by_role("link").first
    expect(suggestion).to_contain_text("Markedskontakt")
    axe.rerun(page)
    suggestion.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Begrepsliste")
