"""Dashboard panels: my follow-ups, and for market contacts and managers the office's
open callback requests. One query each."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.models import Callback, ContactEntry
from employers.permissions import can_see_callback_queue
from portal.dashboard import Panel


def panels(request: HttpRequest) -> list[Panel]:
    user = request.user
    today = timezone.localdate()
    follow_ups = list(
        ContactEntry.objects.follow_ups_for(user).filter(
            follow_up_on__lte=today + timedelta(days=7)
        )[:5]
    )
    result = [
        Panel(
            template="employers/panels/follow_ups.html",
            title=_("My follow-ups"),
            context={"entries": follow_ups, "today": today},
            order=40,
        )
    ]
    if can_see_callback_queue(user):
        callbacks = list(
            Callback.objects.for_office(user.office_id)
            .open()
            .with_lateness()
            .select_related("employer")
            .order_by("created_at", "pk")[:5]
        )
        result.append(
            Panel(
                template="employers/panels/callbacks.html",
                title=_("Open callback requests"),
                context={"callbacks": callbacks},
                order=45,
            )
        )
    return result
