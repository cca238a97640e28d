"""Have the heads received citizens as often as the rules require? (DOMAIN.md §3.6)

For one unit and one month: every unit of its subtree (and of the units it succeeded,
for months before 1 July 2025) at a level with a rule in force, and for each head
(Bí thư cấp ủy, Chủ tịch UBND) the days of regular reception they held in person
against the days required. Weekly rules are judged week by week, a week (Monday to
Sunday) belonging to the month that holds its Thursday, so four receptions in the
first week do not make up for three weeks without one.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from danvan.accounts.permissions import require
from danvan.units import bodies
from danvan.units.models import Body, BodyKind, Level, Lineage, Unit

from .models import (
    HEAD_ROLES,
    Engagement,
    EngagementKind,
    HostRole,
    ReceptionRule,
    ReceptionType,
    RulePer,
)

MET, SHORT, PENDING, NO_DATA = "met", "short", "pending", "no_data"
STATUS_LABELS = {
    MET: "Đạt",
    SHORT: "Chưa đạt",
    PENDING: "Chưa hết kỳ",
    NO_DATA: "Chưa có số liệu",  # the unit has never recorded a reception: not the same as 0
}
_LEVEL_ORDER = {Level.PROVINCE: 0, Level.DISTRICT: 1, Level.COMMUNE: 2}
_ROLE_ORDER = {HostRole.PARTY_SECRETARY: 0, HostRole.COMMITTEE_CHAIR: 1}


@dataclass(frozen=True, slots=True)
class WeekCheck:
    start: dt.date  # Monday
    end: dt.date  # Sunday
    held: int  # distinct days of regular reception by the head that week
    met: bool | None  # None: the week is not over and not yet met

    @property
    def label(self) -> str:
        return f"{self.start:%d/%m}–{self.end:%d/%m}"


@dataclass(frozen=True, slots=True)
class ComplianceRow:
    unit: Unit
    rule: ReceptionRule
    host_title: str  # "Bí thư Đảng ủy phường Hạ Long"
    year: int
    month: int
    required: int  # days (monthly rule) or weeks (weekly rule)
    held: int  # days held (monthly rule) or weeks met (weekly rule)
    days: tuple[dt.date, ...]  # the head's regular reception days counted
    weeks: tuple[WeekCheck, ...]
    ad_hoc_days: int  # ad hoc receptions by the head: welcome, but not counted
    stand_in_days: int  # regular sessions at the unit chaired by deputies or others
    status: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def unit_of_count(self) -> str:
        return "tuần" if self.rule.per == RulePer.WEEK else "ngày"

    @property
    def missed_weeks(self) -> list[WeekCheck]:
        return [w for w in self.weeks if w.met is False]

    @property
    def warning(self) -> str:
        """'Bí thư Đảng ủy xã Bình tiếp dân định kỳ 1/2 ngày trong tháng 10/2026.'"""
        text = (
            f"{self.host_title} tiếp dân định kỳ {self.held}/{self.required} "
            f"{self.unit_of_count} trong tháng {self.month}/{self.year}"
        )
        if self.rule.per == RulePer.WEEK and self.missed_weeks:
            missed = ", ".join(w.label for w in self.missed_weeks)
            text += f" (quy định {self.rule.label}; chưa tiếp tuần {missed})"
        return text + "."


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def weeks_of_month(year: int, month: int) -> list[tuple[dt.date, dt.date]]:
    """Monday–Sunday weeks whose Thursday falls in the month (ISO convention): 4 or 5."""
    start, end = month_bounds(year, month)
    thursday = start + dt.timedelta(days=(3 - start.weekday()) % 7)
    weeks = []
    while thursday <= end:
        monday = thursday - dt.timedelta(days=3)
        weeks.append((monday, monday + dt.timedelta(days=6)))
        thursday += dt.timedelta(days=7)
    return weeks


def rules_for_month(start: dt.date, end: dt.date) -> dict[tuple[str, str], ReceptionRule]:
    """(level, host role) → the rule for the month: the one in force on its first day,
    else the first to come into force during it (versions never overlap)."""
    chosen: dict[tuple[str, str], ReceptionRule] = {}
    for rule in ReceptionRule.objects.overlapping(start, end).order_by("valid_from"):
        key = (rule.level, rule.host_role)
        if key not in chosen or rule.in_force_on(start):
            chosen[key] = rule
    return chosen


def _units(unit: Unit, start: dt.date, end: dt.date, levels: set[str]) -> QuerySet[Unit]:
    """The unit's subtree and its predecessors' subtrees, in force during the month."""
    roots = [
        unit.pk,
        *Lineage.objects.filter(successor=unit).values_list("predecessor_id", flat=True),
    ]
    return (
        Unit.objects.filter(ancestor_links__ancestor_id__in=roots, level__in=levels)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        .distinct()
    )


def _titles(units: list[Unit], in_scope: QuerySet[Unit], on: dt.date) -> dict[tuple[int, str], str]:
    """'Bí thư Đảng ủy phường Hạ Long', 'Chủ tịch UBND tỉnh Quảng Ninh'."""
    committees = {
        b.unit_id: b.name
        for b in Body.objects.filter(
            unit__in=in_scope.values("pk"), kind=BodyKind.PARTY_COMMITTEE
        ).valid_on(on)
    }
    titles = {}
    for u in units:
        where = bodies.place(u.kind, u.short_name) if u.level != Level.NATION else u.name
        titles[(u.pk, HostRole.PARTY_SECRETARY)] = (
            f"Bí thư {committees[u.pk]}" if u.pk in committees else f"Bí thư cấp ủy {where}"
        )
        titles[(u.pk, HostRole.COMMITTEE_CHAIR)] = f"Chủ tịch UBND {where}"
    return titles


def reception_compliance(
    unit: Unit, year: int, month: int, *, by: Any, today: dt.date | None = None
) -> list[ComplianceRow]:
    """One row per (unit, head) with a rule in force in the month, province level first."""
    require(by, "engagements.view", unit)
    today = today or timezone.localdate()
    start, end = month_bounds(year, month)
    rules = rules_for_month(start, end)
    if not rules:
        return []
    in_scope = _units(unit, start, end, {level for level, _ in rules})
    units = list(in_scope.order_by("code"))
    weeks = weeks_of_month(year, month)
    span_start, span_end = min(start, weeks[0][0]), max(end, weeks[-1][1])
    held: dict[tuple[int, str, str], set[dt.date]] = defaultdict(set)
    sessions = (
        Engagement.objects.live()
        .filter(kind=EngagementKind.RECEPTION, unit__in=in_scope.values("pk"))
        .filter(date__gte=span_start, date__lte=span_end)
        .values_list("unit_id", "host_role", "reception_type", "date")
        .distinct()
    )
    for unit_id, role, kind, day in sessions:
        held[(unit_id, role if role in HEAD_ROLES else "stand_in", kind)].add(day)
    # Units that record receptions in danvan at all (up to the month's end); for the
    # others a shortfall would only mean "not recorded here", so it is not reported.
    reporting = set(
        Engagement.objects.live()
        .filter(kind=EngagementKind.RECEPTION, unit__in=in_scope.values("pk"), date__lte=span_end)
        .values_list("unit_id", flat=True)
        .distinct()
    )
    titles = _titles(units, in_scope, start)
    rows = []
    for u in units:
        for role in (HostRole.PARTY_SECRETARY, HostRole.COMMITTEE_CHAIR):
            rule = rules.get((u.level, role))
            if rule is None:
                continue
            regular = held[(u.pk, role, ReceptionType.REGULAR)]
            rows.append(
                _row(
                    u,
                    rule,
                    titles[(u.pk, role)],
                    year,
                    month,
                    regular,
                    ad_hoc=held[(u.pk, role, ReceptionType.AD_HOC)],
                    stand_in=held[(u.pk, "stand_in", ReceptionType.REGULAR)],
                    weeks=weeks,
                    today=today,
                    reported=u.pk in reporting,
                )
            )
    rows.sort(
        key=lambda r: (_LEVEL_ORDER[r.unit.level], r.unit.code, _ROLE_ORDER[r.rule.host_role])
    )
    return rows


def _row(
    unit: Unit,
    rule: ReceptionRule,
    title: str,
    year: int,
    month: int,
    regular: set[dt.date],
    *,
    ad_hoc: set[dt.date],
    stand_in: set[dt.date],
    weeks: list[tuple[dt.date, dt.date]],
    today: dt.date,
    reported: bool,
) -> ComplianceRow:
    start, end = month_bounds(year, month)
    in_month = tuple(sorted(d for d in regular if start <= d <= end))
    checks: tuple[WeekCheck, ...] = ()
    if rule.per == RulePer.WEEK:
        checks = tuple(
            _week(regular, monday, sunday, rule.min_days, today) for monday, sunday in weeks
        )
        required, count = len(checks), sum(1 for w in checks if w.met)
        days = tuple(sorted(d for d in regular if weeks[0][0] <= d <= weeks[-1][1]))
        if all(w.met for w in checks):
            status = MET
        elif any(w.met is False for w in checks):
            status = SHORT
        else:
            status = PENDING
    else:
        required, count, days = rule.min_days, len(in_month), in_month
        status = MET if count >= required else (PENDING if today <= end else SHORT)
    if not reported:
        status = NO_DATA
    return ComplianceRow(
        unit=unit,
        rule=rule,
        host_title=title,
        year=year,
        month=month,
        required=required,
        held=count,
        days=days,
        weeks=checks,
        ad_hoc_days=sum(1 for d in ad_hoc if start <= d <= end),
        stand_in_days=sum(1 for d in stand_in if start <= d <= end),
        status=status,
    )


def _week(
    regular: set[dt.date], monday: dt.date, sunday: dt.date, min_days: int, today: dt.date
) -> WeekCheck:
    count = sum(1 for d in regular if monday <= d <= sunday)
    met: bool | None = True if count >= min_days else (None if today <= sunday else False)
    return WeekCheck(monday, sunday, count, met)


def shortfalls(rows: list[ComplianceRow]) -> list[ComplianceRow]:
    return [r for r in rows if r.status == SHORT]


def without_data(rows: list[ComplianceRow]) -> list[Unit]:
    """Units (once each) that have never recorded a reception in danvan."""
    seen: dict[int, Unit] = {}
    for r in rows:
        if r.status == NO_DATA:
            seen.setdefault(r.unit.pk, r.unit)
    return list(seen.values())
