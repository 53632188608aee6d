import functools

from django.http import HttpRequest
from django.urls import get_script_prefix, reverse

from portal import permissions, unread

MENU_URL_NAMES = {
    "dashboard": "portal:dashboard",
    "search": "portal:search",
    "learning": "learning:index",
    "marketinfo": "marketinfo:index",
    "employers": "employers:index",
    "reports": "portal:report_usage",
    "admin": "admin:index",
    "notifications": "portal:notifications",
    "notification_count": "portal:notification_count",
    "account_settings": "portal:account_settings",
    "logout": "portal:logout",
    "accessibility": "portal:accessibility",
    "glossary": "portal:glossary",
}


@functools.cache
def _menu_urls(script_prefix: str) -> dict[str, str]:
    # Every page's layout links to these; reversing them once per process instead of on every
    # request takes a millisecond off each page here.
    return {key: reverse(name) for key, name in MENU_URL_NAMES.items()}


def navigation(request: HttpRequest) -> dict:
    """What the header needs: the role-aware menu and the unread notification count."""
    menu_urls = {"menu_urls": _menu_urls(get_script_prefix())}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return menu_urls
    return menu_urls | {
        "nav_can_manage": permissions.can_manage_any_office(user),
        "nav_can_edit": permissions.can_edit_content(user) or user.is_editor,
        "nav_is_admin": permissions.is_administrator(user),
        "nav_can_report": permissions.can_see_reports(user),
        # None when the cache has no current count; the header then fetches it through htmx.
        "unread_notifications_known": lambda: unread.cached_unread_count(user.pk),
    }
