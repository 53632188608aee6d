"""Organisation numbers as people paste them, in every form that takes one."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from employers.models import Employer
from marketinfo.models import Item, ItemKind
from portal.models import Role
from tests.employers.factories import EmployerFactory
from tests.factories import UserFactory
from tests.marketinfo.factories import SummaryFactory

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


@pytest.fixture
def market_contact(client):
    user = UserFactory(roles=[Role.MARKET_CONTACT.value])
    client.force_login(user)
    return user


def test_the_register_form_takes_both_numbers_as_pasted_and_keeps_nine_digits(
    client, market_contact
):
    main = EmployerFactory(organisation_number="974760673", name="Hovedenhet AS")
    response = client.post(
        reverse("employers:create"),
        {
            "organisation_number": f"923{NBSP}609{NBSP}016",
            "name": "Hovedenhet AS avd. Risør",
            "main_unit_number": "NO 974 760 673 MVA",
        },
    )
    assert response.status_code == 302
    sub = Employer.objects.get(name="Hovedenhet AS avd. Risør")
    assert sub.organisation_number == "923609016"
    assert sub.main_unit == main


def test_no_organisation_number_input_cuts_a_pasted_number_short(client, market_contact):
    page = client.get(reverse("employers:create")).content.decode()
    for name in ("organisation_number", "main_unit_number"):
        field = page[page.index(f'name="{name}"') :]
        assert "maxlength" not in field[: field.index(">")], name


def test_a_wrong_number_however_written_is_explained_beside_the_field(client, market_contact):
    response = client.post(
        reverse("employers:create"), {"organisation_number": "974 760 674", "name": "Feil AS"}
    )
    page = response.content.decode()
    assert 'id="id_organisation_number_error"' in page
    assert "kontrollsifferet stemmer ikke" in page
    assert 'value="974 760 674"' in page  # what was typed is kept
    assert not Employer.objects.exists()


@pytest.mark.parametrize("written", ["974.760.673", f"974{NBSP}760{NBSP}673", "NO974760673MVA"])
def test_a_summary_item_finds_its_employer_by_a_pasted_number(client, market_contact, written):
    employer = EmployerFactory(organisation_number="974760673", name="Brønnboring AS")
    summary = SummaryFactory(office=market_contact.office)
    response = client.post(
        reverse("marketinfo:item_create", args=[summary.pk, ItemKind.VACANCY]),
        {
            "organisation_number": written,
            "title": "Kantinemedarbeider",
            "on_date": (date.today() + timedelta(days=10)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert Item.objects.get().employer == employer
