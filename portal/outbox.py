"""Hand work to Celery without ever making a request wait on a broker that is down.

`enqueue(task, *args)` publishes after the surrounding transaction commits. If Redis does
not answer within half a second, the task is written to the outbox table instead, in the
database that did commit, and the beat task `portal.tasks.flush_outbox` (every minute)
sends it when the broker is back. Tasks are idempotent, so sending one twice is harmless.
"""

import logging

from celery import current_app
from django.db import transaction
from django.utils import timezone

from portal.models import OutboxMessage

logger = logging.getLogger(__name__)
PUBLISH_OPTIONS = {"retry": False}


def _publish(task_name: str, args: list) -> None:
    if current_app.conf.task_always_eager:  # tests: run in-process, as .delay() would
        current_app.tasks[task_name].apply(args=args, throw=True)
    else:
        current_app.send_task(task_name, args=args, **PUBLISH_OPTIONS)


def enqueue(task, *args) -> None:
    name = task if isinstance(task, str) else task.name

    def publish() -> None:
        try:
            _publish(name, list(args))
        except Exception:
            logger.warning("broker unavailable; %s kept in the outbox", name)
            OutboxMessage.objects.create(task=name, args=list(args))

    transaction.on_commit(publish)


def flush_outbox(limit: int = 500) -> int:
    """Send what waits in the outbox; return how many went out."""
    sent = 0
    pending = OutboxMessage.objects.filter(sent_at__isnull=True).order_by("created_at")[:limit]
    for message in pending:
        try:
            _publish(message.task, message.args)
        except Exception:
            OutboxMessage.objects.filter(pk=message.pk).update(attempts=message.attempts + 1)
            break
        OutboxMessage.objects.filter(pk=message.pk).update(sent_at=timezone.now())
        sent += 1
    return sent
