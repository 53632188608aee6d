"""The market information's part of the national data set (see driver.py).

Three years of weekly summaries: one per office and ISO week (a few weeks skipped around summer
and Christmas) and one per region and week for the regions whose market contacts write one
(all twelve at factor 1, fewer when the factor shrinks the country). Old summaries are
published on their Monday or soon after; the current week is a mix of drafts, scheduled and
published ones. Items (about ten a summary, all six kinds) carry the copies of their summary's
scope and publication time, and their freshness is computed from `now` exactly as
`refresh_freshness` would, so the first refresh after loading changes only what has passed
since. Employer references stay empty: the employers are built after this app.

Digest history: `summary_send_digest` runs once per summary when it is published and claims one
DigestDelivery per recipient (everyone at the office or in the region; all scale users have the
default «right away» for new summaries), plus a SUMMARY_PUBLISHED notification each. Nothing
ever looks at an old summary's deliveries again, so only summaries published in the last
DIGEST_HISTORY (four weeks) have theirs, and those published within the last UNDIGESTED (one
day) have none yet: they are the work of the one-day digest benchmark.

Bench fixtures, at every factor: the bench office (`NAV Bench`, ctx.bench_office_id) has a
summary for every week of the history, and the bench finds this week's as «the bench office's
summary for the current ISO week» (Summary.objects.get(office=<bench office>, year=, week=
current_iso_week())). It is published within the last day (so it is not digested yet), written
by `bench_market`, and has exactly 100 current items of all six kinds, so the bench office's
board (/marked/tavle/nav-1/) shows this week's vacancies, programme places and events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from devtools.scale import columns
from marketinfo.demo import ROLE_TEXT
from marketinfo.models import (
    DATED_KINDS,
    DEFAULT_ITEM_LIFETIME,
    DigestDelivery,
    Direction,
    EventKind,
    FeedToken,
    Item,
    ItemKind,
    MarketContactProfile,
    ReadingVisit,
    RoleDescription,
    Summary,
    SummaryRevision,
    SummaryStatus,
)
from marketinfo.services import ITEM_REVIEW_INTERVAL, SUMMARY_TEXT_FIELDS
from portal.freshness import ContentKind, Freshness
from portal.models import Notification, NotificationKind, Office, Region, Role

WEEKS_OF_HISTORY = 156
DIGEST_HISTORY = timedelta(weeks=4)
UNDIGESTED = timedelta(days=1)
BENCH_ITEMS = 100
# Language of every scale user (devtools/scale/portal.py); the texts services write are in it.
LANGUAGE = "nb"

KIND_WEIGHTS = {
    ItemKind.VACANCY.value: 35,
    ItemKind.EMPLOYER.value: 15,
    ItemKind.TREND.value: 12,
    ItemKind.PROGRAMME.value: 13,
    ItemKind.EVENT.value: 12,
    ItemKind.KEY_FIGURE.value: 13,
}
OCCUPATIONS = [
    "Sykepleier", "Helsefagarbeider", "Assistent i barnehage", "Renholder", "Kokk",
    "Kantinemedarbeider", "Butikkmedarbeider", "Lagermedarbeider", "Sjåfør klasse C",
    "Bussjåfør", "Tømrer", "Elektriker", "Rørlegger", "Sveiser", "Industrimekaniker",
    "Operatør i produksjon", "Resepsjonist", "Servitør", "Kundeservicemedarbeider",
    "Lærer", "Miljøarbeider", "Fiskeindustriarbeider", "Anleggsmaskinfører", "Vekter",
    "Regnskapsmedarbeider", "IT-konsulent", "Saksbehandler", "Hjelpepleier", "Snekker",
    "Maler",
]  # fmt: skip
INDUSTRIES = [
    "Helse og omsorg", "Bygg og anlegg", "Reiseliv", "Varehandel", "Industri", "Transport",
    "Logistikk", "Havbruk", "Fiskeindustri", "Landbruk", "Undervisning", "Offentlig sektor",
    "Renhold", "Overnatting og servering", "IT", "Energi",
]  # fmt: skip
HIRING = [
    "Ny kontrakt gir behov for flere folk", "Utvider med nytt skift", "Sesongtopp nærmer seg",
    "Åpner ny avdeling", "Trenger folk til ny fabrikk", "Rekrutterer lærlinger",
    "Flere ordrer enn ventet", "Bygger ut og ansetter",
]  # fmt: skip
DOWNSIZING = [
    "Nedbemanning i produksjonen", "Varsler permitteringer", "Legger ned avdeling",
    "Færre oppdrag i vinter", "Flytter produksjonen", "Kutter ett skift",
]  # fmt: skip
WHEN_TEXTS = [
    "Fra neste måned", "Innen sommeren", "Før jul", "Fra februar", "I løpet av våren",
    "Fortløpende", "Fra høsten", "Innen mars",
]  # fmt: skip
TRENDS = [
    "Flere sesongjobber annonseres tidlig", "Byggebransjen går saktere",
    "Helse og omsorg dominerer stillingsbildet", "Mangel på fagarbeidere",
    "Arbeidsgivere vil lære opp selv", "Flere deltidsstillinger blir heltid",
    "Pendling til nabokommunen øker", "Stramt marked i industrien",
    "Flere ukrainske flyktninger i jobb", "Etterspørselen etter sjåfører øker",
]  # fmt: skip
MEASURES = [
    "Arbeidstrening", "Lønnstilskudd", "AMO-kurs i renhold", "AMO-kurs i truckkjøring",
    "Jobbklubb", "Oppfølging", "Grunnleggende ferdigheter – norsk og data",
    "Opplæring i fiskeindustri", "Varig tilrettelagt arbeid", "Fagbrev på jobb",
]  # fmt: skip
PROVIDERS = [
    "Arbeidssenteret", "Voksenopplæringen", "Kompetansesenteret", "Fagskolen",
    "Inkluderingsbedriften", "Karrieresenteret",
]  # fmt: skip
EVENTS = {
    EventKind.JOB_FAIR.value: ["Jobbmesse for reiseliv og bygg", "Jobbmesse", "Sommerjobbmesse"],
    EventKind.BREAKFAST.value: ["Frokostmøte med næringslivet", "Arbeidsgiverfrokost"],
    EventKind.CONFERENCE.value: ["Regional markedskontaktsamling", "Karrieredag", "Fagdag"],
    EventKind.OTHER.value: ["Bedriftsbesøk", "Informasjonsmøte om lønnstilskudd", "Åpen dag"],
}
PLACES = ["kulturhuset", "NAV-kontoret", "rådhuset", "videregående skole", "hotellet"]
KEY_FIGURES = [
    ("Helt ledige", "%"), ("Ledige stillinger", ""), ("Varslede permitteringer", ""),
    ("Nye stillinger siste uke", ""), ("Arbeidssøkere under 30 år", "%"),
]  # fmt: skip
PERIODS = ["Forrige måned", "Sist uke", "Siste fire uker", "Hittil i år"]
VACANCY_LINK = "https://arbeidsplassen.nav.no/stillinger/stilling/"
SOURCES = ["NAV, statistikk over helt ledige", "arbeidsplassen.nav.no", "NAV", "SSB"]


@dataclass(slots=True)
class PlannedSummary:
    id: int
    office_id: int | None
    region_id: int | None
    scope_region_id: int
    year: int
    week: int
    monday: date
    author: int
    writers: list[int]
    municipalities: list[str]
    status: str
    created_at: datetime
    publish_at: datetime | None
    published_at: datetime | None
    texts: tuple[str, str, str, str]
    item_count: int
    bench: bool = False
    # (time, author, kind, position): "text" rewrites the headline, "item" edits that item.
    revisions: list[tuple] = field(default_factory=list)

    @property
    def revised_at(self) -> datetime | None:
        return self.revisions[-1][0] if self.revisions else None

    @property
    def updated_at(self) -> datetime:
        text_edits = [r[0] for r in self.revisions if r[2] == "text"]
        return text_edits[-1] if text_edits else self.created_at


class _Builder:
    def __init__(self, ctx):
        self.ctx = ctx
        self.rng = ctx.rng
        self.now = ctx.now
        self.today = ctx.today
        self.tz = timezone.get_current_timezone()
        self.offices = dict(Office.objects.values_list("id", "municipality"))
        self.office_names = dict(Office.objects.values_list("id", "name"))
        self.region_names = dict(Region.objects.values_list("id", "name"))
        contacts = set(ctx.by_role.get(Role.MARKET_CONTACT, []))
        self.office_writers = {
            office: [u for u in staff if u in contacts]
            for office, staff in ctx.staff_by_office.items()
        }
        bench_market = ctx.bench_users["bench_market"]
        bench_writers = self.office_writers[ctx.bench_office_id]
        bench_writers.sort(key=lambda u: u != bench_market)
        self.sentences = [ctx.sentence() for _i in range(400)]
        self.paragraphs = [ctx.paragraph(self.rng.randint(1, 3)) for _i in range(200)]
        self.summary_texts = [self._summary_texts() for _i in range(300)]
        self.item_revision_rows: list[tuple] = []
        self.region_staff: dict[int, list[int]] = {}
        with translation.override(LANGUAGE):
            self.week_word = _("week")
            self.changed = _("Changed: %(fields)s")
            self.item_changed = _("Changed %(title)s: %(fields)s")
            self.headline_label = str(Summary._meta.get_field("headline").verbose_name)
            self.highlight_label = str(Summary._meta.get_field("highlight_1").verbose_name)
            self.quantity_label = _("Number")
            self.text_label = _("More about it")
            self.new_summary = _("New weekly summary: %(summary)s")
        self.url_prefix = reverse("marketinfo:summary_detail", args=[0]).removesuffix("0/")

    # --- helpers ---------------------------------------------------------------------------

    def local_start(self, day: date) -> datetime:
        return datetime.combine(day, time(), tzinfo=self.tz)

    def between(self, start: datetime, end: datetime) -> datetime:
        if end <= start:
            return start
        seconds = int((end - start).total_seconds())
        return start + timedelta(seconds=self.rng.randint(0, seconds))

    def _summary_texts(self) -> tuple[str, str, str, str]:
        rng = self.rng
        occupation = rng.choice(OCCUPATIONS).lower()
        headline = rng.choice(
            [
                f"{rng.choice(INDUSTRIES)} trenger folk",
                f"Mange ledige stillinger for {occupation}",
                rng.choice(TRENDS),
                f"{rng.choice(HIRING)} i {rng.choice(INDUSTRIES).lower()}",
                f"{rng.choice(DOWNSIZING)} – vi følger opp",
            ]
        )
        highlights = [self.ctx.sentence(5, 12) for _i in range(3)]
        if rng.random() < 0.3:
            highlights[2] = ""
        return (headline, *highlights)

    # --- summaries -------------------------------------------------------------------------

    def plan_summaries(self) -> list[PlannedSummary]:
        ctx, rng = self.ctx, self.rng
        weeks = []
        this_monday = self.today - timedelta(days=self.today.weekday())
        for ago in range(WEEKS_OF_HISTORY - 1, -1, -1):
            monday = this_monday - timedelta(weeks=ago)
            iso = monday.isocalendar()
            weeks.append((ago, iso.year, iso.week, monday))
        # Only regions with market contacts can have a regional summary; a smaller country
        # has fewer regions writing one, the bench office's region first.
        bench_region = ctx.office_region[ctx.bench_office_id]
        regions_with_writers = sorted(
            {ctx.office_region[o] for o, writers in self.office_writers.items() if writers},
            key=lambda r: (r != bench_region, r),
        )
        writing_regions = regions_with_writers[: ctx.n(len(ctx.regions))]
        region_writers = {
            region: [
                u
                for office, writers in self.office_writers.items()
                if ctx.office_region[office] == region
                for u in writers
            ]
            for region in writing_regions
        }
        region_places = {
            region: [m for o, m in self.offices.items() if ctx.office_region[o] == region]
            for region in writing_regions
        }
        next_id = ctx.next_id(Summary)
        planned = []
        for ago, year, week, monday in weeks:
            for office, writers in self.office_writers.items():
                if not writers:
                    continue
                bench = office == ctx.bench_office_id
                if not bench and self._skips(week, ago):
                    continue
                summary = self._plan_one(
                    next_id, ago, year, week, monday, writers, bench=bench and ago == 0
                )
                if summary is None:
                    continue
                summary.office_id = office
                summary.scope_region_id = ctx.office_region[office]
                summary.municipalities = [self.offices[office]]
                planned.append(summary)
                next_id += 1
            for region in writing_regions:
                if rng.random() < 0.08 or (week in (28, 29, 30, 52) and rng.random() < 0.5):
                    continue
                summary = self._plan_one(
                    next_id, ago, year, week, monday, region_writers[region], fewer=True
                )
                if summary is None:
                    continue
                summary.region_id = region
                summary.scope_region_id = region
                summary.municipalities = region_places[region]
                planned.append(summary)
                next_id += 1
        return planned

    def _skips(self, week: int, ago: int) -> bool:
        """Summer and Christmas leave some weeks without a summary; otherwise rarely one."""
        if ago == 0:
            return self.rng.random() < 0.04
        if 28 <= week <= 31:
            return self.rng.random() < 0.5
        if week in (52, 53, 1):
            return self.rng.random() < 0.4
        return self.rng.random() < 0.03

    def _plan_one(self, pk, ago, year, week, monday, writers, *, bench=False, fewer=False):
        rng = self.rng
        week_start = self.local_start(monday)
        author = writers[0] if (bench or rng.random() < 0.8) else rng.choice(writers)
        count = min(30, max(0, round(rng.gauss(10, 6))))
        if fewer:  # a region's summary leaves the local news to the offices
            count = max(0, count - rng.randint(0, 4))
        publish_at = published_at = None
        if ago > 0:
            status = SummaryStatus.PUBLISHED if rng.random() < 0.99 else SummaryStatus.DRAFT
            # Mostly on Monday morning; some later in the week.
            if rng.random() < 0.75:
                published_at = self.between(
                    week_start + timedelta(hours=7), week_start + timedelta(hours=13)
                )
            else:
                published_at = self.between(
                    week_start + timedelta(hours=13), week_start + timedelta(days=4, hours=15)
                )
            created_at = self.between(published_at - timedelta(days=4), published_at)
            if status == SummaryStatus.DRAFT:
                published_at = None
            elif rng.random() < 0.3:
                # Scheduled ones publish on the hour the writer chose.
                published_at = published_at.replace(minute=0, second=0)
                created_at = min(created_at, published_at - timedelta(hours=1))
                publish_at = published_at
        else:
            recent_start = max(week_start, self.now - UNDIGESTED)
            roll = rng.random()
            if bench:
                roll = 0.0
            if roll < 0.7:
                status = SummaryStatus.PUBLISHED
                if bench or rng.random() < 0.3 or recent_start <= week_start:
                    published_at = self.between(recent_start, self.now)
                    if bench:
                        published_at = self.now - min(
                            timedelta(hours=3), (self.now - week_start) / 2
                        )
                else:
                    published_at = self.between(week_start + timedelta(hours=7), recent_start)
                    # Strictly before the last day: digested already, outside the bench's day.
                    published_at = max(
                        week_start, min(published_at, recent_start - timedelta(minutes=1))
                    )
                created_at = self.between(
                    max(week_start - timedelta(days=3), published_at - timedelta(days=3)),
                    published_at,
                )
                if bench:
                    created_at = max(week_start, published_at - timedelta(hours=2))
            elif roll < 0.82:
                status = SummaryStatus.SCHEDULED
                created_at = self.between(week_start - timedelta(days=3), self.now)
                publish_at = (self.now + timedelta(minutes=rng.randint(10, 36 * 60))).replace(
                    second=0
                )
            else:
                status = SummaryStatus.DRAFT
                created_at = self.between(week_start - timedelta(days=3), self.now)
                count = min(count, rng.randint(0, 8))
        texts = rng.choice(self.summary_texts)
        summary = PlannedSummary(
            id=pk,
            office_id=None,
            region_id=None,
            scope_region_id=0,
            year=year,
            week=week,
            monday=monday,
            author=author,
            writers=writers,
            municipalities=[],
            status=status.value,
            created_at=created_at,
            publish_at=publish_at,
            published_at=published_at,
            texts=texts,
            item_count=BENCH_ITEMS if bench else count,
            bench=bench,
        )
        if published_at is not None and not bench and rng.random() < 0.05:
            self._plan_revisions(summary)
        return summary

    def _plan_revisions(self, summary: PlannedSummary) -> None:
        """Changes after publishing: a rewritten headline first, then edits of items."""
        rng = self.rng
        moments = sorted(
            self.between(summary.published_at, summary.published_at + timedelta(days=3))
            for _i in range(rng.randint(1, 3))
        )
        moments = [m for m in moments if m <= self.now]
        for index, moment in enumerate(moments):
            by = rng.choice(summary.writers)
            if index == 0 and (summary.item_count == 0 or rng.random() < 0.5):
                summary.revisions.append((moment, by, "text", None))
            elif summary.item_count:
                position = rng.randrange(summary.item_count)
                if all(r[3] != position for r in summary.revisions):
                    summary.revisions.append((moment, by, "item", position))

    def summary_rows(self, planned):
        for s in planned:
            yield (
                s.id,
                s.office_id,
                s.region_id,
                s.year,
                s.week,
                *s.texts,
                s.status,
                s.publish_at,
                s.published_at,
                s.revised_at,
                s.author,
                s.created_at,
                s.updated_at,
            )

    def revision_rows(self, planned):
        rng = self.rng
        for s in planned:
            _headline, h1, h2, h3 = s.texts
            for moment, by, kind, _position in s.revisions:
                if kind != "text":
                    continue
                fields = [self.headline_label]
                before = {
                    "headline": rng.choice(self.summary_texts)[0],
                    "highlight_1": h1,
                    "highlight_2": h2,
                    "highlight_3": h3,
                }
                if rng.random() < 0.4:
                    before["highlight_1"] = rng.choice(self.sentences)
                    fields.append(self.highlight_label)
                changes = [self.changed % {"fields": ", ".join(fields)}]
                yield (s.id, moment, by, changes, before)
        yield from self.item_revision_rows

    # --- items -----------------------------------------------------------------------------

    def item_rows(self, planned, first_id: int):
        rng = self.rng
        kinds = list(KIND_WEIGHTS)
        weights = list(KIND_WEIGHTS.values())
        item_id = first_id
        for s in planned:
            if s.bench:
                # Exactly 100, every kind present, in the same proportions as elsewhere.
                sequence = [kind for kind, share in KIND_WEIGHTS.items() for _i in range(share)]
                rng.shuffle(sequence)
            else:
                sequence = rng.choices(kinds, weights, k=s.item_count)
            written_until = s.published_at or self.now
            edits = {r[3]: r for r in s.revisions if r[2] == "item"}
            snapshot = dict(zip(SUMMARY_TEXT_FIELDS, s.texts, strict=True))
            for position, kind in enumerate(sequence):
                created_at = self.between(s.created_at, written_until)
                owner = s.author if rng.random() < 0.9 else rng.choice(s.writers)
                values = self._item_values(kind, s, created_at.astimezone(self.tz).date())
                reviewed_at, reviewed_by = created_at, owner
                if position in edits:
                    moment, by, _kind, _position = edits[position]
                    reviewed_at, reviewed_by = moment, by
                    label = self.quantity_label if values["quantity"] else self.text_label
                    change = self.item_changed % {"title": values["title"], "fields": label}
                    self.item_revision_rows.append((s.id, moment, by, [change], snapshot))
                expires_on = (
                    values["keep_until"]
                    or (values["on_date"] if kind in DATED_KINDS else None)
                    or created_at.astimezone(self.tz).date() + DEFAULT_ITEM_LIFETIME
                )
                freshness, changed_at = self._freshness(expires_on, reviewed_at, created_at)
                yield (
                    item_id,
                    owner,
                    ContentKind.FLUID.value,
                    ITEM_REVIEW_INTERVAL,
                    expires_on,
                    reviewed_at,
                    reviewed_by,
                    freshness,
                    changed_at,
                    s.id,
                    kind,
                    position,
                    values["title"],
                    values["text"],
                    None,  # employer: the generated items link none
                    values["quantity"],
                    values["direction"],
                    values["occupation"],
                    values["industry"],
                    values["municipality"],
                    values["on_date"],
                    values["when_text"],
                    values["keep_until"],
                    values["event_kind"],
                    values["place"],
                    values["provider"],
                    values["link"],
                    values["value"],
                    values["period"],
                    values["source"],
                    s.office_id,
                    s.scope_region_id,
                    s.published_at,
                    created_at,
                    False,  # needs_confirmation: every week's items written, none copied
                )
                item_id += 1

    def _freshness(self, expires_on: date, reviewed_at: datetime, created_at: datetime):
        """The state refresh_freshness would store now, and roughly when it changed to it."""
        if expires_on < self.today:
            after_expiry = self.local_start(expires_on + timedelta(days=1))
            return Freshness.EXPIRED.value, max(reviewed_at, after_expiry)
        due = reviewed_at + ITEM_REVIEW_INTERVAL
        stale = reviewed_at + 2 * ITEM_REVIEW_INTERVAL
        if stale <= self.now:
            return Freshness.STALE.value, stale
        if due <= self.now:
            return Freshness.REVIEW_DUE.value, due
        return Freshness.FRESH.value, reviewed_at

    def _item_values(self, kind: str, s: PlannedSummary, written: date) -> dict:
        rng = self.rng
        v = {
            "title": "",
            "text": "",
            "quantity": None,
            "direction": "",
            "occupation": "",
            "industry": "",
            "municipality": "",
            "on_date": None,
            "when_text": "",
            "keep_until": None,
            "event_kind": "",
            "place": "",
            "provider": "",
            "link": "",
            "value": "",
            "period": "",
            "source": "",
        }
        place = rng.choice(s.municipalities)
        # The bench summary's items are all current, and its events fall in this week.
        start = self.today if s.bench else written
        if kind == ItemKind.VACANCY:
            occupation = rng.choice(OCCUPATIONS)
            title = occupation
            if rng.random() < 0.4:
                title = f"{occupation}, {rng.choice(['deltid', 'heltid', 'sommer', 'vikariat'])}"
            link = ""
            if rng.random() < 0.6:
                link = f"{VACANCY_LINK}{rng.getrandbits(64):016x}"
            v.update(
                title=title,
                quantity=rng.choice([1, 1, 1, 2, 2, 3, 4, 5, 8, 10]),
                occupation=occupation,
                municipality=place,
                on_date=start + timedelta(days=rng.randint(5, 35)),
                text=rng.choice(self.sentences),
                link=link,
            )
        elif kind == ItemKind.EMPLOYER:
            hiring = rng.random() < 0.7
            v.update(
                direction=(Direction.HIRING if hiring else Direction.DOWNSIZING).value,
                title=rng.choice(HIRING if hiring else DOWNSIZING),
                quantity=rng.randint(2, 40),
                when_text=rng.choice(WHEN_TEXTS),
                text=rng.choice(self.paragraphs),
            )
        elif kind == ItemKind.TREND:
            v.update(
                title=rng.choice(TRENDS),
                industry=rng.choice(INDUSTRIES),
                municipality=place if rng.random() < 0.4 else "",
                text=rng.choice(self.paragraphs),
                link="https://www.nav.no/no/nav-og-samfunn/kunnskap" if rng.random() < 0.2 else "",
            )
        elif kind == ItemKind.PROGRAMME:
            v.update(
                title=rng.choice(MEASURES),
                quantity=rng.randint(1, 15),
                provider=f"{rng.choice(PROVIDERS)} {place}",
                municipality=place if rng.random() < 0.6 else "",
                on_date=start + timedelta(days=rng.randint(3, 60)),
                text=rng.choice(self.sentences) if rng.random() < 0.5 else "",
            )
        elif kind == ItemKind.EVENT:
            event_kind = rng.choice(list(EVENTS))
            if s.bench:
                sunday = self.today + timedelta(days=6 - self.today.weekday())
                on_date = self.today + timedelta(days=rng.randint(0, (sunday - self.today).days))
            else:
                on_date = start + timedelta(days=rng.randint(1, 30))
            v.update(
                event_kind=event_kind,
                title=rng.choice(EVENTS[event_kind]),
                on_date=on_date,
                place=f"{place} {rng.choice(PLACES)}",
                link="https://www.nav.no/arrangement" if rng.random() < 0.5 else "",
                text=rng.choice(self.sentences) if rng.random() < 0.5 else "",
            )
        else:
            name, unit = rng.choice(KEY_FIGURES)
            value = (
                f"{rng.randint(5, 60) / 10:.1f} %".replace(".", ",")
                if unit
                else str(rng.randint(12, 2400))
            )
            v.update(
                title=f"{name} i {place}",
                value=value,
                period=rng.choice(PERIODS),
                source=rng.choice(SOURCES),
                text=rng.choice(self.paragraphs),
                link="https://www.nav.no/statistikk" if rng.random() < 0.3 else "",
            )
        if not s.bench and rng.random() < 0.05:
            v["keep_until"] = written + timedelta(days=rng.randint(7, 60))
        return v

    # --- digest history --------------------------------------------------------------------

    def digested(self, planned):
        """Published summaries whose digest has gone out and is still remembered."""
        oldest, newest = self.now - DIGEST_HISTORY, self.now - UNDIGESTED
        return [
            s for s in planned if s.published_at is not None and oldest <= s.published_at < newest
        ]

    def recipients(self, s: PlannedSummary) -> list[int]:
        """Who summary_recipients() picks: the office's staff, or everyone in the region."""
        if s.office_id:
            return self.ctx.staff_by_office[s.office_id]
        if s.region_id not in self.region_staff:
            self.region_staff[s.region_id] = [
                u
                for office, staff in self.ctx.staff_by_office.items()
                if self.ctx.office_region[office] == s.region_id
                for u in staff
            ]
        return self.region_staff[s.region_id]

    def delivery_rows(self, digested):
        for s in digested:
            sent = s.published_at + timedelta(seconds=self.rng.randint(3, 90))
            for user in self.recipients(s):
                yield (s.id, user, sent)

    def notification_rows(self, digested):
        rng = self.rng
        for s in digested:
            scope = (
                self.office_names[s.office_id] if s.office_id else self.region_names[s.region_id]
            )
            name = f"{scope}, {self.week_word} {s.week} {s.year}"
            title = (self.new_summary % {"summary": name})[:200]
            created = s.published_at + timedelta(seconds=2)
            url = f"{self.url_prefix}{s.id}/"
            for user in self.recipients(s):
                read = None
                if rng.random() < 0.7:
                    read = min(self.now, created + timedelta(minutes=rng.randint(5, 3 * 24 * 60)))
                yield (user, NotificationKind.SUMMARY_PUBLISHED.value, title, s.texts[0], url,
                       f"summary:{s.id}", created, read, None)  # fmt: skip

    # --- people ----------------------------------------------------------------------------

    def visit_rows(self):
        rng = self.rng
        bench = set(self.ctx.bench_users.values())
        for member in self.ctx.staff:
            if member.id not in bench and rng.random() > 0.55:
                continue
            last = self.now - timedelta(minutes=int(rng.expovariate(1 / (3 * 24 * 60))))
            previous = None
            if rng.random() < 0.9:
                previous = last - timedelta(minutes=rng.randint(31, 10 * 24 * 60))
            yield (member.id, last, previous)

    def token_rows(self):
        rng = self.rng
        seen = set()
        bench_market = self.ctx.bench_users["bench_market"]
        for member in self.ctx.staff:
            if member.id != bench_market and rng.random() > 0.07:
                continue
            token = rng.getrandbits(192).to_bytes(24, "big").hex()[:32]
            if token in seen:
                continue
            seen.add(token)
            yield (member.id, token, self.ctx.moment_within(700))

    def profile_rows(self):
        rng = self.rng
        bench_market = self.ctx.bench_users["bench_market"]
        for user in self.ctx.by_role.get(Role.MARKET_CONTACT, []):
            if user != bench_market and rng.random() > 0.75:
                continue
            industries = ", ".join(rng.sample(INDUSTRIES, rng.randint(1, 4)))
            phone = (
                f"{rng.randint(200, 999)} {rng.randint(0, 99):02d} {rng.randint(0, 999):03d}"
                if rng.random() < 0.8
                else ""
            )
            yield (user, industries, phone)


