"""Every free-text field of every form refuses an identity number written as people write it.

The forms are discovered, not listed: a new form (or a new field) is walked as soon as it
exists, and one that lets `151086-95088` through fails here."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms

from marketinfo.models import ItemKind
from portal.models import Role
from tests.employers.factories import CallbackFactory, EmployerFactory
from tests.factories import UserFactory

APPS = ("portal", "learning", "marketinfo", "employers")
WRITTEN = "151086-95088"


def _every_form_class() -> list[type[forms.BaseForm]]:
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" not in module.name and ".settings" not in module.name:
                importlib.import_module(module.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    found = {cls for cls in subclasses(forms.BaseForm) if cls.__module__.split(".")[0] in APPS}
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


# The employers' own contact form (the inbound API) redacts an identity number instead of
# refusing it, so that an employer's request is not lost: tests/employers/test_contact_form_api.py.
REDACTED_NOT_REFUSED = {"ContactFormPayload"}
FORM_CLASSES = [cls for cls in _every_form_class() if cls.__name__ not in REDACTED_NOT_REFUSED]


def _value_for(field: forms.Field) -> str:
    """A value that the field itself accepts, with the number in it."""
    if isinstance(field, forms.URLField):
        return f"https://example.no/kandidat/{WRITTEN}"
    if isinstance(field, forms.EmailField):
        return f"kandidat.{WRITTEN}@example.no"
    if isinstance(field, forms.SlugField):
        return f"kandidat-{WRITTEN}"
    return f"Kandidat {WRITTEN} trenger tilrettelegging"


def _free_text_fields(form: forms.BaseForm) -> dict[str, forms.Field]:
    return {
        name: field
        for name, field in form.fields.items()
        if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput)
    }


@pytest.fixture
def arguments(db):
    """What the forms' constructors ask for, by the name of the keyword."""
    from learning.models import CompetenceArea, Module
    from tests.learning.factories import ModuleFactory

    user = UserFactory(
        roles=[Role.MANAGER.value, Role.MARKET_CONTACT.value, Role.EDITOR.value],
        is_superuser=True,
    )
    employer = EmployerFactory()
    ModuleFactory()
    return {
        "user": user,
        "office": user.office,
        "employer": employer,
        "callback": CallbackFactory(employer=employer, office=user.office),
        "areas": CompetenceArea.objects.all(),
        "initial_levels": {},
        "modules": Module.objects.all(),
        "item": ModuleFactory(),  # the review queue's OwnerForm: any content with an owner
    }


def _constructions(form_class, arguments):
    """One set of keyword arguments per way the form is built (ItemForm: one per kind)."""
    wanted = [
        name
        for name, parameter in inspect.signature(form_class.__init__).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
        and parameter.default is inspect.Parameter.empty
    ]
    if "kind" in wanted:
        wanted.remove("kind")
        kinds = [{"kind": kind} for kind in ItemKind.values]
    else:
        kinds = [{}]
    missing = [name for name in wanted if name not in arguments]
    assert not missing, f"{form_class.__name__} wants {missing}: add them to the fixture"
    return [{**{name: arguments[name] for name in wanted}, **kind} for kind in kinds]


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda cls: cls.__qualname__)
def test_no_free_text_field_lets_an_identity_number_through(form_class, arguments):
    for kwargs in _constructions(form_class, arguments):
        fields = _free_text_fields(form_class(**kwargs))
        data = {name: _value_for(field) for name, field in fields.items()}
        form = form_class(data=data, files={}, **kwargs)
        assert not form.is_valid() or not fields
        errors = form.errors.as_data()
        for name, field in fields.items():
            assert name in errors, f"{form_class.__name__}.{name} let {WRITTEN} through"
            try:
                field.clean(data[name])
            except forms.ValidationError:
                continue  # the field refuses the text by itself (length, format)
            codes = {error.code for error in errors[name]}
            assert "identity_number" in codes, (form_class.__name__, name, errors[name])


def test_the_walk_finds_the_forms_people_type_in():
    names = {cls.__name__ for cls in FORM_CLASSES}
    assert {"ContactEntryForm", "ContactPersonForm", "ItemForm", "ShareForm"} <= names
    assert len(FORM_CLASSES) >= 35


def test_the_message_stands_beside_the_field_in_norwegian(arguments):
    from employers.forms import ContactPersonForm

    form = ContactPersonForm(data={"name": "Kari", "role": f"kandidat {WRITTEN}"})
    assert not form.is_valid()
    assert "fødselsnummer" in form.errors["role"][0]
    assert form["role"].field.widget.attrs.get("aria-invalid") == "true"


def test_the_portal_search_never_searches_for_shows_or_logs_an_identity_number(
    client, db, monkeypatch, caplog
):
    from portal import search as portal_search

    searched = []
    real_search = portal_search.search

    def recording_search(user, query, **kwargs):
        searched.append(query)
        return real_search(user, query, **kwargs)

    monkeypatch.setattr(portal_search, "search", recording_search)
    client.force_login(UserFactory())
    with caplog.at_level("DEBUG"):
        response = client.get("/sok/", {"q": f"arbeidstrening {WRITTEN}"})
    assert response.status_code == 200
    assert searched == ["arbeidstrening "]
    assert "95088" not in response.text
    assert "arbeidstrening" in response.text
    assert not any("95088" in record.getMessage() for record in caplog.records)
