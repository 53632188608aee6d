"""PostgreSQL restarted under a running portal: the Norwegian 503 page meanwhile, never a 500
or a stack trace, and service again within 30 seconds without restarting the web server."""

import threading
import time

from tests.faults.conftest import Response

OUTAGE_SECONDS = 3
RECOVERY_LIMIT_SECONDS = 30
NORWEGIAN_503 = "Portalen er midlertidig utilgjengelig"
LEAKS = ("Traceback", "OperationalError", "psycopg", 'File "/')


def test_requests_during_a_postgres_restart_get_503_and_service_returns(
    postgres, web, browser, team
):
    _, contact, _ = team(1)
    browser.log_in(contact.username)
    assert browser.get("/").status == 200
    master, workers_before = web.process.pid, web.worker_pids()

    seen: list[tuple[float, Response | Exception]] = []
    stop = threading.Event()

    def keep_asking():
        while not stop.is_set():
            try:
                seen.append((time.monotonic(), browser.get("/", timeout=10)))
            except Exception as error:  # a refused or dropped connection counts against us
                seen.append((time.monotonic(), error))
            time.sleep(0.05)

    asker = threading.Thread(target=keep_asking, daemon=True)
    asker.start()
    try:
        time.sleep(0.5)
        postgres.stop()
        time.sleep(OUTAGE_SECONDS)
        postgres.start()
        started = time.monotonic()
        deadline = started + RECOVERY_LIMIT_SECONDS
        while time.monotonic() < deadline:
            if any(t > started and getattr(r, "status", 0) == 200 for t, r in seen):
                break
            time.sleep(0.1)
    finally:
        stop.set()
        asker.join(timeout=15)

    errors = [r for _, r in seen if isinstance(r, Exception)]
    assert not errors, f"requests failed outright: {errors[:3]}"
    statuses = [r.status for _, r in seen]
    assert set(statuses) <= {200, 503}, f"unexpected statuses: {sorted(set(statuses))}"
    unavailable = [r for _, r in seen if r.status == 503]
    assert unavailable, "no request fell into the outage: the test proved nothing"
    for response in unavailable:
        assert NORWEGIAN_503 in response.text
        assert not any(leak in response.text for leak in LEAKS), response.text
        assert response.headers["Retry-After"] == "30"
    back = [t for t, r in seen if t > started and r.status == 200]
    assert back, f"no 200 within {RECOVERY_LIMIT_SECONDS} s after PostgreSQL started"
    assert (web.process.pid, web.worker_pids()) == (master, workers_before)
    assert browser.get("/").status == 200  # and still signed in
    print(
        f"\nPostgreSQL restart: {len(seen)} requests, {len(unavailable)} got 503, "
        f"first 200 {back[0] - started:.2f} s after the start, "
        f"slowest 503 {max(r.elapsed for r in unavailable):.2f} s"
    )
