"""seed_scale at 1/2000 of NAV: every app builds, the bench fixtures exist, and it is safe."""

import io
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import override_settings

from devtools.scale.portal import BENCH_OFFICE, BENCH_OFFICE_STAFF, BENCH_USERS
from employers.models import Callback, ContactEntry, Employer
from learning.models import Assignment, Module, Progress
from marketinfo.models import Item, Summary
from portal.models import Office, Region, SearchEntry, User

pytestmark = pytest.mark.django_db
FACTOR = 0.0005


def _fingerprint() -> dict:
    """A digest of the rows, to compare two runs with the same seed. Ids are left out: rows
    inserted by INSERT … SELECT take theirs from a sequence, which a rollback does not reset,
    and in the order the plan of the moment produces them; so the rows are digested in the
    order of their contents, not of their ids."""
    tables = ["portal_user", "learning_progress", "marketinfo_item", "employers_contactentry"]
    digest = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                "SELECT count(*), md5(string_agg(row, '|' ORDER BY row)) "
                f"FROM (SELECT (to_jsonb(t) - 'id')::text AS row FROM {table} t) rows"
            )
            digest[table] = cursor.fetchone()
    return digest


def _build(seed: int) -> dict:
    """Run seed_scale and roll it back, returning what it wrote."""
    with transaction.atomic():
        call_command("seed_scale", factor=FACTOR, seed=seed, force=True, stdout=io.StringIO())
        digest = _fingerprint()
        transaction.set_rollback(True)
    return digest


@time_machine.travel(datetime(2026, 11, 25, 9, 30, tzinfo=UTC), tick=False)
def test_every_app_builds_a_small_national_data_set():
    call_command("seed_scale", factor=FACTOR, force=True, stdout=io.StringIO())

    assert Region.objects.count() == 12
    bench = Office.objects.get(name=BENCH_OFFICE)
    assert bench.staff.count() == BENCH_OFFICE_STAFF
    assert set(
        User.objects.filter(username__in=BENCH_USERS).values_list("username", flat=True)
    ) == set(BENCH_USERS)
    for model in (Module, Progress, Assignment, Summary, Item, Employer, ContactEntry, Callback):
        assert model.objects.exists(), model.__name__
    assert set(SearchEntry.objects.values_list("kind", flat=True).distinct()) >= {
        "module",
        "summaryitem",
        "employer",
    }
    # What the portal's own code would index, the set-based indexing indexed: every URL opens.
    for entry in SearchEntry.objects.order_by("kind").distinct("kind"):
        assert entry.url.startswith("/"), entry.kind


@time_machine.travel(datetime(2026, 11, 25, 9, 30, tzinfo=UTC), tick=False)
def test_every_page_make_bench_times_answers_on_a_small_data_set(client):
    """The bench finds its objects and every page, partial, download and search answers as
    the role that opens it: a page the bench cannot open is a page it does not measure."""
    from devtools.bench import fixtures, pages
    from devtools.bench.measure import measure

    call_command("seed_scale", factor=FACTOR, force=True, stdout=io.StringIO())
    found = fixtures.find()
    targets, missing = pages.page_targets(found)
    assert missing == []
    assert {t.group for t in targets} == {"page", "partial", "download"}
    targets += pages.search_targets(pages.search_queries(found), found)
    for target in targets:
        user = found.users[target.user]
        client.force_login(user)
        result = measure(client, user.pk, target, warmup=0, requests=1)
        assert (result.error, result.warnings) == ("", []), target.name


@time_machine.travel(datetime(2026, 11, 25, 9, 30, tzinfo=UTC), tick=False)
def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    first, again, other = _build(7), _build(7), _build(8)
    assert first == again
    assert first != other


def test_refuses_a_database_that_has_people_in_it():
    User.objects.create(username="someone")
    with pytest.raises(CommandError, match="already has users"):
        call_command("seed_scale", factor=FACTOR, force=True)


@override_settings(DEBUG=False)
def test_refuses_without_debug_or_force():
    with pytest.raises(CommandError, match="DEBUG or --force"):
        call_command("seed_scale", factor=FACTOR)
    assert not User.objects.exists()
