"""Figures for any indicator, unit (with its subtree) and period — read from the tallies.

Cost model: a figure for a unit is the sum of that unit's monthly tally rows inside
the period (one indexed range per indicator: ≤ 12 rows for a year), so the national
roll-up of the whole standard set is one grouped query over a few hundred rows,
whatever the number of records. Periods that do not start or end on a month boundary
(cut-off days, custom ranges) add the edge days from the records themselves.

Two views. *As reported*: each figure on the hierarchy in force when it happened
(records stay attached to the unit that reported them). *Recast*: pre-1 July 2025
figures re-aggregated into today's units through the lineage — provinces map one to
one (2025 merged provinces, never split them), old communes go to their successor,
a split commune to its default successor (DOMAIN.md §5.4, §9 row 13).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum

from danvan.lib.periods import Period
from danvan.units.models import LAST_LEGACY_DATE, Level, Lineage, Unit, UnitClosure

from . import sources
from .facts import to_q
from .models import Indicator, IndicatorKind, ManualValue, Tally, TimeAggregation


@dataclass(frozen=True, slots=True)
class Figure:
    indicator: str
    value: int | None  # None: not reported (never confused with 0)


def _month_bounds(period: Period) -> tuple[dt.date | None, dt.date | None, list[tuple[dt.date, dt.date]]]:
    """Whole months inside the period, and the edge day ranges outside them."""
    first = period.start if period.start.day == 1 else _next_month(period.start)
    after_end = period.end + dt.timedelta(days=1)
    last_exclusive = after_end if after_end.day == 1 else after_end.replace(day=1)
    edges: list[tuple[dt.date, dt.date]] = []
    if first >= last_exclusive:  # no whole month inside: everything from the records
        return None, None, [(period.start, period.end)]
    if period.start < first:
        edges.append((period.start, first - dt.timedelta(days=1)))
    if last_exclusive <= period.end:
        edges.append((last_exclusive, period.end))
    return first, last_exclusive - dt.timedelta(days=1), edges


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _flow_totals(indicators: Sequence[Indicator], unit_ids: Sequence[int], start: dt.date, end: dt.date) -> dict[tuple[int, int], int]:
    """{(indicator id, unit id): total} over [start, end] for count/sum indicators."""
    result: dict[tuple[int, int], int] = defaultdict(int)
    flows = [i for i in indicators if i.kind in (IndicatorKind.COUNT, IndicatorKind.SUM)]
    if not flows or not unit_ids or end < start:
        return result
    period = Period(start, end)
    first, last, edges = _month_bounds(period)
    if first is not None:
        rows = (
            Tally.objects.filter(indicator__in=flows, unit_id__in=unit_ids, month__gte=first, month__lte=last)
            .values_list("indicator_id", "unit_id")
            .annotate(total=Sum("value"))
            .order_by()
        )
        for indicator_id, unit_id, total in rows:
            result[(indicator_id, unit_id)] += total or 0
    for edge_start, edge_end in edges:
        for ind in flows:
            for unit_id in unit_ids:
                result[(ind.pk, unit_id)] += _raw_total(ind, unit_id, edge_start, edge_end)
    return result


def _raw_total(ind: Indicator, unit_id: int, start: dt.date, end: dt.date) -> int:
    qs = records_behind(ind, unit_id, Period(start, end))
    if ind.kind == IndicatorKind.COUNT:
        return qs.count()
    return qs.aggregate(total=Sum(ind.value_field))["total"] or 0


def records_behind(ind: Indicator, unit: Unit | int, period: Period) -> QuerySet:
    """The records a figure counts: drill-down from any figure."""
    source = sources.get(ind.source)
    unit_id = unit.pk if isinstance(unit, Unit) else unit
    subtree = UnitClosure.objects.filter(ancestor_id=unit_id).values("descendant_id")
    return source.model._default_manager.filter(
        to_q(ind.filters),
        **{f"{source.unit_field}__in": subtree, f"{ind.date_field}__gte": period.start,
           f"{ind.date_field}__lte": period.end},
    )


FAR_PAST = dt.date(1900, 1, 1)


def table(indicators: Sequence[Indicator], units: Sequence[Unit], period: Period) -> dict[tuple[str, int], int | None]:
    """{(indicator code, unit id): value} for several units at once (one query per kind)."""
    unit_ids = [u.pk for u in units]
    stocks = [i for i in indicators if i.kind == IndicatorKind.STOCK]
    flows = list(indicators) + [x for s in stocks for x in (s.inflow, s.outflow) if x is not None]
    totals = _flow_totals(flows, unit_ids, period.start, period.end)
    before = _flow_totals([x for s in stocks for x in (s.inflow, s.outflow) if x], unit_ids,
                          FAR_PAST, period.start - dt.timedelta(days=1)) if stocks else {}
    manual = _manual_totals([i for i in indicators if i.kind == IndicatorKind.MANUAL], unit_ids, period)
    out: dict[tuple[str, int], int | None] = {}
    for ind in indicators:
        for uid in unit_ids:
            if ind.kind == IndicatorKind.STOCK:
                opening = before.get((ind.inflow_id, uid), 0) - before.get((ind.outflow_id, uid), 0)
                if ind.time_aggregation == TimeAggregation.OPENING:
                    out[(ind.code, uid)] = opening
                else:
                    out[(ind.code, uid)] = opening + totals.get((ind.inflow_id, uid), 0) - totals.get((ind.outflow_id, uid), 0)
            elif ind.kind == IndicatorKind.MANUAL:
                out[(ind.code, uid)] = manual.get((ind.pk, uid))
            else:
                out[(ind.code, uid)] = totals.get((ind.pk, uid), 0)
    return out


def _manual_totals(indicators: Sequence[Indicator], unit_ids: Sequence[int], period: Period) -> dict[tuple[int, int], int]:
    """Hand-entered figures inside the period, summed over each unit's subtree."""
    if not indicators:
        return {}
    result: dict[tuple[int, int], int] = {}
    closure = UnitClosure.objects.filter(ancestor_id__in=unit_ids)
    rows = (
        ManualValue.objects.filter(indicator__in=indicators, period_start__gte=period.start, period_end__lte=period.end,
                                   unit_id__in=closure.values("descendant_id"))
        .values_list("indicator_id", "unit_id", "value")
    )
    ancestors: dict[int, list[int]] = defaultdict(list)
    for a, d in closure.values_list("ancestor_id", "descendant_id"):
        ancestors[d].append(a)
    for indicator_id, unit_id, value in rows:
        for a in ancestors[unit_id]:
            result[(indicator_id, a)] = result.get((indicator_id, a), 0) + value
    return result


