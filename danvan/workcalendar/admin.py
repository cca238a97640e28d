"""Django admin for the calendar: every save and delete goes through the actions, so
admin edits are validated and audited like the pages' (and protected from the loader)."""

from __future__ import annotations

from django.contrib import admin
from django.db import models

from . import actions
from .models import CalendarDay


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("date", "kind", "name", "confidence", "source", "removed")
    list_filter = ("kind", "confidence", "source", "removed")
    search_fields = ("name", "legal_ref")
    date_hierarchy = "date"
    readonly_fields = ("source", "removed", "created_by", "created_at", "updated_at")
    fields = (
        "date",
        "kind",
        "name",
        "legal_ref",
        "source_url",
        "confidence",
        "note",
        *readonly_fields,
    )

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        if change:
            fields = {f: form.cleaned_data[f] for f in actions.FIELDS if f in form.changed_data}
            saved = actions.update_day(obj, by=request.user, **fields)
        else:
            values = {f: form.cleaned_data[f] for f in actions.FIELDS}
            saved = actions.add_day(by=request.user, date=form.cleaned_data["date"], **values)
        obj.pk = saved.pk

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        actions.remove_day(obj, by=request.user, note="Bỏ qua trang quản trị")

    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        for obj in queryset:
            actions.remove_day(obj, by=request.user, note="Bỏ qua trang quản trị")
