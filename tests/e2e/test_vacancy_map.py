"""Where the vacancies are, in the browser: the advisor opens the map from the feed, widens it to
52 weeks and follows a municipality to its items in the feed. axe-core checks every page."""

import re

import pytest
from playwright.sync_api import expect

from marketinfo import demo as market_demo
from portal import demo
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded():
    context = demo.seed()
    market_demo.seed(context)
    return context


def test_advisor_finds_where_the_vacancies_are(page, axe, seeded):
    login(page, "veileder")
    page.goto("/marked/")
    page.get_by_role("link", name="Hvor de ledige stillingene er").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hvor de ledige stillingene er")
    expect(page.get_by_role("heading", level=2)).to_have_text("NAV Risør, de siste 4 ukene")
    table = page.get_by_role("table")
    expect(table.get_by_role("columnheader", name="Ledige stillinger")).to_be_visible()
    expect(table.get_by_role("rowheader").first).to_contain_text("Risør")

    page.get_by_label("Siste 52 uker").check()  # htmx swaps the results in
    expect(page.get_by_role("heading", level=2)).to_have_text("NAV Risør, de siste 52 ukene")
    expect(page).to_have_url(re.compile(r"uker=52"))
    axe.rerun(page)

    page.get_by_label("Agder").check()
    expect(page.get_by_role("heading", level=2)).to_have_text("Agder, de siste 52 ukene")
    axe.rerun(page)

    table.get_by_role("rowheader").first.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/marked/\?scope=region&municipality=Ris"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Arbeidsmarkedet")
    expect(page.get_by_label("Kommune")).to_have_value("Risør")
    expect(page.locator(".market-item").first).to_be_visible()
