from datetime import timedelta

import pytest
from django.urls import reverse

from learning import services
from learning.models import Assignment, AssignmentStatus, Progress, ProgressStatus, QuestionKind
from tests.factories import UserFactory
from tests.learning.factories import AssignmentFactory, ModuleFactory, quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def module():
    m = ModuleFactory(pass_mark=100, renewal_months=12)
    quiz(
        m,
        [
            (QuestionKind.SINGLE, [("Riktig", True), ("Galt", False)]),
            (QuestionKind.MULTIPLE, [("A", True), ("B", True), ("C", False)]),
        ],
    )
    return m


def answers(module, picks):
    """picks: per question, the texts chosen."""
    result = {}
    for q, texts in zip(module.questions.all(), picks, strict=True):
        result[q.pk] = [c.pk for c in q.choices.all() if c.text in texts]
    return result


def test_multiple_choice_counts_only_when_exactly_the_right_choices_are_chosen(module):
    score, results = services.quiz_score(
        module.questions.prefetch_related("choices"), answers(module, [["Riktig"], ["A"]])
    )
    assert score == 50
    assert [r.correct for r in results] == [True, False]
    assert results[1].feedback == ["Om A"]
    score, _ = services.quiz_score(
        module.questions.all(), answers(module, [["Riktig"], ["A", "B", "C"]])
    )
    assert score == 50


def test_failed_then_passed_keeps_the_best_score_and_completes(module):
    user = UserFactory()
    assignment = AssignmentFactory(user=user, module=module)
    attempt, _, progress = services.quiz_submit(
        user=user, module=module, answers=answers(module, [["Galt"], ["A"]])
    )
    assert (attempt.score, attempt.passed, progress.status) == (
        0,
        False,
        ProgressStatus.IN_PROGRESS,
    )
    attempt, _, progress = services.quiz_submit(
        user=user, module=module, answers=answers(module, [["Riktig"], ["A", "B"]])
    )
    assert attempt.passed and progress.status == ProgressStatus.COMPLETED
    assert progress.expires_on is not None
    assert progress.expires_on - progress.completed_at.date() >= timedelta(days=365)
    # A worse later attempt does not lower the best score.
    services.quiz_submit(user=user, module=module, answers=answers(module, [["Galt"], []]))
    progress = Progress.objects.get(user=user, module=module)
    assert (progress.best_score, progress.attempts) == (100, 3)
    assert Assignment.objects.get(pk=assignment.pk).status == AssignmentStatus.COMPLETED


def test_quiz_page_shows_feedback_per_answer(client, module):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("learning:quiz", args=[module.slug]),
        {f"q{q}": c for q, c in answers(module, [["Galt"], ["A"]]).items()},
    )
    assert response.status_code == 200
    assert "Om Galt" in response.content.decode()
    assert Progress.objects.get(user=user, module=module).best_score == 0


def test_new_version_shows_what_has_changed(client, module):
    user = UserFactory()
    services.module_complete(user=user, module=module)
    module.body = "Ny tekst"
    services.module_save(module=module, by=user, change_note="Nye regler for tilskudd.")
    client.force_login(user)
    page = client.get(module.get_absolute_url()).content.decode()
    assert "Nye regler for tilskudd." in page


def test_reading_a_quiz_module_by_htmx_keeps_the_quiz_as_the_way_to_finish(client, module):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("learning:module_progress", args=[module.slug]),
        {"percent": 50},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert '<progress max="100" value="50"' in html
    assert "Marker som fullført" not in html
    assert Progress.objects.get(user=user, module=module).status == ProgressStatus.IN_PROGRESS
