"""The load test's journeys (`make bench-load`, scripts/bench-load.sh).

Real people of many offices sign in through the login form, then open pages the way their role
does, with the weights below. Every simulated user keeps its own clock: one request every
`users / rate` seconds, starting at a random point of its first interval, so the requests
arrive spread over each second instead of in one burst. A page's htmx parts that load with it
(dashboard panels; the notification count when the header has none cached) are fetched right
after it, as a browser does, and
use up the user's next slots. Only GETs: the journeys read, and the pages write what they write
anyway (session, view counts, the feed's reading visit); nothing is created or changed.

`LoadPlan` runs the phases in one locust process, so nobody signs in twice: sign-in (not
measured), a warm-up, the steady run at LOAD_RATE for LOAD_DURATION, then steps of
LOAD_STEP_SECONDS at rising rates until p95 reaches 300 ms, a request fails or the rate is no
longer reached (or at falling rates, until one holds, when the steady rate itself did not),
then halving the gap between the highest rate held and the lowest not held.
Each phase's page requests are timed here, apart from the sign-ins, and written to LOAD_RESULTS
for `python -m devtools.bench.load report`.
"""

from __future__ import annotations

import html
import json
import logging
import math
import os
import random
import re
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

import gevent
from gevent.lock import BoundedSemaphore
from locust import LoadTestShape, constant, events
from locust import __version__ as locust_version
from locust.contrib.fasthttp import FastHttpUser

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from devtools.bench.load import children_of  # locust itself puts only devtools/bench/ on the path

logger = logging.getLogger("devtools.bench.load")


def _seconds(value: str) -> float:
    """'300', '30s', '5m' → seconds."""
    value = value.strip().lower()
    if value.endswith("m"):
        return float(value[:-1]) * 60
    return float(value.removesuffix("s"))


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


RATE = float(_env("LOAD_RATE", "100"))
DURATION = _seconds(_env("LOAD_DURATION", "300"))
WARMUP = _seconds(_env("LOAD_WARMUP", "20"))
USERS = int(_env("LOAD_USERS", "120"))
SPAWN_RATE = float(_env("LOAD_SPAWN_RATE", "10"))
LOGIN_TIMEOUT = _seconds(_env("LOAD_LOGIN_TIMEOUT", "240"))
STEP_START = float(_env("LOAD_STEP_START", "120"))
STEP_INCREMENT = float(_env("LOAD_STEP_INCREMENT", "30"))
STEP_SECONDS = _seconds(_env("LOAD_STEP_SECONDS", "30"))
STEP_BUDGET = _seconds(_env("LOAD_STEP_BUDGET", "240"))
STEP_P95_MS = float(_env("LOAD_STEP_P95_MS", "300"))
# The steps stop when the highest rate held and the lowest not held are this close.
STEP_RESOLUTION = float(_env("LOAD_STEP_RESOLUTION", "5"))
# After the rate changes, users finish the interval they were in and the server's queue from
# the previous rate drains: not counted.
SETTLE = 5.0
# How long a closed window waits for its last requests before counting them as errors.
GRACE = 10.0
PASSWORD = _env("LOAD_PASSWORD", "bench")
# A sign-in costs about 0.7 s of CPU (PBKDF2): a few at a time, as many as there are workers,
# so that 120 of them queue here rather than time out in gunicorn's backlog.
SIGN_IN_AT_ONCE = BoundedSemaphore(int(_env("LOAD_WORKERS", "3")))
GUNICORN_PID = int(_env("LOAD_GUNICORN_PID", "0"))

HTMX_ON_LOAD = re.compile(r"<[^>]*\bhx-get=\"([^\"]+)\"[^>]*\bhx-trigger=\"load")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@cache
def catalogue() -> dict:
    """People and pages from `python -m devtools.bench.load catalogue` (read once per process)."""
    return json.loads(Path(os.environ["LOAD_CATALOGUE"]).read_text())


# --- measuring ------------------------------------------------------------------------------


def _percentile(ordered: list[float], share: float) -> float | None:
    """Nearest-rank percentile of sorted values."""
    if not ordered:
        return None
    rank = max(1, math.ceil(share * len(ordered)))
    return round(ordered[rank - 1], 1)


