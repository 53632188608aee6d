"""Reading the market contact's own sheet (xlsx or csv) of vacancies and programme places.

Tolerant of what people do to spreadsheets: a title above the header, several tabs, columns in
any order, extra columns, blank rows, dates and numbers as people type them. Strict about what
could hurt: the size of the upload, its real type (by content, not by name), a spreadsheet
that unpacks to far more than it weighs, and cells far outside any real table (a 5 KB file
with one cell at XFD1048576 makes the sheet reader allocate half a terabyte).

The file is read in two halves. ``read_tabs`` turns bytes into plain rows; it runs in a forked
child with hard memory and time limits (portal.isolation) and touches neither the database nor
the cache. ``parse`` finds the header, checks every row and looks the employers up in the
register, in the web worker.
"""

import csv
import io
import logging
import posixpath
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from xml.parsers import expat

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook, SheetTypeEnum

from employers.models import Employer
from marketinfo.models import Item, ItemKind, Summary
from portal.isolation import ChildFailed, run_in_child
from portal.validators import (
    contains_identity_number,
    normalise_organisation_number,
    validate_organisation_number,
)

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_UNPACKED_BYTES = 30 * 1024 * 1024
MAX_UNPACK_RATIO = 100
# A whole region's sheet for a week fits (issue #7 times a 10,000-row import).
MAX_ROWS = 10_000
MAX_COLUMNS = 60
# The header may sit below a title and blank rows: this many rows are searched for it.
HEADER_SEARCH_ROWS = 10
# No cell of a real sheet lies further out than the header's last search row plus MAX_ROWS.
MAX_SHEET_ROW = HEADER_SEARCH_ROWS + MAX_ROWS
# What reading a sheet in the child may take. A 10,000-row sheet needs about 60 MB and 0.5 s.
CHILD_MEMORY_BYTES = 384 * 1024 * 1024
CHILD_SECONDS = 15.0

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


class SheetRefused(Exception):
    """The file as a whole cannot be read; the message says why, in the user's language."""


@dataclass
class Tab:
    """One worksheet as plain values (str, int, float, bool, date, datetime, None)."""

    name: str
    rows: list[list]


@dataclass
class ParsedSheet:
    rows: list[dict] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    tabs_read: list[str] = field(default_factory=list)
    tabs_skipped: list[str] = field(default_factory=list)


# --- the file (runs in the child) -----------------------------------------------------------


def read_tabs(content: bytes) -> list[Tab]:
    """Every tab's cells, row by row. Refuses what is too big, of another type, or broken.
    Runs in a child process (see ``parse``): no database, no cache."""
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
    return [Tab("", _read_csv(content))]


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def _unreadable() -> SheetRefused:
    return SheetRefused(_("The file could not be read as a spreadsheet."))


# Everything a damaged or hostile zip or XML part can raise while it is streamed.
_BROKEN_ARCHIVE = (
    zipfile.BadZipFile,
    zlib.error,
    expat.ExpatError,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,  # a compression method zipfile does not know
    RuntimeError,  # an encrypted member
)


def _read_xlsx(content: bytes) -> list[Tab]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        unpacked = sum(info.file_size for info in archive.infolist())
    except _BROKEN_ARCHIVE as broken:
        raise _unreadable() from broken
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_UNPACK_RATIO * len(content):
        raise SheetRefused(
            _(
                "The spreadsheet unpacks to far more than it weighs (%(size)s), so it is "
                "refused. Save it again, or copy the rows into our template."
            )
            % {"size": _megabytes(unpacked)}
        )
    if "xl/workbook.xml" not in archive.namelist():
        raise _unreadable()
    try:
        for member, tab in _worksheet_parts(archive).items():
            _check_extent(archive, member, tab)
    except _BROKEN_ARCHIVE as broken:
        raise _unreadable() from broken
    tabs = []
    try:
        # calamine (Rust) reads a 10,000-row sheet in a tenth of openpyxl's time. It sizes its
        # grid by the sheet's extent, which _check_extent has just bounded.
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        for sheet in workbook.sheets_metadata:
            if sheet.typ != SheetTypeEnum.WorkSheet:
                continue
            rows = workbook.get_sheet_by_name(sheet.name).to_python(
                skip_empty_area=False, nrows=MAX_SHEET_ROW
            )
            tabs.append(Tab(sheet.name, [row[:MAX_COLUMNS] for row in rows]))
    except Exception as broken:  # calamine raises many kinds on a damaged file
        raise _unreadable() from broken
    return tabs


