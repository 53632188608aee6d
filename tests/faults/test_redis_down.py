"""Redis stopped (or hung): every page still answers, nobody is logged out, queued work waits
in the outbox and is sent when the broker is back; no request waits long on the broker."""

import pytest
from celery import current_app

from marketinfo.models import DigestDelivery, SummaryStatus
from portal.models import OutboxMessage
from tests.faults.conftest import wait_for
from tests.marketinfo.factories import SummaryFactory

BROKER_TIMEOUT = 0.5
SLACK = 0.3  # a busy test machine
PAGES = [
    "/",
    "/sok/?q=bygg",
    "/marked/",
    "/laering/",
    "/arbeidsgivere/",
    "/varsler/",
    "/internal/isready",
]


@pytest.mark.parametrize("fault", ["stopped", "hung"])
def test_redis_down_pages_answer_and_queued_work_waits_in_the_outbox(
    fault, redis, browser, workers, mailbox, team
):
    office, contact, people = team(4)
    earlier, summary = (
        SummaryFactory(office=office, week=week, headline="Bygg og anlegg ansetter")
        for week in (1, 2)
    )
    browser.log_in(contact.username)
    pages = [*PAGES, f"/marked/uke/{summary.pk}/"]
    # Warm both web workers first: a fresh connection loads the Norwegian search dictionary,
    # which takes longer than the broker timeout and has nothing to do with Redis.
    for _ in range(4):
        for path in pages:
            browser.get(path)
    normal_pages = {path: browser.get(path).elapsed for path in pages}
    # The publish request's normal time, with the broker up (no worker: the message just waits).
    normal = browser.post(f"/marked/uke/{earlier.pk}/publiser/")
    assert normal.status == 302
    current_app.control.purge()  # that publication's digest is not what this test follows

    if fault == "stopped":
        redis.stop()
    else:
        redis.freeze()

    answers = {path: browser.get(path) for path in pages}
    assert {path: r.status for path, r in answers.items()} == dict.fromkeys(pages, 200)
    slow = {
        path: f"{r.elapsed:.3f} s, with Redis {normal_pages[path]:.3f} s"
        for path, r in answers.items()
        if r.elapsed > normal_pages[path] + BROKER_TIMEOUT + SLACK or r.elapsed >= 1.0
    }
    assert not slow, f"pages slowed down by more than the broker timeout: {slow}"
    slowest = max(r.elapsed for r in answers.values())
    # Still signed in: the dashboard is served, not a redirect to the login page.
    dashboard = browser.get("/")
    assert dashboard.status == 200 and "logg-inn" not in dashboard.headers.get("Location", "")
    assert contact.first_name in dashboard.text

    published = browser.post(f"/marked/uke/{summary.pk}/publiser/")
    assert published.status == 302
    summary.refresh_from_db()
    assert summary.status == SummaryStatus.PUBLISHED
    assert published.elapsed < normal.elapsed + BROKER_TIMEOUT + SLACK
    assert published.elapsed < 1.0
    waiting = OutboxMessage.objects.get(args=[summary.pk], sent_at__isnull=True)
    assert waiting.task == "marketinfo.tasks.send_summary_digest"
    print(
        f"\nRedis {fault}: slowest page {slowest:.3f} s; publish {published.elapsed:.3f} s "
        f"(with Redis up {normal.elapsed:.3f} s)"
    )

    # The broker is back: beat's flush task sends the outbox, a worker runs the digest.
    redis.start()
    workers.start(f"after-{fault}")
    current_app.send_task("portal.tasks.flush_outbox")

    def digest_sent():
        waiting.refresh_from_db()
        return waiting.sent_at and DigestDelivery.objects.filter(summary=summary).count() == len(
            people
        )

    wait_for(digest_sent, timeout=30, interval=0.3, what="the outbox to be sent")
    wait_for(lambda: len(mailbox.delivered()) == len(people), timeout=10, what="the mails")
    assert sorted(mailbox.delivered()) == sorted(p.email for p in people)


@pytest.fixture(autouse=True)
def _no_leftover_outbox():
    OutboxMessage.objects.filter(sent_at__isnull=True).delete()
