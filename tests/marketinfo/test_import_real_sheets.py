"""Sheets as market contacts really keep them (issue #15): a title above the header, several
tabs, dates and numbers as people type them, organisation numbers that belong to someone
else, one bad row among many good ones, and the same sheet uploaded twice."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from marketinfo import sheets
from marketinfo.models import ImportBatch, Item
from portal.models import Role
from tests.factories import OfficeFactory, UserFactory
from tests.marketinfo.factories import EmployerFactory, SummaryFactory

pytestmark = pytest.mark.django_db
HEADER = ["Type", "Organisasjonsnummer", "Arbeidsgiver", "Stillingstittel", "Antall stillinger",
          "Søknadsfrist"]  # fmt: skip
PROGRAMME_HEADER = ["Tiltak", "Antall plasser", "Arrangør", "Oppstart"]


@pytest.fixture(autouse=True)
def december():
    with time_machine.travel(datetime(2026, 12, 1, 9, tzinfo=ZoneInfo("Europe/Oslo"))):
        yield


@pytest.fixture
def summary():
    return SummaryFactory(office=OfficeFactory(name="NAV Risør", slug="risor"))


@pytest.fixture
def market_contact(client, summary):
    user = UserFactory(office=summary.office, roles=[Role.MARKET_CONTACT.value], language="nb")
    client.force_login(user)
    return user


@pytest.fixture
def register():
    return {
        "brreg": EmployerFactory(
            organisation_number="974760673", name="REGISTERENHETEN I BRØNNØYSUND"
        ),
        "baatbygg": EmployerFactory(organisation_number="933445569", name="RISØR TREBÅTBYGGERI AS"),
    }


def xlsx(tabs: dict[str, list[list]], merge: dict[str, str] | None = None) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in tabs.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if merge and name in merge:
            sheet.merge_cells(merge[name])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, summary, content: bytes, name="ukesark.xlsx"):
    return client.post(
        reverse("marketinfo:import_upload", args=[summary.pk]),
        {"sheet": SimpleUploadedFile(name, content)},
        follow=True,
    )


def confirm(client, batch, **data):
    return client.post(reverse("marketinfo:import_preview", args=[batch.token]), data, follow=True)


def vacancy(title, number="933445569", name="Risør Trebåtbyggeri AS", count=1, deadline="1.2.27"):
    return ["Stilling", number, name, title, count, deadline]


# --- where the table is --------------------------------------------------------------------


def test_the_header_is_found_below_a_merged_title_and_blank_rows(
    client, market_contact, summary, register
):
    content = xlsx(
        {
            "Ukesark": [
                ["Ledige stillinger uke 49 – NAV Risør"],
                [],
                ["Oppdatert av Kari", None, "ring meg"],
                HEADER,
                vacancy("Båtbygger"),
            ]
        },
        merge={"Ukesark": "A1:F1"},
    )
    upload(client, summary, content)
    [row] = ImportBatch.objects.get().rows
    assert row["errors"] == []
    assert row["line"] == 5
    assert row["values"]["title"] == "Båtbygger"


def test_a_header_below_the_tenth_row_is_not_looked_for(client, market_contact, summary):
    content = xlsx({"Ukesark": [["Notat"]] * 10 + [HEADER, vacancy("Båtbygger")]})
    page = upload(client, summary, content).content.decode()
    assert "Fant ingen kjente kolonnenavn i de ti første radene" in page
    assert not ImportBatch.objects.exists()


def test_every_tab_with_the_columns_is_read_and_the_page_names_each_tab(
    client, market_contact, summary, register
):
    content = xlsx(
        {
            "Stillinger": [["Uke 49"], HEADER, vacancy("Båtbygger"), vacancy("Snekker")],
            "Notater": [["Husk å ringe Brønnboring"], ["og kommunen"]],
            "Tiltak": [
                PROGRAMME_HEADER,
                ["Arbeidstrening", 3, "Risør Arbeidssenter", "11.01.2027"],
            ],
        }
    )
    page = upload(client, summary, content).content.decode()
    batch = ImportBatch.objects.get()
    assert [(row["tab"], row["line"]) for row in batch.rows] == [
        ("Stillinger", 3),
        ("Stillinger", 4),
        ("Tiltak", 2),
    ]
    assert "Faner som er lest: Stillinger, Tiltak" in page
    assert "Faner som er hoppet over" in page and "Notater" in page
    assert "Stillinger, 3" in page  # each row says which tab it is from


# --- dates and numbers as people type them -------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "1.2.27",
        "01.02.2027",
        "1. februar 2027",
        "1. Februar 2027",
        "1 feb. 2027",
        "1/2/2027",
        "2027-02-01",
        datetime(2027, 2, 1),
        date(2027, 2, 1),
        46419,  # a date cell that lost its format: Excel's day number
    ],
)
def test_dates_as_people_type_them(client, market_contact, summary, register, written):
    upload(client, summary, xlsx({"Ark1": [HEADER, vacancy("Båtbygger", deadline=written)]}))
    [row] = ImportBatch.objects.get().rows
    assert row["errors"] == []
    assert row["values"]["deadline"] == "2027-02-01"


@pytest.mark.parametrize("written", ["1. febuar 2027", "31.02.2027", "neste uke", "1.2."])
def test_a_date_that_is_not_one_says_how_to_write_it(
    client, market_contact, summary, register, written
):
    upload(client, summary, xlsx({"Ark1": [HEADER, vacancy("Båtbygger", deadline=written)]}))
    [row] = ImportBatch.objects.get().rows
    assert row["errors"] == [
        f"Søknadsfrist: «{written}» er ikke en dato. Skriv den som dd.mm.åååå."
    ]


@pytest.mark.parametrize(
    ("written", "read"),
    [("1 234", 1234), ("1\u00a0234", 1234), ("1.234", 1234), ("4,0", 4), ("4 stk", None)],
)
def test_numbers_with_spaces_and_thousands_are_read(
    client, market_contact, summary, register, written, read
):
    upload(client, summary, xlsx({"Ark1": [HEADER, vacancy("Båtbygger", count=written)]}))
    [row] = ImportBatch.objects.get().rows
    assert row["values"]["positions"] == read
    assert bool(row["errors"]) is (read is None)


def test_an_amount_in_kroner_is_read_as_a_number_and_judged_as_one(
    client, market_contact, summary, register
):
    upload(client, summary, xlsx({"Ark1": [HEADER, vacancy("Båtbygger", count="kr 500 000")]}))
    [row] = ImportBatch.objects.get().rows
    assert row["errors"] == [
        "Antall stillinger: «kr 500 000» må være et helt tall fra 1 til 10 000."
    ]


@pytest.mark.parametrize("column", ["positions", "places"])
def test_an_approximate_number_gets_one_clear_message(
    client, market_contact, summary, register, column
):
    if column == "positions":
        rows = [HEADER, vacancy("Båtbygger", count="ca. 6")]
        label = "Antall stillinger"
    else:
        rows = [PROGRAMME_HEADER, ["Arbeidstrening", "ca. 6", "Risør Arbeidssenter", "11.01.2027"]]
        label = "Antall plasser"
    upload(client, summary, xlsx({"Ark1": rows}))
    [row] = ImportBatch.objects.get().rows
    # Not also "Antall plasser mangler": the cell is there, only not exact.
    assert row["errors"] == [
        f"{label}: «ca. 6» er ikke et nøyaktig tall. Skriv ett tall alene, for eksempel «6»."
    ]


# --- organisation numbers ------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["933445569", "933 445 569", "933\u00a0445\u00a0569", "933.445.569", "NO 933 445 569 MVA"],
)
def test_organisation_numbers_as_people_write_them(
    client, market_contact, summary, register, written
):
    upload(client, summary, xlsx({"Ark1": [HEADER, vacancy("Båtbygger", number=written)]}))
    [row] = ImportBatch.objects.get().rows
    assert row["errors"] == [] and row["warnings"] == []
    assert row["values"]["organisation_number"] == "933445569"
    assert not row["new_employer"]


def test_a_number_that_belongs_to_another_name_is_warned_about_naming_both(
    client, market_contact, summary, register
):
    rows = [HEADER, vacancy("Kantinemedarbeider", number="974760673", name="Brønnboring AS")]
    page = upload(client, summary, xlsx({"Ark1": rows})).content.decode()
    [row] = ImportBatch.objects.get().rows
    expected = "974760673 er REGISTERENHETEN I BRØNNØYSUND i registeret, ikke «Brønnboring AS»."
    assert row["warnings"] and row["warnings"][0].startswith(expected)
    assert "retter du organisasjonsnummeret i arket" in row["warnings"][0]
    assert expected in page
    assert "1 rad har en advarsel" in page


@pytest.mark.parametrize(
    ("written", "registered", "same"),
    [
        ("Risør Trebåtbyggeri AS", "RISØR TREBÅTBYGGERI AS", True),
        ("Risør  trebåtbyggeri", "RISØR TREBÅTBYGGERI AS", True),
        ("Equinor", "EQUINOR ASA", True),
        ("Equinor A/S", "EQUINOR ASA", True),
        ("Risør Trebåtbyggeri", "RISØR TREBÅTBYGGERI AVD SENTRUM AS", True),
        ("Brønnboring AS", "REGISTERENHETEN I BRØNNØYSUND", False),
        ("Risør Bygg AS", "RISØR TREBÅTBYGGERI AS", False),
    ],
)
def test_names_are_compared_the_way_a_reader_would(written, registered, same):
    assert sheets.same_employer_name(written, registered) is same


# --- good rows beside bad ones, and the same sheet twice -----------------------------------


def test_one_bad_row_does_not_hide_forty_good_ones(client, market_contact, summary, register):
    rows = [HEADER] + [vacancy(f"Båtbygger {n}") for n in range(40)]
    rows.insert(20, vacancy("Snekker", deadline="1.11.2026"))
    page = upload(client, summary, xlsx({"Ark1": rows})).content.decode()
    assert page.count("market-preview__error") == 1
    assert "Båtbygger 0" in page and "Båtbygger 39" in page
    assert "Importer 40 rader" in page
    confirm(client, ImportBatch.objects.get())
    titles = set(summary.items.values_list("title", flat=True))
    assert len(titles) == 40 and "Snekker" not in titles


def test_a_sheet_uploaded_again_imports_only_what_is_new(client, market_contact, summary, register):
    first = [HEADER, vacancy("Båtbygger"), vacancy("Snekker", count="to")]
    upload(client, summary, xlsx({"Ark1": first}))
    confirm(client, ImportBatch.objects.get())
    assert list(summary.items.values_list("title", flat=True)) == ["Båtbygger"]

    corrected = [HEADER, vacancy("Båtbygger"), vacancy("Snekker", count=2)]
    page = upload(client, summary, xlsx({"Ark1": corrected})).content.decode()
    batch = ImportBatch.objects.get()
    assert [row["already_imported"] for row in batch.rows] == [True, False]
    assert "1 rad er allerede i oppsummeringen og importeres ikke på nytt" in page
    assert "Allerede importert" in page
    assert "Importer 1 rad" in page
    confirm(client, batch)
    assert sorted(summary.items.values_list("title", flat=True)) == ["Båtbygger", "Snekker"]

    upload(client, summary, xlsx({"Ark1": corrected}))
    page = confirm(client, ImportBatch.objects.get()).content.decode()
    assert summary.items.count() == 2  # confirming the same sheet a third time adds nothing
    assert Item.objects.filter(title="Båtbygger").count() == 1


def test_a_sheet_with_only_bad_rows_offers_no_import(client, market_contact, summary, register):
    page = upload(
        client, summary, xlsx({"Ark1": [HEADER, vacancy("Båtbygger", count="mange")]})
    ).content.decode()
    assert "Last opp det rettede arket" in page
    assert 'type="submit"><span class="aksel-label">Importer' not in page
    page = confirm(client, ImportBatch.objects.get()).content.decode()
    assert "Ingen rader i arket kan importeres" in page
    assert not Item.objects.exists()


# --- identity numbers in any cell ----------------------------------------------------------


def test_an_identity_number_in_an_imported_cell_is_refused_and_not_kept(
    client, market_contact, summary, register
):
    rows = [HEADER, vacancy("Kokk for 15108695088")]
    page = upload(client, summary, xlsx({"Ark1": rows})).content.decode()
    [row] = ImportBatch.objects.get().rows
    assert row["errors"] == ["Stillingstittel ser ut til å inneholde et fødselsnummer. Fjern det."]
    assert "15108695088" not in str(row)  # not stored in the batch
    assert "15108695088" not in page


def test_an_identity_number_in_a_column_that_is_not_imported_is_pointed_out(
    client, market_contact, summary, register
):
    rows = [[*HEADER, "Kommentar"], [*vacancy("Båtbygger"), "ringt 15108695088"]]
    upload(client, summary, xlsx({"Ark1": rows}))
    [row] = ImportBatch.objects.get().rows
    assert row["errors"] == []
    assert row["warnings"] == [
        "Kolonnen «Kommentar» ser ut til å inneholde et fødselsnummer. Den importeres ikke, "
        "men fjern nummeret fra arket ditt."
    ]
    assert "15108695088" not in str(row)


def test_an_identity_number_in_the_organisation_number_column_is_not_echoed(
    client, market_contact, summary, register
):
    upload(client, summary, xlsx({"Ark1": [HEADER, vacancy("Båtbygger", number="15108695088")]}))
    [row] = ImportBatch.objects.get().rows
    assert any("Organisasjonsnummer ser ut til å inneholde" in error for error in row["errors"])
    assert "15108695088" not in str(row)


# --- every message says how to put the row right -------------------------------------------


@pytest.mark.parametrize(
    ("row", "advice"),
    [
        (["Stilling", "974760673", "X", "", 1, "1.2.27"], "Skriv stillingstittelen"),
        (["Stilling", "", "X", "Kokk", 1, "1.2.27"], "Skriv arbeidsgiverens organisasjonsnummer"),
        (["Stilling", "974760674", "X", "Kokk", 1, "1.2.27"], "Slå opp arbeidsgiveren på brreg.no"),
        (["Stilling", "974760673", "X", "Kokk", "fire", "1.2.27"], "Skriv det med sifre"),
        (["Stilling", "974760673", "X", "Kokk", 1, "1.11.2026"], "Rett datoen"),
        (["Jobb", "974760673", "X", "Kokk", 1, "1.2.27"], "Skriv «Stilling» eller «Tiltaksplass»"),
        (["", "974760673", "X", "", "", ""], "Fyll ut «Stillingstittel»"),
        (["Stilling", "933445577", "", "Kokk", 1, "1.2.27"], "Fyll inn arbeidsgiverens navn"),
    ],
)
def test_each_message_says_how_to_fix_the_row(
    client, market_contact, summary, register, row, advice
):
    upload(client, summary, xlsx({"Ark1": [HEADER, row]}))
    [parsed] = ImportBatch.objects.get().rows
    assert any(advice in error for error in parsed["errors"]), parsed["errors"]


def test_a_csv_with_a_title_line_holding_a_comma_is_read(client, market_contact, summary, register):
    content = (
        "Ledige stillinger, uke 49\r\n\r\n"
        "Stillingstittel;Organisasjonsnummer;Arbeidsgiver;Søknadsfrist\r\n"
        "Båtbygger;933 445 569;Risør Trebåtbyggeri AS;1.2.27\r\n"
    ).encode()
    upload(client, summary, content, name="ukesark.csv")
    [row] = ImportBatch.objects.get().rows
    assert row["errors"] == []
    assert (row["line"], row["values"]["deadline"]) == (4, "2027-02-01")


def test_a_long_sheet_shows_its_bad_rows_first_among_the_hundred_shown(
    client, market_contact, summary, register
):
    rows = [HEADER] + [vacancy(f"Båtbygger {n}") for n in range(150)]
    rows.append(vacancy("Snekker", count="mange"))
    page = upload(client, summary, xlsx({"Ark1": rows})).content.decode()
    assert page.count("market-preview__error") == 1
    assert "Snekker" in page and "Båtbygger 0" in page and "Båtbygger 149" not in page
    assert "51 rader til vises ikke her" in page
    assert "Importer 150 rader" in page
