"""Onboarding on start, renewal of completions."""

from datetime import date, timedelta

import pytest

from learning.models import Assignment, AssignmentSource, Progress, ProgressStatus
from learning.services.onboarding import onboarding_assign
from learning.services.progress import module_complete
from learning.services.renewals import renewals_run
from portal.models import Notification, Role
from tests.factories import UserFactory
from tests.learning.factories import ModuleFactory, PathFactory, PathStepFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisor_path():
    path = PathFactory(role=Role.ADVISOR)
    PathStepFactory(path=path, order=0, due_after_days=14)
    PathStepFactory(path=path, order=1, due_after_days=30)
    return path


def test_a_new_user_gets_the_ny_i_nav_path_due_from_the_start_date(
    advisor_path, django_capture_on_commit_callbacks
):
    start = date.today() + timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        user = UserFactory(roles=[Role.ADVISOR], start_date=start)
    due = sorted(
        Assignment.objects.filter(user=user, source=AssignmentSource.ONBOARDING).values_list(
            "due_on", flat=True
        )
    )
    assert due == [start + timedelta(days=14), start + timedelta(days=30)]
    assert Notification.objects.filter(recipient=user).exists()


def test_saving_an_existing_user_assigns_nothing_more(
    advisor_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = UserFactory(roles=[Role.ADVISOR], start_date=date.today())
    with django_capture_on_commit_callbacks(execute=True):
        user.first_name = "Åse"
        user.save()
    assert Assignment.objects.filter(user=user).count() == 2
    onboarding_assign(user=user)
    assert Assignment.objects.filter(user=user).count() == 2


def test_market_contacts_get_their_own_path(advisor_path):
    other = PathFactory(role=Role.MARKET_CONTACT)
    PathStepFactory(path=other)
    user = UserFactory(roles=[Role.MARKET_CONTACT], start_date=date.today())
    onboarding_assign(user=user)
    assert set(Assignment.objects.filter(user=user).values_list("path", flat=True)) == {other.pk}


def test_renewal_assigns_in_advance_and_expires_once():
    module = ModuleFactory(renewal_months=12)
    user = UserFactory()
    progress = module_complete(user=user, module=module)
    Progress.objects.filter(pk=progress.pk).update(expires_on=date(2026, 5, 1))
    renewals_run(today=date(2026, 3, 1))
    assert not Assignment.objects.filter(user=user).exists()
    renewals_run(today=date(2026, 4, 5))
    renewals_run(today=date(2026, 4, 6))
    renewal = Assignment.objects.get(user=user)
    assert (renewal.source, renewal.due_on) == (AssignmentSource.RENEWAL, date(2026, 5, 1))
    assert (
        Notification.objects.filter(recipient=user, dedup_key__startswith="renewal:").count() == 1
    )
    assert Progress.objects.get(pk=progress.pk).status == ProgressStatus.COMPLETED
    renewals_run(today=date(2026, 5, 1))
    assert Progress.objects.get(pk=progress.pk).status == ProgressStatus.EXPIRED
    assert Assignment.objects.filter(user=user).count() == 1
