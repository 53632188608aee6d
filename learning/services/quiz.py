"""Scoring quiz attempts, and saving a quiz's questions."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from learning.models import Module, Progress, Question, QuizAttempt
from learning.services.progress import module_complete
from portal.models import User


@dataclass
class QuestionResult:
    question: Question
    selected: set[int]
    correct: bool
    feedback: list[str] = field(default_factory=list)


def quiz_score(
    questions: Iterable[Question], answers: Mapping[int, Iterable[int]]
) -> tuple[int, list[QuestionResult]]:
    """A question counts as right when exactly the correct choices are chosen."""
    results = []
    for question in questions:
        choices = list(question.choices.all())
        chosen = {int(c) for c in answers.get(question.pk, [])}
        right = {c.pk for c in choices if c.correct}
        results.append(
            QuestionResult(
                question=question,
                selected=chosen,
                correct=chosen == right,
                feedback=[c.feedback for c in choices if c.pk in chosen and c.feedback],
            )
        )
    if not results:
        return 0, results
    score = round(100 * sum(r.correct for r in results) / len(results))
    return score, results


class EmptyQuizSubmit(ValueError):
    """Nothing was chosen: not an attempt, so nothing is counted or kept."""


def quiz_submit(
    *, user: User, module: Module, answers: Mapping[int, Iterable[int]]
) -> tuple[QuizAttempt, list[QuestionResult], Progress]:
    """Score an attempt, keep the best score, complete the module on a pass."""
    answers = {k: list(v) for k, v in answers.items()}
    if not any(answers.values()):
        raise EmptyQuizSubmit
    questions = module.questions.prefetch_related("choices")
    score, results = quiz_score(questions, answers)
    passed = score >= module.pass_mark
    with transaction.atomic():
        attempt = QuizAttempt.objects.create(
            user=user,
            module=module,
            score=score,
            passed=passed,
            answers={str(k): sorted(int(c) for c in v) for k, v in answers.items()},
        )
        progress, _created = Progress.objects.select_for_update().get_or_create(
            user=user, module=module
        )
        progress.attempts += 1
        progress.best_score = max(progress.best_score or 0, score)
        progress.updated_at = timezone.now()
        progress.save(update_fields=["attempts", "best_score", "updated_at"])
        if passed and not module.is_field_practice:
            progress = module_complete(user=user, module=module)
            progress.refresh_from_db()
    return attempt, results, progress


def question_save(*, question: Question, choices) -> Question:
    """Save a question and its choices (an inline formset) together, or nothing."""
    with transaction.atomic():
        question.save()
        choices.instance = question
        for position, form in enumerate(choices.forms):
            form.instance.order = position  # the answers keep the order they are shown in
        choices.save()
    return question


def question_delete(*, question: Question) -> None:
    with transaction.atomic():
        question.delete()
