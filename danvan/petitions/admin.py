"""Django admin: deadline rules are edited through the actions (validated, audited,
protected from the loader); petitions are read-only here (officials use the pages)."""

from __future__ import annotations

from django.contrib import admin
from django.db import models

from . import actions
from .models import DeadlineRule, Petition


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = (
        "code",
        "procedure",
        "step",
        "variant",
        "quantity",
        "unit",
        "confidence",
        "valid_from",
        "valid_to",
        "revision",
    )
    list_filter = ("procedure", "variant", "unit", "confidence", "source")
    search_fields = ("code", "legal_basis", "note")
    readonly_fields = ("revision", "source", "created_by", "created_at", "updated_at")

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        values = {f: form.cleaned_data[f] for f in actions.RULE_FIELDS if f in form.cleaned_data}
        if change:
            changed = {f: v for f, v in values.items() if f in form.changed_data}
            saved = actions.update_rule(obj, by=request.user, **changed)
        else:
            saved = actions.create_rule(by=request.user, code=form.cleaned_data["code"], **values)
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        # Petitions keep the rule they were timed by: end a rule's validity instead.
        return False


@admin.register(Petition)
class PetitionAdmin(admin.ModelAdmin):
    list_display = ("received_on", "kind", "unit", "status", "due_on")
    list_filter = ("kind", "status", "category")
    search_fields = ("search_key", "external_id")
    raw_id_fields = ("unit", "body", "case", "engagement", "deadline_rule")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
