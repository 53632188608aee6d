"""Periodic tasks of the market information, read by beat in portal/celery.py."""

SCHEDULE = {
    "marketinfo-publish-due": {"task": "marketinfo.tasks.publish_due_summaries", "schedule": 60},
    "marketinfo-purge-imports": {
        "task": "marketinfo.tasks.purge_import_batches",
        "schedule": 60 * 60,
    },
}
