"""The weekly summaries: reading one, opening, editing, publishing and scheduling it."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from marketinfo import services
from marketinfo.forms import ScheduleForm, SummaryForm, SummaryStartForm
from marketinfo.models import ItemKind, Summary, current_iso_week
from marketinfo.permissions import can_write_anything, can_write_summary
from marketinfo.queries import summary_item_parts
from marketinfo.views.access import office_of, posted, visible_summary, writable_summary
from portal.fastrender import join_market_item_parts
from portal.usage import record_view


@login_required
def summary_detail(request: HttpRequest, pk: int) -> HttpResponse:
    summary = visible_summary(request.user, pk)
    current, expired = summary_item_parts(summary, timezone.localdate())
    if summary.is_published:
        record_view(summary)
    # A summary gets revisions only once published and edited, which also sets revised_at.
    revisions = []
    if summary.revised_at:
        revisions = list(summary.revisions.select_related("created_by")[:20])
    return render(
        request,
        "marketinfo/summary_detail.html",
        {
            "summary": summary,
            "items_html": join_market_item_parts(current),
            "expired_html": join_market_item_parts(expired),
            "revisions": revisions,
            "can_write": can_write_summary(request.user, summary),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def summary_start(request: HttpRequest) -> HttpResponse:
    """Open this week's summary (or another week's): the existing one, or a new draft."""
    if not can_write_anything(request.user) or not request.user.office_id:
        raise PermissionDenied
    office = office_of(request.user)
    year, week = current_iso_week()
    form = SummaryStartForm(
        posted(request), user=request.user, initial={"year": year, "week": week}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        scope = {"office": office} if data["scope"] == "office" else {"region": office.region}
        summary, created = services.summary_open(
            user=request.user, year=data["year"], week=data["week"], **scope
        )
        if not created:
            messages.info(request, _("This week already has a summary. Here it is."))
        return redirect("marketinfo:summary_edit", summary.pk)
    existing = list(
        Summary.objects.written_at(office).with_related().order_by("-year", "-week")[:8]
    )
    return render(request, "marketinfo/summary_start.html", {"form": form, "existing": existing})


def _edit_page(
    request: HttpRequest, summary: Summary, form: SummaryForm, schedule_form=None, status=200
) -> HttpResponse:
    items = list(summary.items.edit_list())
    schedule_form = schedule_form or ScheduleForm()
    # Outside the text form on the page, but sent with it (see summary_edit.html).
    schedule_form.fields["publish_at"].widget.attrs["form"] = "summary-text"
    return render(
        request,
        "marketinfo/summary_edit.html",
        {
            "summary": summary,
            "form": form,
            "items": items,
            "to_confirm": sum(1 for item in items if item.needs_confirmation),
            "kinds": ItemKind.choices,
            "schedule_form": schedule_form,
            "has_previous": Summary.objects.previous_to(summary).exists(),
        },
        status=status,
    )


def text_saved_first(request: HttpRequest, summary: Summary) -> HttpResponse | None:
    """The editing page's other buttons (publish, schedule, start from last week) send the
    headline and highlights along: save them before acting, so that nothing typed is lost.
    The edit page with the errors (and nothing done) when they do not validate."""
    if "headline" not in request.POST:
        return None  # a button without the text form, e.g. from an older page
    form = SummaryForm(request.POST, instance=summary)
    if not form.is_valid():
        return _edit_page(request, summary, form, status=400)
    services.summary_update(summary=summary, user=request.user, data=form.cleaned_data)
    return None


def summary_button(view: Callable[[HttpRequest, Summary], HttpResponse]):
    """A button on the editing page: the view acts on the summary the user may write, once
    the text sent along is saved (text_saved_first)."""

    @wraps(view)
    def button(request: HttpRequest, pk: int) -> HttpResponse:
        summary = writable_summary(request.user, pk)
        if refused := text_saved_first(request, summary):
            return refused
        return view(request, summary)

    return button


@login_required
@require_http_methods(["GET", "POST"])
def summary_edit(request: HttpRequest, pk: int) -> HttpResponse:
    summary = writable_summary(request.user, pk)
    form = SummaryForm(posted(request), instance=summary)
    if request.method == "POST" and form.is_valid():
        services.summary_update(summary=summary, user=request.user, data=form.cleaned_data)
        messages.success(request, _("The summary is saved."))
        return redirect("marketinfo:summary_edit", summary.pk)
    return _edit_page(request, summary, form)


@login_required
@require_POST
@summary_button
def summary_copy_previous(request: HttpRequest, summary: Summary) -> HttpResponse:
    copied = services.summary_copy_previous(summary=summary, user=request.user)
    messages.success(
        request,
        ngettext(
            "Copied %(count)d current item from last week.",
            "Copied %(count)d current items from last week.",
            copied,
        )
        % {"count": copied},
    )
    return redirect("marketinfo:summary_edit", summary.pk)


@login_required
@require_POST
@summary_button
def summary_publish(request: HttpRequest, summary: Summary) -> HttpResponse:
    if services.summary_publish(summary_id=summary.pk):
        messages.success(request, _("The summary is published. Your colleagues are told."))
    return redirect(summary)


@login_required
@require_POST
def summary_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    summary = writable_summary(request.user, pk)
    form = ScheduleForm(request.POST)
    # The text goes along (see text_saved_first), but is saved only with a valid time:
    # a refused schedule saves nothing.
    text = SummaryForm(request.POST, instance=summary) if "headline" in request.POST else None
    text_valid = text is None or text.is_valid()
    if form.is_valid() and text_valid and not summary.is_published:
        if text is not None:
            services.summary_update(summary=summary, user=request.user, data=text.cleaned_data)
        services.summary_schedule(
            summary=summary, user=request.user, publish_at=form.cleaned_data["publish_at"]
        )
        messages.success(request, _("The summary will publish itself at the chosen time."))
        return redirect("marketinfo:summary_edit", summary.pk)
    summary.refresh_from_db()  # is_valid() put the posted text on the instance
    text = text or SummaryForm(instance=summary)
    return _edit_page(request, summary, text, form, status=400)


@login_required
@require_POST
@summary_button
def summary_unschedule(request: HttpRequest, summary: Summary) -> HttpResponse:
    services.summary_unschedule(summary=summary, user=request.user)
    messages.success(request, _("The summary is a draft again."))
    return redirect("marketinfo:summary_edit", summary.pk)
