"""Who at NAV knows the employer best: the three with most contacts in the last year."""

from datetime import timedelta

import pytest
from django.utils import timezone

from employers.models import ContactEntry
from tests.employers.factories import ContactEntryFactory, EmployerFactory
from tests.factories import OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db


def _log(employer, author, count, *, days_ago=10, **extra):
    for _ in range(count):
        ContactEntryFactory(
            employer=employer,
            author=author,
            office=author.office,
            contacted_on=timezone.localdate() - timedelta(days=days_ago),
            **extra,
        )


def test_most_contacts_first_ties_by_first_name_and_only_the_last_year_counts():
    employer = EmployerFactory()
    office = OfficeFactory(name="NAV Arendal")
    kari, ola, per, siri = (
        UserFactory(office=office, first_name=name, last_name="Nordmann")
        for name in ("Kari", "Ola", "Per", "Siri")
    )
    _log(employer, ola, 4)
    _log(employer, siri, 2)
    _log(employer, kari, 2)
    _log(employer, per, 1)
    _log(employer, per, 5, days_ago=400)  # too old
    _log(employer, per, 5, deleted_at=timezone.now())  # deleted
    _log(EmployerFactory(), per, 5)  # another employer

    since = timezone.localdate() - timedelta(days=365)
    rows = ContactEntry.objects.knows_best(employer, since=since)

    assert [(r["author__first_name"], r["office__name"], r["contacts"]) for r in rows] == [
        ("Ola", "NAV Arendal", 4),
        ("Kari", "NAV Arendal", 2),
        ("Siri", "NAV Arendal", 2),
    ]


def test_nobody_when_nothing_is_logged():
    since = timezone.localdate() - timedelta(days=365)
    assert ContactEntry.objects.knows_best(EmployerFactory(), since=since) == []
