"""Celery tasks: thin, idempotent (notifications carry a dedup key), retried with backoff."""

from celery import shared_task

from employers import contact_form, services


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def remind_follow_ups() -> int:
    return services.follow_ups_remind()


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def flag_passed_plans() -> int:
    return services.planned_contacts_flag_passed()


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def clear_old_contact_text() -> int:
    return services.contact_entries_clear_old_text()


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def clear_callback_contact_details() -> int:
    return contact_form.callbacks_clear_contact_details()


# The whole register takes minutes: more than the default limit of a task.
@shared_task(time_limit=1800, soft_time_limit=1700)
def run_register_import(import_id: int) -> str:
    return services.register_import_run(import_id=import_id).status


@shared_task(time_limit=900, soft_time_limit=840)
def apply_register_updates() -> dict:
    """The register's changes since the last run, enheter first so that new sub-units find
    their new main units. A failed run applied nothing; the next one starts from the same
    update, so it is not retried here."""
    from employers.register.feed import register_updates_apply

    reports = [register_updates_apply(kind=kind) for kind in ("enheter", "underenheter")]
    return {report.kind: report.changes for report in reports}
