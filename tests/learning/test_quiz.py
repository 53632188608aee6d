from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import (
    Assignment,
    AssignmentStatus,
    Progress,
    ProgressStatus,
    QuestionKind,
    QuizAttempt,
)
from learning.services.content import module_save
from learning.services.progress import module_complete
from learning.services.quiz import EmptyQuizSubmit, quiz_score, quiz_submit
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
    score, results = quiz_score(
        module.questions.prefetch_related("choices"), answers(module, [["Riktig"], ["A"]])
    )
    assert score == 50
    assert [r.correct for r in results] == [True, False]
    assert results[1].feedback == ["Om A"]
    score, _ = quiz_score(module.questions.all(), answers(module, [["Riktig"], ["A", "B", "C"]]))
    assert score == 50


def test_failed_then_passed_keeps_the_best_score_and_completes(module):
    user = UserFactory()
    assignment = AssignmentFactory(user=user, module=module)
    attempt, _, progress = quiz_submit(
        user=user, module=module, answers=answers(module, [["Galt"], ["A"]])
    )
    assert (attempt.score, attempt.passed, progress.status) == (
        0,
        False,
        ProgressStatus.IN_PROGRESS,
    )
    attempt, _, progress = quiz_submit(
        user=user, module=module, answers=answers(module, [["Riktig"], ["A", "B"]])
    )
    assert attempt.passed and progress.status == ProgressStatus.COMPLETED
    assert progress.expires_on is not None
    assert progress.expires_on - progress.completed_at.date() >= timedelta(days=365)
    # A worse later attempt does not lower the best score.
    quiz_submit(user=user, module=module, answers=answers(module, [["Galt"], []]))
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
    module_complete(user=user, module=module)
    module.body = "Ny tekst"
    module_save(module=module, by=user, change_note="Nye regler for tilskudd.")
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


def quiz_url(module):
    return reverse("learning:quiz", args=[module.slug])


def post_data(module, picks):
    return {f"q{q}": c for q, c in answers(module, picks).items()}


def test_a_wrong_submit_keeps_the_answers_and_shows_the_right_ones_with_why(client, module):
    first, second = module.questions.all()
    first.explanation = "Fordi det står i regelverket."
    first.save()
    client.force_login(UserFactory())

    html = client.post(quiz_url(module), post_data(module, [["Galt"], ["A"]])).content.decode()

    riktig, galt = first.choices.all()
    a, b, c = second.choices.all()
    # What was chosen is still chosen; what was not is not.
    assert f'id="c{galt.pk}" checked' in html and f'id="c{a.pk}" checked' in html
    assert f'id="c{riktig.pk}" checked' not in html and f'id="c{b.pk}" checked' not in html
    verdicts = {
        choice: html[html.index(f'id="c{choice.pk}-verdict"') :].split("</p>")[0]
        for choice in (galt, riktig, a, b)
    }
    assert "Du valgte dette, men det er ikke riktig." in verdicts[galt]
    assert "Riktig svar – du valgte det ikke." in verdicts[riktig]
    assert "Riktig svar, og du valgte det." in verdicts[a]
    assert "Riktig svar – du valgte det ikke." in verdicts[b]
    assert f'id="c{c.pk}-verdict"' not in html  # neither right nor chosen: nothing to say
    assert "Forklaring:</strong> Fordi det står i regelverket." in html


def test_a_question_marked_not_right_never_calls_the_chosen_wrong_answer_right(client, module):
    """The old page put a choice's own feedback after the verdict: "Ikke riktig — Ja."."""
    client.force_login(UserFactory())
    html = client.post(quiz_url(module), post_data(module, [["Riktig"], ["A", "C"]])).text
    second = module.questions.all()[1]
    a, b, c = second.choices.all()
    block = html[html.index(f'id="q{second.pk}"') :].split("</legend>")[0]
    assert "Ikke riktig" in block

    def verdict(choice):
        return html[html.index(f'id="c{choice.pk}-verdict"') :].split("</p>")[0]

    assert "Riktig svar, og du valgte det." in verdict(a)
    assert "Riktig svar – du valgte det ikke." in verdict(b)
    assert "Du valgte dette, men det er ikke riktig." in verdict(c) and "Om C" in verdict(c)


@pytest.mark.parametrize("picks", [[[], []], [["Riktig"], []]])
def test_an_unanswered_question_is_not_an_attempt(client, module, picks):
    user = UserFactory()
    client.force_login(user)

    response = client.post(quiz_url(module), post_data(module, picks))

    html = response.content.decode()
    second = module.questions.all()[1]
    assert 'id="quiz-errors"' in html and "Ingenting er telt" in html
    assert f'id="q{second.pk}-error"' in html and "Velg minst ett svar." in html
    assert 'id="quiz-result"' not in html
    assert not QuizAttempt.objects.filter(user=user).exists()
    assert not Progress.objects.filter(user=user, module=module).exists()
    if picks[0]:
        chosen = module.questions.all()[0].choices.get(text="Riktig")
        assert f'id="c{chosen.pk}" checked' in html


def test_the_service_refuses_an_empty_attempt(module):
    user = UserFactory()
    with pytest.raises(EmptyQuizSubmit):
        quiz_submit(user=user, module=module, answers=answers(module, [[], []]))
    assert not QuizAttempt.objects.filter(user=user).exists()


def test_after_passing_next_leads_to_the_next_due_item(client, module):
    user = UserFactory()
    today = timezone.localdate()
    AssignmentFactory(user=user, module=module, due_on=today)
    later = AssignmentFactory(user=user, module__title="Senere", due_on=today + timedelta(days=30))
    sooner = AssignmentFactory(user=user, module__title="Snart", due_on=today + timedelta(days=3))
    client.force_login(user)

    html = client.post(quiz_url(module), post_data(module, [["Riktig"], ["A", "B"]])).text

    assert "Bestått med 100 %" in html
    link = f'href="{sooner.module.get_absolute_url()}"'
    assert link in html and "Neste: Snart" in html
    assert later.module.get_absolute_url() not in html


def test_after_passing_with_nothing_else_due_the_page_says_so(client, module):
    client.force_login(UserFactory())
    html = client.post(quiz_url(module), post_data(module, [["Riktig"], ["A", "B"]])).text
    assert "Du har ikke flere oppgaver med frist." in html


def test_the_editor_writes_why_the_right_answer_is_right(client, module):
    editor = UserFactory(is_superuser=True)
    client.force_login(editor)
    question = module.questions.first()
    choices = list(question.choices.all())
    data = {
        "question-text": question.text,
        "question-kind": question.kind,
        "question-explanation": "Fordi loven sier det.",
        "question-order": 0,
        "choices-TOTAL_FORMS": 2,
        "choices-INITIAL_FORMS": 2,
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
    }
    for i, c in enumerate(choices):
        data |= {
            f"choices-{i}-id": c.pk,
            f"choices-{i}-text": c.text,
            f"choices-{i}-correct": "on" if c.correct else "",
            f"choices-{i}-feedback": c.feedback,
        }
    response = client.post(reverse("learning:question_edit", args=[module.slug, question.pk]), data)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.explanation == "Fordi loven sier det."
