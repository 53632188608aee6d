"""Browser journeys of the employers app (issue 3, «Done when»)."""

import re

import pytest
from playwright.sync_api import expect

import employers.demo
from employers.models import Callback, CallbackStatus, ContactEntry, DuplicateWarning
from portal import demo
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SORKYST_RISOR = "100042371"  # Sørkyst Fiskeforedling AS avd. Risør (demo)


@pytest.fixture
def seeded():
    context = demo.seed()
    employers.demo.seed(context)
    return context


def test_harstad_advisor_is_warned_and_logs_another_topic(page, axe, seeded):
    login(page, "veileder2")
    page.goto(f"/arbeidsgivere/{SORKYST_RISOR}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sørkyst Fiskeforedling AS avd. Risør"
    )
    page.get_by_role("link", name="Logg en kontakt").first.click()
    warning = page.locator("#duplicate-warning")
    expect(warning).to_contain_text(
        "Ingrid Solberg (NAV Risør) ringte om rekruttering for 3 dager siden"
    )
    expect(page.get_by_text("ikke om arbeidssøkere").first).to_be_visible()
    expect(page.get_by_role("link", name="Første besøk hos en arbeidsgiver")).to_be_visible()

    page.get_by_label("Kanal").select_option(label="Besøk")
    # The contacts warned about were on recruitment and (at a sister unit) work training.
    page.get_by_label("Forebygge sykefravær / IA").check()
    expect(warning).not_to_contain_text("Samme tema")
    axe.rerun(page)
    page.get_by_label("Oppsummering", exact=True).fill(
        "Besøk om tilrettelegging for to ansatte med ryggplager i pakkeriet."
    )
    page.get_by_role("button", name="Logg kontakten").click()

    expect(page.get_by_role("status")).to_contain_text("Kontakten er logget")
    expect(page.locator(".timeline").first).to_contain_text("Jonas Eriksen (NAV Harstad)")
    entry = ContactEntry.objects.get(
        author=seeded.users["veileder2"], employer__organisation_number=SORKYST_RISOR
    )
    assert entry.topics == ["sick_leave"]
    # Recorded with the entry, not when shown: gone on, with a topic the warning did not name.
    warning = DuplicateWarning.objects.get(user=seeded.users["veileder2"])
    assert (warning.context, warning.proceeded, warning.topic_changed) == ("log", True, True)


def test_cancelling_after_the_warning_is_counted_and_goes_back(page, seeded):
    login(page, "veileder2")
    page.goto(f"/arbeidsgivere/{SORKYST_RISOR}/planlegg/")
    expect(page.locator("#duplicate-warning")).to_contain_text("Ingrid Solberg (NAV Risør)")
    mine = DuplicateWarning.objects.filter(user=seeded.users["veileder2"])
    assert not mine.exists()
    page.get_by_role("button", name="Avbryt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sørkyst Fiskeforedling AS avd. Risør"
    )
    warning = mine.get()
    assert (warning.context, warning.proceeded) == ("plan", False)


def test_the_warning_highlights_the_same_topic(page, axe, seeded):
    login(page, "veileder2")
    page.goto(f"/arbeidsgivere/{SORKYST_RISOR}/logg/ny/")
    page.get_by_label("Rekruttering", exact=True).check()
    expect(page.locator("#duplicate-warning")).to_contain_text("Samme tema")
    axe.rerun(page)


