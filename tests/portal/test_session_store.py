from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from portal.sessions import SessionStore
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_stored_session_is_read_back():
    store = SessionStore()
    store["word"] = "blåbær"
    store.create()
    assert SessionStore(store.session_key)["word"] == "blåbær"


def test_an_expired_or_unknown_key_starts_an_empty_session():
    store = SessionStore()
    store["word"] = "gammel"
    store.create()
    Session.objects.filter(pk=store.session_key).update(expire_date=timezone.now() - timedelta(1))
    expired = SessionStore(store.session_key)
    assert "word" not in expired and expired.session_key is None
    assert SessionStore("x" * 32).load() == {}


def test_signing_out_ends_the_session_for_a_copied_cookie(client):
    client.force_login(UserFactory())
    stolen = client.cookies["sessionid"].value
    client.post(reverse("portal:logout"))
    client.cookies["sessionid"] = stolen
    response = client.get(reverse("portal:glossary"))
    assert response.status_code == 302 and "/konto/logg-inn/" in response["Location"]
