"""The employers app's monthly figures for the office's steering page (portal.figures_refresh).

Each takes the month's first day, the next month's first day and now, and gives rows
(region id, office id or None, figure, part, count, total) for every office at once, grouped
in one SQL query. Months and days are Norwegian time.

- Employer contacts by topic (CONTACTS_BY_TOPIC): log entries not deleted whose day of contact
  (`contacted_on`) lies in the month, for the entry's office, counted once under each of its
  topics (`part`: the topic's value). Total 0: a count, not a share.
- Duplicate contacts avoided (DUPLICATES_AVOIDED): duplicate-contact warnings shown in the month
  and answered (a warning left without an answer is not recorded), for the office the user
  belongs to. Count: cancelled, or gone on with topics none of the warned-about contacts had
  (`topic_changed`). Total: all of them.
- Callbacks answered within two working days (CALLBACKS_ON_TIME): callbacks received
  (`created_at`) in the month, for their office, or, still in a region's queue, for the region
  (office empty). Count: answered (`answered_at`, when it first left «new») no later than the
  same time of day two working days after it came in (portal.dates: weekends and Norwegian
  public holidays skipped; one received on a Saturday is due on Tuesday). Total: those answered
  and those still new whose two working days have passed. One still within its two days is not
  counted yet, nor one answered before `answered_at` was recorded, whose time is not known.
"""

from datetime import date, datetime, timedelta

from django.conf import settings

from employers.models import Callback, CallbackStatus, ContactEntry, DuplicateWarning
from portal.dates import working_day_after
from portal.figures_refresh import local_midnight, sql_rows
from portal.models import Figure, Office, User

CALLBACK_WORKING_DAYS = 2

_OFFICES = Office._meta.db_table


def contacts_by_topic(first_day: date, next_first: date, now: datetime):
    sql = f"""
        SELECT office.region_id, entry.office_id, topic AS part, count(*) AS count, 0 AS total
        FROM {ContactEntry._meta.db_table} AS entry
        JOIN {_OFFICES} AS office ON office.id = entry.office_id
        CROSS JOIN LATERAL unnest(entry.topics) AS topic
        WHERE entry.deleted_at IS NULL
            AND entry.contacted_on >= %(first)s AND entry.contacted_on < %(next)s
        GROUP BY office.region_id, entry.office_id, topic
    """  # noqa: S608 - table names from our models; values are parameters
    return sql_rows(Figure.CONTACTS_BY_TOPIC, sql, {"first": first_day, "next": next_first})


def duplicates_avoided(first_day: date, next_first: date, now: datetime):
    sql = f"""
        SELECT office.region_id, person.office_id,
            count(*) FILTER (WHERE NOT warning.proceeded OR warning.topic_changed) AS count,
            count(*) AS total
        FROM {DuplicateWarning._meta.db_table} AS warning
        JOIN {User._meta.db_table} AS person ON person.id = warning.user_id
        JOIN {_OFFICES} AS office ON office.id = person.office_id
        WHERE warning.shown_at >= %(start)s AND warning.shown_at < %(end)s
        GROUP BY office.region_id, person.office_id
    """  # noqa: S608 - table names from our models; values are parameters
    params = {"start": local_midnight(first_day), "end": local_midnight(next_first)}
    return sql_rows(Figure.DUPLICATES_AVOIDED, sql, params)


def callbacks_on_time(first_day: date, next_first: date, now: datetime):
    # Each day of the month with the day its callbacks are due: the calendar stays in Python
    # (portal.dates), and the database adds the days to each callback's time of day.
    days = [first_day + timedelta(days=n) for n in range((next_first - first_day).days)]
    due_days = [working_day_after(day, CALLBACK_WORKING_DAYS) for day in days]
    sql = f"""
        WITH calendar AS (
            SELECT * FROM unnest(%(days)s::date[], %(due_days)s::date[]) AS c(day, due_day)
        ), received AS (
            SELECT COALESCE(office.region_id, callback.region_id) AS region_id,
                callback.office_id, callback.status, callback.answered_at,
                ((callback.created_at AT TIME ZONE %(zone)s)
                    + (calendar.due_day - calendar.day) * interval '1 day')
                    AT TIME ZONE %(zone)s AS due_at
            FROM {Callback._meta.db_table} AS callback
            LEFT JOIN {_OFFICES} AS office ON office.id = callback.office_id
            JOIN calendar ON calendar.day = (callback.created_at AT TIME ZONE %(zone)s)::date
            WHERE callback.created_at >= %(start)s AND callback.created_at < %(end)s
        ), judged AS (
            SELECT region_id, office_id, answered_at <= due_at AS on_time,
                answered_at IS NOT NULL OR (status = %(new)s AND due_at <= %(now)s) AS counted
            FROM received
        )
        SELECT region_id, office_id,
            count(*) FILTER (WHERE on_time) AS count, count(*) FILTER (WHERE counted) AS total
        FROM judged
        GROUP BY region_id, office_id
        HAVING count(*) FILTER (WHERE counted) > 0
    """  # noqa: S608 - table names from our models; values are parameters
    params = {
        "days": days,
        "due_days": due_days,
        "zone": settings.TIME_ZONE,
        "start": local_midnight(first_day),
        "end": local_midnight(next_first),
        "new": CallbackStatus.NEW.value,
        "now": now,
    }
    return sql_rows(Figure.CALLBACKS_ON_TIME, sql, params)


FIGURES = (contacts_by_topic, duplicates_avoided, callbacks_on_time)
