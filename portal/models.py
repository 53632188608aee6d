"""Accounts, offices and regions, roles, notifications, glossary and freshness records.

A user belongs to one NAV office (NAV-kontor); an office belongs to a region (fylke). Roles are
held as a list on the user, so one person can be, say, both advisor (veileder) and market
contact (markedskontakt). What a role may do stops at its scope: see portal/permissions.py.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Func
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.freshness import FreshContent

# The text-search configuration built by migration 0002 (Norwegian hunspell, then snowball).
SEARCH_CONFIG = "norwegian_portal"


class Region(models.Model):
    """A county (fylke). Market contacts may publish for their own region."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    # NAV's county unit (fylkesenhet) number, e.g. 1000 for NAV Agder: employers' contact
    # form names the region by it (`fylkesenhetsnr`).
    # NULL, not "", for a region without one: the number is unique where it is given.
    unit_number = models.CharField(
        _("county unit number"), max_length=4, unique=True, null=True, blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class OfficeSize(models.TextChoices):
    SMALL = "small", _("under 25 employees")
    MEDIUM = "medium", _("25–39 employees")
    LARGE = "large", _("40 or more employees")


class OfficeQuerySet(models.QuerySet):
    def with_region(self) -> OfficeQuerySet:
        return self.select_related("region")


class Office(models.Model):
    """A local NAV office (NAV-kontor), serving one or more municipalities."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="offices", verbose_name=_("region")
    )
    municipality = models.CharField(_("municipality"), max_length=100)
    size_band = models.CharField(
        _("size"), max_length=10, choices=OfficeSize.choices, default=OfficeSize.MEDIUM
    )

    objects = OfficeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def __str__(self) -> str:
        return self.name


class OfficeMunicipality(models.Model):
    """An office covers these municipalities (kommuner), or in Oslo these city districts
    (bydeler, six digits: St. Hanshaugen is 030104). Employers' contact forms are routed by
    it; one number belongs to one office."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="municipalities", verbose_name=_("office")
    )
    number = models.CharField(_("municipality number"), max_length=6, unique=True)
    name = models.CharField(_("municipality"), max_length=100)

    class Meta:
        ordering = ["number"]
        verbose_name = _("municipality of an office")
        verbose_name_plural = _("municipalities of offices")

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class Role(models.TextChoices):
    ADVISOR = "veileder", _("Advisor")
    MANAGER = "leder", _("Manager")
    MARKET_CONTACT = "markedskontakt", _("Market contact")
    EDITOR = "redaktor", _("Editor")


class UserQuerySet(models.QuerySet):
    def with_office(self) -> UserQuerySet:
        return self.select_related("office__region")

    def with_role(self, role: str) -> UserQuerySet:
        return self.filter(roles__contains=[role])

    def in_office(self, office: Office) -> UserQuerySet:
        return self.filter(office=office, is_active=True)


class PortalUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class JourneyPhase(models.TextChoices):
    """Where a person is in their working life at NAV (slugs shared with learning.Phase)."""

    NEW = "ny-i-nav", _("New in NAV")
    EVERYDAY = "hverdagen", _("Everyday")
    TOP_UP = "pafyll", _("Top-up")


class EmailChoice(models.TextChoices):
    IMMEDIATE = "immediate", _("Right away")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    OFF = "off", _("Off")


