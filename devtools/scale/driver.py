"""The national data set behind `make bench`: all of NAV, three years in (`manage.py seed_scale`).

`build` hands a `ScaleContext` to the builders in turn: the portal's offices and staff, then each
app's module beside this one (`APPS`), whose `build(ctx)` writes that app's rows, then the
portal's notifications, feedback, the typo word list and ANALYZE. Rows go in through COPY
(`portal.copying.copy_rows`) from generators, with the ids chosen here, so nothing holds a
million objects and the same seed gives the same data.

`factor` shrinks every count (the test suite runs the whole thing at 1/2000 of the size).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.utils import timezone
from psycopg import sql

from devtools.scale import employers, learning, marketinfo, portal
from devtools.scale.portal import FIRST_NAMES, LAST_NAMES, WORDS, StaffMember
from portal.copying import copy_rows
from portal.figures_refresh import figures_refresh
from portal.models import MonthFigure, Role, SearchEntry

# Each app's builder, in the order their rows depend on each other.
APPS = [learning, marketinfo, employers]


@dataclass
class ScaleContext:
    """What every app's builder needs: counts, randomness, time, the staff, and COPY."""

    seed: int
    factor: float
    now: datetime
    rng: random.Random = field(init=False)
    regions: list[int] = field(default_factory=list)
    # office id -> region id, and office id -> staff ids
    office_region: dict[int, int] = field(default_factory=dict)
    staff_by_office: dict[int, list[int]] = field(default_factory=dict)
    staff: list[StaffMember] = field(default_factory=list)
    by_role: dict[str, list[int]] = field(default_factory=dict)
    bench_office_id: int = 0
    bench_users: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    @property
    def today(self) -> date:
        return timezone.localdate(self.now)

    @property
    def offices(self) -> list[int]:
        return list(self.office_region)

    def n(self, full: int, minimum: int = 1) -> int:
        """A count from the issue's national figure, scaled by the factor."""
        return max(minimum, round(full * self.factor))

    def member(self, user_id: int) -> StaffMember:
        return self._members[user_id]

    def index_staff(self) -> None:
        self._members = {m.id: m for m in self.staff}
        self.by_role = {role: [] for role in Role.values}
        self.staff_by_office = {office: [] for office in self.office_region}
        for m in self.staff:
            self.staff_by_office[m.office_id].append(m.id)
            for role in m.roles:
                self.by_role[role].append(m.id)

    # --- randomness with Norwegian flavour -------------------------------------------------

    def words(self, count: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(count))

    def sentence(self, low: int = 6, high: int = 14) -> str:
        text = self.words(self.rng.randint(low, high))
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences: int = 4) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def person_name(self) -> tuple[str, str]:
        return self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)

    def moment_within(self, days: int, before: datetime | None = None) -> datetime:
        """A time up to `days` days before `before` (default: now)."""
        return (before or self.now) - timedelta(seconds=self.rng.randint(0, days * 86400))

    # --- writing ----------------------------------------------------------------------------

    def next_id(self, model: type[models.Model]) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                sql.SQL("SELECT COALESCE(MAX(id), 0) + 1 FROM {}").format(
                    sql.Identifier(model._meta.db_table)
                )
            )
            return cursor.fetchone()[0]

    def copy(
        self, model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence]
    ) -> int:
        """COPY rows (tuples in the order of `fields`, model field names) into the model's table.

        When `id` is among the fields, the id sequence is moved past the largest id afterwards.
        """
        written = copy_rows(model, fields, rows)
        if "id" in fields:
            table = model._meta.db_table
            self.execute(
                sql.SQL(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                    "GREATEST((SELECT MAX(id) FROM {}), 1))"
                ).format(sql.Identifier(table)),
                [table],
            )
        self.counts[model._meta.label] = self.counts.get(model._meta.label, 0) + written
        return written

    def execute(self, statement: str, params: Sequence | None = None) -> int:
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.rowcount

    def content_type_id(self, model: type[models.Model]) -> int:
        return ContentType.objects.get_for_model(model).pk

    def index_for_search(self, model: type[models.Model], select: str, params=()) -> int:
        """Fill SearchEntry set-based: `select` yields (object_id, kind, title, body, url,
        office_id, region_id) for the objects the portal search should find."""
        count = self.execute(
            f"""
            INSERT INTO {SearchEntry._meta.db_table}
                (content_type_id, object_id, kind, title, body, url, office_id, region_id,
                 updated_at)
            SELECT %s, s.object_id, s.kind, left(s.title, 300), s.body, s.url, s.office_id,
                   s.region_id, %s
            FROM ({select}) AS s (object_id, kind, title, body, url, office_id, region_id)
            """,  # noqa: S608 - table names are ours; values are parameters
            [self.content_type_id(model), self.now, *params],
        )
        self.counts["search entries"] = self.counts.get("search entries", 0) + count
        return count


def build_figures(ctx: ScaleContext) -> None:
    ctx.counts[MonthFigure._meta.label] = figures_refresh(months_back=12, now=ctx.now)


def build(seed: int = 1, factor: float = 1.0, log=print) -> ScaleContext:
    """Build the whole data set into an empty database, inside the caller's transaction."""
    ctx = ScaleContext(seed=seed, factor=factor, now=timezone.now().replace(microsecond=0))
    started = timezone.now()

    def step(name, function, *args):
        begun = timezone.now()
        result = function(*args)
        log(f"{name}: {(timezone.now() - begun).total_seconds():.1f} s")
        return result

    step("kontorer og ansatte", portal.build_offices_and_staff, ctx)
    feedback_targets = []
    for app in APPS:
        feedback_targets.extend(step(app.__name__, app.build, ctx) or [])
    step(
        "varsler og tilbakemeldinger",
        portal.build_notifications_and_feedback,
        ctx,
        feedback_targets,
    )
    step("tidligere sammendrag sendt", portal.mark_past_digests_sent, ctx)
    step("ordliste for søk", portal.build_search_words, ctx)
    step("ANALYZE", ctx.execute, "ANALYZE")
    # As the nightly job leaves them, so the figures page has its year of rows to show.
    step("nøkkeltall", build_figures, ctx)
    log(f"i alt: {(timezone.now() - started).total_seconds():.1f} s")
    return ctx
