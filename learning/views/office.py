"""Managers' pages of an office: assigning, the competence matrix, the overview and the office's
needs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from learning import permissions as perms
from learning.forms import AssignForm, OfficeNeedsForm
from learning.matrix import build_matrix, office_completion
from learning.matrix import legend as matrix_legend
from learning.models import Assignment, CompetenceArea, CompetencePlan, OfficeNeed, SelfAssessment
from learning.services.assignments import assignment_create
from learning.services.competence import office_needs_save
from learning.views.common import managed_office, without_page
from portal.exports import csv_response, xlsx_response
from portal.htmx import page_template
from portal.models import Office, Role, User
from portal.ratelimit import export_limited


@login_required
@require_http_methods(["GET", "POST"])
def assign(request: HttpRequest) -> HttpResponse:
    if not perms.can_assign(request.user):
        raise PermissionDenied
    office = request.user.office
    if office is None:
        raise Http404
    form = AssignForm(
        request.POST or None,
        office=office,
        initial={"module": request.GET.get("module"), "person": request.GET.get("person")},
    )
    if request.method == "POST" and form.is_valid():
        start, end = form.reserved_slot()
        data = form.cleaned_data
        created = assignment_create(
            assigned_by=request.user,
            users=form.users(),
            module=data["module"],
            path=data["path"],
            due_on=data["due_on"],
            mandatory=data["mandatory"],
            reserved_minutes=data["reserved_minutes"],
            reserved_start=start,
            reserved_end=end,
        )
        messages.success(
            request,
            ngettext(
                "%(count)d assignment created.", "%(count)d assignments created.", len(created)
            )
            % {"count": len(created)},
        )
        return redirect("learning:matrix", office.slug)
    return render(request, "learning/assign.html", {"form": form, "office": office})


def _matrix_filters(request):
    area = None
    if request.GET.get("area"):
        area = CompetenceArea.objects.filter(slug=request.GET["area"]).first()
    role = request.GET.get("role", "")
    return {
        "team": request.GET.get("team", "")[:100],
        "role": role if role in Role.values else "",
        "area": area,
        "by": "areas" if request.GET.get("by") == "areas" else "modules",
        "sort": "overdue" if request.GET.get("sort") == "overdue" else "",
    }


@login_required
def matrix(request: HttpRequest, slug: str) -> HttpResponse:
    office = managed_office(request.user, slug)
    filters = _matrix_filters(request)
    data = build_matrix(
        office, today=timezone.localdate(), page=request.GET.get("page") or 1, **filters
    )
    context = {
        "office": office,
        "matrix": data,
        "filters": filters,
        "areas": CompetenceArea.objects.all(),
        "roles": Role.choices,
        "legend": matrix_legend(),
        "query": request.GET.urlencode(),
        "page_query": without_page(request.GET),
    }
    return render(request, page_template(request, "learning/matrix.html", "table"), context)


@login_required
@export_limited
def matrix_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    office = managed_office(request.user, slug)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    data = build_matrix(office, today=timezone.localdate(), **_matrix_filters(request))
    header = [_("Name"), _("Team")] + [str(c) for c in data.columns]
    rows = [
        [row.person.get_full_name() or row.person.username, row.person.team]
        + [f"{c.label} {c.detail}".strip() for c in row.cells]
        for row in data.rows
    ]
    name = f"kompetansematrise-{office.slug}"
    if fmt == "xlsx":
        return xlsx_response(name, header, rows, title=_("Competence matrix"))
    return csv_response(name, header, rows)


OVERDUE_SHOWN = 50


def office_overview(office: Office, *, lists: bool = True) -> dict:
    """The office's completion, overdue assignments and plans. The dashboard panel shows
    counts only (`lists=False`); the office page lists people."""
    today = timezone.localdate()
    year = today.year
    context = {"office": office, "year": year, **office_completion(office, today=today)}
    has_plan = CompetencePlan.objects.filter(user=OuterRef("pk"), year=year)
    without_plan = User.objects.in_office(office).filter(~Exists(has_plan))
    if not lists:
        context["without_plan_count"] = without_plan.count()
        return context
    context["without_plan"] = without_plan.order_by("first_name", "last_name").only(
        "pk", "first_name", "last_name", "username"
    )
    # The list shows a name, a module title and a date: not the module's texts.
    context["overdue"] = Assignment.objects.overdue_in(office, today)[:OVERDUE_SHOWN]
    return context


@login_required
def office(request: HttpRequest, slug: str) -> HttpResponse:
    office = managed_office(request.user, slug)
    context = office_overview(office)
    context["overview"] = {"by_area": context["by_area"]}
    year = context["year"]
    levels = {
        row["area_id"]: row for row in SelfAssessment.objects.level_counts_in(office, year=year)
    }
    context["assessed"] = []
    for row in context["by_area"]:
        area = row["area"]
        need = area.need or 3
        counts = levels.get(area.pk, {})
        context["assessed"].append(
            {
                "area": area,
                "need": need,
                "at_need": counts.get(f"at_{need}", 0),
                "people": counts.get("people", 0),
                **{f"l{n}": counts.get(f"l{n}", 0) for n in range(1, 5)},
            }
        )
    return render(request, "learning/office.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def office_needs(request: HttpRequest, slug: str) -> HttpResponse:
    office = managed_office(request.user, slug)
    needs = dict(OfficeNeed.objects.filter(office=office).values_list("area_id", "level"))
    form = OfficeNeedsForm(
        request.POST or None, areas=CompetenceArea.objects.all(), initial_levels=needs
    )
    if request.method == "POST" and form.is_valid():
        office_needs_save(office=office, levels=form.levels())
        messages.success(request, _("The office's needs are saved."))
        return redirect("learning:office", office.slug)
    return render(request, "learning/office_needs.html", {"office": office, "form": form})
