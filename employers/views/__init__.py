"""The employers app's views, one module per feature; what several share is here."""

from datetime import date

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from employers.models import Employer, Topic
from employers.queries import TimelineFilter
from portal.paging import id_number

PAGE_SIZE = 25


def employer_or_404(organisation_number: str) -> Employer:
    return get_object_or_404(
        Employer.objects.active().select_related("main_unit"),
        organisation_number=organisation_number,
    )


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
