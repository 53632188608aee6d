"""Sheet import: tolerant of layout, strict about size and type, all rows or none."""

import io
import zipfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from employers.models import Employer
from marketinfo import services, sheets
from marketinfo.models import ImportBatch, Item, ItemKind
from portal.models import Role
from tests.factories import OfficeFactory, UserFactory
from tests.marketinfo.factories import EmployerFactory, SummaryFactory

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).resolve().parents[2] / "marketinfo" / "samples" / "ukesark.csv"
HEADER = "Type;Organisasjonsnummer;Arbeidsgiver;Stillingstittel;Antall stillinger;Søknadsfrist"


@pytest.fixture(autouse=True)
def december():
    with time_machine.travel(datetime(2026, 12, 1, 9, tzinfo=ZoneInfo("Europe/Oslo"))):
        yield


@pytest.fixture
def office():
    return OfficeFactory(name="NAV Risør", slug="risor")


@pytest.fixture
def summary(office):
    return SummaryFactory(office=office)


@pytest.fixture
def market_contact(office, client):
    user = UserFactory(username="mk", office=office, roles=[Role.MARKET_CONTACT.value])
    client.force_login(user)
    return user


@pytest.fixture
def bronnboring():
    return EmployerFactory(organisation_number="974760673", name="Brønnboring AS")


def upload(client, summary, content: bytes, name="ark.csv", follow=True):
    return client.post(
        reverse("marketinfo:import_upload", args=[summary.pk]),
        {"sheet": SimpleUploadedFile(name, content)},
        follow=follow,
    )


def csv_rows(*lines: str, header: str = HEADER) -> bytes:
    return ("\r\n".join([header, *lines]) + "\r\n").encode()


def test_the_sample_sheet_shows_its_bad_row_beside_the_good_ones_and_imports_only_these(
    client, market_contact, summary, bronnboring
):
    page = upload(client, summary, SAMPLE.read_bytes()).content.decode()
    assert "Organisasjonsnummer «934567898»" in page
    assert "kontrollsifferet stemmer ikke" in page
    assert "1 rad har feil og importeres ikke" in page
    assert "Kommentar" in page  # the extra column is named as left out
    for good in ("Kantinemedarbeider", "Båtbygger", "Arbeidstrening i butikk"):
        assert good in page  # one bad row hides none of the good ones
    assert "Importer 3 rader" in page
    batch = ImportBatch.objects.get()
    assert [r["line"] for r in batch.rows] == [2, 3, 5, 6]  # the blank row is skipped
    assert not Item.objects.exists()
    refused = client.post(reverse("marketinfo:import_preview", args=[batch.token]), {})
    assert "Bekreft at de nye arbeidsgiverne" in refused.content.decode()
    assert not Item.objects.exists()
    client.post(
        reverse("marketinfo:import_preview", args=[batch.token]), {"create_employers": "on"}
    )
    titles = list(summary.items.order_by("position").values_list("title", flat=True))
    assert titles == ["Kantinemedarbeider", "Båtbygger", "Arbeidstrening i butikk"]
    assert not Employer.objects.filter(organisation_number="934567898").exists()


