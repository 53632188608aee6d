"""A person's learning as their manager sees it (with the time for learning per month, and an
assignment's reserved time to move or the assignment to withdraw), the office's time for
learning, and a person's competence plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from learning import permissions as perms
from learning.forms import PlanActivityForm, PlanCommentForm, PlanForm, ReservedTimeForm
from learning.models import (
    MODULE_TEXTS,
    Assignment,
    AssignmentStatus,
    CompetencePlan,
    Progress,
    SelfAssessment,
)
from learning.services import assignments as services
from learning.services import timeuse
from learning.views.common import managed_office
from portal import permissions as core
from portal.models import User

# The years a competence plan can be for (the column is a small integer).
PLAN_YEARS = (2000, 2100)


PERSON_PAGE_SIZE = 25


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(User.objects.with_office(), pk=pk)
    if not core.can_see_person(request.user, person):
        raise Http404
    # The lists show module titles and links, not the modules' texts.
    progress = Progress.objects.for_user(person).with_module_title().order_by("-updated_at", "pk")
    texts = [f"module__{name}" for name in MODULE_TEXTS]
    assignments = (
        Assignment.objects.for_user(person).with_module().defer(*texts).order_by("-due_on", "pk")
    )
    # People collect hundreds of rows over the years: both tables are shown a page at a time.
    progress_page = Paginator(progress, PERSON_PAGE_SIZE).get_page(request.GET.get("framdrift"))
    return render(
        request,
        "learning/person.html",
        {
            "person": person,
            "progress": progress_page,
            "assignments": Paginator(assignments, PERSON_PAGE_SIZE).get_page(
                request.GET.get("tildelinger")
            ),
            "year": timezone.localdate().year,
            "can_assign": perms.can_edit_plan(request.user, person),
            "time_use": timeuse.person_months(person),
        },
    )


def _name(user: User) -> str:
    return user.get_full_name() or user.username


def _managed_assignment(user, pk: int, assignment_pk: int, assignments) -> Assignment:
    """One of `assignments` of the person, for a manager of the person's office; else 404."""
    assignment = get_object_or_404(
        assignments.select_related("user__office", "module"),
        pk=assignment_pk,
        user_id=pk,
    )
    if not perms.can_edit_plan(user, assignment.user):
        raise Http404
    return assignment


@login_required
@require_http_methods(["GET", "POST"])
def assignment_time(request: HttpRequest, pk: int, assignment: int) -> HttpResponse:
    assignment = _managed_assignment(request.user, pk, assignment, Assignment.objects.open())
    start = assignment.reserved_start and timezone.localtime(assignment.reserved_start)
    end = assignment.reserved_end and timezone.localtime(assignment.reserved_end)
    form = ReservedTimeForm(
        request.POST or None,
        initial=start and {"day": start.date(), "start": start.time(), "end": end and end.time()},
    )
    if request.method == "POST" and form.is_valid():
        start, end = form.slot()
        services.assignment_reserve(assignment=assignment, by=request.user, start=start, end=end)
        messages.success(
            request,
            _("The reserved time for %(module)s is changed; %(name)s gets the new time by e-mail.")
            % {"module": assignment.module.title, "name": _name(assignment.user)},
        )
        return redirect("learning:person", pk)
    return render(
        request,
        "learning/assignment_time.html",
        {"assignment": assignment, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def assignment_withdraw(request: HttpRequest, pk: int, assignment: int) -> HttpResponse:
    """Asks first («Er du sikker?»); the POST withdraws. A second click (or another manager's)
    finds it withdrawn already, and nothing more is sent."""
    assignment = _managed_assignment(
        request.user, pk, assignment, Assignment.objects.exclude(status=AssignmentStatus.COMPLETED)
    )
    if request.method == "POST":
        services.assignment_withdraw(assignment=assignment, by=request.user)
        messages.success(
            request,
            _("%(module)s is withdrawn from %(name)s.")
            % {"module": assignment.module.title, "name": _name(assignment.user)},
        )
        return redirect("learning:person", pk)
    return render(request, "learning/assignment_withdraw.html", {"assignment": assignment})


@login_required
def office_time(request: HttpRequest, slug: str) -> HttpResponse:
    office = managed_office(request.user, slug)
    people = User.objects.in_office(office).order_by("first_name", "last_name", "pk")
    rows = timeuse.office_months(people.only("first_name", "last_name", "username"))
    return render(request, "learning/office_time.html", {"office": office, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    if not PLAN_YEARS[0] <= year <= PLAN_YEARS[1]:
        raise Http404  # saving it would not fit the year's column either
    person = get_object_or_404(User.objects.with_office(), pk=pk)
    if not core.can_see_person(request.user, person):
        raise Http404
    manages = perms.can_edit_plan(request.user, person)
    plan = CompetencePlan.objects.filter(user=person, year=year).first() or CompetencePlan(
        user=person, year=year
    )
    form_class = PlanForm if manages else PlanCommentForm
    form = form_class(request.POST or None, instance=plan, prefix="plan")
    if request.method == "POST" and form.is_valid():
        if manages and request.user.pk == person.pk:
            plan.employee_comment = request.POST.get("plan-employee_comment", plan.employee_comment)
        plan = form.save(commit=False)
        plan.updated_at = timezone.now()
        plan.save()
        messages.success(request, _("The plan is saved."))
        return redirect("learning:plan", person.pk, year)
    return _plan_page(request, person, plan, year, form=form, manages=manages)


def _plan_page(request, person, plan, year: int, *, form, manages: bool, activity_form=None):
    """The plan page; a refused activity comes back with what was typed in it."""
    activities = plan.activities.select_related("module") if plan.pk else []
    assessments = SelfAssessment.objects.filter(user=person, year=year).select_related("area")
    return render(
        request,
        "learning/plan.html",
        {
            "person": person,
            "plan": plan,
            "form": form,
            "manages": manages,
            "activities": activities,
            "assessments": assessments,
            "activity_form": (activity_form or PlanActivityForm(prefix="activity"))
            if manages and plan.pk
            else None,
            "year": year,
        },
    )


@login_required
@require_POST
def plan_activity(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    person = get_object_or_404(User.objects.with_office(), pk=pk)
    if not perms.can_edit_plan(request.user, person):
        raise Http404
    plan = get_object_or_404(CompetencePlan, user=person, year=year)
    form = PlanActivityForm(request.POST, prefix="activity")
    if form.is_valid():
        activity = form.save(commit=False)
        activity.plan = plan
        activity.save()
        messages.success(request, _("The activity is added to the plan."))
        return redirect("learning:plan", person.pk, year)
    messages.error(request, _("The activity was not added: check the fields."))
    form_class = PlanForm if perms.can_edit_plan(request.user, person) else PlanCommentForm
    return _plan_page(
        request,
        person,
        plan,
        year,
        form=form_class(instance=plan, prefix="plan"),
        manages=True,
        activity_form=form,
    )
