"""Learning: competence areas, journey phases, modules, paths, quizzes, progress, assignments,
self-assessments, competence plans, group sessions, experience shares and best practice.

Norwegian words kept where no English word fits: *Ny i NAV* / *Hverdagen* / *Påfyll* are the
journey phases (new, everyday, top-up); *tavlemøte* is the office's daily stand-up.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.freshness import FreshContent, FreshnessQuerySet
from portal.models import Notification, OfficeSize, Role


class CompetenceArea(models.Model):
    """One of the three areas of labour-market competence in the evaluation."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("competence area")
        verbose_name_plural = _("competence areas")

    def __str__(self) -> str:
        return self.name


class Phase(models.Model):
    """A journey phase: Ny i NAV (new), Hverdagen (everyday), Påfyll (top-up)."""

    NEW = "ny-i-nav"
    EVERYDAY = "hverdagen"
    TOP_UP = "pafyll"

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=60)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("journey phase")
        verbose_name_plural = _("journey phases")

    def __str__(self) -> str:
        return self.name


class ModuleForm(models.TextChoices):
    THEORY = "theory", _("Theory and information")
    REFLECTION = "reflection", _("Reflection and sharing experience")
    PRACTICE = "practice", _("Exercise and practice in the field")


class Level(models.TextChoices):
    BASIC = "basic", _("Basic")
    DEEP = "deep", _("In depth")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


# The cached lists of what is published (the forms' module and path pickers) are of this
# generation, bumped whenever a module or path is saved or deleted (learning.signals).
PUBLISHED_GENERATION = "learning:published"


def slot_generation(office_id: int) -> str:
    """The cache generation of an office's learning time, bumped when a manager saves it."""
    return f"learning:slot:{office_id}"


def _editable_by(user) -> Q:
    """Drafts are visible to the editors of their scope and administrators.

    (An empty Q() would vanish from an OR, so "everything" is spelt out.)"""
    everything = Q(pk__isnull=False)
    if user.is_superuser:
        return everything
    if user.is_editor:
        if user.editor_region_id is None:
            return everything
        return Q(region_id=user.editor_region_id)
    return Q(pk__in=[])


MODULE_CARD_FIELDS = (
    "title",
    "slug",
    "summary",
    "form",
    "level",
    "minutes",
    "status",
    "area__name",
    "phase__name",
)


class ModuleQuerySet(FreshnessQuerySet):
    def published(self) -> ModuleQuerySet:
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user) -> ModuleQuerySet:
        return self.filter(Q(status=Status.PUBLISHED) | _editable_by(user))

    def with_related(self) -> ModuleQuerySet:
        return self.select_related("area", "phase", "region", "last_reviewed_by")

    def with_progress(self, user) -> ModuleQuerySet:
        progress = Progress.objects.filter(user=user, module=OuterRef("pk"))
        return self.annotate(
            my_percent=models.Subquery(progress.values("percent")[:1]),
            my_status=models.Subquery(progress.values("status")[:1]),
            has_quiz=Exists(Question.objects.filter(module=OuterRef("pk"))),
        )

    def matching(self, filters) -> ModuleQuerySet:
        """The module list's filters as its query string gives them; a value that is none of
        the choices is ignored."""
        modules = self
        if filters.get("area"):
            modules = modules.filter(area__slug=filters["area"])
        if filters.get("phase"):
            modules = modules.filter(phase__slug=filters["phase"])
        if filters.get("form") in ModuleForm.values:
            modules = modules.filter(form=filters["form"])
        if filters.get("level") in Level.values:
            modules = modules.filter(level=filters["level"])
        if filters.get("role") in Role.values:
            modules = modules.filter(audience_roles__contains=[filters["role"]])
        if filters.get("size") in OfficeSize.values:
            size = filters["size"]
            modules = modules.filter(Q(office_sizes__contains=[size]) | Q(office_sizes=[]))
        if filters.get("q"):
            words = filters["q"]
            modules = modules.filter(Q(title__icontains=words) | Q(summary__icontains=words))
        return modules

    def for_desk(self) -> ModuleQuerySet:
        """The editor's desk lists: only the columns they show, in the journey's order."""
        return (
            self.select_related("region")
            .only("pk", "title", "slug", "freshness", "status", "region__name")
            .order_by("phase__order", "area__order", "title", "pk")
        )

    def as_cards(self, user) -> ModuleQuerySet:
        """Only what a module card shows, with the person's progress: the reviewer, region and
        texts cost model building per card."""
        return self.select_related("area", "phase").with_progress(user).only(*MODULE_CARD_FIELDS)


