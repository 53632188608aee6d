"""The register: search, an employer's page and timeline, editing, contact persons."""

import copy
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from employers.forms import ContactPersonForm, EmployerForm, OfficeFilterForm, SearchForm
from employers.models import MIN_NAME_QUERY, ContactEntry, Employer, Topic
from employers.queries import Cursor, timeline_page
from employers.views import PAGE_SIZE, employer_or_404, form_page, timeline_filter
from portal.htmx import page_template
from portal.ratelimit import REGISTER_SEARCHES_PER_MINUTE, rate_limited


@login_required
@rate_limited(scope="register-search", limit=REGISTER_SEARCHES_PER_MINUTE)
def index(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results = list(Employer.objects.search(query)) if query.strip() else None
    # One reverse() for the list rather than one per result.
    employer_url = reverse("employers:detail", args=["0"]).removesuffix("0/")
    for employer in results or []:
        employer.url = f"{employer_url}{employer.organisation_number}/"
    too_short = not query.strip().isdigit() and len(query.strip()) < MIN_NAME_QUERY
    template = page_template(request, "employers/index.html", "results")
    context = {"form": form, "query": query, "results": results, "too_short": too_short}
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def employer_create(request: HttpRequest) -> HttpResponse:
    form = EmployerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        employer = form.save()
        messages.success(request, _("The employer is registered."))
        return redirect(employer)
    return form_page(request, form, _("Register an employer"))


@login_required
@require_http_methods(["GET", "POST"])
def employer_edit(request: HttpRequest, organisation_number: str) -> HttpResponse:
    employer = employer_or_404(organisation_number)
    # The form edits a copy: a refused organisation number is set on the form's instance
    # before the model's validators run, and the page must keep linking to the real one.
    form = EmployerForm(request.POST or None, instance=copy.copy(employer))
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("The employer is saved."))
        return redirect(saved)
    return form_page(request, form, _("Edit %(name)s") % {"name": employer.name}, employer)


@login_required
def detail(request: HttpRequest, organisation_number: str) -> HttpResponse:
    if request.htmx:  # the timeline alone needs no more of the employer than its id
        employer = get_object_or_404(
            Employer.objects.active().only("pk"), organisation_number=organisation_number
        )
    else:
        employer = employer_or_404(organisation_number)
    flt = timeline_filter(request)
    cursor = Cursor.decode(request.GET.get("etter"))
    timeline = timeline_page(employer, flt=flt, cursor=cursor, limit=PAGE_SIZE)
    context = {"employer": employer, "timeline": timeline, "filter": flt, "topics": Topic.choices}
    if not request.htmx:  # the whole page: the employer beside its timeline
        year_ago = timezone.localdate() - timedelta(days=365)
        context.update(
            sub_units=list(employer.sub_units.active().order_by("name")[:50]),
            contact_persons=list(employer.contact_persons.active()),
            knows_best=list(ContactEntry.objects.knows_best(employer, since=year_ago)),
            office_filter=OfficeFilterForm(initial={"kontor": flt.office_id}, auto_id="filter-%s"),
        )
    partial = "timeline-page" if cursor else "timeline"
    return render(request, page_template(request, "employers/detail.html", partial), context)


@login_required
@require_http_methods(["GET", "POST"])
def contact_person_create(request: HttpRequest, organisation_number: str) -> HttpResponse:
    employer = employer_or_404(organisation_number)
    form = ContactPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.employer = employer
        form.instance.created_by = request.user
        form.save()
        messages.success(request, _("The contact person is saved."))
        return redirect(employer)
    return form_page(request, form, _("New contact person"), employer)
