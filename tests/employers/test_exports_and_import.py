"""Exports (formula injection neutralised). The register import: test_register_*.py."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.employers.factories import ContactEntryFactory, EmployerFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


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
