"""The response headers scored as Mozilla's HTTP Observatory scores them (its published
rules for the tests that depend on headers alone), under the production security settings."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PRODUCTION_SECURITY = {
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SECURE_HSTS_SECONDS": 63072000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
}


def observatory_score(response) -> tuple[int, list[str]]:
    score, notes = 100, []
    csp = response.headers.get("Content-Security-Policy", "")
    directives = {
        part.strip().split(" ")[0]: part.strip() for part in csp.split(";") if part.strip()
    }
    if not csp:
        score, notes = score - 25, [*notes, "no CSP"]
    elif "'unsafe-inline'" in directives.get("script-src", "") or "'unsafe-eval'" in csp:
        score, notes = score - 20, [*notes, "CSP allows unsafe scripts"]
    elif "'unsafe-inline'" in directives.get("style-src", ""):
        notes.append("CSP: no unsafe scripts, unsafe styles")
    else:
        notes.append("CSP without unsafe-inline")
    cookies = list(response.cookies.values())
    if any(not c["secure"] for c in cookies):
        score, notes = score - 40, [*notes, "cookie without Secure"]
    elif cookies and all(c["samesite"] for c in cookies):
        score, notes = score + 5, [*notes, "+5 cookies Secure and SameSite"]
    referrer = response.headers.get("Referrer-Policy", "")
    if referrer in {
        "no-referrer",
        "same-origin",
        "strict-origin",
        "strict-origin-when-cross-origin",
    }:
        score, notes = score + 5, [*notes, "+5 private Referrer-Policy"]
    hsts = response.headers.get("Strict-Transport-Security", "")
    max_age = int(hsts.split("max-age=")[1].split(";")[0]) if "max-age=" in hsts else 0
    if max_age < 15768000:
        score, notes = score - 20, [*notes, "HSTS missing or under six months"]
    if response.headers.get("X-Content-Type-Options") != "nosniff":
        score, notes = score - 5, [*notes, "no nosniff"]
    if "frame-ancestors 'none'" in csp or "frame-ancestors 'self'" in csp:
        score, notes = score + 5, [*notes, "+5 framing refused by CSP"]
    elif response.headers.get("X-Frame-Options") not in {"DENY", "SAMEORIGIN"}:
        score, notes = score - 20, [*notes, "framing allowed"]
    return score, notes


@override_settings(**PRODUCTION_SECURITY)
def test_login_page_scores_at_least_100(client):
    response = client.get(reverse("portal:login"), secure=True)
    score, notes = observatory_score(response)
    assert score >= 100, notes
    assert response.cookies["csrftoken"]["secure"]


@override_settings(**PRODUCTION_SECURITY)
def test_signed_in_page_scores_at_least_100(client):
    UserFactory(username="kari")
    client.get(reverse("portal:login"), secure=True)
    login = client.post(
        reverse("portal:login"), {"username": "kari", "password": "demo"}, secure=True
    )
    assert login.cookies["sessionid"]["httponly"] and login.cookies["sessionid"]["secure"]
    score, notes = observatory_score(login)
    assert score >= 100, notes
    score, notes = observatory_score(client.get("/", secure=True))
    assert score >= 100, notes
