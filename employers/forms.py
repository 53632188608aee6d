from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from employers.models import (
    CALLBACK_TOPICS,
    Callback,
    CallbackStatus,
    Channel,
    ContactEntry,
    ContactPerson,
    ConversationGuide,
    Employer,
    PlannedContact,
    Topic,
    topic_label,
)
from employers.register.readers import GZIP_MAGIC
from portal.fields import ReviewIntervalField
from portal.forms import NavFormMixin, OrganisationNumberField
from portal.models import Office, Role, User
from portal.slugs import NorwegianSlugField
from portal.widgets import (
    ModelOptionsSelect,
    QuickCheckboxSelectMultiple,
    QuickHiddenInput,
    QuickInputMixin,
    QuickSelect,
    QuickTextarea,
    offer,
)

LOG_REMINDER = _(
    "The log is about the employer, not about job seekers. Write no names, national identity "
    "numbers or other sensitive personal data about job seekers. At most 1,000 characters."
)


class DateInput(QuickInputMixin, forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _topics_field(choices=Topic.choices) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Topics"),
        choices=choices,
        widget=QuickCheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one topic.")},
    )


class SearchForm(NavFormMixin, forms.Form):
    q = forms.CharField(label=_("Search by name or organisation number"), required=False)


class OfficeFilterForm(NavFormMixin, forms.Form):
    """The office filter over the employer's timeline and the contact log: its 260 options are
    written by ModelOptionsSelect in 0.2 ms, where a template loop over them took 6 ms."""

    kontor = forms.IntegerField(
        required=False,
        widget=ModelOptionsSelect("name", queryset=Office.objects.order_by("name")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kontor"].widget.empty_label = _("All offices")


class EmployerForm(NavFormMixin, forms.ModelForm):
    main_unit_number = OrganisationNumberField(
        label=_("Main unit's organisation number"),
        required=False,
        help_text=_("Fill in only for a sub-unit (underenhet)."),
    )

    class Meta:
        model = Employer
        fields = [
            "organisation_number",
            "name",
            "industry_code",
            "industry_text",
            "municipality",
            "municipality_number",
            "address",
            "postal_code",
            "postal_place",
            "size_band",
            "notes",
        ]
        field_classes = {"organisation_number": OrganisationNumberField}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"organisation_number": _("Nine digits, as in the Brønnøysund register.")}
        error_messages = {
            "organisation_number": {
                "unique": _("An employer with this organisation number is already registered.")
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation_number"].widget.attrs.update(inputmode="numeric")
        if self.instance.pk and self.instance.main_unit_id:
            self.fields["main_unit_number"].initial = self.instance.main_unit.organisation_number

    def clean_main_unit_number(self) -> Employer | None:
        number = self.cleaned_data["main_unit_number"]
        if not number:
            return None
        main_unit = Employer.objects.active().filter(organisation_number=number).first()
        if main_unit is None:
            raise forms.ValidationError(
                _("No employer with this organisation number is registered.")
            )
        if main_unit.main_unit_id:
            raise forms.ValidationError(_("This is a sub-unit; give its main unit instead."))
        if self.instance.pk and main_unit.pk == self.instance.pk:
            raise forms.ValidationError(_("An employer cannot be its own main unit."))
        return main_unit

    def save(self, commit: bool = True) -> Employer:
        self.instance.main_unit = self.cleaned_data.get("main_unit_number")
        return super().save(commit=commit)


class ContactPersonForm(NavFormMixin, forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "role", "phone", "email"]
        help_texts = {"name": _("Business contact data only.")}


class ContactEntryForm(NavFormMixin, forms.ModelForm):
    topics = _topics_field()
    # The contacts the duplicate warning listed (views.duplicates), recorded on saving.
    warnings = forms.CharField(required=False, widget=QuickHiddenInput)

    class Meta:
        model = ContactEntry
        fields = [
            "contacted_on",
            "channel",
            "topics",
            "summary",
            "outcome",
            "contact_person",
            "follow_up_on",
            "follow_up_assignee",
        ]
        widgets = {
            "contacted_on": DateInput(),
            "channel": QuickSelect,
            "contact_person": QuickSelect,
            "follow_up_assignee": QuickSelect,
            "follow_up_on": DateInput(),
            "summary": QuickTextarea(attrs={"rows": 4, "maxlength": 1000}),
            "outcome": QuickTextarea(attrs={"rows": 2, "maxlength": 1000}),
        }
        help_texts = {
            "summary": LOG_REMINDER,
            "outcome": _("What was agreed, or what happens next."),
            "follow_up_on": _("Optional: the colleague below gets a reminder on this day."),
        }

    def __init__(self, *args, employer: Employer, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["channel"].choices = Channel.choices
        self.fields["contact_person"].queryset = employer.contact_persons.active()
        colleagues = User.objects.filter(is_active=True, office_id=user.office_id)
        assignee = self.fields["follow_up_assignee"]
        assignee.queryset = colleagues.order_by("first_name", "last_name")
        assignee.label = _("Follow-up by")
        # The options from names alone: a whole user row per colleague cost more than
        # the query. Choosing still validates against the queryset.
        names = assignee.queryset.values_list("pk", "first_name", "last_name", "username")
        assignee.widget.choices = [
            ("", assignee.empty_label),
            *((pk, f"{first} {last}".strip() or username) for pk, first, last, username in names),
        ]

    def clean_contacted_on(self):
        day = self.cleaned_data["contacted_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The date of a contact cannot be in the future."))
        return day

    def clean(self):
        cleaned = super().clean()
        follow_up_on = cleaned.get("follow_up_on")
        if cleaned.get("follow_up_assignee") and not follow_up_on:
            self.add_error("follow_up_on", _("Give a date for the follow-up."))
        elif follow_up_on and not cleaned.get("follow_up_assignee"):
            cleaned["follow_up_assignee"] = self.user
        return cleaned


class PlannedContactForm(NavFormMixin, forms.ModelForm):
    topics = _topics_field()
    warnings = forms.CharField(required=False, widget=forms.HiddenInput)  # as above

    class Meta:
        model = PlannedContact
        fields = ["planned_on", "channel", "topics", "note"]
        widgets = {
            "planned_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        }
        help_texts = {"note": LOG_REMINDER}

    def clean_planned_on(self):
        day = self.cleaned_data["planned_on"]
        if day and day < timezone.localdate():
            raise forms.ValidationError(_("Plan a day from today onwards."))
        return day


class CallbackForm(NavFormMixin, forms.ModelForm):
    topic = forms.ChoiceField(
        label=_("Topic"),
        choices=[(t.value, t.label) for t in CALLBACK_TOPICS],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Callback
        fields = [
            "contact_person",
            "contact_name",
            "phone",
            "topic",
            "preferred_time",
            "note",
            "office",
            "assigned_to",
        ]
        widgets = {
            "contact_person": QuickSelect,
            "note": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
            "office": ModelOptionsSelect("name"),
            "assigned_to": QuickSelect,
        }
        help_texts = {
            "contact_name": _("The person at the employer who asked to be called."),
            "preferred_time": _("For example: Tuesday before 10."),
            "note": LOG_REMINDER,
            "office": _("The office whose market contacts call back."),
        }

    def __init__(self, *args, employer: Employer, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].queryset = employer.contact_persons.active()
        self.fields["contact_person"].required = False
        # All 260 offices: written from their names, not through an option template each.
        offer(self.fields["office"], Office.objects.order_by("name"))
        self.fields["office"].initial = user.office_id
        # Only the employers' own contact form may leave a request to the region's queue.
        self.fields["office"].required = True
        self.fields["assigned_to"].queryset = (
            User.objects.filter(is_active=True, office_id=user.office_id)
            .with_role(Role.MARKET_CONTACT)
            .order_by("first_name")
        )
        self.fields["assigned_to"].help_text = _("A market contact of your office (optional).")

    def clean(self):
        cleaned = super().clean()
        assignee, office = cleaned.get("assigned_to"), cleaned.get("office")
        if assignee and office and assignee.office_id != office.pk:
            self.add_error("assigned_to", _("Choose a market contact of the chosen office."))
        return cleaned


class CallbackAction(models.TextChoices):
    """The buttons of the callback page: a callback reaches «Done» only with a log entry of
    the call or a reason why no contact was made."""

    SAVE = "save", _("Save")
    LOG = "log", _("Done – log the contact")
    NO_CONTACT = "no_contact", _("Done – no contact was made")


class CallbackWorkForm(NavFormMixin, forms.Form):
    # Not required: the two «Done» buttons set it themselves.
    status = forms.ChoiceField(
        label=_("Status"), choices=CallbackStatus.choices, widget=forms.RadioSelect, required=False
    )
    assigned_to = forms.ModelChoiceField(
        label=_("Assigned to"), queryset=User.objects.none(), required=False
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, required=False)
    summary = forms.CharField(
        label=_("Summary for the log"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
        help_text=LOG_REMINDER,
    )
    no_contact_reason = forms.CharField(
        label=_("Why was no contact made?"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
        help_text=_("For example: no answer after three tries, or the employer withdrew."),
    )

    def __init__(self, *args, callback: Callback, **kwargs):
        topic = str(topic_label(callback.topic))
        kwargs.setdefault(
            "initial",
            {
                "status": callback.status,
                "assigned_to": callback.assigned_to_id,
                "channel": Channel.PHONE,
                # The request's own words as a start, so that logging the call is one click.
                "summary": _("Called back about %(topic)s.")
                % {"topic": topic[:1].lower() + topic[1:]}  # mid-sentence, "IA" kept
                + (f" {callback.note}" if callback.note else ""),
            },
        )
        super().__init__(*args, **kwargs)
        self.callback = callback
        self.action = CallbackAction.SAVE
        self.fields["assigned_to"].queryset = (
            User.objects.filter(is_active=True, office_id=callback.office_id)
            .filter(roles__overlap=[Role.MARKET_CONTACT, Role.MANAGER])
            .order_by("first_name")
        )

    def clean_summary(self):
        from portal.validators import reject_identity_numbers

        summary = self.cleaned_data["summary"].strip()
        reject_identity_numbers(summary)
        return summary

    def clean_no_contact_reason(self):
        from portal.validators import reject_identity_numbers

        reason = self.cleaned_data["no_contact_reason"].strip()
        reject_identity_numbers(reason)
        return reason

    def clean(self):
        cleaned = super().clean()
        action = self.data.get("action", CallbackAction.SAVE)
        self.action = action if action in CallbackAction.values else CallbackAction.SAVE
        if self.action == CallbackAction.LOG:
            cleaned["status"] = CallbackStatus.DONE
            if not cleaned.get("summary") and "summary" not in self.errors:
                self.add_error("summary", _("Write a short summary for the log."))
            if not cleaned.get("channel"):
                self.add_error("channel", _("Choose how you were in touch."))
        elif self.action == CallbackAction.NO_CONTACT:
            cleaned["status"] = CallbackStatus.DONE
            if not cleaned.get("no_contact_reason") and "no_contact_reason" not in self.errors:
                self.add_error("no_contact_reason", _("Say why no contact was made."))
        else:
            cleaned["status"] = cleaned.get("status") or self.callback.status
        already_done = self.callback.status == CallbackStatus.DONE
        if (
            self.action == CallbackAction.SAVE
            and cleaned["status"] == CallbackStatus.DONE
            and not already_done
        ):
            self.add_error(
                "status",
                _(
                    "A callback is closed with one of the buttons above: log the contact, "
                    "or say why no contact was made."
                ),
            )
        return cleaned


class ConversationGuideForm(NavFormMixin, forms.ModelForm):
    class Meta:
        model = ConversationGuide
        fields = [
            "kind",
            "title",
            "slug",
            "region",
            "introduction",
            "questions",
            "offers",
            "checklist",
            "content_kind",
            "review_interval",
            "is_published",
        ]
        field_classes = {"slug": NorwegianSlugField, "review_interval": ReviewIntervalField}
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 3}),
            "questions": forms.Textarea(attrs={"rows": 8}),
            "offers": forms.Textarea(attrs={"rows": 8}),
            "checklist": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not (user.is_superuser or user.editor_region_id is None):
            self.fields["region"].queryset = self.fields["region"].queryset.filter(
                pk=user.editor_region_id
            )
            self.fields["region"].required = True

    def clean_region(self):
        from portal.permissions import can_edit_content

        region = self.cleaned_data.get("region")
        if not can_edit_content(self.user, region):
            raise forms.ValidationError(_("You may write guides only for your own region."))
        return region


class ImportForm(NavFormMixin, forms.Form):
    file = forms.FileField(
        label=_("File from the Brønnøysund register"),
        help_text=_(
            "Main units (enheter) or sub-units (underenheter), as published: the CSV file or "
            "the gzipped JSON file."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        head = upload.read(4096)
        upload.seek(0)
        # The register publishes text or gzip; a zip, an image or any other binary is the
        # wrong file. What the file holds is read later, in the import's own process.
        if not head.startswith(GZIP_MAGIC) and (
            b"\x00" in head or head.startswith((b"PK\x03\x04", b"\x89PNG", b"\xd0\xcf\x11\xe0"))
        ):
            raise forms.ValidationError(
                _("This is not a file from the register: upload its CSV or gzipped JSON file."),
                code="not_register_file",
            )
        return upload
