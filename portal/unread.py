"""The unread count in every page's header, kept per person in the cache.

Fetching it after each page cost a second request per page view: a third of all requests under
load. Now the header shows the cached count at once and fetches it only when the cache does not
have it (the first page after signing in, after a change, or while Redis is away).

A stored count carries the person's generation, and every change to their notifications (created,
read, deleted) moves the generation on, at once and again at commit. A count that was read from
the database before a change committed is therefore never shown after it, even if it was stored
late.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

from portal.cache_guard import cache_available, cache_failed

# A person who comes back after this long gets one lazy fetch of the count.
UNREAD_SECONDS = 60 * 30
GENERATION_SECONDS = 60 * 60 * 24


def _keys(user_id: int) -> tuple[str, str]:
    return f"portal:unread:gen:{user_id}", f"portal:unread:{user_id}"


def _generation_and_count(user_id: int) -> tuple[int | None, int | None]:
    if not cache_available():
        return None, None
    generation_key, count_key = _keys(user_id)
    try:
        found = cache.get_many([generation_key, count_key])
        generation = found.get(generation_key)
        if generation is None:
            generation = time.time_ns()
            if not cache.add(generation_key, generation, GENERATION_SECONDS):
                return None, None  # someone else just started one; count without the cache
            return generation, None
    except Exception:
        cache_failed("unread count")
        return None, None
    stored = found.get(count_key)
    if stored is not None and stored[0] == generation:
        return generation, stored[1]
    return generation, None


def cached_unread_count(user_id: int) -> int | None:
    """The count if the cache has a current one; None means the header must ask for it."""
    return _generation_and_count(user_id)[1]


def unread_count(user) -> int:
    """The count, from the cache or counted (and then remembered)."""
    from portal.models import Notification

    generation, count = _generation_and_count(user.pk)
    if count is None:
        count = Notification.objects.for_user(user).unread().count()
        if generation is not None:
            remember_unread_count(user.pk, generation, count)
    return count


def remember_unread_count(user_id: int, generation: int, count: int) -> None:
    try:
        cache.set(_keys(user_id)[1], (generation, count), UNREAD_SECONDS)
    except Exception:
        cache_failed("unread count")


def forget_unread_counts(user_ids: Iterable[int]) -> None:
    """Make the stored counts of these people old, now and at commit."""
    generation_keys = [_keys(user_id)[0] for user_id in set(user_ids)]
    if not generation_keys:
        return

    def move_on() -> None:
        if not cache_available():
            return  # stored counts expire within UNREAD_SECONDS anyway
        now = time.time_ns()
        try:
            cache.set_many(
                {key: now + offset for offset, key in enumerate(generation_keys)},
                GENERATION_SECONDS,
            )
        except Exception:
            cache_failed("unread count")

    move_on()
    transaction.on_commit(move_on)


def _forget_for_one(sender, instance, **kwargs) -> None:
    forget_unread_counts([instance.recipient_id])


def connect_signals() -> None:
    """Single saves and deletes (the admin, cascades, tests); the services' bulk writes call
    forget_unread_counts themselves."""
    from django.db.models.signals import post_delete, post_save

    from portal.models import Notification

    post_save.connect(_forget_for_one, sender=Notification, dispatch_uid="portal-unread-save")
    post_delete.connect(_forget_for_one, sender=Notification, dispatch_uid="portal-unread-delete")
