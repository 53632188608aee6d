"""Where the vacancies are: the vacancies and programme places of the published weekly summaries
of an office or its region, by municipality, over the last weeks. The evaluation's advisors
valued a labour-market map for seeing where the vacancies are, and for moving job seekers
towards them; this is that map for what the market contacts report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import CharField, Count, F, Func, Q, Sum, Value, Window
from django.db.models.functions import Coalesce, Lower, NullIf, RowNumber, Trim
from django.utils import timezone

from marketinfo.models import Item, ItemKind
from marketinfo.queries import ITEMS_GENERATION
from portal import cache
from portal.models import Office, OfficeMunicipality

KINDS = (ItemKind.VACANCY, ItemKind.PROGRAMME)
# Counting a region's 52 weeks takes 50-150 ms at national scale, so the counts are kept until
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
        lambda: _counted(scope, office, start),
        MAP_SECONDS,
        [ITEMS_GENERATION, cache.NAMES],
    )


def _counted(scope: str, office: Office, start: datetime) -> list[MunicipalityCount]:
    in_window = (
        Item.objects.published()
        .in_scope(scope, office)
        .filter(kind__in=KINDS, published_at__gte=start)
    )
    # The newest of the items told the same (a subquery of Django's cannot be DISTINCT ON).
    newest_first = Window(
        RowNumber(),
        partition_by=[
            F("kind"),
            folded(Coalesce("employer__name", Value(""))),
            folded("title"),
            F("on_date"),
        ],
        order_by=[F("published_at").desc(), F("pk").desc()],
    )
    newest = in_window.annotate(newest_first=newest_first).filter(newest_first=1)
    spelling = Coalesce(
        NullIf(Trim("municipality"), Value("")), Trim("employer__municipality"), Value("")
    )
    number = Coalesce("quantity", 1)
    rows = (
        in_window.filter(pk__in=newest.values("pk"))
        .values(key=folded(spelling))
        .annotate(
            spellings=ArrayAgg(spaced(spelling), distinct=True),
            vacancies=Sum(number, filter=Q(kind=ItemKind.VACANCY), default=0),
            places=Sum(number, filter=Q(kind=ItemKind.PROGRAMME), default=0),
            items=Count("pk"),
        )
        .order_by((F("vacancies") + F("places")).desc(), "key")
    )
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
    # Ordered by total; the rest («no municipality») goes last, whatever its total.
    return sorted(counts.values(), key=lambda row: not row.name)
