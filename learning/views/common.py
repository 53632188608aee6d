"""Lookups the learning views share: a user's office, module and page of rows, with the 404/403
each answers."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, Window
from django.http import Http404

from learning import permissions as perms
from learning.models import Module
from portal import permissions as core
from portal.models import Office
from portal.paging import MOST_PAGES
from portal.slugs import get_by_slug


def managed_office(user, slug: str) -> Office:
    """Managers' pages: 403 without the role, 404 for an office outside the user's scope."""
    if not core.can_manage_any_office(user):
        raise PermissionDenied
    office = get_by_slug(Office.objects.with_region(), slug)
    if not perms.can_see_office(user, office):
        raise Http404
    if user.office_id == office.pk:
        user.office = office  # the menu links to it: spare a query
    return office


def visible_module(user, slug: str) -> Module:
    return get_by_slug(Module.objects.visible_to(user).with_related(), slug)


def editable_module(user, slug: str, *, refused: type[Exception] = PermissionDenied) -> Module:
    """A module the user cannot see is 404; one they can see but not edit raises `refused`."""
    module = visible_module(user, slug)
    if not perms.can_edit_module(user, module):
        raise refused
    return module


def counted_page(queryset, number, per_page: int, *, ids: bool = False) -> Page:
    """A page of the queryset (of its ids with `ids`), counted in the same query: a round trip
    costs ≈ 1.5 ms here, and a Paginator would count first. Only an empty or out-of-range
    page is counted apart, as a Paginator does."""
    paginator = Paginator(queryset.values_list("pk", flat=True) if ids else queryset, per_page)
    try:
        wanted = int(number)
    except (TypeError, ValueError):
        wanted = 1
    if wanted < 1 or wanted > MOST_PAGES:
        # The last page, as a Paginator answers (beyond MOST_PAGES the offset would not even
        # fit PostgreSQL's bigint).
        return paginator.get_page(wanted)
    start = (wanted - 1) * per_page
    counted = queryset.annotate(page_total=Window(Count("pk")))
    if ids:
        counted = counted.values_list("pk", "page_total")
    rows = list(counted[start : start + per_page])
    if not rows:
        return paginator.get_page(wanted)
    if ids:
        paginator.count = rows[0][1]
        return Page([pk for pk, _total in rows], wanted, paginator)
    paginator.count = rows[0].page_total
    return Page(rows, wanted, paginator)


def without_page(params) -> str:
    """The query string for page links: the filters, without the current page."""
    params = params.copy()
    params.pop("page", None)
    return params.urlencode()
