"""«Spør fagmiljøet»: the questions and their answers, asking, answering, publishing an answer
as an FAQ entry, and the manager's page naming the office's experts.

Every signed-in user sees every question and answer, without the asker's name; the name is
in the page only for those learning.permissions.can_see_asker allows.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from learning import permissions as perms
from learning.forms_questions import AnswerForm, ExpertNameForm, FaqPublishForm, QuestionAskForm
from learning.models import CompetenceArea
from learning.questions import Expert, ExpertAnswer, ExpertQuestion, Faq
from learning.services import questions as services
from learning.views.common import managed_office
from portal import permissions as core
from portal.usage import record_view

QUESTIONS_PAGE_SIZE = 30
FAQ_SHOWN = 10


@login_required
def questions(request: HttpRequest) -> HttpResponse:
    areas = list(CompetenceArea.objects.order_by("order"))
    area = next((a for a in areas if a.slug == request.GET.get("area")), None)
    rows = ExpertQuestion.objects.listed().only(
        "title", "text", "created_at", "area__name", "area__slug", "region__name"
    )
    faqs = Faq.objects.listed().only("title", "area__name", "created_at")
    if area is not None:
        rows = rows.filter(area=area)
        faqs = faqs.filter(area=area)
    page = Paginator(rows, QUESTIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/questions/list.html",
        {"page": page, "areas": areas, "area": area, "faqs": faqs[:FAQ_SHOWN]},
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_ask(request: HttpRequest) -> HttpResponse:
    if request.user.office_id is None:
        raise PermissionDenied  # the question goes to the experts of the asker's region
    form = QuestionAskForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        question = services.question_ask(asker=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("Your question has been sent to the experts. You are told when it is answered."),
        )
        return redirect(question)
    return render(request, "learning/questions/ask.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(pk)
    if not perms.can_edit_question(request.user, question):
        raise PermissionDenied
    form = QuestionAskForm(request.POST or None, instance=question, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.question_edit(question=question, **form.cleaned_data)
        messages.success(request, _("Your question is changed."))
        return redirect(question)
    return render(request, "learning/questions/ask.html", {"form": form, "question": question})


def _question(pk: int) -> ExpertQuestion:
    return get_object_or_404(ExpertQuestion.objects.select_related("area", "region"), pk=pk)


def _question_page(request, question: ExpertQuestion, *, answer_form=None) -> HttpResponse:
    user = request.user
    can_answer = perms.can_answer(user, question)
    answers = list(
        question.answers.select_related("author", "faq").only(
            "text",
            "created_at",
            "helpful_at",
            "question_id",
            "author__first_name",
            "author__last_name",
            "author__username",
            "faq__id",
        )
    )
    return render(
        request,
        "learning/questions/question.html",
        {
            "question": question,
            "asker": question.asker if perms.can_see_asker(user, question) else None,
            "answers": answers,
            "is_asker": perms.can_mark_helpful(user, question),
            "can_publish": can_answer,
            "answer_form": (answer_form or AnswerForm()) if can_answer else None,
        },
    )


@login_required
def question(request: HttpRequest, pk: int) -> HttpResponse:
    return _question_page(request, _question(pk))


@login_required
@require_POST
def question_answer(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(pk)
    if not perms.can_answer(request.user, question):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if form.is_valid():
        services.answer_create(
            question=question, author=request.user, text=form.cleaned_data["text"]
        )
        messages.success(request, _("Your answer is published. The asker has been told."))
        return redirect(question)
    return _question_page(request, question, answer_form=form)


def _answer(question: ExpertQuestion, answer_pk: int) -> ExpertAnswer:
    return get_object_or_404(
        ExpertAnswer.objects.select_related("author"), pk=answer_pk, question=question
    )


@login_required
@require_POST
def answer_helpful(request: HttpRequest, pk: int, answer: int) -> HttpResponse:
    question = _question(pk)
    if not perms.can_mark_helpful(request.user, question):
        raise PermissionDenied
    services.answer_mark_helpful(
        answer=_answer(question, answer), helpful=request.POST.get("helpful") != "0"
    )
    return redirect(question)


@login_required
@require_http_methods(["GET", "POST"])
def faq_publish(request: HttpRequest, pk: int, answer: int) -> HttpResponse:
    question = _question(pk)
    if not perms.can_publish_faq(request.user, question):
        raise PermissionDenied
    source = _answer(question, answer)
    if hasattr(source, "faq"):
        return redirect(source.faq)
    form = FaqPublishForm(
        request.POST or None,
        initial={"title": question.title, "question": question.text, "answer": source.text},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        faq = services.faq_publish(
            answer=source,
            by=request.user,
            title=data["title"],
            question=data["question"],
            answer_text=data["answer"],
            review_months=data["review_months"],
        )
        messages.success(request, _("The answer is published as a frequently asked question."))
        return redirect(faq)
    return render(
        request,
        "learning/questions/faq_publish.html",
        {"form": form, "question": question, "answer": source},
    )


@login_required
def faq(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        Faq.objects.select_related("area", "last_reviewed_by", "source_answer"), pk=pk
    )
    if item.freshness == "expired" and not core.can_edit_content(request.user, item.region):
        raise Http404
    record_view(item)
    return render(
        request,
        "learning/questions/faq.html",
        {"item": item, "can_review": _can_review_faq(request.user, item)},
    )


def _can_review_faq(user, item: Faq) -> bool:
    return core._active(user) and (
        item.owner_id == user.pk or core.can_edit_content(user, item.region)
    )


@login_required
@require_POST
def faq_reviewed(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Faq.objects.select_related("owner"), pk=pk)
    if not _can_review_faq(request.user, item):
        raise PermissionDenied
    services.faq_reviewed(faq=item, by=request.user)
    messages.success(request, _("Marked as reviewed."))
    return redirect(item)


@login_required
@require_http_methods(["GET", "POST"])
def experts(request: HttpRequest, slug: str) -> HttpResponse:
    office = managed_office(request.user, slug)
    form = ExpertNameForm(request.POST or None, office=office)
    if request.method == "POST" and form.is_valid():
        expert = services.expert_name(
            office=office,
            user=form.cleaned_data["person"],
            area=form.cleaned_data["area"],
            by=request.user,
        )
        messages.success(request, _("%(name)s is an expert now.") % {"name": expert.user})
        return redirect("learning:experts", slug=office.slug)
    named = Expert.objects.filter(user__office=office).select_related("user", "area")
    return render(
        request,
        "learning/questions/experts.html",
        {"office": office, "form": form, "experts": named},
    )


@login_required
@require_POST
def expert_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    office = managed_office(request.user, slug)
    expert = get_object_or_404(
        Expert.objects.select_related("user", "area"), pk=pk, user__office=office
    )
    services.expert_remove(expert=expert, by=request.user)
    messages.success(
        request, _("%(name)s is no longer an expert of that area.") % {"name": expert.user}
    )
    return redirect("learning:experts", slug=office.slug)
