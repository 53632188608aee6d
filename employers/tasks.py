"""Celery tasks: thin, idempotent (notifications carry a dedup key), retried with backoff."""

from celery import shared_task

from employers import services


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def remind_follow_ups() -> int:
    return services.follow_ups_remind()


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def flag_passed_plans() -> int:
    return services.planned_contacts_flag_passed()


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def clear_old_contact_text() -> int:
    return services.contact_entries_clear_old_text()
