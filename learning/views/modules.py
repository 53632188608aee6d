"""The module list, a module's page and what a person does on it: progress, field practice,
confirmations and group sessions."""

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Value
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from learning import permissions as perms
from learning.dashboard import journey_phase
from learning.forms import GroupSessionForm, PracticeRequestForm
from learning.models import (
    Assignment,
    CompetenceArea,
    LearningPath,
    Level,
    Module,
    Phase,
    Progress,
)
from learning.models import ModuleForm as ModuleFormChoice
from learning.services import progress as services
from learning.views.common import counted_page, visible_module
from portal.htmx import page_template
from portal.models import OfficeSize, Role
from portal.usage import record_view

PATHS_SHOWN = 12


MODULES_PER_PAGE = 30


def _areas_and_phases() -> dict:
    """The module filter's two short lists in one round trip."""
    areas = CompetenceArea.objects.annotate(kind=Value("area")).values_list(
        "kind", "order", "slug", "name"
    )
    phases = Phase.objects.annotate(kind=Value("phase")).values_list(
        "kind", "order", "slug", "name"
    )
    lists = {"areas": [], "phases": []}
    for kind, _order, slug, name in areas.union(phases, all=True).order_by("kind", "order"):
        lists[f"{kind}s"].append(SimpleNamespace(slug=slug, name=name))
    return lists


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    f = request.GET
    modules = Module.objects.visible_to(user).matching(f)
    # Sorting every visible module with its related rows joined cost ≈ 35 ms nationally: page
    # over the ids (a narrow sort), then read the page's 30 cards with what they show.
    page = counted_page(modules, f.get("page"), MODULES_PER_PAGE, ids=True)
    ids = list(page.object_list)
    cards = Module.objects.as_cards(user).in_bulk(ids)
    page.object_list = [cards[pk] for pk in ids]
    context = {"page": page, "filters": f}
    if not request.htmx:  # the whole page: the paths and the filter form besides the results
        paths = (
            LearningPath.objects.visible_to(user)
            .select_related("phase")
            .with_step_counts(user)
            .own_phase_first(journey_phase(user, timezone.localdate()))
        )
        # All paths on request.
        all_paths = f.get("stier") == "alle"
        shown_paths = list(paths if all_paths else paths[: PATHS_SHOWN + 1])
        context.update(
            {
                "paths": shown_paths[:PATHS_SHOWN] if not all_paths else shown_paths,
                "more_paths": not all_paths and len(shown_paths) > PATHS_SHOWN,
                **_areas_and_phases(),
                "forms": ModuleFormChoice.choices,
                "levels": Level.choices,
                "roles": Role.choices,
                "sizes": OfficeSize.choices,
            }
        )
    return render(request, page_template(request, "learning/index.html", "results"), context)


@login_required
def module(request: HttpRequest, slug: str) -> HttpResponse:
    module = visible_module(request.user, slug)
    progress = Progress.objects.filter(user=request.user, module=module).first()
    assignment = Assignment.objects.open().filter(user=request.user, module=module).first()
    record_view(module)
    context = {
        "module": module,
        "progress": progress,
        "assignment": assignment,
        "has_quiz": module.questions.exists(),
        "changed_since": progress
        and progress.completed_version
        and progress.completed_version < module.version,
        "can_edit": perms.can_edit_module(request.user, module),
        "practice_form": PracticeRequestForm(user=request.user)
        if module.is_field_practice
        else None,
    }
    return render(request, "learning/module.html", context)


@login_required
@require_POST
def module_progress(request: HttpRequest, slug: str) -> HttpResponse:
    module = visible_module(request.user, slug)
    try:
        percent = int(request.POST.get("percent", "100"))
    except ValueError:
        percent = 0
    progress = services.progress_update(user=request.user, module=module, percent=percent)
    if request.htmx:
        return render(
            request,
            "learning/module.html#progress",
            {"module": module, "progress": progress, "has_quiz": module.questions.exists()},
        )
    return redirect(module)


@login_required
@require_POST
def practice_request(request: HttpRequest, slug: str) -> HttpResponse:
    module = visible_module(request.user, slug)
    form = PracticeRequestForm(request.POST, user=request.user)
    if not module.is_field_practice:
        raise Http404
    if form.is_valid():
        services.practice_request(
            user=request.user, module=module, confirmer=form.cleaned_data["confirmer"]
        )
        messages.success(request, _("Your colleague has been asked to confirm."))
        return redirect(module)
    return render(
        request,
        "learning/module.html",
        {
            "module": module,
            "practice_form": form,
        },
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def confirmations(request: HttpRequest) -> HttpResponse:
    waiting = Progress.objects.awaiting_confirmation_by(request.user)
    if request.method == "POST":
        progress = get_object_or_404(waiting, pk=request.POST.get("progress"))
        services.practice_confirm(progress=progress, by=request.user)
        messages.success(request, _("Confirmed. The module is completed for your colleague."))
        return redirect("learning:confirmations")
    return render(request, "learning/confirmations.html", {"waiting": waiting})


@login_required
@require_http_methods(["GET", "POST"])
def group_session(request: HttpRequest, slug: str) -> HttpResponse:
    if not perms.can_run_group_session(request.user):
        raise PermissionDenied
    module = visible_module(request.user, slug)
    form = GroupSessionForm(request.POST or None, office=request.user.office)
    if request.method == "POST" and form.is_valid():
        services.group_session_record(facilitator=request.user, module=module, **form.cleaned_data)
        messages.success(request, _("The session is recorded and the attendees have completed."))
        return redirect(module)
    return render(request, "learning/group_session.html", {"module": module, "form": form})
