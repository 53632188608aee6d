"""The office's figures in the browser: the manager opens them from the dashboard, sees each
figure as a chart with its table, prints them on one A4 page and goes on to the region's; an
administrator opens the region's. The demo's data, computed as the nightly job does. axe-core
checks every page; the pages are shot at 1280 and 360 px into /tmp/shots/figures/."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from portal.demo import DemoContext
from portal.figures_refresh import figures_refresh
from portal.models import Figure
from portal.registry import declared
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots/figures")
# A PDF's page objects: «/Type /Page», not the page tree's «/Type /Pages».
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-z])")


@pytest.fixture
def seeded():
    context = DemoContext()
    for seed in declared("demo", "seed"):
        seed(context)
    figures_refresh(months_back=11)
    return context


def shoot(page, name: str) -> None:
    """Full-page screenshots at 1280 and 360 px wide; the page must fit both."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
        page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def assert_each_figure_has_its_chart_and_table(page) -> None:
    figures = page.locator("section.figure")
    expect(figures).to_have_count(len(Figure))
    for figure in Figure:
        section = page.locator(
            "section.figure", has=page.get_by_role("heading", name=str(figure.label))
        )
        expect(section.get_by_role("img")).to_have_accessible_name(
            re.compile("^Stolpediagram: " + re.escape(str(figure.label)))
        )
        table = section.get_by_role("table")
        expect(table.locator("tbody tr")).to_have_count(12)
        expect(table.get_by_role("rowheader").last).to_be_visible()


def printed_pages(page, name: str) -> int:
    """The page printed to A4 (kept beside the screenshots to look at); its number of pages."""
    pdf = SHOTS / f"{name}.pdf"
    page.pdf(path=pdf, format="A4", print_background=True)
    # What the printer gets, as a picture: A4's 210 mm at 96 dpi, in the print style.
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)
    page.emulate_media(media="null")
    page.set_viewport_size({"width": 1280, "height": 900})
    return len(PDF_PAGE.findall(pdf.read_bytes()))


def test_a_manager_opens_prints_and_widens_the_figures(page, seeded):
    login(page, "leder")
    page.get_by_role("link", name="Kontorets tall per måned, de siste tolv månedene").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tall for NAV Risør")
    expect(page.get_by_text(re.compile(r"Beregnet \d"))).to_be_visible()
    assert_each_figure_has_its_chart_and_table(page)
    contacts = page.locator("section.figure--topics")
    expect(contacts.get_by_role("columnheader", name="Rekruttering", exact=True)).to_be_visible()
    shoot(page, "office-leder")

    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Skriv ut").click()
    assert page.evaluate("window.printed") is True
    assert printed_pages(page, "office-leder-print") == 1

    page.get_by_role("link", name=re.compile("^Tallene for region ")).click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Tall for region "))
    assert_each_figure_has_its_chart_and_table(page)
    assert printed_pages(page, "region-leder-print") == 1


def test_an_administrator_opens_the_regions_figures(page, seeded):
    region = seeded.users["leder"].office.region
    login(page, "admin")
    page.goto(f"/rapporter/region/{region.pk}/tall/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Tall for region {region.name}")
    assert_each_figure_has_its_chart_and_table(page)
    shoot(page, "region-admin")
