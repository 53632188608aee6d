"""The Celery app. Settings come from Django's settings, prefixed CELERY_."""

import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def _read_beat_schedule(sender, **kwargs) -> None:
    """Each app declares its periodic tasks as `SCHEDULE` in `<app>/beat.py`.

    Read here rather than in the settings, which load before the apps; beat and the worker
    finalize the app after `django.setup()` and before the scheduler reads the schedule.
    """
    from portal.registry import declared

    sender.conf.beat_schedule = {
        name: entry for schedule in declared("beat", "SCHEDULE") for name, entry in schedule.items()
    }


@signals.after_setup_logger.connect
@signals.after_setup_task_logger.connect
def _redact_worker_logs(logger, **kwargs) -> None:
    """A worker sets up its own handlers in place of LOGGING's: they get the same redaction."""
    from portal.logging import RedactPersonalData

    for handler in logger.handlers:
        if not any(isinstance(f, RedactPersonalData) for f in handler.filters):
            handler.addFilter(RedactPersonalData())
