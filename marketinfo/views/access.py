"""What the market pages ask before they show or change a summary or an item."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from marketinfo.models import Item, Summary
from marketinfo.permissions import can_see_summary, can_write_summary
from portal.models import Office, User


def posted(request: HttpRequest):
    """The POST data for a form, also when the POST is empty (so its errors show)."""
    return request.POST if request.method == "POST" else None


def bound(request: HttpRequest) -> tuple:
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def office_of(user: User) -> Office | None:
    """The user's office with its region, cached on the user for the permission checks."""
    if not user.office_id:
        return None
    if User.office.is_cached(user) and Office.region.is_cached(user.office):
        return user.office  # loaded with the user by the authentication backend
    office = Office.objects.select_related("region").get(pk=user.office_id)
    user.office = office
    return office


def visible_summary(user: User, pk: int, queryset=None) -> Summary:
    summary = get_object_or_404(
        queryset if queryset is not None else Summary.objects.with_related(), pk=pk
    )
    if not can_see_summary(user, summary):
        raise Http404
    return summary


def writable_summary(user: User, pk: int) -> Summary:
    """404 for what the user may not see, 403 for a published summary of another scope."""
    summary = visible_summary(user, pk)
    if not can_write_summary(user, summary):
        raise PermissionDenied
    return summary


def writable_item(user: User, pk: int) -> Item:
    item = get_object_or_404(Item.objects.select_related("employer"), pk=pk)
    item.summary = writable_summary(user, item.summary_id)
    return item
