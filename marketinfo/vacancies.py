"""Where the vacancies are: the vacancies and programme places of the published weekly summaries
of an office or its region, by municipality, over the last weeks. The evaluation's advisors
valued a labour-market map for seeing where the vacancies are, and for moving job seekers
towards them; this is that map for what the market contacts report.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import CharField, Func, Value
from django.db.models.functions import Lower, Trim
from django.utils import timezone

from marketinfo.queries import ITEMS_GENERATION
from portal import cache
from portal.models import Office, OfficeMunicipality
from portal.sql import named_rows

# Counting a region's 52 weeks takes about 45 ms at national scale, so the counts are kept until
# any summary's items change, or an employer's name; an employer's municipality changed in the
# register shows within this time.
MAP_SECONDS = 15 * 60


def spaced(expression):
    """Trimmed, each run of whitespace one space."""
    return Func(
        Trim(expression),
        Value(r"\s+"),
        Value(" "),
        Value("g"),
        function="REGEXP_REPLACE",
        output_field=CharField(),
    )


def folded(expression):
    """`marketinfo.models._folded` in SQL: whatever the case and spacing."""
    return Lower(spaced(expression))


def window_start(weeks: int, today: date) -> datetime:
    """Monday 00:00 of the first of the `weeks` weeks that end with this one."""
    monday = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    return timezone.make_aware(datetime.combine(monday, time.min))


def usual(spellings: list[str]) -> str:
    """The spelling to show of those written: «Risør» rather than «RISØR» or «risør»."""
    return min(spellings, key=lambda name: (name.isupper() or name.islower(), name))


@dataclass
class MunicipalityCount:
    name: str  # "" for the items that name no municipality, nor an employer that does
    vacancies: int
    places: int
    items: int
    office: str = ""  # the office that covers it (OfficeMunicipality), where known

    @property
    def total(self) -> int:
        return self.vacancies + self.places


def municipality_counts(
    *, scope: str, office: Office, weeks: int, today: date | None = None
) -> list[MunicipalityCount]:
    """Vacancies and programme places in scope («office» or «region») published since
    `window_start`, by municipality, most first; the ones without a municipality last.

    A vacancy copied from week to week is one vacancy: of the items that `item_sameness_key`
    calls the same, only the newest counts, with its number and municipality. An item without
    a number counts as one. The municipality is the item's own, else its employer's, whatever
    the case and spacing, named as the office table names it, else as it is usually written.
    """
    start = window_start(weeks, today or timezone.localdate())
    area = office.pk if scope == "office" else office.region_id
    return cache.cached(
        f"marketinfo:vacancies:{scope}:{area}:{start.date()}",
        lambda: _counted(scope, area, start),
        MAP_SECONDS,
        [ITEMS_GENERATION, cache.NAMES],
    )


# The newest of the items that `item_sameness_key` calls the same (DISTINCT ON), counted by
# municipality: one pass over a region's 5,000 items of a year, 45 ms at national scale where
# the ORM's window and re-read by id (Django has no DISTINCT ON in a subquery) took 100-140 ms
# (same machine, same minute). `{area}` is a column name from AREA_COLUMNS, never the user's.
COUNTS_SQL = r"""
SELECT lower(spelling) AS key, array_agg(DISTINCT spelling) AS spellings,
       coalesce(sum(coalesce(quantity, 1)) FILTER (WHERE kind = 'vacancy'), 0) AS vacancies,
       coalesce(sum(coalesce(quantity, 1)) FILTER (WHERE kind = 'programme'), 0) AS places,
       count(*) AS items
FROM (
    SELECT DISTINCT ON (kind, same_employer, same_title, on_date) kind, quantity, spelling
    FROM (
        SELECT i.kind, i.quantity, i.on_date, i.published_at, i.id,
               lower(regexp_replace(btrim(coalesce(e.name, '')), '\s+', ' ', 'g')) AS same_employer,
               lower(regexp_replace(btrim(i.title), '\s+', ' ', 'g')) AS same_title,
               regexp_replace(
                   btrim(coalesce(nullif(btrim(i.municipality), ''), e.municipality, '')),
                   '\s+', ' ', 'g'
               ) AS spelling
        FROM marketinfo_item i LEFT JOIN employers_employer e ON e.id = i.employer_id
        WHERE i.{area} = %(area)s AND i.kind IN ('vacancy', 'programme')
          AND i.published_at IS NOT NULL AND i.published_at >= %(start)s
    ) items
    ORDER BY kind, same_employer, same_title, on_date, published_at DESC, id DESC
) newest
GROUP BY 1
"""
AREA_COLUMNS = {"office": "office_id", "region": "region_id"}


def _counted(scope: str, area: int, start: datetime) -> list[MunicipalityCount]:
    sql = COUNTS_SQL.format(area=AREA_COLUMNS[scope])
    rows = named_rows(sql, {"area": area, "start": start})
    counts = {
        row.pop("key"): MunicipalityCount(name=usual(row.pop("spellings")), **row) for row in rows
    }
    covered = (
        OfficeMunicipality.objects.annotate(key=folded("name"))
        .filter(key__in=[key for key in counts if key])
        .values_list("key", "name", "office__name")
    )
    for key, name, office_name in covered:
        counts[key].name, counts[key].office = name, office_name
    # Most first; the rest («no municipality») last, whatever its total.
    return sorted(counts.values(), key=lambda row: (not row.name, -row.total, row.name))