def build(ctx) -> list:
    b = _Builder(ctx)
    planned = b.plan_summaries()
    ctx.copy(
        Summary,
        columns(Summary),
        b.summary_rows(planned),
    )
    first_item = ctx.next_id(Item)
    ctx.copy(Item, columns(Item), b.item_rows(planned, first_item))
    ctx.copy(
        SummaryRevision,
        columns(SummaryRevision, leave_out=("id",)),
        b.revision_rows(planned),
    )
    digested = b.digested(planned)
    ctx.copy(DigestDelivery, columns(DigestDelivery, leave_out=("id",)), b.delivery_rows(digested))
    ctx.copy(
        Notification,
        columns(Notification, leave_out=("id",)),
        b.notification_rows(digested),
    )
    ctx.copy(ReadingVisit, columns(ReadingVisit, leave_out=("id",)), b.visit_rows())
    ctx.copy(FeedToken, columns(FeedToken, leave_out=("id",)), b.token_rows())
    ctx.copy(
        MarketContactProfile, columns(MarketContactProfile, leave_out=("id",)), b.profile_rows()
    )
    editors = ctx.by_role.get(Role.EDITOR) or [ctx.bench_users["bench_editor"]]
    ctx.copy(
        RoleDescription,
        columns(RoleDescription, leave_out=("id",)),
        [(ROLE_TEXT, ctx.moment_within(200), ctx.rng.choice(editors))],
    )
    # What describe_item in marketinfo/search.py stores: published, not expired, national
    # (no office or region), the summary's page as the address.
    ctx.index_for_search(
        Item,
        f"""
        SELECT i.id, 'summaryitem', i.title,
               concat_ws(E'\\n', NULLIF(i.text, ''), NULLIF(i.occupation, ''),
                         NULLIF(i.industry, ''), NULLIF(i.municipality, ''),
                         NULLIF(i.provider, ''), office.municipality),
               %s::text || i.summary_id::text || '/', NULL::bigint, NULL::bigint
        FROM {Item._meta.db_table} i
        LEFT JOIN {Office._meta.db_table} office ON office.id = i.office_id
        WHERE i.id >= %s AND i.published_at IS NOT NULL AND i.freshness <> %s
        """,  # noqa: S608 - our own table name; values are parameters
        [b.url_prefix, first_item, Freshness.EXPIRED.value],
    )
    # Feedback goes on published summaries (summary_detail's «Var dette nyttig?»): the
    # recent ones, which people still open.
    recent = [s.id for s in planned if s.published_at is not None][-ctx.n(3000, minimum=10) :]
    # The feedback builder looks the content type up while its COPY is open, where a query
    # would hang: have it cached before.
    ctx.content_type_id(Summary)
    return [(Summary, pk) for pk in recent]
