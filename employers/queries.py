"""Reads that combine several models: the employer timeline and the duplicate-contact warning.

The timeline's sources are declared in each app's `timeline.py` (see `employers.timeline`).
Raw SQL here is read by column name (`portal.sql.named_rows`), never by position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from employers.models import (
    Channel,
    ContactEntry,
    Employer,
    PlannedContact,
    PlanStatus,
    channel_label,
    topic_label,
)
from employers.timeline import TimelineSource
from portal.registry import declared
from portal.sql import named_rows


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
    link_id: int | None  # the argument of its source's url_name
    url: str = ""

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


def _keyset(rank: int, cursor: Cursor | None) -> tuple[str, list]:
    """Rows after the cursor in the order (day desc, rank desc, pk desc)."""
    if cursor is None:
        return "", []
    if rank < cursor.rank:
        return " AND day <= %s", [cursor.day]
    if rank > cursor.rank:
        return " AND day < %s", [cursor.day]
    return " AND (day < %s OR (day = %s AND pk < %s))", [cursor.day, cursor.day, cursor.pk]


def _source_page(
    source: TimelineSource, employer_ids: list[int], flt: TimelineFilter, cursor, limit: int
) -> tuple[str, list]:
    """One source's part of the page: its rows for the employer after the cursor, filtered,
    by the names of SOURCE_COLUMNS (PostgreSQL folds the source's SELECT into this one)."""
    where, params = "", []
    if flt.topic:
        where, params = " AND topics @> ARRAY[%s]::varchar(30)[]", [flt.topic]
    if flt.office_id:
        where, params = f"{where} AND office_id = %s", [*params, flt.office_id]
    keyset, keyset_params = _keyset(source.rank, cursor)
    sql = f"""
        SELECT %s AS kind, %s AS rank, pk, day, channel, topics, text, state, author_name,
            office_name, link_id
        FROM ({source.sql}) AS source
        WHERE employer_id = ANY(%s){where}{keyset}
        ORDER BY day DESC, pk DESC
        LIMIT %s
    """  # noqa: S608 - SQL of our own sources; values are parameters
    return sql, [
        source.kind,
        source.rank,
        *source.params,
        employer_ids,
        *params,
        *keyset_params,
        limit,
    ]


def timeline_page(
    employer: Employer,
    *,
    flt: TimelineFilter | None = None,
    cursor: Cursor | None = None,
    limit: int = 25,
) -> TimelinePage:
    """One page of the employer's timeline, newest first, in ONE query (UNION ALL)."""
    flt = flt or TimelineFilter()
    sources = [
        found
        for each in declared("timeline", "TIMELINE_SOURCES")
        for found in each
        # Planning a source that cannot match cost a third of a filtered page's query.
        if found.has_topics or not flt.topic
    ]
    parts = [_source_page(source, [employer.pk], flt, cursor, limit + 1) for source in sources]
    sql = " UNION ALL ".join(f"({part})" for part, _ in parts)
    sql += " ORDER BY day DESC, rank DESC, pk DESC LIMIT %s"
    params = [*(v for _, part_params in parts for v in part_params), limit + 1]
    items = [TimelineItem(**row) for row in named_rows(sql, params)]
    # One reverse() per source for the page instead of one per item; a rank names a source.
    url_prefixes = {
        source.rank: reverse(source.url_name, args=[0]).removesuffix("0/")
        for source in sources
        if source.url_name
    }
    for item in items:
        if item.link_id is not None and item.rank in url_prefixes:
            item.url = f"{url_prefixes[item.rank]}{item.link_id}/"
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
    def key(self) -> str:
        """How the form's hidden field names this contact among the warnings shown."""
        return f"{self.kind}:{self.pk}"

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
    matches = [DuplicateMatch(**row) for row in named_rows(_DUPLICATES_SQL, params)]
    wanted = set(topics or [])
    for match in matches:
        match.same_topic = bool(wanted & set(match.topics))
    return matches


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
        SELECT kind, id AS pk, day, channel, topics,
            (SELECT first_name || ' ' || last_name FROM {users} WHERE id = newest.author_id)
                AS author_name,
            (SELECT name FROM {offices} WHERE id = newest.office_id) AS office_name,
            (SELECT name FROM {employers} WHERE id = newest.employer_id) AS employer_name,
            employer_id
        FROM newest
        ORDER BY day DESC, id DESC
    """.format(**tables)  # noqa: S608 - table names from our own models; values are parameters


_DUPLICATES_SQL = _duplicates_sql()
