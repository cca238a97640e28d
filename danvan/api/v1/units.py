"""GET /api/v1/units and /api/v1/units/{key}: public, read-only."""

import datetime as dt

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from danvan.units import lineage
from danvan.units.models import Body, Kind, Level, Unit
from danvan.units.search import search_units

from .schemas import ErrorOut, UnitDetail, UnitOut

router = Router(tags=["units"], auth=None)


class UnitFilters(Schema):
    level: Level | None = Field(None, description="nation, province, district, commune")
    kind: Kind | None = None
    valid_on: dt.date | None = Field(None, description="ISO date; units in force that day")
    parent: str | None = Field(
        None, description="Parent code (resolved on valid_on, default today) or key"
    )
    q: str | None = Field(None, description="Search ignoring diacritics and case")


def _parent(code: str, valid_on: dt.date | None) -> Unit:
    """A code means a unit only on a date (codes were reused in 2025); a key is unique."""
    if "@" in code or code == "VN":
        return get_object_or_404(Unit, key=code)
    return get_object_or_404(Unit.objects.valid_on(valid_on or timezone.localdate()), code=code)


@router.get("", response=list[UnitOut], summary="List units")
@paginate(LimitOffsetPagination)
def list_units(request, filters: Query[UnitFilters]) -> QuerySet[Unit]:  # type: ignore[no-untyped-def]
    qs = Unit.objects.select_related("parent")
    if filters.valid_on:
        qs = qs.valid_on(filters.valid_on)
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.parent:
        qs = qs.filter(parent=_parent(filters.parent, filters.valid_on))
    if filters.q:
        return search_units(filters.q, qs)
    return qs.order_by("level", "code", "valid_to")


@router.get(
    "/{key}", response={200: UnitDetail, 404: ErrorOut}, summary="One unit with its neighbours"
)
def unit_detail(request, key: str):  # type: ignore[no-untyped-def]
    """Ancestors from the nation down, children, lineage links and bodies over time."""
    unit = get_object_or_404(Unit.objects.select_related("parent"), key=key)
    unit.ancestors = unit.ancestors()
    unit.children_list = list(unit.children.order_by("code"))
    unit.predecessors = [link_dict(x) for x in lineage.predecessors(unit)]
    unit.successors = [link_dict(x) for x in lineage.successors(unit)]
    unit.bodies_list = list(Body.objects.filter(unit=unit).order_by("kind", "valid_from"))
    return unit


def link_dict(link: lineage.Link) -> dict:
    return {
        "unit": link.unit,
        "kind": link.kind,
        "kind_label": link.kind_label,
        "is_default": link.is_default,
        "derived": link.derived,
    }
