"""The duplicate-contact warning on the forms that log or plan a contact.

Showing it writes nothing: the form's hidden field names the contacts it listed, and the
answer is recorded when the user gives it, going on (with the entry or plan) or pressing
Avbryt (duplicate_warning_cancel). Leaving the page any other way is not counted.
"""

from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from employers import services
from employers.models import ConversationGuide, DuplicateWarning, Employer, Topic
from employers.queries import duplicate_matches
from employers.views import employer_or_404


def warning_context(employer: Employer, kind: str, topics: list[str]) -> dict:
    matches = duplicate_matches(employer, topics=topics)
    keys = " ".join(match.key for match in matches)
    return {"matches": matches, "warning_kind": kind, "warning_keys": keys}


def form_with_warning(
    request: HttpRequest, employer: Employer, form: Form, kind: str, template: str
) -> HttpResponse:
    """The log or plan form with the warning above it and its hidden field filled in."""
    warning = warning_context(employer, kind, request.POST.getlist("topics"))
    form.initial["warnings"] = warning["warning_keys"]
    guides = ConversationGuide.objects.published().only("pk", "title", "slug", "kind")
    context = {"employer": employer, "form": form, "guides": list(guides), **warning}
    return render(request, template, context)


@login_required
def duplicate_warning(request: HttpRequest, organisation_number: str) -> HttpResponse:
    """The warning again, with the topics the user has ticked highlighted (htmx)."""
    employer = employer_or_404(organisation_number)
    topics = [t for t in request.GET.getlist("topics") if t in Topic.values]
    warning = warning_context(employer, DuplicateWarning.Context.LOG, topics)
    return render(
        request, "employers/includes/duplicate_warning.html", {"employer": employer, **warning}
    )


@login_required
@require_POST
def duplicate_warning_cancel(request: HttpRequest, organisation_number: str) -> HttpResponse:
    """Avbryt under the warning: the user did not go on, and goes back to the employer."""
    employer = employer_or_404(organisation_number)
    context = request.POST.get("context", "")
    if context in DuplicateWarning.Context.values:
        shown = request.POST.get("warnings", "")
        services.duplicate_warning_record(employer, request.user, context, shown, proceeded=False)
    return redirect(employer)
