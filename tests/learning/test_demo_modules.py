"""The demo modules are honest about their minutes, and their quizzes explain themselves."""

import re

import pytest

from learning.demo import MODULES, QUIZZES

READING_WORDS_PER_MINUTE = 150  # a careful reading of a text one is to learn from


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m[0])
def test_a_modules_minutes_cover_its_text_and_its_time_plan_adds_up(module):
    _slug, _title, _area, _phase, _form, _level, _roles, minutes, _summary, body = module
    assert len(body.split()) / READING_WORDS_PER_MINUTE <= minutes
    plan = next((p for p in body.split("\n\n") if p.startswith("**")), "")
    if plan:
        parts = [int(n) for n in re.findall(r"\((\d+) min\)", plan)]
        assert sum(parts) == minutes, plan
        assert f"{minutes} minutt" in plan


def test_the_long_modules_say_how_their_time_is_spent():
    long = [m for m in MODULES if m[7] >= 15]
    assert all(m[9].startswith("**") for m in long), [m[0] for m in long if m[9][:2] != "**"]


@pytest.mark.parametrize("slug", QUIZZES)
def test_every_question_explains_and_no_feedback_is_a_bare_verdict(slug):
    for text, _kind, explanation, choices in QUIZZES[slug]:
        assert explanation, text
        for answer, _correct, feedback in choices:
            first = feedback.split()[0].strip(".,:").lower()
            assert first not in {"ja", "nei", "riktig", "feil"}, (answer, feedback)
