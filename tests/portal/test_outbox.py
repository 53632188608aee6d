"""Redis down: nothing waits long, nothing is lost."""

import time

import pytest
from celery import current_app

from portal.models import OutboxMessage
from portal.outbox import enqueue, flush_outbox
from portal.tasks import heartbeat

pytestmark = pytest.mark.django_db


def fresh_broker_pools():
    """Close the pools of the old broker address and let Celery open new ones: a closed pool
    left in place fails every later test that sends a task ("Acquire on closed pool")."""
    current_app.pool.force_close_all()
    current_app._pool = None
    current_app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    conf = current_app.conf
    saved = (conf.task_always_eager, conf.broker_url)
    conf.task_always_eager = False
    conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens there
    fresh_broker_pools()
    yield
    conf.task_always_eager, conf.broker_url = saved
    fresh_broker_pools()


def test_without_a_broker_the_task_waits_in_the_outbox(
    broker_down, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(heartbeat)
    assert time.monotonic() - started < 0.5 + 0.3  # the broker timeout, and some slack
    message = OutboxMessage.objects.get()
    assert (message.task, message.args, message.sent_at) == ("portal.tasks.heartbeat", [], None)


def test_the_outbox_is_sent_when_the_broker_is_back():
    OutboxMessage.objects.create(task="portal.tasks.heartbeat", args=[])
    assert flush_outbox() == 1
    assert OutboxMessage.objects.get().sent_at is not None
    assert flush_outbox() == 0