class Module(FreshContent):
    """A unit of learning with a stated time, ending in a quiz when it has questions."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(unique=True, max_length=200)
    summary = models.TextField(_("summary"), max_length=600)
    body = models.TextField(_("content (Markdown)"), blank=True)
    area = models.ForeignKey(
        CompetenceArea, on_delete=models.PROTECT, related_name="modules", verbose_name=_("area")
    )
    phase = models.ForeignKey(
        Phase, on_delete=models.PROTECT, related_name="modules", verbose_name=_("phase")
    )
    form = models.CharField(
        _("form"), max_length=12, choices=ModuleForm.choices, default=ModuleForm.THEORY
    )
    level = models.CharField(_("level"), max_length=8, choices=Level.choices, default=Level.BASIC)
    audience_roles = ArrayField(
        models.CharField(max_length=20, choices=Role.choices),
        default=list,
        blank=True,
        verbose_name=_("for roles"),
    )
    office_sizes = ArrayField(
        models.CharField(max_length=10, choices=OfficeSize.choices),
        default=list,
        blank=True,
        verbose_name=_("suits office sizes"),
        help_text=_("Empty means every office size."),
    )
    minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=15)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    region = models.ForeignKey(
        "portal.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("Empty means national content."),
    )
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (percent)"), default=80)
    renewal_months = models.PositiveSmallIntegerField(
        _("renew every (months)"), null=True, blank=True
    )
    version = models.PositiveIntegerField(default=1)
    change_note = models.TextField(_("what has changed"), blank=True)
    discussion_cases = models.TextField(_("discussion cases for groups (Markdown)"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ModuleQuerySet.as_manager()

    class Meta:
        ordering = ["phase__order", "area__order", "title"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        indexes = [
            models.Index(fields=["status", "area", "phase"]),
            # The module list pages over ids in its order, filtered by form or level: read from
            # this index alone, without visiting 2,000 rows of texts (6.5 → 2 ms nationally).
            models.Index(
                fields=["status", "phase", "area", "title"],
                include=["id", "form", "level"],
                name="module_listing_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:module", args=[self.slug])

    @property
    def is_field_practice(self) -> bool:
        return self.form == ModuleForm.PRACTICE


class PathQuerySet(models.QuerySet):
    def visible_to(self, user) -> PathQuerySet:
        return self.filter(Q(status=Status.PUBLISHED) | _editable_by(user))

    def with_step_counts(self, user) -> PathQuerySet:
        """`step_count` and `done_count` (the steps the person has completed), counted per
        path in subqueries: joining progress would read every person's rows."""
        steps = PathStep.objects.filter(path=OuterRef("pk")).order_by().values("path")
        done = steps.filter(
            module__progress__user=user, module__progress__status=ProgressStatus.COMPLETED
        )
        return self.annotate(
            step_count=Coalesce(Subquery(steps.annotate(n=Count("pk")).values("n")), 0),
            done_count=Coalesce(Subquery(done.annotate(n=Count("pk")).values("n")), 0),
        )

    def own_phase_first(self, phase_slug: str) -> PathQuerySet:
        """The paths of the person's journey phase first, then by title (which keeps counted
        annotations to the rows shown)."""
        own = ExpressionWrapper(Q(phase__slug=phase_slug), output_field=BooleanField())
        return self.annotate(own_phase=own).order_by("-own_phase", "title")


