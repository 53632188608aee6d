"""The office's callback queue and the work on one callback."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from employers import permissions, services
from employers.contact_form import callback_take_to_office
from employers.forms import CallbackAction, CallbackForm, CallbackWorkForm
from employers.models import Callback, CallbackStatus, Channel
from employers.queries import duplicate_matches
from employers.views import PAGE_SIZE, employer_or_404, form_page, model_values
from portal.paging import page_number


@login_required
def callbacks(request: HttpRequest) -> HttpResponse:
    if not permissions.can_see_callback_queue(request.user):
        raise PermissionDenied
    queue = Callback.objects.for_office(request.user.office).with_lateness().for_queue_list()
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
    region = Callback.objects.waiting_in_region(request.user.office.region_id).for_queue_list()
    region_rows = list(region[:PAGE_SIZE])
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
    employer = employer_or_404(organisation_number)
    form = CallbackForm(request.POST or None, employer=employer, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.callback_create(taken_by=request.user, employer=employer, **model_values(form))
        messages.success(request, _("The callback request is in the office's queue."))
        return redirect(employer)
    return form_page(request, form, _("Callback request"), employer)


@login_required
@require_POST
def callback_take(request: HttpRequest, pk: int) -> HttpResponse:
    callback = get_object_or_404(Callback.objects.select_related("office"), pk=pk)
    if request.user.office_id is None or not permissions.can_work_callback(request.user, callback):
        raise Http404
    if callback_take_to_office(callback_id=callback.pk, office=request.user.office) is None:
        messages.warning(request, _("Another office took the request first."))
        return redirect("employers:callbacks")
    messages.success(
        request, _("The request is in the queue of %(office)s.") % {"office": request.user.office}
    )
    return redirect("employers:callback", pk=callback.pk)
