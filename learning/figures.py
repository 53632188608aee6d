"""The learning app's monthly figures for the office's steering page (portal.figures_refresh).

Each takes the month's first day, the next month's first day and now, and gives rows
(region id, office id, figure, part, count, total) for every office at once, grouped in SQL.
People count for the office they belong to now.

- Mandatory modules finished by their due date (MANDATORY_ON_TIME): mandatory assignments
  (`Assignment.mandatory`) due in the month, withdrawn ones (cancelled) left out. Count:
  completed no later than the due day (Norwegian time). Total: those whose outcome is known,
  that is whose due day has passed, or which are already completed on time. In past months
  that is all of them; in the current month one still open and not yet due is not counted
  either way.
- Learning time used of the time reserved (LEARNING_MINUTES): count the minutes used, total
  the minutes reserved, exactly as the person's time table counts them
  (learning.services.timeuse: reserved in the month the reserved time starts, else the due
  month, withdrawn ones left out; used, the estimated minutes of the modules finished in the
  month). Two grouped queries, joined here by office.
"""

from datetime import date, datetime

from django.db.models import Count, F, Q
from django.utils import timezone

from learning.models import Assignment, AssignmentStatus
from learning.services.timeuse import reserved_minutes, used_minutes
from portal.models import Figure

_BY_OFFICE = ("user__office__region_id", "user__office_id")


def mandatory_on_time(first_day: date, next_first: date, now: datetime):
    on_time = Q(status=AssignmentStatus.COMPLETED, completed_at__date__lte=F("due_on"))
    known = Q(due_on__lt=timezone.localdate(now)) | on_time
    found = (
        Assignment.objects.filter(
            known,
            mandatory=True,
            due_on__gte=first_day,
            due_on__lt=next_first,
            user__office__isnull=False,
        )
        .exclude(status=AssignmentStatus.CANCELLED)
        .values_list(*_BY_OFFICE)
        .annotate(count=Count("pk", filter=on_time), total=Count("pk"))
        .order_by()
    )
    return [
        (region, office, Figure.MANDATORY_ON_TIME, "", count, total)
        for region, office, count, total in found
    ]


def learning_minutes(first_day: date, next_first: date, now: datetime):
    in_an_office = Q(user__office__isnull=False)
    minutes: dict[tuple[int, int], list[int]] = {}
    for region, office, _month, reserved in reserved_minutes(
        in_an_office, first_day, first_day, by=_BY_OFFICE
    ):
        minutes.setdefault((region, office), [0, 0])[1] = reserved or 0
    for region, office, _month, used in used_minutes(
        in_an_office, first_day, first_day, by=_BY_OFFICE
    ):
        minutes.setdefault((region, office), [0, 0])[0] = used or 0
    return [
        (region, office, Figure.LEARNING_MINUTES, "", used, reserved)
        for (region, office), (used, reserved) in minutes.items()
        if used or reserved
    ]


FIGURES = (mandatory_on_time, learning_minutes)
