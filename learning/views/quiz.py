"""Taking a module's quiz, and editing its questions."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from learning.forms import ChoiceFormSet, QuestionForm
from learning.models import Assignment, Progress, Question
from learning.services import quiz as services
from learning.views.common import editable_module, visible_module


@dataclass
class QuizItem:
    """A question as the quiz page shows it: what the person chose, and after a submit the
    verdict, or that it was left unanswered."""

    question: Question
    chosen: set[int] = field(default_factory=set)
    result: services.QuestionResult | None = None
    unanswered: bool = False


def _quiz_answers(data, questions: list[Question]) -> dict[int, set[int]]:
    """Each question's chosen choices; ids that are not the question's own are dropped."""
    answers = {}
    for q in questions:
        own = {c.pk for c in q.choices.all()}
        answers[q.pk] = {int(v) for v in data.getlist(f"q{q.pk}") if v.isdecimal()} & own
    return answers


@login_required
@require_http_methods(["GET", "POST"])
def quiz(request: HttpRequest, slug: str) -> HttpResponse:
    module = visible_module(request.user, slug)
    questions = list(module.questions.prefetch_related("choices"))
    if not questions:
        raise Http404
    attempt = next_due = None
    answers: dict[int, set[int]] = {}
    results: dict[int, services.QuestionResult] = {}
    progress = Progress.objects.filter(user=request.user, module=module).first()
    if request.method == "POST":
        answers = _quiz_answers(request.POST, questions)
        # A question left out would be scored as wrong without the person meaning to answer
        # it: ask for it instead, and count nothing.
        if all(answers.values()):
            attempt, scored, progress = services.quiz_submit(
                user=request.user, module=module, answers=answers
            )
            results = {r.question.pk: r for r in scored}
            if attempt.passed:
                next_due = Assignment.objects.for_user(request.user).open().next_due_after(module)
    items = [
        QuizItem(
            question=q,
            chosen=answers.get(q.pk, set()),
            result=results.get(q.pk),
            unanswered=bool(answers) and not answers[q.pk],
        )
        for q in questions
    ]
    context = {
        "module": module,
        "items": items,
        "unanswered": sum(item.unanswered for item in items),
        "attempt": attempt,
        "progress": progress,
        "next_due": next_due,
    }
    return render(request, "learning/quiz.html", context)


@login_required
def quiz_editor(request: HttpRequest, slug: str) -> HttpResponse:
    module = editable_module(request.user, slug)
    questions = module.questions.prefetch_related("choices")
    return render(request, "learning/quiz_editor.html", {"module": module, "questions": questions})


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    module = editable_module(request.user, slug)
    if pk is None:
        question = Question(module=module)
    else:  # an id that is no question of the module, 0 included, is not found
        question = get_object_or_404(Question, module=module, pk=pk)
    data = request.POST if request.method == "POST" else None
    form = QuestionForm(data, instance=question, prefix="question")
    choices = ChoiceFormSet(data, instance=question, prefix="choices")
    if data is not None and form.is_valid():
        choices.kind = form.cleaned_data["kind"]
        if choices.is_valid():
            services.question_save(question=form.save(commit=False), choices=choices)
            messages.success(request, _("The question is saved."))
            return redirect("learning:quiz_editor", module.slug)
    elif data is not None:
        choices.is_valid()  # show the answers' errors too
    return render(
        request,
        "learning/question_form.html",
        {"module": module, "question": question, "form": form, "choices": choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    module = editable_module(request.user, slug)
    question = get_object_or_404(Question, module=module, pk=pk)
    if request.method == "POST":
        services.question_delete(question=question)
        messages.success(request, _("The question is deleted."))
        return redirect("learning:quiz_editor", module.slug)
    return render(
        request, "learning/question_delete.html", {"module": module, "question": question}
    )
