"""Forms of «Spør fagmiljøet» (NavFormMixin guards every free-text field against identity
numbers; errors in Norwegian beside the field)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from learning.models import CompetenceArea
from learning.questions import ExpertQuestion
from portal.forms import NavFormMixin
from portal.models import User

NO_NAMES = _(
    "Describe the situation, not the person: no names of job seekers or colleagues, and no "
    "identity numbers. Colleagues see the question without your name."
)
REVIEW_MONTHS = [(3, _("Every 3 months")), (6, _("Every 6 months")), (12, _("Every year"))]


class QuestionAskForm(NavFormMixin, forms.ModelForm):
    class Meta:
        model = ExpertQuestion
        fields = ["title", "area", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}
        help_texts = {"text": NO_NAMES}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.asker = user
        self.fields["area"].queryset = CompetenceArea.objects.order_by("order")

    def clean(self):
        data = super().clean()
        # The question is shown without the asker's name: one signed in the text would undo it.
        name = self.asker.get_full_name().strip().casefold()
        for field in ("title", "text"):
            if name and name in (data.get(field) or "").casefold():
                self.add_error(
                    field, _("Leave your name out: colleagues see the question without it.")
                )
        return data


class AnswerForm(NavFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Point to the rules or the module that settles it, if you can."),
    )


class FaqPublishForm(NavFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    question = forms.CharField(
        label=_("Question"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Write it for everyone: take out what points to one person's case."),
    )
    answer = forms.CharField(
        label=_("Answer"), max_length=6000, widget=forms.Textarea(attrs={"rows": 8})
    )
    review_months = forms.TypedChoiceField(
        label=_("Review"),
        choices=REVIEW_MONTHS,
        coerce=int,
        initial=12,
        help_text=_("You own the entry and are told when it is due for review."),
    )


class ExpertNameForm(NavFormMixin, forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    area = forms.ModelChoiceField(
        label=_("Competence area"), queryset=CompetenceArea.objects.order_by("order")
    )

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = User.objects.in_office(office).order_by(
            "first_name", "last_name"
        )
