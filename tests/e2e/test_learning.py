"""The issue's journey: leder assigns, veileder takes the module and passes the quiz after one
failed attempt, leder sees the matrix cell turn completed. axe-core checks every page."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

import portal.demo
from learning import demo
from learning.models import QuizAttempt
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


SHOTS = Path("/tmp/shots")


def shoot(page, name: str) -> None:
    """Full-page screenshots at 1280 and 360 px wide, to look at; the page must fit both."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
        page.screenshot(path=SHOTS / f"learners-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_overdue_count_opens_the_names_in_one_click(page, seeded):
    login(page, "leder")
    count = page.locator("#office-overdue-link")
    expect(count).to_contain_text("1 forsinket oppgave")

    count.click()  # the one click
    page.wait_for_load_state()

    expect(page.get_by_role("heading", level=1)).to_have_text("Hvem henger etter i NAV Risør")
    kari = page.locator("li.behind-person", has_text="Kari Nordmann")
    expect(kari.get_by_role("heading", level=2)).to_have_text("Kari Nordmann")
    late = kari.locator("li.behind-item", has_text="Lønnstilskudd i praksis")
    expect(late).to_contain_text("9 dager over fristen")
    expect(page.locator("li.behind-item", has_text="Personvern i kontaktloggen")).to_contain_text(
        "forfaller i morgen"
    )
    shoot(page, "overdue")

    late.get_by_role("button", name="Send påminnelse").click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text(
        "Påminnelse sendt til Kari Nordmann om Lønnstilskudd i praksis."
    )
    late = page.locator("li.behind-item", has_text="Lønnstilskudd i praksis")
    expect(late).to_contain_text("Påminnet i dag")

    new_date = timezone.localdate() + timedelta(days=7)
    late.get_by_label("Ny frist").fill(new_date.isoformat())
    late.get_by_role("button", name="Sett ny frist").click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text("Kari Nordmann har fått ny frist")
    expect(page.locator("li.behind-item", has_text="Lønnstilskudd i praksis")).to_contain_text(
        "forfaller om 7 dager"
    )


def test_a_quiz_keeps_its_answers_shows_the_right_ones_and_counts_no_empty_submit(page, seeded):
    login(page, "veileder")
    page.goto("/laering/moduler/arbeidsmarkedet-i-norge/quiz/")
    page.get_by_role("button", name="Send svar").click()
    page.wait_for_load_state()
    expect(page.locator("#quiz-errors")).to_contain_text("Ingenting er telt")
    expect(page.locator("#quiz-result")).to_have_count(0)
    assert not QuizAttempt.objects.filter(user=seeded.users["veileder"]).exists()

    page.get_by_label("Bare de som er i jobb").check()
    page.get_by_label("NAVs registrerte ledighet").check()
    page.get_by_label("AKU tar med ledige som ikke har meldt seg hos NAV").check()
    page.get_by_role("button", name="Send svar").click()
    page.wait_for_load_state()

    expect(page.locator("#quiz-result")).to_contain_text("Ikke bestått: 33 %")
    # What was chosen is still chosen.
    expect(page.get_by_label("Bare de som er i jobb")).to_be_checked()
    expect(page.get_by_label("NAVs registrerte ledighet")).to_be_checked()
    expect(page.get_by_label("SSBs arbeidskraftundersøkelse (AKU)")).not_to_be_checked()
    first = page.locator("fieldset", has_text="Hvem regnes med i arbeidsstyrken?")
    expect(first.locator(".learning-choice--right")).to_contain_text(
        "Riktig svar – du valgte det ikke."
    )
    expect(first.locator(".learning-choice--wrong")).to_contain_text(
        "Du valgte dette, men det er ikke riktig."
    )
    expect(first).to_contain_text("Forklaring: Arbeidsstyrken er alle som tilbyr arbeidskraft")
    assert QuizAttempt.objects.filter(user=seeded.users["veileder"]).count() == 1
    shoot(page, "quiz")


def test_the_matrix_keeps_the_names_in_view_and_sorts_by_overdue(page, seeded):
    office = seeded.offices["NAV Risør"]
    login(page, "leder")
    page.goto(f"/laering/kontor/{office.slug}/matrise/?sort=overdue")
    first_row = page.locator(".learning-matrix tbody tr").first
    expect(first_row.locator("th")).to_contain_text("Kari Nordmann")
    expect(page.locator(".learning-legend")).to_contain_text("Ikke tildelt")
    shoot(page, "matrix")

    page.set_viewport_size({"width": 360, "height": 900})
    wrap = page.locator(".learning-matrix-wrap")
    name = first_row.locator("th")
    left = name.bounding_box()["x"]
    wrap.evaluate("(el) => { el.scrollLeft = el.scrollWidth; }")
    assert wrap.evaluate("(el) => el.scrollLeft") > 0, "the matrix does not scroll at 360 px"
    assert abs(name.bounding_box()["x"] - left) < 1, "the names scrolled away"


def test_no_table_is_cut_off_inside_a_card_at_1280(page, seeded):
    office = seeded.offices["NAV Risør"]
    login(page, "leder")
    cut = {}
    for name, url in (("office", f"/laering/kontor/{office.slug}/"), ("dashboard-manager", "/")):
        page.goto(url)
        page.wait_for_load_state("networkidle")  # the dashboard's panels load after the page
        cut[url] = page.evaluate(
            """() => [...document.querySelectorAll('.panel table')]
                .map((t) => t.closest('.table-wrap, .panel'))
                .filter((box) => box.scrollWidth > box.clientWidth + 1)
                .map((box) => box.closest('.panel').querySelector('h2').textContent.trim())"""
        )
        shoot(page, name)
    assert not any(cut.values()), cut
