from django.contrib import admin

from .models import Body, Lineage, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "level", "parent", "valid_from", "valid_to"]
    list_filter = ["level", "kind", "valid_to"]
    search_fields = ["search_key", "code"]
    raw_id_fields = ["parent"]


@admin.register(Lineage)
class LineageAdmin(admin.ModelAdmin):
    list_display = ["predecessor", "successor", "kind", "is_default", "effective_on"]
    list_filter = ["kind", "is_default"]
    raw_id_fields = ["predecessor", "successor"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "short_code", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["search_key", "name"]
    raw_id_fields = ["unit", "successor"]
