"""Probe endpoints of NAV's application platform: /internal/isalive and /internal/isready."""

import time

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from portal.tasks import HEARTBEAT_KEY

HEARTBEAT_MAX_AGE_SECONDS = 120


@never_cache
def isalive(request: HttpRequest) -> HttpResponse:
    return HttpResponse("OK", content_type="text/plain")


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception:
        connection.close_if_unusable_or_obsolete()
        return "down"


def _redis_and_celery_state() -> tuple[str, str]:
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=0.3, socket_connect_timeout=0.3
        )
        beat = client.get(HEARTBEAT_KEY)
    except redis.RedisError:
        return "down", "unknown"
    if beat is None:
        return "ok", "down"
    fresh = time.time() - int(beat) <= HEARTBEAT_MAX_AGE_SECONDS
    return "ok", "ok" if fresh else "down"


@never_cache
def isready(request: HttpRequest) -> JsonResponse:
    """Ready when the database answers. Redis and Celery are reported, not required:
    the portal serves pages without them (queued work waits)."""
    database = _database_state()
    redis_state, celery_state = _redis_and_celery_state()
    body = {"database": database, "redis": redis_state, "celery": celery_state}
    return JsonResponse(body, status=200 if database == "ok" else 503)