class User(AbstractUser):
    """An employee. Administrators are superusers and reach everything through Django admin."""

    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        related_name="staff",
        null=True,
        blank=True,
        verbose_name=_("office"),
    )
    roles = ArrayField(
        models.CharField(max_length=20, choices=Role.choices),
        default=list,
        blank=True,
        verbose_name=_("roles"),
    )
    # Editors work for one region or, when empty, nationally.
    editor_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="editors",
        null=True,
        blank=True,
        verbose_name=_("editor for region"),
        help_text=_("Empty means a national editor."),
    )
    team = models.CharField(_("team"), max_length=100, blank=True)
    start_date = models.DateField(
        _("started in NAV"),
        null=True,
        blank=True,
        help_text=_("Decides the journey phase: new, everyday or top-up."),
    )
    # Normally follows from start_date; a person may choose another phase themselves.
    journey_phase = models.CharField(
        _("journey phase"),
        max_length=12,
        choices=JourneyPhase.choices,
        blank=True,
        help_text=_("Empty: decided by when you started in NAV."),
    )
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="nb"
    )
    # Per notification kind: how e-mail is sent (EmailChoice). Missing kinds use the default.
    email_preferences = models.JSONField(_("e-mail preferences"), default=dict, blank=True)

    objects = PortalUserManager()

    class Meta:
        ordering = ["first_name", "last_name"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        indexes = [models.Index(fields=["office", "is_active"])]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def is_manager(self) -> bool:
        return self.has_role(Role.MANAGER)

    @property
    def is_market_contact(self) -> bool:
        return self.has_role(Role.MARKET_CONTACT)

    @property
    def is_editor(self) -> bool:
        return self.has_role(Role.EDITOR)

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser

    def role_labels(self) -> list[str]:
        labels = [Role(role).label for role in Role.values if role in self.roles]
        if self.is_superuser:
            labels.append(str(_("Administrator")))
        return labels

    def email_choice(self, kind: str) -> str:
        return self.email_preferences.get(kind, DEFAULT_EMAIL_CHOICE.get(kind, EmailChoice.DAILY))


class NotificationKind(models.TextChoices):
    ASSIGNMENT_GIVEN = "assignment_given", _("Assignment given")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    SUMMARY_PUBLISHED = "summary_published", _("New weekly summary")
    FOLLOW_UP_DUE = "follow_up_due", _("Follow-up due")
    PLAN_PASSED = "plan_passed", _("Planned contact passed")
    CALLBACK_ASSIGNED = "callback_assigned", _("Callback assigned")
    POST_REPORTED = "post_reported", _("Post reported")
    REVIEW_DUE = "review_due", _("Content due for review")
    QUESTION_ASKED = "question_asked", _("Question for the experts")
    QUESTION_ANSWERED = "question_answered", _("Your question was answered")


# The report's users drown in e-mail, so most kinds default to a daily digest. A new weekly
# summary is the exception: it is the one mail the market contacts want read the same day.
DEFAULT_EMAIL_CHOICE = {NotificationKind.SUMMARY_PUBLISHED: EmailChoice.IMMEDIATE}
# Kinds whose e-mail the owning app sends itself (a richer mail than a notification line).
KINDS_MAILED_BY_APPS = {NotificationKind.SUMMARY_PUBLISHED}


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user: User) -> NotificationQuerySet:
        return self.filter(recipient=user)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """Something a person should know. `dedup_key` makes each notification happen once."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=NotificationKind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    dedup_key = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedup_key"], name="notification_once_per_recipient"
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at", "-created_at"]),
            models.Index(
                fields=["created_at"],
                condition=models.Q(emailed_at__isnull=True),
                name="notification_unmailed",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class FreshnessRun(models.Model):
    """One run of the freshness refresh: when, and how many items changed to each state."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}"

    @property
    def changed_count(self) -> int:
        return sum(sum(states.values()) for states in self.changes.values())


