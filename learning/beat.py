"""Periodic tasks of the learning app, read by beat in portal/celery.py."""

SCHEDULE = {
    "learning-reminders": {"task": "learning.tasks.send_reminders", "schedule": 60 * 60},
    "learning-renewals": {"task": "learning.tasks.run_renewals", "schedule": 6 * 60 * 60},
}
