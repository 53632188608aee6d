"""The weekly summaries' mentions of an employer, as a source of the employer timeline.

Registered from MarketInfoConfig.ready() so that employers does not depend on marketinfo
(the dependency runs the other way: a vacancy names an employer).

Written as SQL like the employer's own sources: the timeline partials have a 20 ms budget, and
compiling this as an annotated queryset cost a few milliseconds per request by itself.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from employers.queries import Cursor, TimelineFilter, TimelineSQL, _keyset_sql
from marketinfo.models import Item, Summary
from portal.models import Office, Region, User

RANK = 4


def mentions_source(employer_ids, flt: TimelineFilter, cursor: Cursor | None, limit: int):
    if flt.topic:  # mentions carry no contact topic
        return None
    summary_url_prefix = reverse("marketinfo:summary_detail", args=[0]).removesuffix("0/")
    office_filter, office_params = "", []
    if flt.office_id:
        office_filter, office_params = " AND row.office_id = %s", [flt.office_id]
    # The day is computed inside, so that the keyset can compare it by name outside.
    keyset, keyset_params = _keyset_sql("mention.day", RANK, cursor, pk_column="mention.pk")
    sql = f"""
        SELECT * FROM (
            SELECT 'mention' AS kind, {RANK} AS rank, row.id AS pk,
                (row.published_at AT TIME ZONE %s)::date AS day,
                '' AS channel, ARRAY[]::varchar(30)[] AS topics, row.title AS text,
                %s || row.summary_id || '/' AS state,
                COALESCE(author.first_name || ' ' || author.last_name, '') AS author_name,
                COALESCE(office.name, region.name) AS office_name
            FROM {Item._meta.db_table} AS row
            JOIN {Summary._meta.db_table} AS summary ON summary.id = row.summary_id
            LEFT JOIN {User._meta.db_table} AS author ON author.id = summary.created_by_id
            LEFT JOIN {Office._meta.db_table} AS office ON office.id = row.office_id
            JOIN {Region._meta.db_table} AS region ON region.id = row.region_id
            WHERE row.employer_id = ANY(%s) AND row.published_at IS NOT NULL{office_filter}
        ) AS mention
        WHERE TRUE{keyset}
        ORDER BY day DESC, pk DESC
        LIMIT %s
    """  # noqa: S608 - names from our own models; values are parameters
    params = [
        timezone.get_current_timezone_name(),
        summary_url_prefix,
        list(employer_ids),
        *office_params,
        *keyset_params,
        limit,
    ]
    return TimelineSQL(sql, params)
