"""Checks on what people type.

The national identity number guard: the contact log, summaries, shares and plans are about
employers and competence, never about job seekers. A text that contains a fødselsnummer,
D-number or H-number, written the way people write them, is refused. The same finder removes
them from the logs (portal.logging) and from search queries.

Synthetic test numbers (month + 80, and NAV's month + 40, which looks like an H-number) are
refused too, on purpose: they are used in training material and look the same to a reader.
"""

import re
import unicodedata
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.no import orgnr

_FIRST_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_SECOND_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
# Skatteetaten, "Nytt fødselsnummer fra 2032": for numbers issued from 2032 the weighted sum of
# the first nine digits plus the first control digit may leave the remainders 0, 1, 2 or 3
# (today only 0); the second control digit is computed as before.
_FIRST_REMAINDERS_FROM_2032 = frozenset({0, 1, 2, 3})
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # the year is not known


def _control_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11
    control = (11 - remainder) % 11
    return None if control == 10 else control


class _Normalise(dict):
    """A str.translate table that maps every character to exactly one: any Unicode digit
    to its ASCII digit, spaces of every kind (no-break, thin, tab, line breaks) and zero-width
    characters to a space, dashes to "-", full-width punctuation to ASCII. One character for
    one keeps the positions, so a match in the normalised text is a match in the original."""

    def __missing__(self, code_point: int) -> int:
        char = chr(code_point)
        digit = unicodedata.digit(char, None)
        if digit is not None:
            mapped = str(digit)
        elif char in "\t\n\r\v\f" or unicodedata.category(char) in {"Zs", "Zl", "Zp", "Cf"}:
            mapped = " "
        elif unicodedata.category(char) == "Pd":
            mapped = "-"
        else:
            compatible = unicodedata.normalize("NFKC", char)
            mapped = compatible if compatible in {".", "/", "_"} else char
        self[code_point] = ord(mapped)
        return self[code_point]


_NORMALISE = _Normalise()

# One separator between groups, optionally padded by spaces; or spaces alone.
_GAP = r"(?: {0,3}[-./_] {0,3}| {1,3})"
_DATE = rf"(?:\d{{6}}|\d\d{_GAP}\d\d{_GAP}\d\d)"  # 6, or 2+2+2
_PERSONAL = rf"(?:\d{{5}}|\d{{3}}{_GAP}\d\d)"  # 5, or 3+2
# A lookahead finds candidates at every starting digit, overlapping ones too, so that a
# number that only looks like one cannot hide a real one next to it.
_CANDIDATE = re.compile(rf"(?<!\d)(?=({_DATE}{_GAP}?{_PERSONAL})(?!\d))", re.ASCII)
_NOT_DIGIT = re.compile(r"\D", re.ASCII)


def _normalise(text: str) -> str:
    return text.translate(_NORMALISE)


def meets_todays_control_rule(number: str) -> bool:
    """Both control digits as computed today (the remainder of the first sum must be 0)."""
    first = _control_digit(number[:9], _FIRST_WEIGHTS)
    return first is not None and first == int(number[9]) and _second_control_matches(number)


def meets_2032_control_rule(number: str) -> bool:
    """The rule for numbers issued from 2032, which also accepts today's numbers."""
    weighted = sum(int(d) * w for d, w in zip(number[:10], (*_FIRST_WEIGHTS, 1), strict=True))
    return weighted % 11 in _FIRST_REMAINDERS_FROM_2032 and _second_control_matches(number)


def _second_control_matches(number: str) -> bool:
    second = _control_digit(number[:10], _SECOND_WEIGHTS)
    return second is not None and second == int(number[10])


def _plausible_date(number: str) -> bool:
    day, month = int(number[0:2]), int(number[2:4])
    if day > 40:  # D-number
        day -= 40
    if month > 80:  # synthetic test number
        month -= 80
    elif month > 40:  # H-number, or NAV's synthetic test number
        month -= 40
    return 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]


def is_identity_number(number: str) -> bool:
    """True for eleven digits (in any script) that make a fødselsnummer, D-number or H-number:
    a plausible day and month, and control digits by today's rule or the 2032 rule."""
    number = _normalise(number or "")
    if len(number) != 11 or not (number.isascii() and number.isdigit()):
        return False
    return _plausible_date(number) and meets_2032_control_rule(number)


def identity_number_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where identity numbers stand in `text`, as (start, end) positions, in order."""
    if not text:
        return
    normalised = _normalise(text)
    covered_until = 0
    for match in _CANDIDATE.finditer(normalised):
        start, end = match.span(1)
        if start >= covered_until and is_identity_number(_NOT_DIGIT.sub("", match.group(1))):
            covered_until = end
            yield start, end


def contains_identity_number(text: str) -> bool:
    return next(identity_number_spans(text or ""), None) is not None


def replace_identity_numbers(text: str, replacement: str) -> str:
    """`text` with every identity number in it replaced by `replacement`."""
    parts, position = [], 0
    for start, end in identity_number_spans(text or ""):
        parts += [text[position:start], replacement]
        position = end
    return "".join(parts) + text[position:] if parts else text


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
    """Brønnøysund's rule: nine digits, the last a MOD11 check digit (python-stdnum's
    no.orgnr). Only ASCII digits count here: stdnum would also accept other scripts."""
    return len(number) == 9 and number.isascii() and number.isdigit() and orgnr.is_valid(number)


_ORGNR_WRITTEN = re.compile(
    r"^(?:NO)?\s*(\d{3})[\s.]?(\d{3})[\s.]?(\d{3})\s*(?:MVA)?$", re.IGNORECASE | re.ASCII
)


def normalise_organisation_number(value: str) -> str:
    """The nine digits of an organisation number written the ways people paste it:
    ``974760673``, ``974 760 673`` (also with no-break or zero-width spaces), ``974.760.673``,
    ``NO 974 760 673 MVA`` (the VAT number). Anything else comes back stripped, for the
    validator to explain."""
    text = (value or "").strip()
    spaced = re.sub(r"[\s\u200b\u200c\u200d\u2060\ufeff]+", " ", text).strip()
    match = _ORGNR_WRITTEN.match(spaced)
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
