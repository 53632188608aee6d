"""The office's and the region's monthly figures (SPEC: the office's figures, per month): the
page and its XLSX download. Anyone outside the figures' scope gets 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from portal import exports, figures, permissions
from portal.audit import audit_record
from portal.models import Office, Region
from portal.ratelimit import export_limited


def _office(user, office_id: int) -> Office:
    office = get_object_or_404(Office.objects.select_related("region"), pk=office_id)
    if not permissions.can_see_office_figures(user, office):
        raise Http404
    return office


def _region(user, region_id: int) -> Region:
    region = get_object_or_404(Region, pk=region_id)
    if not permissions.can_see_region_figures(user, region):
        raise Http404
    return region


@login_required
def figures_office(request: HttpRequest, office_id: int) -> HttpResponse:
    office = _office(request.user, office_id)
    context = {
        "office": office,
        "region": office.region,
        "figures": figures.office_figures(office.pk),
        "download": ("portal:figures_office_xlsx", office.pk),
    }
    return render(request, "portal/figures.html", context)


@login_required
def figures_region(request: HttpRequest, region_id: int) -> HttpResponse:
    region = _region(request.user, region_id)
    context = {
        "region": region,
        "figures": figures.region_figures(region.pk),
        "download": ("portal:figures_region_xlsx", region.pk),
    }
    if request.user.is_superuser:
        # Administrators see every office and region: the way on to each of them.
        context["offices"] = region.offices.only("pk", "name")
        context["regions"] = Region.objects.exclude(pk=region.pk).only("pk", "name")
    return render(request, "portal/figures.html", context)


def _xlsx(request: HttpRequest, filename: str, data: figures.Figures) -> HttpResponse:
    audit_record(actor=request.user, action="export", after={"file": filename, "format": "xlsx"})
    header = [_("Figure"), _("Month"), _("Topic"), _("Count"), _("Of"), _("Share (%)")]
    rows = figures.export_rows(data)
    return exports.xlsx_response(filename, header, rows, title=_("Figures"))


@login_required
@export_limited
def figures_office_xlsx(request: HttpRequest, office_id: int) -> HttpResponse:
    office = _office(request.user, office_id)
    return _xlsx(request, f"tall-{office.slug}", figures.office_figures(office.pk))


@login_required
@export_limited
def figures_region_xlsx(request: HttpRequest, region_id: int) -> HttpResponse:
    region = _region(request.user, region_id)
    return _xlsx(request, f"tall-{region.slug}", figures.region_figures(region.pk))
