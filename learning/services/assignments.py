"""Giving assignments, a manager's reminder, a new due date, a new reserved time, withdrawing,
and the calendar invitations that follow the reserved time."""

from collections.abc import Iterable
from datetime import date, datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from learning import calendar
from learning.models import Assignment, AssignmentSource, AssignmentStatus, LearningPath, Module
from learning.services.reminders import REMINDERS
from learning.services.slot import slot_plan_new
from portal.audit import audit_record
from portal.dates import long_date
from portal.models import EmailChoice, Notification, NotificationKind, User
from portal.outbox import enqueue
from portal.services import NotificationDraft, notifications_create


def assignment_create(
    *,
    assigned_by: User | None,
    users: Iterable[User],
    due_on: date,
    module: Module | None = None,
    path: LearningPath | None = None,
    mandatory: bool = True,
    reserved_minutes: int = 0,
    reserved_start: datetime | None = None,
    reserved_end: datetime | None = None,
    source: str = AssignmentSource.MANAGER,
    notify: bool = True,
) -> list[Assignment]:
    """Give a module (or each module of a path) to people; skip what they already have open."""
    modules = [module] if module else [step.module for step in path.steps.select_related("module")]
    users = list(users)
    user_ids = [u.pk for u in users]
    with transaction.atomic():
        already = set(
            Assignment.objects.open()
            .filter(user_id__in=user_ids, module__in=modules)
            .values_list("user_id", "module_id")
        )
        new = [
            Assignment(
                user_id=user_id,
                module=m,
                path=path,
                assigned_by=assigned_by,
                due_on=due_on,
                mandatory=mandatory,
                reserved_minutes=reserved_minutes or m.minutes,
                reserved_start=reserved_start,
                reserved_end=reserved_end,
                source=source,
            )
            for user_id in user_ids
            for m in modules
            if (user_id, m.pk) not in already
        ]
        slot_plan_new(new, users)
        created = Assignment.objects.bulk_create(new)
        for a in created:
            audit_record(
                actor=assigned_by,
                action="assignment.created",
                target=a,
                after={
                    "user_id": a.user_id,
                    "module_id": a.module_id,
                    "path_id": path.pk if path else None,
                    "due_on": a.due_on,
                    "reserved_minutes": a.reserved_minutes,
                },
            )
        if notify:
            languages = {u.pk: u.language for u in users}
            drafts = []
            for a in created:
                with override(languages.get(a.user_id, "nb")):
                    drafts.append(
                        _notice_to_assignee(
                            a,
                            _("New: %(module)s, due %(due)s (%(minutes)s min)"),
                            {"due": long_date(a.due_on), "minutes": a.reserved_minutes},
                            dedup_key=f"assignment:{a.pk}",
                            mailed_by_app=a.reserved_start is not None,
                        )
                    )
            notifications_create(drafts=drafts)
            _invite(created)
    return created


def _notice_to_assignee(
    assignment: Assignment,
    title: str,
    values: dict,
    *,
    dedup_key: str,
    kind: str = NotificationKind.ASSIGNMENT_GIVEN,
    mailed_by_app: bool = False,
) -> NotificationDraft:
    """News to the person about their assignment: the title names the module, and the notice
    links to it. The caller translates the title in the person's language."""
    return NotificationDraft(
        recipient_id=assignment.user_id,
        kind=kind,
        title=title % {"module": assignment.module.title, **values},
        dedup_key=dedup_key,
        url=assignment.module.get_absolute_url(),
        mailed_by_app=mailed_by_app,
    )


def _invite(assignments: Iterable[Assignment]) -> None:
    """Mail the calendar invitation of each assignment with reserved time, after the commit."""
    from learning.tasks import send_calendar_invitation

    for a in assignments:
        if a.reserved_start:
            enqueue(send_calendar_invitation, a.pk)


def calendar_invitation_send(*, assignment_id: int) -> bool:
    """Mail the person the event of their reserved time as it now stands: a REQUEST while the
    assignment is open, a CANCEL once withdrawn. Safe to run twice (the same SEQUENCE, which
    calendars take as the same version). Not for those who turned off mail about assignments."""
    a = (
        Assignment.objects.select_related("user", "module")
        .filter(pk=assignment_id, reserved_start__isnull=False)
        .exclude(status=AssignmentStatus.COMPLETED)
        .first()
    )
    user = a and a.user
    if not user or not user.email or not user.is_active:
        return False
    if user.email_choice(NotificationKind.ASSIGNMENT_GIVEN) == EmailChoice.OFF:
        return False
    with override(user.language or settings.LANGUAGE_CODE):
        ics = calendar.invitation(a)
        method = "CANCEL" if a.status == AssignmentStatus.CANCELLED else "REQUEST"
        context = {"assignment": a, "cancel": method == "CANCEL", "site_url": settings.SITE_URL}
        subject = render_to_string("learning/email/invitation_subject.txt", context).strip()
        body = render_to_string("learning/email/invitation.txt", context)
    message = EmailMultiAlternatives(subject=subject, body=body, to=[user.email])
    # Outlook reads the alternative part; other readers look for the attached file.
    message.attach_alternative(ics, f"text/calendar; method={method}; charset=UTF-8")
    message.attach("invitation.ics", ics, "application/ics")
    message.send()
    return True


