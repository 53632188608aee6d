from django.http import HttpRequest

from portal import permissions


def navigation(request: HttpRequest) -> dict:
    """What the header needs: the role-aware menu and the unread notification count."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_can_manage": permissions.can_manage_any_office(user),
        "nav_can_edit": permissions.can_edit_content(user) or user.is_editor,
        "nav_is_admin": permissions.is_administrator(user),
        "nav_can_report": permissions.can_see_reports(user),
        # Known only where a view has counted anyway (the dashboard); the header fetches it
        # through htmx elsewhere.
        "unread_notifications_known": lambda: getattr(request, "unread_notifications_count", None),
    }
