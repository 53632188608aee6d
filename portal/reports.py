"""Usage and feedback reports for editors: aggregates only, never who read what.

Published content is listed through the search index (one row per published object), so
items nobody opened show up with zero views.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from portal.freshness import Freshness, fresh_content_models
from portal.models import Feedback, SearchEntry, UsageCount
from portal.usage import FEEDBACK_MODELS

REPORT_DAYS = 90
CONTENT_KINDS = ["module", "path", "bestpractice", "guide", "glossary", "summaryitem"]


def _per_object(queryset, value):
    return Subquery(
        queryset.filter(
            content_type_id=OuterRef("content_type_id"), object_id=OuterRef("object_id")
        )
        .order_by()
        .values("content_type_id")
        .annotate(total=value)
        .values("total")[:1],
        output_field=IntegerField(),
    )


def content_with_usage(days: int = REPORT_DAYS):
    since = timezone.localdate() - timedelta(days=days)
    return (
        SearchEntry.objects.filter(kind__in=CONTENT_KINDS)
        .annotate(
            views=Coalesce(
                _per_object(UsageCount.objects.filter(day__gte=since), Sum("views")), Value(0)
            ),
            useful=Coalesce(
                _per_object(Feedback.objects.filter(useful=True), Count("id")), Value(0)
            ),
            not_useful=Coalesce(
                _per_object(Feedback.objects.filter(useful=False), Count("id")), Value(0)
            ),
        )
        .only("kind", "title", "url", "content_type_id", "object_id")
    )


def usage_report(limit: int = 10) -> dict:
    rows = content_with_usage()
    return {
        "days": REPORT_DAYS,
        "most_used": list(rows.order_by("-views", "title")[:limit]),
        "least_used": list(rows.order_by("views", "title")[:limit]),
        "worst_rated": list(
            rows.filter(not_useful__gt=0).order_by("-not_useful", "useful", "title")[:limit]
        ),
        "comments": list(
            Feedback.objects.filter(useful=False)
            .exclude(comment="")
            .annotate(
                title=Subquery(
                    SearchEntry.objects.filter(
                        content_type_id=OuterRef("content_type_id"),
                        object_id=OuterRef("object_id"),
                    ).values("title")[:1]
                )
            )
            .only("comment", "created_at")
            .order_by("-created_at")[:limit]
        ),
    }


def review_report(limit: int = 15) -> list[dict]:
    """Per kind of content: what is due for review or stale, and what has no active owner."""
    sections = []
    for model in fresh_content_models():
        problems = (
            Q(freshness__in=[Freshness.REVIEW_DUE, Freshness.STALE])
            | Q(owner__isnull=True)
            | Q(owner__is_active=False)
        )
        items = list(
            model.objects.exclude(freshness=Freshness.EXPIRED)
            .filter(problems)
            .select_related("owner")
            .order_by("last_reviewed_at")[:limit]
        )
        if items:
            sections.append({"label": model._meta.verbose_name_plural, "items": items})
    return sections


def feedback_labels() -> set[str]:
    return set(FEEDBACK_MODELS)


def editor_panel(user) -> dict:
    """For an editor's dashboard: how much needs review, how much has no owner, and the
    least used content. Content owned by this editor is counted separately."""
    due = unowned = mine = 0
    for model in fresh_content_models():
        counts = model.objects.exclude(freshness=Freshness.EXPIRED).aggregate(
            due=Count("pk", filter=Q(freshness__in=[Freshness.REVIEW_DUE, Freshness.STALE])),
            unowned=Count("pk", filter=Q(owner__isnull=True) | Q(owner__is_active=False)),
            mine=Count(
                "pk",
                filter=Q(owner=user, freshness__in=[Freshness.REVIEW_DUE, Freshness.STALE]),
            ),
        )
        due, unowned, mine = due + counts["due"], unowned + counts["unowned"], mine + counts["mine"]
    return {
        "due": due,
        "unowned": unowned,
        "mine": mine,
        "least_used": list(content_with_usage().order_by("views", "title")[:3]),
    }