def test_a_corrected_sheet_imports_every_row_and_creates_the_new_employer(
    client, market_contact, summary, bronnboring
):
    fixed = SAMPLE.read_bytes().replace(b"934567898", b"934567897")
    upload(client, summary, fixed)
    batch = ImportBatch.objects.get()
    assert batch.error_count == 0
    assert {e["organisation_number"] for e in batch.new_employers} == {"933445569", "934567897"}
    refused = client.post(reverse("marketinfo:import_preview", args=[batch.token]), {})
    assert "Bekreft at de nye arbeidsgiverne" in refused.content.decode()
    assert not Item.objects.exists()
    client.post(
        reverse("marketinfo:import_preview", args=[batch.token]), {"create_employers": "on"}
    )
    items = list(summary.items.order_by("position"))
    assert [i.title for i in items] == [
        "Kantinemedarbeider",
        "Båtbygger",
        "Tømrer",
        "Arbeidstrening i butikk",
    ]
    assert items[0].employer == bronnboring
    assert items[1].quantity == 2  # "2,0" with a decimal comma
    assert items[1].on_date.isoformat() == "2027-02-01"
    assert items[3].kind == ItemKind.PROGRAMME and items[3].quantity == 3
    assert Employer.objects.get(organisation_number="933445569").name == "Risør Trebåtbyggeri AS"
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Stilling;974760673;Brønnboring AS;;1;01.02.2027", "Stillingstittel mangler"),
        ("Stilling;;;Kokk;1;01.02.2027", "Organisasjonsnummer mangler"),
        ("Stilling;12345;X;Kokk;1;01.02.2027", "nøyaktig ni sifre"),
        ("Stilling;974760674;X;Kokk;1;01.02.2027", "kontrollsifferet stemmer ikke"),
        ("Stilling;933445569;;Kokk;1;01.02.2027", "er ikke i registeret"),
        ("Stilling;974760673;X;Kokk;fire;01.02.2027", "«fire» er ikke et tall"),
        ("Stilling;974760673;X;Kokk;2,5;01.02.2027", "må være et helt tall"),
        ("Stilling;974760673;X;Kokk;1;31.02.2027", "er ikke en dato"),
        ("Stilling;974760673;X;Kokk;1;01.11.2026", "Søknadsfristen 01.11.2026 har gått ut"),
        ("Jobb;974760673;X;Kokk;1;01.02.2027", "«Jobb» er ukjent"),
        ("Stilling;974760673;X;Kokk 01019900041;1;01.02.2027", "fødselsnummer"),
        ("Tiltaksplass;;;;;", "Tiltak mangler"),
    ],
)
def test_every_kind_of_bad_row_is_explained_in_norwegian(
    client, market_contact, summary, bronnboring, line, message
):
    header = HEADER + (";Tiltak" if line.startswith("Tiltaksplass") else "")
    page = upload(client, summary, csv_rows(line, header=header)).content.decode()
    assert message in page
    assert ImportBatch.objects.get().error_count == 1


def test_columns_in_any_order_and_cp1252_are_read(client, market_contact, summary, bronnboring):
    content = "Søknadsfrist;Stillingstittel;Orgnr;Ekstra\r\n15.01.2027;Kokk;974760673;x\r\n"
    upload(client, summary, content.encode("cp1252"))
    row = ImportBatch.objects.get().rows[0]
    assert row["errors"] == []
    assert row["values"]["deadline"] == "2027-01-15"


def test_xlsx_with_real_dates_is_read(client, market_contact, summary, bronnboring):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Stillingstittel", "Organisasjonsnummer", "Antall stillinger", "Søknadsfrist"])
    sheet.append([None, None, None, None])
    sheet.append(["Kokk", 974760673, 3.0, datetime(2027, 1, 15)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload(client, summary, buffer.getvalue(), name="ark.xlsx")
    row = ImportBatch.objects.get().rows[0]
    assert row["errors"] == []
    assert row["values"]["positions"] == 3
    assert row["line"] == 3


def test_a_file_over_the_size_limit_is_refused(client, market_contact, summary):
    page = upload(client, summary, b"a" * (2 * 1024 * 1024 + 1)).content.decode()
    assert "Filen er for stor" in page
    assert not ImportBatch.objects.exists()


def test_a_spreadsheet_that_unpacks_to_far_more_than_it_weighs_is_refused(
    client, market_contact, summary
):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<x/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (40 * 1024 * 1024))
    page = upload(client, summary, buffer.getvalue(), name="bombe.xlsx").content.decode()
    assert "pakker seg ut til mye mer enn det veier" in page
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "gammel Excel-fil"),
        (b"PK\x03\x04 this is not a zip", "kunne ikke leses som et regneark"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "Filtypen støttes ikke"),
        (b"Navn;Alder\r\nKari;40\r\n", "Fant ingen kjente kolonnenavn"),
        (HEADER.encode() + b"\r\n", "har kolonnenavn, men ingen rader"),
    ],
)
def test_malformed_files_get_a_clear_message(client, market_contact, summary, content, message):
    page = upload(client, summary, content).content.decode()
    assert message in page
    assert not ImportBatch.objects.exists()


