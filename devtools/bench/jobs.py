"""The scheduled and heavy jobs: freshness refresh, a day's reminders and digests, a
10,000-row sheet import and the duplicate-contact warning.

Jobs that write run inside `transaction.atomic()` and are rolled back after they are timed,
so the data set is the same for the next run. Work handed to Celery after a commit
(`transaction.on_commit`) is therefore never handed over: what is timed is the job itself.

A day's reminders and digests run in a process of their own (`python -m devtools.bench.worker`),
as a Celery worker would, so that its resident memory is the jobs' and not the page
benchmark's.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from devtools.bench import mail
from devtools.bench.measure import measure_callable, percentile, round_ms

if TYPE_CHECKING:
    from devtools.bench.fixtures import Fixtures

FRESHNESS_S = 2.0
DAY_S = 120.0
WORKER_MB = 300.0
IMPORT_S = 5.0
IMPORT_ROWS = 10_000


class Rollback(Exception):
    pass


def _timed(function):
    started = time.perf_counter()
    value = function()
    return value, time.perf_counter() - started


def memory_mb() -> dict[str, float]:
    """Resident memory of this process now (VmRSS) and at its peak (VmHWM), in MB."""
    values = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _sep, rest = line.partition(":")
        if key in {"VmRSS", "VmHWM"}:
            values[key] = round(int(rest.split()[0]) / 1024, 1)
    return values


# --- freshness ------------------------------------------------------------------------------


def freshness_refresh(runs: int = 3) -> dict:
    """The hourly refresh over all content, each run rolled back (the states it sets stay)."""
    from portal.services import freshness_refresh as refresh

    seconds = []
    changes = {}
    for _ in range(runs):
        with transaction.atomic():
            run, elapsed = _timed(refresh)
            changes = run.changes
            transaction.set_rollback(True)
        seconds.append(elapsed)
    return {
        "name": "Freshness refresh over all content",
        "runs_s": [round(s, 3) for s in seconds],
        "median_s": round(sorted(seconds)[len(seconds) // 2], 3),
        "max_s": round(max(seconds), 3),
        "budget_s": FRESHNESS_S,
        "met": max(seconds) <= FRESHNESS_S,
        "changes": changes,
    }


# --- a day's reminders and digests (in a worker process) -------------------------------------


def data_set_now():
    """The moment the data set stands at. seed_scale dates the bench accounts 30 days before
    its `now` (devtools/scale/portal.py), so a day's jobs do that day's work, however long ago
    the data set was built; today for anything else."""
    from portal.models import User

    joined = (
        User.objects.filter(username="bench_advisor").values_list("date_joined", flat=True).first()
    )
    now = timezone.now()
    if joined is None or joined + timedelta(days=30) > now:
        return now
    return joined + timedelta(days=30)


def _summaries_of_the_day(as_of) -> list[int]:
    """The summaries published in the data set's last day: the ones not digested yet."""
    from marketinfo.models import DigestDelivery, Summary
    from portal.models import Notification

    ids = list(
        Summary.objects.published()
        .filter(published_at__gt=as_of - timedelta(days=1), published_at__lte=as_of)
        .values_list("pk", flat=True)
    )
    # Should anything have sent them since the data set was built: as on the day (rolled back).
    DigestDelivery.objects.filter(summary_id__in=ids).delete()
    Notification.objects.filter(dedup_key__in=[f"summary:{pk}" for pk in ids]).delete()
    return ids


def day_of_jobs() -> dict:
    """Run what beat runs in a day, as the worker would, and roll it all back."""
    from employers.services import follow_ups_remind
    from learning.services.reminders import reminders_send
    from marketinfo.services import summary_send_digest
    from portal.models import User
    from portal.services import digests_send

    before = memory_mb()
    as_of = data_set_now()
    today = timezone.localdate(as_of)
    steps = []

    def step(name, function):
        value, elapsed = _timed(function)
        steps.append({"name": name, "seconds": round(elapsed, 3), "result": value})

    with transaction.atomic():
        summary_ids = _summaries_of_the_day(as_of)
        step(
            "learning reminders (due in a week, tomorrow, overdue, escalations)",
            lambda: reminders_send(today=today),
        )
        step("employer follow-up reminders", lambda: follow_ups_remind(today=today))
        step(
            f"weekly-summary digests ({len(summary_ids)} summaries published that day)",
            lambda: sum(summary_send_digest(summary_id=pk) for pk in summary_ids),
        )
        step("daily notification digest", lambda: digests_send(frequency="daily"))
        step("weekly notification digest (Mondays)", lambda: digests_send(frequency="weekly"))
        transaction.set_rollback(True)
    total = sum(s["seconds"] for s in steps)
    after = memory_mb()
    return {
        "name": "One day's reminders and digests",
        "users": User.objects.filter(is_active=True).count(),
        "day": today.isoformat(),
        "steps": steps,
        "total_s": round(total, 3),
        "budget_s": DAY_S,
        "met": total <= DAY_S,
        "mails": dict(mail.sent),
        "memory_mb": {"before": before, "after": after},
        "rss_peak_mb": after.get("VmHWM"),
        "memory_budget_mb": WORKER_MB,
        "memory_met": after.get("VmHWM", 0) <= WORKER_MB,
    }


