"""Form rendering in NAV's design system, and the forms of the portal core."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from portal.models import KINDS_MAILED_BY_APPS, EmailChoice, JourneyPhase, NotificationKind
from portal.validators import (
    normalise_organisation_number,
    reject_identity_numbers,
    validate_organisation_number,
)


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


# Django's empty choices: a model field's (which Django's bokmål catalogue leaves in English)
# and a ModelChoiceField's. Neither says what to choose.
DJANGO_EMPTY_LABELS = {"- Select an option -", "---------"}


def _name_the_empty_choice(field: forms.Field) -> None:
    """Django's empty choice of a select becomes "Choose <what the field is>"."""
    if not field.label or not hasattr(field, "choices"):
        return
    label = str(field.label)
    what = label[:1].lower() + label[1:] if label[1:2].islower() else label  # keeps "NAV-…"
    named = _("Choose %(what)s") % {"what": what}
    if isinstance(field, forms.ModelChoiceField):
        if str(field.empty_label) in DJANGO_EMPTY_LABELS:
            field.empty_label = named
        if str(getattr(field.widget, "empty_label", "")) in DJANGO_EMPTY_LABELS:
            field.widget.empty_label = named  # portal.widgets.ModelOptionsSelect writes its own
        return
    choices = field.choices
    if choices and choices[0][0] == "" and str(choices[0][1]) in DJANGO_EMPTY_LABELS:
        field.choices = [("", named), *choices[1:]]


class IdentityNumberGuard:
    """Refuses a national identity number in every free-text field of the form (every
    CharField but a password), beside the field. It reads what was typed, so a field whose own
    cleaning turns the text into something else (an employer, a date) is checked as well; a
    field that already has an error is left with that one."""

    def full_clean(self):
        super().full_clean()
        if not hasattr(self, "cleaned_data"):  # unbound, or an empty extra form of a formset
            return
        for name, field in self.fields.items():
            if name in self._errors or not _is_free_text(field):
                continue
            typed = self[name].data
            texts = typed if isinstance(typed, list | tuple) else [typed]
            try:
                for text in texts:
                    reject_identity_numbers(text if isinstance(text, str) else "")
            except forms.ValidationError as error:
                self.add_error(name, error)


def _is_free_text(field: forms.Field) -> bool:
    return isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput)


class OrganisationNumberField(forms.CharField):
    """An organisation number as people paste it (974760673, 974 760 673, 974.760.673,
    NO 974 760 673 MVA), cleaned to its nine digits. No length limit on what is typed: the
    model keeps nine digits, and a limit here would cut a pasted number short."""

    def __init__(self, **kwargs):
        kwargs["max_length"] = None  # a model field's formfield() passes its own 9
        super().__init__(**kwargs)

    def to_python(self, value) -> str:
        value = super().to_python(value)
        return normalise_organisation_number(value) if value else value

    def validate(self, value: str) -> None:
        super().validate(value)
        if value:
            validate_organisation_number(value)


class NavFormMixin(IdentityNumberGuard):
    """Gives widgets the design system's classes; marks invalid fields for assistive tech."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            # The quick widgets (portal.widgets) name the class of the widget they replace.
            css = getattr(widget, "nav_class", None) or next(
                (c for kind, c in WIDGET_CLASSES.items() if type(widget) is kind),
                "aksel-text-field__input aksel-body-short",
            )
            widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()
            _name_the_empty_choice(field)

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


class SettingsForm(NavFormMixin, forms.Form):
    """Language, and for each kind of notification how (and whether) it comes by e-mail."""

    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    journey_phase = forms.ChoiceField(
        label=_("Journey phase"),
        choices=[("", _("From my start date")), *JourneyPhase.choices],
        required=False,
        help_text=_("Decides which modules the overview recommends to you."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("language", user.language)
        self.initial.setdefault("journey_phase", user.journey_phase)
        for kind in NotificationKind:
            if kind in KINDS_MAILED_BY_APPS and kind != NotificationKind.SUMMARY_PUBLISHED:
                continue
            name = f"email_{kind.value}"
            self.fields[name] = forms.ChoiceField(
                label=kind.label,
                choices=EmailChoice.choices,
                initial=user.email_choice(kind),
                required=False,
            )
            self.fields[name].widget.attrs["class"] = "aksel-select__input aksel-body-short"

    def email_preferences(self) -> dict[str, str]:
        return {
            name.removeprefix("email_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("email_") and value
        }
