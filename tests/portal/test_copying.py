from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.copying import copy_instances
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
