"""Unit search that ignores diacritics and case ('ha long' finds 'Hạ Long')."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from danvan.lib.text import fold

from .models import Level, Unit, UnitQuerySet

_LEVEL_RANK = {Level.NATION: 0, Level.PROVINCE: 1, Level.DISTRICT: 2, Level.COMMUNE: 3}


def search_units(query: str, qs: UnitQuerySet | None = None) -> QuerySet[Unit]:
    """Units whose folded names contain every word of the query.

    Ordered: exact short-name match first, then higher levels, units in force before
    units that ended, then by code.
    """
    words = fold(query).split()
    qs = qs if qs is not None else Unit.objects.all()
    if not words:
        return qs.none()
    for word in words:
        qs = qs.filter(search_key__contains=word)
    phrase = " ".join(words)
    return qs.annotate(
        exact=Case(
            When(search_key__startswith=f"{phrase} |", then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        level_rank=Case(
            *[When(level=lvl, then=Value(rank)) for lvl, rank in _LEVEL_RANK.items()],
            output_field=IntegerField(),
        ),
        ended=Case(
            When(valid_to__isnull=True, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
    ).order_by("exact", "ended", "level_rank", "code")


def unit_search_key(short_name: str, name: str) -> str:
    """'ha long | thanh pho ha long': short name first, for exact ranking."""
    return f"{fold(short_name)} | {fold(name)}"
