"""Where the vacancies are (/marked/ledige-stillinger/): my office's or my region's vacancies
and programme places by municipality, over the last 4, 12 or 52 weeks."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from marketinfo.forms import VacancyMapForm
from marketinfo.vacancies import municipality_counts, window_start
from marketinfo.views.access import office_of
from portal.htmx import page_template

DEFAULTS = {"omrade": "office", "uker": 4}


@login_required
def vacancy_map(request: HttpRequest) -> HttpResponse:
    """Everyone who reads the feed, for their own office and region: the area comes from the
    user, never from the address."""
    office = office_of(request.user)
    if office is None:
        return render(request, "marketinfo/vacancy_map.html", {"office": None})
    asked = VacancyMapForm(request.GET, office=office)
    asked.is_valid()
    # What the form does not know (uker=7, omrade=x) leaves that choice at its default.
    chosen = DEFAULTS | {name: value for name, value in asked.cleaned_data.items() if value}
    since = window_start(chosen["uker"], timezone.localdate())
    rows = municipality_counts(scope=chosen["omrade"], office=office, weeks=chosen["uker"])
    context = {
        "office": office,
        "form": VacancyMapForm(initial=chosen, office=office, auto_id="map-%s"),
        "scope": chosen["omrade"],
        "area": office.name if chosen["omrade"] == "office" else office.region.name,
        "weeks": chosen["uker"],
        "since": since.date(),
        "since_week": since.isocalendar().week,
        "rows": rows,
        "most": max((row.total for row in rows), default=0),
        "shows_offices": any(row.office for row in rows),
    }
    template = page_template(request, "marketinfo/vacancy_map.html", "results")
    return render(request, template, context)
