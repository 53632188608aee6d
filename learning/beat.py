"""Periodic tasks of the learning app (merged into CELERY_BEAT_SCHEDULE by the settings)."""

SCHEDULE = {
    "learning-reminders": {"task": "learning.tasks.send_reminders", "schedule": 60 * 60},
    "learning-renewals": {"task": "learning.tasks.run_renewals", "schedule": 6 * 60 * 60},
}
