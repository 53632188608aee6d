"""A person's own learning: open assignments, the time for learning per month, their calendar,
the self-assessment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from learning import calendar as ics
from learning.forms import SelfAssessmentForm
from learning.models import Assignment, CompetenceArea, SelfAssessment
from learning.services import competence as services
from learning.services import timeuse
from portal.ratelimit import export_limited


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    assignments = list(Assignment.objects.for_user(request.user).open().with_module())
    today = timezone.localdate()
    return render(
        request,
        "learning/mine.html",
        {
            "assignments": assignments,
            "minutes": sum(a.reserved_minutes for a in assignments),
            "today": today,
            "year": today.year,
            "time_use": timeuse.person_months(request.user, today),
        },
    )


@login_required
@export_limited
def calendar(request: HttpRequest) -> HttpResponse:
    slots = (
        Assignment.objects.for_user(request.user)
        .open()
        .filter(reserved_start__isnull=False)
        .with_module()
    )
    body = ics.build(slots)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="reservert-tid.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def self_assessment(request: HttpRequest) -> HttpResponse:
    year = timezone.localdate().year
    areas = list(CompetenceArea.objects.all())
    mine = list(SelfAssessment.objects.filter(user=request.user, year=year))
    form = SelfAssessmentForm(
        request.POST or None,
        areas=areas,
        initial_levels={s.area_id: s.level for s in mine},
        initial_comments={s.area_id: s.comment for s in mine},
    )
    if request.method == "POST" and form.is_valid():
        services.self_assessment_save(
            user=request.user, year=year, levels=form.levels(), comments=form.comments()
        )
        messages.success(request, _("Your self-assessment is saved."))
        return redirect("learning:self_assessment")
    return render(request, "learning/self_assessment.html", {"form": form, "year": year})
