"""Forms of the learning app (NAV design system through NavFormMixin; errors in Norwegian)."""

from __future__ import annotations

from datetime import datetime, time
from html import escape

from django import forms
from django.core.cache import cache
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from learning.models import (
    ActivityKind,
    Audience,
    BestPractice,
    Choice,
    CompetencePlan,
    LearningPath,
    Module,
    PlanActivity,
    PlanStatus,
    Question,
    QuestionKind,
    SelfAssessmentLevel,
    Share,
)
from portal.cache_guard import cache_available, cache_failed
from portal.forms import WIDGET_CLASSES, NavFormMixin
from portal.models import User
from portal.validators import reject_identity_numbers

# The assign form's lists are the same for every manager (published modules and paths), and
# rendering 2,000 options costs ≈ 25 ms here: the options are kept in the cache, forgotten
# when a module or path is saved or deleted (learning.signals). A change made without save()
# (a bulk update) shows within ASSIGN_OPTIONS_SECONDS; an option that is no longer published
# by then is refused by the form's own validation, so the staleness is harmless.
ASSIGN_OPTIONS_KEYS = {
    "module": "learning:assign-options:module:v1",
    "path": "learning:assign-options:path:v1",
}
ASSIGN_OPTIONS_SECONDS = 300


def forget_assign_options() -> None:
    if not cache_available():
        return  # they expire within ASSIGN_OPTIONS_SECONDS
    try:
        cache.delete_many(list(ASSIGN_OPTIONS_KEYS.values()))
    except Exception:  # a cache that is away must not stop a save
        cache_failed("assign options")


class QuickSelect(forms.Select):
    """A select rendered in Python from (value, label) pairs of the field's queryset.

    Django renders every option through a template; with the 2,000 published modules that
    alone took most of a second on the assign page. Same markup, one query of two columns,
    or none when `cache_key` is set (only for a queryset that is the same for everyone).
    """

    def __init__(self, label_field: str):
        super().__init__(attrs={"class": "aksel-select__input aksel-body-short"})
        self.label_field = label_field
        self.queryset = None
        self.cache_key: str | None = None

    def _options(self) -> str:
        if self.cache_key and cache_available():
            try:
                cached = cache.get(self.cache_key)
            except Exception:  # the cache is away: render from the database
                cache_failed("assign options")
                cached = None
            if cached is not None:
                return cached
        options = "".join(
            f'<option value="{pk}">{escape(label)}</option>'
            for pk, label in self.queryset.values_list("pk", self.label_field)
        )
        if self.cache_key and cache_available():
            try:
                cache.set(self.cache_key, options, ASSIGN_OPTIONS_SECONDS)
            except Exception:  # the cache is away: the page is served all the same
                cache_failed("assign options")
        return options

    def render(self, name, value, attrs=None, renderer=None):
        selected = "" if value is None else str(value)
        if hasattr(value, "pk"):
            selected = str(value.pk)
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        options = self._options()
        if selected:
            # Values are primary keys: at most one option matches, and an escaped value that is
            # not a key matches none.
            option = f'<option value="{escape(selected)}">'
            options = options.replace(option, f"{option[:-1]} selected>", 1)
        return mark_safe(  # noqa: S308 - every label is escaped in _options
            f'<select{flatatt(final_attrs)}><option value="">---------</option>{options}</select>'
        )


