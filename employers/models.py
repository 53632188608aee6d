"""Employers (arbeidsgivere): one register shared by every office, and what NAV does with them.

An employer is a unit of the Central Coordinating Register for Legal Entities
(Enhetsregisteret): a main unit (hovedenhet) with its sub-units (underenheter), typically one
per workplace. Each has a nine-digit organisation number with a MOD11 check digit.

Around the register: contact persons at the employer, the contact log (who at NAV talked to
which employer, when, about what), planned contacts, the callback queue (tilbakeringing:
employers who asked NAV to call back) and conversation guides (samtaleguider).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.contrib.postgres.search import TrigramDistance
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.dates import working_days_before
from portal.folding import fold
from portal.freshness import FreshContent, FreshnessQuerySet
from portal.sql import named_rows
from portal.validators import (
    normalise_organisation_number,
    reject_identity_numbers,
    validate_organisation_number,
)

SUMMARY_MAX_LENGTH = 1000
# Trigrams need three characters; shorter name searches would read the whole table.
MIN_NAME_QUERY = 3


class EmployerSize(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    MICRO = "1-4", _("1–4 employees")
    SMALL = "5-19", _("5–19 employees")
    MEDIUM = "20-99", _("20–99 employees")
    LARGE = "100+", _("100 or more employees")


class RegisterStatus(models.TextChoices):
    """What the Central Coordinating Register says about a unit that is no longer an ordinary,
    active one. Such units are kept (their contact history matters) and tagged."""

    ACTIVE = "", _("Active")
    UNDER_LIQUIDATION = "liquidation", _("Under liquidation")
    FORCED_LIQUIDATION = "forced_liquidation", _("Under compulsory liquidation or dissolution")
    BANKRUPT = "bankrupt", _("Bankrupt")
    CLOSED = "closed", _("Closed down")
    DELETED = "deleted", _("Deleted from the register")


class Channel(models.TextChoices):
    VISIT = "visit", _("Visit")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    VIDEO = "video", _("Video meeting")
    NAV_OFFICE = "nav_office", _("Meeting at the NAV office")
    JOB_FAIR = "job_fair", _("Job fair or industry meeting")


class Topic(models.TextChoices):
    RECRUITMENT = "recruitment", _("Recruitment")
    RECRUITMENT_ADAPTED = "recruitment_adapted", _("Recruitment with adaptation")
    WORK_TRAINING = "work_training", _("Work training and other measures")
    SICK_LEAVE = "sick_leave", _("Preventing sick leave / IA")
    NAV_SERVICES = "nav_services", _("Information about NAV's services")
    CANDIDATE_FOLLOW_UP = "candidate_follow_up", _("Follow-up of a candidate")
    DOWNSIZING = "downsizing", _("Downsizing and lay-offs")
    OTHER = "other", _("Other")


# The four topics of NAV's contact-us form for employers, offered in the callback queue.
CALLBACK_TOPICS = [
    Topic.RECRUITMENT,
    Topic.RECRUITMENT_ADAPTED,
    Topic.WORK_TRAINING,
    Topic.SICK_LEAVE,
]


def topic_label(value: str) -> str:
    return _labels(Topic).get(value, value)


def channel_label(value: str) -> str:
    return _labels(Channel).get(value, value)


_LABELS: dict[tuple[type, str | None], dict[str, str]] = {}


def _labels(choices: type[models.TextChoices]) -> dict[str, str]:
    """The choices' labels in the active language, translated once per process: lists
    show hundreds of labels, and each lazy label translated again cost more than the row."""
    key = (choices, get_language())
    labels = _LABELS.get(key)
    if labels is None:
        labels = _LABELS[key] = {choice.value: str(choice.label) for choice in choices}
    return labels


class ILike(models.Lookup):
    """`name ILIKE '%x%'`: Django's icontains writes UPPER(name) LIKE UPPER(…), which no
    trigram index can answer."""

    lookup_name = "ilike"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} ILIKE {rhs}", [*lhs_params, *rhs_params]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def name_words(text: str) -> list[str]:
    """The words of a name or query as the name-word table keeps them: split where the
    trigger splits names (at spaces and punctuation), then folded (portal.folding), so that
    `risor`, `risoer` and `Risør` are one word."""
    return [fold(word) for word in _WORD_SEPARATORS.split(text.lower()) if word]


_WORD_SEPARATORS = re.compile(r"[\W_]+")
_NUMBER_SEPARATORS = re.compile(r"[\s.]+")
# Below this many names starting with the words, the search also looks inside words.
FEW_WORD_MATCHES = 5


def word_starts_sql(words: list[str], limit: int) -> tuple[str, list]:
    """Active employers with a name word starting with each of `words` (lowercased), best
    first: shortest matching word (of the first of `words`), then shortest name.

    The (employer, word) rows are read in the order of the employer_name_word_prefix index
    and only twice `limit` of them, so a word shared by thousands of names («bygg», «avd»)
    costs no more than a rare one; the other words must start some word of the same name.
    A name matching twice («Bygg og Byggservice») is listed once, by its best word."""
    words_table = EmployerNameWord._meta.db_table
    employers = Employer._meta.db_table
    # One condition per further word of the query, each with its pattern as a parameter.
    also = (
        f" AND EXISTS (SELECT 1 FROM {words_table} AS other"  # noqa: S608 - our table name
        " WHERE other.employer_id = hit.employer_id AND other.word LIKE %s)"
    ) * (len(words) - 1)
    sql = f"""
        WITH hits AS (
            SELECT hit.employer_id, hit.word, hit.name_length
            FROM {words_table} AS hit
            WHERE hit.word LIKE %s{also}
            ORDER BY hit.word, hit.name_length, hit.employer_id
            LIMIT %s
        ), best AS (
            SELECT DISTINCT ON (employer_id) employer_id, word, name_length
            FROM hits
            ORDER BY employer_id, word
        )
        SELECT employer.id, employer.name, employer.organisation_number,
            employer.municipality, employer.main_unit_id, employer.register_status,
            main_unit.name AS main_unit_name
        FROM best
        JOIN {employers} AS employer ON employer.id = best.employer_id
        LEFT JOIN {employers} AS main_unit ON main_unit.id = employer.main_unit_id
        WHERE employer.deleted_at IS NULL
        ORDER BY best.word, best.name_length, employer.id
        LIMIT %s
    """  # noqa: S608 - table names from our own models; values are parameters
    patterns = [f"{_escape_like(word)}%" for word in words]
    return sql, [*patterns, limit * 2, limit]


class EmployerQuerySet(models.QuerySet):
    def active(self) -> EmployerQuerySet:
        return self.filter(deleted_at__isnull=True)

    def search(self, query: str, limit: int = 20) -> list[Employer]:
        """Employers by the start of their organisation number or of words in their name.

        A number is a range on its unique index. A name is looked up by the start of its
        words (see EmployerNameWord), each word of the query starting some word of the
        name, shortest matching word and shortest name first. Only when that finds fewer
        than FEW_WORD_MATCHES does the slower trigram search for the text anywhere in the
        name (the middle of a compound: «foredling» in «Fiskeforedling») fill the list."""
        query = query.strip()
        # «974 760 673», «974.760.673», «NO 974 760 673 MVA», or the start of one.
        compact = _NUMBER_SEPARATORS.sub("", normalise_organisation_number(query))
        found = (
            self.active()
            .annotate(main_unit_name=F("main_unit__name"))
            .only(
                "pk",
                "name",
                "organisation_number",
                "municipality",
                "main_unit_id",
                "register_status",
            )
        )
        if compact.isascii() and compact.isdigit():
            return list(found.by_number_start(compact)[:limit])
        words = name_words(query)
        if len(query) < MIN_NAME_QUERY or not words:
            return []
        # SQL rather than the ORM: as-you-type has a 20 ms budget, and compiling the
        # subqueries took longer than running them.
        results = list(self.model.objects.raw(*word_starts_sql(words, limit)))
        if len(results) < FEW_WORD_MATCHES:
            seen = [employer.pk for employer in results]
            # The GiST trigram index answers ILIKE and orders by closeness in one index scan.
            containing = (
                found.filter(ILike(F("name"), f"%{_escape_like(query)}%"))
                .exclude(pk__in=seen)
                .order_by(TrigramDistance("name", query))
            )
            results += containing[: limit - len(results)]
        return results

    def by_number_start(self, digits: str) -> EmployerQuerySet:
        # All numbers have nine digits, so a prefix is a range on the unique index.
        prefix = digits[:9]
        return self.filter(
            organisation_number__gte=prefix.ljust(9, "0"),
            organisation_number__lte=prefix.ljust(9, "9"),
        ).order_by("organisation_number")


class Employer(models.Model):
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=9,
        unique=True,
        validators=[validate_organisation_number],
    )
    name = models.CharField(_("name"), max_length=200)
    main_unit = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sub_units",
        verbose_name=_("main unit"),
    )
    industry_code = models.CharField(_("industry code (NACE)"), max_length=10, blank=True)
    industry_text = models.CharField(_("industry"), max_length=200, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    municipality_number = models.CharField(_("municipality number"), max_length=4, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    postal_place = models.CharField(_("postal place"), max_length=100, blank=True)
    size_band = models.CharField(
        _("size"), max_length=10, choices=EmployerSize.choices, blank=True, default=""
    )
    # The register's columns have database defaults: rows written by COPY (the data-set
    # generator, the staging merge) may leave them out.
    organisation_form = models.CharField(
        _("organisation form"), max_length=10, blank=True, db_default=""
    )
    organisation_form_text = models.CharField(
        _("organisation form (text)"), max_length=200, blank=True, db_default=""
    )
    employees = models.PositiveIntegerField(_("number of employees"), null=True, blank=True)
    website = models.CharField(_("website"), max_length=300, blank=True, db_default="")
    register_status = models.CharField(
        _("status in the register"),
        max_length=20,
        choices=RegisterStatus.choices,
        blank=True,
        default="",
        db_default="",
    )
    # The day of the bankruptcy, liquidation, closing or deletion, when the register gives it.
    register_status_on = models.DateField(_("status since"), null=True, blank=True)
    # When the register import or its update feed last wrote the unit; empty for employers
    # registered by hand in the portal.
    register_updated_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, validators=[reject_identity_numbers])
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = EmployerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        indexes = [
            GinIndex(
                name="employer_name_trgm",
                fields=["name"],
                opclasses=["gin_trgm_ops"],
            ),
            GistIndex(
                name="employer_name_trgm_gist",
                fields=["name"],
                opclasses=["gist_trgm_ops"],
            ),
            models.Index(fields=["municipality"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("employers:detail", args=[self.organisation_number])

    @property
    def is_closed(self) -> bool:
        """Not an ordinary active unit any more: bankrupt, being wound up, closed or deleted."""
        return bool(self.register_status)


class EmployerNameWord(models.Model):
    """One word of an active employer's name, lowercased and folded (portal.folding).

    The register's search finds names by the start of any of their words: a range on the
    btree index of `word`, read in the order the results are shown, so it stops after one
    page of rows however many of the 200,000 names share a common word («Bygg», «avd»).
    A trigger on the employer table keeps the words, so that every way names change (forms,
    admin, the register import, bulk loads) keeps them too; it takes them from the SQL
    function `employers_name_words(name)` (migration 0007), which a set-based rebuild of
    the table should use as well.
    """

    # No index of its own: the unique (employer, word) constraint's index serves it.
    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    # Byte order ("C"): PostgreSQL answers LIKE 'abc%' from a btree only in this collation.
    word = models.CharField(max_length=200, db_collation="C")
    # Shorter names first among those sharing the word: «Renhold AS» before «Nordlys
    # Renhold og Vaktmestertjenester AS», as the closeness order of the old search did.
    name_length = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["employer", "word"], name="employer_name_word_unique")
        ]
        indexes = [
            models.Index(
                fields=["word", "name_length", "employer"], name="employer_name_word_prefix"
            )
        ]

    def __str__(self) -> str:
        return self.word


class RegisterCursor(models.Model):
    """How far the register's update feed has been applied, per kind of unit: the last
    update id (oppdateringsid) whose change is in our table. Moved in the same transaction
    as the changes, so a failed run neither half-applies nor skips anything."""

    kind = models.CharField(max_length=20, unique=True)
    last_update_id = models.BigIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.kind}: {self.last_update_id}"


class RegisterImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class RegisterImport(models.Model):
    """One import of a file from the register, started in admin and run by a Celery task;
    what admin shows while it runs and after."""

    file = models.FileField(_("file"), upload_to="register/")
    original_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RegisterImportStatus.choices,
        default=RegisterImportStatus.QUEUED,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    units = models.PositiveIntegerField(_("units read"), default=0)
    created = models.PositiveIntegerField(_("new employers"), default=0)
    updated = models.PositiveIntegerField(_("changed employers"), default=0)
    skipped_count = models.PositiveIntegerField(_("rows skipped"), default=0)
    # The first skipped rows: [[line, reason], …].
    skipped = models.JSONField(_("skipped rows"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"


class ContactPersonQuerySet(models.QuerySet):
    def active(self) -> ContactPersonQuerySet:
        return self.filter(deleted_at__isnull=True)


class ContactPerson(models.Model):
    """A person at the employer NAV talks to. Business contact data only."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="contact_persons")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role or title"), max_length=200, blank=True)
    phone = models.CharField(_("work phone"), max_length=30, blank=True)
    email = models.EmailField(_("work e-mail"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = ContactPersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


class ContactEntryQuerySet(models.QuerySet):
    def active(self) -> ContactEntryQuerySet:
        return self.filter(deleted_at__isnull=True)

    def with_people(self) -> ContactEntryQuerySet:
        return self.select_related("author", "office", "employer", "follow_up_assignee")

    # What a line of the contact log shows: employers.views.contacts.LogRow's names and lookups.
    LIST_COLUMNS = {
        "pk": "pk",
        "contacted_on": "contacted_on",
        "channel": "channel",
        "topics": "topics",
        "employer_name": "employer__name",
        "organisation_number": "employer__organisation_number",
        "author_first_name": "author__first_name",
        "author_last_name": "author__last_name",
        "office_name": "office__name",
    }

    def page(
        self,
        *,
        limit: int,
        before: tuple[date, int] | None = None,
        flat: bool = False,
    ) -> list[ContactEntry] | list[dict]:
        """Keyset pagination, newest first: rows strictly older than `before` (day, id);
        `flat` gives dicts of LIST_COLUMNS' names instead of entries."""
        rows = self.active().order_by("-contacted_on", "-pk")
        if before:
            day, pk = before
            rows = rows.filter(Q(contacted_on__lt=day) | Q(contacted_on=day, pk__lt=pk))
        if flat:
            values = rows.values_list(*self.LIST_COLUMNS.values())[: limit + 1]
            return [dict(zip(self.LIST_COLUMNS, row, strict=True)) for row in values]
        return list(rows[: limit + 1])

    def matching(self, *, topic: str = "", office_id: int | None = None, author=None):
        """The contact log's filters: a topic, an office, an author (each only if given)."""
        rows = self.filter(topics__contains=[topic]) if topic else self
        rows = rows.filter(office_id=office_id) if office_id else rows
        return rows.filter(author=author) if author else rows

    def follow_ups_for(self, user) -> ContactEntryQuerySet:
        return (
            self.active()
            .filter(follow_up_assignee=user, follow_up_done_at__isnull=True)
            .exclude(follow_up_on=None)
            .select_related("employer", "author", "office")
            .order_by("follow_up_on", "pk")
        )

    def knows_best(self, employer: Employer, *, since: datetime, limit: int = 3) -> list[dict]:
        """Who at NAV has had most contact with the employer since `since`.

        Counted per author and office first (an index-only scan), and only the top counts
        get names, by primary key (scalar subqueries, so the planner cannot turn them into a
        hash join that reads the whole user table, as it did for a busy employer)."""
        entries = ContactEntry._meta.db_table
        users = ContactEntry._meta.get_field("author").related_model._meta.db_table
        offices = ContactEntry._meta.get_field("office").related_model._meta.db_table
        sql = f"""
            WITH counts AS (
                SELECT author_id, office_id, COUNT(*) AS contacts
                FROM {entries}
                WHERE employer_id = %s AND contacted_on >= %s AND deleted_at IS NULL
                GROUP BY author_id, office_id
            ), top AS (
                SELECT * FROM counts
                WHERE contacts >= COALESCE(
                    (SELECT contacts FROM counts ORDER BY contacts DESC OFFSET %s LIMIT 1), 0)
            )
            SELECT author_id, first_name AS author__first_name,
                last_name AS author__last_name, office_name AS office__name, contacts
            FROM (
                SELECT top.author_id, top.contacts,
                    (SELECT first_name FROM {users} WHERE id = top.author_id) AS first_name,
                    (SELECT last_name FROM {users} WHERE id = top.author_id) AS last_name,
                    (SELECT name FROM {offices} WHERE id = top.office_id) AS office_name
                FROM top
            ) named
            ORDER BY contacts DESC, author__first_name
            LIMIT %s
        """  # noqa: S608 - table names from our own models; values are parameters
        return named_rows(sql, [employer.pk, since, limit - 1, limit], using=self.db)


class ContactEntry(models.Model):
    """One contact with an employer: the contact log (kontaktloggen)."""

    employer = models.ForeignKey(
        Employer,
        on_delete=models.PROTECT,
        related_name="contact_entries",
        verbose_name=_("employer"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="contact_entries",
        verbose_name=_("logged by"),
    )
    office = models.ForeignKey(
        "portal.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    contact_person = models.ForeignKey(
        ContactPerson,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person"),
    )
    contacted_on = models.DateField(_("date of contact"), default=timezone.localdate)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    topics = ArrayField(
        models.CharField(max_length=30, choices=Topic.choices), verbose_name=_("topics")
    )
    summary = models.TextField(
        _("summary"),
        validators=[MaxLengthValidator(SUMMARY_MAX_LENGTH), reject_identity_numbers],
    )
    outcome = models.TextField(
        _("outcome"),
        blank=True,
        validators=[MaxLengthValidator(SUMMARY_MAX_LENGTH), reject_identity_numbers],
    )
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    follow_up_assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("follow-up by"),
    )
    follow_up_done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ContactEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-contacted_on", "-pk"]
        verbose_name = _("contact log entry")
        verbose_name_plural = _("contact log entries")
        indexes = [
            models.Index(
                fields=["employer", "-contacted_on", "-id"],
                condition=Q(deleted_at__isnull=True),
                name="entry_employer_timeline",
            ),
            models.Index(
                fields=["-contacted_on", "-id"],
                condition=Q(deleted_at__isnull=True),
                name="entry_log_list",
            ),
            models.Index(
                fields=["office", "-contacted_on", "-id"],
                condition=Q(deleted_at__isnull=True),
                name="entry_office_log",
            ),
            # "Who knows the employer best" counts a year of entries per author and office;
            # covering them lets PostgreSQL count from the index without visiting the rows.
            models.Index(
                fields=["employer", "contacted_on"],
                include=["author", "office"],
                condition=Q(deleted_at__isnull=True),
                name="entry_employer_authors",
            ),
            models.Index(
                fields=["follow_up_assignee", "follow_up_on"],
                condition=Q(follow_up_done_at__isnull=True, follow_up_on__isnull=False),
                name="entry_open_follow_ups",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employer_id} {self.contacted_on}"

    def get_absolute_url(self) -> str:
        return reverse("employers:entry", args=[self.pk])

    def topic_labels(self) -> list[str]:
        return [topic_label(t) for t in self.topics]


class ContactEntryRevision(models.Model):
    """What an edit changed on a log entry: {field: [before, after]}, who and when."""

    entry = models.ForeignKey(ContactEntry, on_delete=models.CASCADE, related_name="revisions")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.changed_at:%Y-%m-%d %H:%M}"


class PlanStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class PlannedContactQuerySet(models.QuerySet):
    def open(self) -> PlannedContactQuerySet:
        return self.filter(status=PlanStatus.PLANNED, deleted_at__isnull=True)

    def with_people(self) -> PlannedContactQuerySet:
        return self.select_related("author", "office", "employer")

    def soonest_page(self, *, limit: int, after: tuple[date, int] | None = None) -> list:
        """Keyset pagination, soonest first: plans strictly after `after` (day, id)."""
        rows = self.order_by("planned_on", "pk")
        if after:
            day, pk = after
            rows = rows.filter(Q(planned_on__gt=day) | Q(planned_on=day, pk__gt=pk))
        return list(rows[: limit + 1])


class PlannedContact(models.Model):
    """ "I will visit X about Y in week 12": visible to colleagues in every office."""

    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="planned_contacts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="planned_contacts"
    )
    office = models.ForeignKey("portal.Office", on_delete=models.PROTECT, related_name="+")
    planned_on = models.DateField(_("planned for"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    topics = ArrayField(
        models.CharField(max_length=30, choices=Topic.choices), verbose_name=_("topics")
    )
    note = models.TextField(
        _("note"),
        blank=True,
        validators=[MaxLengthValidator(SUMMARY_MAX_LENGTH), reject_identity_numbers],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.PLANNED
    )
    # Set by the beat task when the date has passed and the plan is still open.
    passed_flagged_at = models.DateTimeField(null=True, blank=True)
    entry = models.OneToOneField(
        ContactEntry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="planned_contact",
    )
    created_at = models.DateTimeField(default=timezone.now)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = PlannedContactQuerySet.as_manager()

    class Meta:
        ordering = ["planned_on", "pk"]
        verbose_name = _("planned contact")
        verbose_name_plural = _("planned contacts")
        indexes = [
            models.Index(
                fields=["employer", "-planned_on", "-id"],
                condition=Q(deleted_at__isnull=True),
                name="plan_employer_timeline",
            ),
            models.Index(
                fields=["planned_on", "id"],
                condition=Q(status="planned", deleted_at__isnull=True),
                name="plan_open",
            ),
            # The planned-contacts page lists one office's open plans, soonest first.
            models.Index(
                fields=["office", "planned_on", "id"],
                condition=Q(status="planned", deleted_at__isnull=True),
                name="plan_office_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employer_id} {self.planned_on}"

    @property
    def week(self) -> int:
        return self.planned_on.isocalendar().week

    @property
    def is_passed(self) -> bool:
        return self.status == PlanStatus.PLANNED and self.planned_on < timezone.localdate()

    def topic_labels(self) -> list[str]:
        return [topic_label(t) for t in self.topics]


class CallbackStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class CallbackQuerySet(models.QuerySet):
    def for_office(self, office) -> CallbackQuerySet:
        return self.filter(office=office)

    def open(self) -> CallbackQuerySet:
        return self.exclude(status=CallbackStatus.DONE)

    def waiting_in_region(self, region_id: int) -> CallbackQuerySet:
        """The region's queue: open contact forms no office covers, oldest first."""
        return (
            self.filter(office__isnull=True, region_id=region_id)
            .open()
            .order_by("created_at", "pk")
        )

    def with_people(self) -> CallbackQuerySet:
        return self.select_related("employer", "assigned_to", "taken_by", "contact_person")

    def for_queue_list(self) -> CallbackQuerySet:
        """Only what the queue's list shows: the full employer and user rows cost more to
        build than the query costs to run."""
        return self.select_related("employer", "assigned_to").only(
            "pk",
            "created_at",
            "done_at",
            "contact_name",
            "phone",
            "preferred_time",
            "topic",
            "status",
            "source",
            "municipality",
            "employer__name",
            "assigned_to__first_name",
            "assigned_to__last_name",
        )

    def with_lateness(self, now: datetime | None = None) -> CallbackQuerySet:
        """`is_late`: still open and older than two working days (weekends and public
        holidays not counted)."""
        cutoff = working_days_before(now or timezone.now(), 2)
        return self.annotate(
            is_late=models.ExpressionWrapper(
                Q(created_at__lt=cutoff) & ~Q(status=CallbackStatus.DONE),
                output_field=models.BooleanField(),
            )
        )


class CallbackSource(models.TextChoices):
    STAFF = "staff", _("Taken by NAV")
    EMPLOYER_FORM = "employer_form", _("From the employer")


class Callback(models.Model):
    """An employer asked NAV to call back (tilbakeringing); the office's market contacts
    work the queue.

    Taken by someone at NAV, or sent by the employer through NAV's public contact form
    (kontaktskjema, employers/api.py). A form whose municipality no office covers waits in
    its region's queue: no office, only the region, seen by the region's market contacts
    and managers until one of them takes it to an office."""

    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="callbacks", verbose_name=_("employer")
    )
    contact_person = models.ForeignKey(
        ContactPerson,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person"),
    )
    contact_name = models.CharField(_("who to call"), max_length=200)
    phone = models.CharField(_("phone"), max_length=30)
    topic = models.CharField(
        _("topic"), max_length=30, choices=[(t.value, t.label) for t in CALLBACK_TOPICS]
    )
    preferred_time = models.CharField(
        _("preferred time"), max_length=200, blank=True, validators=[reject_identity_numbers]
    )
    note = models.TextField(
        _("note"),
        blank=True,
        validators=[MaxLengthValidator(SUMMARY_MAX_LENGTH), reject_identity_numbers],
    )
    office = models.ForeignKey(
        "portal.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("office"),
    )
    region = models.ForeignKey(
        "portal.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    # Empty when the employer sent the request through the contact form.
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=CallbackSource.choices,
        default=CallbackSource.STAFF,
        db_default=CallbackSource.STAFF,
    )
    # What the contact form sent besides the phone and name above. The contact person's
    # name, e-mail and phone are cleared CALLBACK_CONTACT_RETENTION_MONTHS after the
    # callback is done (services.callbacks_clear_contact_details).
    # Database defaults too: the scale seeder and other bulk writers insert callbacks by COPY.
    email = models.EmailField(_("e-mail"), blank=True, db_default="")
    company_name = models.CharField(
        _("company name as given"), max_length=200, blank=True, db_default=""
    )
    municipality_number = models.CharField(
        _("municipality number"), max_length=6, blank=True, db_default=""
    )
    municipality = models.CharField(_("municipality"), max_length=100, blank=True, db_default="")
    employee_representative_consulted = models.BooleanField(
        _("has talked to an employee representative"), null=True, blank=True
    )
    # The sender's client id and its Idempotency-Key: a repeat of the same form creates
    # nothing new. The fingerprint tells a repeat from another form under a reused key.
    inbound_client = models.CharField(max_length=100, blank=True, db_default="")
    idempotency_key = models.CharField(max_length=200, null=True, blank=True)  # noqa: DJ001
    inbound_fingerprint = models.CharField(max_length=64, blank=True, db_default="")
    contact_details_cleared_at = models.DateTimeField(null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="callbacks",
        verbose_name=_("assigned to"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=CallbackStatus.choices, default=CallbackStatus.NEW
    )
    received_on = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now)
    # When it first left «new»: the office answered. Kept when it is reopened (it was answered
    # then); the figure «callbacks answered within two working days» reads it.
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    entry = models.OneToOneField(
        ContactEntry, on_delete=models.SET_NULL, null=True, blank=True, related_name="callback"
    )
    # Closing without a log entry says why: a callback is never closed silently.
    no_contact_reason = models.TextField(
        _("why no contact was made"),
        blank=True,
        validators=[MaxLengthValidator(500), reject_identity_numbers],
    )
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )

    objects = CallbackQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("callback request")
        verbose_name_plural = _("callback requests")
        constraints = [
            models.UniqueConstraint(
                fields=["inbound_client", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="callback_idempotency_key",
            ),
            models.CheckConstraint(
                condition=Q(office__isnull=False) | Q(region__isnull=False),
                name="callback_office_or_region",
            ),
            models.CheckConstraint(
                condition=Q(taken_by__isnull=False) | Q(source="employer_form"),
                name="callback_taken_by_staff",
            ),
        ]
        indexes = [
            models.Index(fields=["office", "status", "created_at"], name="callback_queue"),
            # A region's queue: the open forms no office covers.
            models.Index(
                fields=["region", "created_at", "id"],
                condition=Q(office__isnull=True) & ~Q(status="done"),
                name="callback_region_open",
            ),
            # The retention job: done callbacks whose contact details are still there.
            models.Index(
                fields=["done_at"],
                condition=Q(contact_details_cleared_at__isnull=True, status="done"),
                name="callback_contact_retention",
            ),
            models.Index(fields=["employer", "-received_on", "-id"], name="callback_timeline"),
            # The open queue (page and dashboard panel), oldest first, without reading the
            # office's done requests.
            models.Index(
                fields=["office", "created_at", "id"],
                condition=~Q(status="done"),
                name="callback_office_open",
            ),
            # The queue's "recently done" list: without it, every office's done callbacks
            # are read and sorted.
            models.Index(
                fields=["office", "-done_at", "-id"],
                condition=Q(status="done"),
                name="callback_office_done",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employer_id} {self.contact_name}"

    def get_absolute_url(self) -> str:
        return reverse("employers:callback", args=[self.pk])


class DuplicateWarning(models.Model):
    """The duplicate-contact warning was shown and answered: `proceeded`, the user went on
    to log or plan anyway (recorded with the entry or plan), or not, the user pressed Avbryt.
    Going on, `topic_changed` says whether the topics saved share none with the contacts the
    warning listed. Cancelled, or gone on with another topic, counts as a duplicate contact
    avoided. Leaving the page any other way is not recorded, and showing the form writes
    nothing."""

    class Context(models.TextChoices):
        LOG = "log", _("Contact log")
        PLAN = "plan", _("Planned contact")

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    context = models.CharField(max_length=10, choices=Context.choices)
    shown_at = models.DateTimeField(default=timezone.now)
    matches = models.PositiveIntegerField(default=0)
    proceeded = models.BooleanField(default=False)
    topic_changed = models.BooleanField(_("changed topic"), default=False, db_default=False)

    class Meta:
        indexes = [models.Index(fields=["shown_at"])]

    def __str__(self) -> str:
        return f"{self.employer_id} {self.shown_at:%Y-%m-%d %H:%M}"


class GuideKind(models.TextChoices):
    FIRST_VISIT = "first_visit", _("First visit")
    RECRUITMENT = "recruitment", _("Recruitment need")
    CANDIDATE_FOLLOW_UP = "candidate_follow_up", _("Follow-up of a candidate in work training")
    SICK_LEAVE = "sick_leave", _("Preventing sick leave")


class ConversationGuideQuerySet(FreshnessQuerySet):
    def published(self) -> ConversationGuideQuerySet:
        return self.current().filter(is_published=True)


class ConversationGuide(FreshContent):
    """A conversation guide (samtaleguide) for one kind of employer contact."""

    kind = models.CharField(_("kind of contact"), max_length=30, choices=GuideKind.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(unique=True)
    region = models.ForeignKey(
        "portal.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("Empty means national."),
    )
    introduction = models.TextField(_("introduction"), blank=True)
    questions = models.TextField(_("what to ask"), help_text=_("Markdown."))
    offers = models.TextField(_("what NAV can offer"), help_text=_("Markdown."))
    checklist = models.TextField(_("checklist"), help_text=_("One item per line."))
    is_published = models.BooleanField(_("published"), default=True)

    objects = ConversationGuideQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("conversation guide")
        verbose_name_plural = _("conversation guides")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("employers:guide", args=[self.slug])

    def checklist_items(self) -> list[str]:
        return [line.strip(" -*\t") for line in self.checklist.splitlines() if line.strip()]
