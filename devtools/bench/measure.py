"""Timing requests through the whole Django stack with the test client.

Each request is timed with `time.perf_counter` around `Client.get`, and its queries are
counted by a database execute wrapper (one function call per query, so counting does not
distort the timing). One extra request per target runs under `CaptureQueriesContext` to keep
the SQL of pages that go over the query budget.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.core.cache import cache
from django.db import close_old_connections, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


class PageFailed(Exception):
    """A page answered with an unexpected status or raised: the benchmark cannot judge it."""


@dataclass
class Target:
    """One URL as one bench user sees it."""

    name: str
    group: str  # floor, page, partial, search, search-partial
    user: str
    url: str
    budget_ms: float | None
    htmx: bool = False
    query_budget: int | None = 10
    expect: tuple[int, ...] = (200,)
    # The view's rate limit (portal.ratelimit) would answer 429 after this many requests a
    # minute; its counter is cleared before each request, outside the timing.
    rate_limit_scope: str = ""
    note: str = ""
    # Run before every request, outside the timing: a first search forgets what the search
    # cache holds, so that each request is a first, uncached one.
    before_each: Callable[[], None] | None = None


@dataclass
class Result:
    name: str
    group: str
    user: str
    url: str
    htmx: bool
    budget_ms: float | None
    query_budget: int | None
    samples_ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    sql: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    note: str = ""
    error: str = ""

    @property
    def p50(self) -> float | None:
        return percentile(self.samples_ms, 50)

    @property
    def p95(self) -> float | None:
        return percentile(self.samples_ms, 95)

    @property
    def typical_queries(self) -> int | None:
        """The most common count: the occasional session write (once a minute) is not typical."""
        if not self.queries:
            return None
        return Counter(self.queries).most_common(1)[0][0]

    @property
    def queries_vary(self) -> bool:
        return len(set(self.queries)) > 1

    @property
    def met_time(self) -> bool | None:
        if self.error:
            return False
        if self.budget_ms is None or self.p95 is None:
            return None
        return self.p95 <= self.budget_ms

    @property
    def met_queries(self) -> bool | None:
        if self.error:
            return False
        if self.query_budget is None or self.typical_queries is None:
            return None
        return self.typical_queries <= self.query_budget

    def summary(self) -> dict:
        data = asdict(self)
        data.update(
            p50_ms=round_ms(self.p50),
            p95_ms=round_ms(self.p95),
            requests=len(self.samples_ms),
            queries_typical=self.typical_queries,
            queries_min=min(self.queries, default=None),
            queries_max=max(self.queries, default=None),
            queries_vary=self.queries_vary,
            met_time=self.met_time,
            met_queries=self.met_queries,
        )
        data["samples_ms"] = [round(s, 3) for s in self.samples_ms]
        data["queries"] = dict(sorted(Counter(self.queries).items()))
        data["statuses"] = dict(sorted(Counter(self.statuses).items()))
        return data


def percentile(samples: list[float], pct: int) -> float | None:
    """The pct-th percentile, interpolated between the two nearest samples (as numpy does)."""
    if not samples:
        return None
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[pct - 1]


def round_ms(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def clear_rate_limit(scope: str, user_id: int) -> None:
    """Forget this minute's count of `scope` for the user (see portal.ratelimit.over_limit)."""
    window = int(time.time() // 60)
    cache.delete_many([f"ratelimit:{scope}:u{user_id}:{w}" for w in (window, window + 1)])


def _get(client: Client, target: Target, user_id: int):
    if target.rate_limit_scope:
        clear_rate_limit(target.rate_limit_scope, user_id)
    if target.before_each:
        target.before_each()
    if not connection.in_atomic_block:
        # What a server does at the start of each request (the test client skips it): the
        # persistent connection's health check is re-armed and runs inside the timed request.
        close_old_connections()
    headers = {"HX-Request": "true"} if target.htmx else {}
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        response = client.get(target.url, headers=headers)
        elapsed = (time.perf_counter() - started) * 1000
    return response, elapsed, counter.count


def _check(target: Target, response) -> None:
    if response.status_code not in target.expect:
        raise PageFailed(
            f"{target.name}: GET {target.url} as {target.user} answered "
            f"{response.status_code}, expected {'/'.join(map(str, target.expect))}"
        )


def measure(
    client: Client, user_id: int, target: Target, *, warmup: int = 5, requests: int = 50
) -> Result:
    """Warm up, then time `requests` requests of the target; never raises for a page error."""
    result = Result(
        name=target.name,
        group=target.group,
        user=target.user,
        url=target.url,
        htmx=target.htmx,
        budget_ms=target.budget_ms,
        query_budget=target.query_budget,
        note=target.note,
    )
    try:
        for _ in range(warmup):
            response, _elapsed, _queries = _get(client, target, user_id)
            _check(target, response)
        for _ in range(requests):
            response, elapsed, queries = _get(client, target, user_id)
            _check(target, response)
            result.samples_ms.append(elapsed)
            result.queries.append(queries)
            result.statuses.append(response.status_code)
        if target.htmx and b"<!doctype" in response.content[:200].lower():
            result.warnings.append("htmx request answered with the whole page")
        if result.queries_vary:
            result.warnings.append(
                "query count differs between requests: "
                + ", ".join(f"{n} queries ×{c}" for n, c in sorted(Counter(result.queries).items()))
            )
        if target.query_budget is not None and result.typical_queries > target.query_budget:
            with CaptureQueriesContext(connection) as captured:
                _get(client, target, user_id)
            result.sql = [q["sql"] for q in captured.captured_queries]
    except Exception as failed:  # a broken page is reported, and the run goes on
        result.error = f"{type(failed).__name__}: {failed}"
    return result


def measure_callable(name: str, function, *, warmup: int = 3, runs: int = 50) -> Result:
    """Time a plain function (a query or service), with its queries counted."""
    result = Result(
        name=name, group="job", user="", url="", htmx=False, budget_ms=None, query_budget=None
    )
    try:
        for _ in range(warmup):
            function()
        for _ in range(runs):
            counter = QueryCounter()
            with connection.execute_wrapper(counter):
                started = time.perf_counter()
                function()
                result.samples_ms.append((time.perf_counter() - started) * 1000)
            result.queries.append(counter.count)
    except Exception as failed:
        result.error = f"{type(failed).__name__}: {failed}"
    return result