def _local_name(tag: str) -> str:
    return tag.rpartition(":")[2]


def _refuse_declarations(*_args) -> None:
    # A DOCTYPE is where entity bombs live; no spreadsheet program writes one.
    raise SheetRefused(
        _(
            "The spreadsheet contains XML declarations that spreadsheet programs never write. "
            "Open it in Excel, save it as a new .xlsx file and upload that."
        )
    )


def _stream_xml(archive: zipfile.ZipFile, member: str, on_start) -> None:
    """Feed one part of the archive through expat in small pieces: never the whole XML in
    memory, and no DOCTYPE or entity declarations."""
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_declarations
    parser.EntityDeclHandler = _refuse_declarations
    parser.StartElementHandler = on_start
    with archive.open(member) as stream:
        while chunk := stream.read(64 * 1024):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _worksheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """The archive's worksheets and their tab names: the usual xl/worksheets/*.xml, and any
    other part the workbook names as a sheet (which is what the sheet reader follows)."""
    names = set(archive.namelist())
    parts = {
        name: posixpath.splitext(posixpath.basename(name))[0]
        for name in names
        if name.startswith("xl/worksheets/") and name.count("/") == 2 and name.endswith(".xml")
    }
    tab_by_id: dict[str, str] = {}

    def on_sheet(tag, attrs):
        if _local_name(tag) == "sheet":
            relation = next((v for k, v in attrs.items() if _local_name(k) == "id"), None)
            if relation:
                tab_by_id[relation] = attrs.get("name", "")

    _stream_xml(archive, "xl/workbook.xml", on_sheet)
    if "xl/_rels/workbook.xml.rels" in names:

        def on_relationship(tag, attrs):
            if _local_name(tag) == "Relationship" and attrs.get("Id") in tab_by_id:
                target = attrs.get("Target", "")
                path = target[1:] if target.startswith("/") else f"xl/{target}"
                path = posixpath.normpath(path)
                if path in names:
                    parts[path] = tab_by_id[attrs["Id"]] or parts.get(path, path)

        _stream_xml(archive, "xl/_rels/workbook.xml.rels", on_relationship)
    return parts


_CELL_ADDRESS = re.compile(r"([A-Za-z]{1,7})([0-9]{1,15})")


def _cell_position(address: str) -> tuple[int, int]:
    """(row, column), both from 1, of an address such as ``BH10010``."""
    match = _CELL_ADDRESS.fullmatch(address)
    if match is None:
        raise _unreadable()
    letters, row = match.groups()
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(row), column


