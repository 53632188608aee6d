"""The permission table: which actor gets which status for each URL pattern.

Each app lists its rows in tests/permissions/rows_<app>.py: a list `ROWS` of `Row`, and a
`build(world)` that adds the app's objects to the world (Risør's and Harstad's). The test in
test_matrix.py requests every row as every actor, and fails when a URL pattern has no row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict

from portal.models import Role

# Actors: each role in NAV Risør (region Agder), and each from NAV Harstad (region Troms).
ACTORS = (
    "anonymous",
    "advisor",
    "manager",
    "market_contact",
    "editor",
    "admin",
    "advisor_other",
    "manager_other",
    "market_contact_other",
    "editor_other",
)
ACTOR_ROLES = {
    "advisor": [Role.ADVISOR],
    "manager": [Role.MANAGER],
    "market_contact": [Role.MARKET_CONTACT],
    "editor": [Role.EDITOR],
    "admin": [],
}
SIGNED_IN = tuple(a for a in ACTORS if a != "anonymous")
LOGIN = 302  # anonymous visitors are sent to the login page


@dataclass
class World:
    """The users and objects every row can point at."""

    users: dict[str, Any] = field(default_factory=dict)
    offices: dict[str, Any] = field(default_factory=dict)
    regions: dict[str, Any] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass
class Row:
    name: str
    expect: dict[str, int]
    args: Callable[[World], list] = lambda world: []
    method: str = "get"
    data: Callable[[World], dict] | None = None
    query: str = ""
    htmx: bool = False
    note: str = ""
    # The query parameters the URL's view reads (test_parameters.py sends hostile values for
    # them; test_matrix.py fails when a view reads one not declared here).
    params: tuple[str, ...] = ()
    # For machine endpoints: request headers (called per request) and a body type.
    headers: Callable[[World], dict] | None = None
    content_type: str | None = None

    @property
    def id(self) -> str:
        return f"{self.name}{' ' + self.note if self.note else ''} [{self.method}]"


def expect(default: int, anonymous: int = LOGIN, **overrides: int) -> dict[str, int]:
    """Expected status per actor: `default` for every signed-in actor unless overridden."""
    table = {actor: default for actor in SIGNED_IN}
    table["anonymous"] = anonymous
    for actor, status in overrides.items():
        assert actor in ACTORS, actor
        table[actor] = status
    return table


def only(allowed: int, actors: tuple[str, ...], refused: int = 403, anonymous: int = LOGIN):
    """`allowed` for the listed actors, `refused` for every other signed-in actor."""
    return expect(refused, anonymous=anonymous, **dict.fromkeys(actors, allowed))


class ReadingQueryDict(QueryDict):
    """request.GET that notes each parameter a view asks for, present or not."""

    read: set[str] = set()

    def __getitem__(self, key):
        ReadingQueryDict.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        ReadingQueryDict.read.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        ReadingQueryDict.read.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        ReadingQueryDict.read.add(key)
        return super().__contains__(key)
