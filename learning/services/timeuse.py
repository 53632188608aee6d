"""Time for learning, per person and month: the time reserved for them and the minutes their
finished modules were worth. Reads only, each summed in SQL by month, so a person's table or an
office's overview costs two queries however many rows lie behind them.

A reserved time counts in the month it starts in; an assignment without a slot counts in the
month it is due. Withdrawn assignments do not count. A module counts as used in the month it was
finished, for its estimated minutes."""

from dataclasses import dataclass
from datetime import date

from django.db.models import DateField, F, Q, Sum
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format

from learning.models import Assignment, AssignmentStatus, Progress

# The table goes back a year from the current month.
MONTHS_BACK = 12


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


@dataclass
class MonthTime:
    month: date
    reserved: int = 0
    used: int = 0
    # Of the largest number in the table, for the bars (0–100).
    reserved_width: int = 0
    used_width: int = 0

    @property
    def label(self) -> str:
        return date_format(self.month, "YEAR_MONTH_FORMAT")

    @property
    def reserved_clock(self) -> str:
        return _clock(self.reserved)

    @property
    def used_clock(self) -> str:
        return _clock(self.used)


def months(today: date | None = None, back: int = MONTHS_BACK) -> list[date]:
    """The first day of the current month and of the `back` months before it, newest first."""
    today = today or timezone.localdate()
    index = today.year * 12 + today.month - 1
    return [date((index - n) // 12, (index - n) % 12 + 1, 1) for n in range(back + 1)]


def reserved_minutes(who: Q, first: date, last: date, by: tuple[str, ...] = ("user_id",)):
    """(*by, month, minutes reserved) for the months `first` to `last`: also the office's
    figures (learning/figures.py) count reserved time this way."""
    return (
        Assignment.objects.filter(who)
        .exclude(status=AssignmentStatus.CANCELLED)
        .annotate(
            month=TruncMonth(
                Coalesce(TruncDate("reserved_start"), F("due_on")), output_field=DateField()
            )
        )
        .filter(month__range=(first, last))
        .values_list(*by, "month")
        .annotate(minutes=Sum("reserved_minutes"))
        .order_by()
    )


def used_minutes(who: Q, first: date, last: date, by: tuple[str, ...] = ("user_id",)):
    """(*by, month, minutes of the modules finished) for the months `first` to `last`."""
    return (
        # Also a module finished then expired: the time went into it that month.
        Progress.objects.filter(who)
        .annotate(month=TruncMonth("completed_at", output_field=DateField()))
        .filter(month__range=(first, last))
        .values_list(*by, "month")
        .annotate(minutes=Sum("module__minutes"))
        .order_by()
    )


def _by_user_month(who: Q, first: date, last: date) -> dict[tuple[int, date], MonthTime]:
    reserved = reserved_minutes(who, first, last)
    used = used_minutes(who, first, last)
    found: dict[tuple[int, date], MonthTime] = {}
    for user_id, month, minutes in reserved:
        found.setdefault((user_id, month), MonthTime(month)).reserved = minutes
    for user_id, month, minutes in used:
        found.setdefault((user_id, month), MonthTime(month)).used = minutes
    return found


def person_months(person, today: date | None = None) -> list[MonthTime]:
    """The person's table: the current month and the twelve before it, newest first, each with
    its bars' widths against the table's largest number."""
    wanted = months(today)
    found = _by_user_month(Q(user=person), wanted[-1], wanted[0])
    rows = [found.get((person.pk, month), MonthTime(month)) for month in wanted]
    most = max((max(r.reserved, r.used) for r in rows), default=0) or 1
    for row in rows:
        row.reserved_width = round(100 * row.reserved / most)
        row.used_width = round(100 * row.used / most)
    return rows


def office_months(people, today: date | None = None) -> list[tuple[object, list[MonthTime]]]:
    """Each of `people` (an office's, in the order given) with this month and last month."""
    this, last = months(today, back=1)
    people = list(people)
    found = _by_user_month(Q(user__in=[p.pk for p in people]), last, this)
    return [
        (p, [found.get((p.pk, month), MonthTime(month)) for month in (this, last)]) for p in people
    ]
