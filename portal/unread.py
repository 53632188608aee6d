"""The unread count in every page's header, kept per person in the cache.

Fetching it after each page cost a second request per page view: a third of all requests under
load. Now the header shows the cached count at once and fetches it only when the cache does not
have it (the first page after signing in, after a change, or while Redis is away).

Each person's count lives in their own cache generation (portal.cache), which every change
to their notifications (created, read, deleted) moves on; a count read from the database before
a change committed is therefore never shown after it, even if it was stored late.
"""

from collections.abc import Iterable

from portal import cache

# A person who comes back after this long gets one lazy fetch of the count.
UNREAD_SECONDS = 60 * 30


def _key(user_id: int) -> str:
    """The count's key, and the name of its generation."""
    return f"portal:unread:{user_id}"


def cached_unread_count(user_id: int) -> int | None:
    """The count if the cache has a current one; None means the header must ask for it."""
    return cache.peek(_key(user_id), [_key(user_id)])


def unread_count(user) -> int:
    """The count, from the cache or counted (and then remembered)."""
    from portal.models import Notification

    def count() -> int:
        return Notification.objects.for_user(user).unread().count()

    return cache.cached(_key(user.pk), count, UNREAD_SECONDS, [_key(user.pk)])


def forget_unread_counts(user_ids: Iterable[int]) -> None:
    """Make the stored counts of these people old, now and at commit."""
    cache.bump(*(_key(user_id) for user_id in set(user_ids)))


def _forget_for_one(sender, instance, **kwargs) -> None:
    forget_unread_counts([instance.recipient_id])


def connect_signals() -> None:
    """Single saves and deletes (the admin, cascades, tests); the services' bulk writes call
    forget_unread_counts themselves."""
    from django.db.models.signals import post_delete, post_save

    from portal.models import Notification

    post_save.connect(_forget_for_one, sender=Notification, dispatch_uid="portal-unread-save")
    post_delete.connect(_forget_for_one, sender=Notification, dispatch_uid="portal-unread-delete")
