from datetime import UTC, datetime
from unittest import mock

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def one_window():
    """Counts are per minute: keep every request of a test inside the same minute."""
    with time_machine.travel(datetime(2026, 11, 30, 9, 0, 5, tzinfo=UTC), tick=False):
        yield


def test_login_attempts_from_one_address_are_limited(client):
    for _ in range(20):
        client.post(reverse("portal:login"), {"username": "x", "password": "y"})
    response = client.post(reverse("portal:login"), {"username": "x", "password": "y"})
    assert response.status_code == 429
    assert "For mange forespørsler" in response.text
    assert response["Retry-After"] == "60"
    assert client.get(reverse("portal:login")).status_code == 200  # reading the page is fine


def test_search_is_limited_per_person(client):
    client.force_login(UserFactory())
    for _ in range(120):
        client.get(reverse("portal:search"), {"q": "x"})
    assert client.get(reverse("portal:search"), {"q": "x"}).status_code == 429


def test_without_a_cache_nobody_is_refused(client):
    client.force_login(UserFactory())
    with mock.patch("portal.ratelimit.cache.add", side_effect=ConnectionError):
        assert client.get(reverse("portal:search"), {"q": "x"}).status_code == 200
