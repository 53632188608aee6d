"""The manager's page for the office's weekly learning time."""

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from learning.forms import SlotForm
from learning.models import OfficeLearningSlot
from learning.services.slot import slot_save
from learning.views.common import managed_office


@login_required
@require_http_methods(["GET", "POST"])
def office_slot(request: HttpRequest, slug: str) -> HttpResponse:
    office = managed_office(request.user, slug)
    current = OfficeLearningSlot.objects.filter(office=office).first()
    if request.method == "POST" and "clear" in request.POST:
        if current and current.active:
            current.active = False
            slot_save(slot=current, by=request.user)
            messages.success(request, _("The office's learning time is cleared."))
        return redirect("learning:office_slot", office.slug)
    # A copy: a refused form fills in its instance, and the page still shows the saved time.
    instance = copy(current) if current else OfficeLearningSlot(office=office)
    form = SlotForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.instance.active = True
        moved = slot_save(slot=form.instance, by=request.user)
        messages.success(request, _("The office's learning time is saved."))
        if moved:
            messages.info(
                request,
                ngettext(
                    "%(count)d planned module moved to the new time.",
                    "%(count)d planned modules moved to the new time.",
                    moved,
                )
                % {"count": moved},
            )
        return redirect("learning:office_slot", office.slug)
    shown = current if current and current.active else None
    return render(request, "learning/slot.html", {"office": office, "form": form, "slot": shown})