def reminded_today_key(assignment_id: int, today: date) -> str:
    return f"reminded:{assignment_id}:{today.isoformat()}"


def assignment_remind(*, assignment: Assignment, by: User, today: date | None = None) -> bool:
    """A manager's reminder to the person, at most one per assignment a day (a second click
    the same day sends nothing). False when today's reminder was already sent."""
    today = today or timezone.localdate()
    key = reminded_today_key(assignment.pk, today)
    if Notification.objects.filter(recipient_id=assignment.user_id, dedup_key=key).exists():
        return False
    with transaction.atomic(), override(assignment.user.language):
        values = {"name": by.get_full_name() or by.username, "due": long_date(assignment.due_on)}
        overdue = assignment.due_on < today
        notifications_create(
            drafts=[
                _notice_to_assignee(
                    assignment,
                    _("Reminder from %(name)s: %(module)s was due %(due)s")
                    if overdue
                    else _("Reminder from %(name)s: %(module)s is due %(due)s"),
                    values,
                    dedup_key=key,
                    kind=NotificationKind.OVERDUE if overdue else NotificationKind.DUE_SOON,
                )
            ]
        )
        audit_record(actor=by, action="assignment.reminded", target=assignment)
    return True


def assignment_reschedule(*, assignment: Assignment, by: User, due_on: date) -> Assignment:
    """Move the deadline; the audit trail keeps the old one. The automatic reminders start
    over for the new date: each is sent once per key, so the keys of those already sent get
    a suffix (the person's notifications stay as they were)."""
    before = assignment.due_on
    if due_on == before:
        return assignment
    automatic = [f"{prefix}{assignment.pk}" for prefix in (*REMINDERS, "escalated:")]
    with transaction.atomic():
        # The invitation says the due date, so its event changes with it.
        Assignment.objects.filter(pk=assignment.pk).update(
            due_on=due_on, calendar_sequence=F("calendar_sequence") + 1
        )
        Notification.objects.filter(dedup_key__in=automatic).update(
            # The moment keeps keys apart when a deadline returns to an earlier date.
            dedup_key=Concat(F("dedup_key"), Value(f"@{timezone.now().isoformat()}"))
        )
        audit_record(
            actor=by,
            action="assignment.rescheduled",
            target=assignment,
            before={"due_on": before},
            after={"due_on": due_on},
        )
        with override(assignment.user.language):
            notifications_create(
                drafts=[
                    _notice_to_assignee(
                        assignment,
                        _("New due date for %(module)s: %(due)s"),
                        {"due": long_date(due_on)},
                        dedup_key=f"rescheduled:{assignment.pk}:{due_on.isoformat()}",
                    )
                ]
            )
        _invite([assignment])
    assignment.due_on = due_on
    return assignment


def assignment_reserve(
    *, assignment: Assignment, by: User, start: datetime, end: datetime
) -> Assignment:
    """A new reserved time (a first one, or a move); the person's calendar moves the event, as
    the invitation's SEQUENCE goes up. The audit trail keeps the old time."""
    before = {"reserved_start": assignment.reserved_start, "reserved_end": assignment.reserved_end}
    after = {
        "reserved_start": start,
        "reserved_end": end,
        "reserved_minutes": (end - start).seconds // 60,
    }
    with transaction.atomic():
        Assignment.objects.filter(pk=assignment.pk).update(
            **after, calendar_sequence=F("calendar_sequence") + 1
        )
        audit_record(
            actor=by,
            action="assignment.time_changed",
            target=assignment,
            before=before,
            after=after,
        )
        _invite([assignment])
    for name, value in after.items():
        setattr(assignment, name, value)
    return assignment


def assignment_withdraw(*, assignment: Assignment, by: User) -> None:
    """Take an open assignment back; the person's calendar loses its reserved time."""
    with transaction.atomic():
        withdrawn = Assignment.objects.filter(
            pk=assignment.pk, status=AssignmentStatus.OPEN
        ).update(status=AssignmentStatus.CANCELLED, calendar_sequence=F("calendar_sequence") + 1)
        if not withdrawn:
            return
        audit_record(actor=by, action="assignment.withdrawn", target=assignment)
        _invite([assignment])
    assignment.status = AssignmentStatus.CANCELLED
