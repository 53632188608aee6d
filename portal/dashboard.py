"""Dashboard panels contributed by the apps.

Each app may have `<app>/dashboard.py` (found by `portal.registry`) with `panels(request) ->
list[Panel]`, the panels computed with the page, and `LAZY_PANELS`, the panels slow enough to
load after it: the page renders a placeholder and htmx fetches the panel from its URL, which
`portal.views.panel` serves for every one of them. The dashboard shows all in `order`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal import reports
from portal.models import Notification, User
from portal.permissions import can_see_reports
from portal.registry import declared


@dataclass
class Panel:
    template: str
    title: str
    context: dict = field(default_factory=dict)
    order: int = 100
    lazy_url: str = ""


@dataclass(frozen=True)
class LazyPanel:
    """A panel loaded after the page from the URL named `url_name` (routed to
    `portal.views.panel`): shown to whom `allowed` admits, `context(user)` fills `template`."""

    url_name: str
    template: str
    title: str
    order: int
    context: Callable[[User], dict]
    allowed: Callable[[User], bool] = lambda user: True


def notifications_context(user: User) -> dict:
    return {
        "notifications": Notification.objects.for_user(user).unread().order_by("-created_at")[:4]
    }


# The portal's own: unread notifications, loaded after the page like the count in the header,
# and for editors their content (counting content by state takes a query per kind).
LAZY_PANELS = (
    LazyPanel(
        "portal:panel_editor",
        "portal/panels/editor.html",
        _("Your content"),
        order=80,
        context=reports.editor_panel,
        allowed=can_see_reports,
    ),
    LazyPanel(
        "portal:panel_notifications",
        "portal/panels/notifications.html",
        _("Notifications"),
        order=90,
        context=notifications_context,
    ),
)


def lazy_panels() -> dict[str, LazyPanel]:
    """Every app's lazy panels by the name of their URL."""
    return {lazy.url_name: lazy for found in declared("dashboard", "LAZY_PANELS") for lazy in found}


def collect_panels(request: HttpRequest) -> list[Panel]:
    found = [
        panel for app_panels in declared("dashboard", "panels") for panel in app_panels(request)
    ]
    found += [
        Panel(lazy.template, lazy.title, order=lazy.order, lazy_url=reverse(lazy.url_name))
        for lazy in lazy_panels().values()
        if lazy.allowed(request.user)
    ]
    return sorted(found, key=lambda panel: panel.order)