class LearningPath(models.Model):
    """Ordered modules for one journey phase and one role."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(unique=True, max_length=200)
    description = models.TextField(_("description"), blank=True)
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="paths")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        "portal.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    modules = models.ManyToManyField(Module, through="PathStep", related_name="paths")

    objects = PathQuerySet.as_manager()

    class Meta:
        ordering = ["phase__order", "title"]
        verbose_name = _("learning path")
        verbose_name_plural = _("learning paths")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:path", args=[self.slug])


class PathStep(models.Model):
    path = models.ForeignKey(LearningPath, on_delete=models.CASCADE, related_name="steps")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="path_steps")
    order = models.PositiveSmallIntegerField(default=0)
    # For onboarding: the step is due this many days after the person's start date.
    due_after_days = models.PositiveSmallIntegerField(default=30)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["path", "module"], name="path_step_once"),
        ]

    def __str__(self) -> str:
        return f"{self.path_id}:{self.order}"


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("One answer")
    MULTIPLE = "multiple", _("Several answers")


class Question(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=400)
    kind = models.CharField(max_length=8, choices=QuestionKind.choices, default=QuestionKind.SINGLE)
    order = models.PositiveSmallIntegerField(default=0)
    # Shown beside the right answer after a submit, whichever answer was chosen: a person who
    # got it wrong learns why the right one is right, not only that theirs was not.
    # The database's own default too: the scale seeder copies questions in without this column.
    explanation = models.TextField(
        _("why the right answer is right"), blank=True, max_length=800, default="", db_default=""
    )

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=300)
    correct = models.BooleanField(default=False)
    feedback = models.CharField(_("feedback"), max_length=400, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class ProgressStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    AWAITING = "awaiting", _("Awaiting confirmation")
    COMPLETED = "completed", _("Completed")
    EXPIRED = "expired", _("Expired, renew")


# A module's long texts, each can be many kilobytes: lists of titles and links leave them out.
MODULE_TEXTS = ("body", "summary", "discussion_cases", "change_note")


class ProgressQuerySet(models.QuerySet):
    def for_user(self, user) -> ProgressQuerySet:
        return self.filter(user=user)

    def with_module_title(self) -> ProgressQuerySet:
        """With the module, less its long texts."""
        return self.select_related("module").defer(*(f"module__{n}" for n in MODULE_TEXTS))

    def awaiting_confirmation_by(self, user) -> ProgressQuerySet:
        """Field practice the person was asked to confirm, with who asked."""
        return self.filter(confirmer=user, status=ProgressStatus.AWAITING).select_related(
            "user", "module"
        )


class Progress(models.Model):
    """One person's progress in one module: one row per person and module."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_progress"
    )
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(
        max_length=12, choices=ProgressStatus.choices, default=ProgressStatus.IN_PROGRESS
    )
    percent = models.PositiveSmallIntegerField(default=0)
    best_score = models.PositiveSmallIntegerField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_version = models.PositiveIntegerField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    # Field practice: the colleague who took part confirms.
    confirmer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = ProgressQuerySet.as_manager()

    class Meta:
        constraints = [
            # Covering: the matrix and the module cards read a person's status and percent
            # per module from the index alone (a 60-person office: 39 → 4 ms nationally).
            models.UniqueConstraint(
                fields=["user", "module"],
                include=["status", "percent"],
                name="progress_once_per_module",
            ),
        ]
        indexes = [
            models.Index(fields=["module", "status"]),
            models.Index(
                fields=["expires_on"],
                condition=Q(status="completed", expires_on__isnull=False),
                name="progress_renewal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.module_id} {self.status}"

    @property
    def is_completed(self) -> bool:
        return self.status == ProgressStatus.COMPLETED


class QuizAttempt(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="attempts")
    score = models.PositiveSmallIntegerField()
    passed = models.BooleanField()
    answers = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "module"])]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.module_id} {self.score}"


class AssignmentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class AssignmentSource(models.TextChoices):
    MANAGER = "manager", _("Given by a manager")
    ONBOARDING = "onboarding", _("New in NAV")
    RENEWAL = "renewal", _("Renewal")


