"""Checks on what people type.

The national identity number guard: the contact log, summaries, shares and plans are about
employers and competence, never about job seekers. A text that contains an 11-digit number
with valid control digits for a fødselsnummer or D-number is refused.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_FIRST_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_SECOND_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
# Eleven digits, optionally written as six and five with a space or a dot between.
_CANDIDATE = re.compile(r"(?<!\d)(\d{6})[ .]?(\d{5})(?!\d)")


def _control_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11
    control = (11 - remainder) % 11
    return None if control == 10 else control


def is_identity_number(number: str) -> bool:
    """True for a fødselsnummer or D-number (day + 40) with a plausible date and valid
    control digits. Synthetic test numbers (month + 40 or + 80) count too: they are
    used in training material and look the same to a reader."""
    if len(number) != 11 or not (number.isascii() and number.isdigit()):
        return False
    day, month = int(number[0:2]), int(number[2:4])
    if day > 40:
        day -= 40
    if month > 80:
        month -= 80
    elif month > 40:
        month -= 40
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    first = _control_digit(number[:9], _FIRST_WEIGHTS)
    if first is None or first != int(number[9]):
        return False
    second = _control_digit(number[:10], _SECOND_WEIGHTS)
    return second is not None and second == int(number[10])


def contains_identity_number(text: str) -> bool:
    return any(is_identity_number(a + b) for a, b in _CANDIDATE.findall(text or ""))


def reject_identity_numbers(text: str) -> None:
    if contains_identity_number(text):
        raise ValidationError(
            _(
                "The text seems to contain a national identity number (fødselsnummer or "
                "D-number). Remove it: this is about the employer, not about job seekers."
            ),
            code="identity_number",
        )


def is_valid_organisation_number(number: str) -> bool:
    """Brønnøysund's rule: nine digits, the last a MOD11 check digit with weights 3 2 7 6 5 4 3 2.
    A computed check digit of 10 means no valid number can end that way."""
    if len(number) != 9 or not (number.isascii() and number.isdigit()):
        return False
    control = _control_digit(number[:8], (3, 2, 7, 6, 5, 4, 3, 2))
    return control is not None and control == int(number[8])


_ORGNR_WRITTEN = re.compile(
    r"^(?:NO)?\s*(\d{3})[\s.]?(\d{3})[\s.]?(\d{3})\s*(?:MVA)?$", re.IGNORECASE
)


def normalise_organisation_number(value: str) -> str:
    """The nine digits of an organisation number written the ways people paste it:
    ``974760673``, ``974 760 673`` (also with no-break spaces), ``974.760.673``,
    ``NO 974 760 673 MVA``. Anything else comes back stripped, for the validator to explain."""
    text = (value or "").strip()
    match = _ORGNR_WRITTEN.match(text)
    return "".join(match.groups()) if match else text


def validate_organisation_number(value: str) -> None:
    if not (len(value) == 9 and value.isascii() and value.isdigit()):
        raise ValidationError(
            _("An organisation number has exactly nine digits."), code="orgnr_format"
        )
    if not is_valid_organisation_number(value):
        raise ValidationError(
            _("This is not a valid organisation number: the check digit does not match."),
            code="orgnr_checksum",
        )
