"""The base classes every ModelAdmin and inline of the portal derives from.

Django's admin builds its own forms, so the portal's form mixin never reaches them. An
administrator's free text is still covered by SPEC's rule (no national identity number in any
free-text field of any form), and an organisation number pasted with spaces must not be cut at
nine characters there either.
"""

from django.contrib import admin
from django.utils.text import capfirst
from django.utils.translation import gettext

from portal.admin_labels import FIELD_NAMES
from portal.forms import IdentityNumberGuard, OrganisationNumberField


def guarded(form_class: type) -> type:
    """The admin's generated form class with the identity-number guard in front of it."""
    if issubclass(form_class, IdentityNumberGuard):
        return form_class
    return type(form_class.__name__, (IdentityNumberGuard, form_class), {})


class _AdminFields:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "organisation_number":
            return OrganisationNumberField(
                label=db_field.verbose_name,
                required=not db_field.blank,
                help_text=db_field.help_text,
            )
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        name = db_field.verbose_name
        if formfield is not None and isinstance(name, str) and name in FIELD_NAMES:
            # Built per request, in the administrator's language.
            formfield.label = capfirst(gettext(name))
        return formfield


class GuardedModelAdmin(_AdminFields, admin.ModelAdmin):
    def get_form(self, request, obj=None, change=False, **kwargs):
        return guarded(super().get_form(request, obj, change=change, **kwargs))


class _GuardedInline(_AdminFields):
    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = guarded(formset.form)
        return formset


class GuardedTabularInline(_GuardedInline, admin.TabularInline):
    pass


class GuardedStackedInline(_GuardedInline, admin.StackedInline):
    pass
