from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from portal.admin_base import GuardedModelAdmin, GuardedTabularInline
from portal.audit import audit_record
from portal.models import (
    AuditEvent,
    FreshnessRun,
    GlossaryTerm,
    Notification,
    Office,
    OfficeMunicipality,
    Region,
    User,
)
from portal.services import user_started


@admin.register(Region)
class RegionAdmin(GuardedModelAdmin):
    list_display = ["name", "slug", "unit_number"]
    prepopulated_fields = {"slug": ["name"]}


class OfficeMunicipalityInline(GuardedTabularInline):
    """The municipalities (or Oslo's city districts) the office covers: employers' contact
    forms are routed by them."""

    model = OfficeMunicipality
    extra = 1


@admin.register(Office)
class OfficeAdmin(GuardedModelAdmin):
    inlines = [OfficeMunicipalityInline]
    list_display = ["name", "region", "municipality", "size_band"]
    list_filter = ["region", "size_band"]
    search_fields = ["name", "municipality"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["region"]


@admin.register(User)
class UserAdmin(GuardedModelAdmin, DjangoUserAdmin):
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
    AUDITED = ("office_id", "roles", "editor_region_id", "is_active", "is_superuser", "is_staff")

    def save_model(self, request, obj, form, change):
        before = None
        if change:
            old = User.objects.get(pk=obj.pk)
            before = {f: getattr(old, f) for f in self.AUDITED}
        super().save_model(request, obj, form, change)
        if not change or "start_date" in form.changed_data:
            user_started(user=obj)
        after = {f: getattr(obj, f) for f in self.AUDITED}
        if before != after:
            audit_record(
                actor=request.user,
                action="user.access_changed" if change else "user.created",
                target=obj,
                before=before,
                after=after,
            )


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(GuardedModelAdmin):
    list_display = ["term", "owner", "freshness", "last_reviewed_at"]
    list_filter = ["freshness"]
    search_fields = ["term", "definition"]
    prepopulated_fields = {"slug": ["term"]}


@admin.register(Notification)
class NotificationAdmin(GuardedModelAdmin):
    list_display = ["title", "recipient", "kind", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind"]
    raw_id_fields = ["recipient"]


@admin.register(FreshnessRun)
class FreshnessRunAdmin(GuardedModelAdmin):
    list_display = ["started_at", "finished_at", "changed_count"]
    readonly_fields = ["started_at", "finished_at", "changes"]


@admin.register(AuditEvent)
class AuditEventAdmin(GuardedModelAdmin):
    """Read-only: the trail is written by the portal, never by hand."""

    list_display = ["at", "actor", "action", "target_repr"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_repr", "action"]
    date_hierarchy = "at"
    list_select_related = ["actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
