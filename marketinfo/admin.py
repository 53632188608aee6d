from django.contrib import admin

from marketinfo.models import (
    FeedToken,
    Item,
    MarketContactProfile,
    RoleDescription,
    Summary,
    SummaryRevision,
)
from marketinfo.queries import forget_summary_items
from portal.admin_base import GuardedModelAdmin, GuardedTabularInline


class ItemInline(GuardedTabularInline):
    model = Item
    fields = ["position", "kind", "title", "employer", "on_date", "expires_on", "freshness"]
    raw_id_fields = ["employer"]
    extra = 0


@admin.register(Summary)
class SummaryAdmin(GuardedModelAdmin):
    list_display = ["__str__", "status", "published_at", "revised_at"]
    list_filter = ["status", "region"]
    list_select_related = ["office", "region"]
    inlines = [ItemInline]
    raw_id_fields = ["created_by"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        forget_summary_items(form.instance.pk)  # the items, as the summary page shows them


@admin.register(SummaryRevision)
class SummaryRevisionAdmin(GuardedModelAdmin):
    list_display = ["summary", "created_at", "created_by"]
    raw_id_fields = ["summary", "created_by"]


@admin.register(MarketContactProfile)
class MarketContactProfileAdmin(GuardedModelAdmin):
    list_display = ["user", "industries"]
    raw_id_fields = ["user"]


admin.site.register(RoleDescription, GuardedModelAdmin)


@admin.register(FeedToken)
class FeedTokenAdmin(GuardedModelAdmin):
    list_display = ["user", "created_at"]
    fields = ["user", "created_at"]
    raw_id_fields = ["user"]
