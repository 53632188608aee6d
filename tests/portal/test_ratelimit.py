from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


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
