"""Weekly summaries (ukesoppsummering) by the market contacts (markedskontakter).

A market contact writes one summary per office (NAV-kontor) or region (fylke) and ISO week: a
headline, up to three highlights («tre ting du bør vite denne uka») and items of six kinds. A
summary goes draft → scheduled → published. Items are fluid content under the freshness
machinery: each expires (a vacancy's deadline, an event's date, a programme's start, else four
weeks after it was written), and expired items leave the feed and the board (tavlemøte).

Items carry a copy of their summary's office, region and publication time so that the feeds
(office, region, country) are one index scan each at national scale.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.freshness import FreshContent, FreshnessQuerySet

# Items without a date of their own expire this long after they were written.
DEFAULT_ITEM_LIFETIME = timedelta(weeks=4)


def current_iso_week(today: date | None = None) -> tuple[int, int]:
    iso = (today or timezone.localdate()).isocalendar()
    return iso.year, iso.week


class SummaryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")


class FeedScopeMixin:
    """The feeds' scopes, for QuerySets whose rows belong to an office or a region: each says
    through `for_office` and `for_region` which of its rows those are."""

    def in_scope(self, scope: str, office):
        """«office» (the office's), «region» (its region's) or the country."""
        if scope == "office" and office:
            return self.for_office(office)
        if scope == "region" and office:
            return self.for_region(office.region)
        return self


class SummaryQuerySet(FeedScopeMixin, models.QuerySet):
    def with_related(self) -> SummaryQuerySet:
        return self.select_related("office__region", "region", "created_by")

    def published(self) -> SummaryQuerySet:
        return self.filter(status=SummaryStatus.PUBLISHED)

    def for_office(self, office) -> SummaryQuerySet:
        return self.filter(office=office)

    def for_region(self, region) -> SummaryQuerySet:
        """The region's own summaries and those of its offices."""
        return self.filter(Q(region=region) | Q(office__region=region))

    def written_at(self, office) -> SummaryQuerySet:
        """What the office's market contacts write: the office's summaries and its region's."""
        return self.filter(Q(office=office) | Q(region_id=office.region_id))

    def unpublished(self) -> SummaryQuerySet:
        return self.exclude(status=SummaryStatus.PUBLISHED)

    def visible_to(self, user) -> SummaryQuerySet:
        """Published ones for everyone; drafts and scheduled ones for the writers of their scope."""
        if user.is_superuser:
            return self
        visible = Q(status=SummaryStatus.PUBLISHED)
        if user.is_market_contact and user.office_id:
            visible |= Q(office_id=user.office_id) | Q(region_id=user.office.region_id)
        return self.filter(visible)

    def due_for_publishing(self, now) -> SummaryQuerySet:
        return self.filter(status=SummaryStatus.SCHEDULED, publish_at__lte=now)

    def previous_to(self, summary: Summary) -> SummaryQuerySet:
        """Earlier summaries of the same office or region, newest first."""
        scope = Q(office_id=summary.office_id) if summary.office_id else Q(region=summary.region_id)
        earlier = Q(year__lt=summary.year) | Q(year=summary.year, week__lt=summary.week)
        return self.filter(scope & earlier).order_by("-year", "-week")


