"""The office's competence matrix: people × modules (or areas), a status in each cell.

Built from four queries whatever the office's size: people, modules, progress, overdue
assignments. People are sorted in SQL, where the ICU nb-NO collation puts Æ Ø Å after Z.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from learning.models import Assignment, CompetenceArea, Module, Progress, ProgressStatus
from portal.models import Office, User

COMPLETED, IN_PROGRESS, OVERDUE, NOT_STARTED = "completed", "in_progress", "overdue", "not_started"
CELL_LABELS = {
    COMPLETED: _("Completed"),
    IN_PROGRESS: _("In progress"),
    OVERDUE: _("Overdue"),
    NOT_STARTED: _("Not started"),
}
CELL_COLORS = {COMPLETED: "success", IN_PROGRESS: "info", OVERDUE: "danger", NOT_STARTED: "neutral"}


@dataclass
class Cell:
    state: str
    detail: str = ""

    @property
    def label(self) -> str:
        return str(CELL_LABELS[self.state])

    @property
    def color(self) -> str:
        return CELL_COLORS[self.state]


@dataclass
class MatrixRow:
    person: User
    cells: list[Cell] = field(default_factory=list)


@dataclass
class Matrix:
    columns: list  # modules or areas
    rows: list[MatrixRow]
    by: str


def norwegian_key(text: str) -> tuple:
    """Sort key for Python-side sorting: æ, ø, å after z, as Norwegian sorts."""
    order = {"æ": "{", "ø": "|", "å": "}"}
    return tuple("".join(order.get(ch, ch) for ch in text.lower()))


def office_people(office: Office, *, team: str = "", role: str = ""):
    people = User.objects.in_office(office).order_by("first_name", "last_name", "pk")
    if team:
        people = people.filter(team=team)
    if role:
        people = people.with_role(role)
    return people.only("pk", "first_name", "last_name", "username", "team", "roles", "office_id")


def office_modules(office: Office, *, area: CompetenceArea | None = None):
    """The modules the office works with: those assigned to anyone in it."""
    assigned = Assignment.objects.filter(module=OuterRef("pk"), user__office=office)
    modules = Module.objects.filter(Exists(assigned)).select_related("area")
    if area is not None:
        modules = modules.filter(area=area)
    return modules.order_by("area__order", "title")


def build_matrix(
    office: Office,
    *,
    today: date,
    team: str = "",
    role: str = "",
    area: CompetenceArea | None = None,
    by: str = "modules",
) -> Matrix:
    people = list(office_people(office, team=team, role=role))
    modules = list(office_modules(office, area=area))
    ids, module_ids = [p.pk for p in people], [m.pk for m in modules]
    progress = {
        (u, m): s
        for u, m, s in Progress.objects.filter(user_id__in=ids, module_id__in=module_ids)
        .values_list("user_id", "module_id", "status")
        .iterator()
    }
    assigned = {
        (u, m): due
        for u, m, due in Assignment.objects.open()
        .filter(user_id__in=ids, module_id__in=module_ids)
        .values_list("user_id", "module_id", "due_on")
        .iterator()
    }

    def state(user_id: int, module_id: int) -> str:
        status = progress.get((user_id, module_id))
        if status == ProgressStatus.COMPLETED:
            return COMPLETED
        due = assigned.get((user_id, module_id))
        if due is not None and due < today:
            return OVERDUE
        if status in (ProgressStatus.IN_PROGRESS, ProgressStatus.AWAITING):
            return IN_PROGRESS
        return NOT_STARTED

    rows = []
    if by == "areas":
        areas = []
        for m in modules:
            if m.area not in areas:
                areas.append(m.area)
        for person in people:
            cells = []
            for a in areas:
                states = [state(person.pk, m.pk) for m in modules if m.area_id == a.pk]
                done = states.count(COMPLETED)
                if OVERDUE in states:
                    summary = OVERDUE
                elif done == len(states):
                    summary = COMPLETED
                elif done or IN_PROGRESS in states:
                    summary = IN_PROGRESS
                else:
                    summary = NOT_STARTED
                cells.append(Cell(summary, f"{done}/{len(states)}"))
            rows.append(MatrixRow(person, cells))
        return Matrix(areas, rows, by)
    for person in people:
        rows.append(MatrixRow(person, [Cell(state(person.pk, m.pk)) for m in modules]))
    return Matrix(modules, rows, by)


def completion_by_area(office: Office) -> list[dict]:
    """Per area: assignments in the office, how many are completed, and the percentage."""
    from django.db.models import Count, Q

    counts = defaultdict(lambda: {"total": 0, "completed": 0})
    for row in (
        Assignment.objects.filter(user__office=office, user__is_active=True)
        .exclude(status="cancelled")
        .values("module__area_id")
        .annotate(total=Count("pk"), completed=Count("pk", filter=Q(status="completed")))
    ):
        counts[row["module__area_id"]] = row
    result = []
    for area in CompetenceArea.objects.all():
        row = counts[area.pk]
        percent = round(100 * row["completed"] / row["total"]) if row["total"] else 0
        result.append(
            {"area": area, "total": row["total"], "completed": row["completed"], "percent": percent}
        )
    return result
