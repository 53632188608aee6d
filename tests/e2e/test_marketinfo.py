"""The weekly rhythm in the browser: the market contact writes, the advisor reads.

`markedskontakt` starts this week's summary from last week's, imports the sample sheet, sees
the bad row explained, fixes it in the sheet, imports again and publishes; `veileder` finds the
summary in the feed and the new vacancy on the office board. axe-core checks every page.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from marketinfo import demo as market_demo
from portal import demo
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SAMPLE = Path(__file__).resolve().parents[2] / "marketinfo" / "samples" / "ukesark.csv"


@pytest.fixture
def seeded():
    context = demo.seed()
    market_demo.seed(context)
    return context


def dated_from_today(sample: bytes) -> bytes:
    """The sample's deadlines lie in early 2027; move them so they stay ahead of today."""
    from datetime import date, timedelta

    def shift(match: re.Match) -> bytes:
        day, month = int(match.group(1)), int(match.group(2))
        moved = date.today() + timedelta(days=45 + (date(2027, month, day) - date(2027, 1, 1)).days)
        return moved.strftime("%d.%m.%Y").encode()

    return re.sub(rb"(\d{2})\.(\d{2})\.2027", shift, sample)


def test_market_contact_publishes_and_advisor_reads(page, axe, seeded, tmp_path):
    sample = tmp_path / "ukesark.csv"
    sample.write_bytes(dated_from_today(SAMPLE.read_bytes()))
    login(page, "markedskontakt")
    page.goto("/marked/")
    page.get_by_role("link", name="Skriv ukas oppsummering").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skriv en ukesoppsummering")
    page.get_by_role("button", name="Åpne oppsummeringen").click()
    expect(page).to_have_url(re.compile(r"/marked/uke/\d+/rediger/$"))

    page.get_by_role("button", name="Start fra forrige uke").click()
    expect(page.get_by_role("status")).to_contain_text("fra forrige uke")
    expect(page.locator(".market-edit-item").first).to_contain_text("Kantinemedarbeider")

    page.get_by_role("link", name="Importer arket ditt").click()
    page.get_by_label("Arket ditt (xlsx eller csv)").set_input_files(str(sample))
    page.get_by_role("button", name="Les arket").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sjekk importen")
    expect(page.get_by_role("alert").first).to_contain_text("1 rad har feil")
    bad_row = page.locator("tr.market-preview__error")
    expect(bad_row).to_contain_text("934567898")
    expect(bad_row).to_contain_text("kontrollsifferet stemmer ikke")

    fixed = tmp_path / "ukesark-rettet.csv"
    fixed.write_bytes(sample.read_bytes().replace(b"934567898", b"934567897"))
    page.get_by_role("link", name="Last opp det rettede arket").click()
    page.get_by_label("Arket ditt (xlsx eller csv)").set_input_files(str(fixed))
    page.get_by_role("button", name="Les arket").click()
    expect(page.locator("tr.market-preview__error")).to_have_count(0)
    expect(page.get_by_text("Risør Trebåtbyggeri AS (933445569)")).to_be_visible()
    page.get_by_label("Legg de nye arbeidsgiverne inn i registeret").check()
    page.get_by_role("button", name="Importer alle radene").click()
    expect(page.get_by_role("status")).to_contain_text("Importerte 4 rader")
    expect(page.locator(".market-edit-list")).to_contain_text("Båtbygger")

    page.get_by_role("button", name="Publiser nå").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("NAV Risør")
    expect(page.locator("main")).to_contain_text("Publisert")
    summary_title = page.get_by_role("heading", level=1).inner_text()

    page.get_by_role("button", name="Logg ut").click()
    login(page, "veileder")
    page.goto("/marked/")
    expect(
        page.locator(".market-summary-list").get_by_role("link", name=summary_title)
    ).to_be_visible()
    expect(page.locator("#feed-results")).to_contain_text("Båtbygger")

    page.get_by_role("link", name="Tavlemøte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tavlemøte: NAV Risør")
    vacancies = page.locator("section[aria-labelledby='board-vacancies']")
    expect(vacancies).to_contain_text("Båtbygger")
    # The board refreshes itself through htmx; do one refresh now instead of waiting minutes.
    with page.expect_response(re.compile(r"/marked/tavle/")):
        page.evaluate("htmx.ajax('GET', location.pathname, {target: '#board', swap: 'outerHTML'})")
    expect(page.locator("#board")).to_contain_text("Båtbygger")
    axe.rerun(page)


def test_advisor_filters_the_feed_to_vacancies(page, seeded):
    login(page, "veileder")
    page.goto("/marked/?scope=country")
    page.get_by_label("Type").select_option("vacancy")
    page.get_by_role("button", name="Filtrer").click()
    results = page.locator("#feed-results")
    expect(results).to_contain_text("Sveiser")
    expect(results).not_to_contain_text("Nøkkeltall")


@pytest.mark.parametrize("path", ["/marked/", "/marked/nettverk/", "/marked/rolle/"])
def test_pages_fit_a_phone(page, seeded, path):
    page.set_viewport_size({"width": 360, "height": 740})
    login(page, "veileder")
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_board_and_summary_fit_a_phone(page, seeded):
    page.set_viewport_size({"width": 360, "height": 740})
    login(page, "veileder")
    summary = seeded.objects["summaries"]["risor-1"]
    for path in (f"/marked/uke/{summary.pk}/", f"/marked/tavle/{summary.office.slug}/"):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
