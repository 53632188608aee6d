"""Reading the market contact's own sheet (xlsx or csv) of vacancies and programme places.

Tolerant of what people do to spreadsheets: columns in any order, extra columns, blank rows,
dd.mm.yyyy dates, decimal commas. Strict about what could hurt: the size of the upload, its
real type (by content, not by name), and a spreadsheet that unpacks to far more than it weighs.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from employers.models import Employer
from marketinfo.models import Item, ItemKind, Summary
from portal.validators import contains_identity_number, validate_organisation_number

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_UNPACKED_BYTES = 30 * 1024 * 1024
MAX_UNPACK_RATIO = 100
# A whole region's sheet for a week fits (issue #7 times a 10,000-row import).
MAX_ROWS = 10_000
MAX_COLUMNS = 60

# The template's columns (Norwegian: they are the market contacts' own words), in order.
TEMPLATE_COLUMNS = [
    ("kind", "Type"),
    ("organisation_number", "Organisasjonsnummer"),
    ("employer_name", "Arbeidsgiver"),
    ("title", "Stillingstittel"),
    ("positions", "Antall stillinger"),
    ("occupation", "Yrke"),
    ("municipality", "Kommune"),
    ("deadline", "Søknadsfrist"),
    ("requirements", "Krav"),
    ("link", "Lenke"),
    ("measure", "Tiltak"),
    ("places", "Antall plasser"),
    ("provider", "Arrangør"),
    ("start", "Oppstart"),
]
_COLUMN_LABELS = dict(TEMPLATE_COLUMNS)
TEMPLATE_EXAMPLES = [
    [
        "Stilling", "974760673", "Brønnboring AS", "Kantinemedarbeider", "4", "Kokk",
        "Risør", "31.01.2027", "Fagbrev er en fordel", "https://arbeidsplassen.nav.no/", "",
        "", "", "",
    ],
    ["Tiltaksplass", "", "", "", "", "", "Risør", "", "", "", "Arbeidstrening", "3",
     "Risør Arbeidssenter", "11.01.2027"],
]  # fmt: skip

ALIASES = {
    "type": "kind",
    "kategori": "kind",
    "organisasjonsnummer": "organisation_number",
    "orgnr": "organisation_number",
    "org.nr": "organisation_number",
    "org nr": "organisation_number",
    "org.nr.": "organisation_number",
    "arbeidsgiver": "employer_name",
    "bedrift": "employer_name",
    "virksomhet": "employer_name",
    "stillingstittel": "title",
    "stilling": "title",
    "tittel": "title",
    "antall stillinger": "positions",
    "antall": "positions",
    "yrke": "occupation",
    "kommune": "municipality",
    "søknadsfrist": "deadline",
    "frist": "deadline",
    "krav": "requirements",
    "kvalifikasjoner": "requirements",
    "lenke": "link",
    "kilde": "link",
    "tiltak": "measure",
    "tiltakstype": "measure",
    "antall plasser": "places",
    "plasser": "places",
    "arrangør": "provider",
    "tiltaksarrangør": "provider",
    "oppstart": "start",
    "startdato": "start",
}
KIND_WORDS = {
    "stilling": ItemKind.VACANCY,
    "ledig stilling": ItemKind.VACANCY,
    "stillinger": ItemKind.VACANCY,
    "tiltaksplass": ItemKind.PROGRAMME,
    "tiltaksplasser": ItemKind.PROGRAMME,
    "tiltak": ItemKind.PROGRAMME,
}
TEXT_LIMITS = {
    "employer_name": 200,
    "title": 200,
    "occupation": 200,
    "municipality": 100,
    "requirements": 4000,
    "link": 500,
    "measure": 200,
    "provider": 200,
}
DATE_PATTERN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
ISO_DATE_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class SheetRefused(Exception):
    """The file as a whole cannot be read; the message says why, in the user's language."""


@dataclass
class ParsedSheet:
    rows: list[dict] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


# --- the file -----------------------------------------------------------------------------


