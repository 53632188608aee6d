"""The market information's monthly figure for the office's steering page
(portal.figures_refresh): weeks with the summary published by Monday (SUMMARY_ON_TIME).

The weeks of a month are the ISO weeks whose Monday falls in it. A week's summary is on time
when it was published (`published_at`, still published) no later than 12:00 Norwegian time on
that Monday. Count: the weeks on time; total: the weeks whose deadline has passed, and any
already on time (in the current month a week whose Monday noon is still ahead is not counted
unless its summary is already out).

Who is counted: each office that has published at least one summary, and each region that has
published a summary of its own (office empty), from the week of its first published summary on.
An office that has never written one has no market contact writing them, and the weeks before
it started are not weeks it missed: rows of zeros would only say so every month.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from marketinfo.models import Summary, SummaryStatus
from portal.figures_refresh import sql_rows
from portal.models import Figure, Office

DEADLINE = time(12)


def _mondays(first_day: date, next_first: date, today: date) -> list[date]:
    monday = first_day + timedelta(days=-first_day.weekday() % 7)
    mondays = []
    while monday < next_first and monday <= today:
        mondays.append(monday)
        monday += timedelta(weeks=1)
    return mondays


def summary_on_time(first_day: date, next_first: date, now: datetime):
    mondays = _mondays(first_day, next_first, timezone.localdate(now))
    if not mondays:
        return []
    summaries = Summary._meta.db_table
    sql = f"""
        WITH weeks AS (
            SELECT * FROM unnest(%(years)s::int[], %(weeks)s::int[], %(deadlines)s::timestamptz[])
                AS w(year, week, deadline)
        ), writers AS (
            SELECT COALESCE(office.region_id, summary.region_id) AS region_id,
                summary.office_id, min(summary.year * 100 + summary.week) AS first_week
            FROM {summaries} AS summary
            LEFT JOIN {Office._meta.db_table} AS office ON office.id = summary.office_id
            WHERE summary.status = %(published)s
            GROUP BY 1, 2
        ), judged AS (
            SELECT writers.region_id, writers.office_id, weeks.deadline,
                summary.id IS NOT NULL AS on_time
            FROM writers
            JOIN weeks ON weeks.year * 100 + weeks.week >= writers.first_week
            LEFT JOIN {summaries} AS summary
                ON summary.year = weeks.year AND summary.week = weeks.week
                AND summary.status = %(published)s AND summary.published_at <= weeks.deadline
                AND summary.office_id IS NOT DISTINCT FROM writers.office_id
                AND (writers.office_id IS NOT NULL OR summary.region_id = writers.region_id)
        )
        SELECT region_id, office_id, count(*) FILTER (WHERE on_time) AS count,
            count(*) FILTER (WHERE on_time OR deadline <= %(now)s) AS total
        FROM judged
        GROUP BY region_id, office_id
        HAVING count(*) FILTER (WHERE on_time OR deadline <= %(now)s) > 0
    """  # noqa: S608 - table names from our models; values are parameters
    params = {
        "years": [monday.isocalendar().year for monday in mondays],
        "weeks": [monday.isocalendar().week for monday in mondays],
        "deadlines": [timezone.make_aware(datetime.combine(m, DEADLINE)) for m in mondays],
        "published": SummaryStatus.PUBLISHED.value,
        "now": now,
    }
    return sql_rows(Figure.SUMMARY_ON_TIME, sql, params)


FIGURES = (summary_on_time,)
