"""The employers app's views, one module per feature; what several share is here."""

from datetime import date

from django.forms import Form, ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from employers.models import Employer, Topic
from employers.queries import TimelineFilter
from portal.paging import id_number

PAGE_SIZE = 25


def employer_or_404(organisation_number: str) -> Employer:
    return get_object_or_404(
        Employer.objects.active().select_related("main_unit"),
        organisation_number=organisation_number,
    )


def form_page(
    request: HttpRequest, form: Form, title: str, employer: Employer | None = None
) -> HttpResponse:
    """The page of every form that needs no more than its fields: the title, and a way back
    to the employer it belongs to (else to the search)."""
    return render(
        request, "employers/form.html", {"form": form, "title": title, "employer": employer}
    )


def model_values(form: ModelForm) -> dict:
    """The form's own model fields, cleaned, as the create and update services take them."""
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


def timeline_filter(request: HttpRequest) -> TimelineFilter:
    topic = request.GET.get("tema", "")
    office = request.GET.get("kontor", "")
    return TimelineFilter(
        topic=topic if topic in Topic.values else "",
        office_id=id_number(office),
    )


def entry_cursor(raw: str | None) -> tuple[date, int] | None:
    try:
        day, pk = (raw or "").split("_")
        return date.fromisoformat(day), int(pk)
    except ValueError:
        return None
