"""The register's bulk files in their published layouts, imported through the real import.

The files in tests/employers/data are written in the exact layouts of data.brreg.no's
downloads: the full published headers (90 columns for enheter, 36 for underenheter), every
field quoted, quotes doubled, commas and line breaks inside fields; enheter.json holds units
as the API and the gzipped JSON download give them.
"""

import gzip
import io
import tempfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from employers.models import Employer, EmployerNameWord, RegisterStatus
from employers.register import merge
from employers.register.merge import register_files_import
from employers.register.readers import RegisterFileError
from tests.employers.factories import EmployerFactory

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"
ENHETER = DATA / "enheter.csv"
UNDERENHETER = DATA / "underenheter.csv"


def _get(number: str) -> Employer:
    return Employer.objects.get(organisation_number=number)


def test_the_published_header_is_read_by_name_and_every_field_lands_in_its_column():
    report = register_files_import([ENHETER, UNDERENHETER])
    assert (report.units, report.created, report.updated) == (8, 8, 0)
    # The quoted name kept its fields: nothing shifted by a column, the link is there.
    stiftelsen = _get("812345001")
    assert stiftelsen.name == 'STIFTELSEN "DET GODE LIV"'
    assert stiftelsen.organisation_form == "STI"
    assert stiftelsen.organisation_form_text == "Stiftelse"
    assert stiftelsen.industry_code == "88.101"
    assert stiftelsen.employees == 140
    assert stiftelsen.size_band == "100+"
    assert stiftelsen.website == "www.detgodeliv.no"
    # The business address, not the postal one, with its two lines.
    assert stiftelsen.address == "Kirkegata 1, Inngang B"
    assert (stiftelsen.postal_code, stiftelsen.postal_place) == ("4950", "Risør")
    assert (stiftelsen.municipality_number, stiftelsen.municipality) == ("4201", "Risør")
    assert stiftelsen.register_status == RegisterStatus.ACTIVE
    department = _get("812345060")
    assert department.name == 'STIFTELSEN "DET GODE LIV" AVD, TVEDESTRAND'
    assert department.main_unit == stiftelsen
    assert department.municipality == "Tvedestrand"


def test_a_name_with_a_comma_or_a_line_break_is_one_field():
    register_files_import([ENHETER])
    assert _get("812345028").name == "BRØNN, BORING OG SØNN AS"
    # A line break inside a name is a space in ours (a name is one line on every page).
    assert _get("812345036").name == "FJORD HANDEL AS"


@pytest.mark.parametrize(
    ("number", "status", "since"),
    [
        ("812345028", RegisterStatus.BANKRUPT, "2026-03-02"),
        ("812345036", RegisterStatus.UNDER_LIQUIDATION, "2026-05-11"),
        ("812345044", RegisterStatus.FORCED_LIQUIDATION, "2026-01-20"),
        ("812345079", RegisterStatus.CLOSED, "2026-04-30"),
    ],
)
def test_every_status_of_the_register_is_kept_with_its_day(number, status, since):
    register_files_import([ENHETER, UNDERENHETER])
    unit = _get(number)
    assert unit.register_status == status
    assert str(unit.register_status_on) == since
    assert unit.is_closed


def test_a_unit_with_only_a_postal_address_gets_that_address():
    register_files_import([ENHETER, UNDERENHETER])
    for number in ("812345052", "812345087"):
        unit = _get(number)
        assert unit.address == "Postboks 12"
        assert (unit.postal_code, unit.municipality, unit.municipality_number) == (
            "4952",
            "Risør",
            "4201",
        )


def test_a_unit_with_a_wrong_check_digit_is_skipped_with_its_line():
    report = register_files_import([ENHETER])
    # The quoted line breaks make the records longer than a line: the skipped unit is the
    # sixth record, on line 10 of the file.
    assert report.skipped == [(10, "ugyldig organisasjonsnummer")]
    assert not Employer.objects.filter(organisation_number="812345053").exists()


def test_the_gzipped_json_download_is_read_as_the_api_gives_units(tmp_path):
    packed = tmp_path / "enheter.json.gz"
    with gzip.open(packed, "wb") as target:
        target.write((DATA / "enheter.json").read_bytes())
    report = register_files_import([packed])
    assert (report.created, report.skipped_count) == (2, 1)
    kystlys = _get("812345095")
    assert kystlys.address == "Strandveien 4, 2. etasje"
    assert (kystlys.employees, kystlys.website) == (45, "www.kystlys.no")
    assert kystlys.organisation_form_text == "Aksjeselskap"
    deleted = _get("812345109")
    assert deleted.name == 'SLETTET "GAMMEL" AS'
    assert deleted.register_status == RegisterStatus.DELETED
    assert str(deleted.register_status_on) == "2026-02-14"
    assert deleted.address == "Postboks 1"


def test_the_csv_download_as_served_gzipped_is_read_too(tmp_path):
    packed = tmp_path / "enheter.csv.gz"
    packed.write_bytes(gzip.compress(ENHETER.read_bytes()))
    report = register_files_import([packed])
    assert (report.created, report.skipped_count) == (5, 1)
    assert _get("812345001").name == 'STIFTELSEN "DET GODE LIV"'


