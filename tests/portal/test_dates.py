"""One date style everywhere: «28. nov.», «28. november 2026», lowercase months; and
«nå nettopp» rather than «for 0 minutter siden»."""

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.template import Context, Template
from django.utils import timezone, translation

from portal import dates

NOW = datetime(2026, 11, 28, 14, 5, tzinfo=timezone.get_default_timezone())


@pytest.fixture(autouse=True)
def bokmaal():
    with translation.override("nb"), time_machine.travel(NOW, tick=False):
        yield


def test_short_date_is_day_and_lowercase_month():
    assert dates.short_date(date(2026, 11, 28)) == "28. nov."
    assert dates.short_date(date(2026, 5, 3)) == "3. mai"


def test_short_date_names_the_year_when_it_is_not_this_year():
    assert dates.short_date(date(2025, 12, 1)) == "1. des. 2025"


def test_long_date_writes_the_month_out_in_lowercase():
    assert dates.long_date(date(2026, 11, 28)) == "28. november 2026"


def test_a_time_is_in_local_time_after_kl():
    utc = datetime(2026, 11, 28, 13, 5, tzinfo=UTC)
    assert dates.long_datetime(utc) == "28. november 2026 kl. 14:05"
    assert dates.short_datetime(utc) == "28. nov. kl. 14:05"


@pytest.mark.parametrize("seconds", [0, 20, 59, -120])
def test_under_a_minute_is_just_now_not_zero_minutes(seconds):
    assert dates.ago(NOW - timedelta(seconds=seconds)) == "nå nettopp"


def test_a_longer_time_is_so_long_ago():
    assert dates.ago(NOW - timedelta(minutes=1)) == "for 1\xa0minutt siden"
    assert dates.ago(NOW - timedelta(hours=3, minutes=5)) == "for 3\xa0timer, 5\xa0minutter siden"


def test_empty_values_are_empty():
    assert [dates.short_date(None), dates.long_datetime(None), dates.ago(None)] == ["", "", ""]


def test_the_template_filters_are_the_same_functions():
    html = Template(
        "{% load portal_tags %}{{ day|short_date }}|{{ day|long_date }}|{{ when|ago }}"
    ).render(Context({"day": date(2026, 11, 28), "when": NOW}))
    assert html == "28. nov.|28. november 2026|nå nettopp"


def test_an_item_reviewed_just_now_says_so():
    html = Template("{% include 'portal/includes/freshness.html' %}").render(
        Context(
            {
                "item": type(
                    "Item",
                    (),
                    {
                        "last_reviewed_at": NOW,
                        "last_reviewed_by": None,
                        "freshness_tag_color": "success",
                        "get_freshness_display": "Fersk",
                    },
                )()
            }
        )
    )
    assert "Oppdatert nå nettopp" in html
    assert "0\xa0minutter" not in html


def test_no_template_writes_a_date_its_own_way():
    """|date with a format of its own (Nov, 28.11.2026) bypasses the one style; only the week
    number and a clock time may."""
    root = Path(__file__).resolve().parents[2]
    own = []
    for path in [*root.glob("templates/**/*.*"), *root.glob("*/templates/**/*.*")]:
        for fmt in re.findall(r'\|date:"([^"]*)"', path.read_text()):
            if fmt not in {"W", "H:i", "c", "Y-m-d"}:
                own.append(f"{path.relative_to(root)}: {fmt}")
    assert not own
