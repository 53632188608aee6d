from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from employers import dashboard, permissions, services
from employers.forms import (
    CallbackAction,
    CallbackForm,
    CallbackWorkForm,
    ContactEntryForm,
    ContactPersonForm,
    ConversationGuideForm,
    EmployerForm,
    PlannedContactForm,
    SearchForm,
)
from employers.models import (
    MIN_NAME_QUERY,
    Callback,
    CallbackStatus,
    Channel,
    ContactEntry,
    ConversationGuide,
    DuplicateWarning,
    Employer,
    PlannedContact,
    PlanStatus,
    Topic,
    channel_label,
    topic_label,
)
from employers.queries import Cursor, TimelineFilter, duplicate_matches, timeline_page
from portal.audit import audit_record
from portal.exports import csv_response, xlsx_response
from portal.models import Office
from portal.paging import id_number, page_number
from portal.ratelimit import REGISTER_SEARCHES_PER_MINUTE, export_limited, rate_limited
from portal.slugs import get_by_slug
from portal.usage import record_view

PAGE_SIZE = 25


@dataclass
class LogRow:
    """One line of the contact log, in the order of ContactEntryQuerySet.LIST_COLUMNS."""

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


def _employer(organisation_number: str) -> Employer:
    return get_object_or_404(
        Employer.objects.active().select_related("main_unit"),
        organisation_number=organisation_number,
    )


def _office_options(selected_id: int | None) -> SafeString:
    """The <option>s of the office filter as one string: the template's loop over all 260
    offices (or format_html per option) was a third of the employer page's time."""
    offices = Office.objects.order_by("name").values_list("pk", "name")
    options = (
        f'<option value="{pk}"{" selected" if pk == selected_id else ""}>{escape(name)}</option>'
        for pk, name in offices
    )
    return mark_safe("".join(options))  # noqa: S308 - names escaped, ids are integers


def _page_template(request: HttpRequest, template: str, partial: str) -> str:
    return f"{template}#{partial}" if request.htmx else template


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
    template = _page_template(request, "employers/index.html", "results")
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
    return render(
        request, "employers/form.html", {"form": form, "title": _("Register an employer")}
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_edit(request: HttpRequest, organisation_number: str) -> HttpResponse:
    employer = _employer(organisation_number)
    # The form edits a copy: a refused organisation number is set on the form's instance
    # before the model's validators run, and the page must keep linking to the real one.
    form = EmployerForm(request.POST or None, instance=copy.copy(employer))
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("The employer is saved."))
        return redirect(saved)
    return render(
        request,
        "employers/form.html",
        {"form": form, "title": _("Edit %(name)s") % {"name": employer.name}, "employer": employer},
    )


def _timeline_filter(request: HttpRequest) -> TimelineFilter:
    topic = request.GET.get("tema", "")
    office = request.GET.get("kontor", "")
    return TimelineFilter(
        topic=topic if topic in Topic.values else "",
        office_id=id_number(office),
    )


