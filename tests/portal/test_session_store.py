"""portal.sessions reads a session with plain SQL (README: about a millisecond per request); in
every case it must do what Django's own database store does, so that a Django upgrade that
changes the semantics fails here."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from portal.sessions import SessionStore
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _observe(store_class) -> dict:
    """What a store does with a stored, modified, cycled, expired, unknown and corrupt key."""
    seen = {}
    new = store_class()
    new["word"] = "blåbær"
    new.create()
    key = new.session_key
    stored = store_class(key)
    seen["load"] = (dict(stored.items()), stored.session_key == key)

    stored["count"] = 1
    stored.save()
    seen["modified"] = dict(store_class(key).items())

    cycled = store_class(key)
    cycled.cycle_key()
    seen["cycle_key"] = (
        cycled.session_key != key,
        store_class(key).load(),
        dict(store_class(cycled.session_key).items()),
    )

    Session.objects.filter(pk=cycled.session_key).update(expire_date=timezone.now() - timedelta(1))
    expired = store_class(cycled.session_key)
    seen["expired"] = (expired.load(), expired.session_key)

    missing = store_class("x" * 32)
    seen["missing"] = (missing.load(), missing.session_key)
    missing["word"] = "ny"
    missing.save()  # a new key, never the one the browser made up
    seen["missing saved"] = (missing.session_key != "x" * 32, dict(missing.items()))

    corrupt = store_class()
    corrupt["word"] = "gammel"
    corrupt.create()
    Session.objects.filter(pk=corrupt.session_key).update(session_data="not-signed")
    reread = store_class(corrupt.session_key)
    seen["corrupt"] = (reread.load(), reread.session_key == corrupt.session_key)
    return seen


def test_every_case_is_as_djangos_own_database_store(django_assert_num_queries):
    ours = _observe(SessionStore)
    assert ours == _observe(DjangoSessionStore)
    assert ours["load"] == ({"word": "blåbær"}, True)
    assert ours["expired"] == ours["missing"] == ({}, None)
    assert ours["corrupt"] == ({}, True)
    stored = SessionStore()
    stored.create()
    with django_assert_num_queries(1):
        SessionStore(stored.session_key).load()


def test_signing_out_ends_the_session_for_a_copied_cookie(client):
    client.force_login(UserFactory())
    stolen = client.cookies["sessionid"].value
    client.post(reverse("portal:logout"))
    client.cookies["sessionid"] = stolen
    response = client.get(reverse("portal:glossary"))
    assert response.status_code == 302 and "/konto/logg-inn/" in response["Location"]
