"""Reminders a week and a day before, when overdue, and escalation: each exactly once."""

from datetime import date, timedelta

import pytest
import time_machine

from learning.services.reminders import reminders_send
from portal.models import Notification, NotificationKind, Role
from tests.factories import OfficeFactory, UserFactory
from tests.learning.factories import AssignmentFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 10)


@pytest.fixture
def office():
    return OfficeFactory()


@pytest.fixture
def manager(office):
    return UserFactory(office=office, roles=[Role.MANAGER])


def keys(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("dedup_key", flat=True))


@pytest.mark.parametrize(
    "days, expected",
    [
        (8, []),
        (7, ["due-week:"]),
        (2, ["due-week:"]),
        (1, ["due-day:"]),
        (0, ["due-day:"]),
        (-1, ["overdue:"]),
    ],
)
def test_each_threshold_at_its_edge_and_only_once(office, days, expected):
    user = UserFactory(office=office)
    a = AssignmentFactory(user=user, due_on=TODAY + timedelta(days=days))
    with time_machine.travel(TODAY):
        reminders_send(today=TODAY)
        reminders_send(today=TODAY)
    assert keys(user) == [f"{p}{a.pk}" for p in expected]


def test_a_whole_countdown_gives_each_reminder_once(office):
    user = UserFactory(office=office)
    a = AssignmentFactory(user=user, due_on=TODAY + timedelta(days=7))
    for day in range(0, 12):
        reminders_send(today=TODAY + timedelta(days=day))
    assert keys(user) == sorted([f"due-week:{a.pk}", f"due-day:{a.pk}", f"overdue:{a.pk}"])


def test_escalation_to_the_office_managers_after_more_than_a_week(office, manager):
    other_manager = UserFactory(roles=[Role.MANAGER])  # another office: not told
    user = UserFactory(office=office)
    a = AssignmentFactory(user=user, due_on=TODAY - timedelta(days=7))
    reminders_send(today=TODAY)
    assert keys(manager) == []
    reminders_send(today=TODAY + timedelta(days=1))
    reminders_send(today=TODAY + timedelta(days=2))
    assert keys(manager) == [f"escalated:{a.pk}"]
    assert keys(other_manager) == []
    n = Notification.objects.get(recipient=manager)
    assert n.kind == NotificationKind.OVERDUE


def test_completed_assignments_are_not_reminded(office):
    user = UserFactory(office=office)
    AssignmentFactory(user=user, due_on=TODAY - timedelta(days=3), status="completed")
    reminders_send(today=TODAY)
    assert keys(user) == []


def test_reminders_are_set_based(office, django_assert_max_num_queries, manager):
    users = [UserFactory(office=office) for _ in range(5)]
    for u in users:
        for d in (-10, -1, 1, 5):
            AssignmentFactory(user=u, due_on=TODAY + timedelta(days=d))
    with django_assert_max_num_queries(25):
        counts = reminders_send(today=TODAY)
    assert counts["overdue"] == 10 and counts["escalated"] == 5
