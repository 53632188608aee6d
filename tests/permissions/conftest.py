"""The world every permission row is requested in: Risør's and Harstad's people and objects."""

import pytest

from tests.permissions.table import build_world


def pytest_terminal_summary(terminalreporter):
    from tests.permissions import test_parameters

    if test_parameters.SENT["requests"]:
        terminalreporter.write_line(
            f"parameter fuzz: {test_parameters.SENT['requests']} requests sent"
        )


@pytest.fixture
def world(db):
    return build_world()
