"""A 5 KB spreadsheet with one cell at a far address must not exhaust the worker that gets it.

Before the fix (issue #16), Z1048576 took 2.7 s and pushed a worker from 131 MB to 986 MB, and
XFD1048576 made the sheet reader ask for 512 GiB and abort the worker. Here both go to a real
gunicorn with one sync worker, so that the worker measured is the one that answered: the answer
comes within a second, the worker's resident memory grows by less than 50 MB, and the same
worker answers the next request. The numbers are printed for the closing note of the issue.
"""

import subprocess
from pathlib import Path

import pytest

from tests.faults.conftest import (
    LOG_DIR,
    ROOT,
    VENV_BIN,
    Browser,
    WebServer,
    _process_env,
    free_port,
    stop_process_group,
    track,
    wait_for,
)
from tests.marketinfo import sheet_files
from tests.marketinfo.factories import SummaryFactory

MAX_SECONDS = 1.0
MAX_GROWTH_BYTES = 50 * 1024 * 1024
REFUSED = "har en celle langt utenfor tabellen"


@pytest.fixture(scope="module")
def one_worker():
    """gunicorn as the `web` fixture starts it, with one worker instead of two."""
    port = free_port()
    log = open(LOG_DIR / "gunicorn-far-cells.log", "ab")  # noqa: SIM115 (closed at teardown)
    process = track(
        subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "portal.wsgi",
                f"--bind=127.0.0.1:{port}",
                "--workers=1",
                "--timeout=60",
                "--graceful-timeout=5",
            ],
            cwd=ROOT,
            env=_process_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    )
    server = WebServer(process, f"http://127.0.0.1:{port}")
    try:
        wait_for(server.is_alive, timeout=30, interval=0.2, what="gunicorn to answer")
        yield server
    finally:
        stop_process_group(process)
        log.close()


def _resident_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError(f"no VmRSS for {pid}")


def test_far_cell_sheets_are_refused_fast_and_leave_the_worker_as_it_was(one_worker, team, capsys):
    office, contact, _people = team(1)
    summary = SummaryFactory(office=office)
    browser = Browser(one_worker.url)
    browser.log_in(contact.username)
    path = f"/marked/uke/{summary.pk}/import/"
    assert browser.get(path).status == 200
    # Once, so that the refusal's code paths and templates are loaded before measuring.
    warm_up = browser.upload(path, "sheet", "ukesark.xlsx", sheet_files.far_cell_sheet("A10011"))
    assert REFUSED in warm_up.text
    [worker] = one_worker.worker_pids()

    measured = []
    for address in ("Z1048576", "XFD1048576"):
        content = sheet_files.far_cell_sheet(address)
        before = _resident_bytes(worker)
        response = browser.upload(path, "sheet", "ukesark.xlsx", content)
        after = _resident_bytes(worker)
        measured.append((address, len(content), response.elapsed, after - before, after))
        assert response.status == 200, response.text[:500]
        assert REFUSED in response.text and f"i {address}" in response.text
        assert response.elapsed < MAX_SECONDS, (address, response.elapsed)
        assert after - before < MAX_GROWTH_BYTES, (address, after - before)
        assert one_worker.worker_pids() == {worker}, "the worker was replaced"
        assert browser.get(path).status == 200
        assert one_worker.worker_pids() == {worker}

    with capsys.disabled():
        print("\nFar-cell sheets refused by a running gunicorn worker:")
        for address, size, seconds, growth, resident in measured:
            print(
                f"  {address}: {size} bytes, answered in {seconds * 1000:.0f} ms, worker RSS "
                f"{growth / 1024 / 1024:+.1f} MB (now {resident / 1024 / 1024:.0f} MB), "
                f"same worker pid {worker} answered the next request"
            )
