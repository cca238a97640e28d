"""Recompute every tally from the records, in bulk (after indicator changes or bulk loads)."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from danvan.units.models import UnitClosure

from . import sources
from .facts import invalidate, to_q
from .models import Indicator, IndicatorKind, Tally


@transaction.atomic
def rebuild() -> int:
    invalidate()
    ancestors: dict[int, list[int]] = defaultdict(list)
    for a, d in UnitClosure.objects.values_list("ancestor_id", "descendant_id"):
        ancestors[d].append(a)
    cells: Counter[tuple[int, int, object]] = Counter()
    for ind in Indicator.objects.filter(is_active=True, kind__in=[IndicatorKind.COUNT, IndicatorKind.SUM]):
        if ind.source not in sources.SOURCES:
            continue
        source = sources.get(ind.source)
        measure = Count("pk") if ind.kind == IndicatorKind.COUNT else Sum(ind.value_field)
        rows = (
            source.model._default_manager.filter(to_q(ind.filters), **{f"{ind.date_field}__isnull": False})
            .annotate(m=TruncMonth(ind.date_field))
            .values_list(source.unit_field, "m")
            .annotate(v=measure)
            .order_by()
        )
        for unit_id, month, value in rows:
            if unit_id is None or not value:
                continue
            month = month.date() if hasattr(month, "date") and callable(month.date) else month
            for a in ancestors.get(unit_id, [unit_id]):
                cells[(ind.pk, a, month)] += int(value)
    Tally.objects.all().delete()
    Tally.objects.bulk_create(
        (Tally(indicator_id=i, unit_id=u, month=m, value=v) for (i, u, m), v in cells.items() if v),
        batch_size=5000,
    )
    return len(cells)
