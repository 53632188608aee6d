"""The manager's "who is behind" list: overdue and soon-due assignments in the office, each
with a reminder and a new date one click away."""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from learning.forms import NewDueDateForm
from learning.models import Assignment
from learning.services import assignments as services
from learning.views.common import managed_office
from portal.dates import long_date
from portal.models import Office

# "Due soon" reaches two weeks ahead: time enough for a reminder or a new date to matter.
SOON_DAYS = 14
BEHIND_PAGE_SIZE = 50


def lateness(due_on: date, today: date) -> str:
    """How far the deadline is from today, in words ("3 dager over fristen", "forfaller i
    morgen")."""
    days = (today - due_on).days
    if days > 0:
        return ngettext("%(n)d day overdue", "%(n)d days overdue", days) % {"n": days}
    if days == 0:
        return _("due today")
    if days == -1:
        return _("due tomorrow")
    return ngettext("due in %(n)d day", "due in %(n)d days", -days) % {"n": -days}


def _behind_page(office: Office, today: date, page_number, forms: dict | None = None) -> dict:
    rows = Assignment.objects.behind_in(office, last_day=today + timedelta(days=SOON_DAYS))
    page = Paginator(rows.with_reminded_today(today), BEHIND_PAGE_SIZE).get_page(page_number)
    forms = forms or {}
    for assignment in page.object_list:
        assignment.overdue = assignment.due_on < today
        assignment.lateness = lateness(assignment.due_on, today)
        assignment.date_form = forms.get(assignment.pk) or NewDueDateForm(
            auto_id=f"due-{assignment.pk}-%s"
        )
    # One card per person, the person who is most overdue first; a person's assignments in
    # the order they fall due.
    people: dict[int, list[Assignment]] = {}
    for assignment in page.object_list:
        people.setdefault(assignment.user_id, []).append(assignment)
    return {"office": office, "page": page, "soon_days": SOON_DAYS, "people": people.values()}


@login_required
def behind(request: HttpRequest, slug: str) -> HttpResponse:
    office = managed_office(request.user, slug)
    context = _behind_page(office, timezone.localdate(), request.GET.get("side"))
    return render(request, "learning/behind.html", context)


def _office_assignment(office: Office, pk: int) -> Assignment:
    """An open assignment of someone in the office; anything else is 404."""
    return get_object_or_404(
        Assignment.objects.open().select_related("user", "module"),
        pk=pk,
        user__office=office,
    )


def _back(request: HttpRequest, office: Office) -> HttpResponse:
    """To the list, on the page the manager acted from."""
    url = reverse("learning:behind", args=[office.slug])
    page = request.POST.get("side", "")
    return redirect(f"{url}?side={page}" if page.isdecimal() else url)


@login_required
@require_POST
def behind_remind(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    office = managed_office(request.user, slug)
    assignment = _office_assignment(office, pk)
    name = assignment.user.get_full_name() or assignment.user.username
    if services.assignment_remind(assignment=assignment, by=request.user):
        messages.success(
            request,
            _("Reminder sent to %(name)s about %(module)s.")
            % {"name": name, "module": assignment.module.title},
        )
    else:
        messages.info(
            request,
            _("%(name)s was already reminded about %(module)s today.")
            % {"name": name, "module": assignment.module.title},
        )
    return _back(request, office)


@login_required
@require_POST
def behind_new_date(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    office = managed_office(request.user, slug)
    assignment = _office_assignment(office, pk)
    form = NewDueDateForm(request.POST, auto_id=f"due-{assignment.pk}-%s")
    if not form.is_valid():
        # The list again, with the error beside this row's date field.
        context = _behind_page(
            office, timezone.localdate(), request.POST.get("side"), {assignment.pk: form}
        )
        return render(request, "learning/behind.html", context, status=400)
    services.assignment_reschedule(
        assignment=assignment, by=request.user, due_on=form.cleaned_data["due_on"]
    )
    messages.success(
        request,
        _("%(name)s has a new due date for %(module)s: %(due)s.")
        % {
            "name": assignment.user.get_full_name() or assignment.user.username,
            "module": assignment.module.title,
            "due": long_date(form.cleaned_data["due_on"]),
        },
    )
    return _back(request, office)
