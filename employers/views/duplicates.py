"""The duplicate-contact warning shown on the forms that log or plan a contact."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from employers import services
from employers.models import Employer, Topic
from employers.queries import duplicate_matches
from employers.views import employer_or_404


def warning_context(
    request: HttpRequest, employer: Employer, kind: str, topics: list[str], record: bool
) -> dict:
    """The duplicate-contact warning; recorded once when the form is first shown."""
    matches = duplicate_matches(employer, topics=topics)
    warning_id = None
    if matches and record:
        warning_id = services.duplicate_warning_record(
            employer=employer, user=request.user, context=kind, matches=len(matches)
        ).pk
    return {"matches": matches, "warning_id": warning_id, "warning_kind": kind}


@login_required
def duplicate_warning(request: HttpRequest, organisation_number: str) -> HttpResponse:
    """The warning again, with the topics the user has ticked highlighted (htmx)."""
    employer = employer_or_404(organisation_number)
    topics = [t for t in request.GET.getlist("topics") if t in Topic.values]
    context = {"employer": employer, **warning_context(request, employer, "log", topics, False)}
    return render(request, "employers/includes/duplicate_warning.html", context)
