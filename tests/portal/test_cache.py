"""portal.cache, the one cache layer: hit, miss, generations, and a cache that is away; and a
grep that keeps it the only place the product talks to Django's cache."""

import re
import time
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings

from portal import cache

pytestmark = pytest.mark.django_db


class Computed:
    def __init__(self, value="fresh"):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_a_miss_computes_and_a_hit_does_not():
    compute = Computed()
    assert cache.cached("test:a", compute, 60) == "fresh"
    assert cache.cached("test:a", compute, 60) == "fresh"
    assert compute.calls == 1
    assert cache.peek("test:a") == "fresh"
    assert cache.peek("test:other") is None


def test_bumping_a_generation_makes_what_was_cached_in_it_old():
    compute = Computed()
    cache.cached("test:a", compute, 60, ["test:one", "test:two"])
    cache.cached("test:b", compute, 60, ["test:one"])
    cache.bump("test:two")
    assert cache.peek("test:a", ["test:one", "test:two"]) is None
    assert cache.peek("test:b", ["test:one"]) == "fresh"
    cache.cached("test:a", compute, 60, ["test:one", "test:two"])
    assert compute.calls == 3


@pytest.mark.django_db(transaction=True)
def test_a_result_read_before_a_change_is_not_served_after_it():
    from django.db import transaction

    def read_then_change():
        with transaction.atomic():
            cache.bump("test:gen")  # the change, committed while the read is on its way
        return "old"

    assert cache.cached("test:a", read_then_change, 60, ["test:gen"]) == "old"
    assert cache.peek("test:a", ["test:gen"]) is None


def test_counts_count_per_key():
    assert [cache.count("test:n", 60) for _ in range(3)] == [1, 2, 3]
    assert cache.counts(["test:n", "test:none"]) == {"test:n": 3}


def test_a_cache_that_is_away_computes_does_not_raise_and_is_tried_again_later(caplog):
    compute = Computed()
    broken = mock.patch("django.core.cache.cache.get_many", side_effect=ConnectionError)
    with broken as get_many:
        assert cache.cached("test:a", compute, 60, ["test:gen"]) == "fresh"
        assert get_many.call_count == 1
        # Left alone for a while: no second wait on a socket timeout.
        assert cache.cached("test:a", compute, 60, ["test:gen"]) == "fresh"
        assert cache.peek("test:a") is None
        assert cache.count("test:n", 60) == 0
        assert cache.counts(["test:n"]) == {}
        cache.bump("test:gen")
        assert get_many.call_count == 1
    assert compute.calls == 2
    assert "cache unavailable" in caplog.text
    # Back after RETRY_AFTER_SECONDS.
    later = time.monotonic() + cache.RETRY_AFTER_SECONDS + 1
    with mock.patch("portal.cache.time.monotonic", return_value=later):
        assert cache.cached("test:a", compute, 60) == "fresh"
        assert cache.cached("test:a", compute, 60) == "fresh"
    assert compute.calls == 3


PRODUCT = ("portal", "learning", "marketinfo", "employers")
DJANGO_CACHE = re.compile(
    r"django\.core\.cache|django\.core import cache|\bcaches\[|\bcache\.(get|set|add|incr|decr|"
    r"delete|get_many|set_many|delete_many|clear|touch|has_key|get_or_set)\("
)


def _product_files():
    root = Path(settings.BASE_DIR)
    for app in PRODUCT:
        for path in (root / app).rglob("*.py"):
            if "migrations" not in path.parts and "settings" not in path.parts:
                yield path.relative_to(root), path.read_text()


def test_the_product_talks_to_the_cache_only_through_portal_cache():
    found = [
        f"{name}:{n}: {line.strip()}"
        for name, text in _product_files()
        if str(name) != "portal/cache.py"
        for n, line in enumerate(text.splitlines(), 1)
        if DJANGO_CACHE.search(line)
    ]
    assert not found, "use portal.cache:\n" + "\n".join(found)


def test_no_cache_key_or_anything_else_depends_on_xmin():
    found = [str(name) for name, text in _product_files() if "xmin" in text.lower()]
    assert not found
