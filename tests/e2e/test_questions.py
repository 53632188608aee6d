"""«Spør fagmiljøet» in the browser: Risør's manager names the market contact an expert, the
advisor asks about a person caught between two benefit rules, a colleague in Harstad and the
advisor's own manager read it without the advisor's name, the expert sees who asked and
answers, the advisor marks the answer helpful, and the answer becomes an FAQ entry the search
finds. axe-core checks every page."""

import pytest
from playwright.sync_api import expect

import portal.demo
from learning import demo
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Bruker mellom AAP og dagpenger"
SITUATION = (
    "En bruker har søkt om arbeidsavklaringspenger, men har også rett til dagpenger. "
    "Hvilket regelverk går foran mens saken er til behandling?"
)
ASKER = "Kari Nordmann"


@pytest.fixture
def seeded():
    context = portal.demo.seed()
    demo.seed(context)
    return context


def switch_to(page, username: str) -> None:
    page.context.clear_cookies()
    login(page, username)


def open_question(page) -> None:
    page.goto("/laering/sporsmal/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def test_an_advisor_asks_a_colleague_reads_without_the_name_and_an_expert_answers(page, seeded):
    login(page, "leder")
    page.goto("/laering/kontor/risor/eksperter/")
    page.get_by_label("Person").select_option(label="Ingrid Solberg")
    page.get_by_label("Kompetanseområde").select_option(label="Arbeidslivet og arbeidsmarkedet")
    page.get_by_role("button", name="Utpek som fagperson").click()
    expect(page.get_by_role("cell", name="Ingrid Solberg", exact=True)).to_be_visible()

    switch_to(page, "veileder")
    page.goto("/laering/sporsmal/")
    page.get_by_role("link", name="Still et spørsmål").click()
    # The rule about names stands beside the field.
    expect(page.get_by_text("ingen navn på brukere eller kolleger")).to_be_visible()
    page.get_by_label("Tittel").fill(TITLE)
    page.get_by_label("Kompetanseområde").select_option(label="Arbeidslivet og arbeidsmarkedet")
    page.get_by_label("Situasjonen").fill(SITUATION)
    page.get_by_role("button", name="Send spørsmålet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("Spurt av deg")).to_be_visible()

    for colleague in ("veileder2", "leder"):  # Harstad's advisor, and the asker's own manager
        switch_to(page, colleague)
        open_question(page)
        expect(page.get_by_text(SITUATION)).to_be_visible()
        expect(page.get_by_text("Spurt av en kollega")).to_be_visible()
        expect(page.locator("main")).not_to_contain_text("Nordmann")

    switch_to(page, "markedskontakt")
    open_question(page)
    expect(page.get_by_text(f"Spurt av {ASKER}")).to_be_visible()
    page.get_by_label("Svaret ditt").fill(
        "Dagpenger løper til vedtaket om AAP er fattet; se folketrygdloven § 11-1."
    )
    page.get_by_role("button", name="Publiser svaret").click()
    expect(page.get_by_text("Svaret er publisert")).to_be_visible()

    switch_to(page, "veileder")
    page.goto("/varsler/")
    page.get_by_role("link", name=f"Spørsmålet ditt er besvart: {TITLE}").click()
    expect(page.get_by_text("Dagpenger løper til vedtaket")).to_be_visible()
    page.get_by_role("button", name="Dette hjalp meg").click()
    expect(page.get_by_text("Nyttig for den som spurte")).to_be_visible()

    switch_to(page, "markedskontakt")
    open_question(page)
    page.get_by_role("link", name="Publiser som ofte stilt spørsmål").click()
    page.get_by_label("Tittel").fill("AAP eller dagpenger mens saken behandles")
    page.get_by_role("button", name="Publiser", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "AAP eller dagpenger mens saken behandles"
    )

    switch_to(page, "veileder2")
    page.goto("/sok/?q=dagpenger+behandles")
    page.get_by_role("link", name="AAP eller dagpenger mens saken behandles").click()
    expect(page.locator("main")).not_to_contain_text("Nordmann")