class ChoicesSelect(forms.Select):
    """A select of the field's choices written in Python, with the markup of Django's select
    template: the assign form lists everyone in the office, and the template costs ≈ 0.3 ms
    per option here."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = "" if value is None else str(value)
        # NavFormMixin gives the select class to Select itself only.
        self.attrs["class"] = WIDGET_CLASSES[forms.Select]
        final_attrs = flatatt(self.build_attrs(self.attrs, attrs))
        options = "".join(
            f'<option value="{escape(str(key))}"{" selected" if str(key) == selected else ""}>'
            f"{escape(str(label))}</option>"
            for key, label in self.choices
        )
        return mark_safe(  # noqa: S308 - every part is escaped
            f'<select name="{escape(name)}"{final_attrs}>{options}</select>'
        )


class AssignForm(NavFormMixin, forms.Form):
    TARGET_PERSON, TARGET_TEAM, TARGET_OFFICE = "person", "team", "office"

    module = forms.ModelChoiceField(
        label=_("Module"),
        queryset=Module.objects.none(),
        required=False,
        widget=QuickSelect("title"),
    )
    path = forms.ModelChoiceField(
        label=_("Or a learning path"),
        queryset=LearningPath.objects.none(),
        required=False,
        widget=QuickSelect("title"),
    )
    target = forms.ChoiceField(
        label=_("Assign to"),
        choices=[
            (TARGET_PERSON, _("One person")),
            (TARGET_TEAM, _("A team")),
            (TARGET_OFFICE, _("The whole office")),
        ],
        initial=TARGET_PERSON,
    )
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=User.objects.none(), required=False, widget=ChoicesSelect
    )
    team = forms.ChoiceField(label=_("Team"), choices=[], required=False, widget=ChoicesSelect)
    due_on = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))
    mandatory = forms.BooleanField(label=_("Mandatory"), required=False, initial=True)
    reserved_minutes = forms.IntegerField(
        label=_("Reserved time (minutes)"), min_value=5, max_value=8 * 60
    )
    reserved_day = forms.DateField(
        label=_("Reserved day (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reserved_from = forms.TimeField(
        label=_("From (optional)"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )

    def __init__(self, *args, office, modules, paths, cache_options=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.office = office
        self.fields["module"].queryset = modules
        self.fields["module"].widget.queryset = modules
        self.fields["path"].queryset = paths
        self.fields["path"].widget.queryset = paths
        if cache_options:
            self.fields["module"].widget.cache_key = ASSIGN_OPTIONS_KEYS["module"]
            self.fields["path"].widget.cache_key = ASSIGN_OPTIONS_KEYS["path"]
        people = User.objects.in_office(office).order_by("first_name", "last_name")
        person = self.fields["person"]
        person.queryset = people
        # The options and the teams from one query of names: whole user rows cost more than
        # the query. Choosing still validates against the queryset.
        rows = list(people.values_list("pk", "first_name", "last_name", "username", "team"))
        person.widget.choices = [
            ("", person.empty_label),
            *(
                (pk, f"{first} {last}".strip() or username)
                for pk, first, last, username, _t in rows
            ),
        ]
        teams = sorted({team for *_names, team in rows if team})
        self.fields["team"].choices = [("", "—")] + [(t, t) for t in teams]

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot be in the past."))
        return due_on

    def clean(self):
        data = super().clean()
        if bool(data.get("module")) == bool(data.get("path")):
            self.add_error("module", _("Choose either a module or a learning path."))
        target = data.get("target")
        if target == self.TARGET_PERSON and not data.get("person"):
            self.add_error("person", _("Choose the person."))
        if target == self.TARGET_TEAM and not data.get("team"):
            self.add_error("team", _("Choose the team."))
        if data.get("reserved_from") and not data.get("reserved_day"):
            self.add_error("reserved_day", _("Choose the day for the reserved time."))
        return data

    def users(self):
        data = self.cleaned_data
        if data["target"] == self.TARGET_PERSON:
            return [data["person"]]
        people = User.objects.in_office(self.office)
        if data["target"] == self.TARGET_TEAM:
            people = people.filter(team=data["team"])
        return list(people)

    def reserved_slot(self) -> tuple[datetime | None, datetime | None]:
        day, start = self.cleaned_data.get("reserved_day"), self.cleaned_data.get("reserved_from")
        if not day:
            return None, None
        begin = timezone.make_aware(datetime.combine(day, start or time(9, 0)))
        return begin, begin + timezone.timedelta(minutes=self.cleaned_data["reserved_minutes"])


class PracticeRequestForm(NavFormMixin, forms.Form):
    confirmer = forms.ModelChoiceField(
        label=_("The colleague who took part"), queryset=User.objects.none()
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirmer"].queryset = (
            User.objects.in_office(user.office).exclude(pk=user.pk).order_by("first_name")
        )


class GroupSessionForm(NavFormMixin, forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attendees"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(
        label=_("Notes from the discussion"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = User.objects.in_office(office).order_by(
            "first_name", "last_name"
        )

    def clean_notes(self):
        reject_identity_numbers(self.cleaned_data["notes"])
        return self.cleaned_data["notes"]


class SelfAssessmentForm(NavFormMixin, forms.Form):
    def __init__(self, *args, areas, initial_levels, initial_comments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(areas)
        initial_comments = initial_comments or {}
        for area in self.areas:
            self.fields[f"level_{area.pk}"] = forms.TypedChoiceField(
                label=area.name,
                help_text=area.description,
                choices=SelfAssessmentLevel.choices,
                coerce=int,
                widget=forms.RadioSelect,
                initial=initial_levels.get(area.pk),
            )
            self.fields[f"comment_{area.pk}"] = forms.CharField(
                label=_("Comment on %(area)s (optional)") % {"area": area.name},
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=initial_comments.get(area.pk, ""),
                validators=[reject_identity_numbers],
            )

    def levels(self) -> dict[int, int]:
        return {a.pk: self.cleaned_data[f"level_{a.pk}"] for a in self.areas}

    def comments(self) -> dict[int, str]:
        return {a.pk: self.cleaned_data.get(f"comment_{a.pk}", "") for a in self.areas}


class OfficeNeedsForm(NavFormMixin, forms.Form):
    """The level per competence area the office needs."""

    def __init__(self, *args, areas, initial_levels, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(areas)
        for area in self.areas:
            self.fields[f"need_{area.pk}"] = forms.TypedChoiceField(
                label=area.name,
                choices=SelfAssessmentLevel.choices,
                coerce=int,
                initial=initial_levels.get(area.pk, 3),
            )

    def levels(self) -> dict[int, int]:
        return {a.pk: self.cleaned_data[f"need_{a.pk}"] for a in self.areas}


class QuestionForm(NavFormMixin, forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "kind", "order"]
        labels = {"text": _("Question"), "kind": _("Kind of question"), "order": _("Order")}


class ChoiceForm(NavFormMixin, forms.ModelForm):
    class Meta:
        model = Choice
        fields = ["text", "correct", "feedback"]
        labels = {
            "text": _("Answer"),
            "correct": _("Correct answer"),
            "feedback": _("Feedback on this answer"),
        }


class BaseChoiceFormSet(forms.BaseInlineFormSet):
    """At least two choices; one correct for single choice, at least one for multiple."""

    kind = QuestionKind.SINGLE

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            f
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("text")
        ]
        if len(kept) < 2:
            raise forms.ValidationError(_("A question needs at least two answers."))
        correct = sum(bool(f.cleaned_data.get("correct")) for f in kept)
        if self.kind == QuestionKind.SINGLE and correct != 1:
            raise forms.ValidationError(
                _("A question with one answer needs exactly one correct answer.")
            )
        if self.kind == QuestionKind.MULTIPLE and correct < 1:
            raise forms.ValidationError(
                _("A question with several answers needs at least one correct answer.")
            )


ChoiceFormSet = forms.inlineformset_factory(
    Question, Choice, form=ChoiceForm, formset=BaseChoiceFormSet, extra=4, can_delete=True
)


class PathForm(NavFormMixin, forms.ModelForm):
    class Meta:
        model = LearningPath
        fields = ["title", "slug", "description", "phase", "role", "region", "status"]
        labels = {"phase": _("Phase"), "region": _("Region"), "status": _("Status")}
        help_texts = {"region": _("Empty means national content.")}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not user.is_superuser and user.editor_region_id:
            self.fields["region"].queryset = self.fields["region"].queryset.filter(
                pk=user.editor_region_id
            )
            self.fields["region"].required = True


class PathStepAddForm(NavFormMixin, forms.Form):
    module = forms.ModelChoiceField(label=_("Add a module"), queryset=Module.objects.none())

    def __init__(self, *args, modules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = modules


class PlanForm(NavFormMixin, forms.ModelForm):
    class Meta:
        model = CompetencePlan
        fields = ["goals", "status", "agreed_on", "manager_comment"]
        widgets = {
            "goals": forms.Textarea(attrs={"rows": 4}),
            "manager_comment": forms.Textarea(attrs={"rows": 3}),
            "agreed_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        data = super().clean()
        for name in ("goals", "manager_comment"):
            try:
                reject_identity_numbers(data.get(name, ""))
            except forms.ValidationError as error:
                self.add_error(name, error)
        if data.get("status") == PlanStatus.AGREED and not data.get("agreed_on"):
            self.add_error("agreed_on", _("Give the date the plan was agreed."))
        return data


class PlanCommentForm(NavFormMixin, forms.ModelForm):
    class Meta:
        model = CompetencePlan
        fields = ["employee_comment"]
        widgets = {"employee_comment": forms.Textarea(attrs={"rows": 3})}

    def clean_employee_comment(self):
        reject_identity_numbers(self.cleaned_data["employee_comment"])
        return self.cleaned_data["employee_comment"]


class PlanActivityForm(NavFormMixin, forms.ModelForm):
    class Meta:
        model = PlanActivity
        fields = ["kind", "module", "title", "when", "status"]
        widgets = {"when": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = Module.objects.published()

    def clean(self):
        data = super().clean()
        if data.get("kind") == ActivityKind.MODULE and not data.get("module"):
            self.add_error("module", _("Choose the module."))
        if data.get("kind") != ActivityKind.MODULE and not data.get("title"):
            self.add_error("title", _("Give the activity a title."))
        reject_identity_numbers(data.get("title", ""))
        return data


class ShareForm(NavFormMixin, forms.ModelForm):
    class Meta:
        model = Share
        fields = ["module", "activity", "learnt", "will_use", "audience"]
        widgets = {
            "learnt": forms.Textarea(attrs={"rows": 4}),
            "will_use": forms.Textarea(attrs={"rows": 4}),
            "audience": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = Module.objects.published()
        self.fields["module"].required = False
        self.fields["audience"].choices = Audience.choices

    def clean(self):
        data = super().clean()
        if not data.get("module") and not data.get("activity"):
            self.add_error("activity", _("Name the module or the activity you took part in."))
        for name in ("activity", "learnt", "will_use"):
            try:
                reject_identity_numbers(data.get(name, ""))
            except forms.ValidationError as error:
                self.add_error(name, error)
        return data


class CommentForm(NavFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        validators=[reject_identity_numbers],
    )


class ReportForm(NavFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with the post?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class HideForm(NavFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is the post hidden?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ModuleForm(NavFormMixin, forms.ModelForm):
    change_note = forms.CharField(
        label=_("What has changed (shown to those who completed it)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    class Meta:
        model = Module
        fields = [
            "title", "slug", "summary", "body", "area", "phase", "form", "level",
            "minutes", "pass_mark", "renewal_months", "region", "content_kind",
            "review_interval", "discussion_cases",
        ]  # fmt: skip
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 14}),
            "discussion_cases": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.is_superuser and user.editor_region_id:
            self.fields["region"].queryset = self.fields["region"].queryset.filter(
                pk=user.editor_region_id
            )
            self.fields["region"].required = True
        self.fields["change_note"].initial = ""

    def clean(self):
        data = super().clean()
        published = self.instance.pk and self.instance.status == "published"
        if published and self.has_changed() and not (data.get("change_note") or "").strip():
            self.add_error(
                "change_note", _("Describe what has changed: learners who completed it see it.")
            )
        return data


class BestPracticeForm(NavFormMixin, forms.ModelForm):
    class Meta:
        model = BestPractice
        fields = ["title", "slug", "office", "area", "body", "status", "region", "review_interval"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not user.is_superuser and user.editor_region_id:
            self.fields["region"].queryset = self.fields["region"].queryset.filter(
                pk=user.editor_region_id
            )
            self.fields["region"].required = True

    def clean_body(self):
        reject_identity_numbers(self.cleaned_data["body"])
        return self.cleaned_data["body"]
