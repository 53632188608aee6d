from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.copying import copy_instances, copy_rows
from portal.models import Notification, User
from tests.factories import OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_copied_rows_read_back_as_the_instances_were():
    office = OfficeFactory()
    people = [
        User(
            username=f"kopi{n}",
            first_name="Åse",
            office=office,
            roles=["veileder", "leder"],
            email_preferences={"assignment_given": "daily"},
            start_date=date(2020, 1, n + 1),
            language="nb",
        )
        for n in range(3)
    ]
    assert copy_instances(User, people) == 3
    stored = User.objects.filter(username__startswith="kopi").order_by("username")
    assert [(u.first_name, u.office_id, u.roles, u.email_preferences) for u in stored] == [
        ("Åse", office.pk, ["veileder", "leder"], {"assignment_given": "daily"})
    ] * 3
    assert [u.start_date.day for u in stored] == [1, 2, 3]
    new = UserFactory()  # the sequence moved on past the copied rows
    assert new.pk > max(u.pk for u in stored)


def test_nothing_is_written_when_a_row_is_refused():
    person = UserFactory()
    now = timezone.now()
    rows = [
        Notification(recipient=person, kind="x", title="A", dedup_key="same", created_at=now),
        Notification(recipient=person, kind="x", title="B", dedup_key="same", created_at=now),
    ]
    refused = pytest.raises(IntegrityError, match="notification_once_per_recipient")
    with refused, transaction.atomic():
        copy_instances(Notification, rows)
    assert not Notification.objects.exists()


def test_copied_rows_keep_every_character_and_value_as_given():
    """Binary COPY: no escaping of tabs, line breaks or backslashes to get wrong."""
    office = OfficeFactory()
    text = "Tab\there, a line\nbreak, back\\slash, \\N and «æøå»"
    joined = timezone.now().replace(microsecond=0)
    values = {
        "password": "!",
        "is_superuser": False,
        "username": "kopi",
        "first_name": text,
        "last_name": "",
        "email": "kopi@nav.example",
        "is_staff": False,
        "is_active": True,
        "date_joined": joined,
        "office": office.pk,
        "roles": ["veileder", "leder"],
        "editor_region": None,
        "team": "Team\t2",
        "start_date": date(2020, 2, 29),
        "journey_phase": "",
        "language": "nb",
        "email_preferences": {"assignment_given": "daily", "note": text},
    }
    assert copy_rows(User, list(values), [list(values.values())]) == 1
    stored = User.objects.get(username="kopi")
    assert {name: getattr(stored, User._meta.get_field(name).attname) for name in values} == values
