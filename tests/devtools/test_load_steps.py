"""The load test's steps find the highest rate held to within LOAD_STEP_RESOLUTION.

Run in a child process: importing locust monkey-patches the standard library with gevent,
which must not happen inside the test suite's own process."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

# Only looked up, never imported here.
pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("locust") is None, reason="locust is not installed"
)

DRIVE_THE_STEPS = """
import json, sys
from devtools.bench import locustfile

locustfile.STEP_BUDGET = 10_000
capacity, main_rate = float(sys.argv[1]), float(sys.argv[2])

def summary(rate):
    held = rate <= capacity
    return {"target_rps": rate, "achieved_rps": rate, "errors": 0,
            "p95_ms": 50.0 if held else 900.0}

plan = locustfile.LoadPlan()
plan.stage = "main"
plan._next_after(summary(main_rate))
tried = []
while plan.stage == "step":
    tried.append(plan.step_rate)
    plan._next_after(summary(plan.step_rate))
print(json.dumps({"tried": tried, "results": plan.results,
                  "start": locustfile.STEP_START, "resolution": locustfile.STEP_RESOLUTION}))
"""


def run_steps(capacity: float, main_rate: float = 100) -> dict:
    """Drive the plan with a portal that holds every rate up to `capacity` and no more."""
    done = subprocess.run(
        [sys.executable, "-c", DRIVE_THE_STEPS, str(capacity), str(main_rate)],
        cwd=Path(__file__).resolve().parents[2],
        env={"PATH": "/usr/bin:/bin", "LOAD_STEP_START": "120", "LOAD_STEP_INCREMENT": "30"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def held_and_failed(run: dict) -> tuple[float, float]:
    steps = run["results"]["steps"]
    held = max(s["target_rps"] for s in steps if s["held"])
    failed = min(s["target_rps"] for s in steps if not s["held"])
    return held, failed


def test_when_the_steady_rate_fails_the_steps_go_down_then_narrow_the_gap():
    run = run_steps(capacity=63)
    assert run["tried"][:2] == [70, 40]
    held, failed = held_and_failed(run)
    assert 58 <= held <= 63 < failed <= held + run["resolution"]
    assert "holdt" in run["results"]["step_stop_reason"]


def test_when_the_steady_rate_holds_the_steps_climb_then_narrow_the_gap():
    run = run_steps(capacity=171)
    assert run["tried"][:3] == [120, 150, 180]
    held, failed = held_and_failed(run)
    assert 166 <= held <= 171 < failed
