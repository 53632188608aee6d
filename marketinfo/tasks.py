"""Celery tasks of the market information: thin, take ids, call a service, safe to run twice."""

from celery import shared_task

from marketinfo import services


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def publish_due_summaries() -> list[int]:
    return services.summaries_publish_due()


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_summary_digest(summary_id: int) -> int:
    return services.summary_send_digest(summary_id=summary_id)


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def purge_import_batches() -> int:
    return services.import_batches_purge()
