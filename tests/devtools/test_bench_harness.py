"""The `make bench` harness measures what it says, and a broken page stops being a number."""

import pytest
from django.test import Client

from devtools.bench.measure import Target, measure, percentile
from devtools.bench.urls import FLOOR_PATH
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("devtools.bench.urls")]


@pytest.fixture
def signed_in():
    user = UserFactory()
    client = Client()
    client.force_login(user, backend="portal.backends.PortalModelBackend")
    return client, user


def test_the_floor_and_a_page_are_timed_with_their_queries(signed_in):
    client, user = signed_in
    floor = measure(
        client, user.pk, Target("floor", "floor", "u", FLOOR_PATH, None), warmup=1, requests=4
    )
    page = measure(client, user.pk, Target("dashboard", "page", "u", "/", 50), warmup=1, requests=4)

    for result in (floor, page):
        assert not result.error
        assert len(result.samples_ms) == 4
        assert all(ms > 0 for ms in result.samples_ms)
    # The floor reads the session and the user; the dashboard reads more besides.
    assert floor.typical_queries == 2
    assert page.typical_queries > floor.typical_queries
    assert b"Kompetanseportalen" in client.get(FLOOR_PATH).content


def test_a_page_that_does_not_answer_200_is_reported_with_its_address(signed_in):
    client, user = signed_in
    target = Target("gone", "page", "u", "/laering/moduler/finnes-ikke/", 50)

    result = measure(client, user.pk, target, warmup=1, requests=3)

    assert "/laering/moduler/finnes-ikke/" in result.error and "404" in result.error
    assert result.met_time is False and not result.samples_ms


def test_the_floor_needs_a_signed_in_user():
    assert Client().get(FLOOR_PATH).status_code == 302


def test_percentiles_interpolate_between_samples():
    samples = [float(n) for n in range(1, 21)]
    assert percentile(samples, 50) == pytest.approx(10.5)
    assert percentile(samples, 95) == pytest.approx(19.05)
    assert percentile([7.0], 95) == 7.0