def test_too_many_rows_are_refused(client, market_contact, summary):
    lines = [f"Stilling;974760673;X;Kokk {n};1;01.02.2027" for n in range(sheets.MAX_ROWS + 1)]
    page = upload(client, summary, csv_rows(*lines)).content.decode()
    assert f"Grensen er {sheets.MAX_ROWS} rader" in page


def test_a_failure_in_the_middle_writes_no_row_and_no_employer(
    market_contact, summary, bronnboring, monkeypatch
):
    content = csv_rows(
        "Stilling;974760673;X;Kokk;1;01.02.2027",
        "Stilling;933445569;Ny Bedrift AS;Snekker;1;01.02.2027",
        "Stilling;974760673;X;Servitør;1;01.02.2027",
    )
    parsed = sheets.parse(content)
    batch = ImportBatch.objects.create(
        summary=summary, user=market_contact, filename="ark.csv", rows=parsed.rows
    )
    real = sheets.row_to_item
    calls = []

    def fails_on_the_third(values, **kwargs):
        calls.append(values)
        if len(calls) == 3:
            raise RuntimeError("database went away")
        return real(values, **kwargs)

    monkeypatch.setattr(sheets, "row_to_item", fails_on_the_third)
    with pytest.raises(RuntimeError):
        services.import_confirm(batch=batch, user=market_contact, create_employers=True)
    assert not Item.objects.exists()
    assert not Employer.objects.filter(organisation_number="933445569").exists()
    assert ImportBatch.objects.filter(pk=batch.pk).exists()


def test_someone_elses_batch_is_not_found(client, market_contact, summary, office):
    other = UserFactory(username="mk2", office=office, roles=[Role.MARKET_CONTACT.value])
    batch = ImportBatch.objects.create(summary=summary, user=other, filename="a.csv", rows=[])
    assert client.get(reverse("marketinfo:import_preview", args=[batch.token])).status_code == 404


def test_the_template_has_norwegian_column_names(client, market_contact):
    response = client.get(reverse("marketinfo:import_template") + "?format=csv")
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Type;Organisasjonsnummer;Arbeidsgiver;Stillingstittel")


def test_the_xlsx_sample_shows_the_same_bad_row(client, market_contact, summary, bronnboring):
    content = SAMPLE.with_suffix(".xlsx").read_bytes()
    page = upload(client, summary, content, name="ukesark.xlsx").content.decode()
    assert "kontrollsifferet stemmer ikke" in page
    batch = ImportBatch.objects.get()
    assert batch.error_count == 1
    assert [r["values"]["deadline"] for r in batch.rows][:2] == ["2027-01-15", "2027-02-01"]


def test_the_sheet_checks_every_text_against_the_length_the_database_keeps():
    """import_confirm writes rows without cleaning the models again: the sheet's own limits
    must never let through more than the field it lands in holds (sheets.row_to_item)."""
    from employers.models import Employer
    from marketinfo.models import Item

    lands_in = {
        "employer_name": Employer._meta.get_field("name"),
        "title": Item._meta.get_field("title"),
        "occupation": Item._meta.get_field("occupation"),
        "municipality": Item._meta.get_field("municipality"),
        "requirements": Item._meta.get_field("text"),
        "link": Item._meta.get_field("link"),
        "measure": Item._meta.get_field("title"),
        "provider": Item._meta.get_field("provider"),
    }
    assert set(lands_in) == set(sheets.TEXT_LIMITS)
    for key, limit in sheets.TEXT_LIMITS.items():
        assert limit <= lands_in[key].max_length, key
