"""Checks on what people type.

The national identity number guard: the contact log, summaries, shares and plans are about
employers and competence, never about job seekers. A text that contains a fødselsnummer,
D-number or H-number, written the way people write them, is refused. The same finder removes
them from the logs (portal.logging) and from search queries.

Synthetic test numbers (month + 80, and NAV's month + 40, which looks like an H-number) are
refused too, on purpose: they are used in training material and look the same to a reader.
"""

import re
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


# One separator between groups, optionally padded by spaces; or spaces alone. Spaces are any
# Unicode white space (no-break, narrow, thin, tab, line breaks) and the zero-width and
# invisible formatting characters; separators are dashes of every width, dot, slash and
# underscore, full-width ones too. \d is any Unicode decimal digit.
_SPACE = r"[\s\u00ad\u200b-\u200f\u2060-\u2064\ufeff]"
_MARK = r"[-./_\u2010-\u2015\u2212\ufe58\ufe63\uff0d\uff0e\uff0f\uff3f]"
_GAP = rf"(?:{_SPACE}{{0,3}}{_MARK}{_SPACE}{{0,3}}|{_SPACE}{{1,3}})"
_DATE = rf"(?:\d{{6}}|\d\d{_GAP}\d\d{_GAP}\d\d)"  # 6, or 2+2+2
_PERSONAL = rf"(?:\d{{5}}|\d{{3}}{_GAP}\d\d)"  # 5, or 3+2
_CANDIDATE = re.compile(rf"{_DATE}{_GAP}?{_PERSONAL}(?!\d)")
_DIGIT_RUN = re.compile(r"\d+")


def _ascii_digits(text: str) -> str:
    return "".join(str(int(char)) for char in text if char.isdecimal())


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
    if len(number or "") != 11 or not number.isdecimal():
        return False
    number = _ascii_digits(number)
    return _plausible_date(number) and meets_2032_control_rule(number)


def identity_number_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where identity numbers stand in `text`, as (start, end) positions, in order."""
    runs = _DIGIT_RUN.findall(text or "") if text else []
    if sum(map(len, runs)) < 11:
        return
    # A number starts where a run of digits starts. Each start is tried, also inside an
    # earlier candidate, so that digits which only look like a number cannot hide a real
    # one next to them.
    covered_until = 0
    for run in _DIGIT_RUN.finditer(text):
        if run.start() < covered_until:
            continue
        match = _CANDIDATE.match(text, run.start())
        if match and is_identity_number(_ascii_digits(match[0])):
            covered_until = match.end()
            yield match.span()


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
