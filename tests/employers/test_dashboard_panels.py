"""The employer panels on the dashboard load after the page and show only the person's own."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import Role
from tests.employers.factories import ContactEntryFactory, EmployerFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_dashboard_loads_follow_ups_after_the_page(client):
    advisor = UserFactory(roles=[Role.ADVISOR])
    client.force_login(advisor)
    assert f'hx-get="{reverse("employers:panel_follow_ups")}"' in client.get("/").text


def test_follow_ups_panel_lists_this_weeks_follow_ups_of_the_person(client):
    advisor = UserFactory(roles=[Role.ADVISOR])
    soon = timezone.localdate() + timedelta(days=2)
    ContactEntryFactory(
        employer=EmployerFactory(name="Risør Trebåt AS"),
        follow_up_assignee=advisor,
        follow_up_on=soon,
    )
    ContactEntryFactory(
        employer=EmployerFactory(name="Annen Kollega AS"),
        follow_up_assignee=UserFactory(),
        follow_up_on=soon,
    )
    client.force_login(advisor)
    panel = client.get(reverse("employers:panel_follow_ups"), HTTP_HX_REQUEST="true").text
    assert "Risør Trebåt AS" in panel
    assert "Annen Kollega AS" not in panel
