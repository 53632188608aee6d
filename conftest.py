"""Fixtures shared by the whole suite (each app's tests live in tests/<app>/)."""

import logging
import os
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.logging import RedactPersonalData, redact

# Playwright drives the browser from the test thread while live_server answers in another.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class _LogScanner(logging.Handler):
    """Sees every log line of the suite as the console handler would write it (redacted)."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.addFilter(RedactPersonalData())
        self.leaks: list[str] = []

    def emit(self, record):
        line = record.getMessage()
        if redact(line) != line:
            self.leaks.append(line)


LOG_SCANNER = _LogScanner()


def pytest_sessionstart(session):
    logging.getLogger().addHandler(LOG_SCANNER)


def pytest_sessionfinish(session, exitstatus):
    if LOG_SCANNER.leaks:
        session.exitstatus = 1
        print("\nPersonal data reached the logs:\n" + "\n".join(LOG_SCANNER.leaks[:20]))


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters, cached results and a simulated cache outage must not leak from one
    test to the next."""
    from django.core.cache import cache

    from portal import cache as portal_cache

    cache.clear()
    portal_cache._unavailable_until = 0.0


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Rows that data migrations create (competence areas, journey phases) are gone after a
    transactional test flushes the database; put them back for every test that uses it."""
    if "django_db" not in {m.name for m in request.node.iter_markers()} and not (
        {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    ):
        return
    request.getfixturevalue(
        "db" if "live_server" not in request.fixturenames else "transactional_db"
    )
    from learning.models import CompetenceArea, Phase
    from learning.structure import ensure

    if not CompetenceArea.objects.exists():
        ensure(CompetenceArea, Phase)


@pytest.fixture
def django_assert_max_num_queries():
    """A query budget that, when exceeded, prints every statement it counted (like Zulip's)."""

    @contextmanager
    def budget(limit: int):
        with CaptureQueriesContext(connection) as captured:
            yield captured
        count = len(captured.captured_queries)
        if count > limit:
            statements = "\n".join(
                f"{i:3}. {q['sql']}" for i, q in enumerate(captured.captured_queries, 1)
            )
            pytest.fail(f"{count} queries, budget {limit}:\n{statements}", pytrace=False)

    return budget


@pytest.fixture
def django_assert_num_queries_same():
    """Run a callable at two data sizes and require the same number of queries."""

    def same(render, grow):
        with CaptureQueriesContext(connection) as small:
            render()
        grow()
        with CaptureQueriesContext(connection) as large:
            render()
        assert len(small.captured_queries) == len(large.captured_queries), (
            f"{len(small.captured_queries)} queries at the small size, "
            f"{len(large.captured_queries)} at the large one"
        )
        return len(large.captured_queries)

    return same
