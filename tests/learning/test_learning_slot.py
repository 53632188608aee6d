"""The office's weekly learning time (issue #17): the manager sets it on the office's page,
mandatory modules given without a time of their own are planned into it, in sequence, before
their due date, with a calendar invitation each; moving the slot moves them (a calendar update,
not a second event); and the dashboard's «Avsatt tid i dag» shows it."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning.models import Assignment, OfficeLearningSlot, ProgressStatus
from learning.services.assignments import assignment_create
from learning.services.slot import slot_save
from portal.models import AuditEvent, Role
from tests.factories import OfficeFactory, UserFactory
from tests.learning.factories import (
    AssignmentFactory,
    ModuleFactory,
    PathStepFactory,
    ProgressFactory,
)
from tests.learning.test_calendar_invitations import invitation

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")
MONDAY = date(2027, 1, 4)
TUESDAY, NEXT_TUESDAY = date(2027, 1, 5), date(2027, 1, 12)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=OSLO)


@pytest.fixture(autouse=True)
def monday_noon():
    with time_machine.travel(at(MONDAY, 12), tick=False):
        yield


@pytest.fixture
def office():
    return OfficeFactory(name="NAV Testby", slug="testby")


@pytest.fixture
def manager(office):
    return UserFactory(office=office, roles=[Role.MANAGER], first_name="Leder", last_name="A")


@pytest.fixture
def kari(office):
    return UserFactory(office=office, first_name="Kari", last_name="Nordmann")


@pytest.fixture
def slot(office):
    """Tuesdays 08:30–10:00."""
    return OfficeLearningSlot.objects.create(
        office=office, weekday=1, start=time(8, 30), end=time(10)
    )


def url(office) -> str:
    return reverse("learning:office_slot", args=[office.slug])


def give(manager, kari, module, due_on, **kwargs) -> Assignment:
    [a] = assignment_create(
        assigned_by=manager, users=[kari], module=module, due_on=due_on, **kwargs
    )
    a.refresh_from_db()
    return a


# The page


def test_the_office_page_links_to_the_slot_page(client, office, manager):
    client.force_login(manager)
    assert url(office) in client.get(reverse("learning:office", args=[office.slug])).text


@pytest.mark.parametrize(
    "start, end, field, error",
    [
        ("10:00", "09:00", "end", "Slutten må være etter starten."),
        ("06:30", "08:00", "start", "Velg et tidspunkt mellom 07:00 og 17:00."),
        ("16:00", "17:30", "end", "Velg et tidspunkt mellom 07:00 og 17:00."),
        ("08:00", "12:30", "end", "Læringstiden kan være høyst 4 timer."),
    ],
)
def test_a_bad_slot_is_refused_beside_its_field_and_nothing_typed_is_lost(
    client, office, manager, start, end, field, error
):
    client.force_login(manager)
    response = client.post(url(office), {"weekday": "3", "start": start, "end": end})
    assert response.status_code == 200
    page = response.text
    beside = page.index(f'id="id_{field}_error"')
    assert error in page[beside : beside + 1500]
    assert f'value="{start}"' in page and f'value="{end}"' in page
    assert '<option value="3" selected>' in page
    assert not OfficeLearningSlot.objects.exists()


def test_the_manager_sets_changes_and_clears_it_and_the_audit_trail_keeps_each(
    client, office, manager
):
    client.force_login(manager)
    page = client.post(
        url(office), {"weekday": "1", "start": "08:30", "end": "10:00"}, follow=True
    ).text
    assert "Kontorets læringstid er lagret." in page
    assert "Hver tirsdag 08:30–10:00" in page and "RRULE:FREQ=WEEKLY;BYDAY=TU" in page
    client.post(url(office), {"weekday": "3", "start": "13:00", "end": "14:00"})
    page = client.post(url(office), {"clear": "1"}, follow=True).text
    assert "Kontoret har ingen fast læringstid." in page

    slot = OfficeLearningSlot.objects.get(office=office)
    assert (slot.weekday, slot.start, slot.active) == (3, time(13), False)
    events = list(AuditEvent.objects.filter(action="learning.slot_changed").order_by("pk"))
    assert events[0].before is None
    assert [(e.after["weekday"], e.after["start"], e.after["active"]) for e in events] == [
        (1, "08:30:00", True),
        (3, "13:00:00", True),
        (3, "13:00:00", False),
    ]
    assert events[1].before["start"] == "08:30:00"
    assert all(e.actor == manager for e in events)


def test_a_refused_change_leaves_the_saved_time_shown_and_stored(client, office, manager, slot):
    client.force_login(manager)
    page = client.post(url(office), {"weekday": "1", "start": "08:30", "end": "07:00"}).text
    assert "Slutten må være etter starten." in page
    assert "Hver tirsdag 08:30–10:00" in page
    slot.refresh_from_db()
    assert slot.end == time(10)


# Planning


def test_a_mandatory_module_without_a_time_lands_in_the_next_slot_with_an_invitation(
    office, manager, kari, slot, django_capture_on_commit_callbacks
):
    module = ModuleFactory(title="Lønnstilskudd", minutes=30)
    with django_capture_on_commit_callbacks(execute=True):
        a = give(manager, kari, module, TUESDAY + timedelta(days=14))
    assert (a.reserved_start, a.reserved_end) == (at(TUESDAY, 8, 30), at(TUESDAY, 9))
    assert a.planned_in_slot

    [message] = mail.outbox
    assert message.to == [kari.email]
    method, event, _ics = invitation(message)
    assert method == "REQUEST"
    assert event.decoded("DTSTART") == at(TUESDAY, 8, 30)
    assert event.decoded("DTEND") == at(TUESDAY, 9)
    assert event["SEQUENCE"] == 0


def test_several_modules_fill_the_slot_in_sequence_around_what_is_taken(
    office, manager, kari, slot
):
    # Kari's own reserved time opens this Tuesday's slot.
    AssignmentFactory(user=kari, reserved_start=at(TUESDAY, 8, 30), reserved_end=at(TUESDAY, 9))
    path = PathStepFactory(module=ModuleFactory(title="Første", minutes=30)).path
    PathStepFactory(path=path, module=ModuleFactory(title="Andre", minutes=45))
    PathStepFactory(path=path, module=ModuleFactory(title="Tredje", minutes=30))
    assignment_create(
        assigned_by=manager, users=[kari], path=path, due_on=TUESDAY + timedelta(days=14)
    )
    planned = {
        a.module.title: (a.reserved_start, a.reserved_end)
        for a in Assignment.objects.filter(planned_in_slot=True).select_related("module")
    }
    assert planned == {
        "Første": (at(TUESDAY, 9), at(TUESDAY, 9, 30)),
        # 45 minutes do not fit before 10:00: the next Tuesday.
        "Andre": (at(NEXT_TUESDAY, 8, 30), at(NEXT_TUESDAY, 9, 15)),
        "Tredje": (at(TUESDAY, 9, 30), at(TUESDAY, 10)),
    }
    # A module given later goes after them.
    later = give(manager, kari, ModuleFactory(minutes=20), TUESDAY + timedelta(days=14))
    assert later.reserved_start == at(NEXT_TUESDAY, 9, 15)


def test_when_no_slot_has_room_before_the_due_date_the_last_one_before_it_is_taken(
    office, manager, kari, slot
):
    long = give(manager, kari, ModuleFactory(minutes=120), NEXT_TUESDAY + timedelta(days=1))
    assert long.reserved_start == at(NEXT_TUESDAY, 8, 30)
    assert long.reserved_end == at(NEXT_TUESDAY, 10, 30)


def test_what_is_due_before_the_slot_comes_round_or_has_its_own_time_stays_as_given(
    office, manager, kari, slot, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        due_first = give(manager, kari, ModuleFactory(), MONDAY)
        optional = give(manager, kari, ModuleFactory(), NEXT_TUESDAY, mandatory=False)
        own = give(
            manager,
            kari,
            ModuleFactory(),
            NEXT_TUESDAY,
            reserved_minutes=30,
            reserved_start=at(TUESDAY, 13),
            reserved_end=at(TUESDAY, 13, 30),
        )
    assert due_first.reserved_start is None and optional.reserved_start is None
    assert own.reserved_start == at(TUESDAY, 13) and not own.planned_in_slot
    assert not due_first.planned_in_slot and not optional.planned_in_slot
    assert len(mail.outbox) == 1  # the one with a time


def test_an_office_without_a_slot_plans_nothing(office, manager, kari):
    assert give(manager, kari, ModuleFactory(), NEXT_TUESDAY).reserved_start is None


def test_moving_the_slot_moves_coming_unstarted_modules_with_a_calendar_update(
    client, office, manager, kari, slot, django_capture_on_commit_callbacks
):
    due = TUESDAY + timedelta(days=14)
    with django_capture_on_commit_callbacks(execute=True):
        planned = give(manager, kari, ModuleFactory(minutes=30), due)
        started = give(manager, kari, ModuleFactory(minutes=30), due)
    ProgressFactory(user=kari, module=started.module, status=ProgressStatus.IN_PROGRESS)
    _method, first, _ics = invitation(mail.outbox[0])
    mail.outbox.clear()

    slot.weekday, slot.start, slot.end = 3, time(13), time(14)  # Thursdays 13:00–14:00
    with django_capture_on_commit_callbacks(execute=True):
        assert slot_save(slot=slot, by=manager) == 1

    planned.refresh_from_db()
    assert planned.reserved_start == at(TUESDAY + timedelta(days=2), 13)
    assert planned.calendar_sequence == 1
    started.refresh_from_db()
    assert started.reserved_start == at(TUESDAY, 9) and started.calendar_sequence == 0
    [message] = mail.outbox
    method, update, _ics = invitation(message)
    assert (method, str(update["UID"]), update["SEQUENCE"]) == ("REQUEST", str(first["UID"]), 1)
    assert update.decoded("DTSTART") == at(TUESDAY + timedelta(days=2), 13)
    # The calendar file gives the same event, moved.
    client.force_login(kari)
    feed = client.get(reverse("learning:calendar")).text
    assert str(first["UID"]) in feed and "SEQUENCE:1" in feed


# The dashboard


def test_the_dashboard_shows_todays_slot_and_whats_planned_in_it(
    client, office, manager, kari, slot, django_assert_max_num_queries
):
    for minutes in (30, 45):
        give(manager, kari, ModuleFactory(title=f"Modul på {minutes}", minutes=minutes), TUESDAY)
    with time_machine.travel(at(TUESDAY, 7), tick=False):
        client.force_login(kari)
        with CaptureQueriesContext(connection) as two:
            page = client.get("/").text
        give(manager, kari, ModuleFactory(minutes=15), TUESDAY)
        with django_assert_max_num_queries(len(two)):
            client.get("/")
    assert "Avsatt tid i dag" in page
    assert "Tirsdag 08:30–10:00: kontorets læringstid" in page
    assert "08:30–09:00" in page and "Modul på 30" in page and "(30 min)" in page
    assert "09:00–09:45" in page and "Modul på 45" in page and "(45 min)" in page


def test_a_day_without_slot_or_reserved_time_says_so(client, office, kari, slot):
    client.force_login(kari)
    page = client.get("/").text  # a Monday
    assert "Ingen avsatt tid i dag." in page
    assert "kontorets læringstid" not in page
