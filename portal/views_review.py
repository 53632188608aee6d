"""The editor's review queue: what is due for review, with Open, Mark reviewed and Change
owner on every row. Counted by the same function as the dashboard and the editor's desk."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from portal import permissions, reports, services
from portal.forms import NavFormMixin
from portal.freshness import FreshContent, fresh_content_models
from portal.models import Role, User


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    if not permissions.can_see_reports(request.user):
        raise PermissionDenied
    report = reports.review_report()
    user = request.user
    for section in report["sections"]:
        for item in section["items"] + section["unowned"]:
            item.can_review = permissions.can_review_content(user, item)
    return render(request, "portal/report_review.html", report)


def _reviewable(request: HttpRequest, label: str, pk: int) -> FreshContent:
    """The item, if the user may review it: editors of its region (national editors for
    national content); another region's item answers 404, like any object out of scope."""
    if not permissions.can_see_reports(request.user):
        raise PermissionDenied
    models = {model._meta.label_lower: model for model in fresh_content_models()}
    if label not in models:
        raise Http404
    item = get_object_or_404(models[label], pk=pk)
    if not permissions.can_review_content(request.user, item):
        raise Http404
    return item


@login_required
@require_POST
def review_mark(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    item = _reviewable(request, label, pk)
    services.content_mark_reviewed(item=item, by=request.user)
    messages.success(request, _("“%(item)s” is marked as reviewed.") % {"item": item})
    return redirect("portal:report_review")


class OwnerForm(NavFormMixin, forms.Form):
    owner = forms.ModelChoiceField(
        label=gettext_lazy("New owner"),
        queryset=User.objects.none(),
        empty_label=gettext_lazy("Choose a person"),
        help_text=gettext_lazy("An editor or a market contact who keeps the content up to date."),
    )

    def __init__(self, *args, item: FreshContent, **kwargs):
        super().__init__(*args, **kwargs)
        people = User.objects.filter(is_active=True, roles__overlap=[Role.EDITOR])
        region_id = getattr(item, "region_id", None)
        if region_id:
            people |= User.objects.filter(
                is_active=True, roles__overlap=[Role.MARKET_CONTACT], office__region_id=region_id
            )
        self.fields["owner"].queryset = people.order_by("first_name", "last_name", "pk")


@login_required
@require_http_methods(["GET", "POST"])
def review_owner(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    item = _reviewable(request, label, pk)
    form = OwnerForm(request.POST or None, item=item, initial={"owner": item.owner_id})
    if request.method == "POST" and form.is_valid():
        owner = form.cleaned_data["owner"]
        services.content_change_owner(item=item, owner=owner)
        messages.success(
            request,
            _("%(owner)s now owns “%(item)s”.") % {"owner": owner.get_full_name(), "item": item},
        )
        return redirect("portal:report_review")
    return render(request, "portal/review_owner.html", {"item": item, "form": form})
