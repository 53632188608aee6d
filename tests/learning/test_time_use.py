"""Time for learning per month (issue #17, item 1): each person sees the time reserved for them
and the minutes their finished modules were worth, their manager the same per person and for
the office; the manager moves an assignment's reserved time or withdraws it, and the person's
calendar follows by invitation (REQUEST with a higher SEQUENCE, or CANCEL)."""

from datetime import date, datetime, timedelta

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from learning.models import Assignment, AssignmentStatus, Progress, ProgressStatus
from learning.services import timeuse
from portal.models import AuditEvent, Role
from tests.factories import OfficeFactory, UserFactory
from tests.learning.factories import AssignmentFactory, ModuleFactory
from tests.learning.test_calendar_invitations import give, invitation

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


def local(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def done(user, minutes: int, at: datetime) -> Progress:
    return Progress.objects.create(
        user=user,
        module=ModuleFactory(minutes=minutes),
        status=ProgressStatus.COMPLETED,
        percent=100,
        completed_at=at,
    )


@pytest.fixture
def office():
    return OfficeFactory(name="NAV Testby", slug="testby")


@pytest.fixture
def manager(office):
    return UserFactory(office=office, roles=[Role.MANAGER], first_name="Leder", last_name="A")


@pytest.fixture
def kari(office):
    return UserFactory(office=office, first_name="Kari", last_name="Nordmann")


def test_each_month_sums_the_reserved_time_and_the_finished_modules_of_that_person(kari):
    ola = UserFactory(office=kari.office)
    # 00:30 on 1 June in Oslo is still 31 May in UTC: it counts in June.
    AssignmentFactory(
        user=kari,
        reserved_minutes=45,
        reserved_start=local(2026, 6, 1, 0, 30),
        reserved_end=local(2026, 6, 1, 1, 15),
        due_on=date(2026, 7, 10),
    )
    AssignmentFactory(user=kari, reserved_minutes=30, due_on=date(2026, 5, 31))  # no slot: due
    AssignmentFactory(
        user=kari, reserved_minutes=60, due_on=date(2026, 5, 20), status=AssignmentStatus.COMPLETED
    )
    AssignmentFactory(
        user=kari, reserved_minutes=500, due_on=date(2026, 5, 3), status=AssignmentStatus.CANCELLED
    )
    AssignmentFactory(user=kari, reserved_minutes=120, due_on=date(2026, 7, 1))  # next month
    AssignmentFactory(user=kari, reserved_minutes=120, due_on=date(2025, 5, 31))  # 13 months ago
    AssignmentFactory(user=ola, reserved_minutes=240, due_on=date(2026, 6, 2))
    done(kari, 20, local(2026, 6, 1, 0, 10))
    done(kari, 40, local(2026, 4, 30, 23, 50))
    done(kari, 15, local(2025, 6, 1, 8, 0))
    done(ola, 90, local(2026, 6, 3, 9, 0))
    Progress.objects.create(user=kari, module=ModuleFactory(minutes=70), percent=50)

    rows = timeuse.person_months(kari, TODAY)

    assert [r.month for r in rows[:3]] == [date(2026, 6, 1), date(2026, 5, 1), date(2026, 4, 1)]
    assert len(rows) == 13 and rows[-1].month == date(2025, 6, 1)
    summed = [(r.reserved, r.used) for r in rows]
    assert summed[:3] == [(45, 20), (90, 0), (0, 40)]
    assert summed[-1] == (0, 15)
    assert sum(reserved for reserved, _ in summed) == 135
    assert (rows[1].label, rows[1].reserved_clock, rows[0].used_clock) == (
        "mai 2026",
        "1:30",
        "0:20",
    )
    assert (rows[1].reserved_width, rows[0].reserved_width, rows[3].used_width) == (100, 50, 0)


def test_the_office_overview_has_this_month_and_last_for_each_person(kari):
    ola = UserFactory(office=kari.office, first_name="Ola")
    AssignmentFactory(user=kari, reserved_minutes=75, due_on=date(2026, 6, 20))
    AssignmentFactory(user=kari, reserved_minutes=30, due_on=date(2026, 4, 20))
    done(ola, 25, local(2026, 5, 2, 10, 0))

    rows = dict(timeuse.office_months([kari, ola], TODAY))

    assert [(m.month, m.reserved, m.used) for m in rows[kari]] == [
        (date(2026, 6, 1), 75, 0),
        (date(2026, 5, 1), 0, 0),
    ]
    assert [(m.reserved, m.used) for m in rows[ola]] == [(0, 0), (0, 25)]


def grow_history(people):
    """More rows in more months, for the query counts."""
    today = timezone.localdate()
    for person in people:
        for days in (0, 35, 70, 200):
            AssignmentFactory(user=person, reserved_minutes=15, due_on=today - timedelta(days=days))
            done(person, 10, timezone.now() - timedelta(days=days))


def test_mine_shows_the_time_per_month_newest_first_in_the_same_queries(
    client, kari, django_assert_num_queries_same
):
    AssignmentFactory(user=kari, reserved_minutes=90, due_on=timezone.localdate())
    done(kari, 20, timezone.now())
    client.force_login(kari)
    url = reverse("learning:mine")

    page = client.get(url).content.decode()

    assert "Tid til læring" in page
    table = page.split('id="time-use-heading"')[1]
    first_row = table.split("<tbody>")[1].split("</tr>")[0]
    assert "1:30" in first_row and "0:20" in first_row
    assert 'aria-hidden="true"' in first_row
    django_assert_num_queries_same(lambda: client.get(url), lambda: grow_history([kari]))


def test_the_manager_sees_the_person_and_the_office_in_the_same_queries(
    client, office, manager, kari, django_assert_num_queries_same
):
    AssignmentFactory(user=kari, reserved_minutes=90, due_on=timezone.localdate())
    done(kari, 20, timezone.now())  # (an empty list of progress is not read at all)
    client.force_login(manager)
    person_url = reverse("learning:person", args=[kari.pk])
    office_url = reverse("learning:office_time", args=[office.slug])

    assert "1:30" in client.get(person_url).content.decode().split('id="time-use-heading"')[1]
    overview = client.get(office_url).content.decode()
    assert "Kari Nordmann" in overview and "1:30" in overview
    assert office_url in client.get(reverse("learning:office", args=[office.slug])).content.decode()

    def grow():
        grow_history([kari, *(UserFactory(office=office) for _ in range(5))])

    django_assert_num_queries_same(lambda: [client.get(person_url), client.get(office_url)], grow)


def test_only_a_manager_of_the_persons_office_changes_the_time(client, office, manager, kari):
    assignment = AssignmentFactory(user=kari)
    other_manager = UserFactory(
        office=OfficeFactory(name="NAV Annet", slug="annet"), roles=[Role.MANAGER]
    )
    time_url = reverse("learning:assignment_time", args=[kari.pk, assignment.pk])
    withdraw_url = reverse("learning:assignment_withdraw", args=[kari.pk, assignment.pk])
    data = {"day": (timezone.localdate() + timedelta(days=3)).isoformat()}
    for user in (kari, other_manager):
        client.force_login(user)
        assert client.get(time_url).status_code == 404
        assert client.post(time_url, {**data, "start": "09:00", "end": "10:00"}).status_code == 404
        assert client.post(withdraw_url).status_code == 404
    assert Assignment.objects.get().status == AssignmentStatus.OPEN
    assert Assignment.objects.get().reserved_start is None
    assert client.get(reverse("learning:office_time", args=[office.slug])).status_code == 404
    client.force_login(kari)
    assert (
        "Endre tid" not in client.get(reverse("learning:person", args=[kari.pk])).content.decode()
    )
    assert client.get(reverse("learning:office_time", args=[office.slug])).status_code == 403
    client.force_login(manager)
    assert client.get(time_url).status_code == 200
    assert "Endre tid" in client.get(reverse("learning:person", args=[kari.pk])).content.decode()


def test_changing_the_time_sends_an_update_of_the_same_event(
    client, manager, kari, django_capture_on_commit_callbacks
):
    start = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        [assignment] = give(manager, [kari], start)
    _, first, _ = invitation(mail.outbox[0])
    client.force_login(manager)
    person_page = client.get(reverse("learning:person", args=[kari.pk])).content.decode()
    url = reverse("learning:assignment_time", args=[kari.pk, assignment.pk])
    assert url in person_page
    day = timezone.localdate() + timedelta(days=4)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"day": day.isoformat(), "start": "13:00", "end": "14:30"})

    assert response.status_code == 302 and response.url == reverse(
        "learning:person", args=[kari.pk]
    )
    method, update, _ = invitation(mail.outbox[1])
    assert (method, str(update["UID"]), update["SEQUENCE"]) == ("REQUEST", str(first["UID"]), 1)
    begin = timezone.localtime(update.decoded("DTSTART"))
    assert (begin.date(), begin.hour, begin.minute) == (day, 13, 0)
    assignment.refresh_from_db()
    assert (assignment.reserved_minutes, assignment.calendar_sequence) == (90, 1)
    event = AuditEvent.objects.get(action="assignment.time_changed")
    assert event.actor == manager and event.target_id == assignment.pk


