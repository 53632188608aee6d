"""Employers reach the callback queue themselves (issue 17, item 3, «Done when»): a form posted
twice with the same Idempotency-Key appears in the right office's queue exactly once."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

import employers.demo
from employers.models import Callback
from portal import demo
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots")


@pytest.fixture
def seeded():
    context = demo.seed()
    employers.demo.seed(context)
    return context


def send(page, payload: dict, key: str):
    """As NAV's contact-form service sends it: JSON, a bearer token, an Idempotency-Key."""
    return page.request.post(
        "/api/v1/kontaktskjema/",
        data=json.dumps(payload),
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {settings.CONTACT_FORM_TOKEN}",
            "Idempotency-Key": key,
        },
    )


FORM = {
    "fylkesenhetsnr": "1000",
    "kommune": "Risør",
    "kommunenr": "4201",
    "bedriftsnavn": "Kantinedrift Sørlandet AS",
    "orgnr": "974760673",
    "navn": "Hilde Vik",
    "epost": "hilde.vik@kantinedrift.example",
    "telefonnr": "37000999",
    "fritekst": "Vi trenger to kokker fra januar.",
    "tema": "Rekruttering",
    "temaType": "REKRUTTERING",
}


def test_a_form_sent_twice_is_in_rissors_queue_once(page, axe, seeded):
    first = send(page, FORM, "e2e-skjema-1")
    again = send(page, FORM, "e2e-skjema-1")
    assert (first.status, again.status) == (201, 200)
    assert first.json()["kontor"] == "NAV Risør"

    login(page, "markedskontakt")
    page.goto("/arbeidsgivere/tilbakeringing/")
    rows = page.get_by_role("row").filter(has_text="Kantinedrift Sørlandet AS")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Fra arbeidsgiver")
    expect(rows).to_contain_text("Hilde Vik, 37000999")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "contactform-queue-1280.png", full_page=True)

    rows.get_by_role("link", name="Kantinedrift Sørlandet AS").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kantinedrift Sørlandet AS")
    expect(page.locator("dl.facts")).to_contain_text("hilde.vik@kantinedrift.example")
    page.set_viewport_size({"width": 360, "height": 800})
    page.screenshot(path=SHOTS / "contactform-callback-360.png", full_page=True)
    assert Callback.objects.filter(employer__organisation_number="974760673").count() == 1


def test_harstad_gets_its_own_and_agder_takes_a_form_no_office_covers(page, axe, seeded):
    assert send(page, FORM | {"kommunenr": "5503", "kommune": "Harstad"}, "e2e-2").status == 201
    tvedestrand = FORM | {
        "kommunenr": "4213",
        "kommune": "Tvedestrand",
        "orgnr": "923609016",
        "bedriftsnavn": "Tvedestrand Bakeri AS",
    }
    assert send(page, tvedestrand, "e2e-3").status == 201

    login(page, "leder2")
    page.goto("/arbeidsgivere/tilbakeringing/")
    expect(page.get_by_role("row").filter(has_text="Kantinedrift Sørlandet AS")).to_have_count(1)
    expect(page.get_by_text("Tvedestrand Bakeri AS")).to_have_count(0)

    page.context.clear_cookies()
    login(page, "leder")
    page.goto("/arbeidsgivere/tilbakeringing/")
    region = page.locator("#region-queue").locator("..")
    page.set_viewport_size({"width": 360, "height": 800})
    page.screenshot(path=SHOTS / "contactform-region-queue-360.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    row = region.get_by_role("row").filter(has_text="Tvedestrand Bakeri AS")
    row.get_by_role("button", name="Ta til vårt kontor").click()

    expect(page.get_by_role("status").first).to_contain_text("NAV Risør")
    callback = Callback.objects.get(employer__organisation_number="923609016")
    assert callback.office.name == "NAV Risør"
