from django.contrib import admin, messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from employers import services
from employers.forms import ImportForm
from employers.models import (
    Callback,
    ContactEntry,
    ContactEntryRevision,
    ContactPerson,
    ConversationGuide,
    DuplicateWarning,
    Employer,
    PlannedContact,
    RegisterImport,
)
from portal.admin_base import GuardedModelAdmin, GuardedTabularInline


@admin.register(Employer)
class EmployerAdmin(GuardedModelAdmin):
    list_display = [
        "name",
        "organisation_number",
        "municipality",
        "main_unit",
        "register_status",
        "deleted_at",
    ]
    search_fields = ["=organisation_number", "name"]
    list_filter = ["size_band", "register_status"]
    raw_id_fields = ["main_unit"]
    list_select_related = ["main_unit"]
    show_full_result_count = False
    change_list_template = "admin/employers/employer/change_list.html"

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="employers_employer_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            run = services.register_import_start(upload=form.cleaned_data["file"], by=request.user)
            messages.info(
                request,
                _("The import has started. This page shows its result when it is done."),
            )
            return redirect("admin:employers_registerimport_change", run.pk)
        return self._import_page(request, form)

    def _import_page(self, request, form):
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": gettext_lazy("Import employers from the Brønnøysund register"),
            "opts": self.model._meta,
        }
        return render(request, "admin/employers/employer/import.html", context)


@admin.register(RegisterImport)
class RegisterImportAdmin(GuardedModelAdmin):
    """The imports started from the employer list, and what each did."""

    list_display = [
        "created_at",
        "original_name",
        "status",
        "units",
        "created",
        "updated",
        "skipped_count",
    ]
    readonly_fields = [
        "original_name",
        "status",
        "created_by",
        "created_at",
        "finished_at",
        "units",
        "created",
        "updated",
        "skipped_count",
        "skipped_rows",
        "error",
    ]
    exclude = ["file", "skipped"]

    def has_add_permission(self, request):
        return False  # started from the employer list's import page

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("skipped rows"))
    def skipped_rows(self, obj):
        lines = [_("Line %(line)s: %(reason)s") % {"line": n, "reason": r} for n, r in obj.skipped]
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))


@admin.register(ContactPerson)
class ContactPersonAdmin(GuardedModelAdmin):
    list_display = ["name", "role", "employer"]
    raw_id_fields = ["employer", "created_by"]
    search_fields = ["name", "employer__name"]


class RevisionInline(GuardedTabularInline):
    model = ContactEntryRevision
    extra = 0
    readonly_fields = ["changed_by", "changed_at", "changes"]
    can_delete = False


@admin.register(ContactEntry)
class ContactEntryAdmin(GuardedModelAdmin):
    list_display = ["contacted_on", "employer", "author", "office", "channel", "deleted_at"]
    list_filter = ["channel", "office"]
    raw_id_fields = ["employer", "author", "contact_person", "follow_up_assignee", "deleted_by"]
    list_select_related = ["employer", "author", "office"]
    inlines = [RevisionInline]
    actions = ["soft_delete"]
    show_full_result_count = False

    def has_delete_permission(self, request, obj=None):
        return False  # deletion is soft: use the action

    @admin.action(description=gettext_lazy("Delete (soft) the selected entries"))
    def soft_delete(self, request, queryset):
        for entry in queryset.filter(deleted_at__isnull=True):
            services.contact_entry_delete(entry=entry, by=request.user)


@admin.register(PlannedContact)
class PlannedContactAdmin(GuardedModelAdmin):
    list_display = ["planned_on", "employer", "author", "status"]
    raw_id_fields = ["employer", "author", "entry"]


@admin.register(Callback)
class CallbackAdmin(GuardedModelAdmin):
    list_display = ["created_at", "employer", "office", "status", "assigned_to"]
    list_filter = ["status", "office"]
    raw_id_fields = ["employer", "contact_person", "taken_by", "assigned_to"]
    # Closed only on the callback page (services.callback_update): with a log entry of the
    # call or a reason, never silently from here.
    readonly_fields = ["status", "answered_at", "done_at", "done_by", "entry", "no_contact_reason"]


@admin.register(DuplicateWarning)
class DuplicateWarningAdmin(GuardedModelAdmin):
    list_display = [
        "shown_at",
        "employer",
        "user",
        "context",
        "matches",
        "proceeded",
        "topic_changed",
    ]
    list_filter = ["context", "proceeded", "topic_changed"]
    raw_id_fields = ["employer", "user"]


@admin.register(ConversationGuide)
class ConversationGuideAdmin(GuardedModelAdmin):
    list_display = ["title", "kind", "region", "freshness", "is_published"]
    list_filter = ["kind", "freshness"]
    prepopulated_fields = {"slug": ["title"]}
