"""Writes of the employers app that span models or have side effects."""

from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.models import (
    Callback,
    CallbackStatus,
    Channel,
    ContactEntry,
    ContactEntryRevision,
    DuplicateWarning,
    Employer,
    PlannedContact,
    PlanStatus,
    RegisterImport,
    RegisterImportStatus,
)
from employers.queries import MAX_DUPLICATE_MATCHES, duplicate_matches
from employers.register.merge import register_files_import
from employers.register.readers import RegisterFileError
from portal.audit import audit_events_clear_text, audit_record
from portal.models import NotificationKind, User
from portal.outbox import enqueue
from portal.services import NotificationDraft, notifications_create

# Fields of a log entry whose edits are kept in the history.
TRACKED_FIELDS = (
    "contacted_on",
    "channel",
    "topics",
    "summary",
    "outcome",
    "contact_person_id",
    "follow_up_on",
    "follow_up_assignee_id",
)


def duplicate_warning_record(
    employer: Employer,
    user: User,
    context: str,
    shown: str,
    *,
    proceeded: bool = True,
    topics: list[str] | None = None,
) -> DuplicateWarning | None:
    """Record how the user answered the duplicate-contact warning: went on (with the entry or
    plan, in its transaction, and its `topics`) or cancelled. `shown` is the form's hidden
    field, the keys of the contacts the warning listed (DuplicateMatch.key); only those still
    among the employer's matches count, so a field sent with other keys records nothing.
    Going on with topics none of those contacts had is a changed topic: the duplicate was
    avoided all the same."""
    keys = set(shown.split()[:MAX_DUPLICATE_MATCHES])
    if not keys:
        return None
    listed = [match for match in duplicate_matches(employer) if match.key in keys]
    if not listed:
        return None
    listed_topics = {topic for match in listed for topic in match.topics}
    return DuplicateWarning.objects.create(
        employer=employer,
        user=user,
        context=context,
        matches=len(listed),
        proceeded=proceeded,
        topic_changed=proceeded and not listed_topics & set(topics or ()),
    )


def contact_entry_create(
    *,
    author: User,
    employer: Employer,
    channel: str,
    topics: list[str],
    summary: str,
    contacted_on: date | None = None,
    outcome: str = "",
    contact_person=None,
    follow_up_on: date | None = None,
    follow_up_assignee: User | None = None,
    warnings_shown: str = "",
) -> ContactEntry:
    with transaction.atomic():
        duplicate_warning_record(
            employer, author, DuplicateWarning.Context.LOG, warnings_shown, topics=topics
        )
        entry = ContactEntry.objects.create(
            employer=employer,
            author=author,
            office_id=author.office_id,
            contacted_on=contacted_on or timezone.localdate(),
            channel=channel,
            topics=list(topics),
            summary=summary,
            outcome=outcome,
            contact_person=contact_person,
            follow_up_on=follow_up_on,
            follow_up_assignee=follow_up_assignee,
        )
    return entry


def contact_entry_update(*, entry: ContactEntry, editor: User, values: dict) -> ContactEntry:
    """Apply the author's correction and keep what it changed: {field: [before, after]}."""
    with transaction.atomic():
        locked = ContactEntry.objects.select_for_update().get(pk=entry.pk)
        changes = {}
        for name, value in values.items():
            attname = f"{name}_id" if name in ("contact_person", "follow_up_assignee") else name
            new = getattr(value, "pk", value)
            old = getattr(locked, attname)
            if attname == "topics":
                new = list(new)
            if old != new:
                changes[name] = [_jsonable(old), _jsonable(new)]
                setattr(locked, attname, new)
        if changes:
            if "follow_up_on" in changes or "follow_up_assignee" in changes:
                locked.follow_up_done_at = None
            locked.save()
            ContactEntryRevision.objects.create(entry=locked, changed_by=editor, changes=changes)
            audit_record(
                actor=editor,
                action="contact_entry.edited",
                target=locked,
                before={name: pair[0] for name, pair in changes.items()},
                after={name: pair[1] for name, pair in changes.items()},
            )
    return locked


def _jsonable(value):
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def contact_entry_delete(*, entry: ContactEntry, by: User) -> None:
    """Soft: the entry disappears from lists but stays in the database."""
    with transaction.atomic():
        deleted = ContactEntry.objects.filter(pk=entry.pk, deleted_at__isnull=True).update(
            deleted_at=timezone.now(), deleted_by=by
        )
        if deleted:
            audit_record(
                actor=by,
                action="contact_entry.deleted",
                target=entry,
                before={"summary": entry.summary, "contacted_on": entry.contacted_on},
            )


