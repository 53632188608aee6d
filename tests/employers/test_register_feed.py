"""The register's update feed against a local fake server answering in the documented format:
new, changed and deleted units, paging, and a failure half-way."""

from datetime import UTC, date, datetime

import pytest

from devtools.bench.fake_register import FakeRegister, FakeRegisterServer, api_unit
from employers.models import Employer, RegisterCursor, RegisterStatus
from employers.register import feed
from employers.register.feed import FeedError, RegisterClient, register_updates_apply
from employers.tasks import apply_register_updates
from tests.employers.factories import EmployerFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 7)


def _numbers(count: int, start: int = 91234000) -> list[str]:
    from employers.register.readers import is_organisation_number

    found, prefix = [], start
    while len(found) < count:
        for digit in "0123456789":
            if is_organisation_number(f"{prefix}{digit}"):
                found.append(f"{prefix}{digit}")
        prefix += 1
    return found[:count]


@pytest.fixture
def register():
    """The register as it stood on TODAY: its changes made the day before."""
    return FakeRegister(changed_at=datetime(2026, 12, 6, 4, 1, 22, 299000, tzinfo=UTC))


@pytest.fixture
def client(register):
    with FakeRegisterServer(register) as base_url:
        yield RegisterClient(base_url=base_url)


def test_new_changed_and_deleted_units_are_applied_and_the_cursor_moves(register, client):
    new, changed, deleted, removed = _numbers(4)
    EmployerFactory(organisation_number=changed, name="Gammelt Navn AS")
    EmployerFactory(organisation_number=deleted, name="Snart Borte AS")
    EmployerFactory(organisation_number=removed, name="Feilregistrert AS")
    register.add_change("enheter", new, "Ny", api_unit(new, "NY BEDRIFT AS"))
    register.add_change(
        "enheter", changed, "Endring", api_unit(changed, "NYTT NAVN AS", konkurs=True)
    )
    register.add_change("enheter", deleted, "Sletting")
    last = register.add_change("enheter", removed, "Fjernet")

    report = register_updates_apply(kind="enheter", client=client, today=TODAY)

    assert (report.changes, report.created, report.updated) == (4, 1, 3)
    assert Employer.objects.get(organisation_number=new).municipality == "Risør"
    renamed = Employer.objects.get(organisation_number=changed)
    assert renamed.name == "NYTT NAVN AS"
    assert renamed.register_status == RegisterStatus.BANKRUPT
    for number in (deleted, removed):
        gone = Employer.objects.get(organisation_number=number)
        assert gone.register_status == RegisterStatus.DELETED
        assert gone.register_status_on == date(2026, 12, 6)
    assert RegisterCursor.objects.get(kind="enheter").last_update_id == last
    # The first run asked from yesterday; nothing new now, so a second run changes nothing.
    assert "dato=2026-12-06" in register.requests[0]
    again = register_updates_apply(kind="enheter", client=client, today=TODAY)
    assert (again.changes, again.created, again.updated) == (0, 0, 0)
    assert f"oppdateringsid={last + 1}" in register.requests[-1]


def test_the_latest_change_of_a_unit_decides(register, client):
    number = _numbers(1)[0]
    EmployerFactory(organisation_number=number)
    register.add_change("enheter", number, "Endring", api_unit(number, "ENDRET AS"))
    register.add_change("enheter", number, "Sletting")
    register_updates_apply(kind="enheter", client=client, today=TODAY)
    assert Employer.objects.get(organisation_number=number).register_status == "deleted"


def test_changes_are_read_page_after_page_and_units_fetched_in_pages(register, client, monkeypatch):
    monkeypatch.setattr(feed, "PAGE_SIZE", 10)
    monkeypatch.setattr(feed, "FETCH_SIZE", 7)
    numbers = _numbers(25)
    for number in numbers:
        register.add_change("enheter", number, "Ny", api_unit(number, f"BEDRIFT {number} AS"))
    report = register_updates_apply(kind="enheter", client=client, today=TODAY)
    assert (report.changes, report.created) == (25, 25)
    pages = [r for r in register.requests if "oppdateringer" in r]
    fetches = [r for r in register.requests if "organisasjonsnummer=" in r]
    assert len(pages) == 3  # 10 + 10 + 5
    assert len(fetches) == 4  # 7 + 7 + 7 + 4


