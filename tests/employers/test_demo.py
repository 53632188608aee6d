"""The demo data: idempotent, and it shows the duplicate warning the browser test relies on."""

import pytest

import employers.demo
from employers.models import Callback, ContactEntry, DuplicateWarning, Employer, PlannedContact
from employers.queries import duplicate_matches
from portal import demo
from portal.validators import is_valid_organisation_number

pytestmark = pytest.mark.django_db


def test_the_demo_is_idempotent_and_realistic():
    for _ in range(2):
        context = demo.seed()
        employers.demo.seed(context)
    models = (Employer, ContactEntry, PlannedContact, Callback, DuplicateWarning)
    counts = [m.objects.count() for m in models]
    assert counts == [11, 9, 3, 12, 4]
    numbers = list(Employer.objects.values_list("organisation_number", flat=True))
    assert all(is_valid_organisation_number(number) for number in numbers)
    # The register's numbers start with 8 or 9: these can be no real unit's (974760673 is
    # the register's own).
    assert not [number for number in numbers if number[0] in "89"]
    main = context.objects["employers"]["fisk"]
    assert main.sub_units.count() == 3
    matches = duplicate_matches(context.objects["employers"]["fisk_risor"])
    assert any(
        m.sentence == "Ingrid Solberg (NAV Risør) ringte om rekruttering for 3 dager siden"
        for m in matches
    )
    assert Callback.objects.filter(office__name="NAV Risør").exclude(status="done").count() == 4
    # One contact form from Tvedestrand, which no demo office covers, waits in Agder's queue.
    agder = context.regions["Agder"]
    assert [c.municipality for c in Callback.objects.waiting_in_region(agder.pk)] == ["Tvedestrand"]