def _column_letters(column: int) -> str:
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _check_extent(archive: zipfile.ZipFile, member: str, tab: str) -> None:
    """Refuse a worksheet whose declared dimension, merged cells or any cell lies beyond row
    MAX_SHEET_ROW or column MAX_COLUMNS. The XML is streamed, so a sheet is judged before the
    sheet reader sizes anything by it. Cells may leave out their address (it is optional in
    the format); their place is then counted as the sheet reader does."""
    row_number = 0
    column_number = 0

    def refuse_beyond(row: int, column: int) -> None:
        if row > MAX_SHEET_ROW or column > MAX_COLUMNS:
            raise SheetRefused(
                _(
                    "The tab «%(tab)s» has a cell far outside the table, at %(cell)s. A sheet "
                    "may reach row %(rows)s and column %(column)s. Delete the empty rows below "
                    "your table and the empty columns to the right of it, or copy the table "
                    "into a new sheet, and upload it again."
                )
                % {
                    "tab": tab,
                    "cell": f"{_column_letters(column)}{row}",
                    "rows": f"{MAX_SHEET_ROW:,}".replace(",", " "),
                    "column": _column_letters(MAX_COLUMNS),
                }
            )

    def on_start(tag, attrs):
        nonlocal row_number, column_number
        name = _local_name(tag)
        if name == "c":
            address = attrs.get("r")
            if address:
                row, column_number = _cell_position(address)
            else:
                row, column_number = row_number, column_number + 1
            refuse_beyond(row, column_number)
        elif name == "row":
            given = attrs.get("r")
            if given is None:
                row_number += 1
            elif given.isascii() and given.isdigit() and len(given) <= 15:
                row_number = int(given)
            else:
                raise _unreadable()
            column_number = 0
        elif name in ("dimension", "mergeCell"):
            for address in attrs.get("ref", "").split(":"):
                refuse_beyond(*_cell_position(address))

    _stream_xml(archive, member, on_start)


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
    # The delimiter is the one the header uses most; a title line above it may hold a comma.
    first_lines = text.split("\n", HEADER_SEARCH_ROWS)[:HEADER_SEARCH_ROWS]
    delimiter = max([";", ",", "\t"], key=lambda d: max(line.count(d) for line in first_lines))
    try:
        return [row[:MAX_COLUMNS] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as broken:
        raise SheetRefused(_("The file could not be read as CSV.")) from broken


# --- the rows (in the web worker) -----------------------------------------------------------


def _header_key(cell) -> str | None:
    if cell is None:
        return None
    name = re.sub(r"\s+", " ", str(cell)).strip().strip("*:").strip().lower()
    return ALIASES.get(name)


def _blank(row: list) -> bool:
    return all(cell is None or str(cell).strip() == "" for cell in row)


@dataclass
class _Header:
    index: int
    columns: dict[str, int]
    ignored: list[str]


def _find_header(rows: list[list]) -> _Header | None:
    """The row among the first ten that names the most known columns, one of them the job
    title or the programme. Title rows, blank rows and merged cells above it are passed by."""
    best: _Header | None = None
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        ignored = []
        for position, cell in enumerate(row):
            key = _header_key(cell)
            if key and key not in columns:
                columns[key] = position
            elif cell not in (None, ""):
                ignored.append(str(cell))
        if "title" not in columns and "measure" not in columns:
            continue
        if best is None or len(columns) > len(best.columns):
            best = _Header(index, columns, ignored)
    return best


def parse(content: bytes, *, summary: Summary | None = None) -> ParsedSheet:
    """Every data row of every tab with a known header, with its values, errors and warnings.
    Rows already in ``summary`` are marked. Raises SheetRefused for the file as a whole."""
    try:
        tabs = run_in_child(
            read_tabs, content, memory_bytes=CHILD_MEMORY_BYTES, seconds=CHILD_SECONDS
        )
    except ChildFailed as failed:
        logger.warning("A sheet was refused: its reader failed in the child (%s)", failed)
        raise SheetRefused(
            _(
                "The sheet could not be read within the limits for memory and time, so it is "
                "refused. Copy your table into a new sheet, save it as .xlsx or .csv and upload "
                "it again."
            )
        ) from failed
    parsed = ParsedSheet()
    data = []
    for tab in tabs:
        header = _find_header(tab.rows)
        if header is None:
            parsed.tabs_skipped.append(tab.name)
            continue
        parsed.tabs_read.append(tab.name)
        parsed.ignored_columns.extend(
            name for name in header.ignored if name not in parsed.ignored_columns
        )
        mapped = set(header.columns.values())
        labels = dict(enumerate(tab.rows[header.index]))
        for offset, row in enumerate(tab.rows[header.index + 1 :]):
            if _blank(row):
                continue
            raw = {key: row[pos] if pos < len(row) else None for key, pos in header.columns.items()}
            others = [
                (_text(labels.get(pos)) or _column_letters(pos + 1), cell)
                for pos, cell in enumerate(row)
                if pos not in mapped and cell not in (None, "")
            ]
            data.append((tab.name, header.index + 2 + offset, raw, others))
    if not parsed.tabs_read:
        raise SheetRefused(
            _(
                "Found no known column names in the first ten rows. Use the template's column "
                "names, for example «Stillingstittel» and «Organisasjonsnummer»."
            )
        )
    if len(data) > MAX_ROWS:
        raise SheetRefused(
            _("The sheet has %(count)d rows. The limit is %(limit)d rows per import.")
            % {"count": len(data), "limit": MAX_ROWS}
        )
    if not data:
        raise SheetRefused(_("The sheet has column names but no rows."))
    numbers = {
        normalise_organisation_number(_text(raw.get("organisation_number")))
        for _tab, _line, raw, _others in data
    }
    register = dict(
        Employer.objects.filter(organisation_number__in=numbers - {""}).values_list(
            "organisation_number", "name"
        )
    )
    today = timezone.localdate().isoformat()
    parsed.rows = [
        validate_row(line, raw, register, today, tab=tab, others=others)
        for tab, line, raw, others in data
    ]
    if summary is not None:
        _mark_already_imported(parsed.rows, summary)
    return parsed


def _text(value) -> str:
    """The cell as one line of text, runs of whitespace (also no-break spaces) made one space."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _may_hold_identity_number(text: str) -> bool:
    # Most cells hold fewer than eleven digits; only the others need the full search.
    return sum(map(str.isdigit, text)) >= 11


_CURRENCY_BEFORE = re.compile(r"^(?:kr\.?|nok)\s*", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(r"\s*(?:kr\.?|nok|,-|,–)$", re.IGNORECASE)
_THOUSANDS_WITH_DOTS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_APPROXIMATE = re.compile(
    r"^(?:ca\b\.?|cirka|omtrent|rundt|minst|opptil|inntil|over|under|~|\+/-)|\d\s*[-–]\s*\d",
    re.IGNORECASE,
)
_FIRST_NUMBER = re.compile(r"\d+")


def _whole_number(value, label: str, errors: list[str]) -> int | None:
    """A count of positions or places: 4, 4.0, "4", "2,0", "1 234", "kr 500 000"."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    else:
        text = _text(value)
        cleaned = _CURRENCY_AFTER.sub("", _CURRENCY_BEFORE.sub("", text))
        cleaned = re.sub(r"\s", "", cleaned)
        if _THOUSANDS_WITH_DOTS.fullmatch(cleaned):
            cleaned = cleaned.replace(".", "")
        try:
            number = float(cleaned.replace(",", "."))
        except ValueError:
            example = _FIRST_NUMBER.search(text)
            if example and _APPROXIMATE.search(text):
                errors.append(
                    _(
                        "%(column)s: «%(value)s» is not an exact number. Write one number "
                        "alone, for example «%(example)s»."
                    )
                    % {"column": label, "value": text, "example": example.group()}
                )
            else:
                errors.append(
                    _(
                        "%(column)s: «%(value)s» is not a number. Write it in digits, for "
                        "example «4»."
                    )
                    % {"column": label, "value": text}
                )
            return None
    if not (number.is_integer() and 1 <= number <= 10000):
        errors.append(
            _("%(column)s: «%(value)s» must be a whole number from 1 to 10 000.")
            % {"column": label, "value": _text(value)}
        )
        return None
    return int(number)


MONTHS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "desember": 12, "des": 12,
}  # fmt: skip
_NUMERIC_DATE = re.compile(r"(\d{1,2})\s*([./-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})\.?")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_WORDED_DATE = re.compile(r"(\d{1,2})\.?\s*([^\W\d_]+)\.?\s*(\d{4}|\d{2})")
# Excel's day numbers: a date cell that lost its format arrives as a number of days.
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_DAYS = range(36526, 73051)  # the years 2000 to 2099


