"""A number meets a noun in the right form: «1 oppgave opprettet», «2 oppgaver opprettet»."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import Role
from tests.factories import UserFactory
from tests.learning.factories import ModuleFactory, PathFactory, PathStepFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("people", "message"), [(1, "1 oppgave opprettet."), (2, "2 oppgaver opprettet.")]
)
def test_assigning_says_how_many_in_the_right_form(client, people, message):
    manager = UserFactory(roles=[Role.MANAGER])
    for _ in range(people - 1):
        UserFactory(office=manager.office)
    module = ModuleFactory()
    client.force_login(manager)
    response = client.post(
        reverse("learning:assign"),
        {
            "module": module.pk,
            "target": "office",
            "due_on": (timezone.localdate() + timedelta(days=7)).isoformat(),
            "reserved_minutes": 30,
        },
        follow=True,
    )
    assert message in response.content.decode()


@pytest.mark.parametrize(
    ("modules", "text"), [(1, "0 av 1 modul fullført"), (3, "0 av 3 moduler fullført")]
)
def test_a_path_counts_its_modules_in_the_right_form(client, modules, text):
    path = PathFactory()
    for _ in range(modules):
        PathStepFactory(path=path)
    client.force_login(UserFactory())
    assert text in client.get(reverse("learning:path", args=[path.slug])).content.decode()
