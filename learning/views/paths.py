"""Learning paths: reading one, and editing it and its steps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from learning.forms import PathForm, PathStepAddForm
from learning.models import LearningPath, Module, PathStep, ProgressStatus, Status
from learning.services import content as services
from portal import permissions as core
from portal.slugs import get_by_slug


@login_required
def path(request: HttpRequest, slug: str) -> HttpResponse:
    path = get_by_slug(LearningPath.objects.visible_to(request.user).select_related("phase"), slug)
    modules = (
        Module.objects.visible_to(request.user)
        .filter(path_steps__path=path)
        .select_related("area")
        .with_progress(request.user)
        .order_by("path_steps__order")
    )
    modules = list(modules)
    done = sum(m.my_status == ProgressStatus.COMPLETED for m in modules)
    percent = round(100 * done / len(modules)) if modules else 0
    return render(
        request,
        "learning/path.html",
        {
            "path": path,
            "modules": modules,
            "done": done,
            "percent": percent,
            "minutes": sum(m.minutes for m in modules),
            "can_edit": core.can_edit_content(request.user, path.region),
        },
    )


def _editable_path(user, slug: str) -> LearningPath:
    path = get_by_slug(
        LearningPath.objects.visible_to(user).select_related("phase", "region"), slug
    )
    if not core.can_edit_content(user, path.region):
        raise PermissionDenied
    return path


@login_required
@require_http_methods(["GET", "POST"])
def path_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    if slug:
        path = _editable_path(request.user, slug)
    elif core.can_see_reports(request.user):
        path = LearningPath(status=Status.DRAFT)
    else:
        raise PermissionDenied
    form = PathForm(request.POST or None, instance=path, user=request.user)
    if request.method == "POST" and form.is_valid():
        if not core.can_edit_content(request.user, form.cleaned_data["region"]):
            raise PermissionDenied
        path = services.path_save(path=form.save(commit=False))
        messages.success(request, _("The learning path is saved."))
        return redirect("learning:path_edit", path.slug)
    context = {"form": form, "path": path if path.pk else None}
    if path.pk:
        steps = path.steps.select_related("module")
        context["steps"] = steps
        context["add_form"] = PathStepAddForm(
            modules=Module.objects.visible_to(request.user).exclude(path_steps__path=path)
        )
    return render(request, "learning/path_form.html", context)


@login_required
@require_POST
def path_steps(request: HttpRequest, slug: str) -> HttpResponse:
    path = _editable_path(request.user, slug)
    action = request.POST.get("action", "add")
    if action == "add":
        form = PathStepAddForm(
            request.POST,
            modules=Module.objects.visible_to(request.user).exclude(path_steps__path=path),
        )
        if form.is_valid():
            services.path_step_add(path=path, module=form.cleaned_data["module"])
            messages.success(request, _("The module is added to the path."))
        else:
            messages.error(request, _("Choose a module to add."))
        return redirect("learning:path_edit", path.slug)
    step = get_object_or_404(PathStep, path=path, pk=request.POST.get("step") or 0)
    if action == "remove":
        services.path_step_remove(step=step)
        messages.success(request, _("The module is removed from the path."))
    elif action in ("up", "down"):
        services.path_step_move(step=step, up=action == "up")
    else:
        return HttpResponse(status=400)
    return redirect("learning:path_edit", path.slug)
