"""Read-only admin views: every change goes through engagements.actions (audited)."""

from django.contrib import admin

from .models import Engagement, ReceptionRule


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Engagement)
class EngagementAdmin(ReadOnlyAdmin):
    list_display = ("date", "kind", "topic", "unit", "meetings", "attendance", "deleted_at")
    list_filter = ("kind", "reception_type", "host_role")
    search_fields = ("search_key", "external_id")
    raw_id_fields = ("unit", "body")


@admin.register(ReceptionRule)
class ReceptionRuleAdmin(ReadOnlyAdmin):
    list_display = ("code", "host_role", "level", "min_days", "per", "valid_from", "valid_to")
