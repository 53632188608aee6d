"""Dashboard panels contributed by the apps.

Each app may have `<app>/dashboard.py` with `panels(request) -> list[Panel]` (found by
`portal.registry`). The portal's
dashboard view shows them in `order`. A panel that is slow to compute sets `lazy_url`: the page
renders a placeholder and htmx loads the panel after the page.
"""

from dataclasses import dataclass, field

from django.http import HttpRequest

from portal.registry import declared


@dataclass
class Panel:
    template: str
    title: str
    context: dict = field(default_factory=dict)
    order: int = 100
    lazy_url: str = ""


def panels(request: HttpRequest) -> list[Panel]:
    """The portal's own panels: unread notifications, and for editors their content."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from portal.permissions import can_see_reports

    found = [
        Panel(
            template="portal/panels/notifications.html",
            title=_("Notifications"),
            lazy_url=reverse("portal:panel_notifications"),
            order=90,
        )
    ]
    if can_see_reports(request.user):
        found.append(
            Panel(
                template="portal/panels/editor.html",
                title=_("Your content"),
                lazy_url=reverse("portal:panel_editor"),
                order=80,
            )
        )
    return found


def collect_panels(request: HttpRequest) -> list[Panel]:
    found = [
        panel for app_panels in declared("dashboard", "panels") for panel in app_panels(request)
    ]
    return sorted(found, key=lambda panel: panel.order)
