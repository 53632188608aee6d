"""The signed-in person is loaded with office and region in one hand-written query; it must
give exactly what the ORM gives, and refuse whom the ORM backend refuses."""

from datetime import date

import pytest
from django.urls import reverse

from portal.backends import PortalModelBackend, load_user_with_office
from portal.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_field_office_and_region_are_as_the_orm_loads_them(django_assert_num_queries):
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
    for field in User._meta.concrete_fields:
        assert getattr(loaded, field.attname) == getattr(expected, field.attname), field.name
    assert (office_name, region_name) == (expected.office.name, expected.office.region.name)
    assert loaded.email_preferences == {"assignment_given": "daily"}
    assert not loaded._state.adding
    loaded.team = "Oppfølging"
    loaded.save(update_fields=["team"])
    assert User.objects.get(pk=made.pk).team == "Oppfølging"


def test_a_person_without_an_office_has_none():
    made = UserFactory(office=None)
    assert load_user_with_office(made.pk).office is None


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
