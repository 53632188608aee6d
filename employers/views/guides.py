"""Conversation guides (samtaleguider)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from employers import permissions
from employers.forms import ConversationGuideForm
from employers.models import ConversationGuide
from employers.views import form_page
from portal.slugs import get_by_slug
from portal.usage import record_view


@login_required
def guides(request: HttpRequest) -> HttpResponse:
    rows = ConversationGuide.objects.published().select_related("last_reviewed_by", "region")
    return render(
        request,
        "employers/guides.html",
        {"guides": list(rows), "can_write": permissions.can_write_guides(request.user)},
    )


@login_required
def guide(request: HttpRequest, slug: str) -> HttpResponse:
    guide = get_by_slug(
        ConversationGuide.objects.published().select_related("last_reviewed_by", "region"),
        slug,
    )
    record_view(guide)
    return render(
        request,
        "employers/guide.html",
        {"guide": guide, "can_edit": permissions.can_edit_guide(request.user, guide)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def guide_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_write_guides(request.user):
        raise PermissionDenied
    form = ConversationGuideForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.instance.owner = request.user
        form.instance.mark_reviewed(by=request.user)
        guide = form.save()
        messages.success(request, _("The guide is saved."))
        return redirect(guide)
    return form_page(request, form, _("New conversation guide"))


@login_required
@require_http_methods(["GET", "POST"])
def guide_edit(request: HttpRequest, slug: str) -> HttpResponse:
    guide = get_by_slug(ConversationGuide.objects.all(), slug)
    if not permissions.can_edit_guide(request.user, guide):
        raise PermissionDenied
    form = ConversationGuideForm(request.POST or None, instance=guide, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.instance.mark_reviewed(by=request.user)
        guide = form.save()
        messages.success(request, _("The guide is saved."))
        return redirect(guide)
    return form_page(request, form, _("Edit %(name)s") % {"name": guide.title})
