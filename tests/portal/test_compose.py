"""No Docker engine runs here: check the compose file by reading it."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def test_the_stack_has_its_services():
    assert set(SERVICES) == {"postgres", "redis", "migrate", "web", "worker", "beat"}
    assert SERVICES["postgres"]["image"].startswith("postgres:15")
    assert SERVICES["redis"]["image"].startswith("redis:")
    for name in ("migrate", "web", "worker", "beat"):
        assert SERVICES[name]["image"] == "kompetanseportalen:latest"


def test_long_running_services_have_health_checks():
    for name in ("postgres", "redis", "web", "worker", "beat"):
        assert SERVICES[name]["healthcheck"]["test"], name
    assert "/internal/isready" in " ".join(SERVICES["web"]["healthcheck"]["test"])


def test_web_and_workers_wait_for_the_migration():
    for name in ("web", "worker", "beat"):
        assert SERVICES[name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        )
    assert SERVICES["migrate"]["command"][-2:] == ["migrate", "--no-input"]


def test_no_secret_is_written_into_the_file():
    for name, service in SERVICES.items():
        for key, value in (service.get("environment") or {}).items():
            if re.search(r"SECRET|PASSWORD|DATABASE_URL", key):
                assert "${" in str(value), f"{name}.{key} is hard-coded"


def test_the_web_port_is_bound_to_loopback_only():
    assert SERVICES["web"]["ports"] == ["127.0.0.1:8000:8000"]
