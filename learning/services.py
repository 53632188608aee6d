"""Writes of the learning app that span models or have side effects (keyword-only, atomic)."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import CharField, Exists, F, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from learning.models import (
    Assignment,
    AssignmentSource,
    AssignmentStatus,
    GroupSession,
    LearningPath,
    Module,
    OfficeNeed,
    PathStep,
    Phase,
    Progress,
    ProgressStatus,
    Question,
    QuizAttempt,
    SelfAssessment,
    Share,
    ShareComment,
    ShareReport,
    Status,
)
from portal.audit import audit_record
from portal.dates import long_date
from portal.models import Notification, NotificationKind, Role, User
from portal.services import NotificationDraft, notifications_create

RENEWAL_NOTICE_DAYS = 30
ESCALATE_AFTER_DAYS = 7
# A person who started more than this long ago is not new: no Ny i NAV path.
ONBOARDING_WINDOW_DAYS = 180


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- progress and quizzes -------------------------------------------------------------------


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


@dataclass
class QuestionResult:
    question: Question
    selected: set[int]
    correct: bool
    feedback: list[str] = field(default_factory=list)


def quiz_score(
    questions: Iterable[Question], answers: Mapping[int, Iterable[int]]
) -> tuple[int, list[QuestionResult]]:
    """A question counts as right when exactly the correct choices are chosen."""
    results = []
    for question in questions:
        choices = list(question.choices.all())
        chosen = {int(c) for c in answers.get(question.pk, [])}
        right = {c.pk for c in choices if c.correct}
        results.append(
            QuestionResult(
                question=question,
                selected=chosen,
                correct=chosen == right,
                feedback=[c.feedback for c in choices if c.pk in chosen and c.feedback],
            )
        )
    if not results:
        return 0, results
    score = round(100 * sum(r.correct for r in results) / len(results))
    return score, results


class EmptyQuizSubmit(ValueError):
    """Nothing was chosen: not an attempt, so nothing is counted or kept."""


def quiz_submit(
    *, user: User, module: Module, answers: Mapping[int, Iterable[int]]
) -> tuple[QuizAttempt, list[QuestionResult], Progress]:
    """Score an attempt, keep the best score, complete the module on a pass."""
    answers = {k: list(v) for k, v in answers.items()}
    if not any(answers.values()):
        raise EmptyQuizSubmit
    questions = module.questions.prefetch_related("choices")
    score, results = quiz_score(questions, answers)
    passed = score >= module.pass_mark
    with transaction.atomic():
        attempt = QuizAttempt.objects.create(
            user=user,
            module=module,
            score=score,
            passed=passed,
            answers={str(k): sorted(int(c) for c in v) for k, v in answers.items()},
        )
        progress, _created = Progress.objects.select_for_update().get_or_create(
            user=user, module=module
        )
        progress.attempts += 1
        progress.best_score = max(progress.best_score or 0, score)
        progress.updated_at = timezone.now()
        progress.save(update_fields=["attempts", "best_score", "updated_at"])
        if passed and not module.is_field_practice:
            progress = module_complete(user=user, module=module)
            progress.refresh_from_db()
    return attempt, results, progress


def next_due_assignment(*, user: User, after: Module) -> Assignment | None:
    """What the person should do after finishing `after`: their open assignment due first."""
    return (
        Assignment.objects.for_user(user)
        .open()
        .exclude(module=after)
        .select_related("module")
        .only("due_on", "module__slug", "module__title", "module__minutes")
        .order_by("due_on", "pk")
        .first()
    )


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


# --- assignments ----------------------------------------------------------------------------


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
                        NotificationDraft(
                            recipient_id=a.user_id,
                            kind=NotificationKind.ASSIGNMENT_GIVEN,
                            title=_("New: %(module)s, due %(due)s (%(minutes)s min)")
                            % {
                                "module": a.module.title,
                                "due": long_date(a.due_on),
                                "minutes": a.reserved_minutes,
                            },
                            dedup_key=f"assignment:{a.pk}",
                            url=a.module.get_absolute_url(),
                        )
                    )
            notifications_create(drafts=drafts)
    return created


def _not_notified(prefix: str, recipient: str | None = "user_id") -> Exists:
    key = Concat(Value(prefix), Cast(OuterRef("pk"), output_field=CharField()))
    sent = Notification.objects.filter(dedup_key=key)
    if recipient:
        sent = sent.filter(recipient_id=OuterRef(recipient))
    return ~Exists(sent)


REMINDERS = {
    # prefix: (kind, title)
    "due-week:": NotificationKind.DUE_SOON,
    "due-day:": NotificationKind.DUE_SOON,
    "overdue:": NotificationKind.OVERDUE,
}


def _reminder_title(prefix: str, assignment: Assignment) -> str:
    values = {
        "module": assignment.module.title,
        "due": long_date(assignment.due_on),
        "minutes": assignment.reserved_minutes,
    }
    if prefix == "due-week:":
        return _("Due in a week: %(module)s (%(due)s, %(minutes)s min)") % values
    if prefix == "due-day:":
        return _("Due tomorrow: %(module)s (%(minutes)s min)") % values
    return _("Overdue: %(module)s was due %(due)s") % values


def reminders_send(*, today: date | None = None) -> dict[str, int]:
    """Reminders a week before, a day before and when overdue; escalation after a week overdue.

    One query per threshold selects the assignments that crossed it and have not been told;
    the unique (recipient, dedup_key) of notifications keeps each reminder to exactly once.
    """
    today = today or timezone.localdate()
    base = Assignment.objects.open().select_related("module", "user")
    thresholds = {
        "due-week:": base.filter(
            due_on__gt=today + timedelta(days=1), due_on__lte=today + timedelta(days=7)
        ),
        "due-day:": base.filter(due_on__gte=today, due_on__lte=today + timedelta(days=1)),
        "overdue:": base.filter(due_on__lt=today),
    }
    counts = {}
    for prefix, rows in thresholds.items():
        drafts = []
        for a in rows.filter(_not_notified(prefix)):
            with override(a.user.language):
                drafts.append(
                    NotificationDraft(
                        recipient_id=a.user_id,
                        kind=REMINDERS[prefix],
                        title=_reminder_title(prefix, a),
                        dedup_key=f"{prefix}{a.pk}",
                        url=a.module.get_absolute_url(),
                    )
                )
        counts[prefix.rstrip(":")] = notifications_create(drafts=drafts)
    counts["escalated"] = escalations_send(today=today)
    return counts


def escalations_send(*, today: date) -> int:
    """Tell the managers of the assignee's office when an assignment is over a week late."""
    late = list(
        Assignment.objects.open()
        .filter(due_on__lt=today - timedelta(days=ESCALATE_AFTER_DAYS))
        .filter(_not_notified("escalated:", recipient=None))
        .select_related("module", "user")
    )
    if not late:
        return 0
    managers = defaultdict(list)
    for manager in (
        User.objects.filter(office_id__in={a.user.office_id for a in late}, is_active=True)
        .with_role(Role.MANAGER)
        .only("pk", "office_id", "language")
    ):
        managers[manager.office_id].append(manager)
    drafts = []
    for a in late:
        for manager in managers[a.user.office_id]:
            with override(manager.language):
                drafts.append(
                    NotificationDraft(
                        recipient_id=manager.pk,
                        kind=NotificationKind.OVERDUE,
                        title=_("%(name)s is more than a week late with %(module)s")
                        % {"name": a.user, "module": a.module.title},
                        dedup_key=f"escalated:{a.pk}",
                        url=reverse("learning:person", args=[a.user_id]),
                    )
                )
    return notifications_create(drafts=drafts)


