"""Freshness: every piece of content that can go out of date says how fresh it is.

Static content (rules, tools) is reviewed rarely; fluid content (vacancies, the local market)
changes weekly. Each item has an owner, a review interval or an expiry date, and the time of
its last review. Its state is one of:

- fresh: reviewed within its interval;
- review due: the interval has passed;
- stale: twice the interval has passed, so nobody has looked at it for a long time;
- expired: its expiry date (a vacancy's deadline, an event's date) is in the past.

The states are stored, not computed per request, so lists can filter on them. A Celery beat
task (portal.tasks.refresh_freshness) recomputes them set-wise: one UPDATE per state.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Freshness(models.TextChoices):
    FRESH = "fresh", _("Fresh")
    REVIEW_DUE = "review_due", _("Review due")
    STALE = "stale", _("Stale")
    EXPIRED = "expired", _("Expired")


NEEDING_REVIEW = [Freshness.REVIEW_DUE, Freshness.STALE]


class ContentKind(models.TextChoices):
    STATIC = "static", _("Static (rules, tools)")
    FLUID = "fluid", _("Fluid (changes weekly)")


def _review_due_at() -> ExpressionWrapper:
    return ExpressionWrapper(
        F("last_reviewed_at") + F("review_interval"), output_field=models.DateTimeField()
    )


def _stale_at() -> ExpressionWrapper:
    return ExpressionWrapper(
        F("last_reviewed_at") + F("review_interval") * 2, output_field=models.DateTimeField()
    )


class FreshnessQuerySet(models.QuerySet):
    def current(self) -> FreshnessQuerySet:
        """What boards and feeds show: everything that has not expired."""
        return self.exclude(freshness=Freshness.EXPIRED)

    def due_for_review(self) -> FreshnessQuerySet:
        """Review work: the one definition that the dashboard, the editor's desk and the
        review queue count. Rows kept as a record (last week's summary items) are archive,
        not work, whatever their state says."""
        return self.filter(freshness__in=NEEDING_REVIEW).filter(self.model.review_scope())

    def unowned(self) -> FreshnessQuerySet:
        return self.filter(Q(owner__isnull=True) | Q(owner__is_active=False))

    def refresh_freshness(self, now: datetime | None = None) -> dict[str, int]:
        """Recompute every row's state with one UPDATE per state; return the rows changed."""
        now = now or timezone.now()
        today = timezone.localdate(now)
        not_expired = Q(expires_on__isnull=True) | Q(expires_on__gte=today)
        rules = {
            Freshness.EXPIRED: Q(expires_on__lt=today),
            Freshness.STALE: not_expired & Q(stale_at__lte=now),
            Freshness.REVIEW_DUE: not_expired & Q(due_at__lte=now, stale_at__gt=now),
            Freshness.FRESH: not_expired & Q(due_at__gt=now),
        }
        rows = self.alias(due_at=_review_due_at(), stale_at=_stale_at())
        changed = {}
        for state, rule in rules.items():
            count = (
                rows.filter(rule)
                .exclude(freshness=state)
                .update(freshness=state, freshness_changed_at=now)
            )
            if count:
                changed[str(state)] = count
        return changed


class FreshContent(models.Model):
    """Abstract base for content under the freshness machinery."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    content_kind = models.CharField(
        _("kind of content"), max_length=10, choices=ContentKind.choices, default=ContentKind.STATIC
    )
    review_interval = models.DurationField(_("review interval"), default=timedelta(days=365))
    expires_on = models.DateField(_("expires"), null=True, blank=True)
    last_reviewed_at = models.DateTimeField(_("last updated"), default=timezone.now)
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last updated by"),
    )
    freshness = models.CharField(
        _("freshness"), max_length=12, choices=Freshness.choices, default=Freshness.FRESH
    )
    freshness_changed_at = models.DateTimeField(default=timezone.now)

    objects = FreshnessQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def review_scope(cls) -> Q:
        """The rows that can be review work; a model whose old rows are archive narrows it."""
        return Q()

    def mark_reviewed(self, by, now: datetime | None = None) -> None:
        """Set in memory that `by` has looked at the item now; the caller saves."""
        now = now or timezone.now()
        self.last_reviewed_at = now
        self.last_reviewed_by = by
        if self.expires_on is None or self.expires_on >= timezone.localdate(now):
            self.freshness = Freshness.FRESH
            self.freshness_changed_at = now

    @property
    def freshness_tag_color(self) -> str:
        return {
            Freshness.FRESH: "success",
            Freshness.REVIEW_DUE: "warning",
            Freshness.STALE: "danger",
            Freshness.EXPIRED: "neutral",
        }[self.freshness]


def fresh_content_models() -> list[type[FreshContent]]:
    return [model for model in apps.get_models() if issubclass(model, FreshContent)]


def due_for_review_querysets() -> dict[str, FreshnessQuerySet]:
    """Per kind of content ("app_label.model"): its rows that are due for review."""
    return {
        model._meta.label_lower: model.objects.due_for_review() for model in fresh_content_models()
    }
