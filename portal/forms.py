"""Form rendering in NAV's design system, and the forms of the portal core."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class NavFormRenderer(TemplatesSetting):
    """Every field renders as an aksel form field: label, description, error beside it."""

    form_template_name = "portal/forms/form.html"
    field_template_name = "portal/forms/field.html"


WIDGET_CLASSES = {
    forms.Textarea: "aksel-textarea__input aksel-body-short",
    forms.Select: "aksel-select__input aksel-body-short",
    forms.SelectMultiple: "aksel-select__input aksel-body-short",
    forms.CheckboxInput: "aksel-checkbox__input",
    forms.RadioSelect: "aksel-radio__input",
    forms.CheckboxSelectMultiple: "aksel-checkbox__input",
    forms.ClearableFileInput: "portal-file-input",
    forms.FileInput: "portal-file-input",
}


class NavFormMixin:
    """Gives widgets the design system's classes; marks invalid fields for assistive tech."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = next(
                (c for kind, c in WIDGET_CLASSES.items() if type(widget) is kind),
                "aksel-text-field__input aksel-body-short",
            )
            widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-invalid"] = "true"


class LoginForm(NavFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _("Wrong username or password. Note that both are case-sensitive."),
        "inactive": _("This account is deactivated."),
    }


class LanguageForm(NavFormMixin, forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
