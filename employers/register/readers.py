"""Readers for the register's bulk downloads, as published by data.brreg.no.

Four layouts: enheter and underenheter, each as CSV (`…/lastned/csv`) and as gzipped JSON
(`…/lastned`, one array of units as the API returns them). The CSV is RFC 4180 with a fixed
dialect: every field quoted, quotes doubled, commas and line breaks inside fields. It is read
with `csv.excel` in strict mode, never sniffed: a sniffer guessing from the first kilobytes
once shifted every field of a row whose name held quotes by one column.

Both readers stream: one unit at a time, whatever the size of the file. Each unit becomes a
`Unit` of the columns the portal keeps, or a `SkipRow` with the reason. A file that is not
the register's at all (wrong header, broken quoting, not JSON) raises RegisterFileError and
nothing of it is used.
"""

import codecs
import csv
import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import IO

from django.utils.translation import gettext as _

from employers.models import EmployerSize, RegisterStatus

GZIP_MAGIC = b"\x1f\x8b"


class RegisterFileError(Exception):
    """The file as a whole cannot be read as one of the register's layouts."""


class SkipRow(Exception):
    """One unit of the file cannot be used; the message says why."""


@dataclass(frozen=True, slots=True)
class Unit:
    organisation_number: str
    name: str
    main_unit_number: str
    organisation_form: str
    organisation_form_text: str
    industry_code: str
    industry_text: str
    employees: int | None
    size_band: str
    website: str
    address: str
    postal_code: str
    postal_place: str
    municipality: str
    municipality_number: str
    register_status: str
    register_status_on: date | None


# The staging table's columns, in the order a Unit's fields are written (see merge.py).
UNIT_COLUMNS = tuple(Unit.__dataclass_fields__)

# Which address is the unit's own: the business address of a main unit, the location of a
# sub-unit. The postal address is the fallback for units that have only that.
OWN_ADDRESS = ("forretningsadresse", "beliggenhetsadresse")
POSTAL_ADDRESS = "postadresse"
# Compulsory liquidation or dissolution gives one of these dates, by its cause.
FORCED_DATES = (
    "tvangsopplostPgaManglendeDagligLederDato",
    "tvangsopplostPgaManglendeRevisorDato",
    "tvangsopplostPgaManglendeRegnskapDato",
    "tvangsopplostPgaMangelfulltStyreDato",
    "tvangsavvikletPgaManglendeSlettingDato",
)


_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def is_organisation_number(number: str) -> bool:
    """Nine digits with a valid MOD11 check digit. The register's own numbers are always
    written so; this runs 1.7 million times per import, so it is kept this plain."""
    if len(number) != 9 or not number.isdigit() or not number.isascii():
        return False
    remainder = sum(int(d) * w for d, w in zip(number, _WEIGHTS)) % 11  # noqa: B905
    return (11 - remainder) % 11 == int(number[8])


def size_band(employees: int | None) -> str:
    if not employees or employees <= 0:
        return EmployerSize.UNKNOWN
    if employees < 5:
        return EmployerSize.MICRO
    if employees < 20:
        return EmployerSize.SMALL
    if employees < 100:
        return EmployerSize.MEDIUM
    return EmployerSize.LARGE


def _day(text) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def _true(value) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def _status(get) -> tuple[str, date | None]:
    """The most final of the register's statuses, with its day. `get(name)` reads a field."""
    if get("slettedato"):
        return RegisterStatus.DELETED, _day(get("slettedato"))
    if get("nedleggelsesdato"):
        return RegisterStatus.CLOSED, _day(get("nedleggelsesdato"))
    if _true(get("konkurs")):
        return RegisterStatus.BANKRUPT, _day(get("konkursdato"))
    if _true(get("underTvangsavviklingEllerTvangsopplosning")):
        days = [_day(get(name)) for name in FORCED_DATES]
        return RegisterStatus.FORCED_LIQUIDATION, min((d for d in days if d), default=None)
    if _true(get("underAvvikling")):
        return RegisterStatus.UNDER_LIQUIDATION, _day(get("underAvviklingDato"))
    return RegisterStatus.ACTIVE, None


def _address_lines(value) -> str:
    # JSON gives a list of lines; the CSV puts the same lines in one field, line by line.
    lines = value if isinstance(value, list) else str(value or "").splitlines()
    return ", ".join(line.strip() for line in lines if line and line.strip())


def _employees(get) -> int | None:
    if get("harRegistrertAntallAnsatte") is not None and not _true(
        get("harRegistrertAntallAnsatte")
    ):
        return None
    raw = get("antallAnsatte")
    if raw in (None, ""):
        return None
    try:
        employees = int(raw)
    except (TypeError, ValueError) as error:
        raise SkipRow(_("the number of employees is not a number")) from error
    return employees if employees >= 0 else None


