"""The one registry: what each app declares in `<app>/<module>.py`, found by autodiscovery."""

from importlib import import_module

from celery.beat import Scheduler

from employers import beat as employers_beat
from learning import beat as learning_beat
from marketinfo import beat as marketinfo_beat
from portal import beat as portal_beat
from portal.celery import app as celery_app
from portal.registry import declared

APPS = ["portal", "employers", "marketinfo", "learning"]


def test_each_apps_declaration_is_found_in_installed_apps_order():
    seeders = [function.__module__ for function in declared("demo", "seed")]
    assert seeders == [f"{app}.demo" for app in APPS]
    # portal's dashboard has only panels loaded after the page; the apps have both kinds.
    panels = [function.__module__ for function in declared("dashboard", "panels")]
    assert panels == [f"{app}.dashboard" for app in APPS if app != "portal"]
    lazy = [len(declaration) > 0 for declaration in declared("dashboard", "LAZY_PANELS")]
    assert lazy == [True] * len(APPS)


def test_modules_that_do_not_declare_the_name_are_left_out():
    # Django's own `django.contrib.postgres.search` is found too, and declares no INDEXERS.
    indexed = [
        {model._meta.app_label for model in found} for found in declared("search", "INDEXERS")
    ]
    assert indexed == [{app} for app in APPS]
    assert [labels["bankrupt"] for labels in declared("search", "TAG_LABELS")] == ["Konkurs"]


def test_beat_runs_every_periodic_task_each_app_declares():
    celery_app.finalize()  # what `celery beat` does after django.setup(), before scheduling
    schedule = Scheduler(app=celery_app, lazy=False).schedule
    for beat in (portal_beat, employers_beat, marketinfo_beat, learning_beat):
        assert beat.SCHEDULE
        for name, entry in beat.SCHEDULE.items():
            assert schedule[name].task == entry["task"]
            module, _, task = entry["task"].rpartition(".")
            assert hasattr(import_module(module), task)