def _cpu_jiffies(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


def _cpu_snapshot() -> dict:
    """CPU time so far: the whole machine, gunicorn (master and workers) and this process."""
    first = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    total = sum(int(v) for v in first[:8])
    idle = int(first[3]) + int(first[4])
    gunicorn = 0
    if GUNICORN_PID:
        gunicorn = sum(_cpu_jiffies(p) for p in [GUNICORN_PID, *children_of(GUNICORN_PID)])
    own = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "at": time.monotonic(),
        "busy": total - idle,
        "gunicorn": gunicorn,
        "locust": own.ru_utime + own.ru_stime,
    }


def _cpu_between(start: dict, end: dict) -> dict:
    """Shares of one core over the interval (200 % is the whole of a 2-core machine)."""
    seconds = max(end["at"] - start["at"], 1e-6)
    hz = os.sysconf("SC_CLK_TCK")
    return {
        "machine_percent": round(100 * (end["busy"] - start["busy"]) / hz / seconds),
        "gunicorn_percent": round(100 * (end["gunicorn"] - start["gunicorn"]) / hz / seconds),
        "locust_percent": round(100 * (end["locust"] - start["locust"]) / seconds),
    }


@dataclass
class Phase:
    """The page requests issued in one window of time, each timed until it has finished.

    A request belongs to the window it was issued in, however late it ends; the window is
    summarised once its last request is back (or GRACE seconds after it closed, when the ones
    still running count as errors), while the load goes on at the same rate.
    """

    label: str
    target_rps: float
    window_start: float
    window_end: float | None = None
    in_flight: int = 0
    times: list[float] = field(default_factory=list)
    full_page_times: list[float] = field(default_factory=list)
    issued: list[float] = field(default_factory=list)
    errors: int = 0
    pages: dict[str, list[float]] = field(default_factory=dict)
    page_errors: dict[str, int] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)
    cpu_start: dict = field(default_factory=dict)
    cpu_end: dict = field(default_factory=dict)

    def counts(self, issued: float) -> bool:
        return issued >= self.window_start and (self.window_end is None or issued < self.window_end)

    def begin(self, issued: float) -> bool:
        if not self.counts(issued):
            return False
        self.in_flight += 1
        self.issued.append(issued)
        return True

    def add(self, name: str, elapsed_ms: float, error: str | None, htmx: bool) -> None:
        self.in_flight -= 1
        self.times.append(elapsed_ms)
        if not htmx:
            self.full_page_times.append(elapsed_ms)
        self.pages.setdefault(name, []).append(elapsed_ms)
        if error:
            self.errors += 1
            self.page_errors[name] = self.page_errors.get(name, 0) + 1
            if len(self.error_samples) < 20:
                self.error_samples.append(error)

    def end_window(self) -> None:
        self.window_end = time.monotonic()
        self.cpu_end = _cpu_snapshot()

    def finished(self) -> bool:
        return self.window_end is not None and (
            self.in_flight == 0 or time.monotonic() - self.window_end > GRACE
        )

    def summary(self, with_pages: bool) -> dict:
        seconds = max((self.window_end or time.monotonic()) - self.window_start, 1e-6)
        ordered = sorted(self.times)
        unfinished = self.in_flight
        errors = self.errors + unfinished
        if unfinished:
            self.error_samples.append(f"{unfinished} still running {GRACE:.0f} s after the window")
        result = {
            "label": self.label,
            "target_rps": round(self.target_rps),
            "seconds": round(seconds, 1),
            "requests": len(self.issued),
            "achieved_rps": round(len(self.issued) / seconds, 1),
            "errors": errors,
            "error_samples": self.error_samples,
            "p50_ms": _percentile(ordered, 0.50),
            "p95_ms": _percentile(ordered, 0.95),
            "p99_ms": _percentile(ordered, 0.99),
            "max_ms": round(ordered[-1], 1) if ordered else None,
            "cpu": _cpu_between(self.cpu_start, self.cpu_end),
        }
        # CPU time per request depends less on what else the machine runs than latency does.
        if self.issued:
            for who in ("gunicorn", "locust"):
                share = result["cpu"][f"{who}_percent"] / 100 * seconds
                result["cpu"][f"{who}_ms_per_request"] = round(1000 * share / len(self.issued), 1)
        # The htmx parts (the notification count after every page, above all) are cheap;
        # whole pages alone, for comparison:
        full_pages = sorted(self.full_page_times)
        result["full_pages"] = {
            "requests": len(full_pages),
            "p50_ms": _percentile(full_pages, 0.50),
            "p95_ms": _percentile(full_pages, 0.95),
            "p99_ms": _percentile(full_pages, 0.99),
        }
        if self.issued:
            per_second = [0] * max(1, int(seconds))
            per_tenth: dict[int, int] = {}
            for moment in self.issued:
                offset = moment - self.window_start
                per_second[min(int(offset), len(per_second) - 1)] += 1
                per_tenth[int(offset * 10)] = per_tenth.get(int(offset * 10), 0) + 1
            result["arrivals_per_second"] = {"min": min(per_second), "max": max(per_second)}
            result["arrivals_per_100ms_max"] = max(per_tenth.values())
        if with_pages:
            result["pages"] = {
                name: {
                    "requests": len(values),
                    "errors": self.page_errors.get(name, 0),
                    "p50_ms": _percentile(sorted(values), 0.50),
                    "p95_ms": _percentile(sorted(values), 0.95),
                    "p99_ms": _percentile(sorted(values), 0.99),
                }
                for name, values in self.pages.items()
            }
        return result