def unit_from(get) -> Unit:
    """A Unit from one unit of any layout; `get("forretningsadresse.kommune")` reads a field
    by its dotted CSV name."""
    number = str(get("organisasjonsnummer") or "").strip()
    if not is_organisation_number(number):
        raise SkipRow(_("invalid organisation number"))
    name = " ".join(str(get("navn") or "").split())
    if not name:
        raise SkipRow(_("no name"))
    main_unit = str(get("overordnetEnhet") or "").strip()
    if main_unit and not is_organisation_number(main_unit):
        raise SkipRow(_("invalid organisation number of the main unit"))
    own = next(
        (prefix for prefix in OWN_ADDRESS if _has_address(get, prefix)),
        POSTAL_ADDRESS if _has_address(get, POSTAL_ADDRESS) else None,
    )

    def address(field: str) -> str:
        return str(get(f"{own}.{field}") or "").strip() if own else ""

    employees = _employees(get)
    status, status_on = _status(get)
    return Unit(
        organisation_number=number,
        name=name[:200],
        main_unit_number=main_unit,
        organisation_form=str(get("organisasjonsform.kode") or "")[:10],
        organisation_form_text=str(get("organisasjonsform.beskrivelse") or "")[:200],
        industry_code=str(get("naeringskode1.kode") or "")[:10],
        industry_text=str(get("naeringskode1.beskrivelse") or "")[:200],
        employees=employees,
        size_band=size_band(employees),
        website=str(get("hjemmeside") or "").strip()[:300],
        address=_address_lines(get(f"{own}.adresse") if own else "")[:300],
        postal_code=address("postnummer")[:4],
        postal_place=address("poststed").title()[:100],
        municipality=address("kommune").title()[:100],
        municipality_number=address("kommunenummer")[:4],
        register_status=status,
        register_status_on=status_on,
    )


def _has_address(get, prefix: str) -> bool:
    return any(get(f"{prefix}.{field}") for field in ("adresse", "postnummer", "kommunenummer"))


# --- CSV -------------------------------------------------------------------------------------


class _StrictExcel(csv.excel):
    strict = True


def read_csv(stream: IO[bytes]) -> Iterator[tuple[int, Unit | SkipRow]]:
    """(line, Unit or SkipRow) for each record of a register CSV, `line` being the line the
    record starts on (a record may span lines: addresses and names hold line breaks)."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.reader(text, _StrictExcel)
    try:
        header = next(reader, None)
        if not header or "organisasjonsnummer" not in header or "navn" not in header:
            raise RegisterFileError(
                _("The file is not a register file: its first line names no organisasjonsnummer.")
            )
        index = {name: position for position, name in enumerate(header)}
        width = len(header)
        line = reader.line_num + 1
        for values in reader:
            start, line = line, reader.line_num + 1
            if not any(values):
                continue
            if len(values) != width:
                yield (
                    start,
                    SkipRow(
                        _("expected %(expected)d fields, found %(found)d")
                        % {"expected": width, "found": len(values)}
                    ),
                )
                continue

            def get(name, values=values):
                position = index.get(name)
                return values[position] if position is not None else None

            try:
                yield start, unit_from(get)
            except SkipRow as skip:
                yield start, skip
    except csv.Error as error:
        raise RegisterFileError(
            _("The file is not valid CSV near line %(line)d: %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from error
    except UnicodeDecodeError as error:
        raise RegisterFileError(_("The file is not UTF-8 text.")) from error


# --- JSON ------------------------------------------------------------------------------------

_CHUNK = 1 << 16


def _json_elements(text: IO[str]) -> Iterator[dict]:
    """The elements of one JSON array, decoded one at a time from a text stream: the
    standard library has no streaming parser, and a unit is a few kilobytes at most."""
    decoder = json.JSONDecoder()
    buffer = ""
    position = 0
    started = False

    def fill() -> bool:
        nonlocal buffer, position
        chunk = text.read(_CHUNK)
        if not chunk:
            return False
        buffer = buffer[position:] + chunk
        position = 0
        return True

    def skip_space() -> str:
        nonlocal position
        while True:
            while position < len(buffer) and buffer[position] in " \t\r\n":
                position += 1
            if position < len(buffer):
                return buffer[position]
            if not fill():
                return ""

    if skip_space() != "[":
        raise RegisterFileError(_("The file is not a JSON array of units."))
    position += 1
    while True:
        mark = skip_space()
        if mark == "]":
            return
        if started:
            if mark != ",":
                raise RegisterFileError(_("The JSON file is broken."))
            position += 1
            skip_space()
        started = True
        while True:
            try:
                element, end = decoder.raw_decode(buffer, position)
                break
            except json.JSONDecodeError as error:
                if not fill():
                    raise RegisterFileError(_("The JSON file is broken.")) from error
        position = end
        if not isinstance(element, dict):
            raise RegisterFileError(_("The file is not a JSON array of units."))
        yield element


def read_json(stream: IO[bytes]) -> Iterator[tuple[int, Unit | SkipRow]]:
    """(number of the unit in the file, Unit or SkipRow) from the JSON download, an array of
    units as the API gives them."""
    text = codecs.getreader("utf-8-sig")(stream)
    for number, element in enumerate(_json_elements(text), start=1):

        def get(name, element=element):
            value = element
            for part in name.split("."):
                value = value.get(part) if isinstance(value, dict) else None
            return value

        try:
            yield number, unit_from(get)
        except SkipRow as skip:
            yield number, skip


def read_units(stream: IO[bytes]) -> Iterator[tuple[int, Unit | SkipRow]]:
    """Units from any of the register's layouts, told apart by their first bytes: both
    downloads come gzipped from data.brreg.no (and may have been unpacked on the way)."""
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream)
    packed = stream.peek(2)[:2] == GZIP_MAGIC
    if packed:
        stream = io.BufferedReader(gzip.GzipFile(fileobj=stream))
    try:
        head = stream.peek(64)[:64]
        units = (
            read_json(stream)
            if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[")
            else read_csv(stream)
        )
        yield from units
    except (OSError, EOFError) as error:  # a broken gzip stream
        raise RegisterFileError(_("The file could not be unpacked.")) from error
    except UnicodeDecodeError as error:
        raise RegisterFileError(_("The file is not UTF-8 text.")) from error
