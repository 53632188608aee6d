"""Form widgets whose HTML portal/fastrender.py writes (it says why, with the number): the
quick widgets write what their templates write, and ModelOptionsSelect lists a long queryset
from two columns.

Each has a `nav_class`: NavFormMixin gives the design system's class by the exact widget class,
and these are subclasses.
"""

from django import forms
from django.utils.safestring import SafeString

from portal import cache, fastrender
from portal.forms import WIDGET_CLASSES


class QuickSelect(forms.Select):
    # The design system's class, which NavFormMixin gives only to the exact Select class.
    nav_class = WIDGET_CLASSES[forms.Select]

    def _render(self, template_name, context, renderer=None) -> SafeString:
        return fastrender.select(context["widget"])


class QuickCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    nav_class = WIDGET_CLASSES[forms.CheckboxSelectMultiple]

    def _render(self, template_name, context, renderer=None) -> SafeString:
        return fastrender.checkboxes(context["widget"])


class QuickInputMixin:
    """For the plain <input> widgets, whose template only includes input.html."""

    def _render(self, template_name, context, renderer=None) -> SafeString:
        return fastrender.plain_input(context["widget"])


class QuickHiddenInput(QuickInputMixin, forms.HiddenInput):
    pass


class QuickTextarea(forms.Textarea):
    nav_class = WIDGET_CLASSES[forms.Textarea]

    def _render(self, template_name, context, renderer=None) -> SafeString:
        return fastrender.textarea(context["widget"])


def offer(field: forms.ModelChoiceField, queryset) -> None:
    """Give a field with a ModelOptionsSelect its queryset: the choices it accepts and the
    options it shows are the same rows."""
    field.queryset = queryset
    field.widget.queryset = queryset


class ModelOptionsSelect(forms.Select):
    """A select of a long queryset's (value, label) pairs, read as two columns and written
    straight into HTML, without a model instance or a choice per option.

    With `cache_key`, the options are kept in the cache for `cache_seconds`: only for a
    queryset that is the same for everyone, and whose owner bumps `cache_generations` when
    it changes.
    """

    nav_class = WIDGET_CLASSES[forms.Select]
    empty_label = "---------"  # NavFormMixin names what to choose

    def __init__(self, label_field: str, *, queryset=None, cache_key: str = "", cache_seconds=300):
        super().__init__()
        self.label_field = label_field
        self.queryset = queryset
        self.cache_key = cache_key
        self.cache_seconds = cache_seconds
        self.cache_generations: list[str] = []

    def _options(self) -> str:
        def render() -> str:
            return fastrender.options(self.queryset.values_list("pk", self.label_field))

        if not self.cache_key:
            return render()
        return cache.cached(self.cache_key, render, self.cache_seconds, self.cache_generations)

    def render(self, name, value, attrs=None, renderer=None):
        selected = "" if value is None else str(getattr(value, "pk", value))
        attrs = self.build_attrs(self.attrs, attrs)
        return fastrender.options_select(name, attrs, self._options(), selected, self.empty_label)
