"""PostgreSQL restarting: the Norwegian 503 page, and service again once it is back."""

import pytest
from django.db import connection
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_requests_during_a_database_outage_get_the_503_page_and_recover():
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory())
    real = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["PORT"] = "1"  # the database "restarts": nothing answers
    try:
        response = client.get("/")
    finally:
        connection.close()
        connection.settings_dict.update(real)
    assert response.status_code == 503
    assert "midlertidig utilgjengelig" in response.text
    assert "Traceback" not in response.text and "OperationalError" not in response.text
    assert response["Retry-After"] == "30"
    assert client.get("/").status_code == 200  # back, without restarting anything