class GlossaryTerm(FreshContent):
    """A term of the shared glossary (begrepsliste), linked from the text where it appears."""

    term = models.CharField(_("term"), max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    definition = models.TextField(_("definition"))
    # The portal search reads these as synonyms of the term: «wage subsidy» finds what is
    # written about lønnstilskudd (portal.search).
    english = models.CharField(
        _("English names"),
        max_length=300,
        blank=True,
        help_text=_(
            "Separated by commas, e.g. «wage subsidy, salary subsidy». A search for one of "
            "them finds the term and the content that uses it."
        ),
    )

    class Meta:
        ordering = ["term"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")

    def __str__(self) -> str:
        return self.term

    def get_absolute_url(self) -> str:
        return reverse("portal:glossary") + f"#{self.slug}"


class Feedback(models.Model):
    """«Var dette nyttig?»: one answer per person and item, which the person may change."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    useful = models.BooleanField()
    comment = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"], name="feedback_once_per_person"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} {'+' if self.useful else '-'}"


class UsageCount(models.Model):
    """Views per item per day, aggregated: who viewed what is never stored."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "day"], name="usage_one_row_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} {self.day}: {self.views}"


class SearchEntryQuerySet(models.QuerySet):
    def visible_to(self, user) -> SearchEntryQuerySet:
        """Everything national, plus what is scoped to the user's own office or region."""
        scope = models.Q(office__isnull=True, region__isnull=True)
        if user.office_id:
            scope |= models.Q(office_id=user.office_id)
            scope |= models.Q(region_id=user.office.region_id, office__isnull=True)
        return self.filter(scope)


class SearchEntry(models.Model):
    """One searchable document per published object, for the portal-wide search.

    Apps describe their objects in `<app>/search.py`; the entry is written when the object is
    saved, and removed when it is deleted or no longer published. Drafts are never indexed.
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=30, db_index=True)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    # Scope: both empty means every signed-in user; otherwise that office's or region's people.
    office = models.ForeignKey(Office, on_delete=models.CASCADE, null=True, blank=True)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    # A word shown beside the hit, such as a closed employer's status in the register; its
    # label comes from the indexing app (TAG_LABELS in <app>/search.py). A database default,
    # because seed_scale fills the table with INSERT … SELECT.
    tag = models.CharField(max_length=30, blank=True, db_default="")
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("body", weight="B", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="search_one_entry")
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="search_vector_gin"),
            GinIndex(fields=["title"], opclasses=["gin_trgm_ops"], name="search_title_trgm"),
            # The entries with the query in their title, which the search ranks first: for a
            # common word it then ranks a few hundred titles, not every body that has it.
            GinIndex(SearchVector("title", config=SEARCH_CONFIG), name="search_title_vector"),
        ]

    def __str__(self) -> str:
        return self.title


class SearchWord(models.Model):
    """Every word in the indexed text, for spelling suggestions when a query finds little."""

    word = models.CharField(max_length=100, unique=True)

    class Meta:
        indexes = [
            GinIndex(fields=["word"], opclasses=["gin_trgm_ops"], name="search_word_trgm"),
            # The words a query word may stand for when typed without æ, ø and å: «risor»
            # is the folded form of «risør» (portal.folding; portal_fold is migration 0009's).
            models.Index(Func(F("word"), function="portal_fold"), name="search_word_folded"),
        ]

    def __str__(self) -> str:
        return self.word


class AuditEvent(models.Model):
    """Who did what to which object, when, with the values before and after.

    Kept for assignments, role and office changes, contact-log edits and deletions, exports
    and hidden posts. Browsable by administrators in Django admin; never edited."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=60, db_index=True)
    target_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.SET_NULL, null=True, blank=True
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target_repr = models.CharField(max_length=200, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"


class OutboxMessage(models.Model):
    """A task that could not reach the broker; sent again when the broker is back."""

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="outbox_unsent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.task}{tuple(self.args)}"


class SlugHistory(models.Model):
    """A slug a page had before, so that old links and bookmarks still find it (with a 301)."""

    model = models.CharField(max_length=100)  # the model's label_lower, e.g. "portal.office"
    old_slug = models.CharField(max_length=200)
    object_id = models.BigIntegerField()
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "old_slug"], name="slug_history_unique")
        ]

    def __str__(self) -> str:
        return f"{self.model} {self.old_slug} → {self.object_id}"


class Figure(models.TextChoices):
    """The office's figures for steering, one row per office, month and figure (MonthFigure).

    `count` over `total` is the figure: a share (finished on time of all due), minutes used of
    minutes reserved, or for contacts by topic a plain count (total 0) per topic in `part`."""

    MANDATORY_ON_TIME = "mandatory_on_time", _("Mandatory modules finished by their due date")
    LEARNING_MINUTES = "learning_minutes", _("Learning time used of the time reserved")
    CONTACTS_BY_TOPIC = "contacts_by_topic", _("Employer contacts by topic")
    DUPLICATES_AVOIDED = "duplicates_avoided", _("Duplicate contacts avoided")
    SUMMARY_ON_TIME = "summary_on_time", _("Weeks with the summary published by Monday")
    CALLBACKS_ON_TIME = "callbacks_on_time", _("Callbacks answered within two working days")


class MonthFigureQuerySet(models.QuerySet):
    def for_office(self, office_id: int) -> MonthFigureQuerySet:
        return self.filter(office_id=office_id)

    def for_region(self, region_id: int) -> MonthFigureQuerySet:
        """Every row of the region: its offices' and its own (office empty: the region's
        summaries and the callbacks waiting in the region's queue)."""
        return self.filter(region_id=region_id)

    def since(self, month) -> MonthFigureQuerySet:
        return self.filter(month__gte=month)


class MonthFigure(models.Model):
    """One figure for one office (or a region's own share) and one calendar month.

    Written only by `portal.tasks.figures_refresh` from each app's `figures.py` declarations:
    nightly for the last twelve months, hourly for the current one. A region's page sums its
    rows, so it reads a few hundred rows instead of the log itself."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    month = models.DateField()  # the first day of the month
    figure = models.CharField(max_length=30, choices=Figure.choices)
    part = models.CharField(max_length=40, blank=True, default="")  # contacts: the topic
    count = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(default=timezone.now)

    objects = MonthFigureQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["region", "office", "month", "figure", "part"],
                nulls_distinct=False,
                name="month_figure_once",
            )
        ]
        indexes = [models.Index(fields=["office", "month"], name="month_figure_office")]

    def __str__(self) -> str:
        return f"{self.office_id or self.region_id} {self.month:%Y-%m} {self.figure} {self.part}"
