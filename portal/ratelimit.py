"""Rate limits for login, search and exports, answered with a Norwegian 429 page.

Counts live in the cache (Redis in production, shared by every web process). If the cache
cannot be reached, requests are let through: a limit must never take the portal down.
"""

from __future__ import annotations

import functools
import logging
import time

from django.core.cache import cache
from django.shortcuts import render

from portal.cache_guard import cache_failed

logger = logging.getLogger(__name__)


def _client_key(request, per: str) -> str:
    if per == "user" and request.user.is_authenticated:
        return f"u{request.user.pk}"
    forwarded = request.headers.get("x-forwarded-for", "")
    return "ip" + (forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR", ""))


def over_limit(request, *, scope: str, limit: int, period: int, per: str = "user") -> bool:
    window = int(time.time() // period)
    key = f"ratelimit:{scope}:{_client_key(request, per)}:{window}"
    try:
        if cache.add(key, 1, timeout=period + 1):
            return False
        return cache.incr(key) > limit
    except Exception:
        logger.warning("rate limit cache unavailable for %s", scope)
        # So that the same request's optional cache lookups do not wait for it again.
        cache_failed(f"rate limit {scope}")
        return False


def rate_limited(*, scope: str, limit: int, period: int = 60, per: str = "user", methods=None):
    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            applies = methods is None or request.method in methods
            if applies and over_limit(request, scope=scope, limit=limit, period=period, per=per):
                response = render(request, "429.html", {"period": period}, status=429)
                response["Retry-After"] = str(period)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
