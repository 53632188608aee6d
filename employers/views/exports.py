"""The contact history as CSV or XLSX, for one employer or the office's whole log."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from employers import permissions
from employers.models import ContactEntry
from employers.views import employer_or_404
from portal.audit import audit_record
from portal.exports import csv_response, xlsx_response
from portal.ratelimit import export_limited


def _export_header() -> list[str]:
    return [
        _("Date"),
        _("Employer"),
        _("Organisation number"),
        _("Channel"),
        _("Topics"),
        _("Summary"),
        _("Outcome"),
        _("Logged by"),
        _("Office"),
        _("Follow-up"),
    ]


def _export_rows(entries):
    for e in entries.select_related("employer", "author", "office").iterator(chunk_size=2000):
        yield [
            e.contacted_on,
            e.employer.name,
            e.employer.organisation_number,
            e.get_channel_display(),
            ", ".join(e.topic_labels()),
            e.summary,
            e.outcome,
            e.author.get_full_name(),
            e.office.name,
            e.follow_up_on,
        ]


def _export(request, fmt: str, filename: str, entries, title: str) -> HttpResponse:
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    audit_record(actor=request.user, action="export", after={"file": filename, "format": fmt})
    if fmt == "csv":
        return csv_response(filename, _export_header(), _export_rows(entries))
    if fmt == "xlsx":
        return xlsx_response(filename, _export_header(), _export_rows(entries), title=title)
    raise Http404


@login_required
@export_limited
def employer_export(request: HttpRequest, organisation_number: str, fmt: str) -> HttpResponse:
    employer = employer_or_404(organisation_number)
    entries = ContactEntry.objects.active().filter(employer=employer).order_by("-contacted_on")
    return _export(
        request, fmt, f"kontakthistorikk-{employer.organisation_number}", entries, _("History")
    )


@login_required
@export_limited
def log_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if not permissions.can_export_office_log(request.user):
        raise PermissionDenied
    entries = (
        ContactEntry.objects.active()
        .filter(office_id=request.user.office_id)
        .order_by("-contacted_on", "-pk")
    )
    return _export(request, fmt, "kontaktlogg", entries, _("Contact log"))
