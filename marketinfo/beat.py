"""Periodic tasks of the market information (merged into CELERY_BEAT_SCHEDULE by the settings)."""

SCHEDULE = {
    "marketinfo-publish-due": {"task": "marketinfo.tasks.publish_due_summaries", "schedule": 60},
    "marketinfo-purge-imports": {
        "task": "marketinfo.tasks.purge_import_batches",
        "schedule": 60 * 60,
    },
}
