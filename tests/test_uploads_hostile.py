"""Hostile uploads: the right extension on the wrong content, bombs, formulas; and exports.

Complements tests/marketinfo/test_import.py and tests/employers/test_exports_and_import.py
(size limit, zip bomb, PNG and old Excel as CSV, the employer export) with what they lack."""

import csv
import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from employers.models import Employer
from marketinfo import sheets
from marketinfo.models import ImportBatch, Item
from portal.models import Role
from tests.employers.factories import ContactEntryFactory, EmployerFactory
from tests.factories import OfficeFactory, UserFactory
from tests.marketinfo import sheet_files
from tests.marketinfo.factories import SummaryFactory

pytestmark = pytest.mark.django_db

FORMULAS = ["=1+2", "+1+2", "-1+2", "@SUM(A1)", "\t=1+2", "\r=1+2"]
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _zip_bomb() -> bytes:
    """About 40 kB that unpacks to 100 MB of sheet XML."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * (100 * 1024 * 1024 // 6))
    return buffer.getvalue()


@pytest.fixture
def market_contact(client):
    office = OfficeFactory(name="NAV Risør", slug="risor")
    user = UserFactory(
        username="mk", office=office, roles=[Role.MARKET_CONTACT.value], language="nb"
    )
    client.force_login(user)
    return user


@pytest.fixture
def summary(market_contact):
    return SummaryFactory(office=market_contact.office)


def upload(client, summary, name: str, content: bytes):
    return client.post(
        reverse("marketinfo:import_upload", args=[summary.pk]),
        {"sheet": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("ukesark.xlsx", HTML, "Fant ingen kjente kolonnenavn"),
        ("ukesark.csv", PNG, "Filtypen støttes ikke"),
        ("ukesark.xlsx", PNG, "Filtypen støttes ikke"),
        ("ukesark.csv", _zip_bomb(), "pakker seg ut til mye mer enn det veier"),
        ("ukesark.xlsx", b"x" * (2 * 1024 * 1024 + 1), "Filen er for stor"),
    ],
    ids=["html-as-xlsx", "png-as-csv", "png-as-xlsx", "zip-bomb-as-csv", "too-big"],
)
def test_a_sheet_is_judged_by_its_content_not_its_name(client, summary, name, content, message):
    response = upload(client, summary, name, content)
    body = response.content.decode()
    assert response.status_code == 200
    assert "aksel-error-message" in body and message in body
    assert not ImportBatch.objects.exists()
    assert not Item.objects.exists()


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _xlsx(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def _formula_cells(rows) -> list:
    return [
        value
        for row in rows[1:]
        for value in row
        if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r")
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_office_log_export_neutralises_every_formula_start(client, fmt):
    office = OfficeFactory()
    user = UserFactory(office=office, language="nb")
    for formula in FORMULAS:
        employer = EmployerFactory(name=f"{formula} AS")
        ContactEntryFactory(employer=employer, author=user, summary=formula, outcome=formula)
    client.force_login(user)
    response = client.get(reverse("employers:log_export", args=[fmt]))
    assert response.status_code == 200
    rows = _csv(response) if fmt == "csv" else _xlsx(response)
    assert len(rows) > len(FORMULAS)
    assert _formula_cells(rows) == []
    written = {value for row in rows for value in row}
    assert {"'=1+2", "'+1+2", "'-1+2", "'@SUM(A1)"} <= written


@pytest.mark.parametrize("content", [PNG, _zip_bomb()], ids=["png-as-csv", "zip-bomb-as-csv"])
def test_the_register_import_refuses_what_is_not_a_register_file(client, content):
    admin = UserFactory(is_superuser=True, is_staff=True, language="nb")
    client.force_login(admin)
    before = Employer.objects.count()
    response = client.post(
        reverse("admin:employers_employer_import"),
        {"file": SimpleUploadedFile("enheter.csv", content)},
    )
    assert response.status_code == 200
    assert "Dette er ikke en fil fra registeret" in response.content.decode()
    assert Employer.objects.count() == before


def test_a_register_file_with_broken_quoting_fails_in_its_task_and_writes_nothing(
    client, django_capture_on_commit_callbacks
):
    admin = UserFactory(is_superuser=True, is_staff=True, language="nb")
    client.force_login(admin)
    before = Employer.objects.count()
    content = b'"organisasjonsnummer","navn"\n"974760673","Fir"ma AS"\n'
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:employers_employer_import"),
            {"file": SimpleUploadedFile("enheter.csv", content)},
        )
    page = client.get(response["Location"]).content.decode()
    assert "Feilet" in page and "ikke gyldig CSV" in page
    assert Employer.objects.count() == before


# --- sheets with cells far outside any table (issue #16) ------------------------------------
# These files are read only in the child process the import forks (marketinfo.sheets.parse):
# XFD1048576 aborts any process whose sheet reader sizes its grid by it.

FAR_MESSAGE = "har en celle langt utenfor tabellen"


@pytest.mark.parametrize("address", ["Z1048576", "XFD1048576", "A10011", "BI1"])
def test_a_sheet_with_a_cell_far_outside_the_table_is_refused(client, summary, address):
    content = sheet_files.far_cell_sheet(address)
    assert len(content) < 5 * 1024
    body = upload(client, summary, "ukesark.xlsx", content).content.decode()
    assert FAR_MESSAGE in body and f"i {address}" in body
    assert "Slett de tomme radene" in body  # and how to put it right
    assert not ImportBatch.objects.exists()


def test_the_last_row_and_column_a_real_sheet_can_reach_are_read(client, summary):
    """Ten rows for a title and the header, then 10,000 rows: the limits sit just outside."""
    cells = (
        f'<row r="1">{sheet_files.text_cell("A1", "Stillingstittel")}</row>'
        f'<row r="2">{sheet_files.text_cell("A2", "Kokk")}</row>'
        f'<row r="10010">{sheet_files.text_cell("BH10010", "merknad")}</row>'
    )
    content = sheet_files.workbook({"Ukesark": sheet_files.worksheet_xml(cells)})
    response = upload(client, summary, "ukesark.xlsx", content)
    assert response.status_code == 302
    assert [row["line"] for row in ImportBatch.objects.get().rows] == [2, 10010]


@pytest.mark.parametrize(
    ("case", "xml", "paths"),
    [
        (
            "declared dimension only",
            sheet_files.worksheet_xml(
                f'<row r="1">{sheet_files.text_cell("A1", "Stillingstittel")}</row>',
                dimension="A1:XFD1048576",
            ),
            None,
        ),
        (
            "cells without addresses, counted from their row",
            sheet_files.worksheet_xml(
                f'<row r="1">{sheet_files.text_cell("A1", "Stillingstittel")}</row>'
                '<row r="1048576"><c><v>1</v></c></row>'
            ),
            None,
        ),
        (
            "rows without numbers, counted",
            sheet_files.worksheet_xml(
                f"<row>{sheet_files.text_cell('A1', 'Stillingstittel')}</row>"
                + "".join(f"<row><c><v>{n}</v></c></row>" for n in range(10_010))
            ),
            None,
        ),
        (
            "merged cells",
            sheet_files.worksheet_xml(
                f'<row r="1">{sheet_files.text_cell("A1", "Stillingstittel")}</row>'
            ).replace(
                "</sheetData>",
                '</sheetData><mergeCells><mergeCell ref="A2:A1048576"/></mergeCells>',
            ),
            None,
        ),
        (
            "a worksheet kept outside xl/worksheets",
            sheet_files.worksheet_xml('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'),
            {"Ukesark": "xl/gjemt/ark.xml"},
        ),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 60 else "",
)
def test_far_cells_are_found_however_the_sheet_hides_them(client, summary, case, xml, paths):
    content = sheet_files.workbook({"Ukesark": xml}, paths=paths)
    body = upload(client, summary, "ukesark.xlsx", content).content.decode()
    assert FAR_MESSAGE in body, case
    assert not ImportBatch.objects.exists()


def test_every_tab_is_checked_not_only_the_first(client, summary):
    good = sheet_files.worksheet_xml(
        f'<row r="1">{sheet_files.text_cell("A1", "Stillingstittel")}</row>'
    )
    far = sheet_files.worksheet_xml('<row r="1048576"><c r="Z1048576"><v>1</v></c></row>')
    content = sheet_files.workbook({"Ukesark": good, "Gammelt": far})
    body = upload(client, summary, "ukesark.xlsx", content).content.decode()
    assert "Fanen «Gammelt» har en celle langt utenfor tabellen, i Z1048576" in body


def test_an_entity_bomb_in_a_sheet_is_refused_before_it_expands(client, summary):
    lol = (
        '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
        + "]>"
    )
    xml = sheet_files.worksheet_xml(
        f'<row r="1">{sheet_files.text_cell("A1", "&j;")}</row>', before=lol
    )
    body = upload(
        client, summary, "ukesark.xlsx", sheet_files.workbook({"Ukesark": xml})
    ).content.decode()
    assert "XML-deklarasjoner" in body
    assert not ImportBatch.objects.exists()


def test_a_reader_that_exhausts_its_memory_kills_only_its_child(client, summary, monkeypatch):
    """Without the extent check, Z1048576 makes the sheet reader ask for 870 MB: over the
    child's limit, so the child dies, and the user is told in Norwegian."""
    monkeypatch.setattr(sheets, "_check_extent", lambda *args: None)
    response = upload(client, summary, "ukesark.xlsx", sheet_files.far_cell_sheet("Z1048576"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "kunne ikke leses innenfor grensene for minne og tid" in body
    assert not ImportBatch.objects.exists()


def test_a_reader_that_never_finishes_is_stopped(client, summary, monkeypatch):
    def forever(content):
        while True:
            pass

    monkeypatch.setattr(sheets, "read_tabs", forever)
    monkeypatch.setattr(sheets, "CHILD_SECONDS", 1.0)
    started = time.monotonic()
    body = upload(client, summary, "ukesark.csv", b"Stillingstittel\nKokk\n").content.decode()
    assert time.monotonic() - started < 5
    assert "kunne ikke leses innenfor grensene for minne og tid" in body
