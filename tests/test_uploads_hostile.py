"""Hostile uploads: the right extension on the wrong content, bombs, formulas; and exports.

Complements tests/marketinfo/test_import.py and tests/employers/test_exports_and_import.py
(size limit, zip bomb, PNG and old Excel as CSV, the employer export) with what they lack."""

import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from employers.models import Employer
from marketinfo.models import ImportBatch, Item
from portal.models import Role
from tests.employers.factories import ContactEntryFactory, EmployerFactory
from tests.factories import OfficeFactory, UserFactory
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
        ("ukesark.xlsx", HTML, "Fant ingen kjente kolonner"),
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


@pytest.mark.parametrize(
    "content",
    [PNG, _zip_bomb(), b"organisasjonsnummer;navn\n974760673;Fir\rma AS\n"],
    ids=["png-as-csv", "zip-bomb-as-csv", "broken-quoting"],
)
def test_the_register_import_refuses_what_is_not_a_register_file(client, content):
    admin = UserFactory(is_superuser=True, is_staff=True, language="nb")
    client.force_login(admin)
    before = Employer.objects.count()
    response = client.post(
        reverse("admin:employers_employer_import"),
        {"file": SimpleUploadedFile("enheter.csv", content)},
    )
    assert response.status_code == 200
    assert "Filen kunne ikke leses som CSV." in response.content.decode()
    assert Employer.objects.count() == before
