import logging

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permissions.matrix import ACTORS, ReadingQueryDict
from tests.permissions.table import ROWS

# URL namespaces covered elsewhere: Django's admin checks staff status itself.
EXEMPT_NAMESPACES = {"admin"}


def _url_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace in EXEMPT_NAMESPACES:
                continue
            names |= _url_names(entry, inner)
        elif isinstance(entry, URLPattern):
            names.add(
                f"{namespace}{entry.name}"
                if entry.name
                else f"{namespace}<unnamed {entry.pattern}>"
            )
    return names


def test_every_url_pattern_has_a_row():
    missing = _url_names(get_resolver()) - {row.name for row in ROWS}
    assert not missing, f"URL patterns without a permission row: {sorted(missing)}"


def test_every_row_covers_every_actor():
    incomplete = [row.id for row in ROWS if set(row.expect) != set(ACTORS)]
    assert not incomplete, incomplete


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_status_for_every_actor(row, world, client, caplog, monkeypatch):
    monkeypatch.setattr("django.core.handlers.wsgi.QueryDict", ReadingQueryDict)
    monkeypatch.setattr(ReadingQueryDict, "read", set())
    url = reverse(row.name, args=row.args(world)) + (f"?{row.query}" if row.query else "")
    headers = {"HTTP_HX_REQUEST": "true"} if row.htmx else {}
    got = {}
    caplog.set_level(logging.CRITICAL, logger="django.request")
    for actor in ACTORS:
        client.logout()
        if actor != "anonymous":
            client.force_login(world.users[actor])
        data = row.data(world) if row.data else {}
        extra = row.headers(world) if row.headers else {}
        if row.content_type:
            extra["content_type"] = row.content_type
        response = getattr(client, row.method)(url, data, **headers, **extra)
        got[actor] = response.status_code
    wrong = {a: (got[a], row.expect[a]) for a in ACTORS if got[a] != row.expect[a]}
    assert not wrong, f"{url}: actor → (got, expected): {wrong}"
    undeclared = ReadingQueryDict.read - set(row.params)
    assert not undeclared, f"{url} reads query parameters its row does not declare: {undeclared}"
