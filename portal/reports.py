"""Usage and feedback reports for editors: aggregates only, never who read what.

Published content is listed through the search index (one row per published object), so
items nobody opened show up with zero views.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from portal import cache
from portal.freshness import (
    NEEDING_REVIEW,
    Freshness,
    due_for_review_querysets,
    fresh_content_models,
)
from portal.models import Feedback, SearchEntry, UsageCount

REPORT_DAYS = 90
NOT_EXPIRED = [Freshness.FRESH, Freshness.REVIEW_DUE, Freshness.STALE]
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


USAGE_REPORT_CACHE_KEY = "portal:usage-report:v1"
# The report is the same for every editor and holds aggregates only, so one cached copy serves
# them all. Counts up to two minutes old are harmless: they cover the last 90 days.
USAGE_REPORT_CACHE_SECONDS = 120

# One pass over the published content: views and feedback are aggregated once per table and
# joined, instead of three correlated subqueries per entry; then each list takes its top rows
# with a top-N sort. The CTE is materialised so the three lists share the aggregation.
_RANKED_CONTENT_SQL = """
WITH usage AS (
    SELECT content_type_id, object_id, SUM(views) AS views
    FROM {usage} WHERE day >= %(since)s GROUP BY content_type_id, object_id
), feedback AS (
    SELECT content_type_id, object_id,
           COUNT(*) FILTER (WHERE useful) AS useful,
           COUNT(*) FILTER (WHERE NOT useful) AS not_useful
    FROM {feedback} GROUP BY content_type_id, object_id
), content AS MATERIALIZED (
    SELECT entry.id, entry.kind, entry.title, entry.url, entry.content_type_id,
           entry.object_id, COALESCE(usage.views, 0) AS views,
           COALESCE(feedback.useful, 0) AS useful,
           COALESCE(feedback.not_useful, 0) AS not_useful
    FROM {entry} AS entry
    LEFT JOIN usage USING (content_type_id, object_id)
    LEFT JOIN feedback USING (content_type_id, object_id)
    WHERE entry.kind = ANY(%(kinds)s)
)
(SELECT 'most_used' AS report_list, * FROM content ORDER BY views DESC, title LIMIT %(limit)s)
UNION ALL
(SELECT 'least_used', * FROM content ORDER BY views, title LIMIT %(limit)s)
UNION ALL
(SELECT 'worst_rated', * FROM content WHERE not_useful > 0
 ORDER BY not_useful DESC, useful, title LIMIT %(limit)s)
