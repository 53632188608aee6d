import itertools
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from marketinfo.models import FeedToken
from portal.models import Role
from portal.ratelimit import (
    EXPORTS_PER_MINUTE,
    FEED_READS_PER_MINUTE,
    LOGIN_FAILURE_LIMITS,
    REGISTER_SEARCHES_PER_MINUTE,
    client_address,
    retry_in_words,
)
from tests.employers.factories import EmployerFactory
from tests.factories import OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db

NINE = datetime(2026, 11, 30, 8, 0, 5, tzinfo=UTC)  # five seconds into a minute
FAILURES_PER_MINUTE = LOGIN_FAILURE_LIMITS[0][0]


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock():
    """Counts are per minute: every request of a test stays in one minute unless it moves on."""
    with time_machine.travel(NINE, tick=False) as traveller:
        yield traveller


SPRAYED = (f"person{n}" for n in itertools.count())


def fail_login(client, url=None, username=None, **headers):
    """A wrong password, by default for a username of its own (as in password spraying), so
    that the per-username lockout never answers first."""
    url = url or reverse("portal:login")
    username = username or next(SPRAYED)
    return client.post(url, {"username": username, "password": "feil"}, **headers)


def assert_refused_in_norwegian(response, seconds: int):
    assert response.status_code == 429
    assert response["Retry-After"] == str(seconds)
    assert "For mange forespørsler" in response.text
    assert retry_in_words(seconds) in response.text
    assert "Prøv igjen om" in response.text


# --- the client's address ------------------------------------------------------------------


def test_without_trusted_proxies_the_forwarded_header_is_ignored():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(request) == "10.0.0.9"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_ingress_the_address_it_appended_counts():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 77.88.1.2"
    )
    assert client_address(request) == "77.88.1.2"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_second_entry_from_the_right_counts():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 77.88.1.2, 10.0.0.1"
    )
    assert client_address(request) == "77.88.1.2"


# --- login ------------------------------------------------------------------------------


def test_changing_the_forwarded_header_does_not_reset_the_limit(client, clock):
    for n in range(FAILURES_PER_MINUTE):
        assert fail_login(client, HTTP_X_FORWARDED_FOR=f"10.9.{n}.1").status_code == 200
    response = fail_login(client, HTTP_X_FORWARDED_FOR="10.9.250.1")
    assert_refused_in_norwegian(response, 55)
    assert client.get(reverse("portal:login")).status_code == 200  # reading the page is fine


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_ingress_rotating_the_clients_own_entries_does_not_help(client, clock):
    for n in range(FAILURES_PER_MINUTE):
        fail_login(client, HTTP_X_FORWARDED_FOR=f"10.9.{n}.1, 77.88.1.2")
    assert fail_login(client, HTTP_X_FORWARDED_FOR="1.1.1.1, 77.88.1.2").status_code == 429
    # Another office behind the same ingress is counted apart.
    assert fail_login(client, HTTP_X_FORWARDED_FOR="77.88.9.9").status_code == 200


def test_an_office_of_80_logging_in_within_a_minute_is_never_refused(clock):
    office = OfficeFactory()
    people = [UserFactory(username=f"kollega{n}", office=office) for n in range(80)]
    statuses = []
    for n, person in enumerate(people):
        browser = Client()  # every one at their own desk, all behind the office's address
        if n % 6 == 0:  # fourteen typos, two of them twice
            statuses.append(fail_login(browser, username=person.username).status_code)
            if n % 36 == 0:
                statuses.append(fail_login(browser, username=person.username).status_code)
        response = browser.post(
            reverse("portal:login"), {"username": person.username, "password": "demo"}
        )
        statuses.append(response.status_code)
        assert response.status_code == 302, person.username
        clock.shift(timedelta(seconds=0.7))
    assert 429 not in statuses
    assert statuses.count(200) == 17  # the typos, answered with the form again


def test_100_failures_from_one_address_within_a_minute_are_refused(client):
    # Half a minute in, so the hundred attempts straddle two of the limit's windows.
    start = NINE + timedelta(seconds=25)
    statuses = []
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(100):
            statuses.append(fail_login(client).status_code)
            clock.shift(timedelta(seconds=0.59))
    assert statuses[-1] == 429
    assert statuses.count(200) <= 2 * FAILURES_PER_MINUTE < 100
    assert statuses.count(429) >= 100 - 2 * FAILURES_PER_MINUTE


def test_the_hour_limit_stops_a_slow_spray(client):
    limit, _hour = LOGIN_FAILURE_LIMITS[1]
    statuses = []
    with time_machine.travel(NINE, tick=False) as clock:
        for _ in range(limit + 1):
            statuses.append(fail_login(client).status_code)
            clock.shift(timedelta(seconds=3))  # 20 a minute: under the minute's limit
        wait = int(fail_login(client)["Retry-After"])
    assert 429 not in statuses[:limit]
    assert statuses[-1] == 429
    assert 49 * 60 < wait < 50 * 60  # the rest of the hour that began at 08:00


