"""Django admin for the learning app: administrators manage quizzes, paths and office needs."""

from django.contrib import admin

from learning.models import (
    Assignment,
    BestPractice,
    Choice,
    CompetenceArea,
    CompetencePlan,
    LearningPath,
    Module,
    OfficeNeed,
    PathStep,
    Phase,
    PlanActivity,
    Question,
    Share,
)
from learning.questions import Expert, ExpertAnswer, ExpertQuestion, Faq
from portal.admin_base import GuardedModelAdmin, GuardedStackedInline, GuardedTabularInline


@admin.register(CompetenceArea)
class CompetenceAreaAdmin(GuardedModelAdmin):
    list_display = ["name", "slug", "order"]


@admin.register(Phase)
class PhaseAdmin(GuardedModelAdmin):
    list_display = ["name", "slug", "order"]


class QuestionInline(GuardedStackedInline):
    model = Question
    extra = 0
    show_change_link = True


@admin.register(Module)
class ModuleAdmin(GuardedModelAdmin):
    list_display = ["title", "area", "phase", "form", "level", "status", "region", "freshness"]
    list_filter = ["status", "area", "phase", "form", "level", "freshness", "region"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["area", "phase", "region"]
    raw_id_fields = ["owner", "last_reviewed_by"]
    inlines = [QuestionInline]


class ChoiceInline(GuardedTabularInline):
    model = Choice
    extra = 2


@admin.register(Question)
class QuestionAdmin(GuardedModelAdmin):
    list_display = ["text", "module", "kind", "order"]
    list_select_related = ["module"]
    raw_id_fields = ["module"]
    inlines = [ChoiceInline]


class PathStepInline(GuardedTabularInline):
    model = PathStep
    extra = 1
    raw_id_fields = ["module"]


@admin.register(LearningPath)
class LearningPathAdmin(GuardedModelAdmin):
    list_display = ["title", "phase", "role", "status", "region"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PathStepInline]


@admin.register(Assignment)
class AssignmentAdmin(GuardedModelAdmin):
    list_display = ["module", "user", "due_on", "status", "source", "reserved_minutes"]
    list_filter = ["status", "source", "mandatory"]
    list_select_related = ["module", "user"]
    raw_id_fields = ["user", "module", "assigned_by", "path"]
    date_hierarchy = "due_on"


class PlanActivityInline(GuardedTabularInline):
    model = PlanActivity
    extra = 0
    raw_id_fields = ["module"]


@admin.register(CompetencePlan)
class CompetencePlanAdmin(GuardedModelAdmin):
    list_display = ["user", "year", "status", "agreed_on"]
    list_filter = ["year", "status"]
    raw_id_fields = ["user"]
    inlines = [PlanActivityInline]


@admin.register(OfficeNeed)
class OfficeNeedAdmin(GuardedModelAdmin):
    list_display = ["office", "area", "level"]
    list_filter = ["area"]


@admin.register(Share)
class ShareAdmin(GuardedModelAdmin):
    list_display = [
        "__str__", "author", "office", "audience", "anonymous", "created_at", "hidden_at"
    ]  # fmt: skip
    list_filter = ["audience", "anonymous", "office"]
    raw_id_fields = ["author", "module", "hidden_by"]


@admin.register(BestPractice)
class BestPracticeAdmin(GuardedModelAdmin):
    list_display = ["title", "office", "area", "status", "freshness"]
    list_filter = ["area", "status", "freshness"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["owner", "last_reviewed_by"]


class ExpertAnswerInline(GuardedTabularInline):
    model = ExpertAnswer
    extra = 0
    raw_id_fields = ["author"]


@admin.register(ExpertQuestion)
class ExpertQuestionAdmin(GuardedModelAdmin):
    """Administrators see who asked (SPEC: moderators and administrators)."""

    list_display = ["title", "asker", "area", "region", "created_at"]
    list_filter = ["area", "region"]
    raw_id_fields = ["asker"]
    inlines = [ExpertAnswerInline]


@admin.register(Expert)
class ExpertAdmin(GuardedModelAdmin):
    list_display = ["user", "area", "named_by", "created_at"]
    list_filter = ["area"]
    raw_id_fields = ["user", "named_by"]


@admin.register(Faq)
class FaqAdmin(GuardedModelAdmin):
    list_display = ["title", "area", "region", "owner", "freshness"]
    list_filter = ["area", "freshness"]
    raw_id_fields = ["owner", "last_reviewed_by", "source_answer"]