def _date(value, label: str, errors: list[str]) -> str | None:
    """A date as people type it: 1.2.27, 01.02.2027, 1/2/2027, 1. februar 2027, 2027-02-01,
    or a real date cell."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if is_number and float(value).is_integer() and int(value) in _EXCEL_DAYS:
        return (_EXCEL_EPOCH + timedelta(days=int(value))).isoformat()
    text = _text(value)
    parts = None
    if match := _NUMERIC_DATE.fullmatch(text):
        day, _sep, month, year = match.groups()
        parts = (year, month, day)
    elif match := _ISO_DATE.fullmatch(text):
        parts = match.groups()
    elif (match := _WORDED_DATE.fullmatch(text)) and match.group(2).lower() in MONTHS:
        day, month_name, year = match.groups()
        parts = (year, MONTHS[month_name.lower()], day)
    if parts:
        year, month, day = (int(part) for part in parts)
        try:
            return date(year + 2000 if year < 100 else year, month, day).isoformat()
        except ValueError:
            pass
    errors.append(
        _("%(column)s: «%(value)s» is not a date. Write it as dd.mm.yyyy.")
        % {"column": label, "value": text}
    )
    return None


_WEB_ADDRESS = URLValidator(schemes=["http", "https"])
_LEGAL_FORMS = {"as", "asa", "ans", "da", "sa", "ba", "enk", "nuf", "iks", "kf", "sf", "hf"}


def _name_words(name: str) -> set[str]:
    text = unicodedata.normalize("NFKC", name).casefold().replace("a/s", " ")
    return {word for word in re.findall(r"\w+", text) if word not in _LEGAL_FORMS}


def same_employer_name(written: str, registered: str) -> bool:
    """Whether a sheet's employer name can be the register's: case, spacing, punctuation and
    the legal form (AS, ASA, …) aside, one name's words are all in the other's."""
    ours, theirs = _name_words(written), _name_words(registered)
    if not ours or not theirs:
        return True
    return ours <= theirs or theirs <= ours


def _display_date(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d.%m.%Y")


def validate_row(
    line: int,
    raw: dict,
    register: dict[str, str],
    today: str = "",
    *,
    tab: str = "",
    others: list[tuple[str, object]] = (),
) -> dict:
    """One row's values (JSON-ready), its errors (the row is not imported) and its warnings
    (it is, but look), each in the user's language and saying how to put the row right.
    ``register`` maps the organisation numbers in the register to their names."""
    errors: list[str] = []
    warnings: list[str] = []
    raw = dict(raw)
    texts = {key: _text(cell) for key, cell in raw.items()}
    # Cells with an identity number: neither kept in the batch nor echoed in another message,
    # nor reported as missing.
    withheld = set()
    for key, text in texts.items():
        if _may_hold_identity_number(text) and contains_identity_number(text):
            errors.append(
                _("%(column)s seems to contain a national identity number. Remove it.")
                % {"column": column_label(key)}
            )
            raw[key] = None
            texts[key] = ""
            withheld.add(key)
    for label, cell in others:
        text = _text(cell)
        if _may_hold_identity_number(text) and contains_identity_number(text):
            warnings.append(
                _(
                    "The column «%(column)s» seems to contain a national identity number. It "
                    "is not imported, but remove the number from your sheet."
                )
                % {"column": label}
            )
    values = {key: texts.get(key, "") for key in TEXT_LIMITS}
    written_number = texts.get("organisation_number", "")
    values["organisation_number"] = normalise_organisation_number(written_number)
    kind_text = texts.get("kind", "")
    if kind_text:
        kind = KIND_WORDS.get(kind_text.lower())
        if kind is None:
            errors.append(
                _("Type: «%(value)s» is unknown. Write «Stilling» or «Tiltaksplass».")
                % {"value": kind_text}
            )
    elif values["title"] or "title" in withheld:
        kind = ItemKind.VACANCY
    elif values["measure"] or "measure" in withheld:
        kind = ItemKind.PROGRAMME
    else:
        kind = None
        errors.append(
            _(
                "The row has neither a job title nor a programme. Fill in «Stillingstittel» "
                "for a vacancy or «Tiltak» for programme places."
            )
        )
    values["kind"] = kind or ""
    for key, limit in TEXT_LIMITS.items():
        if len(values[key]) > limit:
            errors.append(
                _("%(column)s is too long (%(length)d characters, at most %(limit)d). Shorten it.")
                % {"column": column_label(key), "length": len(values[key]), "limit": limit}
            )
    given = {key: texts.get(key, "") != "" for key in ("positions", "places")}
    for key in ("positions", "places"):
        values[key] = _whole_number(raw.get(key), column_label(key), errors) if given[key] else None
    for key in ("deadline", "start"):
        values[key] = _date(raw[key], column_label(key), errors) if texts.get(key) else None
    if values["link"]:
        try:
            _WEB_ADDRESS(values["link"])
        except ValidationError:
            errors.append(
                _(
                    "Lenke: «%(value)s» is not a web address. Write the whole address, "
                    "starting with https://."
                )
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
                _(
                    "Organisasjonsnummer «%(value)s»: %(error)s Look the employer up at "
                    "brreg.no and write its number."
                )
                % {"value": written_number, "error": " ".join(invalid.messages)}
            )
        else:
            registered_name = register.get(number)
            if registered_name is None:
                new_employer = True
                if not values["employer_name"]:
                    errors.append(
                        _(
                            "Organisasjonsnummer %(value)s is not in the register. Fill in the "
                            "employer's name in «Arbeidsgiver» so that it can be added."
                        )
                        % {"value": number}
                    )
            elif values["employer_name"] and not same_employer_name(
                values["employer_name"], registered_name
            ):
                warnings.append(
                    _(
                        "%(number)s is %(registered)s in the register, not «%(written)s». "
                        "The row will be attached to %(registered)s: if that is wrong, correct "
                        "the organisation number in your sheet."
                    )
                    % {
                        "number": number,
                        "registered": registered_name,
                        "written": values["employer_name"],
                    }
                )
    if kind == ItemKind.VACANCY:
        if not values["title"] and "title" not in withheld:
            errors.append(_("Stillingstittel is missing. Write the job title."))
        if not number and "organisation_number" not in withheld:
            errors.append(
                _(
                    "Organisasjonsnummer is missing: a vacancy needs its employer. Write the "
                    "employer's nine-digit number."
                )
            )
        if values["deadline"] and values["deadline"] < today:
            errors.append(
                _(
                    "Søknadsfrist %(date)s has passed. Correct the date, or remove the row if "
                    "the vacancy is closed."
                )
                % {"date": _display_date(values["deadline"])}
            )
    elif kind == ItemKind.PROGRAMME:
        if not values["measure"] and "measure" not in withheld:
            errors.append(
                _(
                    "Tiltak is missing. Write which programme the places are in, for example "
                    "«Arbeidstrening»."
                )
            )
        if values["places"] is None and not given["places"]:
            errors.append(_("Antall plasser is missing. Write how many places there are."))
        if values["start"] and values["start"] < today:
            errors.append(
                _(
                    "Oppstart %(date)s has passed. Correct the date, or remove the row if the "
                    "places are filled."
                )
                % {"date": _display_date(values["start"])}
            )
    return {
        "tab": tab,
        "line": line,
        "values": values,
        "errors": errors,
        "warnings": warnings,
        "new_employer": new_employer and not errors,
        "already_imported": False,
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


# What an imported row writes: an item of the summary with all of these equal is that row.
ITEM_FINGERPRINT = (
    "kind", "title", "employer_id", "quantity", "occupation", "municipality", "on_date",
    "text", "link", "provider",
)  # fmt: skip


def item_fingerprint(item: Item) -> tuple:
    return tuple(getattr(item, name) for name in ITEM_FINGERPRINT)


def summary_fingerprints(summary: Summary) -> set[tuple]:
    return set(Item.objects.filter(summary=summary).values_list(*ITEM_FINGERPRINT))


def employers_by_number(rows: list[dict]) -> dict[str, Employer]:
    numbers = {row["values"].get("organisation_number") for row in rows} - {None, ""}
    return {
        e.organisation_number: e for e in Employer.objects.filter(organisation_number__in=numbers)
    }


def _mark_already_imported(rows: list[dict], summary: Summary) -> None:
    """Rows of a sheet uploaded again: those already in the summary are not imported twice."""
    existing = summary_fingerprints(summary)
    candidates = [row for row in rows if not row["errors"]]
    if not existing or not candidates:
        return
    employers = employers_by_number(candidates)
    for row in candidates:
        item = row_to_item(row["values"], summary=summary, employers=employers)
        row["already_imported"] = item_fingerprint(item) in existing
