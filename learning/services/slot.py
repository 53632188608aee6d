"""The office's learning slot: setting it, and planning mandatory modules given without a time
of their own into it, in sequence, before their due date."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from learning.models import Assignment, OfficeLearningSlot, Progress, slot_generation
from portal import cache
from portal.audit import audit_record
from portal.models import User

SLOT_FIELDS = ("weekday", "start", "end", "active")


def _place(
    slot: OfficeLearningSlot, minutes: int, due_on: date, taken: list, now: datetime
) -> datetime | None:
    """The first free stretch of `minutes` in a coming occurrence up to the due day; when none
    is free, the start of the last occurrence (the time is still reserved, beside the other);
    None when the slot does not come round before the due day."""
    length = timedelta(minutes=minutes)
    last = None
    for start, end in slot.occurrences(after=now, until=due_on):
        last = cursor = start
        for busy_start, busy_end in sorted(taken):
            if busy_end <= cursor or busy_start >= end:
                continue
            if cursor + length <= busy_start:
                break
            cursor = busy_end
        if cursor + length <= end:
            return cursor
    return last


def _plan(slot: OfficeLearningSlot, assignments: list[Assignment]) -> list[Assignment]:
    """Give each assignment a time in the slot (those due first first), around what each person
    already has reserved; returns those that got one."""
    now = timezone.now()
    taken = defaultdict(list)
    rows = (
        Assignment.objects.open()
        .filter(
            user_id__in={a.user_id for a in assignments}, reserved_start__gt=now - timedelta(days=1)
        )
        .exclude(pk__in=[a.pk for a in assignments if a.pk])
        .values_list("user_id", "reserved_start", "reserved_end", "reserved_minutes")
    )
    for user_id, start, end, minutes in rows:
        taken[user_id].append((start, end or start + timedelta(minutes=minutes)))
    planned = []
    for a in sorted(assignments, key=lambda a: a.due_on):
        start = _place(slot, a.reserved_minutes, a.due_on, taken[a.user_id], now)
        if start is None:
            continue
        a.reserved_start, a.reserved_end = start, start + timedelta(minutes=a.reserved_minutes)
        a.planned_in_slot = True
        taken[a.user_id].append((a.reserved_start, a.reserved_end))
        planned.append(a)
    return planned


def slot_plan_new(assignments: Iterable[Assignment], users: Iterable[User]) -> None:
    """Plan the mandatory ones of these unsaved assignments without a time of their own into
    the learning slot of each person's office, if it has one."""
    offices = {u.pk: u.office_id for u in users}
    wanted = defaultdict(list)
    for a in assignments:
        if a.mandatory and a.reserved_start is None and offices.get(a.user_id):
            wanted[offices[a.user_id]].append(a)
    if not wanted:
        return
    for slot in OfficeLearningSlot.objects.filter(office_id__in=wanted, active=True):
        _plan(slot, wanted[slot.office_id])


def slot_save(*, slot: OfficeLearningSlot, by: User) -> int:
    """Save the slot as set or cleared (`active`); the audit trail keeps what it was. A changed
    slot moves the coming, unstarted modules planned in the old one, and each person's calendar
    gets the update. Clearing keeps the times already planned: they are in the calendars.
    Returns the number of assignments moved."""
    before = OfficeLearningSlot.objects.filter(pk=slot.pk).values(*SLOT_FIELDS).first()
    after = {name: getattr(slot, name) for name in SLOT_FIELDS}
    if before == after:
        return 0
    with transaction.atomic():
        slot.save()
        cache.bump(slot_generation(slot.office_id))
        audit_record(
            actor=by, action="learning.slot_changed", target=slot, before=before, after=after
        )
        if not slot.active:
            return 0
        now = timezone.now()
        started = Progress.objects.filter(user=OuterRef("user_id"), module=OuterRef("module_id"))
        coming = list(
            Assignment.objects.open()
            .filter(planned_in_slot=True, reserved_start__gt=now, user__office=slot.office_id)
            .exclude(Exists(started))
        )
        old = {a.pk: a.reserved_start for a in coming}
        for a in coming:
            a.reserved_start = None
        moved = [a for a in _plan(slot, coming) if a.reserved_start != old[a.pk]]
        for a in moved:
            Assignment.objects.filter(pk=a.pk).update(
                reserved_start=a.reserved_start,
                reserved_end=a.reserved_end,
                calendar_sequence=F("calendar_sequence") + 1,
            )
        # Imported here: the assignments' service plans new ones with this module.
        from learning.services.assignments import _invite

        _invite(moved)
    return len(moved)
