"""The bokmål catalogues are complete: no empty or fuzzy translation anywhere."""

import importlib
import inspect
import pkgutil
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(
    p for p in ROOT.glob("**/locale/nb/LC_MESSAGES/django.po") if ".venv" not in p.parts
)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))
    missing = [e.msgid for e in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]
    assert not missing, f"{len(missing)} untranslated: {missing[:10]}"


def test_there_is_a_catalogue_per_app():
    assert {p.relative_to(ROOT).parts[0] for p in CATALOGUES} >= {
        "locale",
        "employers",
        "learning",
        "marketinfo",
    }


# Words that are the same in English and bokmål.
SAME_IN_BOTH = {"Status", "Region", "Person", "Team", "Form", "Tema", "Start", "For"}


def _form_classes():
    from django import forms

    for app in ("portal", "learning", "marketinfo", "employers"):
        package = importlib.import_module(app)
        for module_info in pkgutil.iter_modules(package.__path__):
            if not module_info.name.startswith("forms"):
                continue
            module = importlib.import_module(f"{app}.{module_info.name}")
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                    yield cls


def test_every_form_label_is_translated():
    """A label Django makes from a field name or an untranslated verbose_name («Area»,
    «Office», «Module») stays English on a bokmål page."""
    english = []
    for cls in _form_classes():
        for name, field in getattr(cls, "base_fields", {}).items():
            if field.widget.is_hidden or field.label is None:
                continue
            with translation.override("en"):
                source = str(field.label)
            with translation.override("nb"):
                shown = str(field.label)
            if source == shown and source not in SAME_IN_BOTH:
                english.append(f"{cls.__module__}.{cls.__name__}.{name}: {source!r}")
    assert not english


def test_a_slug_field_says_what_it_is_for():
    from learning.forms import ModuleForm

    with translation.override("nb"):
        assert str(ModuleForm.base_fields["slug"].label) == "Nettadresse"
