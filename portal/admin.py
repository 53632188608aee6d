from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from portal.models import FreshnessRun, GlossaryTerm, Notification, Office, Region, User


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "municipality", "size_band"]
    list_filter = ["region", "size_band"]
    search_fields = ["name", "municipality"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["region"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "office", "roles", "is_active"]
    list_filter = ["is_active", "is_superuser", "office__region", "office"]
    list_select_related = ["office"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (
            _("Office and roles"),
            {"fields": ["office", "roles", "editor_region", "team", "start_date", "language"]},
        ),
    )


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["term", "owner", "freshness", "last_reviewed_at"]
    list_filter = ["freshness"]
    search_fields = ["term", "definition"]
    prepopulated_fields = {"slug": ["term"]}


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "kind", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind"]
    raw_id_fields = ["recipient"]


@admin.register(FreshnessRun)
class FreshnessRunAdmin(admin.ModelAdmin):
    list_display = ["started_at", "finished_at", "changed_count"]
    readonly_fields = ["started_at", "finished_at", "changes"]
