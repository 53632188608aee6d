"""The region's queue of employers' contact forms: an office takes a form no office covers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from employers import permissions
from employers.contact_form import callback_take_to_office
from employers.models import Callback


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