class Summary(models.Model):
    """A weekly summary for one office or one region and one ISO week."""

    office = models.ForeignKey(
        "portal.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="summaries",
        verbose_name=_("office"),
    )
    region = models.ForeignKey(
        "portal.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="summaries",
        verbose_name=_("region"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    week = models.PositiveSmallIntegerField(_("week"))
    headline = models.CharField(_("headline"), max_length=200, blank=True)
    highlight_1 = models.CharField(_("first highlight"), max_length=300, blank=True)
    highlight_2 = models.CharField(_("second highlight"), max_length=300, blank=True)
    highlight_3 = models.CharField(_("third highlight"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SummaryStatus.choices, default=SummaryStatus.DRAFT
    )
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Set when a published summary is edited: the page then says «oppdatert».
    revised_at = models.DateTimeField(_("updated"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SummaryQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-week"]
        verbose_name = _("weekly summary")
        verbose_name_plural = _("weekly summaries")
        constraints = [
            models.CheckConstraint(
                condition=(Q(office__isnull=False) & Q(region__isnull=True))
                | (Q(office__isnull=True) & Q(region__isnull=False)),
                name="summary_office_or_region",
            ),
            models.UniqueConstraint(
                fields=["office", "year", "week"],
                condition=Q(office__isnull=False),
                name="summary_one_per_office_week",
            ),
            models.UniqueConstraint(
                fields=["region", "year", "week"],
                condition=Q(region__isnull=False),
                name="summary_one_per_region_week",
            ),
            models.CheckConstraint(condition=Q(week__gte=1, week__lte=53), name="summary_week"),
        ]
        indexes = [
            models.Index(
                fields=["-published_at"],
                condition=Q(status="published"),
                name="summary_published",
            ),
            models.Index(fields=["status", "publish_at"], name="summary_scheduled"),
            # The feed's latest summaries of one office.
            models.Index(
                fields=["office", "-published_at"],
                condition=Q(status="published"),
                name="summary_office_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope_name}, {_('week')} {self.week} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("marketinfo:summary_detail", args=[self.pk])

    @property
    def scope_name(self) -> str:
        return self.office.name if self.office_id else self.region.name

    @property
    def scope_region_id(self) -> int:
        return self.region_id if self.region_id else self.office.region_id

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def highlights(self) -> list[str]:
        return [h for h in (self.highlight_1, self.highlight_2, self.highlight_3) if h]

    @property
    def is_published(self) -> bool:
        return self.status == SummaryStatus.PUBLISHED

    @property
    def status_color(self) -> str:
        return {"draft": "neutral", "scheduled": "info", "published": "success"}[self.status]


class ItemKind(models.TextChoices):
    VACANCY = "vacancy", _("Vacancy")
    EMPLOYER = "employer", _("Employer hiring or downsizing")
    TREND = "trend", _("Trend")
    PROGRAMME = "programme", _("Programme places")
    EVENT = "event", _("Event")
    KEY_FIGURE = "key_figure", _("Key figure")


# Kinds whose own date (deadline, start, event day) is when they expire.
DATED_KINDS = {ItemKind.VACANCY, ItemKind.PROGRAMME, ItemKind.EVENT}


class Direction(models.TextChoices):
    HIRING = "hiring", _("Hiring")
    DOWNSIZING = "downsizing", _("Downsizing")


class EventKind(models.TextChoices):
    JOB_FAIR = "job_fair", _("Job fair")
    BREAKFAST = "breakfast", _("Breakfast meeting")
    CONFERENCE = "conference", _("Conference")
    OTHER = "other", _("Other")


class ItemQuerySet(FeedScopeMixin, FreshnessQuerySet):
    def with_related(self) -> ItemQuerySet:
        return self.select_related(
            "employer", "summary__office__region", "summary__region", "last_reviewed_by"
        )

    def published(self) -> ItemQuerySet:
        return self.filter(published_at__isnull=False)

    def feed(self) -> ItemQuerySet:
        """What readers see: published and not expired, newest summary first."""
        return self.published().current().order_by("-published_at", "summary_id", "position")

    def for_office(self, office) -> ItemQuerySet:
        return self.filter(office=office)

    def for_region(self, region) -> ItemQuerySet:
        return self.filter(region=region)

    def matching(self, *, kind=None, industry=None, municipality=None) -> ItemQuerySet:
        """The feed's filters; one left empty filters nothing."""
        items = self
        if kind:
            items = items.filter(kind=kind)
        if industry:
            items = items.filter(
                Q(industry__icontains=industry) | Q(employer__industry_text__icontains=industry)
            )
        if municipality:
            # The item's own municipality or its employer's, as two index scans: an OR across
            # the join to employers read every current item in scope (≈ 35–65 ms nationally).
            own = items.filter(municipality__iexact=municipality).values("pk")
            employers = items.filter(
                employer__isnull=False, employer__municipality__iexact=municipality
            ).values("pk")
            items = items.filter(pk__in=own.union(employers))
        return items

    def upcoming_events(self, today: date) -> ItemQuerySet:
        return self.feed().filter(kind=ItemKind.EVENT, on_date__gte=today).order_by("on_date")

    def edit_list(self) -> ItemQuerySet:
        """The items as the editing page lists them: only the columns that list shows, since a
        summary can hold a hundred items or more (imported sheets)."""
        return self.select_related("employer").only(
            "summary_id",
            "kind",
            "position",
            "title",
            "expires_on",
            "needs_confirmation",
            "employer__name",
            "employer__organisation_number",
        )

    def for_board(self, office) -> ItemQuerySet:
        """The office board: its own and its region's current items."""
        return (
            self.feed()
            .filter(Q(office=office) | Q(office__isnull=True, region_id=office.region_id))
            .filter(kind__in=[ItemKind.VACANCY, ItemKind.PROGRAMME, ItemKind.EVENT])
        )


class Item(FreshContent):
    """One piece of a weekly summary. Which fields matter depends on `kind` (see forms.py)."""

    summary = models.ForeignKey(
        Summary, on_delete=models.CASCADE, related_name="items", verbose_name=_("summary")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ItemKind.choices)
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True, max_length=4000)
    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="market_items",
        verbose_name=_("employer"),
    )
    quantity = models.PositiveIntegerField(_("number"), null=True, blank=True)
    direction = models.CharField(
        _("hiring or downsizing"), max_length=10, choices=Direction.choices, blank=True
    )
    occupation = models.CharField(_("occupation"), max_length=200, blank=True)
    industry = models.CharField(_("industry"), max_length=200, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    on_date = models.DateField(_("date"), null=True, blank=True)
    when_text = models.CharField(_("when"), max_length=100, blank=True)
    # The author's own last day for the item; without it the item's date or four weeks decide.
    keep_until = models.DateField(_("show until"), null=True, blank=True)
    event_kind = models.CharField(
        _("kind of event"), max_length=12, choices=EventKind.choices, blank=True
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    link = models.URLField(_("link"), blank=True, max_length=500)
    value = models.CharField(_("value"), max_length=50, blank=True)
    period = models.CharField(_("period"), max_length=100, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    # Copies of the summary's scope and publication time, kept by the services: the feeds
    # filter and sort on them without a join.
    office = models.ForeignKey(
        "portal.Office", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    region = models.ForeignKey("portal.Region", on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Copied from last week and not yet confirmed by the author: shown as «to confirm», not as
    # fresh, until the author says it still holds.
    needs_confirmation = models.BooleanField(_("to confirm"), default=False)

    objects = ItemQuerySet.as_manager()

    def get_absolute_url(self) -> str:
        return reverse("marketinfo:summary_detail", args=[self.summary_id]) + f"#item-{self.pk}"

    @classmethod
    def review_scope(cls) -> Q:
        # A past week's summary is a record of that week: its items are archive, not review
        # work. Looked up through this week's (and later) summaries, a few hundred at most.
        year, week = current_iso_week()
        return Q(
            summary__in=Summary.objects.filter(Q(year__gt=year) | Q(year=year, week__gte=week))
        )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("summary item")
        verbose_name_plural = _("summary items")
        indexes = [
            models.Index(fields=["summary", "position"], name="item_summary_position"),
            models.Index(
                fields=["-published_at", "summary", "position"],
                condition=Q(published_at__isnull=False) & ~Q(freshness="expired"),
                name="item_feed_country",
            ),
            models.Index(
                fields=["region", "-published_at", "summary", "position"],
                condition=Q(published_at__isnull=False) & ~Q(freshness="expired"),
                name="item_feed_region",
            ),
            models.Index(
                fields=["office", "-published_at", "summary", "position"],
                condition=Q(published_at__isnull=False) & ~Q(freshness="expired"),
                name="item_feed_office",
            ),
            models.Index(
                fields=["kind", "-published_at", "summary", "position"],
                condition=Q(published_at__isnull=False) & ~Q(freshness="expired"),
                name="item_feed_kind",
            ),
            models.Index(fields=["employer", "-published_at"], name="item_employer"),
            models.Index(fields=["freshness", "expires_on"], name="item_expiry"),
            # The feed's municipality filter (case-insensitive, like the form's iexact).
            models.Index(
                Upper("municipality"),
                F("published_at").desc(),
                "summary",
                "position",
                condition=Q(published_at__isnull=False) & ~Q(freshness="expired"),
                name="item_feed_municipality",
            ),
            # ... and its employer's municipality: the current items that name an employer.
            models.Index(
                fields=["employer"],
                condition=Q(published_at__isnull=False)
                & ~Q(freshness="expired")
                & Q(employer__isnull=False),
                name="item_feed_employer",
            ),
            # The feed of one office filtered by kind, read in the feed's order.
            models.Index(
                fields=["office", "kind", "-published_at", "summary", "position"],
                condition=Q(published_at__isnull=False) & ~Q(freshness="expired"),
                name="item_feed_office_kind",
            ),
            # The board: an office's own items or (office empty) its region's, of three kinds.
            models.Index(
                fields=["office", "region"],
                condition=Q(published_at__isnull=False)
                & ~Q(freshness="expired")
                & Q(kind__in=["vacancy", "programme", "event"]),
                name="item_board",
            ),
            # Where the vacancies are (marketinfo/vacancies.py): a region's vacancies and
            # programme places of the last weeks, expired ones too. Without it a region's 52
            # weeks read all its 34,000 items at national scale (70-200 ms; with it 5,000).
            models.Index(
                fields=["region", "published_at"],
                condition=Q(published_at__isnull=False) & Q(kind__in=["vacancy", "programme"]),
                name="item_vacancy_map",
            ),
            # The market contact's dashboard: the office's items that expire this week.
            models.Index(
                fields=["office", "expires_on"],
                condition=~Q(freshness="expired"),
                name="item_expiring_office",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def compute_expiry(self, today: date | None = None) -> date:
        """The author's own date, else the item's date for dated kinds, else four weeks on."""
        if self.keep_until:
            return self.keep_until
        if self.kind in DATED_KINDS and self.on_date:
            return self.on_date
        created = timezone.localdate(self.created_at) if self.created_at else None
        return (created or today or timezone.localdate()) + DEFAULT_ITEM_LIFETIME

    @property
    def is_expired(self) -> bool:
        return self.expires_on is not None and self.expires_on < timezone.localdate()


def _folded(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def item_sameness_key(kind: str, employer_name: str | None, title: str, on_date) -> tuple:
    """The same vacancy (or programme, or event) in two weeks' summaries: the same kind,
    employer, title and date (a vacancy's deadline), whatever the case and spacing. For the
    board and for any count of vacancies that must not count one twice."""
    return (kind, _folded(employer_name), _folded(title), on_date)


class SummaryRevision(models.Model):
    """What changed in a published summary, when and by whom (the history behind «oppdatert»)."""

    summary = models.ForeignKey(Summary, on_delete=models.CASCADE, related_name="revisions")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changes = models.JSONField(default=list)
    # The summary's text as it was before this change.
    before = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["summary", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.summary_id} {self.created_at:%Y-%m-%d %H:%M}"


class DigestDelivery(models.Model):
    """One summary e-mailed to one person: claimed before the mail goes out, so exactly once."""

    summary = models.ForeignKey(Summary, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["summary", "user"], name="digest_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.summary_id} → {self.user_id}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class FeedToken(models.Model):
    """A person's secret for feed readers and calendars, which works without a session."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="market_feed_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user_id}"


class BoardKioskLink(models.Model):
    """An office's secret link to its board for the meeting room's screen, which has no one
    signed in; renewing it makes the old link stop working."""

    office = models.OneToOneField(
        "portal.Office", on_delete=models.CASCADE, related_name="board_kiosk_link"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.office_id}"


class ReadingVisit(models.Model):
    """When a person last read the feed, for «nytt siden sist»."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="market_visit"
    )
    last_seen_at = models.DateTimeField()
    previous_seen_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user_id}"


class ImportBatch(models.Model):
    """A parsed sheet waiting for the user's confirmation. The rows never pass through the
    browser: the preview and the confirmation both read them from here."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    summary = models.ForeignKey(Summary, on_delete=models.CASCADE, related_name="imports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=200)
    rows = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return self.filename

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row["errors"])

    @property
    def new_employers(self) -> list[dict]:
        seen: dict[str, dict] = {}
        for row in self.rows:
            if row.get("new_employer") and not row["errors"]:
                seen.setdefault(row["values"]["organisation_number"], row["values"])
        return list(seen.values())


class MarketContactProfile(models.Model):
    """What the network directory says about a market contact: the industries they follow."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="market_profile"
    )
    industries = models.CharField(
        _("industries I follow"),
        max_length=300,
        blank=True,
        help_text=_("Separate with commas, for example: construction, health, hospitality."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    def __str__(self) -> str:
        return str(self.user_id)

    @property
    def industry_list(self) -> list[str]:
        return [i.strip() for i in self.industries.split(",") if i.strip()]


class RoleDescription(models.Model):
    """The market contact's role description (one text, kept by editors)."""

    text = models.TextField(_("text"), blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return "role description"
