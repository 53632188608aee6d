import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from employers.models import Employer
from learning.models import Module
from marketinfo.models import Summary
from portal.models import Office, User

pytestmark = pytest.mark.django_db

REPORT_OFFICES = {
    "NAV St. Hanshaugen": "Oslo",
    "NAV Gjerstad": "Agder",
    "NAV Risør": "Agder",
    "NAV Haugesund": "Rogaland",
    "NAV Karmøy": "Rogaland",
    "NAV Narvik": "Nordland",
    "NAV Harstad": "Troms",
}


def test_seed_demo_refuses_without_debug():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.exists()


@override_settings(DEBUG=True)
def test_seed_demo_creates_the_contracts_users_and_is_idempotent():
    call_command("seed_demo")
    counts = (User.objects.count(), Office.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Office.objects.count()) == counts

    offices = dict(Office.objects.values_list("name", "region__name"))
    assert REPORT_OFFICES.items() <= offices.items()
    homes = dict(User.objects.values_list("username", "office__name"))
    for username in ("veileder", "leder", "markedskontakt", "redaktor", "admin"):
        assert homes[username] == "NAV Risør"
        assert User.objects.get(username=username).check_password("demo")
    assert homes["veileder2"] == homes["leder2"] == "NAV Harstad"
    assert User.objects.get(username="admin").is_superuser
    # Each app's own demo seeder ran, after the portal's offices and users.
    assert Employer.objects.exists() and Summary.objects.exists() and Module.objects.exists()
