"""Periodic tasks of the portal core (merged into CELERY_BEAT_SCHEDULE by the settings)."""

SCHEDULE = {
    "freshness-refresh": {"task": "portal.tasks.refresh_freshness", "schedule": 60 * 60},
    "celery-heartbeat": {"task": "portal.tasks.heartbeat", "schedule": 30},
}
