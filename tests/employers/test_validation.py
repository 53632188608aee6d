"""The MOD11 check of organisation numbers and the national identity number guard."""

import pytest
from django.core.exceptions import ValidationError

from employers.forms import ContactEntryForm, EmployerForm
from employers.models import Employer
from portal.validators import is_valid_organisation_number, validate_organisation_number
from tests.employers.factories import EmployerFactory
from tests.factories import UserFactory


@pytest.mark.parametrize("number", ["974760673", "923609016", "889640782", "915000002"])
def test_valid_organisation_numbers_pass(number):
    assert is_valid_organisation_number(number)
    validate_organisation_number(number)


@pytest.mark.parametrize("number", ["974760674", "974760670", "923609010", "889640781"])
def test_a_wrong_control_digit_is_refused(number):
    assert not is_valid_organisation_number(number)
    with pytest.raises(ValidationError) as raised:
        validate_organisation_number(number)
    assert raised.value.code == "orgnr_checksum"


def test_control_digit_10_is_never_valid():
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    base = next(
        str(n)
        for n in range(91500000, 91600000)
        if sum(int(d) * w for d, w in zip(str(n), weights, strict=True)) % 11 == 1
    )  # remainder 1 means the control digit would be 11 - 1 = 10
    assert not any(is_valid_organisation_number(base + str(d)) for d in range(10))


@pytest.mark.parametrize("number", ["97476067", "9747606730", "", "97476 0673"])
def test_wrong_length_is_refused(number):
    assert not is_valid_organisation_number(number)
    with pytest.raises(ValidationError):
        validate_organisation_number(number)


@pytest.mark.parametrize("number", ["97476067A", "abcdefghi", "97476-673"])
def test_letters_and_other_characters_are_refused(number):
    assert not is_valid_organisation_number(number)
    with pytest.raises(ValidationError):
        validate_organisation_number(number)


@pytest.mark.django_db
def test_the_register_form_says_in_norwegian_what_is_wrong_and_saves_nothing():
    form = EmployerForm(data={"organisation_number": "974760674", "name": "Feil AS"})
    assert not form.is_valid()
    assert "kontrollsifferet" in str(form.errors["organisation_number"])
    assert not Employer.objects.exists()


@pytest.mark.django_db
def test_the_register_form_refuses_a_number_already_registered():
    EmployerFactory(organisation_number="974760673")
    form = EmployerForm(data={"organisation_number": "974760673", "name": "Kopi AS"})
    assert not form.is_valid()
    assert "allerede registrert" in str(form.errors["organisation_number"])


# 15076500565 has valid fødselsnummer control digits; 41018012345 does not.
IDENTITY = "15076500565"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [f"Kandidat {IDENTITY} begynner mandag", "Kandidat 150765 00565 begynner", f"nr:{IDENTITY}"],
)
def test_the_log_refuses_a_national_identity_number(text):
    user = UserFactory()
    employer = EmployerFactory()
    form = ContactEntryForm(
        data={
            "contacted_on": "2026-01-05",
            "channel": "phone",
            "topics": ["recruitment"],
            "summary": text,
        },
        employer=employer,
        user=user,
    )
    assert not form.is_valid()
    assert "fødselsnummer" in str(form.errors["summary"])


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["Ring 37000555 eller 41018012345", "Ordre 974760673 sendt"])
def test_the_log_accepts_numbers_that_are_not_identity_numbers(text):
    form = ContactEntryForm(
        data={
            "contacted_on": "2026-01-05",
            "channel": "phone",
            "topics": ["recruitment"],
            "summary": text,
        },
        employer=EmployerFactory(),
        user=UserFactory(),
    )
    assert form.is_valid(), form.errors
