import importlib
import logging
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.permissions
from tests.factories import OfficeFactory, RegionFactory, UserFactory
from tests.permissions.matrix import ACTOR_ROLES, ACTORS, World

# URL namespaces covered elsewhere: Django's admin checks staff status itself.
EXEMPT_NAMESPACES = {"admin"}


def _row_modules():
    for info in pkgutil.iter_modules(tests.permissions.__path__):
        if info.name.startswith("rows_"):
            yield importlib.import_module(f"tests.permissions.{info.name}")


MODULES = list(_row_modules())
ROWS = [row for module in MODULES for row in module.ROWS]


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


@pytest.fixture
def world(db):
    world = World()
    home = RegionFactory(name="Agder", slug="agder")
    away = RegionFactory(name="Troms", slug="troms")
    world.regions.update(home=home, other=away)
    world.offices["home"] = OfficeFactory(name="NAV Risør", slug="risor", region=home)
    world.offices["other"] = OfficeFactory(name="NAV Harstad", slug="harstad", region=away)
    for actor, roles in ACTOR_ROLES.items():
        for suffix, office_key in (("", "home"), ("_other", "other")):
            if actor == "admin" and suffix:
                continue
            world.users[actor + suffix] = UserFactory(
                username=actor + suffix,
                office=world.offices[office_key],
                roles=[str(r) for r in roles],
                editor_region=world.regions[office_key] if actor == "editor" else None,
                is_superuser=actor == "admin",
                is_staff=actor == "admin",
            )
    for module in MODULES:
        module.build(world)
    return world


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_status_for_every_actor(row, world, client, caplog):
    url = reverse(row.name, args=row.args(world)) + (f"?{row.query}" if row.query else "")
    headers = {"HTTP_HX_REQUEST": "true"} if row.htmx else {}
    got = {}
    caplog.set_level(logging.CRITICAL, logger="django.request")
    for actor in ACTORS:
        client.logout()
        if actor != "anonymous":
            client.force_login(world.users[actor])
        data = row.data(world) if row.data else {}
        response = getattr(client, row.method)(url, data, **headers)
        got[actor] = response.status_code
    wrong = {a: (got[a], row.expect[a]) for a in ACTORS if got[a] != row.expect[a]}
    assert not wrong, f"{url}: actor → (got, expected): {wrong}"
