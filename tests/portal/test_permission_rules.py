"""Each permission rule, for each role, in and outside its scope."""

import pytest
from django.contrib.auth.models import AnonymousUser

from portal import permissions
from portal.models import Role
from tests.factories import OfficeFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offices():
    agder, troms = RegionFactory(name="Agder"), RegionFactory(name="Troms")
    return {
        "risor": OfficeFactory(name="NAV Risør", region=agder),
        "gjerstad": OfficeFactory(name="NAV Gjerstad", region=agder),
        "harstad": OfficeFactory(name="NAV Harstad", region=troms),
    }


def person(office, *roles, **extra):
    return UserFactory(office=office, roles=[str(r) for r in roles], **extra)


def test_only_the_offices_own_managers_manage_it(offices):
    risor, harstad = offices["risor"], offices["harstad"]
    assert permissions.can_manage_office(person(risor, Role.MANAGER), risor)
    assert not permissions.can_manage_office(person(harstad, Role.MANAGER), risor)
    assert not permissions.can_manage_office(person(risor, Role.ADVISOR), risor)
    assert permissions.can_manage_office(person(harstad, is_superuser=True), risor)
    assert not permissions.can_manage_office(person(risor, Role.MANAGER, is_active=False), risor)
    assert not permissions.can_manage_office(AnonymousUser(), risor)


def test_a_persons_progress_is_theirs_and_their_managers(offices):
    advisor = person(offices["risor"], Role.ADVISOR)
    assert permissions.can_see_person(advisor, advisor)
    assert permissions.can_see_person(person(offices["risor"], Role.MANAGER), advisor)
    assert not permissions.can_see_person(person(offices["risor"], Role.ADVISOR), advisor)
    assert not permissions.can_see_person(person(offices["harstad"], Role.MANAGER), advisor)


def test_market_contacts_publish_for_their_office_and_region(offices):
    contact = person(offices["risor"], Role.MARKET_CONTACT)
    agder = offices["risor"].region
    assert permissions.can_publish_for_office(contact, offices["risor"])
    assert not permissions.can_publish_for_office(contact, offices["gjerstad"])
    assert permissions.can_publish_for_region(contact, agder)
    assert not permissions.can_publish_for_region(contact, offices["harstad"].region)
    assert not permissions.can_publish_for_office(person(offices["risor"]), offices["risor"])


def test_callbacks_belong_to_market_contacts_and_managers_of_the_office(offices):
    risor = offices["risor"]
    assert permissions.can_work_callbacks(person(risor, Role.MARKET_CONTACT), risor)
    assert permissions.can_work_callbacks(person(risor, Role.MANAGER), risor)
    assert not permissions.can_work_callbacks(person(risor, Role.ADVISOR), risor)
    assert not permissions.can_work_callbacks(
        person(offices["harstad"], Role.MARKET_CONTACT), risor
    )


def test_editors_edit_their_region_and_national_editors_everything(offices):
    agder, troms = offices["risor"].region, offices["harstad"].region
    regional = person(offices["risor"], Role.EDITOR, editor_region=agder)
    national = person(offices["risor"], Role.EDITOR)
    assert permissions.can_edit_content(regional, agder)
    assert not permissions.can_edit_content(regional, troms)
    assert not permissions.can_edit_content(regional, None)  # national content
    assert permissions.can_edit_content(national, troms)
    assert permissions.can_edit_content(national, None)
    assert not permissions.can_edit_content(person(offices["risor"], Role.MANAGER), agder)


def test_reports_are_for_editors_and_administrators(offices):
    assert permissions.can_see_reports(person(offices["risor"], Role.EDITOR))
    assert permissions.can_see_reports(person(offices["risor"], is_superuser=True))
    assert not permissions.can_see_reports(person(offices["risor"], Role.MANAGER))


def test_moderation_by_the_offices_managers_and_editors(offices):
    risor = offices["risor"]
    assert permissions.can_moderate_office(person(risor, Role.MANAGER), risor)
    assert permissions.can_moderate_office(person(offices["harstad"], Role.EDITOR), risor)
    assert not permissions.can_moderate_office(person(offices["harstad"], Role.MANAGER), risor)
    assert not permissions.can_moderate_office(person(risor, Role.ADVISOR), risor)
