"""The contact log: logging, reading, correcting and deleting entries, and follow-ups."""

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from employers import permissions, services
from employers.forms import ContactEntryForm, OfficeFilterForm
from employers.models import ContactEntry, DuplicateWarning, Topic, channel_label, topic_label
from employers.queries import TimelineFilter
from employers.views import (
    PAGE_SIZE,
    employer_or_404,
    entry_cursor,
    form_page,
    model_values,
    timeline_filter,
)
from employers.views.duplicates import form_with_warning
from portal.htmx import page_template


@dataclass
class LogRow:
    """One line of the contact log: ContactEntryQuerySet.LIST_COLUMNS, by name."""

    pk: int
    contacted_on: date
    channel: str
    topics: list[str]
    employer_name: str
    organisation_number: str
    author_first_name: str
    author_last_name: str
    office_name: str
    url: str = ""
    employer_url: str = ""

    @property
    def channel_text(self) -> str:
        return channel_label(self.channel)

    @property
    def topics_text(self) -> str:
        return ", ".join(topic_label(topic) for topic in self.topics)

    @property
    def author_name(self) -> str:
        return f"{self.author_first_name} {self.author_last_name}".strip()


@login_required
@require_http_methods(["GET", "POST"])
def entry_create(request: HttpRequest, organisation_number: str) -> HttpResponse:
    employer = employer_or_404(organisation_number)
    form = ContactEntryForm(request.POST or None, employer=employer, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.contact_entry_create(
            author=request.user,
            employer=employer,
            warnings_shown=form.cleaned_data["warnings"],
            **model_values(form),
        )
        messages.success(request, _("The contact is logged."))
        return redirect(employer)
    return form_with_warning(
        request, employer, form, DuplicateWarning.Context.LOG, "employers/entry_form.html"
    )


@login_required
def entry(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(ContactEntry.objects.active().with_people(), pk=pk)
    revisions = list(entry.revisions.select_related("changed_by"))
    return render(
        request,
        "employers/entry.html",
        {
            "entry": entry,
            "revisions": revisions,
            "can_edit": permissions.can_edit_entry(request.user, entry),
            "can_delete": permissions.can_delete_entry(request.user, entry),
            "can_complete_follow_up": entry.follow_up_on
            and not entry.follow_up_done_at
            and permissions.can_complete_follow_up(request.user, entry),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(ContactEntry.objects.active().select_related("employer"), pk=pk)
    if not permissions.can_edit_entry(request.user, entry):
        raise PermissionDenied
    form = ContactEntryForm(
        request.POST or None, instance=entry, employer=entry.employer, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        services.contact_entry_update(
            entry=ContactEntry.objects.get(pk=pk), editor=request.user, values=model_values(form)
        )
        messages.success(request, _("The entry is corrected. The history keeps the change."))
        return redirect("employers:entry", pk=pk)
    return form_page(request, form, _("Correct the log entry"), entry.employer)


@login_required
@require_POST
def entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    # Deleted entries are found too, so that deleting twice answers the same (idempotent).
    entry = get_object_or_404(ContactEntry.objects.select_related("employer"), pk=pk)
    if not permissions.is_administrator(request.user):
        raise PermissionDenied
    services.contact_entry_delete(entry=entry, by=request.user)
    messages.success(request, _("The entry is deleted."))
    return redirect(entry.employer)


def _log_filter(request: HttpRequest) -> tuple[dict, TimelineFilter, bool]:
    flt = timeline_filter(request)
    mine = request.GET.get("mine") == "1"
    return {"filter": flt, "mine": mine}, flt, mine


@login_required
def log(request: HttpRequest) -> HttpResponse:
    context, flt, mine = _log_filter(request)
    # Only the columns the list shows, as plain rows: building entry, user, office and
    # employer objects for every line cost more than the query.
    entries = ContactEntry.objects.matching(
        topic=flt.topic, office_id=flt.office_id, author=request.user if mine else None
    )
    before = entry_cursor(request.GET.get("etter"))
    rows = [LogRow(**values) for values in entries.page(limit=PAGE_SIZE, before=before, flat=True)]
    next_cursor = None
    if len(rows) > PAGE_SIZE:
        rows = rows[:PAGE_SIZE]
        next_cursor = f"{rows[-1].contacted_on.isoformat()}_{rows[-1].pk}"
    # Links once per page rather than a reverse() per row.
    entry_url = reverse("employers:entry", args=[0]).removesuffix("0/")
    employer_url = reverse("employers:detail", args=["0"]).removesuffix("0/")
    for row in rows:
        row.url = f"{entry_url}{row.pk}/"
        row.employer_url = f"{employer_url}{row.organisation_number}/"
    context.update(entries=rows, next_cursor=next_cursor, topics=Topic.choices)
    if not request.htmx:  # the whole page: the filter form besides the list
        office = OfficeFilterForm(initial={"kontor": flt.office_id}, auto_id="log-%s")
        context["office_filter"] = office
    partial = "log-page" if before else "log-list"
    return render(request, page_template(request, "employers/log.html", partial), context)


@login_required
def follow_ups(request: HttpRequest) -> HttpResponse:
    entries = list(ContactEntry.objects.follow_ups_for(request.user)[:200])
    return render(
        request, "employers/follow_ups.html", {"entries": entries, "today": timezone.localdate()}
    )


@login_required
@require_POST
def follow_up_done(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(ContactEntry.objects.active(), pk=pk)
    if not permissions.can_complete_follow_up(request.user, entry):
        raise PermissionDenied
    services.follow_up_complete(entry=entry)
    messages.success(request, _("The follow-up is marked as done."))
    return redirect("employers:follow_ups")
