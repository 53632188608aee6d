"""Dashboard panels contributed by the apps.

Each app may have `<app>/dashboard.py` with `panels(request) -> list[Panel]`. The portal's
dashboard view shows them in `order`. A panel that is slow to compute sets `lazy_url`: the page
renders a placeholder and htmx loads the panel after the page.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from django.http import HttpRequest

PANEL_MODULES = ["learning.dashboard", "marketinfo.dashboard", "employers.dashboard"]


@dataclass
class Panel:
    template: str
    title: str
    context: dict = field(default_factory=dict)
    order: int = 100
    lazy_url: str = ""


def collect_panels(request: HttpRequest) -> list[Panel]:
    panels: list[Panel] = []
    for module_name in PANEL_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as missing:
            if missing.name != module_name:
                raise
            continue
        panels.extend(module.panels(request))
    return sorted(panels, key=lambda panel: panel.order)
