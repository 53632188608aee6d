"""Reads that combine several models: the employer timeline, the duplicate-contact warning,
and `last_contact_for` for other apps.

The timeline is one UNION ALL over sources; each source is a function
`(employer_ids, flt, cursor, limit) -> values_list queryset` (or TimelineSQL) with the
columns of TIMELINE_COLUMNS, already filtered (`_keyset`) and limited (`_limit`). To show
something more on the employer page, append a source to TIMELINE_SOURCES with a distinct
`rank` (e.g. from marketinfo's AppConfig.ready()): market-info mentions use kind "mention",
rank 4, the summary item's text in `text` and its URL in `state`; the template already
renders that kind. The page stays at one query for the whole timeline however many sources
there are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection, models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from employers.models import (
    Callback,
    Channel,
    ContactEntry,
    Employer,
    PlannedContact,
    PlanStatus,
    channel_label,
    topic_label,
)

TIMELINE_COLUMNS = (
    "kind",
    "rank",
    "pk",
    "day",
    "channel",
    "topics",
    "text",
    "state",
    "author_name",
    "office_name",
)


@dataclass(frozen=True)
class TimelineFilter:
    topic: str = ""
    office_id: int | None = None


@dataclass(frozen=True)
class Cursor:
    """Position in the timeline: items strictly after it (older) come next."""

    day: date
    rank: int
    pk: int

    def encode(self) -> str:
        return f"{self.day.isoformat()}_{self.rank}_{self.pk}"

    @classmethod
    def decode(cls, raw: str | None) -> Cursor | None:
        try:
            day, rank, pk = (raw or "").split("_")
            return cls(date.fromisoformat(day), int(rank), int(pk))
        except ValueError:
            return None


@dataclass
class TimelineItem:
    kind: str
    rank: int
    pk: int
    day: date
    channel: str
    topics: list[str]
    text: str
    state: str
    author_name: str
    office_name: str
    matched_topic: bool = False
    url: str = ""  # a log entry's own page

    @property
    def topic_labels(self) -> list[str]:
        return [topic_label(t) for t in self.topics]

    # Worked out here rather than in the template: a chain of {% if %}s per item was a
    # good part of the timeline's rendering time.
    @property
    def topics_text(self) -> str:
        return ", ".join(self.topic_labels)

    @property
    def kind_label(self) -> str:
        return str(TIMELINE_KIND_LABELS.get(self.kind, self.kind))

    @property
    def tag_color(self) -> str:
        return {"entry": "info", "plan": "warning"}.get(self.kind, "neutral")

    @property
    def text_short(self) -> str:
        return _shorten(self.text, 300)

    @property
    def state_short(self) -> str:
        return _shorten(self.state, 200)

    @property
    def cursor(self) -> Cursor:
        return Cursor(self.day, self.rank, self.pk)


def _shorten(text: str, length: int) -> str:
    """truncatechars without its Unicode normalisation, which cost more than the rest of
    a timeline item."""
    return text if len(text) <= length else f"{text[: length - 1]}…"


TIMELINE_KIND_LABELS = {
    "entry": gettext_lazy("Contact"),
    "plan": gettext_lazy("Planned"),
    "callback": gettext_lazy("Callback request"),
    "mention": gettext_lazy("Weekly summary"),
}


@dataclass
class TimelinePage:
    items: list[TimelineItem] = field(default_factory=list)
    next_cursor: Cursor | None = None


def _keyset(day_field: str, rank: int, cursor: Cursor | None) -> Q:
    """Rows after the cursor in the order (day desc, rank desc, pk desc)."""
    if cursor is None:
        return Q()
    if rank < cursor.rank:
        return Q(**{f"{day_field}__lte": cursor.day})
    if rank > cursor.rank:
        return Q(**{f"{day_field}__lt": cursor.day})
    return Q(**{f"{day_field}__lt": cursor.day}) | Q(**{day_field: cursor.day, "pk__lt": cursor.pk})


def _limit(qs, day_field: str, limit: int):
    return qs.order_by(f"-{day_field}", "-pk")[:limit]


@dataclass(frozen=True)
class TimelineSQL:
    """A source's rows as SQL: a SELECT of TIMELINE_COLUMNS, in that order and named so,
    ordered and limited; `%s` placeholders for `params`."""

    sql: str
    params: list


def _keyset_sql(
    day_column: str, rank: int, cursor: Cursor | None, pk_column: str = "row.id"
) -> tuple[str, list]:
    """_keyset in SQL: rows after the cursor in the order (day desc, rank desc, pk desc)."""
    if cursor is None:
        return "", []
    if rank < cursor.rank:
        return f" AND {day_column} <= %s", [cursor.day]
    if rank > cursor.rank:
        return f" AND {day_column} < %s", [cursor.day]
    return f" AND ({day_column} < %s OR ({day_column} = %s AND {pk_column} < %s))", [
        cursor.day,
        cursor.day,
        cursor.pk,
    ]


def _source_sql(
    *,
    table: str,
    columns: str,
    author: str,
    day: str,
    rank: int,
    where: list[tuple[str, list]],
    cursor: Cursor | None,
    limit: int,
) -> TimelineSQL:
    users = ContactEntry._meta.get_field("author").related_model._meta.db_table
    offices = ContactEntry._meta.get_field("office").related_model._meta.db_table
    keyset, keyset_params = _keyset_sql(f"row.{day}", rank, cursor)
    conditions = "".join(f" AND {condition}" for condition, _ in where)
    params = [value for _, values in where for value in values]
    # Outer joins: a callback from the employer's contact form has no author, and one in a
    # region's queue no office.
    sql = f"""
        SELECT {columns},
            author.first_name || ' ' || author.last_name AS author_name,
            office.name AS office_name
        FROM {table} AS row
        LEFT JOIN {users} AS author ON author.id = row.{author}
        LEFT JOIN {offices} AS office ON office.id = row.office_id
        WHERE row.employer_id = ANY(%s){conditions}{keyset}
        ORDER BY row.{day} DESC, row.id DESC
        LIMIT %s
    """  # noqa: S608 - names from our own models and code; values are parameters
    return TimelineSQL(sql, [*params, *keyset_params, limit])


# The employer's own sources are written as SQL: the timeline partials have a 20 ms
# budget, and compiling three annotated querysets and their union through the ORM cost
# several times what PostgreSQL takes to run them.


def entries_source(employer_ids, flt: TimelineFilter, cursor: Cursor | None, limit: int):
    where = [("row.deleted_at IS NULL", [])]
    if flt.topic:
        where.append(("row.topics @> ARRAY[%s]::varchar(30)[]", [flt.topic]))
    if flt.office_id:
        where.append(("row.office_id = %s", [flt.office_id]))
    timeline = _source_sql(
        table=ContactEntry._meta.db_table,
        columns="""'entry' AS kind, 3 AS rank, row.id AS pk, row.contacted_on AS day,
            row.channel, row.topics, row.summary AS text, row.outcome AS state""",
        author="author_id",
        day="contacted_on",
        rank=3,
        where=where,
        cursor=cursor,
        limit=limit,
    )
    return TimelineSQL(timeline.sql, [list(employer_ids), *timeline.params])


def plans_source(employer_ids, flt: TimelineFilter, cursor: Cursor | None, limit: int):
    # Done plans live on as their log entry.
    where = [("row.deleted_at IS NULL AND row.status <> %s", [PlanStatus.DONE.value])]
    if flt.topic:
        where.append(("row.topics @> ARRAY[%s]::varchar(30)[]", [flt.topic]))
    if flt.office_id:
        where.append(("row.office_id = %s", [flt.office_id]))
    timeline = _source_sql(
        table=PlannedContact._meta.db_table,
        columns="""'plan', 2, row.id, row.planned_on, row.channel, row.topics, row.note,
            row.status""",
        author="author_id",
        day="planned_on",
        rank=2,
        where=where,
        cursor=cursor,
        limit=limit,
    )
    return TimelineSQL(timeline.sql, [list(employer_ids), *timeline.params])


def callbacks_source(employer_ids, flt: TimelineFilter, cursor: Cursor | None, limit: int):
    where = []
    if flt.topic:
        where.append(("row.topic = %s", [flt.topic]))
    if flt.office_id:
        where.append(("row.office_id = %s", [flt.office_id]))
    timeline = _source_sql(
        table=Callback._meta.db_table,
        columns="""'callback', 1, row.id, row.received_on, 'phone',
            ARRAY[row.topic]::varchar(30)[], row.note, row.status""",
        author="taken_by_id",
        day="received_on",
        rank=1,
        where=where,
        cursor=cursor,
        limit=limit,
    )
    return TimelineSQL(timeline.sql, [list(employer_ids), *timeline.params])


TimelineSource = Callable[
    [object, TimelineFilter, Cursor | None, int], "models.QuerySet | TimelineSQL | None"
]
# Extension point: market-info mentions (summary items naming the employer) go here. The
# first source must be SQL whose columns are named as TIMELINE_COLUMNS (the union's names).
TIMELINE_SOURCES: list[TimelineSource] = [entries_source, plans_source, callbacks_source]


def _as_sql(part: models.QuerySet | TimelineSQL | None) -> TimelineSQL | None:
    if part is None or isinstance(part, TimelineSQL):
        return part
    try:
        sql, params = part.query.sql_with_params()
    except EmptyResultSet:  # e.g. .none(): a source with nothing to add
        return None
    return TimelineSQL(sql, list(params))


def timeline_page(
    employer: Employer,
    *,
    flt: TimelineFilter | None = None,
    cursor: Cursor | None = None,
    limit: int = 25,
) -> TimelinePage:
    """One page of the employer's timeline, newest first, in ONE query (UNION ALL)."""
    flt = flt or TimelineFilter()
    employer_ids = [employer.pk]
    parts = [_as_sql(source(employer_ids, flt, cursor, limit + 1)) for source in TIMELINE_SOURCES]
    parts = [part for part in parts if part is not None]
    sql = " UNION ALL ".join(f"({part.sql})" for part in parts)
    sql += " ORDER BY day DESC, rank DESC, pk DESC LIMIT %s"
    params = [value for part in parts for value in part.params]
    with connection.cursor() as db:
        db.execute(sql, [*params, limit + 1])
        items = [TimelineItem(*row) for row in db.fetchall()]
    # One reverse() for the page instead of one per entry.
    entry_url = reverse("employers:entry", args=[0]).removesuffix("0/")
    for item in items:
        if item.kind == "entry":
            item.url = f"{entry_url}{item.pk}/"
    page = TimelinePage(items=items[:limit])
    if len(items) > limit:
        page.next_cursor = page.items[-1].cursor
    return page


