"""The learning app's dashboard panels: each 1–3 queries; what to do next and the manager's
office panel load after the page."""

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.models import (
    MODULE_TEXTS,
    Assignment,
    Module,
    OfficeLearningSlot,
    Phase,
    Progress,
    ProgressStatus,
    slot_generation,
)
from learning.views.office import office_overview
from portal import cache
from portal import permissions as core
from portal.dashboard import LazyPanel, Panel


def journey_phase(user, today) -> str:
    """The phase the person chose, else: new in the first year, everyday for the next two,
    then top-up."""
    if user.journey_phase:
        return user.journey_phase
    if user.start_date is None or user.start_date > today - timedelta(days=365):
        return Phase.NEW
    if user.start_date > today - timedelta(days=3 * 365):
        return Phase.EVERYDAY
    return Phase.TOP_UP


DUE_PANEL_FIELDS = (
    "due_on",
    "reserved_minutes",
    "reserved_start",
    "reserved_end",
    "planned_in_slot",
    "module__slug",
    "module__title",
)


def panels(request) -> list[Panel]:
    user = request.user
    today = timezone.localdate()
    # Only what the two panels show: up to 50 rows of whole assignments, modules, areas and
    # paths cost the dashboard several milliseconds of model building.
    due = list(
        Assignment.objects.for_user(user)
        .open()
        .select_related("module")
        .only(*DUE_PANEL_FIELDS)[:50]
    )
    reserved_today = [
        a for a in due if a.reserved_start and timezone.localdate(a.reserved_start) == today
    ]
    slot_today = None
    if user.office_id:
        # Read on every dashboard, changed a few times a year: kept in the cache until saved.
        slots = cache.cached(
            f"learning:slot:{user.office_id}",
            lambda: list(OfficeLearningSlot.objects.filter(office_id=user.office_id, active=True)),
            24 * 3600,
            [slot_generation(user.office_id)],
        )
        slot_today = next((s for s in slots if s.weekday == today.weekday()), None)
    result = [
        Panel(
            "learning/panels/due.html",
            _("Due for you"),
            {
                "assignments": due[:6],
                "count": len(due),
                "minutes": sum(a.reserved_minutes for a in due),
                "today": today,
            },
            order=10,
        ),
        Panel(
            "learning/panels/reserved.html",
            _("Reserved time today"),
            {"assignments": reserved_today, "slot": slot_today},
            order=11,
        ),
    ]
    return result


def continue_context(user) -> dict:
    started = (
        Progress.objects.for_user(user)
        .filter(status=ProgressStatus.IN_PROGRESS)
        .with_module_title()
        .order_by("-updated_at")[:3]
    )
    return {"progress": list(started)}


def recommended_context(user) -> dict:
    done = Progress.objects.filter(user=user, module=OuterRef("pk"))
    recommended = (
        Module.objects.published()
        .filter(phase__slug=journey_phase(user, timezone.localdate()))
        .filter(audience_roles__overlap=user.roles or ["veileder"])
        .exclude(Exists(done))
        .select_related("area", "phase")
        .defer(*MODULE_TEXTS)
        .order_by("area__order", "title")[:3]
    )
    return {"modules": list(recommended)}


# What to do next loads after the page (two queries over the national progress table): what is
# due comes first. The manager's office panel shows the office page's counts, not its lists.
LAZY_PANELS = (
    LazyPanel(
        "learning:panel_continue",
        "learning/panels/continue.html",
        _("Continue where you left off"),
        order=12,
        context=continue_context,
    ),
    LazyPanel(
        "learning:panel_recommended",
        "learning/panels/recommended.html",
        _("Recommended next"),
        order=13,
        context=recommended_context,
    ),
    LazyPanel(
        "learning:panel_office",
        "learning/panels/office.html",
        _("Your office's learning"),
        order=14,
        context=lambda user: office_overview(user.office, lists=False),
        allowed=lambda user: core.can_manage_any_office(user) and user.office_id is not None,
    ),
)