def test_sub_units_come_from_their_own_feed_and_find_their_main_unit(register, client):
    main_number, sub_number = _numbers(2)
    main = EmployerFactory(organisation_number=main_number)
    unit = api_unit(sub_number, "AVDELING RISØR", overordnetEnhet=main_number)
    unit["beliggenhetsadresse"] = unit.pop("forretningsadresse")
    unit["nedleggelsesdato"] = "2026-11-30"
    register.add_change("underenheter", sub_number, "Ny", unit)
    register_updates_apply(kind="underenheter", client=client, today=TODAY)
    sub = Employer.objects.get(organisation_number=sub_number)
    assert sub.main_unit == main
    assert sub.register_status == RegisterStatus.CLOSED
    assert RegisterCursor.objects.filter(kind="underenheter").exists()
    assert not RegisterCursor.objects.filter(kind="enheter").exists()


def test_a_failure_half_way_applies_nothing_and_keeps_the_cursor(register, client, monkeypatch):
    monkeypatch.setattr(feed, "FETCH_SIZE", 2)
    RegisterCursor.objects.create(kind="enheter", last_update_id=1000)
    existing, *new = _numbers(5)
    EmployerFactory(organisation_number=existing, name="Uendret AS")
    register.add_change("enheter", existing, "Sletting")
    for number in new:
        register.add_change("enheter", number, "Ny", api_unit(number, f"NY {number} AS"))
    # The second fetch of units fails: the first two units were already fetched.
    register.fail_on = new[2]
    with pytest.raises(FeedError):
        register_updates_apply(kind="enheter", client=client, today=TODAY)
    assert not Employer.objects.filter(organisation_number__in=new).exists()
    assert Employer.objects.get(organisation_number=existing).register_status == ""
    assert RegisterCursor.objects.get(kind="enheter").last_update_id == 1000
    # The next run starts from the same update and applies it all.
    register.fail_on = None
    asked = len(register.requests)
    report = register_updates_apply(kind="enheter", client=client, today=TODAY)
    assert (report.changes, report.created, report.updated) == (5, 4, 1)
    assert "oppdateringsid=1001" in register.requests[asked]


def test_an_answer_that_is_not_json_is_a_feed_error(register, client):
    register.fail_on = "oppdateringer"
    with pytest.raises(FeedError):
        register_updates_apply(kind="enheter", client=client, today=TODAY)
    assert not RegisterCursor.objects.exists()


def test_the_beat_task_reads_both_kinds_from_the_configured_address(settings):
    register = FakeRegister()  # changed now: the task asks from yesterday by the real clock
    number = _numbers(1)[0]
    register.add_change("enheter", number, "Ny", api_unit(number, "FRA OPPGAVEN AS"))
    with FakeRegisterServer(register) as base_url:
        settings.BRREG_BASE_URL = base_url
        assert apply_register_updates() == {"enheter": 1, "underenheter": 0}
    assert Employer.objects.filter(organisation_number=number).exists()
    assert any("oppdateringer/underenheter" in r for r in register.requests)


def test_the_bench_day_of_updates_applies_the_changes_and_rolls_them_back():
    from devtools.bench.register_import import day_of_updates

    EmployerFactory.create_batch(40)
    before = sorted(Employer.objects.values_list("organisation_number", "name"))
    result = day_of_updates(changes=50)
    assert "error" not in result
    assert (result["created"], result["updated"]) == (10, 40)  # 10 new; 35 changed, 5 deleted
    assert result["met"]
    assert sorted(Employer.objects.values_list("organisation_number", "name")) == before
    assert not RegisterCursor.objects.exists()
