"""Every row of the permission table, gathered from tests/permissions/rows_<app>.py, and the
world they are requested in: Risør's and Harstad's people and objects."""

import importlib
import pkgutil

import tests.permissions
from tests.factories import OfficeFactory, RegionFactory, UserFactory
from tests.permissions.matrix import ACTOR_ROLES, World


def _row_modules():
    for info in pkgutil.iter_modules(tests.permissions.__path__):
        if info.name.startswith("rows_"):
            yield importlib.import_module(f"tests.permissions.{info.name}")


MODULES = list(_row_modules())
ROWS = [row for module in MODULES for row in module.ROWS]


def build_world() -> World:
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
