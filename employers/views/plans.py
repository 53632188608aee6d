"""Planned contacts: planning one, the list, and marking one done or cancelled."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from employers import permissions, services
from employers.forms import PlannedContactForm
from employers.models import DuplicateWarning, PlannedContact, PlanStatus
from employers.views import PAGE_SIZE, employer_or_404, entry_cursor, model_values
from employers.views.duplicates import form_with_warning


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest, organisation_number: str) -> HttpResponse:
    employer = employer_or_404(organisation_number)
    form = PlannedContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.planned_contact_create(
            author=request.user,
            employer=employer,
            warnings_shown=form.cleaned_data["warnings"],
            **model_values(form),
        )
        messages.success(request, _("The contact is planned. Colleagues can see it."))
        return redirect(employer)
    return form_with_warning(
        request, employer, form, DuplicateWarning.Context.PLAN, "employers/plan_form.html"
    )


@login_required
def plans(request: HttpRequest) -> HttpResponse:
    mine = request.GET.get("kontor") != "alle"
    rows = PlannedContact.objects.open().with_people()
    if mine:
        rows = rows.filter(office_id=request.user.office_id)
    # Keyset pages: an office can have hundreds of open plans, and the whole country thousands.
    after = entry_cursor(request.GET.get("etter"))
    page = rows.soonest_page(limit=PAGE_SIZE, after=after)
    next_cursor = None
    if len(page) > PAGE_SIZE:
        page = page[:PAGE_SIZE]
        next_cursor = f"{page[-1].planned_on.isoformat()}_{page[-1].pk}"
    return render(
        request,
        "employers/plans.html",
        {
            "plans": page,
            "mine": mine,
            "today": timezone.localdate(),
            "next_cursor": next_cursor,
            "is_later_page": after is not None,
        },
    )


def _changeable_plan(user, pk: int) -> PlannedContact:
    """A plan not deleted (else 404) that the user may change (else 403)."""
    plan = get_object_or_404(PlannedContact.objects.filter(deleted_at__isnull=True), pk=pk)
    if not permissions.can_change_plan(user, plan):
        raise PermissionDenied
    return plan


@login_required
@require_POST
def plan_complete(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _changeable_plan(request.user, pk)
    if plan.status == PlanStatus.CANCELLED:
        return redirect("employers:plans")
    entry = services.planned_contact_complete(plan=plan, by=request.user)
    messages.success(request, _("The planned contact is logged. Add the outcome if you like."))
    return redirect("employers:entry", pk=entry.pk)


@login_required
@require_POST
def plan_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _changeable_plan(request.user, pk)
    services.planned_contact_cancel(plan=plan)
    messages.success(request, _("The planned contact is cancelled."))
    return redirect("employers:plans")
