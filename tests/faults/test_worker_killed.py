"""A Celery worker killed in the middle of a task: the task runs again (late acknowledgement,
Redis' visibility timeout) and two runs leave the same state as one."""

import os
import re
import signal
import time

from celery import current_app
from django.db.models import Count

from marketinfo.models import DigestDelivery
from portal.models import Notification
from tests.faults.conftest import wait_for
from tests.marketinfo.factories import SummaryFactory

DIGEST_TASK = "marketinfo.tasks.send_summary_digest"


def _task_ids(log_path, event: str) -> list[str]:
    return re.findall(
        rf"Task {re.escape(DIGEST_TASK)}\[([0-9a-f-]+)\] {event}", log_path.read_text()
    )


def _state(summary) -> tuple[dict, dict]:
    deliveries = dict(
        DigestDelivery.objects.filter(summary=summary)
        .values_list("user_id")
        .annotate(n=Count("pk"))
    )
    notifications = dict(
        Notification.objects.filter(dedup_key=f"summary:{summary.pk}")
        .values_list("recipient_id")
        .annotate(n=Count("pk"))
    )
    return deliveries, notifications


def test_a_task_killed_mid_way_runs_again_and_twice_is_the_same_as_once(
    redis, browser, workers, mailbox, team
):
    office, contact, people = team(6)
    summary = SummaryFactory(office=office, week=3, headline="Sykehuset trenger folk")
    first, first_log = workers.start("first")
    # The digest stops at its first mail, inside the transaction that claims the deliveries.
    mailbox.hold()
    browser.log_in(contact.username)
    assert browser.post(f"/marked/uke/{summary.pk}/publiser/").status == 302

    wait_for(mailbox.held.is_set, timeout=30, what="the digest to start mailing")
    [task_id] = _task_ids(first_log, "received")
    assert DigestDelivery.objects.filter(summary=summary).count() == 0  # not committed yet
    # Late acknowledgement: the running task's message is still Redis' to hand out again.
    assert task_id.encode() in redis.command("HGETALL", "unacked")
    os.killpg(first.pid, signal.SIGKILL)  # the main process and its child, as in a crash
    killed_at = time.monotonic()
    first.wait(timeout=10)
    mailbox.release()
    assert mailbox.delivered() == []

    _, second_log = workers.start("second")
    wait_for(
        lambda: task_id in _task_ids(second_log, "succeeded in"),
        timeout=30,
        interval=0.3,
        what="the killed task to run again on the new worker",
        log=second_log,
    )
    print(f"\nWorker killed: the task ran again {time.monotonic() - killed_at:.1f} s later")
    everyone = {p.pk: 1 for p in people}
    assert _state(summary) == (everyone, everyone)
    assert sorted(mailbox.delivered()) == sorted(p.email for p in people)

    # Run it once more on purpose: nothing changes, nobody gets a second mail.
    again = current_app.send_task(DIGEST_TASK, args=[summary.pk])
    wait_for(
        lambda: again.id in _task_ids(second_log, "succeeded in"),
        timeout=30,
        what="the second run",
        log=second_log,
    )
    assert _state(summary) == (everyone, everyone)
    assert sorted(mailbox.delivered()) == sorted(p.email for p in people)
