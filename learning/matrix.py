"""The office's competence matrix: people × modules (or areas), a status in each cell.

Built from three queries whatever the office's size: people, modules, and progress with open
assignments in one. People are sorted in SQL, where the ICU nb-NO collation puts Æ Ø Å after Z.
The table's rows are written by portal.fastrender.matrix_rows (a template loop over a 60-person
office's 1,500 cells is too slow for the page's budget).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    DateField,
    Exists,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from learning.models import (
    Assignment,
    AssignmentStatus,
    CompetenceArea,
    Module,
    OfficeNeed,
    Progress,
    ProgressStatus,
)
from portal.fastrender import matrix_rows
from portal.models import Office, User

COMPLETED, IN_PROGRESS, OVERDUE = "completed", "in_progress", "overdue"
NOT_STARTED, NOT_ASSIGNED = "not_started", "not_assigned"
CELL_LABELS = {
    OVERDUE: _("Overdue"),
    NOT_STARTED: _("Assigned, not started"),
    IN_PROGRESS: _("In progress"),
    COMPLETED: _("Completed"),
    NOT_ASSIGNED: _("Not assigned"),
}
CELL_COLORS = {
    COMPLETED: "success",
    IN_PROGRESS: "info",
    OVERDUE: "danger",
    NOT_STARTED: "warning",
    NOT_ASSIGNED: "neutral",
}
# Each state has a mark of its own besides its colour, for those who do not see the colours.
CELL_MARKS = {COMPLETED: "✓", IN_PROGRESS: "◐", OVERDUE: "!", NOT_STARTED: "○", NOT_ASSIGNED: "–"}


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

    @property
    def mark(self) -> str:
        return CELL_MARKS[self.state]


def legend() -> list[Cell]:
    return [Cell(state) for state in CELL_LABELS]


# A national office can work with hundreds of modules: the page shows them a page at a time.
COLUMNS_PER_PAGE = 25


@dataclass
class MatrixRow:
    person: User
    cells: list[Cell] = field(default_factory=list)


@dataclass
class Matrix:
    columns: list  # modules or areas
    rows: list[MatrixRow]
    by: str
    page: Page | None = None  # the page of module columns, when the view pages them
    teams: list[str] = field(default_factory=list)  # every team in the office, for the filter

    @property
    def rows_html(self) -> SafeString:
        return matrix_rows(self.rows)


def norwegian_key(text: str) -> tuple:
    """Sort key for Python-side sorting: æ, ø, å after z, as Norwegian sorts."""
    order = {"æ": "{", "ø": "|", "å": "}"}
    return tuple("".join(order.get(ch, ch) for ch in text.lower()))


def office_people(office: Office):
    """Everyone active in the office; the filters apply in Python (see build_matrix)."""
    people = User.objects.in_office(office).order_by("first_name", "last_name", "pk")
    return people.only("pk", "first_name", "last_name", "username", "team", "roles", "office_id")


@dataclass(frozen=True)
class ModuleColumn:
    """A module as the matrix shows it: a 60-person office works with a hundred modules, and
    model instances cost ≈ 30 µs each here."""

    pk: int
    title: str
    slug: str
    area_id: int

    def __str__(self) -> str:
        return self.title


@dataclass(frozen=True)
class AreaColumn:
    pk: int
    name: str

    def __str__(self) -> str:
        return self.name


def office_modules(
    office: Office, *, area: CompetenceArea | None = None
) -> tuple[list[ModuleColumn], list[AreaColumn]]:
    """The modules the office works with (those assigned to anyone in it), and their areas,
    both in the areas' order."""
    assigned = Assignment.objects.filter(module=OuterRef("pk"), user__office=office)
    modules = Module.objects.filter(Exists(assigned))
    if area is not None:
        modules = modules.filter(area=area)
    columns, areas = [], {}
    for pk, title, slug, area_id, area_name in modules.order_by("area__order", "title").values_list(
        "pk", "title", "slug", "area_id", "area__name"
    ):
        columns.append(ModuleColumn(pk, title, slug, area_id))
        if area_id not in areas:
            areas[area_id] = AreaColumn(area_id, area_name)
    return columns, list(areas.values())


def _in_array(table: str, column: str, values: list[int]) -> RawSQL:
    """`column = ANY(array)`, one parameter for the list: as `__in`, each of the 60 people and
    100 modules was a parameter costing ≈ 10 µs to prepare, twice per page."""
    # Our own names; the values are a parameter. Cast: a smallint array would make PostgreSQL
    # compare across types and read the index 4 × slower.
    sql = f'"{table}"."{column}" = ANY(%s::bigint[])'
    return RawSQL(sql, ([int(v) for v in values],), BooleanField())  # noqa: S611


