"""The Ny i NAV path given to a person who is new."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from learning.models import Assignment, AssignmentSource, LearningPath, Phase, Status
from portal.models import NotificationKind, Role, User
from portal.services import NotificationDraft, notifications_create

# A person who started more than this long ago is not new: no Ny i NAV path.
ONBOARDING_WINDOW_DAYS = 180


ROLE_PRIORITY = [Role.MANAGER, Role.MARKET_CONTACT, Role.ADVISOR]


def onboarding_assign(*, user: User, today: date | None = None) -> list[Assignment]:
    """Give a new person the Ny i NAV path for their role, due counted from their start date.

    Run by the `assign_onboarding` task that portal.services.user_started enqueues where a
    person is created or given a start date (admin, the first sign-in), and by the demo data
    for its new advisor. No signal: creating a user in a test or a script gives them nothing
    unless it says so.
    Safe to run again: what the person already has of the path is not assigned twice."""
    today = today or timezone.localdate()
    start = user.start_date or today
    role = next((r for r in ROLE_PRIORITY if r in user.roles), None)
    if role is None or start < today - timedelta(days=ONBOARDING_WINDOW_DAYS):
        return []
    path = (
        LearningPath.objects.filter(phase__slug=Phase.NEW, role=role, status=Status.PUBLISHED)
        .order_by("region_id")  # a regional path before the national one
        .first()
    )
    if path is None:
        return []
    steps = list(path.steps.select_related("module").filter(module__status=Status.PUBLISHED))
    with transaction.atomic():
        already = set(
            Assignment.objects.filter(user=user, path=path).values_list("module_id", flat=True)
        )
        created = Assignment.objects.bulk_create(
            [
                Assignment(
                    user=user,
                    module=step.module,
                    path=path,
                    due_on=max(start, today) + timedelta(days=step.due_after_days),
                    mandatory=True,
                    reserved_minutes=step.module.minutes,
                    source=AssignmentSource.ONBOARDING,
                )
                for step in steps
                if step.module_id not in already
            ]
        )
        if created:
            with override(user.language):
                notifications_create(
                    drafts=[
                        NotificationDraft(
                            recipient_id=user.pk,
                            kind=NotificationKind.ASSIGNMENT_GIVEN,
                            title=_("Welcome to NAV: your path %(path)s is ready")
                            % {"path": path.title},
                            dedup_key=f"onboarding:{path.pk}",
                            url=path.get_absolute_url(),
                        )
                    ]
                )
    return created
