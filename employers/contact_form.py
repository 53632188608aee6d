"""Employers' own contact form (NAV's «Kontakt oss» for employers): what it sends, where a
form goes, and how long the contact person's details are kept.

The services of the inbound endpoint (employers/api.py) live here rather than in
services.py, which the staff's callback work owns.

Routing: by the municipality number to the office that covers it (portal.OfficeMunicipality;
Oslo's offices cover city districts, six digits). A form with only a county unit
(`fylkesenhetsnr`), as sick-leave forms may be, or with a municipality no office covers, waits
in the region's queue: a callback without office, with the region.

The employer is found by organisation number; an unknown number becomes an employer of its
own with the name the form gave, not yet from the register (register_updated_at empty), which
the next register import or update fills in like any other unit.
"""

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from employers.models import (
    SUMMARY_MAX_LENGTH,
    Callback,
    CallbackSource,
    CallbackStatus,
    Employer,
    Topic,
)
from portal.middleware import CONTROL_CHARACTERS
from portal.models import Office, OfficeMunicipality, Region
from portal.validators import (
    normalise_organisation_number,
    replace_identity_numbers,
    validate_organisation_number,
)

# The form's four topics (`tema`, or `temaType` beside the topic's text) and ours.
FORM_TOPICS = {
    "REKRUTTERING": Topic.RECRUITMENT,
    "REKRUTTERING_MED_TILRETTELEGGING": Topic.RECRUITMENT_ADAPTED,
    "ARBEIDSTRENING": Topic.WORK_TRAINING,
    "FOREBYGGE_SYKEFRAVÆR": Topic.SICK_LEAVE,
}
SICK_LEAVE = "FOREBYGGE_SYKEFRAVÆR"
PHONE = re.compile(r"^\+?[0-9]{8,15}$")


class ContactFormPayload(forms.Form):
    """The JSON the contact form sends, field names as it spells them."""

    fylkesenhetsnr = forms.RegexField(
        regex=r"^[0-9]{4}$",
        required=False,
        error_messages={"invalid": gettext_lazy("A county unit number has four digits.")},
    )
    kommune = forms.CharField(max_length=100, required=False)
    kommunenr = forms.RegexField(
        regex=r"^[0-9]{4}([0-9]{2})?$",
        required=False,
        error_messages={
            "invalid": gettext_lazy("A municipality number has four digits (a city district six).")
        },
    )
    bedriftsnavn = forms.CharField(max_length=200)
    orgnr = forms.CharField(max_length=40)
    navn = forms.CharField(max_length=200, required=False)
    fornavn = forms.CharField(max_length=100, required=False)
    etternavn = forms.CharField(max_length=100, required=False)
    epost = forms.EmailField(max_length=254)
    telefonnr = forms.CharField(max_length=30)
    fritekst = forms.CharField(max_length=SUMMARY_MAX_LENGTH, required=False)
    tema = forms.CharField(max_length=100, required=False)
    temaType = forms.CharField(max_length=100, required=False)
    harSnakketMedAnsattrepresentant = forms.NullBooleanField(required=False)

    def __init__(self, data: dict, **kwargs):
        # JSON brings types a form field never meets from a browser: what is not a plain
        # value of the field's kind is set aside here and refused beside the field.
        self.type_errors: dict[str, str] = {}
        plain = {}
        for name in self.base_fields:
            value = data.get(name)
            if name == "harSnakketMedAnsattrepresentant":
                if value is not None and not isinstance(value, bool):
                    self.type_errors[name] = _("Expected true or false.")
                    continue
            elif isinstance(value, bool) or not isinstance(value, str | int | float | None):
                self.type_errors[name] = _("Expected text.")
                continue
            elif isinstance(value, str) and CONTROL_CHARACTERS.search(value):
                self.type_errors[name] = _("The field contains control characters.")
                continue
            plain[name] = value
        super().__init__(plain, **kwargs)

    def _post_clean(self) -> None:
        super()._post_clean()
        for name, message in self.type_errors.items():
            self._errors.pop(name, None)
            self.add_error(name, message)

    def clean_orgnr(self) -> str:
        number = normalise_organisation_number(self.cleaned_data["orgnr"])
        validate_organisation_number(number)
        return number

    def clean_telefonnr(self) -> str:
        phone = re.sub(r"[\s.-]", "", self.cleaned_data["telefonnr"])
        if not PHONE.match(phone):
            raise ValidationError(_("A phone number has 8 to 15 digits, with + first if abroad."))
        return phone

    def clean(self) -> dict:
        data = super().clean()
        name = data.get("navn") or " ".join(
            part for part in (data.get("fornavn"), data.get("etternavn")) if part
        )
        if not name.strip():
            self.add_error("navn", _("The contact person's name is missing."))
        data["contact_name"] = name.strip()[:200]
        # The form sends the topic's code as `temaType` beside its text in `tema`; older
        # senders put the code in `tema`.
        code = data.get("temaType") or data.get("tema")
        if code not in FORM_TOPICS:
            self.add_error(
                "tema",
                _("Unknown topic. Use one of: %(topics)s.") % {"topics": ", ".join(FORM_TOPICS)},
            )
        data["topic"] = FORM_TOPICS.get(code)
        if code == SICK_LEAVE and data.get("harSnakketMedAnsattrepresentant") is None:
            self.add_error(
                "harSnakketMedAnsattrepresentant",
                _("Say whether you have talked to an employee representative."),
            )
        if not data.get("kommunenr") and not data.get("fylkesenhetsnr"):
            self.add_error("kommunenr", _("Give the municipality or the county unit."))
        return data

    def field_errors(self) -> list[dict[str, str]]:
        return [
            {"felt": field, "melding": message}
            for field, messages in self.errors.items()
            for message in messages
        ]


