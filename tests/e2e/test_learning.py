"""The issue's journey: leder assigns, veileder takes the module and passes the quiz after one
failed attempt, leder sees the matrix cell turn completed. axe-core checks every page."""

from datetime import timedelta

import pytest
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


def matrix_state(page, person: str, module: str) -> str:
    return page.evaluate(
        """([person, module]) => {
          const heads = [...document.querySelectorAll('.learning-matrix thead th')];
          const column = heads.findIndex((th) => th.textContent.trim() === module);
          const row = [...document.querySelectorAll('.learning-matrix tbody tr')]
            .find((tr) => tr.querySelector('th').textContent.includes(person));
          return row.children[column].dataset.state;
        }""",
        [person, module],
    )


def test_assign_take_pass_and_see_it_in_the_matrix(page, axe, seeded):
    office = seeded.offices["NAV Risør"]
    login(page, "leder")
    page.goto("/laering/tildel/")
    page.get_by_label("Modul", exact=True).select_option(label=MODULE)
    page.get_by_label("Tildel til").select_option("person")
    page.get_by_label("Person", exact=True).select_option(label="Kari Nordmann")
    due = timezone.localdate() + timedelta(days=14)
    page.get_by_label("Frist", exact=True).fill(due.isoformat())
    page.get_by_label("Avsatt tid (minutter)").fill("30")
    page.get_by_role("button", name="Tildel").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kompetansematrise")
    assert matrix_state(page, "Kari Nordmann", MODULE) == "not_started"

    page.context.clear_cookies()
    login(page, "veileder")
    panel = page.locator(
        "section.panel", has=page.get_by_role("heading", name="Dette har du på blokka")
    )
    expect(panel).to_contain_text(MODULE)
    expect(panel.locator("li", has_text=MODULE)).to_contain_text("30 min")
    panel.get_by_role("link", name=MODULE).click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text(MODULE)
    page.get_by_role("link", name="Ta quizen").click()
    page.wait_for_load_state()
    page.get_by_label("Månedsrapporten til direktoratet").check()
    page.get_by_role("button", name="Send svar").click()
    page.wait_for_load_state()
    expect(page.locator("#quiz-result")).to_contain_text("Ikke bestått")
    page.get_by_label("Ukesoppsummeringen").check()
    page.get_by_role("button", name="Send svar").click()
    page.wait_for_load_state()
    expect(page.locator("#quiz-result")).to_contain_text("Bestått med 100 %")

    page.context.clear_cookies()
    login(page, "leder")
    page.goto(f"/laering/kontor/{office.slug}/matrise/")
    assert matrix_state(page, "Kari Nordmann", MODULE) == "completed"
    page.goto(f"/laering/kontor/{office.slug}/")
    expect(
        page.get_by_role("heading", name="Fullføring per kompetanseområde").first
    ).to_be_visible()


def test_learning_pages_are_accessible(page, seeded):
    login(page, "veileder")
    for url in [
        "/laering/",
        "/laering/stier/ny-i-nav-veileder/",
        "/laering/moduler/les-det-lokale-arbeidsmarkedet/",
        "/laering/mine/",
        "/laering/egenvurdering/",
        "/laering/erfaringer/",
        "/laering/erfaringer/ny/",
        "/laering/god-praksis/",
        f"/laering/person/{seeded.users['veileder'].pk}/plan/{timezone.localdate().year}/",
    ]:
        page.goto(url)
    page.context.clear_cookies()
    login(page, "redaktor")
    page.goto("/laering/redaktor/")
    page.goto("/laering/moduler/ny/")


def test_editor_and_manager_tools_are_accessible(page, seeded):
    login(page, "redaktor")
    for url in [
        "/laering/moduler/les-det-lokale-arbeidsmarkedet/quiz/rediger/",
        "/laering/moduler/les-det-lokale-arbeidsmarkedet/quiz/nytt/",
        "/laering/stier/ny/",
        "/laering/stier/ny-i-nav-veileder/rediger/",
    ]:
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.context.clear_cookies()
    login(page, "leder")
    page.goto(f"/laering/kontor/{seeded.offices['NAV Risør'].slug}/behov/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
