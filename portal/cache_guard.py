"""Optional caching that never makes a page slower or broken when the cache is away.

Some results are cached only to save work (the search, the usage report). When Redis stops or
hangs, every cache call waits for its socket timeout; after one failure this process leaves
the cache alone for a while and computes the result instead.
"""

from __future__ import annotations

import logging
import time

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
_unavailable_until = 0.0


def cache_available() -> bool:
    return time.monotonic() >= _unavailable_until


def cache_failed(what: str) -> None:
    global _unavailable_until
    _unavailable_until = time.monotonic() + RETRY_AFTER_SECONDS
    logger.warning("cache unavailable (%s); not used for %s s", what, RETRY_AFTER_SECONDS)


def _generation_and_stored(generation_key: str, key: str) -> tuple[int | None, object]:
    """The current generation (started if there is none) and what is stored under `key` for
    it, or None for either when the cache cannot say."""
    from django.core.cache import cache

    if not cache_available():
        return None, None
    try:
        found = cache.get_many([generation_key, key])
        generation = found.get(generation_key)
        if generation is None:
            generation = time.time_ns()
            if not cache.add(generation_key, generation, None):
                return None, None  # another process just started one; use it next time
            return generation, None
    except Exception:
        cache_failed(generation_key)
        return None, None
    stored = found.get(key)
    if stored is not None and stored[0] == generation:
        return generation, stored[1]
    return generation, None


def peek_in_generation(generation_key: str, key: str):
    """What `cached_in_generation` has stored under `key` for the current generation, or None;
    never computes."""
    return _generation_and_stored(generation_key, key)[1]


def cached_in_generation(generation_key: str, key: str, compute, seconds: int):
    """`compute()`, cached under `key` for `seconds` or until `move_generation_on` is called
    with `generation_key`, whichever comes first. A result computed before a change is never
    served after it, even when it is stored late: it carries the generation it was read in."""
    from django.core.cache import cache

    generation, value = _generation_and_stored(generation_key, key)
    if value is not None:
        return value
    value = compute()
    if generation is not None:
        try:
            cache.set(key, (generation, value), seconds)
        except Exception:
            cache_failed(generation_key)
    return value


def move_generation_on(*generation_keys: str) -> None:
    """Make everything cached under these generations old: now, and again at commit, so that
    a read between the two cannot keep what it read before the change."""
    from django.core.cache import cache
    from django.db import transaction

    if not generation_keys:
        return

    def move_on() -> None:
        if not cache_available():
            return  # what is cached expires by itself
        now = time.time_ns()
        try:
            cache.set_many({key: now + n for n, key in enumerate(generation_keys)}, None)
        except Exception:
            cache_failed(generation_keys[0])

    move_on()
    transaction.on_commit(move_on)
