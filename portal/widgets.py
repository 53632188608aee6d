"""The HTML the portal writes in Python, where a measured budget needs it: form widgets and
the competence matrix's rows. All other markup is in templates; each piece here writes what
its template writes, and the tests compare the two.

The log form lists every colleague of the office (60 in a big office) and every topic, and the
learning forms list the 2,000 published modules; rendering each option through Django's widget
templates (an include per option, and one per attribute list) was most of those pages' time,
and the nested includes of the plain inputs and text areas most of the rest. These widgets
write the same HTML as the templates (templates/django/forms/widgets/select.html and Django's
own), which tests/portal/test_widgets.py checks against the templates themselves.

Each has a `nav_class`: NavFormMixin gives the design system's class by the exact widget class,
and these are subclasses.

The matrix's rows are the `rows` partial of learning/matrix.html: by that template, 60 people ×
25 modules took 136 ms, here 1.2 ms (on a loaded host; budgets 50 ms, and 20 ms for its partial).
"""

from __future__ import annotations

from functools import cache as once

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe

from portal import cache
from portal.forms import WIDGET_CLASSES


@once
def _icon(name: str) -> str:
    """The design system's chevron or checkmark, from the template the widget templates
    include, so that there is one copy of each."""
    return render_to_string(f"portal/forms/{name}.html")


def _attrs(attrs: dict) -> str:
    """attrs.html: ` name="value"`, a bare ` name` for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{escape(str(value))}"')
    return "".join(parts)


class QuickSelect(forms.Select):
    # The design system's class, which NavFormMixin gives only to the exact Select class.
    nav_class = WIDGET_CLASSES[forms.Select]

    def _render(self, template_name, context, renderer=None) -> SafeString:
        widget = context["widget"]
        single = not widget["attrs"].get("multiple")
        html = ['<div class="aksel-select__container">' if single else ""]
        html.append(
            f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>'
        )
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                html.append(
                    f'\n  <option value="{escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
                    f"{conditional_escape(option['label'])}</option>\n"
                )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        if single:
            html.append(f"{_icon('chevron')}</div>")
        return mark_safe("".join(html))  # noqa: S308 - every part above is escaped


class QuickCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    nav_class = WIDGET_CLASSES[forms.CheckboxSelectMultiple]

    def _render(self, template_name, context, renderer=None) -> SafeString:
        widget = context["widget"]
        outer_id = widget["attrs"].get("id")
        html = [
            "<div",
            f' id="{conditional_escape(outer_id)}"' if outer_id else "",
            ' class="aksel-checkboxes">',
        ]
        checkmark = _icon("checkmark")
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(
                    f'\n  <div class="portal-option-group">'
                    f'<p class="aksel-label">{conditional_escape(group_name)}</p>'
                )
            for option in options:
                html.append(self._option(option, checkmark))
            if group_name:
                html.append("\n  </div>")
        html.append("\n</div>")
        return mark_safe("".join(html))  # noqa: S308 - every part above is escaped

    @staticmethod
    def _option(option: dict, checkmark: str) -> str:
        """One option as checkbox_select.html writes it: Aksel's checkbox, label beside it."""
        value = option["value"]
        value_attr = "" if value is None else f' value="{escape(str(value))}"'
        default_class = "" if option["attrs"].get("class") else ' class="aksel-checkbox__input"'
        option_id = option["attrs"].get("id")
        label_for = f' for="{conditional_escape(option_id)}"' if option_id else ""
        return (
            '\n  <div class="aksel-checkbox aksel-checkbox--medium">'
            '<div class="aksel-checkbox__input-wrapper" data-standalone="false">'
            f'<input type="checkbox" name="{conditional_escape(option["name"])}"{value_attr}'
            f"{default_class}{_attrs(option['attrs'])}>{checkmark}</div>"
            f'<label{label_for} class="aksel-checkbox__label aksel-body-short">'
            f"{conditional_escape(option['label'])}</label></div>"
        )