@dataclass
class DuplicateMatch:
    kind: str  # "entry" or "plan"
    pk: int
    day: date
    channel: str
    topics: list[str]
    author_name: str
    office_name: str
    employer_name: str
    employer_id: int
    same_topic: bool = False

    @property
    def days_ago(self) -> int:
        return (timezone.localdate() - self.day).days

    @property
    def topic_labels(self) -> list[str]:
        return [topic_label(t) for t in self.topics]

    @property
    def sentence(self) -> str:
        """«Kari Nordmann (NAV Risør) ringte om rekruttering for 3 dager siden»."""
        topics = _join([_lower_first(label) for label in self.topic_labels])
        if self.kind == "plan":
            return _(
                "%(who)s (%(office)s) plans a contact (%(channel)s) about %(topics)s "
                "in week %(week)d"
            ) % {
                "who": self.author_name,
                "office": self.office_name,
                "channel": _lower_first(channel_label(self.channel)),
                "topics": topics,
                "week": self.day.isocalendar().week,
            }
        days = self.days_ago
        if days <= 0:
            when = _("today")
        elif days == 1:
            when = _("yesterday")
        else:
            when = ngettext("%(days)d day ago", "%(days)d days ago", days) % {"days": days}
        return _("%(who)s (%(office)s) %(verb)s about %(topics)s %(when)s") % {
            "who": self.author_name,
            "office": self.office_name,
            "verb": CHANNEL_VERBS.get(self.channel, _("was in contact")),
            "topics": topics,
            "when": when,
        }