def read_table(content: bytes) -> list[list]:
    """The sheet's cells, row by row. Refuses what is too big, of another type, or broken."""
    size = len(content)
    if size > MAX_UPLOAD_BYTES:
        raise SheetRefused(
            _("The file is too large (%(size)s). The limit is %(limit)s.")
            % {"size": _megabytes(size), "limit": _megabytes(MAX_UPLOAD_BYTES)}
        )
    if size == 0:
        raise SheetRefused(_("The file is empty."))
    if content.startswith(b"PK\x03\x04"):
        return _read_xlsx(content)
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise SheetRefused(
            _("This is an old Excel file (.xls). Save it as .xlsx or .csv and upload it again.")
        )
    if b"\x00" in content[:4096]:
        raise SheetRefused(_("This file type is not supported. Upload an .xlsx or .csv file."))
    return _read_csv(content)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def _read_xlsx(content: bytes) -> list[list]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as broken:
        raise SheetRefused(_("The file could not be read as a spreadsheet.")) from broken
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_UNPACK_RATIO * len(content):
        raise SheetRefused(
            _(
                "The spreadsheet unpacks to far more than it weighs (%(size)s), so it is "
                "refused. Save it again, or copy the rows into our template."
            )
            % {"size": _megabytes(unpacked)}
        )
    if "xl/workbook.xml" not in archive.namelist():
        raise SheetRefused(_("The file could not be read as a spreadsheet."))
    try:
        # calamine (Rust) reads a 10,000-row sheet in a tenth of openpyxl's time.
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False, nrows=MAX_ROWS + 50)
    except Exception as broken:  # calamine raises many kinds on a damaged file
        raise SheetRefused(_("The file could not be read as a spreadsheet.")) from broken
    return [row[:MAX_COLUMNS] for row in rows]


