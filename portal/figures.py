"""The office's and the region's monthly figures, read from MonthFigure and shaped for the
figures page and its XLSX download.

One query sums the rows of the last twelve months (an office's own, or every row of a region)
by month, figure and part; the shares, the months without rows and the chart's coordinates are
worked out here, so the templates only draw. A month without any row of a figure shows «–»
(nothing was counted); a topic without contacts in a month that has others shows 0.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from employers.models import Topic, topic_label
from portal.models import Figure, MonthFigure

MONTHS = 12

# The charts' drawing area, in SVG user units (viewBox 0 0 CHART_WIDTH CHART_HEIGHT). The
# numbers are sized for the chart drawn at about its own width on a phone, so the labels stay
# readable at 360 px; wider screens scale it up to the panel's max width.
CHART_WIDTH = 300
CHART_HEIGHT = 168
PLOT_LEFT = 26
PLOT_TOP = 16
PLOT_BOTTOM = 132
BAR_WIDTH = 16
TOPIC_ROW = 38  # a topic's label line and its bar, in the contacts chart
TOPIC_BAR_MAX = 260

# Per figure: what `count` and `total` are, whether they are minutes, and the definition.
COLUMNS = {
    Figure.MANDATORY_ON_TIME: (_("Finished by the due date"), _("Due")),
    Figure.LEARNING_MINUTES: (_("Used (h:mm)"), _("Reserved (h:mm)")),
    Figure.DUPLICATES_AVOIDED: (_("Avoided"), _("Warnings shown")),
    Figure.SUMMARY_ON_TIME: (_("Published by Monday"), _("Weeks")),
    Figure.CALLBACKS_ON_TIME: (_("Answered in time"), _("Callbacks")),
}
MINUTES = {Figure.LEARNING_MINUTES}
DEFINITIONS = {
    Figure.MANDATORY_ON_TIME: _(
        "On time = a mandatory module finished by its due date, counted in the month it was due."
    ),
    Figure.LEARNING_MINUTES: _(
        "Used = the estimated minutes of the modules finished that month, of the time reserved "
        "for learning that month."
    ),
    Figure.CONTACTS_BY_TOPIC: _(
        "Contacts logged with employers that month, counted once for each topic they were about."
    ),
    Figure.DUPLICATES_AVOIDED: _(
        "Avoided = the warning of a recent contact with the same employer was shown, and the "
        "contact was cancelled or given another topic."
    ),
    Figure.SUMMARY_ON_TIME: _(
        "On time = the week's summary was published by Monday 12:00 of that week."
    ),
    Figure.CALLBACKS_ON_TIME: _(
        "Answered = out of «new» within two working days (weekends and public holidays do "
        "not count)."
    ),
}


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _percent(count: int, total: int) -> int | None:
    return round(count * 100 / total) if total else None


def last_months(today: date | None = None, back: int = MONTHS) -> list[date]:
    """The first days of the last `back` months, the current one included, oldest first."""
    today = today or timezone.localdate()
    index = today.year * 12 + today.month - 1
    return [date((index - n) // 12, (index - n) % 12 + 1, 1) for n in range(back - 1, -1, -1)]


@dataclass
class Bar:
    """One month's bar of a share chart, in the chart's coordinates."""

    x: float
    centre: float  # where the texts above and below it are centred
    y: float
    height: float
    text_y: float
    text: str  # the value written above it: «83», or «–» without figures
    month: str  # «jan», three letters: twelve fit a phone's width
    year: str  # under January and the first month only


@dataclass
class MonthValue:
    month: date
    count: int | None  # None: no row for the month
    total: int | None
    minutes: bool = False

    @property
    def label(self) -> str:
        return date_format(self.month, "YEAR_MONTH_FORMAT")

    @property
    def percent(self) -> int | None:
        return None if self.count is None else _percent(self.count, self.total)

    @property
    def count_text(self) -> str:
        return self._text(self.count)

    @property
    def total_text(self) -> str:
        return self._text(self.total)

    @property
    def percent_text(self) -> str:
        return "–" if self.percent is None else f"{self.percent} %"

    def _text(self, value: int | None) -> str:
        if value is None:
            return "–"
        return _clock(value) if self.minutes else str(value)


class Named:
    """A series' heading and the one-line definition under it, from its `figure`."""

    figure: Figure

    @property
    def label(self) -> str:
        return str(self.figure.label)

    @property
    def definition(self) -> str:
        return str(DEFINITIONS[self.figure])


