"""The 1/2000 data set holds what the models and the services would hold.

The generator writes rows by COPY and derives some with SQL (the log entries of done planned
contacts and closed callbacks), past `full_clean()`, `save()` and the services. So here the
services themselves are the yardstick: a sample of those rows is made again by the service, at
the same moment, and must come out the same; and the daily jobs, run at the data set's moment,
find only that day's work, as in a portal that has been running for years.
"""

import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from employers.models import (
    Callback,
    CallbackStatus,
    ContactEntry,
    ContactEntryRevision,
    PlannedContact,
    PlanStatus,
)
from employers.services import (
    callback_update,
    contact_entries_clear_old_text,
    follow_ups_remind,
    planned_contact_complete,
    planned_contacts_flag_passed,
)
from learning.models import Assignment, Progress, ProgressStatus
from learning.services.reminders import reminders_send
from learning.services.renewals import RENEWAL_NOTICE_DAYS, renewals_run
from portal.dates import working_days_after
from portal.figures_refresh import figures_refresh
from portal.models import Figure, MonthFigure, Notification
from portal.services import freshness_refresh

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
SAMPLE = 20


def _schema() -> set[tuple[str, str]]:
    """Every constraint (validated or not) and index of our tables, as PostgreSQL defines it."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT conname, pg_get_constraintdef(oid) || CASE WHEN convalidated THEN ''
                   ELSE ' NOT VALID' END
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace
            UNION ALL
            SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
            """
        )
        return set(cursor.fetchall())


@pytest.fixture(scope="module")
def national(django_db_setup, django_db_blocker):
    """Built once for the module and rolled back after it; returns the schema before."""
    with (
        django_db_blocker.unblock(),
        time_machine.travel(NOW, tick=False),
        transaction.atomic(),
    ):
        before = _schema()
        call_command("seed_scale", factor=0.0005, force=True, stdout=io.StringIO())
        yield before
        transaction.set_rollback(True)


