"""The matrix tells five states apart by a mark and words, not by colour alone, and sorts by
overdue."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.matrix import NOT_ASSIGNED, NOT_STARTED, build_matrix
from learning.models import Progress, ProgressStatus
from portal.models import Role
from tests.factories import OfficeFactory, UserFactory
from tests.learning.factories import AssignmentFactory, ModuleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return OfficeFactory(name="NAV Testby", slug="testby")


def states(matrix):
    return {row.person.first_name: [c.state for c in row.cells] for row in matrix.rows}


def test_not_assigned_and_assigned_not_started_differ(office):
    today = timezone.localdate()
    anna = UserFactory(office=office, first_name="Anna")
    UserFactory(office=office, first_name="Bo")
    module = ModuleFactory()
    AssignmentFactory(user=anna, module=module, due_on=today + timedelta(days=3))
    # Bo has the module in the office's columns only through Anna's assignment.
    assert states(build_matrix(office, today=today)) == {
        "Anna": [NOT_STARTED],
        "Bo": [NOT_ASSIGNED],
    }
    by_area = states(build_matrix(office, today=today, by="areas"))
    assert by_area["Anna"] == [NOT_STARTED] and by_area["Bo"] == [NOT_ASSIGNED]


def test_each_state_has_its_own_mark_and_words_and_a_legend(client, office):
    today = timezone.localdate()
    manager = UserFactory(office=office, roles=[Role.MANAGER], first_name="Leder")
    people = [UserFactory(office=office, first_name=n) for n in ("A", "B", "C", "D")]
    modules = [ModuleFactory(title=f"M{i}") for i in range(4)]
    AssignmentFactory(user=people[0], module=modules[0], due_on=today - timedelta(days=2))
    AssignmentFactory(user=people[1], module=modules[1], due_on=today + timedelta(days=2))
    AssignmentFactory(user=people[2], module=modules[2])
    Progress.objects.create(user=people[2], module=modules[2], status=ProgressStatus.IN_PROGRESS)
    AssignmentFactory(user=people[3], module=modules[3])
    Progress.objects.create(user=people[3], module=modules[3], status=ProgressStatus.COMPLETED)
    client.force_login(manager)

    html = client.get(reverse("learning:matrix", args=[office.slug])).content.decode()

    cells = {
        "overdue": ("!", "Forfalt"),
        "not_started": ("○", "Tildelt, ikke startet"),
        "in_progress": ("◐", "Under arbeid"),
        "completed": ("✓", "Fullført"),
        "not_assigned": ("–", "Ikke tildelt"),
    }
    for state, (mark, words) in cells.items():
        cell = html[html.index(f'data-state="{state}"') :].split("</td>")[0]
        assert mark in cell and words in cell, state
    legend = html[html.index('class="learning-legend"') :].split("</ul>")[0]
    for mark, words in cells.values():
        assert mark in legend and words in legend


def test_sorted_by_overdue_puts_the_most_overdue_first(client, office):
    today = timezone.localdate()
    manager = UserFactory(office=office, roles=[Role.MANAGER], first_name="Leder", last_name="Z")
    anna, bo, cecilie = (UserFactory(office=office, first_name=n) for n in ("Anna", "Bo", "Cilje"))
    late = today - timedelta(days=1)
    for m in (ModuleFactory(), ModuleFactory()):
        AssignmentFactory(user=cecilie, module=m, due_on=late)
    AssignmentFactory(user=bo, due_on=late)
    AssignmentFactory(user=anna)

    rows = build_matrix(office, today=today, sort="overdue").rows
    assert [r.person for r in rows][:2] == [cecilie, bo]
    assert build_matrix(office, today=today).rows[0].person == anna
    client.force_login(manager)
    html = client.get(reverse("learning:matrix", args=[office.slug]) + "?sort=overdue").text
    assert html.index(">Cilje ") < html.index(">Bo ") < html.index(">Anna ")
    assert '<option value="overdue" selected>' in html
