"""Writes of «Spør fagmiljøet»: asking, answering, marking an answer helpful, publishing an
answer as an FAQ entry, and naming experts. Each tells the people concerned."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from learning.models import CompetenceArea
from learning.questions import Expert, ExpertAnswer, ExpertQuestion, Faq
from portal.audit import audit_record
from portal.models import NotificationKind, Office, Role, User
from portal.services import NotificationDraft, notifications_create


def experts_of(question: ExpertQuestion):
    """The active people who answer the question: its region's and national editors, and the
    named experts of its area in its region."""
    editors = Q(roles__contains=[Role.EDITOR]) & (
        Q(editor_region__isnull=True) | Q(editor_region_id=question.region_id)
    )
    named = Q(pk__in=Expert.objects.for_question(question).values("user_id"))
    return User.objects.filter(is_active=True).filter(editors | named)


def question_ask(*, asker: User, area: CompetenceArea, title: str, text: str) -> ExpertQuestion:
    """Ask for the region of the asker's office and tell its experts (not the asker), each in
    their own language."""
    with transaction.atomic():
        question = ExpertQuestion.objects.create(
            asker=asker, area=area, region_id=asker.office.region_id, title=title, text=text
        )
        recipients = experts_of(question).exclude(pk=asker.pk).values_list("pk", "language")
        drafts = []
        for pk, language in recipients:
            with override(language):
                drafts.append(
                    NotificationDraft(
                        recipient_id=pk,
                        kind=NotificationKind.QUESTION_ASKED,
                        title=_("New question for the experts: %(title)s") % {"title": title},
                        dedup_key=f"question-asked:{question.pk}",
                        url=question.get_absolute_url(),
                    )
                )
        notifications_create(drafts=drafts)
    return question


def question_edit(
    *, question: ExpertQuestion, area: CompetenceArea, title: str, text: str
) -> ExpertQuestion:
    """The asker changes their own question; it stays with the region it was asked in."""
    question.area, question.title, question.text = area, title, text
    question.save(update_fields=["area", "title", "text"])
    return question


def answer_create(*, question: ExpertQuestion, author: User, text: str) -> ExpertAnswer:
    with transaction.atomic():
        answer = ExpertAnswer.objects.create(question=question, author=author, text=text)
        if question.asker_id != author.pk:
            asker = User.objects.only("language").get(pk=question.asker_id)
            with override(asker.language):
                title = _("Your question was answered: %(title)s") % {"title": question.title}
            notifications_create(
                drafts=[
                    NotificationDraft(
                        recipient_id=question.asker_id,
                        kind=NotificationKind.QUESTION_ANSWERED,
                        title=title,
                        dedup_key=f"question-answered:{answer.pk}",
                        url=question.get_absolute_url(),
                    )
                ]
            )
    return answer


def answer_mark_helpful(*, answer: ExpertAnswer, helpful: bool) -> ExpertAnswer:
    answer.helpful_at = timezone.now() if helpful else None
    answer.save(update_fields=["helpful_at"])
    return answer


def faq_publish(
    *,
    answer: ExpertAnswer,
    by: User,
    title: str,
    question: str,
    answer_text: str,
    review_months: int,
) -> Faq:
    """Publish an answer for everyone, owned by the expert who publishes it, under the
    freshness machinery (reviewed every `review_months`)."""
    with transaction.atomic():
        faq = Faq(
            title=title,
            question=question,
            answer=answer_text,
            area_id=answer.question.area_id,
            region_id=answer.question.region_id,
            source_answer=answer,
            owner=by,
            review_interval=timedelta(days=round(review_months * 365 / 12)),
        )
        faq.mark_reviewed(by=by)
        faq.save()
        audit_record(actor=by, action="faq.published", target=faq, after={"answer": answer.pk})
    return faq


def faq_reviewed(*, faq: Faq, by: User) -> Faq:
    faq.mark_reviewed(by=by)
    if faq.owner_id is None or not faq.owner.is_active:
        faq.owner = by
    faq.save()
    return faq


def expert_name(*, office: Office, user: User, area: CompetenceArea, by: User) -> Expert:
    """Name a person of the office an expert of an area (once; naming again changes nothing)."""
    if user.office_id != office.pk:
        raise ValueError("an expert is named by the managers of their own office")
    with transaction.atomic():
        expert, created = Expert.objects.get_or_create(
            user=user, area=area, defaults={"named_by": by}
        )
        if created:
            audit_record(actor=by, action="expert.named", target=expert, after={"area": area.slug})
    return expert


def expert_remove(*, expert: Expert, by: User) -> None:
    with transaction.atomic():
        audit_record(
            actor=by, action="expert.removed", target=expert, before={"area": expert.area.slug}
        )
        expert.delete()
