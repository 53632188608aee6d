import re

import pytest
from playwright.sync_api import expect

from portal import demo
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = [
    ("veileder", "NAV Risør", "Veileder"),
    ("leder", "NAV Risør", "Leder"),
    ("markedskontakt", "NAV Risør", "Markedskontakt"),
    ("redaktor", "NAV Risør", "Fagredaktør"),
    ("admin", "NAV Risør", "Administrator"),
    ("veileder2", "NAV Harstad", "Veileder"),
    ("leder2", "NAV Harstad", "Leder"),
]


@pytest.fixture
def demo_users():
    demo.seed()


def test_login_page_is_norwegian_and_accessible(page):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/konto/logg-inn/\?next=/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Logg inn i Kompetanseportalen")
    expect(page.locator("html")).to_have_attribute("lang", "nb")


@pytest.mark.parametrize(("username", "office", "role"), DEMO)
def test_each_demo_user_sees_the_dashboard_shell(page, demo_users, username, office, role):
    login(page, username)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Godt å se deg")
    lead = page.locator(".lead")
    expect(lead).to_contain_text(office)
    expect(lead).to_contain_text(role)
    expect(page.get_by_role("search")).to_be_visible()


def test_wrong_password_shows_norwegian_error_and_keeps_username(page, demo_users):
    login(page, "veileder", "feil")
    expect(page.get_by_role("alert").first).to_contain_text("Feil brukernavn eller passord")
    expect(page.get_by_label("Brukernavn")).to_have_value("veileder")


def test_dashboard_works_at_360_px(page, demo_users):
    page.set_viewport_size({"width": 360, "height": 740})
    login(page, "veileder")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways at 360 px ({width} px wide)"
