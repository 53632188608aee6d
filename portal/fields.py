"""Form fields that ask the way a person would answer."""

from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _


class ReviewIntervalField(forms.IntegerField):
    """FreshContent.review_interval as a number of days («365»), not Django's «365 00:00:00».
    Forms name it in Meta.field_classes."""

    def __init__(self, **kwargs):
        for key in ("max_length", "encoder", "decoder"):
            kwargs.pop(key, None)
        kwargs["label"] = _("Days between reviews")
        kwargs["help_text"] = _("For example 365: once a year.")
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 3650)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, timedelta):
            return value.days
        return value

    def clean(self, value):
        # The range is checked on the number first: a huge one would overflow timedelta.
        days = super().clean(value)
        return None if days is None else timedelta(days=days)