def build_matrix(
    office: Office,
    *,
    today: date,
    team: str = "",
    role: str = "",
    area: CompetenceArea | None = None,
    by: str = "modules",
    page: int | str | None = None,
    sort: str = "",
) -> Matrix:
    """With `page` (modules view only), the columns are that page of COLUMNS_PER_PAGE modules.
    With `sort="overdue"`, the people with the most overdue cells come first."""
    # The whole office is read once: its teams fill the filter, saving a query of their own.
    everyone = list(office_people(office))
    teams = sorted({p.team for p in everyone if p.team}, key=norwegian_key)
    people = [
        p
        for p in everyone
        if (not team or p.team == team) and (not role or role in (p.roles or []))
    ]
    modules, areas = office_modules(office, area=area)
    column_page = None
    if by != "areas" and page is not None:
        column_page = Paginator(modules, COLUMNS_PER_PAGE).get_page(page)
        modules = list(column_page.object_list)
    ids, module_ids = [p.pk for p in people], [m.pk for m in modules]
    # Progress and open assignments in one round trip: a row has a status or a due date.
    progress_rows = (
        Progress.objects.filter(
            _in_array("learning_progress", "user_id", ids),
            _in_array("learning_progress", "module_id", module_ids),
        )
        .annotate(due=Value(None, output_field=DateField()))
        .values_list("user_id", "module_id", "status", "due")
        .order_by()
    )
    assignment_rows = (
        Assignment.objects.open()
        .filter(
            _in_array("learning_assignment", "user_id", ids),
            _in_array("learning_assignment", "module_id", module_ids),
        )
        .annotate(no_status=Value(None, output_field=CharField()))
        .values_list("user_id", "module_id", "no_status", "due_on")
        .order_by()
    )
    progress, assigned = {}, {}
    if ids and module_ids:
        for user_id, module_id, status, due in progress_rows.union(assignment_rows, all=True):
            if status is not None:
                progress[user_id, module_id] = status
            else:
                assigned[user_id, module_id] = due

    def state(key: tuple[int, int]) -> str:
        status = progress.get(key)
        if status == ProgressStatus.COMPLETED:
            return COMPLETED
        due = assigned.get(key)
        if due is not None and due < today:
            return OVERDUE
        if status in (ProgressStatus.IN_PROGRESS, ProgressStatus.AWAITING):
            return IN_PROGRESS
        return NOT_STARTED if due is not None else NOT_ASSIGNED

    rows = []
    if by == "areas":
        # Summed from the rows there are (a few thousand) rather than asking each of the
        # people × modules cells (6,000 in a big office) for its state.
        area_of = {m.pk: m.area_id for m in modules}
        size = Counter(area_of.values())
        done, busy, late, given = Counter(), set(), set(), set()
        for (user_id, module_id), status in progress.items():
            if status == ProgressStatus.COMPLETED:
                done[user_id, area_of[module_id]] += 1
            elif status in (ProgressStatus.IN_PROGRESS, ProgressStatus.AWAITING):
                busy.add((user_id, area_of[module_id]))
        for key, due in assigned.items():
            given.add((key[0], area_of[key[1]]))
            if due < today and progress.get(key) != ProgressStatus.COMPLETED:
                late.add((key[0], area_of[key[1]]))
        for person, person_id in zip(people, ids, strict=True):
            cells = []
            for a in areas:
                key, total = (person_id, a.pk), size[a.pk]
                if key in late:
                    summary = OVERDUE
                elif done[key] == total:
                    summary = COMPLETED
                elif done[key] or key in busy:
                    summary = IN_PROGRESS
                elif key in given:
                    summary = NOT_STARTED
                else:
                    summary = NOT_ASSIGNED
                cells.append(Cell(summary, f"{done[key]}/{total}"))
            rows.append(MatrixRow(person, cells))
        return Matrix(areas, _sorted(rows, sort), by, teams=teams)
    # A cell without detail is only its state: four shared cells serve the whole table.
    shared = {s: Cell(s) for s in CELL_LABELS}
    for person, person_id in zip(people, ids, strict=True):
        rows.append(
            MatrixRow(person, [shared[state((person_id, module_id))] for module_id in module_ids])
        )
    return Matrix(modules, _sorted(rows, sort), by, column_page, teams)


def _sorted(rows: list[MatrixRow], sort: str) -> list[MatrixRow]:
    """Most overdue first; the sort is stable, so ties keep the names' order."""
    if sort != "overdue":
        return rows
    return sorted(rows, key=lambda row: -sum(cell.state == OVERDUE for cell in row.cells))


def office_completion(office: Office, *, today: date) -> dict:
    """Per area: assignments in the office, how many are completed, the percentage, and the
    level the office needs; with the office's overdue assignments and the deadlines left this
    month. Two queries: the counts in one grouped query, and the areas."""
    month_end = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    active, still_open = Q(user__is_active=True), Q(status=AssignmentStatus.OPEN)
    counts = defaultdict(lambda: {"total": 0, "completed": 0})
    overdue = deadlines = 0
    for row in (
        Assignment.objects.filter(user__office=office)
        .exclude(status=AssignmentStatus.CANCELLED)
        .values("module__area_id")
        .annotate(
            total=Count("pk", filter=active),
            completed=Count("pk", filter=active & Q(status=AssignmentStatus.COMPLETED)),
            overdue=Count("pk", filter=still_open & Q(due_on__lt=today)),
            deadlines=Count("pk", filter=still_open & Q(due_on__gte=today, due_on__lt=month_end)),
        )
    ):
        counts[row["module__area_id"]] = row
        overdue += row["overdue"]
        deadlines += row["deadlines"]
    need = OfficeNeed.objects.filter(office=office, area=OuterRef("pk")).values("level")[:1]
    by_area = []
    for area in CompetenceArea.objects.annotate(need=Subquery(need)):
        row = counts[area.pk]
        percent = round(100 * row["completed"] / row["total"]) if row["total"] else 0
        by_area.append(
            {"area": area, "total": row["total"], "completed": row["completed"], "percent": percent}
        )
    return {"by_area": by_area, "overdue_count": overdue, "deadlines": deadlines}
