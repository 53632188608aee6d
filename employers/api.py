"""POST /api/v1/kontaktskjema/: NAV's public contact form for employers hands a form over.

Machine to machine: no session, no CSRF, a bearer token. In production an Entra ID token
from the client-credentials flow, checked against the tenant's keys (JWKS) for audience,
issuer and authorised party (`azp`, the form service's client id); in development and tests
a configured secret. The sender gives an `Idempotency-Key`: the same form sent again gets
the callback the first one made (200), a new one 201. Errors answer in JSON, in Norwegian:
{"feil": [{"felt": …, "melding": …}]}.
"""

import functools
import hmac
import json
import logging

import jwt
from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from employers.contact_form import (
    ContactFormPayload,
    KeyReused,
    callback_from_contact_form,
    contact_form_route,
    payload_fingerprint,
)
from portal.ratelimit import over_limit

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024
MAX_KEY_LENGTH = 200
# Before the token is checked, per address: enough for the form service, few guesses for others.
ATTEMPTS_PER_MINUTE_PER_ADDRESS = 300
# The client name recorded for forms sent with the shared secret.
SECRET_CLIENT = "shared-secret"


class JwksUnavailable(Exception):
    pass


@csrf_exempt
@require_POST
def contact_form(request: HttpRequest) -> JsonResponse:
    # The sender is a machine: its errors come in the portal's language, not its headers'.
    with translation.override("nb"):
        return _receive(request)


def _receive(request: HttpRequest) -> JsonResponse:
    wait = over_limit(
        request,
        scope="contact-form-address",
        limit=ATTEMPTS_PER_MINUTE_PER_ADDRESS,
        period=60,
        per="ip",
    )
    if wait:
        return _too_many(wait)
    try:
        client = authenticated_client(request)
    except JwksUnavailable:
        response = _errors(503, None, _("The token could not be checked. Try again later."))
        response["Retry-After"] = "30"
        return response
    if client is None:
        response = _errors(401, None, _("A valid bearer token is required."))
        response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return response
    wait = over_limit(
        request,
        scope="contact-form",
        limit=settings.CONTACT_FORM_REQUESTS_PER_MINUTE,
        period=60,
        per=lambda _request: client,
    )
    if wait:
        return _too_many(wait)

    key = request.headers.get("Idempotency-Key", "").strip()
    if not key or len(key) > MAX_KEY_LENGTH or not key.isascii() or not key.isprintable():
        return _errors(
            400,
            "Idempotency-Key",
            _("Give an Idempotency-Key header: up to 200 visible ASCII characters."),
        )
    if len(request.body) > MAX_BODY_BYTES:
        return _errors(413, None, _("The form is too large."))
    try:
        payload = json.loads(request.body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return _errors(400, None, _("The body is not JSON."))
    if not isinstance(payload, dict):
        return _errors(400, None, _("The body must be a JSON object."))

    form = ContactFormPayload(payload)
    if not form.is_valid():
        return JsonResponse({"feil": form.field_errors()}, status=400)
    data = form.cleaned_data
    route = contact_form_route(
        municipality_number=data["kommunenr"], unit_number=data["fylkesenhetsnr"]
    )
    if route is None:
        return _errors(
            400,
            "fylkesenhetsnr",
            _("No office covers the municipality, and the county unit is unknown."),
        )
    try:
        received = callback_from_contact_form(
            client=client,
            idempotency_key=key,
            fingerprint=payload_fingerprint(payload),
            data=data,
            route=route,
        )
    except KeyReused:
        return _errors(409, "Idempotency-Key", _("This Idempotency-Key was used for another form."))
    callback = received.callback
    return JsonResponse(
        {
            "id": callback.pk,
            "kontor": callback.office.name if callback.office else None,
            "region": callback.region.name if callback.region else None,
        },
        status=201 if received.created else 200,
    )


def authenticated_client(request: HttpRequest) -> str | None:
    """Who sent the request (the token's azp, or the shared secret's name), or None."""
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    if settings.CONTACT_FORM_JWKS_URL:
        return _entra_id_client(token)
    secret = settings.CONTACT_FORM_TOKEN
    if secret and hmac.compare_digest(token.encode(), secret.encode()):
        return SECRET_CLIENT
    return None


@functools.cache
def _jwks_client(url: str) -> jwt.PyJWKClient:
    # One per process: it keeps the tenant's keys for an hour and fetches them again when a
    # token names a key it has not seen (Entra ID rotates them).
    return jwt.PyJWKClient(url, cache_keys=True, lifespan=3600, timeout=5)


def _entra_id_client(token: str) -> str | None:
    try:
        signing_key = _jwks_client(settings.CONTACT_FORM_JWKS_URL).get_signing_key_from_jwt(token)
        claims = jwt.decode(
            token,
            signing_key.key,
            algorithms=["RS256"],
            audience=settings.CONTACT_FORM_AUDIENCE,
            issuer=settings.CONTACT_FORM_ISSUER,
            options={"require": ["exp", "iat", "aud", "iss", "azp"]},
            leeway=30,
        )
    except jwt.PyJWKClientConnectionError:
        logger.warning("contact form: the tenant's keys could not be fetched")
        raise JwksUnavailable from None
    except jwt.PyJWTError as error:
        logger.info("contact form: token refused (%s)", type(error).__name__)
        return None
    azp = claims["azp"]
    if azp not in settings.CONTACT_FORM_ALLOWED_AZP:
        logger.info("contact form: token of a client not allowed")
        return None
    return azp


def _errors(status: int, field: str | None, message: str) -> JsonResponse:
    return JsonResponse({"feil": [{"felt": field, "melding": message}]}, status=status)


def _too_many(wait: int) -> JsonResponse:
    response = _errors(
        429, None, _("Too many requests. Try again in %(seconds)d seconds.") % {"seconds": wait}
    )
    response["Retry-After"] = str(wait)
    return response
