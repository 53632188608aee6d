"""Celery tasks of the portal core: thin, take ids, call a service, safe to run twice."""

import time

from celery import shared_task
from django.conf import settings

from portal import figures_refresh as figures
from portal import services

HEARTBEAT_KEY = "kompetanseportalen:celery-heartbeat"


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def refresh_freshness() -> dict:
    return services.freshness_refresh().changes


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_notification_email(notification_id: int) -> bool:
    return services.notification_send_email(notification_id=notification_id)


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_digests(frequency: str) -> int:
    return services.digests_send(frequency=frequency)


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def figures_refresh(months_back: int = 0) -> int:
    return figures.figures_refresh(months_back=months_back)


@shared_task(ignore_result=True)
def flush_outbox() -> int:
    from portal.outbox import flush_outbox as flush

    return flush()


@shared_task(ignore_result=True)
def heartbeat() -> None:
    """Beat sends this and a worker runs it: a recent mark means both are alive (isready)."""
    import redis

    redis.Redis.from_url(settings.REDIS_URL, socket_timeout=0.5).set(
        HEARTBEAT_KEY, int(time.time()), ex=300
    )
