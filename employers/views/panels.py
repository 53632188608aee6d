"""The employers app's dashboard panels, loaded after the page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from employers import dashboard, permissions


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
