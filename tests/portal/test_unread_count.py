"""The header's unread count: shown from the cache at once, never stale after a change."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse

from portal import cache as portal_cache
from portal import unread
from portal.models import Notification, NotificationKind
from portal.services import NotificationDraft, notifications_create, notifications_mark_read
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LAZY_FETCH = 'hx-trigger="load, every 120s"'


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    cache.clear()
    monkeypatch.setattr(portal_cache, "_unavailable_until", 0.0)


def notify(user, key):
    notifications_create(
        drafts=[
            NotificationDraft(
                recipient_id=user.pk,
                kind=NotificationKind.ASSIGNMENT_GIVEN,
                title=f"Varsel {key}",
                dedup_key=key,
            )
        ]
    )


def header(client) -> str:
    html = client.get(reverse("portal:glossary")).text
    start = html.index('id="notification-count"')
    return html[start : html.index("</a>", start)]


def test_once_counted_the_header_shows_the_count_without_a_second_request(client):
    user = UserFactory()
    notify(user, "a")
    client.force_login(user)
    assert LAZY_FETCH in header(client)  # nothing known yet: fetched after the page
    client.get(reverse("portal:notification_count"), HTTP_HX_REQUEST="true")
    shown = header(client)
    assert LAZY_FETCH not in shown and "uleste: </span>1" in shown


def test_a_new_notification_is_never_hidden_behind_the_cached_count(client):
    user = UserFactory()
    client.force_login(user)
    client.get(reverse("portal:notification_count"), HTTP_HX_REQUEST="true")
    assert "uleste" not in header(client)
    notify(user, "new")
    assert "uleste: </span>1" in client.get(reverse("portal:notification_count")).text
    assert "uleste: </span>1" in header(client)


def test_reading_lowers_the_cached_count(client):
    user = UserFactory()
    notify(user, "a")
    notify(user, "b")
    client.force_login(user)
    client.get(reverse("portal:notification_count"))
    notifications_mark_read(user=user, ids=[Notification.objects.get(dedup_key="a").pk])
    client.get(reverse("portal:notification_count"))
    assert "uleste: </span>1" in header(client)


def test_a_single_save_or_delete_outside_the_services_also_counts(client):
    user = UserFactory()
    client.force_login(user)
    client.get(reverse("portal:notification_count"))
    made = Notification.objects.create(recipient=user, kind="x", title="Fra admin", dedup_key="k")
    assert "uleste: </span>1" in client.get(reverse("portal:notification_count")).text
    made.delete()
    assert "uleste" not in client.get(reverse("portal:notification_count")).text


def test_a_count_read_before_a_change_is_not_shown_after_it():
    user = UserFactory()

    def slow_count():
        stale = Notification.objects.for_user(user).unread().count()  # 0, read before the change
        notify(user, "raced")  # committed while the slow request is still on its way
        return stale  # which it then stores, late

    key = unread._key(user.pk)
    assert portal_cache.cached(key, slow_count, 60, [key]) == 0
    assert unread.cached_unread_count(user.pk) is None
    assert unread.unread_count(user) == 1


def test_another_persons_count_is_not_shown(client):
    someone = UserFactory()
    notify(someone, "theirs")
    assert unread.unread_count(someone) == 1
    client.force_login(UserFactory())
    assert LAZY_FETCH in header(client)
    assert "uleste" not in client.get(reverse("portal:notification_count")).text


def test_without_the_cache_the_header_fetches_the_count_and_pages_still_work(client):
    user = UserFactory()
    notify(user, "a")
    client.force_login(user)
    with mock.patch("django.core.cache.cache.get_many", side_effect=ConnectionError):
        assert LAZY_FETCH in header(client)
        response = client.get(reverse("portal:notification_count"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "uleste: </span>1" in response.text