def _read_csv(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError as broken:
            raise SheetRefused(
                _("The file could not be read as text. Save it as CSV (UTF-8) and try again.")
            ) from broken
    first_line = text.split("\n", 1)[0]
    delimiter = max([";", ",", "\t"], key=first_line.count)
    try:
        return [row[:MAX_COLUMNS] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as broken:
        raise SheetRefused(_("The file could not be read as CSV.")) from broken


# --- the rows -----------------------------------------------------------------------------


def _header_key(cell) -> str | None:
    if cell is None:
        return None
    name = re.sub(r"\s+", " ", str(cell)).strip().strip("*:").strip().lower()
    return ALIASES.get(name)


def _blank(row: list) -> bool:
    return all(cell is None or str(cell).strip() == "" for cell in row)


def parse(content: bytes) -> ParsedSheet:
    """Every data row with its values and errors. Raises SheetRefused for the file as a whole."""
    table = read_table(content)
    header_index = next((i for i, row in enumerate(table) if not _blank(row)), None)
    if header_index is None:
        raise SheetRefused(_("The sheet has no rows."))
    header = table[header_index]
    columns = {}
    ignored = []
    for position, cell in enumerate(header):
        key = _header_key(cell)
        if key and key not in columns:
            columns[key] = position
        elif cell not in (None, ""):
            ignored.append(str(cell))
    if "title" not in columns and "measure" not in columns:
        raise SheetRefused(
            _(
                "Found no known columns in the first row. Use the template's column names, "
                "for example «Stillingstittel» and «Organisasjonsnummer»."
            )
        )
    data = [
        (header_index + 2 + offset, row)
        for offset, row in enumerate(table[header_index + 1 :])
        if not _blank(row)
    ]
    if len(data) > MAX_ROWS:
        raise SheetRefused(
            _("The sheet has %(count)d rows. The limit is %(limit)d rows per import.")
            % {"count": len(data), "limit": MAX_ROWS}
        )
    if not data:
        raise SheetRefused(_("The sheet has column names but no rows."))
    raw_rows = [
        (line, {key: row[pos] if pos < len(row) else None for key, pos in columns.items()})
        for line, row in data
    ]
    numbers = {_text(raw.get("organisation_number")) for _line, raw in raw_rows}
    known = set(
        Employer.objects.filter(organisation_number__in=numbers - {""}).values_list(
            "organisation_number", flat=True
        )
    )
    today = timezone.localdate().isoformat()
    rows = [validate_row(line, raw, known, today) for line, raw in raw_rows]
    return ParsedSheet(rows=rows, ignored_columns=ignored)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def _whole_number(value, label: str, errors: list[str]) -> int | None:
    if value is None or _text(value) == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    else:
        cleaned = _text(value).replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            number = float(cleaned)
        except ValueError:
            errors.append(
                _("%(column)s: «%(value)s» is not a number.")
                % {"column": label, "value": _text(value)}
            )
            return None
    if not number.is_integer() or number < 1 or number > 10000:
        errors.append(
            _("%(column)s: «%(value)s» must be a whole number from 1 to 10 000.")
            % {"column": label, "value": _text(value)}
        )
        return None
    return int(number)


def _date(value, label: str, errors: list[str]) -> str | None:
    if value is None or _text(value) == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = _text(value)
    match = DATE_PATTERN.match(text)
    iso = ISO_DATE_PATTERN.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day).isoformat()
        if iso:
            return date(*(int(g) for g in iso.groups())).isoformat()
    except ValueError:
        pass
    errors.append(
        _("%(column)s: «%(value)s» is not a date. Write it as dd.mm.yyyy.")
        % {"column": label, "value": text}
    )
    return None


_WEB_ADDRESS = URLValidator(schemes=["http", "https"])


def validate_row(line: int, raw: dict, known_numbers: set[str], today: str = "") -> dict:
    """One row's values (JSON-ready) and its errors in the user's language."""
    errors: list[str] = []
    values = {key: _text(raw.get(key)) for key in TEXT_LIMITS}
    values["organisation_number"] = _text(raw.get("organisation_number")).replace(" ", "")
    kind_text = _text(raw.get("kind")).lower()
    if kind_text:
        kind = KIND_WORDS.get(kind_text)
        if kind is None:
            errors.append(
                _("Type: «%(value)s» is unknown. Write «Stilling» or «Tiltaksplass».")
                % {"value": _text(raw.get("kind"))}
            )
    elif values["title"]:
        kind = ItemKind.VACANCY
    elif values["measure"]:
        kind = ItemKind.PROGRAMME
    else:
        kind = None
        errors.append(_("The row has neither a job title nor a programme."))
    values["kind"] = kind or ""
    for key, limit in TEXT_LIMITS.items():
        if len(values[key]) > limit:
            errors.append(
                _("%(column)s is too long (at most %(limit)d characters).")
                % {"column": column_label(key), "limit": limit}
            )
        if contains_identity_number(values[key]):
            errors.append(
                _("%(column)s seems to contain a national identity number. Remove it.")
                % {"column": column_label(key)}
            )
    values["positions"] = _whole_number(raw.get("positions"), column_label("positions"), errors)
    values["places"] = _whole_number(raw.get("places"), column_label("places"), errors)
    values["deadline"] = _date(raw.get("deadline"), column_label("deadline"), errors)
    values["start"] = _date(raw.get("start"), column_label("start"), errors)
    if values["link"]:
        try:
            _WEB_ADDRESS(values["link"])
        except ValidationError:
            errors.append(
                _("Lenke: «%(value)s» is not a web address (https://…).")
                % {"value": values["link"]}
            )
    today = today or timezone.localdate().isoformat()
    number = values["organisation_number"]
    new_employer = False
    if number:
        try:
            validate_organisation_number(number)
        except ValidationError as invalid:
            errors.append(
                _("Organisasjonsnummer «%(value)s»: %(error)s")
                % {"value": number, "error": " ".join(invalid.messages)}
            )
        else:
            if number not in known_numbers:
                new_employer = True
                if not values["employer_name"]:
                    errors.append(
                        _(
                            "Organisasjonsnummer %(value)s is not in the register. Fill in the "
                            "employer's name in «Arbeidsgiver» so that it can be added."
                        )
                        % {"value": number}
                    )
    if kind == ItemKind.VACANCY:
        if not values["title"]:
            errors.append(_("Stillingstittel is missing."))
        if not number:
            errors.append(_("Organisasjonsnummer is missing: a vacancy needs its employer."))
        if values["deadline"] and values["deadline"] < today:
            errors.append(_("Søknadsfrist has passed."))
    elif kind == ItemKind.PROGRAMME:
        if not values["measure"]:
            errors.append(_("Tiltak is missing: which programme are the places in?"))
        if values["places"] is None:
            errors.append(_("Antall plasser is missing."))
        if values["start"] and values["start"] < today:
            errors.append(_("Oppstart has passed."))
    return {
        "line": line,
        "values": values,
        "errors": errors,
        "new_employer": new_employer and not errors,
    }


def column_label(key: str) -> str:
    return _COLUMN_LABELS[key]


def row_to_item(values: dict, *, summary: Summary, employers: dict[str, Employer]) -> Item:
    """The unsaved item of one validated row."""
    employer = employers.get(values.get("organisation_number") or "")
    if values["kind"] == ItemKind.VACANCY:
        return Item(
            summary=summary,
            kind=ItemKind.VACANCY,
            title=values["title"],
            employer=employer,
            quantity=values["positions"],
            occupation=values["occupation"],
            municipality=values["municipality"] or (employer.municipality if employer else ""),
            on_date=date.fromisoformat(values["deadline"]) if values["deadline"] else None,
            text=values["requirements"],
            link=values["link"],
        )
    return Item(
        summary=summary,
        kind=ItemKind.PROGRAMME,
        title=values["measure"],
        employer=employer,
        quantity=values["places"],
        provider=values["provider"] or (employer.name if employer else ""),
        municipality=values["municipality"],
        on_date=date.fromisoformat(values["start"]) if values["start"] else None,
        text=values["requirements"],
        link=values["link"],
    )
