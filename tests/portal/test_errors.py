import pytest
from django.test import Client, override_settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_not_found_is_norwegian(client):
    client.force_login(UserFactory())
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    assert "Vi fant ikke siden" in response.text


@override_settings(ROOT_URLCONF="tests.portal.failing_urls")
def test_server_error_is_norwegian_without_a_stack_trace():
    client = Client(raise_request_exception=False)
    response = client.get("/feil/")
    assert response.status_code == 500
    assert "Noe gikk galt hos oss" in response.text
    assert "Traceback" not in response.text
    assert "ZeroDivisionError" not in response.text


def test_refusals_are_logged_with_who_and_what_but_no_name(client, caplog):
    import logging

    user = UserFactory(first_name="Kari", last_name="Nordmann")
    client.force_login(user)
    with caplog.at_level(logging.INFO, logger="portal.refusals"):
        client.get("/rapporter/")  # an advisor may not see the reports
        client.get("/finnes-ikke/")
    lines = [r.getMessage() for r in caplog.records if r.name == "portal.refusals"]
    assert lines == [
        f"refused status=403 who=user:{user.pk} method=GET path=/rapporter/",
        f"refused status=404 who=user:{user.pk} method=GET path=/finnes-ikke/",
    ]
    assert not any("Kari" in line for line in lines)
