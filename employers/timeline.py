"""What the employer page's timeline lists: each app declares its sources here.

An app adds to the timeline with `<app>/timeline.py` declaring `TIMELINE_SOURCES`, a tuple of
`source(...)`s (found through `portal.registry`, as every app's contributions are). A source
is a SELECT whose columns are named as SOURCE_COLUMNS; `employers.queries.timeline_page`
filters, orders and pages each source by those names and reads the whole page in ONE query
(UNION ALL), however many sources there are.

The sources are written as SQL: the timeline partials have a 20 ms budget, and compiling
annotated querysets and their union through the ORM cost several times what PostgreSQL
takes to run them.
"""

from dataclasses import dataclass

from employers.models import Callback, ContactEntry, PlannedContact, PlanStatus

# What a source's SELECT names. `employer_id` and `office_id` are filtered on, `day` and `pk`
# order and page; `link_id` is the argument of the source's `url_name` (NULL: no link).
SOURCE_COLUMNS = (
    "employer_id",
    "office_id",
    "pk",
    "day",
    "channel",
    "topics",
    "text",
    "state",
    "author_name",
    "office_name",
    "link_id",
)


@dataclass(frozen=True)
class TimelineSource:
    kind: str  # the item's kind for the template: "entry", "plan", "callback", "mention"
    rank: int  # orders the kinds within a day; each source has its own
    sql: str
    params: tuple
    url_name: str
    has_topics: bool


def source(
    *, kind: str, rank: int, sql: str, params=(), url_name: str = "", has_topics: bool = True
) -> TimelineSource:
    """One kind of timeline item: `sql` selects the columns of SOURCE_COLUMNS, by name, with
    `%s` placeholders for `params`; `url_name` is the page an item links to with its
    `link_id`. A source without topics is left out of a timeline filtered by topic."""
    return TimelineSource(kind, rank, sql, tuple(params), url_name, has_topics)


def _own_rows(*, table: str, columns: str, author: str, where: str = "TRUE") -> str:
    users = ContactEntry._meta.get_field("author").related_model._meta.db_table
    offices = ContactEntry._meta.get_field("office").related_model._meta.db_table
    # Outer joins: a callback from the employer's contact form has no author, and one in a
    # region's queue no office.
    return f"""
        SELECT row.employer_id, row.office_id, row.id AS pk, {columns},
            author.first_name || ' ' || author.last_name AS author_name,
            office.name AS office_name
        FROM {table} AS row
        LEFT JOIN {users} AS author ON author.id = row.{author}
        LEFT JOIN {offices} AS office ON office.id = row.office_id
        WHERE {where}
    """  # noqa: S608 - names from our own models and code


TIMELINE_SOURCES = (
    source(
        kind="entry",
        rank=3,
        sql=_own_rows(
            table=ContactEntry._meta.db_table,
            columns="""row.contacted_on AS day, row.channel, row.topics, row.summary AS text,
                row.outcome AS state, row.id AS link_id""",
            author="author_id",
            where="row.deleted_at IS NULL",
        ),
        url_name="employers:entry",
    ),
    source(
        kind="plan",
        rank=2,
        sql=_own_rows(
            table=PlannedContact._meta.db_table,
            columns="""row.planned_on AS day, row.channel, row.topics, row.note AS text,
                row.status AS state, NULL::integer AS link_id""",
            author="author_id",
            # Done plans live on as their log entry.
            where=f"row.deleted_at IS NULL AND row.status <> '{PlanStatus.DONE.value}'",
        ),
    ),
    source(
        kind="callback",
        rank=1,
        sql=_own_rows(
            table=Callback._meta.db_table,
            columns="""row.received_on AS day, 'phone' AS channel,
                ARRAY[row.topic]::varchar(30)[] AS topics, row.note AS text,
                row.status AS state, NULL::integer AS link_id""",
            author="taken_by_id",
        ),
    ),
)
