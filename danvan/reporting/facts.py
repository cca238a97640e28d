"""What one record contributes to the tallies: {(indicator, unit, month): value}.

Indicator filters are Django-style lookups evaluated on the record in Python, so
that a save can compute the record's contribution before and after without a query.
Supported: field, field__in, field__isnull, field__gte/gt/lte/lt, field__ne, and
related fields with `__` (one hop) — the same lookups `records_behind` runs in SQL.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from typing import Any

from django.db import models
from django.db.models import Q

from .models import Indicator, IndicatorKind
from .sources import BY_MODEL

Cell = tuple[int, int, dt.date]  # indicator id, unit id, first of month
_OPS = {"in", "isnull", "gte", "gt", "lte", "lt", "ne", "exact"}


# Active count/sum indicators by source, cached per process. Indicator changes in this
# process invalidate it at once (signals in apps.py); other worker processes pick them up
# within CACHE_SECONDS. A rule of thumb for administrators: after editing an indicator's
# definition, run `danvan rebuild_tallies`.
CACHE_SECONDS = 30.0
_cache: dict[str, tuple[Indicator, ...]] | None = None
_cached_at = 0.0


def _indicators_by_source() -> dict[str, tuple[Indicator, ...]]:
    global _cache, _cached_at
    now = time.monotonic()
    if _cache is None or now - _cached_at > CACHE_SECONDS:
        grouped: dict[str, list[Indicator]] = {}
        for ind in Indicator.objects.filter(is_active=True, kind__in=[IndicatorKind.COUNT, IndicatorKind.SUM]):
            grouped.setdefault(ind.source, []).append(ind)
        _cache, _cached_at = {k: tuple(v) for k, v in grouped.items()}, now
    return _cache


def invalidate(*args: Any, **kwargs: Any) -> None:
    """Forget the cached indicator definitions (also usable as a signal receiver)."""
    global _cache
    _cache = None


def indicators_for(source_key: str) -> tuple[Indicator, ...]:
    return _indicators_by_source().get(source_key, ())


def _resolve(obj: Any, path: str) -> Any:
    for part in path.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, part)
    return obj


def _split(lookup: str) -> tuple[str, str]:
    field, _, op = lookup.rpartition("__")
    if op in _OPS and field:
        return field, op
    return lookup, "exact"


def matches(obj: models.Model, filters: dict[str, Any]) -> bool:
    for lookup, wanted in filters.items():
        field, op = _split(lookup)
        value = _resolve(obj, field)
        if isinstance(value, models.Model):
            value = value.pk
        if op == "exact" and value != wanted:
            return False
        if op == "ne" and value == wanted:
            return False
        if op == "in" and value not in wanted:
            return False
        if op == "isnull" and (value is None) != bool(wanted):
            return False
        if op in ("gte", "gt", "lte", "lt"):
            if value is None:
                return False
            wanted_value = dt.date.fromisoformat(wanted) if isinstance(value, dt.date) and isinstance(wanted, str) else wanted
            if not {"gte": value >= wanted_value, "gt": value > wanted_value,
                    "lte": value <= wanted_value, "lt": value < wanted_value}[op]:
                return False
    return True


def to_q(filters: dict[str, Any]) -> Q:
    """The same filters for SQL (drill-down to the records behind a figure)."""
    q = Q()
    for lookup, wanted in filters.items():
        field, op = _split(lookup)
        q &= ~Q(**{field: wanted}) if op == "ne" else Q(**{lookup: wanted})
    return q


def month_of(day: dt.date | dt.datetime) -> dt.date:
    if isinstance(day, dt.datetime):
        day = day.date()
    return day.replace(day=1)


def _unit_id(obj: Any, unit_field: str) -> int | None:
    """'unit' → obj.unit_id; 'practice__unit' → obj.practice.unit_id (one hop, no extra query when cached)."""
    *path, last = unit_field.split("__")
    holder = _resolve(obj, "__".join(path)) if path else obj
    return getattr(holder, f"{last}_id", None) if holder is not None else None


def facts_of(obj: models.Model | None) -> Counter[Cell]:
    """This record's contribution to every active count/sum indicator of its source."""
    out: Counter[Cell] = Counter()
    if obj is None:
        return out
    source = BY_MODEL.get(type(obj))
    if source is None:
        return out
    unit_id = _unit_id(obj, source.unit_field)
    if unit_id is None:
        return out
    for ind in indicators_for(source.key):
        day = _resolve(obj, ind.date_field)
        if day is None or not matches(obj, ind.filters):
            continue
        value = 1 if ind.kind == IndicatorKind.COUNT else int(_resolve(obj, ind.value_field) or 0)
        if value:
            out[(ind.pk, unit_id, month_of(day))] += value
    return out
