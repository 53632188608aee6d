"""The signed-in person is loaded with office and region in one hand-written query (README:
about 2 ms per request less than the ORM); it must build exactly the objects the ORM builds and
refuse whom Django's backend refuses, so that a Django upgrade that changes them fails here."""

from datetime import date

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from portal.backends import PortalModelBackend, load_user_with_office
from portal.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _built(obj) -> tuple:
    """All an instance holds, as the ORM leaves it: attributes, and what its state caches."""
    state = {name: value for name, value in vars(obj._state).items() if name != "fields_cache"}
    attributes = {name: value for name, value in vars(obj).items() if name != "_state"}
    return attributes, state, sorted(obj._state.fields_cache), obj.get_deferred_fields()


def test_user_office_and_region_are_the_objects_the_orm_builds(django_assert_num_queries):
    made = UserFactory(
        roles=["veileder", "leder"],
        start_date=date(2019, 3, 4),
        team="Marked",
        email_preferences={"assignment_given": "daily"},
        language="en",
    )
    expected = User.objects.select_related("office__region").get(pk=made.pk)
    with django_assert_num_queries(1):
        loaded = PortalModelBackend().get_user(made.pk)
        office_name, region_name = loaded.office.name, loaded.office.region.name
    assert _built(loaded) == _built(expected)
    assert _built(loaded.office) == _built(expected.office)
    assert _built(loaded.office.region) == _built(expected.office.region)
    assert (office_name, region_name) == (expected.office.name, expected.office.region.name)
    assert loaded.email_preferences == {"assignment_given": "daily"}
    loaded.team = "Oppfølging"
    loaded.save(update_fields=["team"])
    assert User.objects.get(pk=made.pk).team == "Oppfølging"


def test_permissions_are_as_for_the_user_the_orm_loads():
    group = Group.objects.create(name="Redaksjon")
    group.permissions.add(Permission.objects.get(codename="view_office"))
    made = UserFactory()
    made.groups.add(group)
    made.user_permissions.add(Permission.objects.get(codename="change_region"))
    loaded = PortalModelBackend().get_user(made.pk)
    expected = ModelBackend().get_user(made.pk)
    assert loaded.get_all_permissions() == expected.get_all_permissions()
    assert loaded.get_all_permissions() == {"portal.view_office", "portal.change_region"}
    superuser = PortalModelBackend().get_user(UserFactory(is_superuser=True).pk)
    assert superuser.has_perm("portal.delete_office")


def test_a_person_without_an_office_has_none(django_assert_num_queries):
    made = UserFactory(office=None)
    with django_assert_num_queries(1):
        loaded = load_user_with_office(made.pk)
        assert loaded.office is None
    assert _built(loaded) == _built(User.objects.select_related("office__region").get(pk=made.pk))


def test_unknown_deactivated_and_malformed_ids_are_nobody():
    backend = PortalModelBackend()
    assert backend.get_user(10**9) is None
    assert backend.get_user("not-a-number") is None
    assert backend.get_user(UserFactory(is_active=False).pk) is None


def test_a_deactivated_person_is_signed_out_on_the_next_request(client):
    person = UserFactory()
    client.force_login(person)
    assert client.get(reverse("portal:glossary")).status_code == 200
    User.objects.filter(pk=person.pk).update(is_active=False)
    response = client.get(reverse("portal:glossary"))
    assert response.status_code == 302 and "/konto/logg-inn/" in response["Location"]