class Plan:
    """What the users do now: sign in, or keep a rate; and which window is being measured."""

    def __init__(self) -> None:
        self.rate: float | None = None  # None: no page requests (signing in, or finished)
        self.phase: Phase | None = None
        self.signed_in = 0
        self.sign_in_failures: list[str] = []
        self.people: set[str] = set()
        self.offices: set[int] = set()

    def interval(self) -> float | None:
        if self.rate is None or not self.signed_in:
            return None
        return self.signed_in / self.rate


PLAN = Plan()


# --- the users ------------------------------------------------------------------------------


class PortalUser(FastHttpUser):
    """One person of the catalogue, signed in, keeping the plan's rate."""

    abstract = True
    journey = ""
    # The pacing is in `visit`, per request, so the tasks themselves never wait.
    wait_time = constant(0)
    _handed_out: dict[str, int] = {}

    def on_start(self) -> None:
        people = catalogue()["people"][self.journey]
        turn = PortalUser._handed_out.get(self.journey, 0)
        PortalUser._handed_out[self.journey] = turn + 1
        self.person = people[turn % len(people)]
        number = sum(PortalUser._handed_out.values())
        # Each person gets an address of their own, as in the offices; the server reads it
        # only with TRUSTED_PROXY_COUNT set. The login limit per address counts failed logins
        # only (portal.ratelimit), so the sign-ins pass behind one address too.
        self.address = f"127.1.{number // 250}.{number % 250 + 1}"
        self.next_slot: float | None = None
        self.rng = random.Random(number)
        with SIGN_IN_AT_ONCE:
            self.sign_in()

    def _headers(self, htmx: bool = False) -> dict:
        headers = {"X-Forwarded-For": self.address}
        if htmx:
            headers["HX-Request"] = "true"
        return headers

    def sign_in(self) -> None:
        username = self.person["username"]
        form = self.client.get(
            "/konto/logg-inn/", name="innlogging: skjema", headers=self._headers()
        )
        token = CSRF_FIELD.search(form.text or "")
        if form.status_code != 200 or token is None:
            PLAN.sign_in_failures.append(f"{username}: the form answered {form.status_code}")
            return
        body = urlencode(
            {
                "csrfmiddlewaretoken": token.group(1),
                "username": username,
                "password": PASSWORD,
                "next": "",
            }
        )
        with self.client.post(
            "/konto/logg-inn/",
            name="innlogging: send",
            data=body,
            headers={
                **self._headers(),
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"{self.host}/konto/logg-inn/",
            },
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 302 or "logg-inn" in answer.headers.get("Location", ""):
                answer.failure(f"sign-in answered {answer.status_code}")
                PLAN.sign_in_failures.append(f"{username}: sign-in answered {answer.status_code}")
                return
        PLAN.signed_in += 1
        PLAN.people.add(username)
        PLAN.offices.add(self.person["office_id"])

    def _wait_for_slot(self) -> None:
        interval = PLAN.interval()
        while interval is None:
            gevent.sleep(0.25)
            interval = PLAN.interval()
        now = time.monotonic()
        if self.next_slot is None:
            # The random start: without it all users would fire in the same instant.
            self.next_slot = now + self.rng.uniform(0, interval)
        if self.next_slot > now:
            gevent.sleep(self.next_slot - now)
        else:
            self.next_slot = now  # behind: go on from now rather than catch up in a burst

    def _get(self, path: str, name: str, htmx: bool = False) -> str:
        issued = time.monotonic()
        self.next_slot = (self.next_slot or issued) + (PLAN.interval() or 0)
        phase = PLAN.phase
        counted = phase is not None and phase.begin(issued)
        with self.client.get(
            path,
            name=name,
            headers=self._headers(htmx),
            allow_redirects=False,
            catch_response=True,
        ) as response:
            error = None
            if response.status_code != 200:
                error = f"{response.status_code} {path} ({self.person['username']})"
                response.failure(error)
            if counted:
                phase.add(name, response.request_meta["response_time"], error, htmx)
            return (response.text or "") if error is None else ""

    def visit(self, path: str, name: str, htmx: bool = False) -> str:
        """Open a page when the user's clock says so, then what htmx loads with it."""
        self._wait_for_slot()
        page = self._get(path, name, htmx)
        if not htmx:
            for part in HTMX_ON_LOAD.findall(page):
                part = html.unescape(part)
                self._get(part, f"htmx {part.split('?')[0]}", htmx=True)
        return page

    def pick(self, kind: str):
        return self.rng.choice(catalogue()[kind])


# --- what people open ------------------------------------------------------------------------
# Paths are named by their pattern in the statistics, so each row is one view.


def page(name: str, fill: Callable[[PortalUser], object] | None = None) -> Callable:
    """A task that opens one page. `name` is its path as the statistics show it, with the part
    that varies in square brackets; `fill(user)` gives that part for each visit."""
    before, _bracket, rest = name.partition("[")
    after = rest.partition("]")[2]

    def visit(user: PortalUser) -> None:
        user.visit(f"{before}{fill(user)}{after}" if fill else name, name)

    visit.__name__ = name  # what locust's task ratios call it
    return visit


dashboard = page("/")
learning_index = page("/laering/")
my_learning = page("/laering/mine/")
network = page("/marked/nettverk/")
contact_log = page("/arbeidsgivere/logg/")
follow_ups = page("/arbeidsgivere/oppfolging/")
planned_contacts = page("/arbeidsgivere/planlagt/")
callbacks = page("/arbeidsgivere/tilbakeringing/")
notifications = page("/varsler/")
glossary = page("/begreper/")
editor_desk = page("/laering/redaktor/")
review_report = page("/rapporter/gjennomgang/")
module = page("/laering/moduler/[slug]/", lambda user: user.pick("modules"))
learning_path = page("/laering/stier/[slug]/", lambda user: user.pick("paths"))
my_progress = page("/laering/person/[id]/", lambda user: user.person["id"])
summary = page("/marked/uke/[id]/", lambda user: user.pick("summaries"))
board = page("/marked/tavle/[kontor]/", lambda user: user.person["office_slug"])
employer = page("/arbeidsgivere/[orgnr]/", lambda user: user.pick("employers"))
guide = page("/arbeidsgivere/samtaleguider/[slug]/", lambda user: user.pick("guides"))
office_overview = page("/laering/kontor/[kontor]/", lambda user: user.person["office_slug"])
office_matrix = page("/laering/kontor/[kontor]/matrise/", lambda user: user.person["office_slug"])
colleague = page("/laering/person/[id]/", lambda user: user.rng.choice(user.person["colleagues"]))


def search(user: PortalUser) -> None:
    word = user.pick("search_words")
    if user.rng.random() < 0.3:
        # Typing in the header's search field: suggestions through htmx before the page.
        user.visit("/sok/?" + urlencode({"q": word[:4]}), "/sok/?q=[ord] (forslag)", htmx=True)
    user.visit("/sok/?" + urlencode({"q": word}), "/sok/?q=[ord]")


def market_feed(user: PortalUser) -> None:
    scope = user.rng.choice(["", "", "region", "country"])
    if scope:
        user.visit(f"/marked/?scope={scope}", "/marked/?scope=[omfang]")
    else:
        user.visit("/marked/", "/marked/")


def employer_search(user: PortalUser) -> None:
    query = user.pick("employer_queries")
    user.visit("/arbeidsgivere/?" + urlencode({"q": query}), "/arbeidsgivere/?q=[navn]")


# --- the roles and their weights -------------------------------------------------------------
# `weight` is the role's share of the simulated users; `tasks` how often each view is chosen.


class Advisor(PortalUser):
    """A veileder between meetings: what is due, a module, the local market, an employer."""

    weight = 12
    journey = "advisor"
    tasks = {
        dashboard: 6,
        search: 3,
        module: 4,
        learning_index: 1,
        learning_path: 1,
        my_learning: 2,
        my_progress: 1,
        market_feed: 3,
        summary: 2,
        board: 1,
        employer_search: 2,
        employer: 3,
        contact_log: 1,
        follow_ups: 1,
        planned_contacts: 1,
        guide: 1,
        notifications: 1,
        glossary: 1,
    }


class Manager(PortalUser):
    """A leder following the office: overview, matrix, people, and the same daily pages."""

    weight = 3
    journey = "manager"
    tasks = {
        dashboard: 6,
        office_overview: 3,
        office_matrix: 2,
        colleague: 3,
        search: 2,
        module: 1,
        market_feed: 2,
        employer: 1,
        planned_contacts: 1,
        callbacks: 1,
        notifications: 1,
    }


class MarketContact(PortalUser):
    """A markedskontakt: the feed and summaries, employers and their log, callbacks."""

    weight = 3
    journey = "market"
    tasks = {
        dashboard: 5,
        market_feed: 4,
        summary: 3,
        board: 1,
        network: 1,
        employer_search: 4,
        employer: 5,
        contact_log: 2,
        follow_ups: 1,
        planned_contacts: 1,
        callbacks: 2,
        search: 2,
    }


class Editor(PortalUser):
    """A fagredaktør: their desk, modules and guides, the review report."""

    weight = 2
    journey = "editor"
    tasks = {
        dashboard: 5,
        editor_desk: 3,
        module: 4,
        learning_index: 1,
        learning_path: 1,
        guide: 2,
        glossary: 1,
        review_report: 1,
        search: 2,
        market_feed: 1,
    }


# --- the phases ------------------------------------------------------------------------------


def _held(summary: dict) -> bool:
    """A rate is held when p95 stays under the limit, nothing fails and the rate is reached."""
    return (
        summary["p95_ms"] is not None
        and summary["p95_ms"] < STEP_P95_MS
        and summary["errors"] == 0
        and summary["achieved_rps"] >= 0.95 * summary["target_rps"]
    )


class LoadPlan(LoadTestShape):
    """Sign-in → warm-up → LOAD_RATE for LOAD_DURATION → rising steps; then stop.

    Locust asks `tick` every second for the number of users; the rate is the plan's.
    """

    def __init__(self) -> None:
        super().__init__()
        self.stage = "login"
        self.stage_started = time.monotonic()
        self.length = LOGIN_TIMEOUT
        self.results: dict = {"steps": []}
        self.step_rate = STEP_START
        self.held_rate = 0.0
        self.failed_rate: float | None = None
        self.steps_started = 0.0
        self.written = False

    def _begin(self, stage: str, rate: float, length: float, label: str) -> None:
        self.stage, self.length = stage, length
        self.stage_started = time.monotonic()
        PLAN.rate = rate
        settle = SETTLE if stage == "step" else 0.0
        PLAN.phase = Phase(label=label, target_rps=rate, window_start=self.stage_started + settle)
        PLAN.phase.cpu_start = _cpu_snapshot()
        logger.info("load plan: %s at %s requests/s", label, rate)

    def _finish(self, reason: str | None = None) -> None:
        self.stage = "done"
        PLAN.rate = None
        PLAN.phase = None
        if reason:
            self.results["aborted"] = reason
        self.write()

    def write(self) -> None:
        if self.written:
            return
        self.written = True
        self.results.update(
            users=PLAN.signed_in,
            people=len(PLAN.people),
            offices=len(PLAN.offices),
            sign_in_failures=PLAN.sign_in_failures[:20],
            locust_version=locust_version,
        )
        out = os.environ.get("LOAD_RESULTS")
        if out:
            Path(out).write_text(json.dumps(self.results, indent=1, ensure_ascii=False))

    def _signing_in(self, elapsed: float) -> None:
        if PLAN.sign_in_failures:
            self._finish(f"innlogging feilet: {PLAN.sign_in_failures[0]}")
        elif PLAN.signed_in >= USERS:
            self.results["login"] = {"users": PLAN.signed_in, "seconds": round(elapsed, 1)}
            self._begin("warmup", RATE, WARMUP, "oppvarming")
        elif elapsed > LOGIN_TIMEOUT:
            self._finish(f"bare {PLAN.signed_in} av {USERS} logget inn på {LOGIN_TIMEOUT:.0f} s")

    def _next_after(self, summary: dict) -> None:
        """A window is summarised: record it and start the next stage.

        The steps climb from LOAD_STEP_START while the steady rate held; when even that did
        not hold, they go down from it instead, so the report still says what rate does. Once
        one rate held and another did not, they narrow the gap between the two.
        """
        if self.stage == "warmup":
            self.results["warmup"] = summary
            self._begin("main", RATE, DURATION, "hovedløp")
            return
        summary["held"] = _held(summary)
        if self.stage == "main":
            self.results["main"] = summary
            if STEP_BUDGET <= 0:
                self._finish()
                return
            self.steps_started = time.monotonic()
            self.held_rate = RATE if summary["held"] else 0.0
            self.failed_rate = None if summary["held"] else RATE
            self.step_rate = STEP_START if summary["held"] else RATE - STEP_INCREMENT
        else:
            self.results["steps"].append(summary)
            reason = (
                f"p95 {summary['p95_ms']} ms, {summary['errors']} feil, "
                f"{summary['achieved_rps']} av {summary['target_rps']} req/s"
            )
            if summary["held"]:
                self.held_rate = max(self.held_rate, self.step_rate)
            else:
                self.failed_rate = min(self.failed_rate or self.step_rate, self.step_rate)
            # Climb while it holds and nothing has failed yet, go down until something holds;
            # then halve the gap between the highest rate held and the lowest that was not.
            if self.failed_rate is None:
                self.step_rate += STEP_INCREMENT
            elif self.held_rate <= 0:
                self.step_rate -= STEP_INCREMENT
            elif self.failed_rate - self.held_rate <= STEP_RESOLUTION:
                self.results["step_stop_reason"] = (
                    f"holdt {self.held_rate:.0f}, ikke {self.failed_rate:.0f} req/s; {reason}"
                )
                self._finish()
                return
            else:
                self.step_rate = round((self.held_rate + self.failed_rate) / 2)
        if self.step_rate <= 0:
            self.results["step_stop_reason"] = "ingen rate holdt"
            self._finish()
            return
        spent = time.monotonic() - self.steps_started
        if spent + SETTLE + STEP_SECONDS > STEP_BUDGET:
            self.results["step_stop_reason"] = f"tidsgrensen for trinnene ({STEP_BUDGET:.0f} s)"
            self._finish()
            return
        self._begin("step", self.step_rate, SETTLE + STEP_SECONDS, f"trinn {self.step_rate:.0f}")

    def tick(self):
        elapsed = time.monotonic() - self.stage_started
        if self.stage == "login":
            self._signing_in(elapsed)
        elif self.stage != "done":
            phase = PLAN.phase
            if phase.window_end is None and elapsed >= self.length:
                phase.end_window()
            if phase.finished():
                self._next_after(phase.summary(with_pages=self.stage == "main"))
        if self.stage == "done":
            return None
        return USERS, SPAWN_RATE


@events.quitting.add_listener
def _write_what_we_have(environment, **_kwargs) -> None:
    """Stopped early (Ctrl-C, the script's time bound): keep what was measured, the window
    that was running included."""
    shape = environment.shape_class
    if not isinstance(shape, LoadPlan) or shape.written:
        return
    shape.results.setdefault("aborted", "stoppet før planen var ferdig")
    phase = PLAN.phase
    if phase is not None and phase.issued:
        if phase.window_end is None:
            phase.end_window()
        summary = phase.summary(with_pages=shape.stage == "main")
        if shape.stage == "step":
            summary["held"] = False
            shape.results["steps"].append(summary)
        elif shape.stage in ("warmup", "main"):
            shape.results[shape.stage] = summary
    shape.write()
