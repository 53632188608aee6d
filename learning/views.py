"""Views of the learning app: short functions, one permission line at the top."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from learning import calendar as ics
from learning import dashboard, services
from learning import permissions as perms
from learning.dashboard import MODULE_TEXTS, journey_phase
from learning.forms import (
    AssignForm,
    BestPracticeForm,
    ChoiceFormSet,
    CommentForm,
    GroupSessionForm,
    HideForm,
    ModuleForm,
    OfficeNeedsForm,
    PathForm,
    PathStepAddForm,
    PlanActivityForm,
    PlanCommentForm,
    PlanForm,
    PracticeRequestForm,
    QuestionForm,
    ReportForm,
    SelfAssessmentForm,
    ShareForm,
)
from learning.matrix import build_matrix, office_completion
from learning.matrix import legend as matrix_legend
from learning.models import (
    Assignment,
    BestPractice,
    CompetenceArea,
    CompetencePlan,
    LearningPath,
    Level,
    Module,
    OfficeNeed,
    PathStep,
    Phase,
    Progress,
    ProgressStatus,
    Question,
    SelfAssessment,
    Share,
    ShareComment,
    Status,
)
from learning.models import (
    ModuleForm as ModuleFormChoice,
)
from portal import permissions as core
from portal import reports
from portal.exports import csv_response, xlsx_response
from portal.markdown import render_markdown
from portal.models import Office, OfficeSize, Region, Role, User
from portal.paging import MOST_PAGES
from portal.ratelimit import export_limited
from portal.slugs import get_by_slug
from portal.usage import record_view


def _managed_office(user, slug: str) -> Office:
    """Managers' pages: 403 without the role, 404 for an office outside the user's scope."""
    if not core.can_manage_any_office(user):
        raise PermissionDenied
    office = get_by_slug(Office.objects.with_region(), slug)
    if not perms.can_see_office(user, office):
        raise Http404
    if user.office_id == office.pk:
        user.office = office  # the menu links to it: spare a query
    return office


def _visible_module(user, slug: str) -> Module:
    return get_by_slug(Module.objects.visible_to(user).with_related(), slug)


# --- modules and paths ----------------------------------------------------------------------


PATHS_SHOWN = 12
# The years a competence plan can be for (the column is a small integer).
PLAN_YEARS = (2000, 2100)
MODULES_PER_PAGE = 30
MODULE_CARD_FIELDS = (
    "title",
    "slug",
    "summary",
    "form",
    "level",
    "minutes",
    "status",
    "area__name",
    "phase__name",
)


def _counted_page(queryset, number, per_page: int, *, ids: bool = False) -> Page:
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
    modules = Module.objects.visible_to(user)
    f = request.GET
    if f.get("area"):
        modules = modules.filter(area__slug=f["area"])
    if f.get("phase"):
        modules = modules.filter(phase__slug=f["phase"])
    if f.get("form") in ModuleFormChoice.values:
        modules = modules.filter(form=f["form"])
    if f.get("level") in Level.values:
        modules = modules.filter(level=f["level"])
    if f.get("role") in Role.values:
        modules = modules.filter(audience_roles__contains=[f["role"]])
    if f.get("size") in OfficeSize.values:
        modules = modules.filter(Q(office_sizes__contains=[f["size"]]) | Q(office_sizes=[]))
    if f.get("q"):
        modules = modules.filter(Q(title__icontains=f["q"]) | Q(summary__icontains=f["q"]))
    # Sorting every visible module with its related rows joined cost ≈ 35 ms nationally: page
    # over the ids (a narrow sort), then read the page's 30 cards with what they show.
    page = _counted_page(modules, f.get("page"), MODULES_PER_PAGE, ids=True)
    ids = list(page.object_list)
    # Only what a card shows: the reviewer, region and texts cost model building per card.
    cards = (
        Module.objects.filter(pk__in=ids)
        .select_related("area", "phase")
        .with_progress(user)
        .only(*MODULE_CARD_FIELDS)
        .in_bulk()
    )
    page.object_list = [cards[pk] for pk in ids]
    context = {"page": page, "filters": f}
    if request.htmx:  # the filtered results alone: no paths, no filter form
        return render(request, "learning/index.html#results", context)
    # Counted per path in subqueries: joining progress would read every person's rows.
    steps = PathStep.objects.filter(path=OuterRef("pk")).order_by().values("path")
    done = steps.filter(
        module__progress__user=user, module__progress__status=ProgressStatus.COMPLETED
    )
    # The person's own phase first; all paths on request. Ordering by title keeps the
    # per-path counts to the rows shown.
    paths = (
        LearningPath.objects.visible_to(user)
        .select_related("phase")
        .annotate(
            step_count=Coalesce(Subquery(steps.annotate(n=Count("pk")).values("n")), 0),
            done_count=Coalesce(Subquery(done.annotate(n=Count("pk")).values("n")), 0),
            own_phase=ExpressionWrapper(
                Q(phase__slug=journey_phase(user, timezone.localdate())),
                output_field=BooleanField(),
            ),
        )
        .order_by("-own_phase", "title")
    )
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
    return render(request, "learning/index.html", context)


@login_required
def module(request: HttpRequest, slug: str) -> HttpResponse:
    module = _visible_module(request.user, slug)
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
    module = _visible_module(request.user, slug)
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


@dataclass
class QuizItem:
    """A question as the quiz page shows it: what the person chose, and after a submit the
    verdict, or that it was left unanswered."""

    question: Question
    chosen: set[int] = field(default_factory=set)
    result: services.QuestionResult | None = None
    unanswered: bool = False


def _quiz_answers(data, questions: list[Question]) -> dict[int, set[int]]:
    """Each question's chosen choices; ids that are not the question's own are dropped."""
    answers = {}
    for q in questions:
        own = {c.pk for c in q.choices.all()}
        answers[q.pk] = {int(v) for v in data.getlist(f"q{q.pk}") if v.isdecimal()} & own
    return answers


@login_required
@require_http_methods(["GET", "POST"])
def quiz(request: HttpRequest, slug: str) -> HttpResponse:
    module = _visible_module(request.user, slug)
    questions = list(module.questions.prefetch_related("choices"))
    if not questions:
        raise Http404
    attempt = next_due = None
    answers: dict[int, set[int]] = {}
    results: dict[int, services.QuestionResult] = {}
    progress = Progress.objects.filter(user=request.user, module=module).first()
    if request.method == "POST":
        answers = _quiz_answers(request.POST, questions)
        # A question left out would be scored as wrong without the person meaning to answer
        # it: ask for it instead, and count nothing.
        if all(answers.values()):
            attempt, scored, progress = services.quiz_submit(
                user=request.user, module=module, answers=answers
            )
            results = {r.question.pk: r for r in scored}
            if attempt.passed:
                next_due = services.next_due_assignment(user=request.user, after=module)
    items = [
        QuizItem(
            question=q,
            chosen=answers.get(q.pk, set()),
            result=results.get(q.pk),
            unanswered=bool(answers) and not answers[q.pk],
        )
        for q in questions
    ]
    context = {
        "module": module,
        "items": items,
        "unanswered": sum(item.unanswered for item in items),
        "attempt": attempt,
        "progress": progress,
        "next_due": next_due,
    }
    return render(request, "learning/quiz.html", context)


@login_required
@require_POST
def practice_request(request: HttpRequest, slug: str) -> HttpResponse:
    module = _visible_module(request.user, slug)
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
    waiting = Progress.objects.filter(
        confirmer=request.user, status=ProgressStatus.AWAITING
    ).select_related("user", "module")
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
    module = _visible_module(request.user, slug)
    form = GroupSessionForm(request.POST or None, office=request.user.office)
    if request.method == "POST" and form.is_valid():
        services.group_session_record(facilitator=request.user, module=module, **form.cleaned_data)
        messages.success(request, _("The session is recorded and the attendees have completed."))
        return redirect(module)
    return render(request, "learning/group_session.html", {"module": module, "form": form})


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


# --- my learning: assignments, calendar, self-assessment ------------------------------------


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    assignments = list(Assignment.objects.for_user(request.user).open().with_module())
    today = timezone.localdate()
    return render(
        request,
        "learning/mine.html",
        {
            "assignments": assignments,
            "minutes": sum(a.reserved_minutes for a in assignments),
            "today": today,
            "year": today.year,
        },
    )


@login_required
@export_limited
def calendar(request: HttpRequest) -> HttpResponse:
    slots = (
        Assignment.objects.for_user(request.user)
        .open()
        .filter(reserved_start__isnull=False)
        .with_module()
    )
    body = ics.build(slots, host=request.get_host())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="reservert-tid.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def self_assessment(request: HttpRequest) -> HttpResponse:
    year = timezone.localdate().year
    areas = list(CompetenceArea.objects.all())
    mine = list(SelfAssessment.objects.filter(user=request.user, year=year))
    form = SelfAssessmentForm(
        request.POST or None,
        areas=areas,
        initial_levels={s.area_id: s.level for s in mine},
        initial_comments={s.area_id: s.comment for s in mine},
    )
    if request.method == "POST" and form.is_valid():
        services.self_assessment_save(
            user=request.user, year=year, levels=form.levels(), comments=form.comments()
        )
        messages.success(request, _("Your self-assessment is saved."))
        return redirect("learning:self_assessment")
    return render(request, "learning/self_assessment.html", {"form": form, "year": year})


# --- managers -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def assign(request: HttpRequest) -> HttpResponse:
    if not perms.can_assign(request.user):
        raise PermissionDenied
    office = request.user.office
    if office is None:
        raise Http404
    form = AssignForm(
        request.POST or None,
        office=office,
        initial={"module": request.GET.get("module"), "person": request.GET.get("person")},
    )
    if request.method == "POST" and form.is_valid():
        start, end = form.reserved_slot()
        data = form.cleaned_data
        created = services.assignment_create(
            assigned_by=request.user,
            users=form.users(),
            module=data["module"],
            path=data["path"],
            due_on=data["due_on"],
            mandatory=data["mandatory"],
            reserved_minutes=data["reserved_minutes"],
            reserved_start=start,
            reserved_end=end,
        )
        messages.success(
            request,
            ngettext(
                "%(count)d assignment created.", "%(count)d assignments created.", len(created)
            )
            % {"count": len(created)},
        )
        return redirect("learning:matrix", office.slug)
    return render(request, "learning/assign.html", {"form": form, "office": office})


def _matrix_filters(request):
    area = None
    if request.GET.get("area"):
        area = CompetenceArea.objects.filter(slug=request.GET["area"]).first()
    role = request.GET.get("role", "")
    return {
        "team": request.GET.get("team", "")[:100],
        "role": role if role in Role.values else "",
        "area": area,
        "by": "areas" if request.GET.get("by") == "areas" else "modules",
        "sort": "overdue" if request.GET.get("sort") == "overdue" else "",
    }


def _without_page(params) -> str:
    """The query string for page links: the filters, without the current page."""
    params = params.copy()
    params.pop("page", None)
    return params.urlencode()


@login_required
def matrix(request: HttpRequest, slug: str) -> HttpResponse:
    office = _managed_office(request.user, slug)
    filters = _matrix_filters(request)
    data = build_matrix(
        office, today=timezone.localdate(), page=request.GET.get("page") or 1, **filters
    )
    context = {
        "office": office,
        "matrix": data,
        "filters": filters,
        "areas": CompetenceArea.objects.all(),
        "roles": Role.choices,
        "legend": matrix_legend(),
        "query": request.GET.urlencode(),
        "page_query": _without_page(request.GET),
    }
    template = "learning/matrix.html#table" if request.htmx else "learning/matrix.html"
    return render(request, template, context)


@login_required
@export_limited
def matrix_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    office = _managed_office(request.user, slug)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    data = build_matrix(office, today=timezone.localdate(), **_matrix_filters(request))
    header = [_("Name"), _("Team")] + [str(c) for c in data.columns]
    rows = [
        [row.person.get_full_name() or row.person.username, row.person.team]
        + [f"{c.label} {c.detail}".strip() for c in row.cells]
        for row in data.rows
    ]
    name = f"kompetansematrise-{office.slug}"
    if fmt == "xlsx":
        return xlsx_response(name, header, rows, title=_("Competence matrix"))
    return csv_response(name, header, rows)


OVERDUE_SHOWN = 50


def _office_overview(office: Office, *, lists: bool = True) -> dict:
    """The office's completion, overdue assignments and plans. The dashboard panel shows
    counts only (`lists=False`); the office page lists people."""
    today = timezone.localdate()
    year = today.year
    context = {"office": office, "year": year, **office_completion(office, today=today)}
    has_plan = CompetencePlan.objects.filter(user=OuterRef("pk"), year=year)
    without_plan = User.objects.in_office(office).filter(~Exists(has_plan))
    if not lists:
        context["without_plan_count"] = without_plan.count()
        return context
    context["without_plan"] = without_plan.order_by("first_name", "last_name").only(
        "pk", "first_name", "last_name", "username"
    )
    # The list shows a name, a module title and a date: not the module's texts.
    context["overdue"] = (
        Assignment.objects.overdue(today)
        .filter(user__office=office)
        .select_related("user", "module")
        .only(
            "due_on",
            "user__first_name",
            "user__last_name",
            "user__username",
            "module__title",
        )
        .order_by("due_on")[:OVERDUE_SHOWN]
    )
    return context


@login_required
def office(request: HttpRequest, slug: str) -> HttpResponse:
    office = _managed_office(request.user, slug)
    context = _office_overview(office)
    context["overview"] = {"by_area": context["by_area"]}
    year = context["year"]
    levels = {
        row["area_id"]: row
        for row in SelfAssessment.objects.filter(
            user__office=office, user__is_active=True, year=year
        )
        .values("area_id")
        .annotate(people=Count("user_id", distinct=True), **_level_counts())
    }
    context["assessed"] = []
    for row in context["by_area"]:
        area = row["area"]
        need = area.need or 3
        counts = levels.get(area.pk, {})
        context["assessed"].append(
            {
                "area": area,
                "need": need,
                "at_need": counts.get(f"at_{need}", 0),
                "people": counts.get("people", 0),
                **{f"l{n}": counts.get(f"l{n}", 0) for n in range(1, 5)},
            }
        )
    return render(request, "learning/office.html", context)


def _level_counts() -> dict:
    counts = {f"l{n}": Count("pk", filter=Q(level=n)) for n in range(1, 5)}
    counts.update({f"at_{n}": Count("pk", filter=Q(level__gte=n)) for n in range(1, 5)})
    return counts


@login_required
def panel_continue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "learning/panels/continue.html",
        {"panel": dashboard.continue_context(request.user)},
    )


@login_required
def panel_recommended(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "learning/panels/recommended.html",
        {"panel": dashboard.recommended_context(request.user)},
    )


@login_required
def panel_office(request: HttpRequest) -> HttpResponse:
    if not core.can_manage_any_office(request.user) or request.user.office is None:
        raise PermissionDenied
    return render(
        request,
        "learning/panels/office.html",
        {"panel": _office_overview(request.user.office, lists=False)},
    )


PERSON_PAGE_SIZE = 25


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(User.objects.with_office(), pk=pk)
    if not perms.can_see_person(request.user, person):
        raise Http404
    # The lists show module titles and links; the modules' texts can be many kilobytes each.
    texts = [f"module__{name}" for name in MODULE_TEXTS]
    progress = (
        Progress.objects.filter(user=person)
        .select_related("module")
        .defer(*texts)
        .order_by("-updated_at", "pk")
    )
    assignments = (
        Assignment.objects.for_user(person).with_module().defer(*texts).order_by("-due_on", "pk")
    )
    # People collect hundreds of rows over the years: both tables are shown a page at a time.
    progress_page = Paginator(progress, PERSON_PAGE_SIZE).get_page(request.GET.get("framdrift"))
    return render(
        request,
        "learning/person.html",
        {
            "person": person,
            "progress": progress_page,
            "assignments": Paginator(assignments, PERSON_PAGE_SIZE).get_page(
                request.GET.get("tildelinger")
            ),
            "year": timezone.localdate().year,
            "can_assign": perms.can_edit_plan(request.user, person),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    if not PLAN_YEARS[0] <= year <= PLAN_YEARS[1]:
        raise Http404  # saving it would not fit the year's column either
    person = get_object_or_404(User.objects.with_office(), pk=pk)
    if not perms.can_see_person(request.user, person):
        raise Http404
    manages = perms.can_edit_plan(request.user, person)
    plan = CompetencePlan.objects.filter(user=person, year=year).first() or CompetencePlan(
        user=person, year=year
    )
    form_class = PlanForm if manages else PlanCommentForm
    form = form_class(request.POST or None, instance=plan, prefix="plan")
    if request.method == "POST" and form.is_valid():
        if manages and request.user.pk == person.pk:
            plan.employee_comment = request.POST.get("plan-employee_comment", plan.employee_comment)
        plan = form.save(commit=False)
        plan.updated_at = timezone.now()
        plan.save()
        messages.success(request, _("The plan is saved."))
        return redirect("learning:plan", person.pk, year)
    return _plan_page(request, person, plan, year, form=form, manages=manages)


def _plan_page(request, person, plan, year: int, *, form, manages: bool, activity_form=None):
    """The plan page; a refused activity comes back with what was typed in it."""
    activities = plan.activities.select_related("module") if plan.pk else []
    assessments = SelfAssessment.objects.filter(user=person, year=year).select_related("area")
    return render(
        request,
        "learning/plan.html",
        {
            "person": person,
            "plan": plan,
            "form": form,
            "manages": manages,
            "activities": activities,
            "assessments": assessments,
            "activity_form": (activity_form or PlanActivityForm(prefix="activity"))
            if manages and plan.pk
            else None,
            "year": year,
        },
    )


@login_required
@require_POST
def plan_activity(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    person = get_object_or_404(User.objects.with_office(), pk=pk)
    if not perms.can_edit_plan(request.user, person):
        raise Http404
    plan = get_object_or_404(CompetencePlan, user=person, year=year)
    form = PlanActivityForm(request.POST, prefix="activity")
    if form.is_valid():
        activity = form.save(commit=False)
        activity.plan = plan
        activity.save()
        messages.success(request, _("The activity is added to the plan."))
        return redirect("learning:plan", person.pk, year)
    messages.error(request, _("The activity was not added: check the fields."))
    form_class = PlanForm if perms.can_edit_plan(request.user, person) else PlanCommentForm
    return _plan_page(
        request,
        person,
        plan,
        year,
        form=form_class(instance=plan, prefix="plan"),
        manages=True,
        activity_form=form,
    )


# --- experience sharing ---------------------------------------------------------------------


SHARE_LIST_FIELDS = (
    "activity",
    "learnt",
    "audience",
    "anonymous",
    "created_at",
    "author",
    "office",
    "module",
    "author__first_name",
    "author__last_name",
    "author__username",
    "office__name",
    "module__title",
)


@login_required
def shares(request: HttpRequest) -> HttpResponse:
    # Counted in a subquery, with only the columns the list shows: grouping the joined rows
    # (every column of author, office and module) took longer to plan than to run.
    comments = (
        ShareComment.objects.filter(share=OuterRef("pk"))
        .order_by()
        .values("share")
        .annotate(n=Count("pk"))
        .values("n")
    )
    items = (
        Share.objects.visible_to(request.user)
        .shown()
        .select_related("author", "office", "module")
        .only(*SHARE_LIST_FIELDS)
        .annotate(comment_count=Coalesce(Subquery(comments), 0))[:50]
    )
    return render(request, "learning/shares.html", {"shares": items})


@login_required
@require_http_methods(["GET", "POST"])
def share_create(request: HttpRequest) -> HttpResponse:
    if request.user.office is None:
        raise PermissionDenied
    form = ShareForm(request.POST or None, initial={"module": request.GET.get("module")})
    if request.method == "POST" and form.is_valid():
        share = services.share_create(author=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you for sharing."))
        return redirect(share)
    return render(request, "learning/share_form.html", {"form": form})


def _visible_share(user, pk: int) -> Share:
    share = get_object_or_404(Share.objects.select_related("author", "office", "module"), pk=pk)
    if not perms.can_see_share(user, share):
        raise Http404
    return share


@login_required
@require_http_methods(["GET", "POST"])
def share(request: HttpRequest, pk: int) -> HttpResponse:
    share = _visible_share(request.user, pk)
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.share_comment(share=share, author=request.user, text=form.cleaned_data["text"])
        return redirect(share)
    return _share_page(request, share, form=form)


def _share_page(request, share: Share, *, form=None, report_form=None, hide_form=None):
    """The post with its comments; a refused form comes back with what was typed in it."""
    can_hide = perms.can_moderate_share(request.user, share)
    return render(
        request,
        "learning/share.html",
        {
            "share": share,
            "show_author": perms.can_see_share_author(request.user, share),
            "comments": share.comments.select_related("author"),
            "form": form or CommentForm(),
            "report_form": report_form or ReportForm(),
            "hide_form": (hide_form or HideForm()) if can_hide else None,
        },
    )


@login_required
@require_POST
def share_report(request: HttpRequest, pk: int) -> HttpResponse:
    share = _visible_share(request.user, pk)
    form = ReportForm(request.POST)
    if form.is_valid():
        services.share_report(
            share=share, reporter=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Thank you. The office's managers have been told."))
        return redirect(share)
    messages.error(request, _("Say briefly what is wrong with the post."))
    return _share_page(request, share, report_form=form)


@login_required
@require_POST
def share_hide(request: HttpRequest, pk: int) -> HttpResponse:
    share = _visible_share(request.user, pk)
    if not perms.can_moderate_share(request.user, share):
        raise PermissionDenied
    form = HideForm(request.POST)
    if form.is_valid():
        services.share_hide(share=share, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The post is hidden. The reason is kept."))
        return redirect("learning:shares")
    messages.error(request, _("Give the reason for hiding the post."))
    return _share_page(request, share, hide_form=form)


# --- editors --------------------------------------------------------------------------------


EDITOR_PAGE_SIZE = 20


@login_required
def editor(request: HttpRequest) -> HttpResponse:
    if not core.can_see_reports(request.user):
        raise PermissionDenied
    # Nationally hundreds of modules are drafts or due for review: show them a page at a time,
    # and read only the columns the lists show.
    mine = (
        Module.objects.visible_to(request.user)
        .select_related("region")
        .only("pk", "title", "slug", "freshness", "status", "region__name")
        .order_by("phase__order", "area__order", "title", "pk")
    )
    drafts = mine.filter(status=Status.DRAFT)
    # Nationally about 150 paths: read as rows, with each region's right to edit decided once.
    rows = LearningPath.objects.visible_to(request.user).values_list(
        "slug", "title", "status", "region_id", "region__name"
    )
    statuses = {value: str(label) for value, label in Status.choices}
    editable: dict[int | None, bool] = {}
    paths = []
    for slug, title, status, region_id, region_name in rows:
        if region_id not in editable:
            region = Region(pk=region_id) if region_id else None
            editable[region_id] = core.can_edit_content(request.user, region)
        if editable[region_id]:
            paths.append((slug, title, region_name, statuses[status]))
    return render(
        request,
        "learning/editor.html",
        {
            "drafts": _counted_page(drafts, request.GET.get("utkast"), EDITOR_PAGE_SIZE),
            "due": _counted_page(
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
    module = _visible_module(request.user, slug)
    if not perms.can_edit_module(request.user, module):
        raise Http404
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
    module = _visible_module(request.user, slug)
    if not perms.can_edit_module(request.user, module):
        raise Http404
    services.module_publish(module=module, by=request.user)
    messages.success(request, _("The module is published."))
    return redirect(module)


@login_required
@require_POST
def module_reviewed(request: HttpRequest, slug: str) -> HttpResponse:
    module = _visible_module(request.user, slug)
    if not perms.can_edit_module(request.user, module):
        raise Http404
    services.module_mark_reviewed(module=module, by=request.user)
    messages.success(request, _("Marked as reviewed, no change needed."))
    return redirect(module)


@login_required
@require_POST
def preview(request: HttpRequest) -> HttpResponse:
    if not core.can_see_reports(request.user):
        raise PermissionDenied
    return HttpResponse(render_markdown(request.POST.get("body", "")[:100_000]))


@login_required
def best_practices(request: HttpRequest) -> HttpResponse:
    # Hundreds of examples nationally: a page at a time, without their descriptions.
    items = (
        BestPractice.objects.visible_to(request.user)
        .current()
        .select_related("area", "office")
        .only("pk", "title", "slug", "area__name", "office__name")
        .order_by("title", "pk")
    )
    if request.GET.get("area"):
        items = items.filter(area__slug=request.GET["area"])
    return render(
        request,
        "learning/best_practices.html",
        {
            "items": Paginator(items, 30).get_page(request.GET.get("page")),
            "areas": CompetenceArea.objects.all(),
            "current": request.GET.get("area"),
            "page_query": _without_page(request.GET),
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


@login_required
@require_http_methods(["GET", "POST"])
def best_practice_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    if not core.can_see_reports(request.user):
        raise PermissionDenied
    item = None
    if slug:
        item = get_by_slug(BestPractice.objects.visible_to(request.user), slug)
        if not core.can_edit_content(request.user, item.region):
            raise Http404
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
    item = get_by_slug(BestPractice.objects.visible_to(request.user), slug)
    if not core.can_edit_content(request.user, item.region):
        raise Http404
    item.mark_reviewed(by=request.user)
    item.save()
    messages.success(request, _("Marked as reviewed, no change needed."))
    return redirect(item)


# --- quiz editing ---------------------------------------------------------------------------


def _editable_module(user, slug: str) -> Module:
    """A draft the user cannot see is 404; a module they can see but not edit is 403."""
    module = _visible_module(user, slug)
    if not perms.can_edit_module(user, module):
        raise PermissionDenied
    return module


@login_required
def quiz_editor(request: HttpRequest, slug: str) -> HttpResponse:
    module = _editable_module(request.user, slug)
    questions = module.questions.prefetch_related("choices")
    return render(request, "learning/quiz_editor.html", {"module": module, "questions": questions})


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    module = _editable_module(request.user, slug)
    if pk is None:
        question = Question(module=module)
    else:  # an id that is no question of the module, 0 included, is not found
        question = get_object_or_404(Question, module=module, pk=pk)
    data = request.POST if request.method == "POST" else None
    form = QuestionForm(data, instance=question, prefix="question")
    choices = ChoiceFormSet(data, instance=question, prefix="choices")
    if data is not None and form.is_valid():
        choices.kind = form.cleaned_data["kind"]
        if choices.is_valid():
            services.question_save(question=form.save(commit=False), choices=choices)
            messages.success(request, _("The question is saved."))
            return redirect("learning:quiz_editor", module.slug)
    elif data is not None:
        choices.is_valid()  # show the answers' errors too
    return render(
        request,
        "learning/question_form.html",
        {"module": module, "question": question, "form": form, "choices": choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    module = _editable_module(request.user, slug)
    question = get_object_or_404(Question, module=module, pk=pk)
    if request.method == "POST":
        services.question_delete(question=question)
        messages.success(request, _("The question is deleted."))
        return redirect("learning:quiz_editor", module.slug)
    return render(
        request, "learning/question_delete.html", {"module": module, "question": question}
    )


# --- learning paths -------------------------------------------------------------------------


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


# --- office needs ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def office_needs(request: HttpRequest, slug: str) -> HttpResponse:
    office = _managed_office(request.user, slug)
    needs = dict(OfficeNeed.objects.filter(office=office).values_list("area_id", "level"))
    form = OfficeNeedsForm(
        request.POST or None, areas=CompetenceArea.objects.all(), initial_levels=needs
    )
    if request.method == "POST" and form.is_valid():
        services.office_needs_save(office=office, levels=form.levels())
        messages.success(request, _("The office's needs are saved."))
        return redirect("learning:office", office.slug)
    return render(request, "learning/office_needs.html", {"office": office, "form": form})