@dataclass(frozen=True)
class Route:
    office: Office | None
    region: Region


def contact_form_route(*, municipality_number: str, unit_number: str) -> Route | None:
    """The office covering the municipality, else the region of the county unit."""
    if municipality_number:
        covered = (
            OfficeMunicipality.objects.select_related("office__region")
            .filter(number=municipality_number)
            .first()
        )
        if covered:
            return Route(office=covered.office, region=covered.office.region)
    if unit_number:
        region = Region.objects.filter(unit_number=unit_number).first()
        if region:
            return Route(office=None, region=region)
    return None


def payload_fingerprint(payload: dict) -> str:
    """The same form sent again hashes the same, whatever order its keys come in."""
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class Received:
    callback: Callback
    created: bool


class KeyReused(Exception):
    """The Idempotency-Key came before with another form."""


def callback_from_contact_form(
    *, client: str, idempotency_key: str, fingerprint: str, data: dict, route: Route
) -> Received:
    """The callback of one contact form, written whole or not at all. A repeat under the same
    key (also one racing the first) gives the callback the first one made."""
    earlier = _earlier(client, idempotency_key)
    if earlier:
        return _repeat(earlier, fingerprint)
    with_identity_removed = replace_identity_numbers(
        data.get("fritekst", ""), _("[identity number removed]")
    )
    try:
        with transaction.atomic():
            employer, _created = Employer.objects.get_or_create(
                organisation_number=data["orgnr"],
                defaults={
                    "name": data["bedriftsnavn"],
                    "municipality": data.get("kommune", ""),
                    "municipality_number": data.get("kommunenr", "")[:4],
                },
            )
            callback = Callback.objects.create(
                employer=employer,
                source=CallbackSource.EMPLOYER_FORM,
                office=route.office,
                region=route.region,
                contact_name=data["contact_name"],
                phone=data["telefonnr"],
                email=data["epost"],
                topic=data["topic"],
                note=with_identity_removed,
                company_name=data["bedriftsnavn"],
                municipality=data.get("kommune", ""),
                municipality_number=data.get("kommunenr", ""),
                employee_representative_consulted=data.get("harSnakketMedAnsattrepresentant"),
                inbound_client=client,
                idempotency_key=idempotency_key,
                inbound_fingerprint=fingerprint,
            )
    except IntegrityError:
        # Another request with the same key committed first (the unique constraint waited
        # for it); anything else is not ours to hide.
        earlier = _earlier(client, idempotency_key)
        if earlier is None:
            raise
        return _repeat(earlier, fingerprint)
    return Received(callback=callback, created=True)


def _earlier(client: str, idempotency_key: str) -> Callback | None:
    return (
        Callback.objects.select_related("office", "region")
        .filter(inbound_client=client, idempotency_key=idempotency_key)
        .first()
    )


def _repeat(callback: Callback, fingerprint: str) -> Received:
    if callback.inbound_fingerprint != fingerprint:
        raise KeyReused
    return Received(callback=callback, created=False)


def callbacks_clear_contact_details(*, today: date | None = None) -> int:
    """Clear the contact person's name, e-mail and phone on callbacks done more than
    CALLBACK_CONTACT_RETENTION_MONTHS ago; the employer, topic and dates stay. Set-based and
    idempotent (cleared ones are marked and skipped)."""
    today = today or timezone.localdate()
    cutoff = timezone.make_aware(
        datetime.combine(
            today - relativedelta(months=settings.CALLBACK_CONTACT_RETENTION_MONTHS), time.min
        )
    )
    return Callback.objects.filter(
        status=CallbackStatus.DONE,
        done_at__lt=cutoff,
        contact_details_cleared_at__isnull=True,
    ).update(
        contact_name="",
        email="",
        phone="",
        contact_person=None,
        contact_details_cleared_at=timezone.now(),
    )


def callback_take_to_office(*, callback_id: int, office: Office) -> Callback | None:
    """Move a callback from its region's queue into `office`'s queue. Taking it again for the
    same office changes nothing; None when another office took it first."""
    with transaction.atomic():
        callback = Callback.objects.select_for_update().get(pk=callback_id)
        if callback.office_id is None:
            callback.office = office
            callback.region_id = office.region_id
            callback.save(update_fields=["office", "region"])
        elif callback.office_id != office.pk:
            return None
    return callback
