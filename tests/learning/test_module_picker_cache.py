"""The assign form's module and path pickers are cached for everyone (learning.forms), and
publishing, unpublishing or changing a module or path shows in them at once."""

import pytest
from django.urls import reverse

from learning.models import Status
from learning.services.content import module_publish, module_save, path_save
from portal.models import Role
from tests.factories import OfficeFactory, UserFactory
from tests.learning.factories import ModuleFactory, PathFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assign_form(client):
    client.force_login(UserFactory(office=OfficeFactory(), roles=[Role.MANAGER]))
    return lambda: client.get(reverse("learning:assign")).text


def test_publishing_unpublishing_and_changing_show_in_the_pickers_at_once(assign_form):
    editor = UserFactory()
    draft = ModuleFactory(title="Sikkerhet i praksis", status=Status.DRAFT)
    path = PathFactory(title="Ny som veileder", status=Status.DRAFT)
    assert "Sikkerhet i praksis" not in assign_form()  # the options are now in the cache

    module_publish(module=draft, by=editor)
    assert "Sikkerhet i praksis" in assign_form()

    draft.title = "Sikkerhet i hverdagen"
    module_save(module=draft, by=editor, change_note="Ny tittel")
    page = assign_form()
    assert "Sikkerhet i hverdagen" in page and "Sikkerhet i praksis" not in page

    draft.status = Status.ARCHIVED
    module_save(module=draft, by=editor, changed=False)
    assert "Sikkerhet i hverdagen" not in assign_form()

    path.status = Status.PUBLISHED
    path_save(path=path)
    assert "Ny som veileder" in assign_form()
