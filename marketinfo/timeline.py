"""The weekly summaries' mentions of an employer, as a source of the employer timeline.

Registered from MarketInfoConfig.ready() so that employers does not depend on marketinfo
(the dependency runs the other way: a vacancy names an employer)."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db.models import CharField, F, Func, IntegerField, Value
from django.db.models.functions import Coalesce, Concat, TruncDate
from django.urls import reverse

from employers.queries import TIMELINE_COLUMNS, Cursor, TimelineFilter, _keyset, _limit
from marketinfo.models import Item

RANK = 4


def mentions_source(employer_ids, flt: TimelineFilter, cursor: Cursor | None, limit: int):
    summary_url_prefix = reverse("marketinfo:summary_detail", args=[0]).removesuffix("0/")
    qs = Item.objects.published().filter(employer_id__in=employer_ids)
    if flt.topic:  # mentions carry no contact topic
        qs = qs.none()
    if flt.office_id:
        qs = qs.filter(office_id=flt.office_id)
    qs = qs.annotate(day=TruncDate("published_at")).filter(_keyset("day", RANK, cursor))
    # Item has its own `kind` and `text`, so the columns are expressions, not annotations.
    expressions = {
        "kind": Value("mention", output_field=CharField()),
        "rank": Value(RANK, output_field=IntegerField()),
        "pk": F("pk"),
        "day": F("day"),
        "channel": Value("", output_field=CharField()),
        "topics": Func(template="ARRAY[]::varchar(30)[]", output_field=ArrayField(CharField())),
        "text": F("title"),
        "state": Concat(
            Value(summary_url_prefix), F("summary_id"), Value("/"), output_field=CharField()
        ),
        "author_name": Concat(
            F("summary__created_by__first_name"),
            Value(" "),
            F("summary__created_by__last_name"),
            output_field=CharField(),
        ),
        "office_name": Coalesce(F("office__name"), F("region__name")),
    }
    return _limit(qs, "day", limit).values_list(*(expressions[c] for c in TIMELINE_COLUMNS))