class AssignmentQuerySet(models.QuerySet):
    def open(self) -> AssignmentQuerySet:
        return self.filter(status=AssignmentStatus.OPEN)

    def for_user(self, user) -> AssignmentQuerySet:
        return self.filter(user=user)

    def overdue(self, today: date | None = None) -> AssignmentQuerySet:
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def with_module(self) -> AssignmentQuerySet:
        return self.select_related("module", "module__area", "path")

    def overdue_in(self, office, today: date) -> AssignmentQuerySet:
        """The office's overdue assignments as a list shows them: a name, a module title and a
        date, not the module's texts."""
        return (
            self.overdue(today)
            .filter(user__office=office)
            .select_related("user", "module")
            .only(
                "due_on",
                "user__first_name",
                "user__last_name",
                "user__username",
                "module__title",
            )
            .order_by("due_on")
        )

    def with_reminded_today(self, today: date) -> AssignmentQuerySet:
        """`reminded_today`: whether today's reminder from a manager was sent (its key is
        learning.services.assignments.reminded_today_key)."""
        reminded = Notification.objects.filter(
            recipient_id=OuterRef("user_id"),
            dedup_key=Concat(
                Value("reminded:"),
                Cast(OuterRef("pk"), output_field=CharField()),
                Value(f":{today.isoformat()}"),
            ),
        )
        return self.annotate(reminded_today=Exists(reminded))

    def next_due_after(self, module: Module) -> Assignment | None:
        """What to do after finishing `module`: the assignment due first among the others."""
        return (
            self.exclude(module=module)
            .select_related("module")
            .only("due_on", "module__slug", "module__title", "module__minutes")
            .order_by("due_on", "pk")
            .first()
        )

    def behind_in(self, office, *, last_day: date) -> AssignmentQuerySet:
        """Open assignments of the office's active people due on or before `last_day`: what a
        manager follows up, the latest first (the names, modules and dates it shows)."""
        return (
            self.open()
            .filter(user__office=office, user__is_active=True, due_on__lte=last_day)
            .select_related("user", "module")
            .only(
                "due_on",
                "user_id",
                "user__first_name",
                "user__last_name",
                "user__username",
                "module__slug",
                "module__title",
            )
            .order_by("due_on", "user__first_name", "user__last_name", "pk")
        )


class Assignment(models.Model):
    """A module given to a person, with a due date and time reserved to do it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_assignments"
    )
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="assignments")
    path = models.ForeignKey(
        LearningPath, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due_on = models.DateField(_("due"))
    mandatory = models.BooleanField(_("mandatory"), default=True)
    reserved_minutes = models.PositiveSmallIntegerField(_("reserved minutes"), default=0)
    reserved_start = models.DateTimeField(_("reserved from"), null=True, blank=True)
    reserved_end = models.DateTimeField(_("reserved until"), null=True, blank=True)
    # The SEQUENCE of the reserved time's calendar event (RFC 5545): raised by each change that
    # the invitations carry, so a calendar moves or removes the event rather than add a second.
    calendar_sequence = models.PositiveIntegerField(default=0, db_default=0)
    # Placed in the office's learning slot, not at a time the manager chose: such times move
    # when the slot does.
    planned_in_slot = models.BooleanField(default=False, db_default=False)
    status = models.CharField(
        max_length=10, choices=AssignmentStatus.choices, default=AssignmentStatus.OPEN
    )
    source = models.CharField(
        max_length=12, choices=AssignmentSource.choices, default=AssignmentSource.MANAGER
    )
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        indexes = [
            models.Index(fields=["user", "status", "due_on"]),
            models.Index(fields=["due_on"], condition=Q(status="open"), name="assignment_open_due"),
            models.Index(
                fields=["reserved_start"],
                condition=Q(reserved_start__isnull=False),
                name="assignment_reserved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.module} → {self.user} ({self.due_on})"

    @property
    def is_overdue(self) -> bool:
        return self.status == AssignmentStatus.OPEN and self.due_on < timezone.localdate()


class Weekday(models.IntegerChoices):
    """Python's numbering (date.weekday()), with the RRULE's day codes below."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")


RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR")
# An office's learning time lies in the working day and is at most half of it.
SLOT_EARLIEST, SLOT_LATEST, SLOT_LONGEST = time(7, 0), time(17, 0), timedelta(hours=4)