@login_required
def detail(request: HttpRequest, organisation_number: str) -> HttpResponse:
    if request.htmx:  # the timeline alone needs no more of the employer than its id
        employer = get_object_or_404(
            Employer.objects.active().only("pk"), organisation_number=organisation_number
        )
    else:
        employer = _employer(organisation_number)
    flt = _timeline_filter(request)
    cursor = Cursor.decode(request.GET.get("etter"))
    timeline = timeline_page(employer, flt=flt, cursor=cursor, limit=PAGE_SIZE)
    context = {"employer": employer, "timeline": timeline, "filter": flt, "topics": Topic.choices}
    if request.htmx:
        partial = "timeline-page" if cursor else "timeline"
        return render(request, f"employers/detail.html#{partial}", context)
    year_ago = timezone.localdate() - timedelta(days=365)
    context.update(
        sub_units=list(employer.sub_units.active().order_by("name")[:50]),
        contact_persons=list(employer.contact_persons.active()),
        knows_best=list(ContactEntry.objects.knows_best(employer, since=year_ago)),
        office_options=_office_options(flt.office_id),
    )
    return render(request, "employers/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def contact_person_create(request: HttpRequest, organisation_number: str) -> HttpResponse:
    employer = _employer(organisation_number)
    form = ContactPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.employer = employer
        form.instance.created_by = request.user
        form.save()
        messages.success(request, _("The contact person is saved."))
        return redirect(employer)
    return render(
        request,
        "employers/form.html",
        {"form": form, "title": _("New contact person"), "employer": employer},
    )


def _warning_context(
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
    employer = _employer(organisation_number)
    topics = [t for t in request.GET.getlist("topics") if t in Topic.values]
    context = {"employer": employer, **_warning_context(request, employer, "log", topics, False)}
    return render(request, "employers/includes/duplicate_warning.html", context)


def _guides() -> list[ConversationGuide]:
    return list(ConversationGuide.objects.published().only("pk", "title", "slug", "kind"))


@login_required
@require_http_methods(["GET", "POST"])
def entry_create(request: HttpRequest, organisation_number: str) -> HttpResponse:
    employer = _employer(organisation_number)
    form = ContactEntryForm(request.POST or None, employer=employer, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.contact_entry_create(
            author=request.user,
            employer=employer,
            contacted_on=data["contacted_on"],
            channel=data["channel"],
            topics=data["topics"],
            summary=data["summary"],
            outcome=data["outcome"],
            contact_person=data["contact_person"],
            follow_up_on=data["follow_up_on"],
            follow_up_assignee=data["follow_up_assignee"],
            warning_id=data["warning"],
        )
        messages.success(request, _("The contact is logged."))
        return redirect(employer)
    topics = request.POST.getlist("topics")
    warning = _warning_context(request, employer, "log", topics, request.method == "GET")
    if warning["warning_id"]:
        form.initial["warning"] = warning["warning_id"]
    return render(
        request,
        "employers/entry_form.html",
        {"employer": employer, "form": form, "guides": _guides(), **warning},
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest, organisation_number: str) -> HttpResponse:
    employer = _employer(organisation_number)
    form = PlannedContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.planned_contact_create(
            author=request.user,
            employer=employer,
            planned_on=data["planned_on"],
            channel=data["channel"],
            topics=data["topics"],
            note=data["note"],
            warning_id=data["warning"],
        )
        messages.success(request, _("The contact is planned. Colleagues can see it."))
        return redirect(employer)
    topics = request.POST.getlist("topics")
    warning = _warning_context(
        request, employer, DuplicateWarning.Context.PLAN, topics, request.method == "GET"
    )
    if warning["warning_id"]:
        form.initial["warning"] = warning["warning_id"]
    return render(
        request,
        "employers/plan_form.html",
        {"employer": employer, "form": form, "guides": _guides(), **warning},
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
        values = {name: form.cleaned_data[name] for name in ContactEntryForm.Meta.fields}
        services.contact_entry_update(
            entry=ContactEntry.objects.get(pk=pk), editor=request.user, values=values
        )
        messages.success(request, _("The entry is corrected. The history keeps the change."))
        return redirect("employers:entry", pk=pk)
    return render(
        request,
        "employers/form.html",
        {"form": form, "title": _("Correct the log entry"), "employer": entry.employer},
    )


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
    flt = _timeline_filter(request)
    mine = request.GET.get("mine") == "1"
    return {"filter": flt, "mine": mine}, flt, mine


@login_required
def log(request: HttpRequest) -> HttpResponse:
    context, flt, mine = _log_filter(request)
    # Only the columns the list shows, as plain rows: building entry, user, office and
    # employer objects for every line cost more than the query.
    entries = ContactEntry.objects.all()
    if flt.topic:
        entries = entries.filter(topics__contains=[flt.topic])
    if flt.office_id:
        entries = entries.filter(office_id=flt.office_id)
    if mine:
        entries = entries.filter(author=request.user)
    before = _entry_cursor(request.GET.get("etter"))
    rows = [LogRow(*values) for values in entries.page(limit=PAGE_SIZE, before=before, flat=True)]
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
    if request.htmx:
        partial = "log-page" if before else "log-list"
        return render(request, f"employers/log.html#{partial}", context)
    context["office_options"] = _office_options(flt.office_id)
    return render(request, "employers/log.html", context)


def _entry_cursor(raw: str | None) -> tuple[date, int] | None:
    try:
        day, pk = (raw or "").split("_")
        return date.fromisoformat(day), int(pk)
    except ValueError:
        return None


def _export_header() -> list[str]:
    return [
        _("Date"),
        _("Employer"),
        _("Organisation number"),
        _("Channel"),
        _("Topics"),
        _("Summary"),
        _("Outcome"),
        _("Logged by"),
        _("Office"),
        _("Follow-up"),
    ]


def _export_rows(entries):
    for e in entries.select_related("employer", "author", "office").iterator(chunk_size=2000):
        yield [
            e.contacted_on,
            e.employer.name,
            e.employer.organisation_number,
            e.get_channel_display(),
            ", ".join(e.topic_labels()),
            e.summary,
            e.outcome,
            e.author.get_full_name(),
            e.office.name,
            e.follow_up_on,
        ]


def _export(request, fmt: str, filename: str, entries, title: str) -> HttpResponse:
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    audit_record(actor=request.user, action="export", after={"file": filename, "format": fmt})
    if fmt == "csv":
        return csv_response(filename, _export_header(), _export_rows(entries))
    if fmt == "xlsx":
        return xlsx_response(filename, _export_header(), _export_rows(entries), title=title)
    raise Http404


@login_required
@export_limited
def employer_export(request: HttpRequest, organisation_number: str, fmt: str) -> HttpResponse:
    employer = _employer(organisation_number)
    entries = ContactEntry.objects.active().filter(employer=employer).order_by("-contacted_on")
    return _export(
        request, fmt, f"kontakthistorikk-{employer.organisation_number}", entries, _("History")
    )


@login_required
@export_limited
def log_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if not permissions.can_export_office_log(request.user):
        raise PermissionDenied
    entries = (
        ContactEntry.objects.active()
        .filter(office_id=request.user.office_id)
        .order_by("-contacted_on", "-pk")
    )
    return _export(request, fmt, "kontaktlogg", entries, _("Contact log"))


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


@login_required
def plans(request: HttpRequest) -> HttpResponse:
    mine = request.GET.get("kontor") != "alle"
    rows = PlannedContact.objects.open().with_people().order_by("planned_on", "pk")
    if mine:
        rows = rows.filter(office_id=request.user.office_id)
    # Keyset pages, soonest first: an office can have hundreds of open plans, and the
    # whole country thousands.
    after = _entry_cursor(request.GET.get("etter"))
    if after:
        day, pk = after
        rows = rows.filter(Q(planned_on__gt=day) | Q(planned_on=day, pk__gt=pk))
    page = list(rows[: PAGE_SIZE + 1])
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


@login_required
@require_POST
def plan_complete(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(PlannedContact.objects.filter(deleted_at__isnull=True), pk=pk)
    if not permissions.can_change_plan(request.user, plan):
        raise PermissionDenied
    if plan.status == PlanStatus.CANCELLED:
        return redirect("employers:plans")
    entry = services.planned_contact_complete(plan=plan, by=request.user)
    messages.success(request, _("The planned contact is logged. Add the outcome if you like."))
    return redirect("employers:entry", pk=entry.pk)


@login_required
@require_POST
def plan_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(PlannedContact.objects.filter(deleted_at__isnull=True), pk=pk)
    if not permissions.can_change_plan(request.user, plan):
        raise PermissionDenied
    services.planned_contact_cancel(plan=plan)
    messages.success(request, _("The planned contact is cancelled."))
    return redirect("employers:plans")


@login_required
def callbacks(request: HttpRequest) -> HttpResponse:
    if not permissions.can_see_callback_queue(request.user):
        raise PermissionDenied
    # Only what the list shows: the full employer and user rows cost more to build than
    # the query costs to run.
    queue = (
        Callback.objects.for_office(request.user.office)
        .with_lateness()
        .select_related("employer", "assigned_to")
        .only(
            "pk",
            "created_at",
            "done_at",
            "contact_name",
            "phone",
            "preferred_time",
            "topic",
            "status",
            "source",
            "employer__name",
            "assigned_to__first_name",
            "assigned_to__last_name",
        )
    )
    # Pages of the open queue, oldest first. One office's open queue stays small (hundreds
    # at most), so an offset is cheap and, unlike a cursor, survives requests being closed.
    number = page_number(request.GET.get("side"))
    open_queue = queue.open().order_by("created_at", "pk")
    start = (number - 1) * PAGE_SIZE
    open_rows = list(open_queue[start : start + PAGE_SIZE + 1])
    if not open_rows and number > 1:  # beyond the end (or closed meanwhile): the last page
        number = max(1, -(-open_queue.count() // PAGE_SIZE))
        start = (number - 1) * PAGE_SIZE
        open_rows = list(open_queue[start : start + PAGE_SIZE + 1])
    has_next = len(open_rows) > PAGE_SIZE
    done_rows = list(queue.filter(status=CallbackStatus.DONE).order_by("-done_at", "-pk")[:20])
    # Employers' forms from municipalities no office covers, for any office of the region to take.
    region_rows = list(
        Callback.objects.waiting_in_region(request.user.office.region_id)
        .select_related("employer")
        .only("pk", "created_at", "topic", "municipality", "employer__name")[:PAGE_SIZE]
    )
    return render(
        request,
        "employers/callbacks.html",
        {
            "open": open_rows[:PAGE_SIZE],
            "done": done_rows,
            "region_waiting": region_rows,
            "office": request.user.office,
            "page_number": number,
            "next_page": number + 1 if has_next else None,
            "previous_page": number - 1 if number > 1 else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def callback(request: HttpRequest, pk: int) -> HttpResponse:
    callback = get_object_or_404(Callback.objects.with_people().select_related("office"), pk=pk)
    if not permissions.can_work_callback(request.user, callback):
        raise Http404
    form = CallbackWorkForm(request.POST or None, callback=callback)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.callback_update(
            callback=callback,
            by=request.user,
            status=data["status"],
            assigned_to=data["assigned_to"],
            log_summary=data["summary"] if form.action == CallbackAction.LOG else "",
            channel=data["channel"] or Channel.PHONE,
            no_contact_reason=(
                data["no_contact_reason"] if form.action == CallbackAction.NO_CONTACT else ""
            ),
        )
        messages.success(request, _("The callback is updated."))
        return redirect("employers:callbacks")
    # The employer's recent contacts, as the duplicate-contact warning lists them.
    recent = duplicate_matches(callback.employer, topics=[callback.topic])
    return render(
        request,
        "employers/callback.html",
        {"callback": callback, "form": form, "matches": recent, "employer": callback.employer},
    )


@login_required
@require_http_methods(["GET", "POST"])
def callback_create(request: HttpRequest, organisation_number: str) -> HttpResponse:
    employer = _employer(organisation_number)
    form = CallbackForm(request.POST or None, employer=employer, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.callback_create(
            taken_by=request.user,
            employer=employer,
            **{name: data[name] for name in CallbackForm.Meta.fields},
        )
        messages.success(request, _("The callback request is in the office's queue."))
        return redirect(employer)
    return render(
        request,
        "employers/form.html",
        {"form": form, "title": _("Callback request"), "employer": employer},
    )


@login_required
def guides(request: HttpRequest) -> HttpResponse:
    rows = ConversationGuide.objects.published().select_related("last_reviewed_by", "region")
    return render(
        request,
        "employers/guides.html",
        {"guides": list(rows), "can_write": permissions.can_write_guides(request.user)},
    )


@login_required
def guide(request: HttpRequest, slug: str) -> HttpResponse:
    guide = get_by_slug(
        ConversationGuide.objects.published().select_related("last_reviewed_by", "region"),
        slug,
    )
    record_view(guide)
    return render(
        request,
        "employers/guide.html",
        {"guide": guide, "can_edit": permissions.can_edit_guide(request.user, guide)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def guide_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_write_guides(request.user):
        raise PermissionDenied
    form = ConversationGuideForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.instance.owner = request.user
        form.instance.mark_reviewed(by=request.user)
        guide = form.save()
        messages.success(request, _("The guide is saved."))
        return redirect(guide)
    return render(
        request, "employers/form.html", {"form": form, "title": _("New conversation guide")}
    )


@login_required
@require_http_methods(["GET", "POST"])
def guide_edit(request: HttpRequest, slug: str) -> HttpResponse:
    guide = get_by_slug(ConversationGuide.objects.all(), slug)
    if not permissions.can_edit_guide(request.user, guide):
        raise PermissionDenied
    form = ConversationGuideForm(request.POST or None, instance=guide, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.instance.mark_reviewed(by=request.user)
        guide = form.save()
        messages.success(request, _("The guide is saved."))
        return redirect(guide)
    return render(
        request,
        "employers/form.html",
        {"form": form, "title": _("Edit %(name)s") % {"name": guide.title}},
    )


# --- dashboard panels, loaded after the page ------------------------------------------------


@login_required
def panel_follow_ups(request: HttpRequest) -> HttpResponse:
    context = {"panel": dashboard.follow_ups_context(request.user)}
    return render(request, "employers/panels/follow_ups.html", context)


@login_required
def panel_callbacks(request: HttpRequest) -> HttpResponse:
    if not permissions.can_see_callback_queue(request.user):
        raise PermissionDenied
    context = {"panel": dashboard.callbacks_context(request.user)}
    return render(request, "employers/panels/callbacks.html", context)