def test_admin_login_is_limited_by_the_same_count(client, clock):
    for _ in range(FAILURES_PER_MINUTE // 2):
        fail_login(client)
    for n in range(FAILURES_PER_MINUTE - FAILURES_PER_MINUTE // 2):
        assert fail_login(client, "/admin/login/", username=f"admin{n}").status_code == 200
    response = fail_login(client, "/admin/login/", username="admin")
    assert_refused_in_norwegian(response, 55)
    assert fail_login(client).status_code == 429


def test_admin_login_still_lets_staff_in(client, clock):
    UserFactory(username="drift", is_staff=True, is_superuser=True)
    response = client.post("/admin/login/", {"username": "drift", "password": "demo"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_guessed_account_is_locked_on_the_admin_login_too(client, clock):
    UserFactory(username="drift", is_staff=True, is_superuser=True)
    for _ in range(5):
        fail_login(client, "/admin/login/", username="drift")
    response = client.post("/admin/login/", {"username": "drift", "password": "demo"})
    assert response.status_code == 429
    assert "Prøv igjen om 15 minutter" in response.text
    assert response["Retry-After"] == str(15 * 60)
    assert client.get("/admin/").status_code == 302  # not let in


# --- per person: exports and searches ----------------------------------------------------


@pytest.fixture
def manager(db):
    return UserFactory(roles=[Role.MANAGER.value, Role.EDITOR.value, Role.MARKET_CONTACT.value])


def _export_urls(manager):
    employer = EmployerFactory()
    return {
        "report export": reverse("portal:report_export", args=["csv"]),
        "matrix export": reverse("learning:matrix_export", args=[manager.office.slug, "csv"]),
        "my calendar": reverse("learning:calendar"),
        "employer export": reverse("employers:export", args=[employer.organisation_number, "xlsx"]),
        "office log export": reverse("employers:log_export", args=["csv"]),
        "sheet template": reverse("marketinfo:import_template"),
    }


def test_every_export_is_limited_per_person(client, manager, clock):
    manager.editor_region = manager.office.region
    manager.save()
    client.force_login(manager)
    urls = _export_urls(manager)
    for name, url in urls.items():
        cache.clear()
        for _ in range(EXPORTS_PER_MINUTE):
            assert client.get(url).status_code == 200, name
        assert_refused_in_norwegian(client.get(url), 55)
    # Each person has their own allowance.
    client.force_login(UserFactory(roles=[Role.MARKET_CONTACT.value]))
    assert client.get(urls["sheet template"]).status_code == 200


def test_exports_share_one_allowance(client, manager, clock):
    client.force_login(manager)
    urls = list(_export_urls(manager).values())[1:]  # the report export needs the editor role
    for n in range(EXPORTS_PER_MINUTE):
        client.get(urls[n % len(urls)])
    assert client.get(urls[0]).status_code == 429


def test_feeds_are_limited_per_secret_link(client, clock):
    person = UserFactory()
    token = FeedToken.objects.create(user=person).token
    url = reverse("marketinfo:calendar", args=[token, "kontor", person.office.slug])
    for _ in range(FEED_READS_PER_MINUTE):
        assert client.get(url).status_code == 200
    assert_refused_in_norwegian(client.get(url), 55)
    other = FeedToken.objects.create(user=UserFactory(office=person.office)).token
    atom = reverse("marketinfo:atom_feed", args=[other, "kontor", person.office.slug])
    assert client.get(atom).status_code == 200


def test_search_is_limited_per_person(client, clock):
    client.force_login(UserFactory())
    for _ in range(120):
        client.get(reverse("portal:search"), {"q": "x"})
    assert_refused_in_norwegian(client.get(reverse("portal:search"), {"q": "x"}), 55)


def test_register_search_is_limited_per_person(client, clock):
    client.force_login(UserFactory())
    url = reverse("employers:index")
    for _ in range(REGISTER_SEARCHES_PER_MINUTE):
        assert client.get(url, {"q": "bygg"}).status_code == 200
    assert_refused_in_norwegian(client.get(url, {"q": "bygg"}), 55)


def test_without_a_cache_nobody_is_refused(client):
    client.force_login(UserFactory())
    with mock.patch("portal.cache._cache.add", side_effect=ConnectionError):
        assert client.get(reverse("portal:search"), {"q": "x"}).status_code == 200
    client.logout()
    with mock.patch("portal.cache._cache.get_many", side_effect=ConnectionError):
        assert fail_login(client).status_code == 200


@pytest.mark.parametrize(
    "seconds, words",
    [
        (1, "Prøv igjen om 1 sekund."),
        (55, "Prøv igjen om 55 sekunder."),
        (60, "Prøv igjen om 1 minutt."),
        (61, "Prøv igjen om 2 minutter."),
        (900, "Prøv igjen om 15 minutter."),
    ],
)
def test_the_wait_in_words(seconds, words):
    assert retry_in_words(seconds) == words