def test_a_callback_cannot_reach_done_without_an_entry_or_a_reason(page, axe, seeded):
    login(page, "markedskontakt")
    page.goto("/arbeidsgivere/tilbakeringing/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("NAV Risør")
    expect(page.get_by_text("Venter over to arbeidsdager").first).to_be_visible()
    # The open one (the demo's earlier callbacks from the café are done).
    open_ones = page.get_by_role("region", name="Åpne ønsker om å bli ringt opp")
    open_ones.get_by_role("link", name="Strandgata Kafé Risør").click()
    expect(page.get_by_role("heading", name="Siste kontakter med arbeidsgiveren")).to_be_visible()

    # «Ferdig» on its own is refused, beside the status.
    page.get_by_label("Ferdig", exact=True).check()
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator("#id_status_error")).to_contain_text("logg kontakten, eller si hvorfor")
    # So is «no contact» without the reason.
    page.get_by_role("button", name="Ferdig – ingen kontakt").click()
    expect(page.locator("#id_no_contact_reason_error")).to_be_visible()
    axe.rerun(page)
    callback = Callback.objects.get(contact_name="Mona Strand")
    assert callback.status != CallbackStatus.DONE and callback.entry is None

    # The log entry is prefilled from the request: one click closes it with the entry.
    expect(page.get_by_label("Sammendrag til loggen")).to_have_value(
        re.compile(r"^Ringte tilbake om")
    )
    page.get_by_role("button", name="Ferdig – logg kontakten").click()

    expect(page).to_have_url(re.compile(r"/arbeidsgivere/tilbakeringing/$"))
    expect(page.get_by_role("status")).to_contain_text("Forespørselen er oppdatert")
    callback.refresh_from_db()
    assert callback.status == CallbackStatus.DONE
    assert callback.entry.summary.startswith("Ringte tilbake om")
    assert (callback.entry.channel, callback.entry.topics) == ("phone", [callback.topic])


def test_a_callback_closed_without_contact_shows_why(page, seeded):
    login(page, "markedskontakt")
    callback = Callback.objects.get(contact_name="Mona Strand")
    page.goto(f"/arbeidsgivere/tilbakeringing/{callback.pk}/")
    page.get_by_label("Hvorfor ble det ingen kontakt?").fill("Ikke svar etter tre forsøk.")
    page.get_by_role("button", name="Ferdig – ingen kontakt").click()
    expect(page).to_have_url(re.compile(r"/arbeidsgivere/tilbakeringing/$"))
    page.goto(f"/arbeidsgivere/tilbakeringing/{callback.pk}/")
    expect(page.locator("#callback-closed")).to_contain_text(
        "ingen kontakt ble oppnådd: Ikke svar etter tre forsøk."
    )
    assert not ContactEntry.objects.filter(callback=callback).exists()


def test_search_as_you_type_finds_an_employer(page, axe, seeded):
    login(page, "veileder")
    page.goto("/arbeidsgivere/")
    page.get_by_label("Søk på navn eller organisasjonsnummer").fill("vågsfj")
    expect(page.locator("#employer-results")).to_contain_text("Vågsfjord Verft AS")
    axe.rerun(page)
    page.get_by_role("link", name="Vågsfjord Verft AS", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vågsfjord Verft AS")


def test_the_employer_page_works_at_360_px(page, seeded):
    page.set_viewport_size({"width": 360, "height": 740})
    login(page, "veileder")
    page.goto(f"/arbeidsgivere/{SORKYST_RISOR}/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways at 360 px ({width} px wide)"


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/arbeidsgivere/logg/", "Kontaktlogg"),
        ("/arbeidsgivere/planlagt/?kontor=alle", "Planlagte kontakter"),
        ("/arbeidsgivere/oppfolging/", "Mine oppfølginger"),
        ("/arbeidsgivere/samtaleguider/", "Samtaleguider"),
        ("/arbeidsgivere/samtaleguider/forste-besok/", "Første besøk hos en arbeidsgiver"),
        (f"/arbeidsgivere/{SORKYST_RISOR}/planlegg/", "Planlegg en kontakt"),
        (f"/arbeidsgivere/{SORKYST_RISOR}/tilbakeringing/ny/", "Ønske om å bli ringt opp"),
        ("/arbeidsgivere/ny/", "Registrer en arbeidsgiver"),
    ],
)
def test_every_employer_page_is_accessible(page, seeded, path, heading):
    login(page, "veileder")
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def test_an_entry_shows_its_history(page, seeded):
    entry = ContactEntry.objects.filter(author=seeded.users["markedskontakt"]).first()
    login(page, "markedskontakt")
    page.goto(f"/arbeidsgivere/logg/{entry.pk}/rediger/")
    page.get_by_label("Utfall").fill("Fire kandidater foreslått.")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("heading", name="Historikk")).to_be_visible()
    expect(page.locator(".history")).to_contain_text("Fire kandidater foreslått.")