def day_of_jobs_in_worker() -> dict:
    completed = subprocess.run(
        [sys.executable, "-m", "devtools.bench.worker"],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=False,
    )
    if completed.returncode != 0:
        return {
            "name": "One day's reminders and digests",
            "error": completed.stderr.strip()[-3000:] or f"exit {completed.returncode}",
            "met": False,
            "memory_met": False,
        }
    return json.loads(completed.stdout.strip().splitlines()[-1])


# --- the 10,000-row sheet ------------------------------------------------------------------


def _sheet(rows: int) -> bytes:
    """A market contact's sheet: vacancies at employers in the register, and programme places."""
    from openpyxl import Workbook

    from employers.models import Employer
    from marketinfo.sheets import TEMPLATE_COLUMNS

    employers = list(
        Employer.objects.active().order_by("pk").values_list("organisation_number", "name")[:2000]
    )
    deadline = (timezone.localdate() + timedelta(days=30)).strftime("%d.%m.%Y")
    # An ordinary workbook, as Excel saves it: with its dimensions, which openpyxl's read-only
    # mode otherwise finds by reading the whole sheet an extra time.
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Ukesark"
    sheet.append([name for _key, name in TEMPLATE_COLUMNS])
    for n in range(rows):
        if employers and n % 3:
            number, name = employers[n % len(employers)]
            sheet.append(
                ["Stilling", number, name, f"Kantinemedarbeider {n}", 1 + n % 4, "Kokk",
                 "Risør", deadline, "Fagbrev er en fordel",
                 f"https://arbeidsplassen.nav.no/stillinger/{n}", "", None, "", ""]
            )  # fmt: skip
        else:
            sheet.append(
                ["Tiltaksplass", "", "", "", None, "", "Risør", "", "", "", "Arbeidstrening",
                 1 + n % 6, "Risør Arbeidssenter", deadline]
            )  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_import(fixtures: Fixtures, client: Client, rows: int = IMPORT_ROWS) -> dict:
    """Upload (parse and check), preview and confirm, through the views, as the market contact;
    rolled back."""
    from marketinfo.models import Item, current_iso_week
    from marketinfo.services import summary_open

    result = {"name": f"Sheet import, {rows:,} rows (upload + preview + confirm)"}
    market = fixtures.users["bench_market"]
    content = _sheet(rows)
    result["file_bytes"] = len(content)
    steps = {}
    try:
        with transaction.atomic():
            year, week = current_iso_week()
            summary, _created = summary_open(
                user=market, year=year, week=week, office=market.office
            )
            before = Item.objects.filter(summary=summary).count()
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "ukesark.xlsx"
                path.write_bytes(content)
                with path.open("rb") as upload:
                    response, steps["upload_s"] = _timed(
                        lambda: client.post(
                            reverse("marketinfo:import_upload", args=[summary.pk]),
                            {"sheet": upload},
                        )
                    )
            if response.status_code != 302:
                raise RuntimeError(f"upload answered {response.status_code}, expected 302")
            preview_url = response["Location"]
            response, steps["preview_s"] = _timed(lambda: client.get(preview_url))
            if response.status_code != 200:
                raise RuntimeError(f"preview answered {response.status_code}")
            response, steps["confirm_s"] = _timed(
                lambda: client.post(preview_url, {"create_employers": "on"})
            )
            if response.status_code != 302:
                raise RuntimeError(f"confirm answered {response.status_code}, expected 302")
            result["items_written"] = Item.objects.filter(summary=summary).count() - before
            transaction.set_rollback(True)
    except Exception as failed:
        result["error"] = f"{type(failed).__name__}: {failed}"
    result["steps_s"] = {key: round(value, 3) for key, value in steps.items()}
    total = sum(steps.values())
    result["total_s"] = round(total, 3)
    result["budget_s"] = IMPORT_S
    result["met"] = (
        "error" not in result and result.get("items_written") == rows and (total <= IMPORT_S)
    )
    return result


# --- the duplicate-contact warning -----------------------------------------------------------


def duplicate_warning(fixtures: Fixtures, runs: int) -> dict:
    from employers.models import Topic
    from employers.queries import duplicate_matches

    employer = fixtures.busy_employer
    if employer is None:
        return {"name": "Duplicate-contact warning query", "error": "no employer", "met": False}
    matches = duplicate_matches(employer, topics=[Topic.RECRUITMENT])
    measured = measure_callable(
        "duplicate_matches",
        lambda: duplicate_matches(employer, topics=[Topic.RECRUITMENT]),
        runs=runs,
    )
    return {
        "name": f"Duplicate-contact warning query ({employer.name}, "
        f"{fixtures.busy_employer_recent} contacts in 30 days)",
        "runs": len(measured.samples_ms),
        "p50_ms": round_ms(percentile(measured.samples_ms, 50)),
        "p95_ms": round_ms(percentile(measured.samples_ms, 95)),
        "queries": measured.typical_queries,
        "matches_shown": len(matches),
        "error": measured.error,
    }
