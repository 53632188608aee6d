"""A GET writes nothing: every GET row of the permission table, requested as each actor it
lets in, leaves every table as it was (PostgreSQL's per-transaction write counters, as in
tests/test_hostile_input.py). The writes a GET is meant to make are named below, with why."""

import logging
from collections import Counter

import pytest
from django.db import connection
from django.urls import reverse

from tests.permissions.matrix import ACTORS
from tests.permissions.table import ROWS

# The tables any GET may write, and why.
WRITTEN_BY_EVERY_GET = {
    # The session (and last_login): written at sign-in, here before the counters are read; a
    # page that changes the session (a message to show, say) saves it again.
    "django_session",
    # SPEC's usage report: one view counted per opening of a module, summary, guide or FAQ.
    "portal_usagecount",
}
# An export is answered for: the audit trail records who took which file.
EXPORTS = {
    "portal:report_export",
    "portal:figures_office_xlsx",
    "portal:figures_region_xlsx",
    "employers:export",
    "employers:log_export",
}

GET_ROWS = [row for row in ROWS if row.method == "get"]


def counters() -> Counter:
    """Rows inserted, updated and deleted so far in this test's transaction, per table."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables"
        )
        return Counter(
            {
                (table, kind): count
                for table, *counts in cursor.fetchall()
                for kind, count in zip(("insert", "update", "delete"), counts, strict=True)
                if count
            }
        )


def test_the_counters_see_a_write(world):
    before = counters()
    world.users["advisor"].save(update_fields=["first_name"])
    assert counters() - before == Counter({("portal_user", "update"): 1})


@pytest.mark.parametrize("row", GET_ROWS, ids=lambda row: row.id)
def test_a_get_writes_nothing(row, world, client, caplog):
    caplog.set_level(logging.CRITICAL, logger="django.request")
    url = reverse(row.name, args=row.args(world)) + (f"?{row.query}" if row.query else "")
    headers = {"HTTP_HX_REQUEST": "true"} if row.htmx else {}
    allowed = WRITTEN_BY_EVERY_GET | ({"portal_auditevent"} if row.name in EXPORTS else set())
    written = {}
    for actor in (a for a in ACTORS if row.expect[a] < 400):
        client.logout()
        if actor != "anonymous":
            client.force_login(world.users[actor])  # writes the session and last_login
        before = counters()
        client.get(url, **headers)
        writes = sorted(
            f"{kind} {table} ×{count}"
            for (table, kind), count in (counters() - before).items()
            if table not in allowed
        )
        if writes:
            written[actor] = writes
    assert not written, f"GET {url} wrote: {written}"