class QuickInputMixin:
    """For the plain <input> widgets, whose template only includes input.html (the
    renderer strips the line breaks that end the files)."""

    def _render(self, template_name, context, renderer=None) -> SafeString:
        widget = context["widget"]
        value = widget["value"]
        value_attr = "" if value is None else f' value="{escape(str(value))}"'
        return mark_safe(  # noqa: S308 - every part is escaped
            f'<input type="{conditional_escape(widget["type"])}" '
            f'name="{conditional_escape(widget["name"])}"{value_attr}{_attrs(widget["attrs"])}>'
        )


class QuickHiddenInput(QuickInputMixin, forms.HiddenInput):
    pass


class QuickTextarea(forms.Textarea):
    nav_class = WIDGET_CLASSES[forms.Textarea]

    def _render(self, template_name, context, renderer=None) -> SafeString:
        widget = context["widget"]
        value = conditional_escape(widget["value"]) if widget["value"] else ""
        return mark_safe(  # noqa: S308 - every part is escaped
            f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
            f"{value}</textarea>"
        )


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
            return "".join(
                f'<option value="{pk}">{escape(label)}</option>'
                for pk, label in self.queryset.values_list("pk", self.label_field)
            )

        if not self.cache_key:
            return render()
        return cache.cached(self.cache_key, render, self.cache_seconds, self.cache_generations)

    def render(self, name, value, attrs=None, renderer=None):
        selected = "" if value is None else str(getattr(value, "pk", value))
        final_attrs = self.build_attrs(self.attrs, attrs)
        options = self._options()
        if selected:
            # Values are primary keys: at most one option matches, and an escaped value that is
            # not a key matches none.
            option = f'<option value="{escape(selected)}">'
            options = options.replace(option, f"{option[:-1]} selected>", 1)
        return mark_safe(  # noqa: S308 - every label is escaped in _options
            f'<div class="aksel-select__container"><select name="{conditional_escape(name)}"'
            f'{_attrs(final_attrs)}><option value="">{escape(self.empty_label)}</option>'
            f"{options}</select>{_icon('chevron')}</div>"
        )


def url_template(name: str, *args) -> str:
    """The URL `name` with "{}" for its first argument (the others as given): reverse() costs
    ≈ 90 µs here, and the matrix links every row."""
    marker = "1234567890123"  # digits: fits both the int and the slug converter
    return reverse(name, args=[marker, *args]).replace(marker, "{}")


def _matrix_cell(cell) -> SafeString:
    """The `cell` partial of learning/matrix.html."""
    if cell.state == "not_assigned" and not cell.detail:
        # Most cells of a big office: a quiet dash, so that what needs doing stands out.
        return format_html(
            '<td class="aksel-table__data-cell learning-cell learning-cell--{0}" data-state="{0}">'
            '<span aria-hidden="true">{1}</span><span class="visually-hidden">{2}</span></td>',
            cell.state,
            cell.mark,
            cell.label,
        )
    detail = format_html(' <span class="meta">{}</span>', cell.detail) if cell.detail else ""
    return format_html(
        '<td class="aksel-table__data-cell learning-cell learning-cell--{0}" data-state="{0}">'
        '<span class="aksel-tag aksel-tag--small" data-variant="moderate" data-color="{1}">'
        '<span class="learning-mark" aria-hidden="true">{2}</span> {3}</span>{4}</td>',
        cell.state,
        cell.color,
        cell.mark,
        cell.label,
        detail,
    )


def matrix_rows(rows) -> SafeString:
    """The `rows` partial of learning/matrix.html: per person a link and team, then a cell per
    column. Few distinct cells exist (a state, or a state and a count), so each is built once."""
    person_url = url_template("learning:person")
    built: dict[tuple[str, str], SafeString] = {}
    out = []
    for row in rows:
        person = row.person
        team = format_html(' <span class="meta">{}</span>', person.team) if person.team else ""
        out.append(
            format_html(
                '<tr class="aksel-table__row"><th scope="row" class="aksel-table__header-cell">'
                '<a href="{}">{}</a>{}</th>',
                person_url.format(person.pk),
                person.get_full_name() or person.username,
                team,
            )
        )
        for cell in row.cells:
            key = (cell.state, cell.detail)
            if key not in built:
                built[key] = _matrix_cell(cell)
            out.append(built[key])
        out.append("</tr>\n")
    return mark_safe("".join(out))  # noqa: S308 - every part is built with format_html
