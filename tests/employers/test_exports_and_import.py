"""Exports (formula injection neutralised) and the import from the register's open data."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from employers.models import Employer
from tests.employers.factories import ContactEntryFactory, EmployerFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


def _csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_employer_history_export_neutralises_formulas(client):
    user = UserFactory()
    employer = EmployerFactory(name='=HYPERLINK("http://x")')
    ContactEntryFactory(employer=employer, author=user, summary="=1+2", outcome="@SUM(A1)")
    client.force_login(UserFactory())
    response = client.get(reverse("employers:export", args=[employer.organisation_number, "csv"]))
    rows = _csv_rows(response)
    assert rows[0][0] == "Dato"
    assert rows[1][1].startswith("'=HYPERLINK")
    assert rows[1][5] == "'=1+2"
    assert rows[1][6] == "'@SUM(A1)"
    xlsx = client.get(reverse("employers:export", args=[employer.organisation_number, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [cell.value for cell in sheet[2]]
    assert "'=1+2" in values
    assert all(not (isinstance(v, str) and v.startswith("=")) for v in values)


def test_an_office_exports_its_own_log_only(client):
    mine = UserFactory()
    other = UserFactory()
    ContactEntryFactory(author=mine, summary="Vår kontakt")
    ContactEntryFactory(author=other, summary="Deres kontakt")
    client.force_login(mine)
    rows = _csv_rows(client.get(reverse("employers:log_export", args=["csv"])))
    summaries = [row[5] for row in rows[1:]]
    assert summaries == ["Vår kontakt"]


def test_an_unknown_export_format_is_404(client):
    client.force_login(UserFactory())
    assert client.get(reverse("employers:log_export", args=["pdf"])).status_code == 404


def test_the_import_reads_main_and_sub_units_and_is_idempotent():
    files = [DATA / "enheter.csv", DATA / "underenheter.csv"]
    out = io.StringIO()
    call_command("import_employers", *files, stdout=out)
    assert "1 skipped" in out.getvalue()  # the row with a wrong check digit
    first = {e.organisation_number: e for e in Employer.objects.all()}
    call_command("import_employers", *files, stdout=io.StringIO())
    assert Employer.objects.count() == len(first) == 5
    main = Employer.objects.get(organisation_number="974760673")
    assert main.name == "SØRKYST TESTFISK AS"
    assert main.size_band == "100+"
    assert main.industry_code == "10.201"
    sub = Employer.objects.get(organisation_number="923609016")
    assert sub.main_unit == main
    assert sub.municipality == "Risør"
    assert sub.postal_place == "Risør"
    assert not Employer.objects.filter(organisation_number="974760674").exists()


def test_the_admin_upload_imports_a_file(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    upload = SimpleUploadedFile("enheter.csv", (DATA / "enheter.csv").read_bytes())
    response = client.post(reverse("admin:employers_employer_import"), {"file": upload})
    assert response.status_code == 302
    assert Employer.objects.filter(organisation_number="974760673").exists()