def follow_up_complete(*, entry: ContactEntry) -> None:
    ContactEntry.objects.filter(pk=entry.pk, follow_up_done_at__isnull=True).update(
        follow_up_done_at=timezone.now()
    )


def follow_ups_remind(*, today: date | None = None) -> int:
    """Notify each assignee of follow-ups due today or earlier, once per follow-up."""
    today = today or timezone.localdate()
    due = (
        ContactEntry.objects.active()
        .filter(follow_up_done_at__isnull=True, follow_up_on__lte=today)
        .exclude(follow_up_assignee=None)
        .values("pk", "follow_up_assignee_id", "follow_up_on", "employer__name")
    )
    return notifications_create(
        drafts=[
            NotificationDraft(
                recipient_id=row["follow_up_assignee_id"],
                kind=NotificationKind.FOLLOW_UP_DUE,
                title=_("Follow up %(employer)s") % {"employer": row["employer__name"]},
                dedup_key=f"follow-up-due:{row['pk']}",
                url=reverse("employers:entry", args=[row["pk"]]),
            )
            for row in due
        ]
    )


def planned_contact_create(
    *,
    author: User,
    employer: Employer,
    planned_on: date,
    channel: str,
    topics: list[str],
    note: str = "",
    warnings_shown: str = "",
) -> PlannedContact:
    with transaction.atomic():
        duplicate_warning_record(
            employer, author, DuplicateWarning.Context.PLAN, warnings_shown, topics=topics
        )
        plan = PlannedContact.objects.create(
            employer=employer,
            author=author,
            office_id=author.office_id,
            planned_on=planned_on,
            channel=channel,
            topics=list(topics),
            note=note,
        )
    return plan


def planned_contact_complete(*, plan: PlannedContact, by: User) -> ContactEntry:
    """One click: the plan becomes a log entry dated today (the author may add the outcome)."""
    with transaction.atomic():
        plan = PlannedContact.objects.select_for_update().get(pk=plan.pk)
        if plan.entry_id:
            return plan.entry
        entry = ContactEntry.objects.create(
            employer_id=plan.employer_id,
            author=by,
            office_id=by.office_id,
            contacted_on=min(plan.planned_on, timezone.localdate()),
            channel=plan.channel,
            topics=plan.topics,
            summary=plan.note or _("Planned contact carried out."),
        )
        plan.entry = entry
        plan.status = PlanStatus.DONE
        plan.save(update_fields=["entry", "status"])
    return entry


def planned_contact_cancel(*, plan: PlannedContact) -> None:
    PlannedContact.objects.filter(pk=plan.pk, status=PlanStatus.PLANNED).update(
        status=PlanStatus.CANCELLED
    )


def planned_contacts_flag_passed(*, today: date | None = None) -> int:
    """Flag open plans whose day has passed (one UPDATE) and tell their authors once."""
    today = today or timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        passed = PlannedContact.objects.open().filter(
            planned_on__lt=today, passed_flagged_at__isnull=True
        )
        rows = list(passed.values("pk", "author_id", "employer__name"))
        count = PlannedContact.objects.filter(pk__in=[r["pk"] for r in rows]).update(
            passed_flagged_at=now
        )
        notifications_create(
            drafts=[
                NotificationDraft(
                    recipient_id=row["author_id"],
                    kind=NotificationKind.PLAN_PASSED,
                    title=_("Your planned contact with %(employer)s has passed")
                    % {"employer": row["employer__name"]},
                    dedup_key=f"plan-passed:{row['pk']}",
                    url=reverse("employers:plans"),
                )
                for row in rows
            ]
        )
    return count


def _notify_callback_assigned(callback: Callback) -> None:
    if callback.assigned_to_id:
        notifications_create(
            drafts=[
                NotificationDraft(
                    recipient_id=callback.assigned_to_id,
                    kind=NotificationKind.CALLBACK_ASSIGNED,
                    title=_("Call back %(employer)s") % {"employer": callback.employer.name},
                    dedup_key=f"callback-assigned:{callback.pk}:{callback.assigned_to_id}",
                    url=callback.get_absolute_url(),
                )
            ]
        )