def figures(indicators: Sequence[Indicator], unit: Unit, period: Period) -> dict[str, int | None]:
    """The figures of one unit (its whole subtree)."""
    values = table(indicators, [unit], period)
    return {ind.code: values[(ind.code, unit.pk)] for ind in indicators}


def own_and_lower(indicators: Sequence[Indicator], unit: Unit, period: Period) -> dict[str, tuple[int | None, int | None]]:
    """(the unit's own records, its lower units') — "thành phố 09 đơn, cấp xã 07 đơn"."""
    children = list(unit.children.all())
    values = table(indicators, [unit, *children], period)
    out = {}
    for ind in indicators:
        total = values[(ind.code, unit.pk)]
        lower_values = [values[(ind.code, c.pk)] for c in children]
        lower = sum(v or 0 for v in lower_values) if children else 0
        out[ind.code] = (None if total is None else total - lower, lower)
    return out


def by_children(indicators: Sequence[Indicator], unit: Unit, period: Period, *, as_of: dt.date | None = None) -> list[tuple[Unit, dict[str, int | None]]]:
    """One row per direct child in force during the period (the lower-unit table)."""
    children = unit.children.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=period.end), Q(valid_to__isnull=True) | Q(valid_to__gte=period.start)
    ).order_by("code")
    children = list(children)
    values = table(indicators, children, period)
    return [(c, {ind.code: values[(ind.code, c.pk)] for ind in indicators}) for c in children]


def recast_provinces(indicators: Sequence[Indicator], period: Period) -> list[tuple[Unit, dict[str, int | None]]]:
    """Figures per today's province, old provinces' figures added to their successors."""
    current = list(Unit.objects.filter(level=Level.PROVINCE, valid_to__isnull=True).order_by("code"))
    legacy = list(Unit.objects.filter(level=Level.PROVINCE, valid_to=LAST_LEGACY_DATE))
    successor = dict(
        Lineage.objects.filter(predecessor__in=legacy, is_default=True).values_list("predecessor_id", "successor_id")
    )
    values = table(indicators, [*current, *legacy], period)
    predecessors: dict[int, list[int]] = defaultdict(list)  # today's province → its old provinces
    for old_id, new_id in successor.items():
        predecessors[new_id].append(old_id)
    rows = []
    for province in current:
        merged = {}
        ids = [province.pk, *predecessors[province.pk]]
        for ind in indicators:
            parts = [values[(ind.code, uid)] for uid in ids]
            known = [p for p in parts if p is not None]
            merged[ind.code] = sum(known) if known else None
        rows.append((province, merged))
    return rows


def recast_unit(indicators: Sequence[Indicator], unit: Unit, period: Period) -> dict[str, int | None]:
    """A post-2025 unit's figures including what its predecessors reported before."""
    preds = list(Unit.objects.filter(successor_links__successor=unit, successor_links__is_default=True))
    values = table(indicators, [unit, *preds], period)
    out = {}
    for ind in indicators:
        known = [v for v in (values[(ind.code, u.pk)] for u in [unit, *preds]) if v is not None]
        out[ind.code] = sum(known) if known else None
    return out


def naive_figures(indicators: Iterable[Indicator], unit: Unit, period: Period) -> dict[str, int]:
    """The same figures by GROUP BY over the raw records joined to the hierarchy.

    Kept for the benchmark and for tests that cross-check the tallies; never used by pages.
    """
    out = {}
    for ind in indicators:
        if ind.kind in (IndicatorKind.COUNT, IndicatorKind.SUM):
            out[ind.code] = _raw_total(ind, unit.pk, period.start, period.end)
    return out
