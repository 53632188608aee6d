"""Periodic tasks of the portal core, read by beat in portal/celery.py."""

from celery.schedules import crontab

SCHEDULE = {
    "freshness-refresh": {"task": "portal.tasks.refresh_freshness", "schedule": 60 * 60},
    "celery-heartbeat": {"task": "portal.tasks.heartbeat", "schedule": 30},
    "flush-outbox": {"task": "portal.tasks.flush_outbox", "schedule": 60},
    # Early, so the digest is waiting when the working day starts.
    "daily-digest": {
        "task": "portal.tasks.send_digests",
        "schedule": crontab(hour=6, minute=30),
        "args": ["daily"],
    },
    # The office's figures: the last year each night, when little else runs; the current month
    # every hour, so this week's callbacks and summaries show the same day.
    "figures-nightly": {
        "task": "portal.tasks.figures_refresh",
        "schedule": crontab(hour=2, minute=30),
        "kwargs": {"months_back": 12},
    },
    "figures-hourly": {
        "task": "portal.tasks.figures_refresh",
        "schedule": crontab(minute=15),
        "kwargs": {"months_back": 0},
    },
    "weekly-digest": {
        "task": "portal.tasks.send_digests",
        "schedule": crontab(hour=6, minute=45, day_of_week="mon"),
        "args": ["weekly"],
    },
}