def callback_create(*, taken_by: User, employer: Employer, **values) -> Callback:
    with transaction.atomic():
        callback = Callback.objects.create(taken_by=taken_by, employer=employer, **values)
        _notify_callback_assigned(callback)
    return callback


class CallbackClosedSilently(ValueError):
    """A callback was to be set to «Done» with neither a log entry nor a reason."""


def callback_update(
    *,
    callback: Callback,
    by: User,
    status: str,
    assigned_to: User | None,
    log_summary: str = "",
    channel: str = Channel.PHONE,
    no_contact_reason: str = "",
) -> Callback:
    """Change status and assignee. The one place a callback changes, so that none is closed
    silently: «Done» needs the log entry of the call (written here, from the callback's
    employer, topic and contact person) or the reason why no contact was made."""
    with transaction.atomic():
        callback = (
            Callback.objects.select_for_update().select_related("employer").get(pk=callback.pk)
        )
        closing = status == CallbackStatus.DONE and callback.status != CallbackStatus.DONE
        if closing and not (callback.entry_id or log_summary or no_contact_reason):
            raise CallbackClosedSilently(callback.pk)
        reassigned = assigned_to is not None and assigned_to.pk != callback.assigned_to_id
        callback.assigned_to = assigned_to
        now = timezone.now()
        if closing:
            callback.done_at = now
            callback.done_by = by
        elif status != CallbackStatus.DONE:
            # Reopened: the next closing says again how it ended.
            callback.done_at = None
            callback.done_by = None
            callback.no_contact_reason = ""
        if status != CallbackStatus.NEW and callback.answered_at is None:
            callback.answered_at = now
        callback.status = status
        if closing and log_summary and not callback.entry_id:
            callback.entry = ContactEntry.objects.create(
                employer_id=callback.employer_id,
                author=by,
                office_id=by.office_id or callback.office_id,
                channel=channel,
                topics=[callback.topic],
                summary=log_summary,
                contact_person_id=callback.contact_person_id,
            )
        elif closing and not callback.entry_id:
            callback.no_contact_reason = no_contact_reason
        callback.save()
        if reassigned:
            _notify_callback_assigned(callback)
    return callback


# --- The Brønnøysund register (employers.register reads the files and merges them) ---------


def register_import_start(*, upload, by: User) -> RegisterImport:
    """Keep an uploaded register file and hand its import to a Celery task: the whole
    register takes minutes, so a web request never imports."""
    from employers import tasks

    run = RegisterImport.objects.create(file=upload, original_name=upload.name[:255], created_by=by)
    # Through the outbox, as all work for Celery: a broker that is down must not lose it.
    enqueue(tasks.run_register_import, run.pk)
    return run


def register_import_run(*, import_id: int) -> RegisterImport:
    """Import the kept file of a RegisterImport and record the result. Run again after a
    worker died half-way, it imports again (the import itself is all or nothing)."""
    run = RegisterImport.objects.get(pk=import_id)
    if run.status in {RegisterImportStatus.DONE, RegisterImportStatus.FAILED}:
        return run
    RegisterImport.objects.filter(pk=run.pk).update(status=RegisterImportStatus.RUNNING)
    try:
        report = register_files_import([run.file.path])
    except RegisterFileError as error:
        run.status = RegisterImportStatus.FAILED
        run.error = str(error)
    else:
        run.status = RegisterImportStatus.DONE
        run.units = report.units
        run.created = report.created
        run.updated = report.updated
        run.skipped_count = report.skipped_count
        run.skipped = [list(row) for row in report.skipped]
    run.finished_at = timezone.now()
    # The file has served its purpose; the register publishes a new one every night.
    run.file.delete(save=False)
    run.save()
    return run


def contact_entries_clear_old_text(*, today: date | None = None) -> int:
    """Clear the free text of log entries older than the retention period, keeping who,
    when, channel and topics. The texts in their edit history and in the audit trail's copies
    of them go too. Set-based."""
    today = today or timezone.localdate()
    years = settings.CONTACT_LOG_TEXT_RETENTION_YEARS
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    with transaction.atomic():
        old = ContactEntry.objects.filter(contacted_on__lt=cutoff)
        ContactEntryRevision.objects.filter(entry__in=old).exclude(changes={}).update(changes={})
        audit_events_clear_text(about=old, keys=("summary", "outcome"))
        return old.exclude(summary="", outcome="").update(summary="", outcome="")
