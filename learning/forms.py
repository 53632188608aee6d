"""Forms of the learning app (NAV design system through NavFormMixin; errors in Norwegian)."""

from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.models import (
    PUBLISHED_GENERATION,
    ActivityKind,
    Audience,
    BestPractice,
    Choice,
    CompetencePlan,
    LearningPath,
    Module,
    OfficeLearningSlot,
    PlanActivity,
    PlanStatus,
    Question,
    QuestionKind,
    SelfAssessmentLevel,
    Share,
    Status,
)
from portal.fields import ReviewIntervalField
from portal.forms import NavFormMixin
from portal.models import Office, User
from portal.slugs import NorwegianSlugField
from portal.validators import reject_identity_numbers
from portal.widgets import ModelOptionsSelect, QuickSelect, offer

# The published modules and paths are listed in the same order for everyone (the assign form,
# a plan's activities, an experience share), and rendering 2,000 options costs ≈ 25 ms here:
# the options are kept in the cache, in a generation bumped when a module or path is saved or
# deleted (learning.signals). A change made without save() (a bulk update) shows within
# PUBLISHED_OPTIONS_SECONDS; an option that is no longer published by then is refused by the
# form's own validation, so the staleness is harmless.
PUBLISHED_OPTIONS_KEYS = {
    "module": "learning:published-options:module",
    "path": "learning:published-options:path",
}
PUBLISHED_OPTIONS_SECONDS = 300


def list_published(field: forms.ModelChoiceField, kind: str) -> None:
    """Let a field with a ModelOptionsSelect choose among the published modules or paths, by
    title, from the options every form shares in the cache."""
    model = {"module": Module, "path": LearningPath}[kind]
    offer(field, model.objects.filter(status=Status.PUBLISHED).order_by("title"))
    field.widget.cache_key = PUBLISHED_OPTIONS_KEYS[kind]
    field.widget.cache_seconds = PUBLISHED_OPTIONS_SECONDS
    field.widget.cache_generations = [PUBLISHED_GENERATION]


class AssignForm(NavFormMixin, forms.Form):
    TARGET_PERSON, TARGET_TEAM, TARGET_OFFICE = "person", "team", "office"

    module = forms.ModelChoiceField(
        label=_("Module"),
        queryset=Module.objects.none(),
        required=False,
        widget=ModelOptionsSelect("title"),
    )
    path = forms.ModelChoiceField(
        label=_("Or a learning path"),
        queryset=LearningPath.objects.none(),
        required=False,
        widget=ModelOptionsSelect("title"),
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
        label=_("Person"), queryset=User.objects.none(), required=False, widget=QuickSelect
    )
    team = forms.ChoiceField(label=_("Team"), choices=[], required=False, widget=QuickSelect)
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

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.office = office
        list_published(self.fields["module"], "module")
        list_published(self.fields["path"], "path")
        # The label («Or a learning path») would make «Velg eller en læringssti» of it.
        self.fields["path"].widget.empty_label = _("Choose a learning path")
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
        fields = ["text", "kind", "explanation", "order"]
        labels = {
            "text": _("Question"),
            "kind": _("Kind of question"),
            "explanation": _("Why the right answer is right"),
            "order": _("Order"),
        }
        help_texts = {
            "explanation": _("Shown to everyone after they submit, beside the right answer.")
        }
        widgets = {"explanation": forms.Textarea(attrs={"rows": 3})}


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
        field_classes = {"slug": NorwegianSlugField}
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
    module = forms.ModelChoiceField(
        label=_("Add a module"), queryset=Module.objects.none(), widget=ModelOptionsSelect("title")
    )

    def __init__(self, *args, modules, **kwargs):
        super().__init__(*args, **kwargs)
        offer(self.fields["module"], modules)
        self.fields["module"].widget.empty_label = _("Choose a module")  # not «Velg legg til …»


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
        labels = {"module": _("Module")}
        widgets = {
            "module": ModelOptionsSelect("title"),
            "when": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        list_published(self.fields["module"], "module")

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
        fields = ["module", "activity", "learnt", "will_use", "audience", "anonymous"]
        labels = {"module": _("Module")}
        help_texts = {
            "anonymous": _(
                "Colleagues see the post without your name. Editors and administrators, who "
                "moderate, still see it."
            )
        }
        widgets = {
            "learnt": forms.Textarea(attrs={"rows": 4}),
            "will_use": forms.Textarea(attrs={"rows": 4}),
            "audience": forms.RadioSelect,
            "module": ModelOptionsSelect("title"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        list_published(self.fields["module"], "module")
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
        field_classes = {"slug": NorwegianSlugField, "review_interval": ReviewIntervalField}
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
        field_classes = {"slug": NorwegianSlugField, "review_interval": ReviewIntervalField}
        labels = {"office": _("Office"), "area": _("Competence area")}
        widgets = {"body": forms.Textarea(attrs={"rows": 10}), "office": ModelOptionsSelect("name")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer(self.fields["office"], Office.objects.order_by("name"))
        if not user.is_superuser and user.editor_region_id:
            self.fields["region"].queryset = self.fields["region"].queryset.filter(
                pk=user.editor_region_id
            )
            self.fields["region"].required = True

    def clean_body(self):
        reject_identity_numbers(self.cleaned_data["body"])
        return self.cleaned_data["body"]


class NewDueDateForm(forms.Form):
    """A manager moves one person's deadline (the "who is behind" list)."""

    due_on = forms.DateField(
        label=_("New due date"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot be in the past."))
        return due_on


class ReservedTimeForm(NavFormMixin, forms.Form):
    """A manager moves (or sets) the time reserved for one assignment: a day, from, until."""

    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(
        label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end = forms.TimeField(
        label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("The day cannot be in the past."))
        return day

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
            # The limits of the assign form's reserved minutes.
            if minutes < 5:
                self.add_error("end", _("The end must be at least 5 minutes after the start."))
            elif minutes > 8 * 60:
                self.add_error("end", _("Reserve at most 8 hours in one go."))
        return data

    def slot(self) -> tuple[datetime, datetime]:
        day = self.cleaned_data["day"]
        return tuple(
            timezone.make_aware(datetime.combine(day, self.cleaned_data[name]))
            for name in ("start", "end")
        )


class SlotForm(NavFormMixin, forms.ModelForm):
    """The office's weekly learning time; the model checks the hours."""

    class Meta:
        model = OfficeLearningSlot
        fields = ["weekday", "start", "end"]
        labels = {"weekday": _("Day of the week"), "start": _("From"), "end": _("Until")}
        widgets = {
            "start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
