"""Periodic tasks of the employers app, read by beat in portal/celery.py."""

SCHEDULE = {
    "employers-follow-up-reminders": {
        "task": "employers.tasks.remind_follow_ups",
        "schedule": 60 * 60,
    },
    "employers-clear-old-contact-text": {
        "task": "employers.tasks.clear_old_contact_text",
        "schedule": 24 * 60 * 60,
    },
    "employers-clear-callback-contact-details": {
        "task": "employers.tasks.clear_callback_contact_details",
        "schedule": 24 * 60 * 60,
    },
    "employers-flag-passed-plans": {
        "task": "employers.tasks.flag_passed_plans",
        "schedule": 60 * 60,
    },
    "employers-register-updates": {
        "task": "employers.tasks.apply_register_updates",
        "schedule": 24 * 60 * 60,
    },
}