def test_bad_time_input_shows_the_errors_by_the_fields_and_changes_nothing(
    client, manager, kari, django_capture_on_commit_callbacks
):
    start = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        [assignment] = give(manager, [kari], start)
    client.force_login(manager)
    url = reverse("learning:assignment_time", args=[kari.pk, assignment.pk])
    yesterday = timezone.localdate() - timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"day": yesterday.isoformat(), "start": "10:00", "end": "09:00"}
        )
        nonsense = client.post(url, {"day": "i morgen", "start": "25:00", "end": ""})

    assert response.status_code == 400 and nonsense.status_code == 400
    page = response.content.decode()
    assert "Dagen kan ikke være passert." in page
    assert "Slutten må være minst 5 minutter etter starten." in page
    assert page.count('aria-invalid="true"') == 2
    assert 'aria-invalid="true"' in nonsense.content.decode()
    assignment.refresh_from_db()
    assert (assignment.reserved_start, assignment.calendar_sequence) == (start, 0)
    assert len(mail.outbox) == 1
    assert not AuditEvent.objects.filter(action="assignment.time_changed").exists()


def test_withdrawing_asks_first_then_cancels_the_event_and_the_assignment_leaves_the_list(
    client, manager, kari, django_capture_on_commit_callbacks
):
    start = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    module = ModuleFactory(title="Dialog med arbeidsgivere")
    with django_capture_on_commit_callbacks(execute=True):
        [assignment] = give(manager, [kari], start, module=module)
    client.force_login(manager)
    url = reverse("learning:assignment_withdraw", args=[kari.pk, assignment.pk])

    asked = client.get(url).content.decode()
    assert "Er du sikker?" in asked and "Ja, trekk tilbake tildelingen" in asked
    assert Assignment.objects.get().status == AssignmentStatus.OPEN
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == 302
    method, cancel, _ = invitation(mail.outbox[1])
    assert (method, cancel["SEQUENCE"]) == ("CANCEL", 1)
    assert AuditEvent.objects.filter(action="assignment.withdrawn", actor=manager).exists()
    assert client.post(url).status_code == 302  # a second click sends nothing more
    assert len(mail.outbox) == 2
    person_page = client.get(reverse("learning:person", args=[kari.pk])).content.decode()
    assert url not in person_page
    client.force_login(kari)
    assert module.title not in client.get(reverse("learning:mine")).content.decode()
    feed = icalendar.Calendar.from_ical(client.get(reverse("learning:calendar")).content)
    assert feed.walk("VEVENT") == []