class OfficeLearningSlot(models.Model):
    """The office's weekly learning time (an RRULE, FREQ=WEEKLY;BYDAY=TU with its DTSTART and
    DTEND): mandatory modules given without a time of their own are planned into it. Cleared
    is inactive, not deleted, so the audit trail's target stays."""

    office = models.OneToOneField(
        "portal.Office", on_delete=models.CASCADE, related_name="learning_slot"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start = models.TimeField(_("from"))
    end = models.TimeField(_("until"))
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("office learning slot")
        verbose_name_plural = _("office learning slots")

    def __str__(self) -> str:
        return f"{self.office}: {self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"

    def clean(self) -> None:
        errors = {}
        for name in ("start", "end"):
            value = getattr(self, name)
            if value and not SLOT_EARLIEST <= value <= SLOT_LATEST:
                errors[name] = _("Choose a time between 07:00 and 17:00.")
        if self.start and self.end and "end" not in errors:
            length = datetime.combine(date.min, self.end) - datetime.combine(date.min, self.start)
            if length <= timedelta(0):
                errors["end"] = _("The end must be after the start.")
            elif length > SLOT_LONGEST:
                errors["end"] = _("The learning time can be at most 4 hours.")
        if errors:
            raise ValidationError(errors)

    @property
    def rrule(self) -> str:
        return f"FREQ=WEEKLY;BYDAY={RRULE_DAYS[self.weekday]}"

    def occurrences(self, *, after: datetime, until: date) -> Iterator[tuple[datetime, datetime]]:
        """Start and end of each time the slot comes round after the moment `after`, up to and
        including the day `until`, in the portal's time zone (summer time included)."""
        day = timezone.localdate(after)
        day += timedelta(days=(self.weekday - day.weekday()) % 7)
        while day <= until:
            start = timezone.make_aware(datetime.combine(day, self.start))
            if start > after:
                yield start, timezone.make_aware(datetime.combine(day, self.end))
            day += timedelta(days=7)


class SelfAssessmentLevel(models.IntegerChoices):
    BEGINNER = 1, _("1 – I know little about this yet")
    BASIC = 2, _("2 – I manage ordinary cases with help")
    SKILLED = 3, _("3 – I manage on my own")
    EXPERT = 4, _("4 – I guide colleagues")


class SelfAssessmentQuerySet(models.QuerySet):
    def level_counts_in(self, office, *, year: int):
        """Per area of the office's active people's ratings of the year: `people`, `l1`–`l4`
        (how many rated each level) and `at_1`–`at_4` (how many rated that level or above)."""
        counts = {f"l{n}": Count("pk", filter=Q(level=n)) for n in range(1, 5)}
        counts.update({f"at_{n}": Count("pk", filter=Q(level__gte=n)) for n in range(1, 5)})
        return (
            self.filter(user__office=office, user__is_active=True, year=year)
            .values("area_id")
            .annotate(people=Count("user_id", distinct=True), **counts)
        )


class SelfAssessment(models.Model):
    """A person's own rating per competence area, once a year."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_assessments"
    )
    area = models.ForeignKey(CompetenceArea, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    level = models.PositiveSmallIntegerField(choices=SelfAssessmentLevel.choices)
    comment = models.TextField(blank=True, max_length=1000)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = SelfAssessmentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "area", "year"], name="assessment_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.year} {self.area_id}: {self.level}"


class OfficeNeed(models.Model):
    """The level per area an office needs (set by its manager)."""

    office = models.ForeignKey("portal.Office", on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey(CompetenceArea, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(choices=SelfAssessmentLevel.choices, default=3)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["office", "area"], name="need_once")]

    def __str__(self) -> str:
        return f"{self.office_id} {self.area_id}: {self.level}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    AGREED = "agreed", _("Agreed")
    DONE = "done", _("Completed")


class CompetencePlan(models.Model):
    """A person's competence plan for one year, agreed with the office's manager."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="competence_plans"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    goals = models.TextField(_("goals"), blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    employee_comment = models.TextField(_("comment from the employee"), blank=True)
    manager_comment = models.TextField(_("comment from the manager"), blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "year"], name="plan_once_a_year")]

    def __str__(self) -> str:
        return f"{self.user} {self.year}"


