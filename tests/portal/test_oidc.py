"""Single sign-on with Entra ID, against a faked identity provider."""

import time
from unittest import mock

import jwt
import pytest
from django.conf import settings
from django.test import override_settings

from portal.models import User

pytestmark = pytest.mark.django_db

SECRET = "test-client-secret-that-is-long-enough-for-hs256"
OIDC = {
    "ROOT_URLCONF": "tests.portal.oidc_urls",
    "OIDC_ENABLED": True,
    "OIDC_RP_CLIENT_ID": "kompetanseportalen",
    "OIDC_RP_CLIENT_SECRET": SECRET,
    "OIDC_RP_SIGN_ALGO": "HS256",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://login.example.invalid/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://login.example.invalid/token",
    "OIDC_OP_USER_ENDPOINT": "https://login.example.invalid/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://login.example.invalid/keys",
    "AUTHENTICATION_BACKENDS": [
        *settings.AUTHENTICATION_BACKENDS,
        "portal.oidc.EntraIdBackend",
    ],
}
CLAIMS = {
    "email": "kari.nordmann@nav.no",
    "given_name": "Kari",
    "family_name": "Nordmann",
    "groups": ["kompetanseportalen-brukere"],
}


def fake_identity_provider(nonce: str, claims=CLAIMS):
    id_token = jwt.encode(
        {
            "iss": "https://login.example.invalid",
            "aud": "kompetanseportalen",
            "exp": int(time.time()) + 300,
            "nonce": nonce,
            **claims,
        },
        SECRET,
        algorithm="HS256",
    )
    token = mock.Mock(status_code=200)
    token.json.return_value = {"id_token": id_token, "access_token": "access"}
    userinfo = mock.Mock(status_code=200, headers={"Content-Type": "application/json"})
    userinfo.json.return_value = claims
    return token, userinfo


@override_settings(**OIDC)
def test_login_page_offers_single_sign_on(client):
    response = client.get("/konto/logg-inn/")
    assert "Logg inn med NAV-kontoen din" in response.text


@override_settings(**OIDC)
def test_first_sign_on_creates_the_account_and_signs_in(client):
    session = client.session
    session["oidc_states"] = {
        "state-1": {"nonce": "nonce-1", "code_verifier": None, "added_on": time.time()}
    }
    session.save()
    token, userinfo = fake_identity_provider("nonce-1")
    with (
        mock.patch("mozilla_django_oidc.auth.requests.post", return_value=token),
        mock.patch("mozilla_django_oidc.auth.requests.get", return_value=userinfo),
    ):
        response = client.get("/oidc/callback/", {"code": "abc", "state": "state-1"})

    assert response.status_code == 302
    user = User.objects.get(email="kari.nordmann@nav.no")
    assert (user.username, user.first_name, user.last_name) == ("kari.nordmann", "Kari", "Nordmann")
    assert user.office is None and user.roles == []
    assert client.get("/").status_code == 200


@override_settings(**OIDC)
def test_first_sign_on_starts_the_new_persons_onboarding(client):
    session = client.session
    session["oidc_states"] = {
        "state-1": {"nonce": "nonce-1", "code_verifier": None, "added_on": time.time()}
    }
    session.save()
    token, userinfo = fake_identity_provider("nonce-1")
    with (
        mock.patch("mozilla_django_oidc.auth.requests.post", return_value=token),
        mock.patch("mozilla_django_oidc.auth.requests.get", return_value=userinfo),
        mock.patch("portal.oidc.user_started") as started,
    ):
        client.get("/oidc/callback/", {"code": "abc", "state": "state-1"})
    started.assert_called_once_with(user=User.objects.get(email="kari.nordmann@nav.no"))


@override_settings(**OIDC)
def test_a_token_for_another_nonce_is_refused(client):
    session = client.session
    session["oidc_states"] = {
        "state-1": {"nonce": "nonce-1", "code_verifier": None, "added_on": time.time()}
    }
    session.save()
    token, userinfo = fake_identity_provider("somebody-elses-nonce")
    with (
        mock.patch("mozilla_django_oidc.auth.requests.post", return_value=token),
        mock.patch("mozilla_django_oidc.auth.requests.get", return_value=userinfo),
    ):
        response = client.get("/oidc/callback/", {"code": "abc", "state": "state-1"})
    assert response.status_code == 400
    assert not User.objects.filter(email="kari.nordmann@nav.no").exists()


@override_settings(**OIDC, OIDC_REQUIRED_GROUP="kompetanseportalen-brukere")
def test_a_person_outside_the_portals_group_is_refused(client):
    session = client.session
    session["oidc_states"] = {
        "state-1": {"nonce": "nonce-1", "code_verifier": None, "added_on": time.time()}
    }
    session.save()
    outsider = CLAIMS | {"email": "utenfor@nav.no", "groups": ["en-annen-gruppe"]}
    token, userinfo = fake_identity_provider("nonce-1", outsider)
    with (
        mock.patch("mozilla_django_oidc.auth.requests.post", return_value=token),
        mock.patch("mozilla_django_oidc.auth.requests.get", return_value=userinfo),
    ):
        client.get("/oidc/callback/", {"code": "abc", "state": "state-1"})
    assert not User.objects.filter(email="utenfor@nav.no").exists()
    assert client.get("/").status_code == 302