CHANNEL_VERBS = {
    Channel.PHONE: gettext_lazy("called"),
    Channel.VISIT: gettext_lazy("visited"),
    Channel.EMAIL: gettext_lazy("sent an e-mail"),
    Channel.VIDEO: gettext_lazy("had a video meeting"),
    Channel.NAV_OFFICE: gettext_lazy("had a meeting at the NAV office"),
    Channel.JOB_FAIR: gettext_lazy("met them at a job fair or industry meeting"),
}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _join(labels: list[str]) -> str:
    if len(labels) <= 1:
        return "".join(labels)
    return _("%(first)s and %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


MAX_DUPLICATE_MATCHES = 50


def duplicate_matches(
    employer: Employer,
    *,
    topics: list[str] | None = None,
    days: int | None = None,
    today: date | None = None,
) -> list[DuplicateMatch]:
    """Contacts and open planned contacts of the last `days` days (and plans ahead) for the
    employer, its main unit and its sibling sub-units, across all offices. One query."""
    days = days if days is not None else getattr(settings, "EMPLOYERS_DUPLICATE_WINDOW_DAYS", 30)
    today = today or timezone.localdate()
    since = today - timedelta(days=days)
    # Written as SQL: the warning is an htmx partial with a 20 ms budget, and building this
    # union through the ORM took longer than PostgreSQL takes to run it. Each side picks
    # its newest rows from its (employer, day) index first, and only those get names, by
    # primary key: a busy employer has hundreds of contacts a month.
    family = [employer.pk, employer.main_unit_id or employer.pk]
    params = {
        "family": family,
        "since": since,
        "today": today,
        "planned": PlanStatus.PLANNED.value,
        "limit": MAX_DUPLICATE_MATCHES,
    }
    with connection.cursor() as cursor:
        cursor.execute(_DUPLICATES_SQL, params)
        rows = cursor.fetchall()
    wanted = set(topics or [])
    return [DuplicateMatch(*row, same_topic=bool(wanted & set(row[4]))) for row in rows]


def _duplicates_sql() -> str:
    tables = {
        "employers": Employer._meta.db_table,
        "entries": ContactEntry._meta.db_table,
        "plans": PlannedContact._meta.db_table,
        "users": ContactEntry._meta.get_field("author").related_model._meta.db_table,
        "offices": ContactEntry._meta.get_field("office").related_model._meta.db_table,
    }
    # The family: the employer, its main unit, their sub-units (family_ids in SQL).
    return """
        WITH family AS (
            SELECT id FROM {employers}
            WHERE id = ANY(%(family)s) OR main_unit_id = ANY(%(family)s)
        ), newest AS (
            (SELECT 'entry' AS kind, id, contacted_on AS day, channel, topics,
                    author_id, office_id, employer_id
             FROM {entries}
             WHERE employer_id IN (SELECT id FROM family) AND deleted_at IS NULL
                 AND contacted_on >= %(since)s AND contacted_on <= %(today)s
             ORDER BY contacted_on DESC, id DESC
             LIMIT %(limit)s)
            UNION ALL
            (SELECT 'plan', id, planned_on, channel, topics, author_id, office_id, employer_id
             FROM {plans}
             WHERE employer_id IN (SELECT id FROM family) AND deleted_at IS NULL
                 AND status = %(planned)s AND planned_on >= %(since)s
             ORDER BY planned_on DESC, id DESC
             LIMIT %(limit)s)
            ORDER BY day DESC, id DESC
            LIMIT %(limit)s
        )
        SELECT kind, id, day, channel, topics,
            (SELECT first_name || ' ' || last_name FROM {users} WHERE id = newest.author_id),
            (SELECT name FROM {offices} WHERE id = newest.office_id),
            (SELECT name FROM {employers} WHERE id = newest.employer_id),
            employer_id
        FROM newest
        ORDER BY day DESC, id DESC
    """.format(**tables)  # noqa: S608 - table names from our own models; values are parameters


_DUPLICATES_SQL = _duplicates_sql()


def last_contact_for(employer: Employer) -> ContactEntry | None:
    """The newest log entry for the employer (with author and office), or None."""
    return (
        ContactEntry.objects.active()
        .filter(employer=employer)
        .select_related("author", "office")
        .order_by("-contacted_on", "-pk")
        .first()
    )
