from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def login(client):
    user = UserFactory(username="kari")
    client.post(reverse("portal:login"), {"username": "kari", "password": "demo"})
    return user


def test_a_session_ends_after_a_working_day_without_activity(client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        login(client)
        assert client.get("/").status_code == 200
    with time_machine.travel(start + timedelta(hours=7, minutes=59), tick=False):
        assert client.get("/").status_code == 200
    with time_machine.travel(start + timedelta(hours=16), tick=False):
        response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/logg-inn/")


def test_a_session_ends_at_the_latest_after_twelve_hours_even_when_active(client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        login(client)
    for hours in (3, 6, 9, 11.9):
        with time_machine.travel(start + timedelta(hours=hours), tick=False):
            assert client.get("/").status_code == 200
    with time_machine.travel(start + timedelta(hours=12, minutes=1), tick=False):
        assert client.get("/").status_code == 302


def test_a_deactivated_users_session_ends_at_once(client):
    user = login(client)
    assert client.get("/").status_code == 200
    user.is_active = False
    user.save()
    assert client.get("/").status_code == 302


def test_signed_in_pages_are_not_cached_so_back_after_logout_shows_nothing(client):
    login(client)
    assert client.get("/")["Cache-Control"] == "private, no-store"


def test_security_headers(client):
    response = client.get(reverse("portal:login"))
    csp = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert "frame-ancestors 'none'" in csp and "'nonce-" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
