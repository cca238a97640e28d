"""What a report says: its unit's figures, the lower units' table and narratives."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from danvan.lib.periods import Period
from danvan.units.models import Unit

from . import rollup
from .models import Indicator, Report, ReportStatus


@dataclass(slots=True)
class LowerUnitRow:
    unit: Unit
    report: Report | None
    figures: dict[str, int | None]
    approved: bool  # figures from the approved snapshot (else live from records)

    @property
    def status_label(self) -> str:
        return self.report.get_status_display() if self.report else "Chưa có báo cáo"

    @property
    def timeliness(self) -> str:
        if self.report is None or self.report.submitted_at is None:
            return "Chưa gửi"
        return "Đúng hạn" if self.report.on_time else "Trễ hạn"


@dataclass(slots=True)
class CompiledReport:
    report: Report
    indicators: list[Indicator]
    figures: dict[str, int | None]
    own_lower: dict[str, tuple[int | None, int | None]]
    lower_units: list[LowerUnitRow] = field(default_factory=list)
    lower_narratives: list[tuple[Unit, dict[str, str]]] = field(default_factory=list)

    def lower_units_json(self) -> list[dict]:
        return [{"key": r.unit.key, "unit": r.unit.name, "status": r.report.status if r.report else None,
                 "approved": r.approved, "figures": r.figures} for r in self.lower_units]


def period_of(report: Report) -> Period:
    return Period(report.period_start, report.period_end, label=report.period_label)


def children_in_force(unit: Unit, period: Period) -> list[Unit]:
    return list(unit.children.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=period.end),
        Q(valid_to__isnull=True) | Q(valid_to__gte=period.start),
    ).order_by("code"))


def compile_report(report: Report) -> CompiledReport:
    indicators = [row.indicator for row in report.template.rows.select_related("indicator")]
    period = period_of(report)
    children = children_in_force(report.unit, period)
    values = rollup.table(indicators, [report.unit, *children], period)
    figures = {i.code: values[(i.code, report.unit.pk)] for i in indicators}
    own_lower = {}
    for i in indicators:
        lower = sum(values[(i.code, c.pk)] or 0 for c in children)
        total = figures[i.code]
        own_lower[i.code] = (None if total is None else total - lower, lower)
    child_reports = {
        r.unit_id: r for r in Report.objects.filter(
            template=report.template, unit__in=children, period_start=report.period_start, period_end=report.period_end,
        ).prefetch_related("snapshots")
    }
    rows, narratives = [], []
    for child in children:
        child_report = child_reports.get(child.pk)
        snapshot = child_report.snapshots.all()[0] if child_report and child_report.snapshots.all() else None
        if child_report and child_report.status == ReportStatus.APPROVED and snapshot:
            rows.append(LowerUnitRow(child, child_report, snapshot.figures, True))
            narratives.append((child, snapshot.narratives))
        else:
            rows.append(LowerUnitRow(child, child_report, {i.code: values[(i.code, child.pk)] for i in indicators}, False))
    return CompiledReport(report, indicators, figures, own_lower, rows, narratives)


def differences(report: Report) -> list[tuple[Indicator, int | None, int | None]]:
    """(indicator, approved value, value now) where records changed since approval."""
    snapshot = report.snapshots.first()
    if snapshot is None:
        return []
    live = compile_report(report).figures
    indicators = report.template.indicators.all()
    return [(i, snapshot.figures.get(i.code), live.get(i.code)) for i in indicators
            if snapshot.figures.get(i.code) != live.get(i.code)]


def mark_stale(unit_ids: set[int], months: set[dt.date]) -> int:
    """A change to records under an approved report's unit, inside its period, makes it stale."""
    if not unit_ids or not months:
        return 0
    first, last = min(months), max(months)
    last_day = (last.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return Report.objects.filter(
        status=ReportStatus.APPROVED, stale=False, unit_id__in=unit_ids, period_start__lte=last_day, period_end__gte=first,
    ).update(stale=True)
