"""Whatever a query parameter or a path id holds, the answer is never a server error.

Each row of the permission table declares the query parameters its view reads (test_matrix.py
fails when a view reads one it does not declare). Here every GET row that reads any gets
generated values for them, from a signed-in user of a role that may open the page: text with
control characters, huge and negative numbers, unicode, empty values, repeated parameters.
Rows with ids in the path get ids beyond any row and beyond bigint. GET never writes, so the
examples cannot disturb one another.
"""

import logging
import os
import re

import pytest
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.models import Role
from tests.factories import UserFactory
from tests.permissions.matrix import SIGNED_IN, Row
from tests.permissions.table import ROWS, build_world

pytestmark = pytest.mark.django_db

BEYOND_BIGINT = "99999999999999999999"
# What scripts send where a page expects a number, a slug, a date or a choice.
EDGE_CASES = [
    "",
    " ",
    "0",
    "-1",
    "-99999999999999999999",
    BEYOND_BIGINT,
    "9" * 5000,  # longer than Python turns into an int
    "1e309",
    "NaN",
    "%00",
    "\r\n",
    "\u202e",
    "٣",
    "²",
    "😀",
    "2026-02-30",
    "2026-01-01_-1",
    "../../etc/passwd",
    "' OR 1=1 --",
    "<script>",
]
CONTROL_CASES = ["\x00", "a\x00b", "\x1b[31m", "\x7f", "\x08"]
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
VALUE = st.one_of(
    st.sampled_from(EDGE_CASES),
    st.text(st.characters(exclude_categories=["Cc", "Cs"]), max_size=30),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
WITH_CONTROL = st.one_of(
    st.sampled_from(CONTROL_CASES),
    st.builds(
        lambda before, control, after: before + control + after,
        st.text(max_size=10),
        st.characters(categories=["Cc"]),
        st.text(max_size=10),
    ),
)
# A parameter is absent, given once, or given several times.
PARAMETER = st.one_of(st.none(), VALUE, st.lists(VALUE, min_size=2, max_size=3))

FUZZED = [row for row in ROWS if row.method == "get" and row.params]
# Rows whose URL holds an id (a number in the path), fuzzed with ids that do not exist.
WITH_IDS = [
    row
    for row in ROWS
    if row.method == "get"
    and row.args is not Row.__dataclass_fields__["args"].default
    and row.name not in {"marketinfo:atom_feed", "marketinfo:calendar", "marketinfo:board_kiosk"}
]

SENT = {"requests": 0}  # reported at the end of the run (conftest.py)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One world for the module, rolled back at its end; each test runs in a savepoint."""
    from learning.models import CompetenceArea, Phase
    from learning.structure import ensure

    with django_db_blocker.unblock(), transaction.atomic():
        # What data migrations create is gone after a transactional test flushed the database
        # (the root conftest puts it back per test, which is too late for a module's world).
        if not CompetenceArea.objects.exists():
            ensure(CompetenceArea, Phase)
        yield build_world()
        transaction.set_rollback(True)


def _actor(row) -> str:
    """A signed-in actor the row lets in (the anonymous one for pages without a session)."""
    allowed = [a for a in SIGNED_IN if row.expect[a] < 400]
    if allowed:
        return allowed[0]
    assert row.expect["anonymous"] < 400, f"{row.id}: nobody may open it"
    return "anonymous"


def _open(client, row, world, url, data=None):
    headers = {"HTTP_HX_REQUEST": "true"} if row.htmx else {}
    SENT["requests"] += 1
    return client.get(url, data or {}, **headers)


def _sign_in(client, row, world):
    actor = _actor(row)
    if actor != "anonymous":
        client.force_login(world.users[actor])


@pytest.mark.parametrize("row", FUZZED, ids=lambda row: row.id)
def test_no_query_parameter_gives_a_server_error(row, world, client, caplog):
    caplog.set_level(logging.CRITICAL, logger="django.request")
    _sign_in(client, row, world)
    url = reverse(row.name, args=row.args(world))

    def attempt(data: dict) -> None:
        response = _open(client, row, world, url, data)
        assert response.status_code < 500, data
        if any(CONTROL.search(v) for value in data.values() for v in _listed(value)):
            assert response.status_code == 400, data

    # Every parameter gets every edge case once, each request a different mix. Control
    # characters are refused for the whole request, so they come apart from the rest.
    for i in range(len(EDGE_CASES)):
        attempt({name: EDGE_CASES[(i + j) % len(EDGE_CASES)] for j, name in enumerate(row.params)})

    @settings(
        max_examples=10,
        # The same examples on every run, as in test_hostile_input.py; HYPOTHESIS_RANDOM=1
        # explores new ones.
        derandomize=not os.environ.get("HYPOTHESIS_RANDOM"),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        st.fixed_dictionaries({name: PARAMETER for name in row.params}),
        # One parameter in four examples carries a control character.
        st.sampled_from([None, None, None, *row.params]),
        WITH_CONTROL,
    )
    def generated(values, controlled, control):
        data = {name: value for name, value in values.items() if value is not None}
        if controlled is not None:
            data[controlled] = control
        attempt(data)

    generated()


def _listed(value) -> list[str]:
    return value if isinstance(value, list) else [value]


def _with_arg(row, world, index: int, value):
    args = list(row.args(world))
    args[index] = value
    try:
        return reverse(row.name, args=args)
    except NoReverseMatch:  # the pattern does not take it (a slug with a NUL, say)
        return None


@pytest.mark.parametrize("row", WITH_IDS, ids=lambda row: row.id)
def test_ids_and_slugs_that_do_not_exist_are_not_found(row, world, client, caplog):
    caplog.set_level(logging.CRITICAL, logger="django.request")
    args = row.args(world)
    _sign_in(client, row, world)
    for index, arg in enumerate(args):
        hostile = [BEYOND_BIGINT, "0"] if isinstance(arg, int) else ["a\x00b", "\u202e"]
        for value in hostile:
            url = _with_arg(row, world, index, value)
            if url is None:
                continue
            status = _open(client, row, world, url).status_code
            if "\x00" in value:
                expected = {400}
            elif isinstance(arg, int):
                expected = {404}
            else:  # a slug that is no slug: not found, or sent on to what it might mean
                expected = {404, 302}
            assert status in expected, f"{url}: {status}"


@pytest.mark.parametrize(
    "url, status",
    [
        ("/laering/?q=%00", 400),
        ("/sok/?q=a%00b", 400),
        ("/arbeidsgivere/%00/", 400),
        ("/laering/%01/", 400),
        ("/laering/?page=99999999999999999999", 200),
        ("/laering/god-praksis/?page=99999999999999999999", 200),
        ("/sok/?q=tiltak&page=99999999999999999999", 200),
        ("/arbeidsgivere/tilbakeringing/?side=99999999999999999999", 200),
    ],
)
def test_the_requests_that_gave_server_errors(client, url, status):
    client.force_login(UserFactory(roles=[Role.MARKET_CONTACT.value]))
    assert client.get(url).status_code == status


def test_control_characters_in_a_form_are_refused_and_nothing_is_saved(client):
    person = UserFactory(language="nb")
    client.force_login(person)
    response = client.post(reverse("portal:account_settings"), {"language": "en\x00"})
    assert response.status_code == 400
    assert "kontrolltegn" in response.text
    person.refresh_from_db()
    assert person.language == "nb"


def test_line_breaks_and_tabs_in_a_form_are_ordinary_text(client):
    client.force_login(UserFactory())
    response = client.post(reverse("portal:account_settings"), {"language": "nb\r\n\t"})
    assert response.status_code != 400
