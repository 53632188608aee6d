"""How the portal finds what each app contributes: one way for every registry.

An app contributes by having a module of the registry's name that declares a name:
`<app>/dashboard.py` `panels` and `LAZY_PANELS`, `<app>/beat.py` `SCHEDULE`, `<app>/demo.py` `seed`,
`<app>/search.py` `INDEXERS`, `<app>/timeline.py` `TIMELINE_SOURCES`, `<app>/onboarding.py`
`ON_START`, `<app>/figures.py` `FIGURES` (portal/figures_refresh.py). They are found with
Django's `autodiscover_modules`, the way the admin finds each app's `admin.py`.
"""

import sys
from functools import cache

from django.apps import apps
from django.utils.module_loading import autodiscover_modules


@cache
def declared(module: str, name: str) -> tuple:
    """What each installed app's `<app>.<module>` declares as `name`, in INSTALLED_APPS order.

    Apps without the module, or whose module does not declare `name` (Django's own
    `django.contrib.postgres.search`), are left out. Cached: the installed apps do not change.
    """
    autodiscover_modules(module)
    modules = (sys.modules.get(f"{config.name}.{module}") for config in apps.get_app_configs())
    return tuple(getattr(found, name) for found in modules if hasattr(found, name))
