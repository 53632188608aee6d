"""Onboarding on start, renewal of completions."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from learning.models import Assignment, AssignmentSource, Progress, ProgressStatus
from learning.services.onboarding import onboarding_assign
from learning.services.progress import module_complete
from learning.services.renewals import renewals_run
from portal.models import Notification, Role, User
from portal.services import user_started
from tests.factories import OfficeFactory, UserFactory
from tests.learning.factories import ModuleFactory, PathFactory, PathStepFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisor_path():
    path = PathFactory(role=Role.ADVISOR)
    PathStepFactory(path=path, order=0, due_after_days=14)
    PathStepFactory(path=path, order=1, due_after_days=30)
    return path


def _admin_change(client, person, **changes):
    """Post the person's admin page as it is, with `changes`."""
    url = reverse("admin:portal_user_change", args=[person.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    for name in ("password", "groups", "user_permissions", "last_login", "date_joined"):
        data.pop(name, None)
    data |= {
        "username": person.username,
        "roles": ",".join(person.roles),
        "language": "nb",
        "date_joined_0": "01.01.2026",
        "date_joined_1": "08:00:00",
        "email_preferences": "{}",
        **changes,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def onboarding_dues(user) -> list[date]:
    return sorted(
        Assignment.objects.filter(user=user, source=AssignmentSource.ONBOARDING).values_list(
            "due_on", flat=True
        )
    )


def test_a_person_added_in_admin_gets_the_ny_i_nav_path_due_from_the_start_date(
    client, advisor_path, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:portal_user_add"),
            {
                "username": "ny.veileder",
                "password1": "Et-langt-passord-1",
                "password2": "Et-langt-passord-1",
            },
        )
    assert response.status_code == 302
    person = User.objects.get(username="ny.veileder")
    assert onboarding_dues(person) == []  # no role yet: no path
    start = date.today() + timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        _admin_change(
            client,
            person,
            roles=Role.ADVISOR,
            office=OfficeFactory().pk,
            start_date=start.strftime("%d.%m.%Y"),
        )
    assert onboarding_dues(person) == [start + timedelta(days=14), start + timedelta(days=30)]
    assert Notification.objects.filter(recipient=person).exists()


def test_an_admin_change_that_leaves_the_start_date_assigns_nothing(
    client, advisor_path, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    person = UserFactory(roles=[Role.ADVISOR], start_date=date.today())
    with django_capture_on_commit_callbacks(execute=True):
        _admin_change(client, person, first_name="Åse", office=person.office_id)
    assert onboarding_dues(person) == []


def test_a_user_created_in_code_gets_nothing_and_onboarding_runs_once(
    advisor_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = UserFactory(roles=[Role.ADVISOR], start_date=date.today())
    assert not Assignment.objects.filter(user=user).exists()
    with django_capture_on_commit_callbacks(execute=True):
        user_started(user=user)
        user_started(user=user)
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
