"""An empty choice says what to choose, in words a person would write."""

import pytest
from django.urls import reverse

from portal.models import Role
from tests.employers.factories import EmployerFactory
from tests.factories import UserFactory
from tests.learning.factories import ModuleFactory, PathFactory

pytestmark = pytest.mark.django_db


def test_the_assign_form_asks_for_a_module_or_a_learning_path(client):
    ModuleFactory()
    PathFactory()
    client.force_login(UserFactory(roles=[Role.MANAGER]))
    page = client.get(reverse("learning:assign")).content.decode()
    assert '<option value="">Velg læringssti</option>' in page
    assert "Velg eller" not in page
    assert "Select an option" not in page and "---------" not in page


def test_the_contact_log_asks_for_the_colleague_who_follows_up(client):
    employer = EmployerFactory()
    client.force_login(UserFactory())
    page = client.get(
        reverse("employers:entry_create", args=[employer.organisation_number])
    ).content.decode()
    assert "Velg kollega som følger opp" in page
    assert "Velg oppfølging ved" not in page
    assert "Oppfølgingsdato" in page and "Følg opp den" not in page
    assert "Select an option" not in page and "---------" not in page


def test_a_module_editor_reads_how_often_it_is_renewed(client):
    editor = UserFactory(roles=[Role.EDITOR])
    client.force_login(editor)
    page = client.get(reverse("learning:module_create")).content.decode()
    assert "Fornyes etter (antall måneder)" in page
    assert "Fornyes hver (måned)" not in page
