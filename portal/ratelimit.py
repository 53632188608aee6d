"""Rate limits for login, search and exports, answered with a Norwegian 429 page.

Counts live in the cache (Redis in production, shared by every web process). If the cache
cannot be reached, requests are let through: a limit must never take the portal down.

The address a limit counts is the one the request came from (`client_address`): the client
cannot choose it, so changing `X-Forwarded-For` does not start a fresh count.
"""

import functools
import hashlib
import math
import time

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import ngettext

from portal import cache

# Failed logins counted per address, for password spraying (one password tried across many
# usernames, which the per-username lockout of django-axes never sees). An office of 80 behind
# one address logging in at 08:00 makes a handful of typos; the minute limit leaves room for
# half of them mistyping. The windows are fixed, so two adjacent windows let at most twice the
# limit through in any 60 seconds: 80, fewer than the 100 failures a minute that must be refused.
# The hour limit keeps a slow spray to a few hundred guesses per address and hour.
LOGIN_FAILURE_LIMITS = ((40, 60), (200, 60 * 60))
EXPORTS_PER_MINUTE = 20
# As the portal search: typing a name asks once per pause in the typing.
REGISTER_SEARCHES_PER_MINUTE = 120
# Calendar and feed readers poll a secret link on their own schedule, a few times an hour.
FEED_READS_PER_MINUTE = 30


def client_address(request) -> str:
    """The address the request came from.

    Without trusted proxies that is REMOTE_ADDR. Behind TRUSTED_PROXY_COUNT proxies, each
    appends the address it received the request from to X-Forwarded-For, so the client's is
    that many entries from the right; whatever the client wrote into the header itself stands
    further left and is never read.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
    if not entries:
        return remote
    return entries[-min(proxies, len(entries))]


def _window(period: int) -> tuple[int, int]:
    """This window's number and the whole seconds until the next one starts."""
    now = time.time()
    return int(now // period), max(1, math.ceil(period - now % period))


def _client_key(request, per) -> str:
    if callable(per):
        return per(request)
    if per == "user" and request.user.is_authenticated:
        return f"u{request.user.pk}"
    return "ip" + client_address(request)


def over_limit(request, *, scope: str, limit: int, period: int, per="user") -> int:
    """Counts this request; the seconds to wait when it is one too many, else 0."""
    window, remaining = _window(period)
    key = f"ratelimit:{scope}:{_client_key(request, per)}:{window}"
    return remaining if cache.count(key, period) > limit else 0


def retry_in_words(seconds: int) -> str:
    """When to try again, as the 429 page says it: seconds under a minute, else minutes."""
    if seconds < 60:
        return ngettext(
            "Try again in %(count)d second.", "Try again in %(count)d seconds.", seconds
        ) % {"count": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext(
        "Try again in %(count)d minute.", "Try again in %(count)d minutes.", minutes
    ) % {"count": minutes}


def too_many_requests(request, retry_after: int, template: str = "429.html"):
    response = render(request, template, {"retry_in": retry_in_words(retry_after)}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def rate_limited(*, scope: str, limit: int, period: int = 60, per="user", methods=None):
    """At most `limit` requests per `period` seconds, counted per signed-in person (`per`
    "user"), per address ("ip") or per what a function of the request returns."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if methods is None or request.method in methods:
                wait = over_limit(request, scope=scope, limit=limit, period=period, per=per)
                if wait:
                    return too_many_requests(request, wait)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def export_limited(view):
    """The one limit shared by every download: a person's exports together, per minute."""
    return rate_limited(scope="export", limit=EXPORTS_PER_MINUTE)(view)


def _feed_token(request) -> str:
    # A short hash: the secret token itself never becomes a cache key.
    token = request.resolver_match.kwargs.get("token", "")
    return "t" + hashlib.sha256(token.encode()).hexdigest()[:16]


def feed_limited(view):
    """Feeds are read without a session: counted per secret link, that is per person."""
    return rate_limited(scope="feed", limit=FEED_READS_PER_MINUTE, per=_feed_token)(view)


def _failure_keys(request) -> list[tuple[str, int, int, int]]:
    """(cache key, limit, period, seconds left in the window) of each login-failure count."""
    address = client_address(request)
    keys = []
    for limit, period in LOGIN_FAILURE_LIMITS:
        window, remaining = _window(period)
        keys.append(
            (f"ratelimit:login-failed:{period}:{address}:{window}", limit, period, remaining)
        )
    return keys


def login_failures_wait(request) -> int:
    """The seconds this address must wait before it may try a password again, else 0."""
    keys = _failure_keys(request)
    counts = cache.counts([key for key, *_ in keys])
    return max(
        (remaining for key, limit, _p, remaining in keys if counts.get(key, 0) >= limit),
        default=0,
    )


def count_login_failure(sender, credentials=None, request=None, **kwargs) -> None:
    """Receives `user_login_failed`, sent by every login form (the portal's and the admin's)."""
    if request is None:
        return
    for key, _limit, period, _remaining in _failure_keys(request):
        cache.count(key, period)


def login_failures_limited(view):
    """Refuses a login attempt from an address that has failed too often lately. Checked before
    the password is, so a refused attempt tells nothing about it."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST":
            wait = login_failures_wait(request)
            if wait:
                return too_many_requests(request, wait)
        return view(request, *args, **kwargs)

    return wrapper


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a username locked after failed logins (AXES_LOCKOUT_CALLABLE):
    the lockout page with the cool-off in words and as Retry-After."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    return too_many_requests(request, seconds, template="registration/locked_out.html")
