"""Nothing typed is lost on the pages with a form and other actions beside it: pressing another
form's button with text not yet sent makes the browser ask first, staying keeps the text, and
sending the form itself asks nothing. axe-core checks every page."""

import pytest
from playwright.sync_api import expect

import portal.demo
from learning import demo
from learning.models import LearningPath, Share
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COMMENT = "Dette prøver jeg på neste arbeidsgivermøte."
DESCRIPTION = "Det du trenger de første ukene, i den rekkefølgen vi anbefaler."


@pytest.fixture
def seeded():
    context = portal.demo.seed()
    demo.seed(context)
    return context


@pytest.fixture
def dialogs(page):
    """The browser's questions, each answered «stay» unless the test changes the answer."""
    seen = {"types": [], "answer": "stay"}

    def answer(dialog):
        seen["types"].append(dialog.type)
        if seen["answer"] == "leave":
            dialog.accept()
        else:
            dialog.dismiss()

    page.on("dialog", answer)
    return seen


def test_reporting_a_post_asks_before_a_typed_comment_is_lost(page, seeded, dialogs):
    share = Share.objects.get(author__username="markedskontakt")
    login(page, "veileder")
    page.goto(f"/laering/erfaringer/{share.pk}/")
    comment = page.get_by_role("textbox", name="Kommentar")
    comment.fill(COMMENT)
    page.get_by_text("Rapporter innlegget").click()
    page.get_by_label("Hva er galt med innlegget?").fill("Feil tema")
    page.get_by_role("button", name="Rapporter", exact=True).click()

    expect(comment).to_have_value(COMMENT)  # stayed: the comment is still there
    assert dialogs["types"] == ["beforeunload"]
    assert page.url.endswith(f"/laering/erfaringer/{share.pk}/")
    assert not share.reports.exists()

    # Thought better of the report: with its reason emptied, sending the comment asks nothing.
    page.get_by_label("Hva er galt med innlegget?").fill("")
    page.get_by_role("button", name="Kommentar", exact=True).click()
    expect(page.get_by_role("main").get_by_text(COMMENT)).to_be_visible()
    assert dialogs["types"] == ["beforeunload"]


def test_moving_a_step_asks_before_the_paths_text_is_lost_and_saving_does_not(
    page, seeded, dialogs
):
    path = LearningPath.objects.get(slug="ny-i-nav-veileder")
    first_two = list(path.steps.order_by("order").values_list("module__title", flat=True)[:2])
    login(page, "redaktor")
    page.goto(f"/laering/stier/{path.slug}/rediger/")
    description = page.locator("#id_description")
    description.fill(DESCRIPTION)
    page.get_by_role("button", name=f"Flytt ned {first_two[0]}").click()

    expect(description).to_have_value(DESCRIPTION)
    assert dialogs["types"] == ["beforeunload"]
    steps = page.get_by_role("region", name="Moduler i rekkefølge").get_by_role("listitem")
    expect(steps.first).to_contain_text(first_two[0])  # nothing moved either

    dialogs["answer"] = "leave"  # leaving on purpose moves the step and drops the text
    page.get_by_role("button", name=f"Flytt ned {first_two[0]}").click()
    expect(steps.first).to_contain_text(first_two[1])
    expect(page.locator("#id_description")).not_to_have_value(DESCRIPTION)
    assert dialogs["types"] == ["beforeunload", "beforeunload"]

    page.locator("#id_description").fill(DESCRIPTION)
    page.get_by_role("button", name="Lagre", exact=True).click()
    page.wait_for_load_state()
    assert dialogs["types"] == ["beforeunload", "beforeunload"]  # saving asked nothing
    path.refresh_from_db()
    assert path.description == DESCRIPTION