def test_a_second_import_of_the_same_files_writes_nothing():
    register_files_import([ENHETER, UNDERENHETER])
    before = dict(Employer.objects.values_list("organisation_number", "updated_at"))
    again = register_files_import([ENHETER, UNDERENHETER])
    assert (again.created, again.updated) == (0, 0)
    assert dict(Employer.objects.values_list("organisation_number", "updated_at")) == before


def test_an_existing_employer_is_updated_and_keeps_its_notes():
    employer = EmployerFactory(
        organisation_number="812345028", name="Brønnboring", notes="Ring før"
    )
    report = register_files_import([ENHETER])
    employer.refresh_from_db()
    assert report.updated == 1
    assert employer.name == "BRØNN, BORING OG SØNN AS"
    assert employer.notes == "Ring før"
    assert employer.register_status == RegisterStatus.BANKRUPT


@pytest.mark.parametrize(
    "content",
    [
        # A quote that never closes, after a good row: refused whole.
        ENHETER.read_bytes().split(b"\n")[0] + b'\n"812345001","GOD AS"\n"812345028","BROKEN\n',
        # Text after a closing quote (strict RFC 4180).
        ENHETER.read_bytes().split(b"\n")[0] + b'\n"812345001","GOD" AS,"x"\n',
        # Not the register's layout at all: the semicolon sheet of an earlier version.
        b"organisasjonsnummer;navn\n812345001;GOD AS\n",
        # A truncated gzip.
        gzip.compress(b'[{"organisasjonsnummer": "812345001", "navn": "GOD AS"}')[:-9],
        # JSON that stops half-way.
        b'[{"organisasjonsnummer": "812345001", "navn": "GOD AS"}, {"organisasjonsnummer": ',
    ],
    ids=["open-quote", "text-after-quote", "semicolons", "truncated-gzip", "broken-json"],
)
def test_a_broken_file_is_refused_cleanly_and_nothing_is_imported(tmp_path, content):
    broken = tmp_path / "broken"
    broken.write_bytes(content)
    leftovers = set(Path(tempfile.gettempdir()).glob("register-*.csv"))
    with pytest.raises(RegisterFileError):
        register_files_import([broken])
    assert not Employer.objects.exists()
    assert set(Path(tempfile.gettempdir()).glob("register-*.csv")) == leftovers


def test_a_gzip_bomb_is_stopped_by_the_memory_limit_of_the_parsing_child(tmp_path, settings):
    """100 KB that unpack to one 96 MB unit: the child dies at its limit, the worker lives."""
    settings.REGISTER_IMPORT_MEMORY_BYTES = 32 << 20
    bomb = tmp_path / "enheter.json.gz"
    with gzip.open(bomb, "wb") as target:
        target.write(b'[{"organisasjonsnummer": "812345001", "navn": "')
        for _ in range(96):
            target.write(b"A" * (1 << 20))
        target.write(b'"}]')
    assert bomb.stat().st_size < 1 << 20
    with pytest.raises(RegisterFileError, match="Ingenting ble importert"):
        register_files_import([bomb])
    assert not Employer.objects.exists()


def test_a_field_longer_than_any_register_field_refuses_the_csv(tmp_path):
    huge = tmp_path / "enheter.csv"
    huge.write_bytes(b'"organisasjonsnummer","navn"\n"812345001","' + b"A" * (1 << 20) + b'"\n')
    with pytest.raises(RegisterFileError):
        register_files_import([huge])


def _words() -> list[tuple[str, str]]:
    return list(EmployerNameWord.objects.values_list("employer__organisation_number", "word"))


def test_the_bulk_path_gives_the_same_name_words_as_the_trigger(monkeypatch):
    """Above BULK_MIN_NEW new units the import rebuilds the search's indexes and writes the
    name words set-based instead of by the trigger: the words must be the same."""
    register_files_import([ENHETER, UNDERENHETER])
    by_trigger = sorted(_words())
    Employer.objects.update(main_unit=None)
    Employer.objects.all().delete()
    monkeypatch.setattr(merge, "BULK_MIN_NEW", 1)
    register_files_import([ENHETER, UNDERENHETER])
    by_bulk = sorted(_words())
    assert by_bulk == by_trigger
    assert ("812345001", "liv") in by_bulk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_indexes WHERE indexname IN "
            "('employer_name_trgm', 'employer_name_trgm_gist', 'employer_name_word_prefix')"
        )
        assert cursor.fetchone()[0] == 3
        cursor.execute(
            "SELECT tgenabled FROM pg_trigger WHERE tgname = 'employers_employer_name_words'"
        )
        assert cursor.fetchone()[0] == "O"  # enabled again
    found = Employer.objects.search("gode liv")
    assert found[0].name == 'STIFTELSEN "DET GODE LIV"'


def test_the_command_imports_and_reports_skipped_lines():
    out = io.StringIO()
    call_command("import_employers", ENHETER, UNDERENHETER, stdout=out)
    text = out.getvalue()
    assert "8 units, 8 created, 0 updated, 1 skipped" in text
    assert "line 10: enheter.csv: ugyldig organisasjonsnummer" in text
    assert _get("812345060").main_unit == _get("812345001")


def test_the_command_refuses_a_missing_or_broken_file(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("import_employers", tmp_path / "nothing.csv")
    broken = tmp_path / "broken.csv"
    broken.write_text("navn;tall\n")
    with pytest.raises(CommandError, match="organisasjonsnummer"):
        call_command("import_employers", broken)
