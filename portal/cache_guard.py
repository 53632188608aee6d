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
