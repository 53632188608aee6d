"""The log form's Python-written selects and checkboxes: the same HTML as the templates."""

import pytest
from django import forms

from employers.forms import ContactEntryForm, DateInput, PlannedContactForm
from employers.widgets import (
    QuickCheckboxSelectMultiple,
    QuickHiddenInput,
    QuickSelect,
    QuickTextarea,
)
from portal.forms import NavFormRenderer
from tests.employers.factories import EmployerFactory
from tests.factories import OfficeFactory, UserFactory

CHOICES = [
    ("", "---------"),
    (1, "Kari <Nordmann> & Co"),
    (2, 'Ola "O" Nordmann'),
    ("Gruppe", [("a", "Første"), ("b", "Andre")]),
]


def _template_html(widget: forms.Widget, value) -> str:
    """What Django's own rendering, through our templates, writes for the same widget."""
    context = widget.get_context("field", value, {"id": "id_field", "class": "x"})
    return NavFormRenderer().render(widget.template_name, context)


@pytest.mark.parametrize("value", [None, "", 2, "b"])
def test_the_quick_select_writes_what_the_template_writes(value):
    widget = QuickSelect(choices=CHOICES)
    quick = widget.render("field", value, {"id": "id_field", "class": "x"})
    assert quick == _template_html(QuickSelect(choices=CHOICES), value)
    assert "Kari &lt;Nordmann&gt; &amp; Co" in quick


@pytest.mark.parametrize("value", [[], ["a"], [1, "b"]])
def test_the_quick_checkboxes_write_what_the_template_writes(value):
    widget = QuickCheckboxSelectMultiple(choices=CHOICES[1:])
    quick = widget.render("field", value, {"id": "id_field", "class": "x"})
    assert quick == _template_html(QuickCheckboxSelectMultiple(choices=CHOICES[1:]), value)
    assert 'for="id_field_0"' in quick


@pytest.mark.parametrize(
    ("widget_class", "value"),
    [
        (QuickHiddenInput, None),
        (QuickHiddenInput, 42),
        (DateInput, "2026-03-18"),
        (QuickTextarea, ""),
        (QuickTextarea, 'Ringte <b>"Kari"</b> & avtalte møte.\nNeste linje.'),
    ],
)
def test_the_quick_inputs_write_what_the_templates_write(widget_class, value):
    quick = widget_class().render("field", value, {"id": "id_field", "class": "x"})
    assert quick == _template_html(widget_class(), value)
    assert "<b>" not in quick


@pytest.mark.django_db
def test_the_log_form_lists_active_colleagues_by_name_with_the_design_systems_classes():
    office = OfficeFactory()
    user = UserFactory(office=office, first_name="Kari", last_name="Nordmann")
    UserFactory(office=office, first_name="", last_name="", username="uten.navn")
    UserFactory(office=office, first_name="Sluttet", is_active=False)
    UserFactory(first_name="Annet", last_name="Kontor")
    form = ContactEntryForm(employer=EmployerFactory(), user=user)
    html = str(form["follow_up_assignee"])
    assert f'<option value="{user.pk}">Kari Nordmann</option>' in html
    assert ">uten.navn</option>" in html
    assert "Sluttet" not in html and "Annet" not in html
    assert 'class="aksel-select__input aksel-body-short"' in html
    assert 'class="aksel-checkbox__input"' in str(form["topics"])
    planned = PlannedContactForm()
    assert 'class="aksel-select__input aksel-body-short"' in str(planned["channel"])
    assert 'class="aksel-checkbox__input"' in str(planned["topics"])
