"""The portal's one cache layer: the only module that talks to Django's cache.

Everything cached here only saves work (search results, reports, rendered lists) or counts
(rate limits). When Redis stops or hangs, every cache call waits for its socket timeout; so after
one failure this process leaves the cache alone for RETRY_AFTER_SECONDS: cached reads compute
their result, counts count nothing and rate limits let requests through.

A cached result is kept until its time is up or one of its generations is bumped. A write that
changes what a cached result shows calls `bump(name)` in the service that writes; the result
carries the generations it was read in, so one computed before a change is never served after
it, even when it is stored late. Keys and generation names are "<app>:<what>[:<id>]"; a
generation is stored under "generation:<name>".
"""

import logging
import time
from collections.abc import Callable, Iterable

from django.core.cache import cache as _cache
from django.db import transaction

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
_unavailable_until = 0.0

# Generations that several apps' cached reads depend on, bumped by whoever writes them.
FRESHNESS = "portal:freshness"  # the freshness state of some content changed
NAMES = "portal:names"  # an employer's or a person's name, shown beside content, changed


def _guarded[T](what: str, call: Callable[[], T], away: T) -> T:
    """`call()`, or `away` when the cache is away (now or within the last RETRY_AFTER_SECONDS)."""
    global _unavailable_until
    if time.monotonic() < _unavailable_until:
        return away
    try:
        return call()
    except Exception:
        _unavailable_until = time.monotonic() + RETRY_AFTER_SECONDS
        logger.warning("cache unavailable (%s); not used for %s s", what, RETRY_AFTER_SECONDS)
        return away


def _current(key: str, generations: Iterable[str]) -> tuple[tuple | None, object]:
    """The generations' current values (started where there are none) and what is stored
    under `key` for them, or None for either when the cache cannot say."""
    names = [f"generation:{name}" for name in generations]
    found = _cache.get_many([*names, key])
    current = []
    for name in names:
        value = found.get(name)
        if value is None:
            value = time.time_ns()
            if not _cache.add(name, value, None):
                return None, None  # another process just started it; use it next time
        current.append(value)
    stored = found.get(key)
    if stored is not None and stored[0] == tuple(current):
        return tuple(current), stored[1]
    return tuple(current), None


def peek(key: str, generations: Iterable[str] = ()):
    """What `cached` has stored under `key` for the current generations, or None; never computes."""
    return _guarded(key, lambda: _current(key, generations), (None, None))[1]


def cached[T](
    key: str, compute: Callable[[], T], seconds: int, generations: Iterable[str] = ()
) -> T:
    """`compute()`, kept under `key` for `seconds` or until one of `generations` is bumped,
    whichever comes first. `compute` must not return None (None means "not stored")."""
    current, value = _guarded(key, lambda: _current(key, generations), (None, None))
    if value is not None:
        return value
    value = compute()
    if current is not None:
        _guarded(key, lambda: _cache.set(key, (current, value), seconds), None)
    return value


def bump(*generations: str) -> None:
    """Make everything cached in these generations old: now, and again at commit, so that a
    read between the two cannot keep what it read before the change. Call it inside the
    write's transaction, or after the write."""
    if not generations:
        return

    def move_on() -> None:
        now = time.time_ns()
        values = {f"generation:{name}": now + n for n, name in enumerate(generations)}
        _guarded(generations[0], lambda: _cache.set_many(values, None), None)

    move_on()
    transaction.on_commit(move_on)


def count(key: str, period: int) -> int:
    """Count one more under `key`, a count that lives `period` seconds from its first; the
    count now, or 0 when the cache is away."""

    def add_one() -> int:
        if _cache.add(key, 1, timeout=period + 1):
            return 1
        return _cache.incr(key)

    return _guarded(key, add_one, 0)


def counts(keys: list[str]) -> dict[str, int]:
    """The counts under `keys` (those that have one), or none when the cache is away."""
    return _guarded(keys[0] if keys else "counts", lambda: _cache.get_many(keys), {})
