"""Admin for the rule tables only: how collisions are matched and notice periods.

Plans and steering committees change through their actions (pages, API, imports), so
that every change is checked and audited; the admin shows them read-only.
"""

from django.contrib import admin

from .models import NoticeRule, OverlapRule, OversightPlan
from .steering_models import SteeringCommittee


@admin.register(OverlapRule)
class OverlapRuleAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "window_mode",
        "margin_days",
        "subject_scope",
        "match_topics",
        "word_threshold",
        "valid_from",
        "valid_to",
        "confidence",
    ]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # end a rule with valid_to; plans were matched under it


@admin.register(NoticeRule)
class NoticeRuleAdmin(admin.ModelAdmin):
    list_display = [
        "kind",
        "days",
        "working_days",
        "valid_from",
        "valid_to",
        "legal_basis",
        "confidence",
    ]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(OversightPlan)
class OversightPlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "unit", "match_unit", "window_start", "window_end", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["search_key"]


@admin.register(SteeringCommittee)
class SteeringCommitteeAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "unit", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["search_key"]
