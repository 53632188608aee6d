"""Computing the office's monthly figures into MonthFigure (issue #17: figures for steering).

Each app declares its figures in `<app>/figures.py` as `FIGURES`, functions of
`(first_day, next_month_first_day, now)` returning rows `(region_id, office_id, figure, part,
count, total)` for every office at once (office None: the region's own share). The refresh
runs them for a range of months and replaces those months' rows in one transaction, so the
figures page never sees a month half-written, and running it twice gives the same rows.
Beat runs it nightly for the last twelve months and hourly for the current one
(portal/beat.py).
"""

from collections.abc import Iterable
from datetime import date, datetime

from django.db import connection, transaction
from django.utils import timezone

from portal.models import MonthFigure
from portal.registry import declared
from portal.sql import named_rows

# Both the nightly and the hourly run replace the current month: one at a time.
_LOCK = 170_004

Row = tuple[int, int | None, str, str, int, int]


def month_start(day: date, back: int = 0) -> date:
    """The first day of the month `back` months before `day`'s."""
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def sql_rows(figure: str, sql: str, params: dict) -> list[Row]:
    """The rows of one figure's SQL, read by column name: `region_id`, `office_id`, `count`,
    `total` and, for a figure with parts, `part` (table names from the models' _meta, values
    as parameters)."""
    return [
        (
            row["region_id"],
            row["office_id"],
            figure,
            row.get("part", ""),
            row["count"],
            row["total"],
        )
        for row in named_rows(sql, params)
    ]


def month_rows(first_day: date, now: datetime) -> Iterable[Row]:
    """Every declared figure of the month starting `first_day`."""
    next_first = month_start(first_day, back=-1)
    for figures in declared("figures", "FIGURES"):
        for compute in figures:
            yield from compute(first_day, next_first, now)


def figures_refresh(*, months_back: int = 0, now: datetime | None = None) -> int:
    """Recompute the current month and the `months_back` months before it; the number of
    rows written."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    months = [month_start(today, back) for back in range(months_back, -1, -1)]
    rows = [
        MonthFigure(
            region_id=region_id,
            office_id=office_id,
            month=month,
            figure=figure,
            part=part,
            count=count,
            total=total,
            computed_at=now,
        )
        for month in months
        for region_id, office_id, figure, part, count, total in month_rows(month, now)
    ]
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK])
        MonthFigure.objects.filter(month__in=months).delete()
        MonthFigure.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
