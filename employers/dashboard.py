"""Dashboard panels: my follow-ups, and for market contacts and managers the office's
open callback requests. One query each, loaded after the page."""

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from employers.models import Callback, ContactEntry
from employers.permissions import can_see_callback_queue
from portal.dashboard import LazyPanel, Panel


def panels(request: HttpRequest) -> list[Panel]:
    # Logging a contact from the dashboard: type the employer, then its log form.
    return [Panel(template="employers/panels/quick_log.html", title=_("Log a contact"), order=38)]


def follow_ups_context(user) -> dict:
    today = timezone.localdate()
    follow_ups = list(
        ContactEntry.objects.follow_ups_for(user).filter(
            follow_up_on__lte=today + timedelta(days=7)
        )[:5]
    )
    return {"entries": follow_ups, "today": today}


def callbacks_context(user) -> dict:
    callbacks = list(
        Callback.objects.for_office(user.office_id)
        .open()
        .with_lateness()
        .select_related("employer")
        .order_by("created_at", "pk")[:5]
    )
    return {"callbacks": callbacks}


# Both load after the page: what is due on the learning side comes first.
LAZY_PANELS = (
    LazyPanel(
        "employers:panel_follow_ups",
        "employers/panels/follow_ups.html",
        _("My follow-ups"),
        order=40,
        context=follow_ups_context,
    ),
    LazyPanel(
        "employers:panel_callbacks",
        "employers/panels/callbacks.html",
        _("Open callback requests"),
        order=45,
        context=callbacks_context,
        allowed=can_see_callback_queue,
    ),
)
