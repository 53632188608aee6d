"""Forms of the weekly summaries. Errors are shown beside the field, in the user's language."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from employers.models import Employer
from marketinfo.models import EventKind, Item, ItemKind, MarketContactProfile, Summary
from marketinfo.sheets import MAX_UPLOAD_BYTES
from portal.forms import IdentityNumberGuard, NavFormMixin, OrganisationNumberField
from portal.validators import reject_identity_numbers


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class SummaryStartForm(NavFormMixin, forms.Form):
    scope = forms.ChoiceField(label=_("For"), widget=forms.RadioSelect)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    week = forms.IntegerField(label=_("Week"), min_value=1, max_value=53)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        office = user.office
        choices = []
        if office is not None:
            choices = [("office", office.name), ("region", office.region.name)]
        self.fields["scope"].choices = choices
        self.fields["scope"].initial = "office"

    def clean(self):
        cleaned = super().clean()
        year, week = cleaned.get("year"), cleaned.get("week")
        if year and week:
            from datetime import date

            try:
                date.fromisocalendar(year, week, 1)
            except ValueError:
                self.add_error("week", _("Year %(year)s has no week %(week)s.") % cleaned)
        return cleaned


class SummaryForm(NavFormMixin, forms.ModelForm):
    class Meta:
        model = Summary
        fields = ["headline", "highlight_1", "highlight_2", "highlight_3"]
        labels = {
            "headline": _("Headline"),
            "highlight_1": _("Three things you should know this week: first"),
            "highlight_2": _("Second"),
            "highlight_3": _("Third"),
        }

    def clean(self):
        cleaned = super().clean()
        for name in self.Meta.fields:
            try:
                reject_identity_numbers(cleaned.get(name, ""))
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned


class ScheduleForm(NavFormMixin, forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"],
        help_text=_("The summary publishes itself at this time."),
    )

    def clean_publish_at(self):
        value = self.cleaned_data["publish_at"]
        if value <= timezone.now():
            raise ValidationError(_("Choose a time in the future, or publish now."))
        return value


# Which fields each kind of item has, and what they are called there.
KIND_FIELDS = {
    ItemKind.VACANCY: [
        "organisation_number", "title", "quantity", "occupation", "municipality", "on_date",
        "text", "link", "keep_until",
    ],
    ItemKind.EMPLOYER: [
        "organisation_number", "direction", "title", "quantity", "when_text", "text", "link",
        "keep_until",
    ],
    ItemKind.TREND: ["title", "industry", "municipality", "text", "link", "keep_until"],
    ItemKind.PROGRAMME: [
        "title", "quantity", "provider", "municipality", "on_date", "text", "link", "keep_until",
    ],
    ItemKind.EVENT: ["event_kind", "title", "on_date", "place", "link", "text", "keep_until"],
    ItemKind.KEY_FIGURE: [
        "title", "value", "period", "source", "text", "link", "keep_until",
    ],
}  # fmt: skip
KIND_LABELS = {
    ItemKind.VACANCY: {
        "title": _("Job title"),
        "quantity": _("Number of positions"),
        "on_date": _("Application deadline"),
        "text": _("Requirements"),
        "link": _("Source (link to the advertisement)"),
    },
    ItemKind.EMPLOYER: {
        "title": _("What is happening"),
        "quantity": _("How many people"),
        "when_text": _("When"),
        "text": _("More about it"),
        "link": _("Source (link)"),
    },
    ItemKind.TREND: {
        "title": _("Trend"),
        "text": _("What we see"),
        "link": _("Source (link)"),
    },
    ItemKind.PROGRAMME: {
        "title": _("Kind of measure"),
        "quantity": _("Places"),
        "on_date": _("Start"),
        "text": _("More about it"),
        "link": _("Link"),
    },
    ItemKind.EVENT: {
        "title": _("Name of the event"),
        "on_date": _("Date"),
        "link": _("Sign-up link"),
        "text": _("More about it"),
    },
    ItemKind.KEY_FIGURE: {
        "title": _("What is measured"),
        "text": _("What it means here"),
        "link": _("Link to the statistic"),
    },
}
COMMON_LABELS = {
    "organisation_number": _("Employer's organisation number"),
    "occupation": _("Occupation"),
    "municipality": _("Municipality"),
    "industry": _("Industry"),
    "direction": _("Hiring or downsizing"),
    "event_kind": _("Kind of event"),
    "place": _("Place"),
    "provider": _("Provider"),
    "value": _("Value"),
    "period": _("Period"),
    "source": _("Source"),
    "keep_until": _("Show until (optional)"),
}
REQUIRED = {
    ItemKind.VACANCY: {"organisation_number", "title", "on_date"},
    ItemKind.EMPLOYER: {"organisation_number", "direction", "title"},
    ItemKind.TREND: {"title", "text"},
    ItemKind.PROGRAMME: {"title", "quantity", "on_date"},
    ItemKind.EVENT: {"event_kind", "title", "on_date"},
    ItemKind.KEY_FIGURE: {"title", "value", "period", "source", "text"},
}


class ItemForm(NavFormMixin, forms.ModelForm):
    organisation_number = OrganisationNumberField(required=False)

    class Meta:
        model = Item
        fields = [
            "title", "quantity", "direction", "occupation", "industry", "municipality",
            "on_date", "when_text", "event_kind", "place", "provider", "link", "value",
            "period", "source", "text", "keep_until",
        ]  # fmt: skip
        widgets = {
            "on_date": DateInput(),
            "keep_until": DateInput(),
            "text": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        wanted = KIND_FIELDS[kind]
        for name in list(self.fields):
            if name not in wanted:
                del self.fields[name]
        self.order_fields(wanted)
        labels = {**COMMON_LABELS, **KIND_LABELS[kind]}
        for name, field in self.fields.items():
            field.label = labels.get(name, field.label)
            field.required = name in REQUIRED[kind]
        if "keep_until" in self.fields:
            self.fields["keep_until"].help_text = _(
                "Without a date the item leaves the current views after its deadline, event "
                "date or start, or four weeks after it was written."
            )
        if "event_kind" in self.fields:
            self.fields["event_kind"].choices = [("", "—"), *EventKind.choices]
        if "organisation_number" in self.fields:
            self.fields["organisation_number"].help_text = _("Nine digits, from the register.")
            if self.instance.employer_id and not self.is_bound:
                self.initial["organisation_number"] = self.instance.employer.organisation_number

    def clean_organisation_number(self):
        number = self.cleaned_data["organisation_number"]
        if not number:
            return None
        employer = Employer.objects.active().filter(organisation_number=number).first()
        if employer is None:
            raise ValidationError(
                _("No employer with this organisation number is in the register.")
            )
        return employer

    def clean(self):
        cleaned = super().clean()
        for name in ("title", "text", "occupation", "place", "provider", "when_text", "source"):
            if name in self.fields:
                try:
                    reject_identity_numbers(cleaned.get(name) or "")
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def save(self, commit=False):
        item = super().save(commit=False)
        item.kind = self.kind
        if "organisation_number" in self.fields:
            item.employer = self.cleaned_data.get("organisation_number")
        return item

    def changed_labels(self) -> list[str]:
        return [str(self.fields[name].label) for name in self.changed_data]


class ImportForm(NavFormMixin, forms.Form):
    sheet = forms.FileField(
        label=_("Your sheet (xlsx or csv)"),
        help_text=_("At most 2 MB and 10,000 rows."),
        widget=forms.FileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_sheet(self):
        upload = self.cleaned_data["sheet"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is too large. The limit is 2 MB."), code="too_large")
        return upload


class ConfirmImportForm(NavFormMixin, forms.Form):
    create_employers = forms.BooleanField(
        label=_("Add the new employers to the register"), required=False
    )


class FeedFilterForm(IdentityNumberGuard, forms.Form):
    scope = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("office", _("My office")),
            ("region", _("My region")),
            ("country", _("Whole country")),
        ],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ItemKind.choices]
    )
    industry = forms.CharField(label=_("Industry"), required=False, max_length=100)
    municipality = forms.CharField(label=_("Municipality"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = (
                "aksel-select__input aksel-body-short"
                if select
                else "aksel-text-field__input aksel-body-short"
            )
            field.widget.attrs["id"] = f"filter-{name}"


class ProfileForm(NavFormMixin, forms.ModelForm):
    class Meta:
        model = MarketContactProfile
        fields = ["industries", "phone"]


class RoleDescriptionForm(NavFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Role description (Markdown)"),
        widget=forms.Textarea(attrs={"rows": 20}),
        max_length=20000,
    )


class VacancyMapForm(NavFormMixin, forms.Form):
    """Where the vacancies are: my office or my region, over how many weeks."""

    omrade = forms.ChoiceField(label=_("Area"), required=False, widget=forms.RadioSelect)
    uker = forms.TypedChoiceField(
        label=_("Period"),
        required=False,
        coerce=int,
        widget=forms.RadioSelect,
        choices=[(4, _("Last 4 weeks")), (12, _("Last 12 weeks")), (52, _("Last 52 weeks"))],
    )

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["omrade"].choices = [("office", office.name), ("region", office.region.name)]