"""


def _ranked_content(limit: int) -> dict[str, list[SearchEntry]]:
    sql = _RANKED_CONTENT_SQL.format(
        usage=UsageCount._meta.db_table,
        feedback=Feedback._meta.db_table,
        entry=SearchEntry._meta.db_table,
    )
    since = timezone.localdate() - timedelta(days=REPORT_DAYS)
    lists: dict[str, list[SearchEntry]] = {"most_used": [], "least_used": [], "worst_rated": []}
    rows = SearchEntry.objects.raw(sql, {"since": since, "kinds": CONTENT_KINDS, "limit": limit})
    for row in rows:  # UNION ALL keeps each list's order
        lists[row.report_list].append(row)
    return lists


def _build_usage_report(limit: int) -> dict:
    return {
        "days": REPORT_DAYS,
        **_ranked_content(limit),
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


def usage_report(limit: int = 10) -> dict:
    return cache.cached(
        f"{USAGE_REPORT_CACHE_KEY}:{limit}",
        lambda: _build_usage_report(limit),
        USAGE_REPORT_CACHE_SECONDS,
    )


REVIEW_CACHE_KEY = "portal:review-state"
# The review lists and the panel's totals are the same for every editor. They are made old
# whenever content or a person's active flag changes (connect_signals), so the time limit
# only bounds set-based changes that send no signal, such as the nightly freshness update.
REVIEW_CACHE_SECONDS = 300


def review_report(limit: int = 15) -> dict:
    """The review queue: per kind of content, the oldest rows due for review, and the current
    rows that have no active owner; counted as the dashboard counts them."""
    return cache.cached(
        f"{REVIEW_CACHE_KEY}:report:{limit}",
        lambda: _build_review_report(limit),
        REVIEW_CACHE_SECONDS,
        [REVIEW_CACHE_KEY],
    )


def _build_review_report(limit: int) -> dict:
    totals = review_totals()
    sections = []
    for label, due in due_for_review_querysets().items():
        model = due.model
        # Deactivated people are few: asking "is the owner one of them?" through a hashed
        # subquery spares joining every candidate row to the user table before the LIMIT.
        inactive_people = get_user_model().objects.filter(is_active=False).values("pk")
        unowned = (
            # The states listed rather than "not expired": expired rows are nearly all of a
            # fluid table, and a list lets the (freshness, ...) indexes find the rest.
            model.objects.filter(freshness__in=NOT_EXPIRED)
            .filter(model.review_scope())
            .filter(Q(owner__isnull=True) | Q(owner__in=inactive_people))
            .exclude(freshness__in=NEEDING_REVIEW)
        )
        items = list(due.select_related("owner").order_by("last_reviewed_at", "pk")[:limit])
        without_owner = list(unowned.select_related("owner").order_by("last_reviewed_at")[:limit])
        if items or without_owner:
            sections.append(
                {
                    "label": model._meta.verbose_name_plural,
                    "model": label,
                    "due": totals[f"due:{label}"],
                    "items": items,
                    "unowned": without_owner,
                }
            )
    return {"due": totals["due"], "sections": sections}


def _count_all(querysets: dict[str, list]) -> dict[str, int]:
    """Sum the row counts of several querysets in one round trip: {name: [querysets]}.

    Each count is its own scalar subquery, so each can use the index that suits it (an
    index-only count of a state, the owner index for one person's items) instead of one
    pass that reads every current row of the largest content table.
    """
    selects, params = [], []
    for name, parts in querysets.items():
        counts = []
        for queryset in parts:
            sql, part_params = queryset.order_by().values("pk").query.sql_with_params()
            counts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted)")  # noqa: S608 - ORM SQL
            params.extend(part_params)
        selects.append(f"{' + '.join(counts) or '0'} AS {connection.ops.quote_name(name)}")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(selects)}", params)
        row = cursor.fetchone()
    return dict(zip(querysets, (int(value) for value in row), strict=True))


def _review_totals() -> dict[str, int]:
    parts: dict[str, list] = {"due": [], "unowned": []}
    for label, due in due_for_review_querysets().items():
        parts["due"].append(due)
        parts[f"due:{label}"] = [due]
        model = due.model
        current = model.objects.filter(freshness__in=NOT_EXPIRED).filter(model.review_scope())
        # No owner and a deactivated owner are disjoint, so their counts add up.
        parts["unowned"].append(current.filter(owner__isnull=True))
        parts["unowned"].append(current.filter(owner__is_active=False))
    return _count_all(parts)


def review_totals() -> dict[str, int]:
    """How much is due for review ("due", and "due:<app.model>" per kind) and how much has no
    active owner: the numbers the dashboard, the editor's desk and the review queue show."""
    return cache.cached(
        f"{REVIEW_CACHE_KEY}:totals", _review_totals, REVIEW_CACHE_SECONDS, [REVIEW_CACHE_KEY]
    )


def editor_panel(user) -> dict:
    """For an editor's dashboard: how much needs review, how much has no owner, and the
    least used content. Content owned by this editor is counted separately."""
    mine = _count_all(
        {"mine": [due.filter(owner=user) for due in due_for_review_querysets().values()]}
    )
    return {
        **review_totals(),
        **mine,
        # The report's least-used list, shared (and cached) for every editor.
        "least_used": usage_report()["least_used"][:3],
    }


def forget_review_state(**kwargs) -> None:
    """Make the cached review lists and totals old."""
    cache.bump(REVIEW_CACHE_KEY)


def _on_person_saved(sender, update_fields=None, **kwargs) -> None:
    # A sign-in saves last_login only; only the active flag decides "no active owner".
    if update_fields is None or "is_active" in update_fields:
        forget_review_state()


def connect_signals() -> None:
    """Registered once from PortalConfig.ready()."""
    for model in fresh_content_models():
        for signal in (post_save, post_delete):
            signal.connect(
                forget_review_state,
                sender=model,
                dispatch_uid=f"review-state-{signal is post_save}-{model._meta.label}",
            )
    post_save.connect(_on_person_saved, sender=get_user_model(), dispatch_uid="review-state-person")