def _sample(queryset):
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    return list(queryset.filter(pk__in=pks[:: max(1, len(pks) // SAMPLE)][:SAMPLE]))


def _values(instance, leave_out=("id",)) -> dict:
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.name not in leave_out
    }


def test_the_constraints_and_indexes_put_back_are_those_the_migrations_made(national):
    assert _schema() == national


@time_machine.travel(NOW, tick=False)
def test_a_sample_of_every_model_passes_full_clean(national):
    # Past the retention period the job (contact_entries_clear_old_text) has emptied the texts,
    # by update(), which the form's "required" does not apply to.
    retention = settings.CONTACT_LOG_TEXT_RETENTION_YEARS
    cutoff = NOW.date().replace(year=NOW.year - retention)
    cleared = {
        ContactEntry: lambda entry: ["summary", "outcome"] if entry.contacted_on < cutoff else [],
        ContactEntryRevision: lambda rev: ["changes"] if rev.entry.contacted_on < cutoff else [],
    }
    checked = 0
    for model in apps.get_models():
        if model._meta.app_label not in {"portal", "learning", "marketinfo", "employers"}:
            continue
        for instance in _sample(model.objects.all()):
            instance.full_clean(exclude=cleared.get(model, lambda _: [])(instance))
            checked += 1
    assert checked > 500


@time_machine.travel(NOW, tick=False)
def test_the_scheduled_jobs_find_nothing_left_over_from_the_past(national):
    # The generator flagged the passed plans and cleared the old texts, as the jobs would have.
    assert planned_contacts_flag_passed() == 0
    assert contact_entries_clear_old_text() == 0


def test_a_done_plan_has_the_log_entry_planned_contact_complete_writes(national):
    done = PlannedContact.objects.filter(status=PlanStatus.DONE, entry__summary__gt="")
    plans = _sample(done.select_related("entry", "author"))
    assert plans
    for plan in plans:
        written = plan.entry
        with transaction.atomic(), time_machine.travel(written.created_at, tick=False):
            PlannedContact.objects.filter(pk=plan.pk).update(entry=None, status=PlanStatus.PLANNED)
            again = planned_contact_complete(plan=plan, by=plan.author)
            assert _values(again) == _values(written), plan.pk
            transaction.set_rollback(True)
    assert not PlannedContact.objects.exclude(status=PlanStatus.DONE).exclude(entry=None).exists()
    assert not PlannedContact.objects.filter(status=PlanStatus.DONE, entry=None).exists()


def test_a_closed_callback_is_as_callback_update_leaves_it(national):
    closed = Callback.objects.filter(status=CallbackStatus.DONE).select_related("entry")
    logged = _sample(closed.filter(entry__summary__gt=""))
    unlogged = _sample(closed.filter(entry=None))
    assert logged and unlogged
    for callback in logged + unlogged:
        written = callback.entry
        with transaction.atomic(), time_machine.travel(callback.done_at, tick=False):
            Callback.objects.filter(pk=callback.pk).update(
                status=CallbackStatus.IN_PROGRESS,
                done_at=None,
                done_by=None,
                entry=None,
                no_contact_reason="",
            )
            again = callback_update(
                callback=callback,
                by=callback.assigned_to,
                status=CallbackStatus.DONE,
                assigned_to=callback.assigned_to,
                log_summary=written.summary if written else "",
                channel=written.channel if written else "",
                no_contact_reason=callback.no_contact_reason,
            )
            assert _values(again, ("entry",)) == _values(callback, ("entry",)), callback.pk
            if written:
                assert _values(again.entry) == _values(written), callback.pk
            transaction.set_rollback(True)
    open_ones = Callback.objects.exclude(status=CallbackStatus.DONE)
    assert not open_ones.exclude(done_at=None, done_by=None, entry=None, no_contact_reason="")


def test_callbacks_are_answered_as_callback_update_records_it_mostly_in_time(national):
    assert not Callback.objects.filter(status=CallbackStatus.NEW, answered_at__isnull=False)
    answered = Callback.objects.exclude(status=CallbackStatus.NEW)
    assert not answered.filter(answered_at=None)
    assert not answered.filter(answered_at__lt=F("created_at"))
    assert not answered.filter(done_at__lt=F("answered_at"))
    in_time = sum(
        callback.answered_at <= working_days_after(callback.created_at, 2)
        for callback in answered.only("created_at", "answered_at")
    )
    assert 0.7 < in_time / answered.count() < 0.95


@time_machine.travel(NOW, tick=False)
def test_the_figures_are_there_as_the_nightly_refresh_leaves_them(national):
    def stored():
        return set(MonthFigure.objects.values_list("region", "office", "month", "figure", "part"))

    written = stored()
    assert {figure for *_, figure, _part in written} == set(Figure.values)
    with transaction.atomic():
        figures_refresh(months_back=12, now=NOW)
        assert stored() == written
        transaction.set_rollback(True)


def test_log_entries_are_those_of_the_plans_and_callbacks_or_written_directly(national):
    # Every derived entry belongs to one plan or one callback, never to both.
    both = ContactEntry.objects.filter(planned_contact__isnull=False, callback__isnull=False)
    assert not both.exists()


def _reminders() -> dict[tuple[int, str], tuple[str, str, str]]:
    rows = Notification.objects.filter(dedup_key__regex=r"^(due-week|due-day|overdue|escalated):")
    return {
        (n.recipient_id, n.dedup_key): (n.kind, n.title, n.url)
        for n in rows.only("recipient_id", "dedup_key", "kind", "title", "url")
    }


@time_machine.travel(NOW, tick=False)
def test_the_reminders_already_sent_are_as_reminders_send_writes_them(national):
    written = _reminders()
    assert len(written) > 50
    Notification.objects.filter(dedup_key__regex=r"^(due-week|due-day|overdue|escalated):").delete()
    reminders_send()
    again = _reminders()
    both = written.keys() & again.keys()
    # The job sends what is due today; what crossed a threshold long ago it no longer sends.
    assert {key.split(":")[0] for _recipient, key in both} == {
        "due-week",
        "due-day",
        "overdue",
        "escalated",
    }
    assert {key: written[key] for key in both} == {key: again[key] for key in both}


@time_machine.travel(NOW, tick=False)
def test_the_reminder_job_finds_only_what_crossed_a_threshold_today(national):
    before = set(_reminders())
    reminders_send()
    new = set(_reminders()) - before
    today = timezone.localdate()
    days = {"due-week:": -7, "due-day:": -1, "overdue:": 1, "escalated:": 8}
    for _recipient, key in new:
        prefix, pk = key.split(":")
        assignment = Assignment.objects.get(pk=pk)
        created = timezone.localdate(assignment.created_at)
        crossed = max(assignment.due_on + timedelta(days=days[prefix + ":"]), created)
        assert crossed == today, key


@time_machine.travel(NOW, tick=False)
def test_freshness_is_what_the_refresh_job_would_store_now(national):
    assert freshness_refresh().changes == {}


@time_machine.travel(NOW, tick=False)
def test_the_renewal_job_finds_only_todays_notices(national):
    today = timezone.localdate()
    completed = Progress.objects.filter(status=ProgressStatus.COMPLETED)
    assert not completed.filter(expires_on__lt=today).exists()
    before = set(Assignment.objects.values_list("pk", flat=True))
    renewals_run()
    renewed = Assignment.objects.exclude(pk__in=before)
    assert set(renewed.values_list("due_on", flat=True)) <= {
        today + timedelta(days=RENEWAL_NOTICE_DAYS)
    }


def _follow_up_reminders() -> dict[tuple[int, str], tuple[str, str, str]]:
    rows = Notification.objects.filter(dedup_key__startswith="follow-up-due:")
    return {(n.recipient_id, n.dedup_key): (n.kind, n.title, n.url) for n in rows}


@time_machine.travel(NOW, tick=False)
def test_the_follow_up_job_finds_only_todays_follow_ups(national):
    written = _follow_up_reminders()
    assert written
    follow_ups_remind()
    new = {key for _recipient, key in _follow_up_reminders().keys() - written.keys()}
    entries = ContactEntry.objects.filter(pk__in=[key.split(":")[1] for key in new])
    assert set(entries.values_list("follow_up_on", flat=True)) <= {timezone.localdate()}


@time_machine.travel(NOW, tick=False)
def test_the_follow_up_reminders_already_sent_are_as_follow_ups_remind_writes_them(national):
    written = _follow_up_reminders()
    Notification.objects.filter(dedup_key__startswith="follow-up-due:").delete()
    follow_ups_remind()
    again = _follow_up_reminders()
    both = written.keys() & again.keys()
    assert len(both) > 10
    assert {key: written[key] for key in both} == {key: again[key] for key in both}