class ActivityKind(models.TextChoices):
    MODULE = "module", _("Module")
    COURSE = "course", _("Course")
    CONFERENCE = "conference", _("Conference")
    JOB_FAIR = "job_fair", _("Job fair")
    EMPLOYER_VISIT = "employer_visit", _("Employer visit")
    SHADOWING = "shadowing", _("Shadowing a colleague")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class PlanActivity(models.Model):
    plan = models.ForeignKey(CompetencePlan, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=16, choices=ActivityKind.choices)
    module = models.ForeignKey(
        Module, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    when = models.DateField(_("when"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )

    class Meta:
        ordering = ["when", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.module.title if self.module_id else self.title


class GroupSession(models.Model):
    """A facilitator runs a module for a group; attendees are marked complete together."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="sessions")
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    office = models.ForeignKey("portal.Office", on_delete=models.CASCADE, related_name="+")
    held_on = models.DateField(_("held on"))
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")
    notes = models.TextField(_("notes from the discussion"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.module_id} {self.held_on}"


class Audience(models.TextChoices):
    OFFICE = "office", _("My office")
    REGION = "region", _("My region")
    EVERYONE = "everyone", _("Everyone")


SHARE_LIST_FIELDS = (
    "activity",
    "learnt",
    "audience",
    "anonymous",
    "created_at",
    "author",
    "office",
    "module",
    "author__first_name",
    "author__last_name",
    "author__username",
    "office__name",
    "module__title",
)


class ShareQuerySet(models.QuerySet):
    def visible_to(self, user) -> ShareQuerySet:
        office = user.office
        rule = Q(audience=Audience.EVERYONE) | Q(author=user)
        if office is not None:
            rule |= Q(audience=Audience.OFFICE, office=office)
            rule |= Q(audience=Audience.REGION, office__region_id=office.region_id)
        if user.is_superuser:
            return self.all()
        return self.filter(rule)

    def shown(self) -> ShareQuerySet:
        return self.filter(hidden_at__isnull=True)

    def listed(self) -> ShareQuerySet:
        """The list's rows, with only the columns it shows and `comment_count` counted in a
        subquery: grouping the joined rows (every column of author, office and module) took
        longer to plan than to run."""
        comments = (
            ShareComment.objects.filter(share=OuterRef("pk"))
            .order_by()
            .values("share")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            self.select_related("author", "office", "module")
            .only(*SHARE_LIST_FIELDS)
            .annotate(comment_count=Coalesce(Subquery(comments), 0))
        )


class Share(models.Model):
    """Experience sharing: what I learnt, and what I will use, named or without the name."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_shares"
    )
    office = models.ForeignKey("portal.Office", on_delete=models.PROTECT, related_name="+")
    module = models.ForeignKey(
        Module, on_delete=models.SET_NULL, null=True, blank=True, related_name="shares"
    )
    activity = models.CharField(_("course or activity"), max_length=200, blank=True)
    learnt = models.TextField(_("This is what I learnt"), max_length=3000)
    will_use = models.TextField(_("This is what I will use"), max_length=3000)
    audience = models.CharField(
        _("share with"), max_length=10, choices=Audience.choices, default=Audience.OFFICE
    )
    # Colleagues see the post without the author's name; moderators still see it. A database
    # default too: the scale seeder copies shares in without this column.
    anonymous = models.BooleanField(_("without my name"), default=False, db_default=False)
    created_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_reason = models.TextField(_("reason"), blank=True)

    objects = ShareQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["audience", "-created_at"]),
            # The list of experiences: the newest shown ones, read in order until 50 are
            # visible to the person (32 → 2 ms nationally, instead of sorting them all).
            models.Index(
                fields=["-created_at"],
                condition=Q(hidden_at__isnull=True),
                name="share_recent_shown_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.module.title if self.module_id else self.activity

    def get_absolute_url(self) -> str:
        return reverse("learning:share", args=[self.pk])


class ShareComment(models.Model):
    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:50]


class ShareReport(models.Model):
    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("what is wrong"), max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["share", "reporter"], name="report_once_per_person")
        ]

    def __str__(self) -> str:
        return self.reason[:50]


class BestPracticeQuerySet(FreshnessQuerySet):
    def visible_to(self, user) -> BestPracticeQuerySet:
        return self.filter(Q(status=Status.PUBLISHED) | _editable_by(user))

    def listed(self) -> BestPracticeQuerySet:
        """The list's rows, by title, without the descriptions."""
        return (
            self.select_related("area", "office")
            .only("pk", "title", "slug", "area__name", "office__name")
            .order_by("title", "pk")
        )


class BestPractice(FreshContent):
    """A good example from an office, tagged by competence area."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(unique=True, max_length=200)
    office = models.ForeignKey(
        "portal.Office", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    area = models.ForeignKey(CompetenceArea, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("description (Markdown)"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    region = models.ForeignKey(
        "portal.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = BestPracticeQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("best practice example")
        verbose_name_plural = _("best practice examples")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:best_practice", args=[self.slug])


# «Spør fagmiljøet» (questions to the experts) has its models in a module of its own.
from learning.questions import Expert, ExpertAnswer, ExpertQuestion, Faq  # noqa: E402, F401