def reminded_today_key(assignment_id: int, today: date) -> str:
    return f"reminded:{assignment_id}:{today.isoformat()}"


def assignment_remind(*, assignment: Assignment, by: User, today: date | None = None) -> bool:
    """A manager's reminder to the person, at most one per assignment a day (a second click
    the same day sends nothing). False when today's reminder was already sent."""
    today = today or timezone.localdate()
    key = reminded_today_key(assignment.pk, today)
    if Notification.objects.filter(recipient_id=assignment.user_id, dedup_key=key).exists():
        return False
    values = {
        "name": by.get_full_name() or by.username,
        "module": assignment.module.title,
    }
    with transaction.atomic(), override(assignment.user.language):
        values["due"] = long_date(assignment.due_on)
        overdue = assignment.due_on < today
        notifications_create(
            drafts=[
                NotificationDraft(
                    recipient_id=assignment.user_id,
                    kind=NotificationKind.OVERDUE if overdue else NotificationKind.DUE_SOON,
                    title=(
                        _("Reminder from %(name)s: %(module)s was due %(due)s")
                        if overdue
                        else _("Reminder from %(name)s: %(module)s is due %(due)s")
                    )
                    % values,
                    dedup_key=key,
                    url=assignment.module.get_absolute_url(),
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
        Assignment.objects.filter(pk=assignment.pk).update(due_on=due_on)
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
                    NotificationDraft(
                        recipient_id=assignment.user_id,
                        kind=NotificationKind.ASSIGNMENT_GIVEN,
                        title=_("New due date for %(module)s: %(due)s")
                        % {
                            "module": assignment.module.title,
                            "due": long_date(due_on),
                        },
                        dedup_key=f"rescheduled:{assignment.pk}:{due_on.isoformat()}",
                        url=assignment.module.get_absolute_url(),
                    )
                ]
            )
    assignment.due_on = due_on
    return assignment


# --- automatic and recurring ----------------------------------------------------------------

ROLE_PRIORITY = [Role.MANAGER, Role.MARKET_CONTACT, Role.ADVISOR]


def onboarding_assign(*, user: User, today: date | None = None) -> list[Assignment]:
    """Give a new person the Ny i NAV path for their role, due counted from their start date."""
    today = today or timezone.localdate()
    start = user.start_date or today
    role = next((r for r in ROLE_PRIORITY if r in user.roles), None)
    if role is None or start < today - timedelta(days=ONBOARDING_WINDOW_DAYS):
        return []
    path = (
        LearningPath.objects.filter(phase__slug=Phase.NEW, role=role, status=Status.PUBLISHED)
        .order_by("region_id")  # a regional path before the national one
        .first()
    )
    if path is None:
        return []
    steps = list(path.steps.select_related("module").filter(module__status=Status.PUBLISHED))
    with transaction.atomic():
        already = set(
            Assignment.objects.filter(user=user, path=path).values_list("module_id", flat=True)
        )
        created = Assignment.objects.bulk_create(
            [
                Assignment(
                    user=user,
                    module=step.module,
                    path=path,
                    due_on=max(start, today) + timedelta(days=step.due_after_days),
                    mandatory=True,
                    reserved_minutes=step.module.minutes,
                    source=AssignmentSource.ONBOARDING,
                )
                for step in steps
                if step.module_id not in already
            ]
        )
        if created:
            with override(user.language):
                notifications_create(
                    drafts=[
                        NotificationDraft(
                            recipient_id=user.pk,
                            kind=NotificationKind.ASSIGNMENT_GIVEN,
                            title=_("Welcome to NAV: your path %(path)s is ready")
                            % {"path": path.title},
                            dedup_key=f"onboarding:{path.pk}",
                            url=path.get_absolute_url(),
                        )
                    ]
                )
    return created


def renewals_run(*, today: date | None = None) -> dict[str, int]:
    """Expire completions whose time has come; a month ahead, assign the module again."""
    today = today or timezone.localdate()
    expired = Progress.objects.filter(
        status=ProgressStatus.COMPLETED, expires_on__lte=today
    ).update(status=ProgressStatus.EXPIRED, updated_at=timezone.now())
    open_renewal = Assignment.objects.open().filter(
        user_id=OuterRef("user_id"), module_id=OuterRef("module_id")
    )
    due = list(
        Progress.objects.filter(
            status__in=[ProgressStatus.COMPLETED, ProgressStatus.EXPIRED],
            expires_on__lte=today + timedelta(days=RENEWAL_NOTICE_DAYS),
        )
        .filter(~Exists(open_renewal))
        .select_related("module", "user")
    )
    with transaction.atomic():
        created = Assignment.objects.bulk_create(
            [
                Assignment(
                    user_id=p.user_id,
                    module=p.module,
                    due_on=max(p.expires_on, today),
                    mandatory=True,
                    reserved_minutes=p.module.minutes,
                    source=AssignmentSource.RENEWAL,
                )
                for p in due
            ]
        )
        drafts = []
        for p in due:
            with override(p.user.language):
                drafts.append(
                    NotificationDraft(
                        recipient_id=p.user_id,
                        kind=NotificationKind.DUE_SOON,
                        title=_("Time to renew %(module)s: your completion expires %(day)s")
                        % {"module": p.module.title, "day": long_date(p.expires_on)},
                        dedup_key=f"renewal:{p.pk}:{p.expires_on:%Y%m%d}",
                        url=p.module.get_absolute_url(),
                    )
                )
        notifications_create(drafts=drafts)
    return {"expired": expired, "assigned": len(created)}


# --- self-assessment ------------------------------------------------------------------------


def self_assessment_save(
    *, user: User, year: int, levels: Mapping[int, int], comments: Mapping[int, str]
) -> None:
    now = timezone.now()
    with transaction.atomic():
        for area_id, level in levels.items():
            SelfAssessment.objects.update_or_create(
                user=user,
                area_id=area_id,
                year=year,
                defaults={"level": level, "comment": comments.get(area_id, ""), "updated_at": now},
            )


# --- experience sharing ---------------------------------------------------------------------


def share_create(*, author: User, **fields) -> Share:
    return Share.objects.create(author=author, office=author.office, **fields)


def share_comment(*, share: Share, author: User, text: str) -> ShareComment:
    return ShareComment.objects.create(share=share, author=author, text=text)


def share_report(*, share: Share, reporter: User, reason: str) -> ShareReport:
    """Keep the report once per person and tell the office's managers."""
    with transaction.atomic():
        report, _created = ShareReport.objects.get_or_create(
            share=share, reporter=reporter, defaults={"reason": reason}
        )
        managers = User.objects.filter(office=share.office, is_active=True).with_role(Role.MANAGER)
        notifications_create(
            drafts=[
                NotificationDraft(
                    recipient_id=m.pk,
                    kind=NotificationKind.POST_REPORTED,
                    title=_("A shared experience was reported"),
                    dedup_key=f"share-reported:{share.pk}",
                    url=share.get_absolute_url(),
                )
                for m in managers
            ]
        )
    return report


def share_hide(*, share: Share, by: User, reason: str) -> Share:
    with transaction.atomic():
        share.hidden_at = timezone.now()
        share.hidden_by = by
        share.hidden_reason = reason
        share.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        audit_record(actor=by, action="share.hidden", target=share, after={"reason": reason})
    return share


# --- editors --------------------------------------------------------------------------------


def module_save(*, module: Module, by: User, change_note: str = "", changed: bool = True) -> Module:
    """Save an edit; a change to a published module needs a note and gives a new version."""
    with transaction.atomic():
        if module.status == Status.PUBLISHED and changed and module.pk:
            module.version += 1
            module.change_note = change_note
        module.mark_reviewed(by=by)
        if module.owner_id is None:
            module.owner = by
        module.save()
    return module


def module_publish(*, module: Module, by: User) -> Module:
    module.status = Status.PUBLISHED
    module.published_at = module.published_at or timezone.now()
    module.mark_reviewed(by=by)
    module.save()
    return module


def module_mark_reviewed(*, module: Module, by: User) -> Module:
    module.mark_reviewed(by=by)
    module.save(
        update_fields=["last_reviewed_at", "last_reviewed_by", "freshness", "freshness_changed_at"]
    )
    return module


# --- quiz editing ---------------------------------------------------------------------------


def question_save(*, question: Question, choices) -> Question:
    """Save a question and its choices (an inline formset) together, or nothing."""
    with transaction.atomic():
        question.save()
        choices.instance = question
        for position, form in enumerate(choices.forms):
            form.instance.order = position  # the answers keep the order they are shown in
        choices.save()
    return question


def question_delete(*, question: Question) -> None:
    with transaction.atomic():
        question.delete()


# --- learning paths -------------------------------------------------------------------------


def path_save(*, path: LearningPath) -> LearningPath:
    path.save()
    return path


def _renumber(steps: list[PathStep]) -> None:
    for order, step in enumerate(steps):
        step.order = order
    PathStep.objects.bulk_update(steps, ["order"])


def path_step_add(*, path: LearningPath, module: Module) -> PathStep:
    with transaction.atomic():
        steps = list(PathStep.objects.select_for_update().filter(path=path))
        step, _created = PathStep.objects.get_or_create(
            path=path, module=module, defaults={"order": len(steps)}
        )
    return step


def path_step_remove(*, step: PathStep) -> None:
    with transaction.atomic():
        path_id = step.path_id
        step.delete()
        _renumber(list(PathStep.objects.select_for_update().filter(path_id=path_id)))


def path_step_move(*, step: PathStep, up: bool) -> None:
    """Swap the step with its neighbour above (up) or below."""
    with transaction.atomic():
        steps = list(PathStep.objects.select_for_update().filter(path_id=step.path_id))
        index = next(i for i, s in enumerate(steps) if s.pk == step.pk)
        other = index - 1 if up else index + 1
        if 0 <= other < len(steps):
            steps[index], steps[other] = steps[other], steps[index]
        _renumber(steps)


# --- office needs ---------------------------------------------------------------------------


def office_needs_save(*, office, levels: Mapping[int, int]) -> None:
    with transaction.atomic():
        for area_id, level in levels.items():
            OfficeNeed.objects.update_or_create(
                office=office, area_id=area_id, defaults={"level": level}
            )
