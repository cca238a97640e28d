"""Read-mostly admin for superusers; changes go through the pages and actions (audited)."""

from django.contrib import admin

from .models import Practice, PracticeAttachment, PracticeTransition


class TransitionInline(admin.TabularInline):
    model = PracticeTransition
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "on_date", "by", "by_name", "note", "document"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "field", "registration_year", "status"]
    list_filter = ["kind", "field", "status", "registration_year"]
    search_fields = ["search_key", "external_id"]
    raw_id_fields = ["unit", "body", "replicates", "covered_units", "created_by", "evaluated_by"]
    readonly_fields = ["code", "status", "search_key", "created_at", "updated_at"]
    inlines = [TransitionInline]


@admin.register(PracticeAttachment)
class PracticeAttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "practice", "kind", "size", "uploaded_at"]
    raw_id_fields = ["practice", "uploaded_by"]
    readonly_fields = ["code", "file", "size", "content_type", "uploaded_at"]
