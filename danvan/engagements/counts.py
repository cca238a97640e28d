"""Figures for reports: meetings and attendance of a unit's subtree over a period.

Meetings (cuộc) and attendance (lượt người) add up across rows, units and periods.
Distinct people (người) do not (DOMAIN.md §3.7): a figure is given only when it is
one record's own count; otherwise "at least" the largest count among the records,
and only when every record has one. Never a sum of người.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Sum

from danvan.accounts.permissions import require
from danvan.units.models import Unit

from .models import Engagement, EngagementKind, EngagementQuerySet, HostRole, ReceptionType


@dataclass(slots=True)
class Figures:
    records: int = 0  # rows
    meetings: int = 0  # cuộc (a row may stand for several)
    attendance: int = 0  # lượt người, summed over the rows that have it
    attendance_missing: int = 0  # rows without a lượt figure: the sum is a floor
    women: int | None = 0  # lượt; None when any row lacks it ("không có số liệu")
    ethnic_minorities: int | None = 0
    distinct_people: int | None = None  # người: one record's own count, else None
    distinct_people_at_least: int | None = None  # max over rows when every row has it
    _with_people: int = 0

    @property
    def average_attendance(self) -> float | None:
        """Lượt per meeting, derived (never stored)."""
        with_figure = self.meetings if not self.attendance_missing else None
        return round(self.attendance / with_figure, 1) if with_figure else None

    def add(self, g: dict[str, Any]) -> None:
        self.records += g["records"]
        self.meetings += g["sum_meetings"] or 0
        self.attendance += g["sum_attendance"] or 0
        self.attendance_missing += g["records"] - g["with_attendance"]
        self.women = _partial_sum(self.women, g["sum_women"], g["with_women"], g["records"])
        self.ethnic_minorities = _partial_sum(
            self.ethnic_minorities, g["sum_ethnic"], g["with_ethnic"], g["records"]
        )
        self._with_people += g["with_people"]
        if g["people_max"] is not None:
            self.distinct_people_at_least = max(self.distinct_people_at_least or 0, g["people_max"])

    def close(self) -> Figures:
        if self._with_people != self.records or not self.records:
            self.distinct_people_at_least = None
        self.distinct_people = self.distinct_people_at_least if self.records == 1 else None
        return self


def _partial_sum(total: int | None, value: int | None, with_value: int, records: int) -> int | None:
    if total is None or with_value != records:
        return None
    return total + (value or 0)


@dataclass(slots=True)
class EngagementCounts:
    unit: Unit
    start: dt.date | None
    end: dt.date | None
    total: Figures = field(default_factory=Figures)
    by_kind: dict[str, Figures] = field(default_factory=dict)  # every kind, zeros included
    receptions_by_level: dict[str, int] = field(default_factory=dict)  # sessions per unit level
    receptions_by_type: dict[str, int] = field(default_factory=dict)  # regular / ad hoc
    receptions_by_host_role: dict[str, int] = field(default_factory=dict)
    online_meetings: int = 0
    connection_points: int = 0

    @property
    def receptions(self) -> int:
        return self.by_kind[EngagementKind.RECEPTION].meetings

    @property
    def dialogues(self) -> int:
        return self.by_kind[EngagementKind.DIALOGUE].meetings

    def kind_rows(self) -> list[tuple[str, Figures]]:
        """(Vietnamese label, figures) in the order of EngagementKind, for tables."""
        return [(label, self.by_kind[value]) for value, label in EngagementKind.choices]


def engagement_counts(
    unit: Unit, start: dt.date | None, end: dt.date | None, *, by: Any
) -> EngagementCounts:
    """Figures of `unit`'s subtree (as recorded, units as they were) for [start, end]."""
    require(by, "engagements.view", unit)
    qs = Engagement.objects.live().in_subtree(unit).in_period(start, end)
    return summarise(qs, unit=unit, start=start, end=end)


def summarise(
    qs: EngagementQuerySet,
    *,
    unit: Unit,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> EngagementCounts:
    """One grouped query over any (already permission-filtered) queryset."""
    groups = (
        qs.order_by()
        .values("kind", "unit__level", "reception_type", "host_role", "is_online")
        .annotate(
            records=Count("id"),
            sum_meetings=Sum("meetings"),
            sum_attendance=Sum("attendance"),
            with_attendance=Count("attendance"),
            sum_women=Sum("women"),
            with_women=Count("women"),
            sum_ethnic=Sum("ethnic_minorities"),
            with_ethnic=Count("ethnic_minorities"),
            people_max=Max("distinct_people"),
            with_people=Count("distinct_people"),
            sum_points=Sum("connection_points"),
        )
    )
    result = EngagementCounts(unit=unit, start=start, end=end)
    result.by_kind = {value: Figures() for value in EngagementKind.values}
    by_level: dict[str, int] = defaultdict(int)
    by_type: dict[str, int] = {value: 0 for value in ReceptionType.values}
    by_role: dict[str, int] = defaultdict(int)
    for g in groups:
        result.total.add(g)
        result.by_kind[g["kind"]].add(g)
        if g["is_online"]:
            result.online_meetings += g["sum_meetings"] or 0
            result.connection_points += g["sum_points"] or 0
        if g["kind"] == EngagementKind.RECEPTION:
            by_level[g["unit__level"]] += g["sum_meetings"] or 0
            if g["reception_type"]:
                by_type[g["reception_type"]] += g["sum_meetings"] or 0
            by_role[g["host_role"] or HostRole.OTHER] += g["sum_meetings"] or 0
    result.total.close()
    for figures in result.by_kind.values():
        figures.close()
    result.receptions_by_level = dict(by_level)
    result.receptions_by_type = by_type
    result.receptions_by_host_role = dict(by_role)
    return result
