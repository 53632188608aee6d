"""Writes of a person's progress: completing a module, field practice and group sessions."""

import calendar
from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.models import (
    Assignment,
    AssignmentStatus,
    GroupSession,
    Module,
    Progress,
    ProgressStatus,
)
from portal.models import NotificationKind, User
from portal.services import NotificationDraft, notifications_create


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def progress_update(*, user: User, module: Module, percent: int) -> Progress:
    """Record how far the person has come (never backwards, never completing by itself)."""
    percent = max(0, min(int(percent), 99 if module.questions.exists() else 100))
    with transaction.atomic():
        progress, _created = Progress.objects.select_for_update().get_or_create(
            user=user, module=module
        )
        if progress.is_completed:
            return progress
        progress.percent = max(progress.percent, percent)
        progress.updated_at = timezone.now()
        progress.save(update_fields=["percent", "updated_at"])
    if progress.percent >= 100 and not module.is_field_practice:
        return module_complete(user=user, module=module)
    return progress


def module_complete(*, user: User, module: Module, now: datetime | None = None) -> Progress:
    """Complete the module for the person and close their open assignments for it."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    expires = add_months(today, module.renewal_months) if module.renewal_months else None
    with transaction.atomic():
        progress, _created = Progress.objects.update_or_create(
            user=user,
            module=module,
            defaults={
                "status": ProgressStatus.COMPLETED,
                "percent": 100,
                "completed_at": now,
                "completed_version": module.version,
                "expires_on": expires,
                "updated_at": now,
            },
        )
        Assignment.objects.filter(user=user, module=module, status=AssignmentStatus.OPEN).update(
            status=AssignmentStatus.COMPLETED, completed_at=now
        )
    return progress


def practice_request(*, user: User, module: Module, confirmer: User) -> Progress:
    """Field practice: ask the colleague who took part to confirm."""
    with transaction.atomic():
        progress, _created = Progress.objects.get_or_create(user=user, module=module)
        if progress.is_completed:
            return progress
        progress.status = ProgressStatus.AWAITING
        progress.confirmer = confirmer
        progress.updated_at = timezone.now()
        progress.save(update_fields=["status", "confirmer", "updated_at"])
        notifications_create(
            drafts=[
                NotificationDraft(
                    recipient_id=confirmer.pk,
                    kind=NotificationKind.ASSIGNMENT_GIVEN,
                    title=_("%(name)s asks you to confirm field practice: %(module)s")
                    % {"name": user, "module": module.title},
                    dedup_key=f"practice:{progress.pk}:{confirmer.pk}",
                    url=reverse("learning:confirmations"),
                )
            ]
        )
    return progress


def practice_confirm(*, progress: Progress, by: User) -> Progress:
    with transaction.atomic():
        Progress.objects.filter(pk=progress.pk).update(confirmed_at=timezone.now())
        return module_complete(user=progress.user, module=progress.module)


def group_session_record(
    *,
    facilitator: User,
    module: Module,
    attendees: Iterable[User],
    held_on: date,
    notes: str = "",
) -> GroupSession:
    """One step: the session is kept and every attendee's module is completed."""
    attendees = list(attendees)
    now = timezone.now()
    expires = add_months(held_on, module.renewal_months) if module.renewal_months else None
    with transaction.atomic():
        session = GroupSession.objects.create(
            module=module,
            facilitator=facilitator,
            office=facilitator.office,
            held_on=held_on,
            notes=notes,
        )
        session.attendees.set(attendees)
        ids = [a.pk for a in attendees]
        Progress.objects.bulk_create(
            [Progress(user_id=pk, module=module) for pk in ids], ignore_conflicts=True
        )
        Progress.objects.filter(module=module, user_id__in=ids).update(
            status=ProgressStatus.COMPLETED,
            percent=100,
            completed_at=now,
            completed_version=module.version,
            expires_on=expires,
            updated_at=now,
        )
        Assignment.objects.filter(
            module=module, user_id__in=ids, status=AssignmentStatus.OPEN
        ).update(status=AssignmentStatus.COMPLETED, completed_at=now)
    return session
