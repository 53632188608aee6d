import pytest
from django.db import connection


def test_isalive_answers_without_a_database(client):
    response = client.get("/internal/isalive")
    assert response.status_code == 200


@pytest.mark.django_db
def test_isready_reports_each_dependency(client):
    response = client.get("/internal/isready")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert set(body) == {"database", "redis", "celery"}


@pytest.mark.django_db
def test_isready_is_503_naming_the_database_when_it_is_down(client):
    real = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["PORT"] = "1"  # nothing listens there: the database is "down"
    try:
        response = client.get("/internal/isready")
    finally:
        connection.close()
        connection.settings_dict.update(real)
    assert response.status_code == 503
    assert response.json()["database"] == "down"
