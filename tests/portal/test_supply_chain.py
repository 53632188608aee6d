"""The lock files pin what pyproject.toml asks for, every package with its hashes."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;\\]+)")


def _pins(requirements: list[str]) -> dict[str, str]:
    pins = {}
    for line in requirements:
        match = PIN.match(line.strip())
        if match:
            pins[_normal(match[1])] = match[2]
    return pins


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock(name: str) -> tuple[dict[str, str], str]:
    text = (ROOT / "requirements" / name).read_text()
    return _pins(text.splitlines()), text


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_production_lock_pins_exactly_what_pyproject_asks_for():
    wanted = _pins(_project()["dependencies"])
    locked, _ = _lock("base.lock")
    assert {name: locked.get(name) for name in wanted} == wanted
    # No test or benchmark tool in the production image.
    assert "pytest" not in locked and "locust" not in locked


def test_development_lock_pins_every_group():
    project = _project()
    wanted = _pins(project["dependencies"])
    for group in project["optional-dependencies"].values():
        wanted |= _pins(group)
    locked, _ = _lock("dev.lock")
    assert {name: locked.get(name) for name in wanted} == wanted


def test_every_locked_package_carries_its_hashes():
    for name in ("base.lock", "dev.lock"):
        _, text = _lock(name)
        # pip-compile writes one requirement per block: the pin, then its --hash lines.
        blocks = re.split(r"\n(?=[A-Za-z0-9])", text.strip())
        pins = [b for b in blocks if PIN.match(b)]
        assert pins, name
        unhashed = [b.split()[0] for b in pins if "--hash=sha256:" not in b]
        assert unhashed == [], f"{name}: {unhashed}"
