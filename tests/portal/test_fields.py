"""A review interval is asked for in days, as a person would answer."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from learning.forms import ModuleForm
from portal.fields import ReviewIntervalField


def test_days_are_a_review_interval():
    assert ReviewIntervalField().clean("180") == timedelta(days=180)


def test_the_interval_is_shown_as_days_not_as_a_duration():
    assert ReviewIntervalField().prepare_value(timedelta(days=365)) == 365


@pytest.mark.parametrize("typed", ["0", "-3", "9999", "9" * 30, "365 00:00:00", "et år"])
def test_no_nonsense_interval(typed):
    with pytest.raises(ValidationError):
        ReviewIntervalField().clean(typed)


def test_the_module_form_asks_in_bokmaal():
    with translation.override("nb"):
        field = ModuleForm.base_fields["review_interval"]
        assert str(field.label) == "Dager mellom gjennomgangene"
        assert "00:00:00" not in str(field.help_text)
