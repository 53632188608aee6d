"""Confirming items copied from last week: «bekreft at dette fortsatt gjelder»."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from marketinfo import services
from marketinfo.models import Summary
from marketinfo.views.access import writable_item
from marketinfo.views.summaries import summary_button, text_saved_first


@login_required
@require_POST
def item_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    item = writable_item(request.user, pk)
    if refused := text_saved_first(request, item.summary):
        return refused
    services.items_confirm(summary=item.summary, user=request.user, item_ids=[item.pk])
    return redirect(f"{reverse('marketinfo:summary_edit', args=[item.summary_id])}#item-{item.pk}")


@login_required
@require_POST
@summary_button
def summary_confirm_items(request: HttpRequest, summary: Summary) -> HttpResponse:
    confirmed = services.items_confirm(summary=summary, user=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d item is confirmed as still current.",
            "%(count)d items are confirmed as still current.",
            confirmed,
        )
        % {"count": confirmed},
    )
    return redirect("marketinfo:summary_edit", summary.pk)
