import pytest
from django.core.exceptions import ValidationError

from portal.validators import (
    contains_identity_number,
    is_identity_number,
    is_valid_organisation_number,
    reject_identity_numbers,
    validate_organisation_number,
)


def with_control_digits(first_nine: str) -> str:
    w1, w2 = (3, 7, 6, 1, 8, 9, 4, 5, 2), (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    k1 = (11 - sum(int(d) * w for d, w in zip(first_nine, w1, strict=True)) % 11) % 11
    ten = first_nine + str(k1)
    k2 = (11 - sum(int(d) * w for d, w in zip(ten, w2, strict=True)) % 11) % 11
    assert k1 < 10 and k2 < 10
    return ten + str(k2)


# Made-up numbers with valid control digits.
FNR = with_control_digits("150385123")  # 15.03.85
D_NUMBER = with_control_digits("550385123")  # D-number: day + 40


@pytest.mark.parametrize("number", [FNR, D_NUMBER])
def test_valid_identity_numbers_are_recognised(number):
    assert is_identity_number(number)


def test_wrong_control_digits_or_impossible_dates_are_not_identity_numbers():
    assert not is_identity_number(FNR[:-1] + str((int(FNR[-1]) + 1) % 10))
    assert not is_identity_number("32138512345")
    assert not is_identity_number("1503851234")


@pytest.mark.parametrize(
    "text",
    [f"Kandidat {FNR} trenger tilrettelegging", f"nr. {FNR[:6]} {FNR[6:]}", f"({D_NUMBER})"],
)
def test_texts_with_an_identity_number_are_refused(text):
    assert contains_identity_number(text)
    with pytest.raises(ValidationError) as error:
        reject_identity_numbers(text)
    assert "fødselsnummer" in str(error.value)


def test_other_long_numbers_pass():
    assert not contains_identity_number("Ring 90012345 eller org.nr. 974760673, tlf 12345678901")


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("974760673", True),  # a real public body's number, published in the register
        ("974760674", False),  # wrong control digit
        ("12345678", False),  # eight digits
        ("9747606730", False),  # ten digits
        ("97476067A", False),  # letters
    ],
)
def test_organisation_number_mod11(number, valid):
    assert is_valid_organisation_number(number) is valid


def test_a_control_digit_of_ten_is_never_valid():
    # 4,0,0,0,0,0,0,0 weighs 4·3 = 12 ≡ 1 (mod 11), so the control digit would be 11 - 1 = 10
    first_eight = "40000000"
    assert all(not is_valid_organisation_number(first_eight + str(d)) for d in range(10))


def test_organisation_number_messages_are_norwegian():
    with pytest.raises(ValidationError, match="nøyaktig ni sifre"):
        validate_organisation_number("1234")
    with pytest.raises(ValidationError, match="kontrollsifferet stemmer ikke"):
        validate_organisation_number("974760674")


def test_full_width_digits_are_not_digits_here():
    assert not is_valid_organisation_number("９７４７６０６７３")
    with pytest.raises(ValidationError, match="nøyaktig ni sifre"):
        validate_organisation_number("９７４７６０６７３")
