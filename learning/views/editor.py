"""Editors: their desk, writing and publishing modules, and the Markdown preview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from learning.forms import ModuleForm
from learning.models import LearningPath, Module, Status
from learning.services import content as services
from learning.views.common import counted_page, editable_module
from portal import permissions as core
from portal import reports
from portal.fastrender import url_template
from portal.markdown import render_markdown
from portal.models import Region

EDITOR_PAGE_SIZE = 20


@login_required
def editor(request: HttpRequest) -> HttpResponse:
    if not core.can_see_reports(request.user):
        raise PermissionDenied
    # Nationally hundreds of modules are drafts or due for review: a page at a time.
    mine = Module.objects.visible_to(request.user).for_desk()
    drafts = mine.filter(status=Status.DRAFT)
    # Nationally about 150 paths: read as rows, with each region's right to edit decided once.
    rows = LearningPath.objects.visible_to(request.user).values_list(
        "slug", "title", "status", "region_id", "region__name"
    )
    statuses = {value: str(label) for value, label in Status.choices}
    edit_url = url_template("learning:path_edit")  # a {% url %} per path was half the list's time
    editable: dict[int | None, bool] = {}
    paths = []
    for slug, title, status, region_id, region_name in rows:
        if region_id not in editable:
            region = Region(pk=region_id) if region_id else None
            editable[region_id] = core.can_edit_content(request.user, region)
        if editable[region_id]:
            paths.append((edit_url.format(slug), title, region_name, statuses[status]))
    return render(
        request,
        "learning/editor.html",
        {
            "drafts": counted_page(drafts, request.GET.get("utkast"), EDITOR_PAGE_SIZE),
            "due": counted_page(
                mine.due_for_review(), request.GET.get("gjennomgang"), EDITOR_PAGE_SIZE
            ),
            # The same count as the dashboard's and the review queue's.
            "review_totals": reports.review_totals(),
            "paths": paths,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def module_create(request: HttpRequest) -> HttpResponse:
    if not core.can_see_reports(request.user):
        raise PermissionDenied
    form = ModuleForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if not core.can_edit_content(request.user, form.cleaned_data["region"]):
            raise PermissionDenied
        module = services.module_save(module=form.save(commit=False), by=request.user)
        messages.success(request, _("The draft is saved."))
        return redirect(module)
    return render(request, "learning/module_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def module_edit(request: HttpRequest, slug: str) -> HttpResponse:
    module = editable_module(request.user, slug, refused=Http404)
    form = ModuleForm(request.POST or None, instance=module, user=request.user)
    if request.method == "POST" and form.is_valid():
        module = services.module_save(
            module=form.save(commit=False),
            by=request.user,
            change_note=form.cleaned_data["change_note"],
            changed=form.has_changed(),
        )
        messages.success(request, _("The module is saved."))
        return redirect(module)
    return render(request, "learning/module_form.html", {"form": form, "module": module})


@login_required
@require_POST
def module_publish(request: HttpRequest, slug: str) -> HttpResponse:
    module = editable_module(request.user, slug, refused=Http404)
    services.module_publish(module=module, by=request.user)
    messages.success(request, _("The module is published."))
    return redirect(module)


@login_required
@require_POST
def module_reviewed(request: HttpRequest, slug: str) -> HttpResponse:
    module = editable_module(request.user, slug, refused=Http404)
    services.module_mark_reviewed(module=module, by=request.user)
    messages.success(request, _("Marked as reviewed, no change needed."))
    return redirect(module)


@login_required
@require_POST
def preview(request: HttpRequest) -> HttpResponse:
    if not core.can_see_reports(request.user):
        raise PermissionDenied
    return HttpResponse(render_markdown(request.POST.get("body", "")[:100_000]))
