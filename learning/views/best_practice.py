"""Good practice examples: the list, one example, editing and review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from learning.forms import BestPracticeForm
from learning.models import BestPractice, CompetenceArea
from learning.views.common import without_page
from portal import permissions as core
from portal.slugs import get_by_slug
from portal.usage import record_view


@login_required
def best_practices(request: HttpRequest) -> HttpResponse:
    # Hundreds of examples nationally: a page at a time.
    items = BestPractice.objects.visible_to(request.user).current().listed()
    if request.GET.get("area"):
        items = items.filter(area__slug=request.GET["area"])
    return render(
        request,
        "learning/best_practices.html",
        {
            "items": Paginator(items, 30).get_page(request.GET.get("page")),
            "areas": CompetenceArea.objects.all(),
            "current": request.GET.get("area"),
            "page_query": without_page(request.GET),
        },
    )


@login_required
def best_practice(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_by_slug(
        BestPractice.objects.visible_to(request.user).select_related(
            "area", "office", "last_reviewed_by"
        ),
        slug,
    )
    record_view(item)
    return render(
        request,
        "learning/best_practice.html",
        {
            "item": item,
            "can_edit": core.can_edit_content(request.user, item.region),
        },
    )


def _editable_example(user, slug: str) -> BestPractice:
    """An example whose region the editor does not edit is 404, as if it were not there."""
    item = get_by_slug(BestPractice.objects.visible_to(user), slug)
    if not core.can_edit_content(user, item.region):
        raise Http404
    return item


@login_required
@require_http_methods(["GET", "POST"])
def best_practice_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    if not core.can_see_reports(request.user):
        raise PermissionDenied
    item = _editable_example(request.user, slug) if slug else None
    form = BestPracticeForm(request.POST or None, instance=item, user=request.user)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.mark_reviewed(by=request.user)
        item.owner = item.owner or request.user
        item.save()
        messages.success(request, _("The example is saved."))
        return redirect(item)
    return render(request, "learning/best_practice_form.html", {"form": form, "item": item})


@login_required
@require_POST
def best_practice_reviewed(request: HttpRequest, slug: str) -> HttpResponse:
    if not core.can_see_reports(request.user):
        raise PermissionDenied
    item = _editable_example(request.user, slug)
    item.mark_reviewed(by=request.user)
    item.save()
    messages.success(request, _("Marked as reviewed, no change needed."))
    return redirect(item)
