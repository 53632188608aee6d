"""«Spør fagmiljøet»: advisors ask the experts of a competence area about a situation.

The evaluation's advisors said the old forum felt like being hung out in public, so a question
is shown to colleagues without the asker's name; only the experts of its area and region and
the moderators (editors, administrators) see who asked (learning.permissions). The experts are
the editors of the question's region (or national editors) and the people a manager names as
experts of an area (Expert). A good answer can be published as an FAQ entry, which lives
under the freshness machinery like every other piece of content.

The models live here and are imported by learning.models; they refer to the other learning
models by name so that either module can be imported first.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.freshness import FreshContent, FreshnessQuerySet


class ExpertQuerySet(models.QuerySet):
    def for_question(self, question: ExpertQuestion) -> ExpertQuerySet:
        """The named experts of the question's area working in the question's region."""
        return self.filter(
            area_id=question.area_id,
            user__is_active=True,
            user__office__region_id=question.region_id,
        )


class Expert(models.Model):
    """A person a manager has named as an expert of one competence area."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="expert_areas",
        verbose_name=_("person"),
    )
    area = models.ForeignKey(
        "learning.CompetenceArea",
        on_delete=models.CASCADE,
        related_name="experts",
        verbose_name=_("competence area"),
    )
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ExpertQuerySet.as_manager()

    class Meta:
        ordering = ["area__order", "user__first_name", "user__last_name"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        constraints = [models.UniqueConstraint(fields=["user", "area"], name="expert_once")]

    def __str__(self) -> str:
        return f"{self.user} ({self.area})"


class ExpertQuestionQuerySet(models.QuerySet):
    def listed(self) -> ExpertQuestionQuerySet:
        """What the list shows: area, region and the number of answers; never the asker."""
        return (
            self.select_related("area", "region")
            .annotate(answer_count=Count("answers"))
            .order_by("-created_at", "-pk")
        )


class ExpertQuestion(models.Model):
    """A question to the experts of an area, for the region of the asker's office."""

    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_questions"
    )
    area = models.ForeignKey(
        "learning.CompetenceArea",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("competence area"),
    )
    region = models.ForeignKey(
        "portal.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("the situation"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ExpertQuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("question to the experts")
        verbose_name_plural = _("questions to the experts")
        indexes = [models.Index(fields=["area", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:expert_question", args=[self.pk])


class ExpertAnswer(models.Model):
    question = models.ForeignKey(ExpertQuestion, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("answer"), max_length=6000)
    created_at = models.DateTimeField(default=timezone.now)
    # Set by the asker: the answer helped them with the situation.
    helpful_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:50]


class FaqQuerySet(FreshnessQuerySet):
    def listed(self) -> FaqQuerySet:
        return self.current().select_related("area").order_by("-created_at", "-pk")


class Faq(FreshContent):
    """A good answer published for everyone: question and answer, owned and reviewed."""

    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question"), max_length=4000)
    answer = models.TextField(_("answer"), max_length=6000)
    area = models.ForeignKey(
        "learning.CompetenceArea",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("competence area"),
    )
    region = models.ForeignKey(
        "portal.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_answer = models.OneToOneField(
        ExpertAnswer, on_delete=models.SET_NULL, null=True, blank=True, related_name="faq"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = FaqQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("frequently asked question")
        verbose_name_plural = _("frequently asked questions")
        indexes = [
            models.Index(
                fields=["-created_at"], condition=~Q(freshness="expired"), name="faq_current_idx"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:faq", args=[self.pk])
