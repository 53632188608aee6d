"""The inbound endpoint of employers' own contact form (employers/api.py), posted as NAV's
contact form sends it."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock
from uuid import uuid4

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.db import connection
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

import employers.contact_form
from employers.contact_form import callbacks_clear_contact_details
from employers.models import Callback, CallbackSource, CallbackStatus, Employer, Topic
from portal.models import OfficeMunicipality
from tests.employers.factories import CallbackFactory, EmployerFactory
from tests.factories import OfficeFactory, RegionFactory

URL = "/api/v1/kontaktskjema/"
TOKEN = "test-contact-form-token"
FORM_CLIENT_ID = "6a1d0f4e-kontaktskjema"
AUDIENCE = "api://kompetanseportalen"
ISSUER = "https://login.microsoftonline.com/tenant/v2.0"


def form(**changes):
    """The form as NAV's contact form sends it (the topic's code in temaType, its text in tema)."""
    payload = {
        "fylkesenhetsnr": "1000",
        "kommune": "Risør",
        "kommunenr": "4201",
        "bedriftsnavn": "Brønnboring AS",
        "orgnr": "974760673",
        "navn": "Mona Strand",
        "epost": "mona.strand@bronnboring.no",
        "telefonnr": "+47 370 00 555",
        "fritekst": "Vi trenger to i kantina fra januar.",
        "tema": "Rekruttering",
        "temaType": "REKRUTTERING",
    }
    payload.update(changes)
    return {key: value for key, value in payload.items() if value is not None}


@pytest.fixture
def offices(db):
    agder = RegionFactory(name="Agder", slug="agder", unit_number="1000")
    troms = RegionFactory(name="Troms", slug="troms", unit_number="1900")
    risor = OfficeFactory(name="NAV Risør", slug="risor", region=agder)
    harstad = OfficeFactory(name="NAV Harstad", slug="harstad", region=troms)
    OfficeMunicipality.objects.create(office=risor, number="4201", name="Risør")
    OfficeMunicipality.objects.create(office=harstad, number="5503", name="Harstad")
    return {"agder": agder, "troms": troms, "risor": risor, "harstad": harstad}


@pytest.fixture
def api():
    # CSRF checks on, as in production: the endpoint must not need a token for them.
    client = Client(enforce_csrf_checks=True)

    def post(payload, *, key="skjema-1", token=TOKEN, **headers):
        if key is not None:
            headers["HTTP_IDEMPOTENCY_KEY"] = key
        if token is not None:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        body = payload if isinstance(payload, str | bytes) else json.dumps(payload)
        return client.post(URL, body, content_type="application/json", **headers)

    post.client = client
    return post


def messages(response) -> dict[str, str]:
    return {error["felt"]: error["melding"] for error in response.json()["feil"]}


def test_a_form_lands_in_the_office_of_its_municipality_marked_from_the_employer(api, offices):
    response = api(form())

    assert response.status_code == 201
    assert response.json()["kontor"] == "NAV Risør"
    callback = Callback.objects.get()
    assert callback.office == offices["risor"]
    assert callback.source == CallbackSource.EMPLOYER_FORM
    assert callback.taken_by is None
    assert (callback.contact_name, callback.phone, callback.email) == (
        "Mona Strand",
        "+4737000555",
        "mona.strand@bronnboring.no",
    )
    assert callback.topic == Topic.RECRUITMENT
    assert callback.note == "Vi trenger to i kantina fra januar."
    # Unknown to the register so far: an employer of its own, with the name the form gave.
    employer = Employer.objects.get(organisation_number="974760673")
    assert (employer.name, employer.register_updated_at) == ("Brønnboring AS", None)
    assert "sessionid" not in response.cookies


def test_a_known_employer_is_reused(api, offices):
    employer = EmployerFactory(organisation_number="974760673", name="Brønnboring AS avd. Risør")

    api(form(orgnr="974 760 673"))

    assert Callback.objects.get().employer == employer
    assert Employer.objects.count() == 1


def test_a_repeat_with_the_same_key_creates_nothing_new(api, offices):
    first = api(form())
    second = api(form())

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert Callback.objects.count() == 1


def test_a_repeat_that_lost_the_race_gets_the_first_callback(api, offices):
    first = api(form())
    # The second request looked before the first had committed, then met the unique key.
    with mock.patch("employers.contact_form._earlier", side_effect=[None, Callback.objects.get()]):
        second = api(form())

    assert second.status_code == 200
    assert second.json()["id"] == first.json()["id"]
    assert Callback.objects.count() == 1


def test_a_key_reused_for_another_form_is_refused(api, offices):
    api(form())
    response = api(form(navn="Ola Berg"))

    assert response.status_code == 409
    assert "Idempotency-Key" in messages(response)
    assert Callback.objects.count() == 1


def test_without_an_idempotency_key_nothing_is_written(api, offices):
    response = api(form(), key=None)

    assert response.status_code == 400
    assert "Idempotency-Key" in messages(response)
    assert not Callback.objects.exists()


@pytest.mark.parametrize("token", [None, "", "wrong-token", TOKEN + "x"])
def test_a_missing_or_bad_token_is_401(api, offices, token):
    response = api(form(), token=token)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert not Callback.objects.exists()


def test_a_session_is_no_token(api, offices, django_user_model):
    api.client.force_login(django_user_model.objects.create_user("leder", password="x"))

    assert api(form(), token=None).status_code == 401


def test_get_is_not_allowed(api, offices):
    assert api.client.get(URL).status_code == 405


def test_a_bad_organisation_number_and_topic_get_field_errors_in_norwegian(api, offices):
    response = api(form(orgnr="974760674", temaType="SOMMERJOBB", tema="Sommerjobb"))

    assert response.status_code == 400
    errors = messages(response)
    assert "kontrollsifferet" in errors["orgnr"]
    assert "REKRUTTERING" in errors["tema"] and errors["tema"].startswith("Ukjent tema")
    assert not Callback.objects.exists() and not Employer.objects.exists()


def test_missing_fields_are_listed(api, offices):
    response = api(form(navn=None, epost="ikke-en-adresse", telefonnr="12", bedriftsnavn=None))

    assert response.status_code == 400
    assert set(messages(response)) == {"navn", "epost", "telefonnr", "bedriftsnavn"}


def test_first_and_last_name_are_joined(api, offices):
    api(form(navn=None, fornavn="Mona", etternavn="Strand"))

    assert Callback.objects.get().contact_name == "Mona Strand"


def test_a_municipality_of_another_office_routes_there(api, offices):
    response = api(form(kommunenr="5503", kommune="Harstad", fylkesenhetsnr="1900"))

    assert response.json()["kontor"] == "NAV Harstad"
    assert Callback.objects.get().office == offices["harstad"]


def test_a_sick_leave_form_with_only_a_county_unit_waits_in_the_regions_queue(api, offices):
    response = api(
        form(
            kommunenr=None,
            kommune=None,
            temaType="FOREBYGGE_SYKEFRAVÆR",
            tema="Forebygge sykefravær",
            harSnakketMedAnsattrepresentant=True,
        )
    )

    assert response.status_code == 201
    callback = Callback.objects.get()
    assert (callback.office, callback.region) == (None, offices["agder"])
    assert callback.topic == Topic.SICK_LEAVE
    assert callback.employee_representative_consulted is True


def test_an_unknown_municipality_goes_to_the_regions_queue(api, offices):
    api(form(kommunenr="4213", kommune="Tvedestrand"))

    callback = Callback.objects.get()
    assert (callback.office, callback.region) == (None, offices["agder"])


def test_a_form_nobody_covers_is_refused(api, offices):
    response = api(form(kommunenr="3401", fylkesenhetsnr="0400"))

    assert response.status_code == 400
    assert "fylkesenhetsnr" in messages(response)


def test_sick_leave_needs_the_employee_representative_answer(api, offices):
    response = api(form(temaType="FOREBYGGE_SYKEFRAVÆR", tema="Forebygge sykefravær"))

    assert response.status_code == 400
    assert "harSnakketMedAnsattrepresentant" in messages(response)


def test_an_identity_number_in_the_free_text_is_redacted_not_refused(api, offices):
    response = api(form(fritekst="Gjelder Ola, fnr 151086 95088, som vil prøve seg."))

    assert response.status_code == 201
    note = Callback.objects.get().note
    assert note == "Gjelder Ola, fnr [fødselsnummer fjernet], som vil prøve seg."


@pytest.mark.parametrize(
    "body", ["ikke json", "[1, 2]", json.dumps(form(navn=["Mona"])), json.dumps(form(navn="a\x00"))]
)
def test_hostile_bodies_get_400(api, offices, body):
    assert api(body).status_code == 400
    assert not Callback.objects.exists()


def test_it_is_rate_limited_per_client(api, offices, settings):
    settings.CONTACT_FORM_REQUESTS_PER_MINUTE = 2
    statuses = [api(form(), key=f"skjema-{n}").status_code for n in range(3)]

    assert statuses == [201, 201, 429]
    assert Callback.objects.count() == 2


# The production path: a JWT from Entra ID's client-credentials flow, checked against the
# tenant's key set, served here by a local HTTP server.


@pytest.fixture
def signing_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def jwks_url(signing_key):
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(signing_key.public_key()))
    body = json.dumps({"keys": [{**public, "kid": "key-1", "use": "sig", "alg": "RS256"}]})

    class KeySet(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), KeySet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/discovery/v2.0/keys"
    server.shutdown()
    server.server_close()


@pytest.fixture
def entra_id(settings, jwks_url):
    settings.CONTACT_FORM_JWKS_URL = jwks_url
    settings.CONTACT_FORM_AUDIENCE = AUDIENCE
    settings.CONTACT_FORM_ISSUER = ISSUER
    settings.CONTACT_FORM_ALLOWED_AZP = [FORM_CLIENT_ID]
    settings.CONTACT_FORM_TOKEN = TOKEN  # set, but ignored once the key set is configured


def entra_token(key, **changes):
    now = int(time.time())
    claims = {
        "aud": AUDIENCE,
        "iss": ISSUER,
        "azp": FORM_CLIENT_ID,
        "iat": now,
        "nbf": now,
        "exp": now + 3600,
        "roles": ["access_as_application"],
    }
    claims.update(changes)
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "key-1"})


def test_a_token_of_the_contact_form_is_accepted(api, offices, entra_id, signing_key):
    response = api(form(), token=entra_token(signing_key))

    assert response.status_code == 201
    assert Callback.objects.get().inbound_client == FORM_CLIENT_ID


@pytest.mark.parametrize(
    "changes",
    [
        {"azp": "another-client"},
        {"aud": "api://another-app"},
        {"iss": "https://login.microsoftonline.com/other-tenant/v2.0"},
        {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200},
    ],
    ids=["another client", "another audience", "another tenant", "expired"],
)
def test_a_token_for_someone_else_is_401(api, offices, entra_id, signing_key, changes):
    response = api(form(), token=entra_token(signing_key, **changes))

    assert response.status_code == 401
    assert not Callback.objects.exists()


def test_a_token_signed_by_another_key_and_the_secret_are_401(api, offices, entra_id):
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    assert api(form(), token=entra_token(stranger)).status_code == 401
    assert api(form(), token=TOKEN).status_code == 401


def test_unreachable_keys_answer_503_so_the_sender_retries(api, offices, settings, signing_key):
    settings.CONTACT_FORM_JWKS_URL = "http://127.0.0.1:9/keys"
    settings.CONTACT_FORM_ALLOWED_AZP = [FORM_CLIENT_ID]

    response = api(form(), token=entra_token(signing_key))

    assert response.status_code == 503
    assert response["Retry-After"]


# Retention: the contact person's details go a set time after the callback is done.


def test_contact_details_are_cleared_twelve_months_after_done(db, settings):
    settings.CALLBACK_CONTACT_RETENTION_MONTHS = 12
    now = timezone.now()
    old = CallbackFactory(status=CallbackStatus.DONE, done_at=now - timedelta(days=370))
    recent = CallbackFactory(status=CallbackStatus.DONE, done_at=now - timedelta(days=300))
    still_open = CallbackFactory(created_at=now - timedelta(days=900))
    for callback in (old, recent, still_open):
        Callback.objects.filter(pk=callback.pk).update(email="mona@example.no")

    assert callbacks_clear_contact_details() == 1
    assert callbacks_clear_contact_details() == 0

    old.refresh_from_db()
    assert (old.contact_name, old.phone, old.email) == ("", "", "")
    assert old.topic and old.employer_id
    for kept in (recent, still_open):
        kept.refresh_from_db()
        assert (kept.contact_name, kept.email) == ("Mona Strand", "mona@example.no")


FIELDS = [
    "fylkesenhetsnr",
    "kommune",
    "kommunenr",
    "bedriftsnavn",
    "orgnr",
    "navn",
    "fornavn",
    "etternavn",
    "epost",
    "telefonnr",
    "fritekst",
    "tema",
    "temaType",
    "harSnakketMedAnsattrepresentant",
]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=5,
)


@hypothesis_settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    derandomize=True,
)
@given(changes=st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES, max_size=4))
def test_no_payload_gives_a_server_error(api, offices, settings, changes):
    settings.CONTACT_FORM_REQUESTS_PER_MINUTE = 1000
    response = api(form() | changes, key=str(uuid4()))

    assert response.status_code in (201, 400), response.content
    if response.status_code == 400:
        assert all(error["melding"] for error in response.json()["feil"])


@pytest.mark.django_db(transaction=True)
def test_two_copies_racing_make_one_callback(offices):
    """Both look before either has written; the unique key makes the second wait for the
    first and then answer with its callback."""
    both_looked = threading.Barrier(2, timeout=10)
    look = employers.contact_form._earlier

    def looked_at_the_same_time(client, key):
        found = look(client, key)
        if found is None:
            with contextlib.suppress(threading.BrokenBarrierError):
                both_looked.wait()
        return found

    statuses = []

    def send():
        try:
            client = Client()
            response = client.post(
                URL,
                json.dumps(form()),
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {TOKEN}",
                HTTP_IDEMPOTENCY_KEY="samtidig",
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    with mock.patch("employers.contact_form._earlier", side_effect=looked_at_the_same_time):
        threads = [threading.Thread(target=send) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=20)

    assert sorted(statuses) == [200, 201]
    assert Callback.objects.count() == 1