@dataclass
class ShareSeries(Named):
    """A figure that is a share (`count` of `total`), month by month."""

    figure: Figure
    months: list[MonthValue]
    kind: str = "share"

    @property
    def count_label(self) -> str:
        return str(COLUMNS[self.figure][0])

    @property
    def total_label(self) -> str:
        return str(COLUMNS[self.figure][1])

    @property
    def scale(self) -> int:
        """The chart's top, in percent: 100, or more where more was used than reserved."""
        highest = max((m.percent or 0 for m in self.months), default=0)
        return max(100, -(-highest // 50) * 50)

    @property
    def grid(self) -> list[dict]:
        plot = PLOT_BOTTOM - PLOT_TOP
        return [
            {
                "y": PLOT_BOTTOM - plot * step / 2,
                "text_y": PLOT_BOTTOM - plot * step / 2 + 4,
                "text": str(self.scale * step // 2),
            }
            for step in (0, 1, 2)
        ]

    @property
    def bars(self) -> list[Bar]:
        slot = (CHART_WIDTH - PLOT_LEFT) / len(self.months)
        plot = PLOT_BOTTOM - PLOT_TOP
        scale = self.scale
        bars = []
        for i, m in enumerate(self.months):
            height = plot * (m.percent or 0) / scale
            bars.append(
                Bar(
                    x=round(PLOT_LEFT + i * slot + (slot - BAR_WIDTH) / 2, 1),
                    centre=round(PLOT_LEFT + (i + 0.5) * slot, 1),
                    y=round(PLOT_BOTTOM - height, 1),
                    height=round(height, 1),
                    text_y=round(PLOT_BOTTOM - height - 4, 1),
                    text="–" if m.percent is None else str(m.percent),
                    month=date_format(m.month, "b"),
                    year=str(m.month.year) if i == 0 or m.month.month == 1 else "",
                )
            )
        return bars


@dataclass
class TopicTotal:
    """A topic's contacts over the period, and its row of the chart: the label on a line of
    its own (topic names are long), the bar under it, the number after the bar."""

    label: str
    count: int
    y: float = 0
    width: float = 0

    @property
    def label_y(self) -> float:
        return self.y + 13

    @property
    def bar_y(self) -> float:
        return self.y + 19

    @property
    def value_y(self) -> float:
        return self.y + 30

    @property
    def value_x(self) -> float:
        return self.width + 4


@dataclass
class TopicMonth:
    month: date
    counts: list[int | None]  # per topic, in the series' topic order; None: no row that month
    total: int | None

    @property
    def label(self) -> str:
        return date_format(self.month, "YEAR_MONTH_FORMAT")

    @property
    def cells(self) -> list[str]:
        return ["–" if c is None else str(c) for c in self.counts]

    @property
    def total_text(self) -> str:
        return "–" if self.total is None else str(self.total)


@dataclass
class TopicSeries(Named):
    """Employer contacts by topic: a plain count per topic and month."""

    topics: list[TopicTotal]
    months: list[TopicMonth]
    figure: Figure = Figure.CONTACTS_BY_TOPIC
    kind: str = "topics"

    @property
    def height(self) -> int:
        return TOPIC_ROW * len(self.topics) + 4


@dataclass
class Figures:
    series: list[ShareSeries | TopicSeries] = field(default_factory=list)
    computed_at: datetime | None = None
    first: date | None = None
    last: date | None = None
    chart_width: int = CHART_WIDTH
    chart_height: int = CHART_HEIGHT
    plot_left: int = PLOT_LEFT
    month_y: int = PLOT_BOTTOM + 15
    year_y: int = PLOT_BOTTOM + 30
    bar_width: int = BAR_WIDTH
    topic_bar_height: int = 13

    @property
    def period(self) -> str:
        return f"{date_format(self.first, 'YEAR_MONTH_FORMAT')} – " + date_format(
            self.last, "YEAR_MONTH_FORMAT"
        )


def _sums(rows, months: list[date]):
    """{(figure, part, month): (count, total)} and the newest computed_at, from one query."""
    found = {}
    newest = None
    for row in (
        rows.filter(month__range=(months[0], months[-1]))
        .values("month", "figure", "part")
        .annotate(sum_count=Sum("count"), sum_total=Sum("total"), computed=Max("computed_at"))
        .order_by()
    ):
        found[(row["figure"], row["part"], row["month"])] = (row["sum_count"], row["sum_total"])
        newest = row["computed"] if newest is None else max(newest, row["computed"])
    return found, newest


def _topics_series(found: dict, months: list[date]) -> TopicSeries:
    parts = {part for figure, part, _month in found if figure == Figure.CONTACTS_BY_TOPIC}
    order = [t.value for t in Topic] + sorted(parts - set(Topic.values))
    topics = [t for t in order if t in parts]
    month_rows = []
    totals = dict.fromkeys(topics, 0)
    for month in months:
        has_rows = any((Figure.CONTACTS_BY_TOPIC, t, month) in found for t in topics)
        counts = []
        for t in topics:
            value = found.get((Figure.CONTACTS_BY_TOPIC, t, month), (0, 0))[0]
            totals[t] += value
            counts.append(value if has_rows else None)
        month_rows.append(
            TopicMonth(month, counts, sum(c or 0 for c in counts) if has_rows else None)
        )
    highest = max(totals.values(), default=0) or 1
    chart = [
        TopicTotal(
            label=topic_label(t),
            count=totals[t],
            y=i * TOPIC_ROW,
            width=round(TOPIC_BAR_MAX * totals[t] / highest, 1),
        )
        for i, t in enumerate(topics)
    ]
    return TopicSeries(topics=chart, months=month_rows)


def _figures(rows, today: date | None) -> Figures:
    months = last_months(today)
    found, newest = _sums(rows, months)
    series = []
    for figure in Figure:
        if figure == Figure.CONTACTS_BY_TOPIC:
            series.append(_topics_series(found, months))
            continue
        values = []
        for month in months:
            count, total = found.get((figure.value, "", month), (None, None))
            values.append(MonthValue(month, count, total, minutes=figure in MINUTES))
        series.append(ShareSeries(figure, values))
    return Figures(series=series, computed_at=newest, first=months[0], last=months[-1])


def office_figures(office_id: int, today: date | None = None) -> Figures:
    return _figures(MonthFigure.objects.for_office(office_id), today)


def region_figures(region_id: int, today: date | None = None) -> Figures:
    """The region's offices' rows and its own, summed per month, figure and part."""
    return _figures(MonthFigure.objects.for_region(region_id), today)


def export_rows(figures: Figures):
    """One row per figure, month and part: label, month, topic, count, total, share in %."""
    for series in figures.series:
        if series.kind == "topics":
            for month in series.months:
                if month.total is None:
                    continue
                for topic, count in zip(series.topics, month.counts, strict=True):
                    yield [series.label, month.month, topic.label, count, None, None]
            continue
        label = series.label
        if series.figure in MINUTES:  # the page shows h:mm; the sheet has the minutes to sum
            label = str(_("%(figure)s (minutes)") % {"figure": label})
        for m in series.months:
            if m.count is not None:
                yield [label, m.month, "", m.count, m.total, m.percent]
