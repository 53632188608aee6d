"""Reads that combine several models: the employer timeline, the duplicate-contact warning,
and `last_contact_for` for other apps.

The timeline is one UNION ALL over sources; each source is a function
`(employer_ids, flt, cursor, limit) -> values_list queryset` with the columns of
TIMELINE_COLUMNS, already filtered (`_keyset`) and limited (`_limit`). To show something more
on the employer page, append a source to TIMELINE_SOURCES with a distinct `rank` (e.g. from
marketinfo's AppConfig.ready()): market-info mentions use kind "mention", rank 4, the summary
item's text in `text` and its URL in `state`; the template already renders that kind. The
page stays at one query for the whole timeline however many sources there are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import CharField, F, Func, IntegerField, Q, Value
from django.db.models.functions import Concat
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

    @property
    def topic_labels(self) -> list[str]:
        return [topic_label(t) for t in self.topics]

    @property
    def cursor(self) -> Cursor:
        return Cursor(self.day, self.rank, self.pk)


@dataclass
class TimelinePage:
    items: list[TimelineItem] = field(default_factory=list)
    next_cursor: Cursor | None = None


def _text(value: str) -> Value:
    return Value(value, output_field=CharField())


def _author_name(prefix: str) -> Concat:
    return Concat(
        F(f"{prefix}__first_name"),
        _text(" "),
        F(f"{prefix}__last_name"),
        output_field=CharField(),
    )


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


def entries_source(employer_ids, flt: TimelineFilter, cursor: Cursor | None, limit: int):
    rank = 3
    qs = ContactEntry.objects.active().filter(employer_id__in=employer_ids)
    if flt.topic:
        qs = qs.filter(topics__contains=[flt.topic])
    if flt.office_id:
        qs = qs.filter(office_id=flt.office_id)
    qs = qs.filter(_keyset("contacted_on", rank, cursor)).annotate(
        kind=_text("entry"),
        rank=Value(rank, output_field=IntegerField()),
        day=F("contacted_on"),
        text=F("summary"),
        state=F("outcome"),
        author_name=_author_name("author"),
        office_name=F("office__name"),
    )
    return _limit(qs, "contacted_on", limit).values_list(*TIMELINE_COLUMNS)


def plans_source(employer_ids, flt: TimelineFilter, cursor: Cursor | None, limit: int):
    rank = 2
    qs = PlannedContact.objects.filter(employer_id__in=employer_ids, deleted_at__isnull=True)
    qs = qs.exclude(status=PlanStatus.DONE)  # done plans live on as their log entry
    if flt.topic:
        qs = qs.filter(topics__contains=[flt.topic])
    if flt.office_id:
        qs = qs.filter(office_id=flt.office_id)
    qs = qs.filter(_keyset("planned_on", rank, cursor)).annotate(
        kind=_text("plan"),
        rank=Value(rank, output_field=IntegerField()),
        day=F("planned_on"),
        text=F("note"),
        state=F("status"),
        author_name=_author_name("author"),
        office_name=F("office__name"),
    )
    return _limit(qs, "planned_on", limit).values_list(*TIMELINE_COLUMNS)


def callbacks_source(employer_ids, flt: TimelineFilter, cursor: Cursor | None, limit: int):
    rank = 1
    qs = Callback.objects.filter(employer_id__in=employer_ids)
    if flt.topic:
        qs = qs.filter(topic=flt.topic)
    if flt.office_id:
        qs = qs.filter(office_id=flt.office_id)
    qs = qs.filter(_keyset("received_on", rank, cursor)).annotate(
        kind=_text("callback"),
        rank=Value(rank, output_field=IntegerField()),
        day=F("received_on"),
        channel=_text("phone"),
        topics=Func(
            F("topic"),
            template="ARRAY[%(expressions)s]::varchar(30)[]",
            output_field=ArrayField(CharField(max_length=30)),
        ),
        text=F("note"),
        state=F("status"),
        author_name=_author_name("taken_by"),
        office_name=F("office__name"),
    )
    return _limit(qs, "received_on", limit).values_list(*TIMELINE_COLUMNS)


TimelineSource = Callable[[object, TimelineFilter, Cursor | None, int], models.QuerySet]
# Extension point: market-info mentions (summary items naming the employer) go here.
TIMELINE_SOURCES: list[TimelineSource] = [entries_source, plans_source, callbacks_source]


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
    first, *rest = (source(employer_ids, flt, cursor, limit + 1) for source in TIMELINE_SOURCES)
    union = first.union(*rest, all=True).order_by("-day", "-rank", "-pk")[: limit + 1]
    items = [TimelineItem(*row) for row in union]
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
                "channel": _lower_first(str(Channel(self.channel).label)),
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
    family = Employer.objects.family_ids(employer)
    columns = (
        "kind",
        "pk",
        "day",
        "channel",
        "topics",
        "author_name",
        "office_name",
        "employer_name",
        "employer_id",
    )
    # Each side picks its newest MAX_DUPLICATE_MATCHES rows by id first and only those
    # are joined to names: a busy employer has hundreds of contacts a month, and joining
    # them all to author, office and employer before the final LIMIT cost ~10 ms.
    newest_entries = (
        ContactEntry.objects.active()
        .filter(employer_id__in=family, contacted_on__gte=since, contacted_on__lte=today)
        .order_by("-contacted_on", "-pk")
        .values("pk")[:MAX_DUPLICATE_MATCHES]
    )
    newest_plans = (
        PlannedContact.objects.open()
        .filter(employer_id__in=family, planned_on__gte=since)
        .order_by("-planned_on", "-pk")
        .values("pk")[:MAX_DUPLICATE_MATCHES]
    )
    entries = (
        ContactEntry.objects.filter(pk__in=newest_entries)
        .annotate(
            kind=_text("entry"),
            day=F("contacted_on"),
            author_name=_author_name("author"),
            office_name=F("office__name"),
            employer_name=F("employer__name"),
        )
        .values_list(*columns)
    )
    plans = (
        PlannedContact.objects.filter(pk__in=newest_plans)
        .annotate(
            kind=_text("plan"),
            day=F("planned_on"),
            author_name=_author_name("author"),
            office_name=F("office__name"),
            employer_name=F("employer__name"),
        )
        .values_list(*columns)
    )
    rows = entries.union(plans, all=True).order_by("-day", "-pk")[:MAX_DUPLICATE_MATCHES]
    wanted = set(topics or [])
    return [DuplicateMatch(*row, same_topic=bool(wanted & set(row[4]))) for row in rows]


def last_contact_for(employer: Employer) -> ContactEntry | None:
    """The newest log entry for the employer (with author and office), or None."""
    return (
        ContactEntry.objects.active()
        .filter(employer=employer)
        .select_related("author", "office")
        .order_by("-contacted_on", "-pk")
        .first()
    )
