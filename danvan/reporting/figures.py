"""What the figures page, the dashboard and the API share: reading the user's choice of
unit, period and view, and computing a unit's figures with its lower units' table.

Every function here takes the user and answers only inside their `reporting.view`
scope: a unit outside it looks missing (404).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from danvan.accounts import permissions
from danvan.lib.periods import KIND_LABELS, Period, PeriodKind, build, parse_code
from danvan.units.models import Level, Lineage, Unit

from . import rollup, sources
from .compile import children_in_force
from .models import Indicator

AS_REPORTED, RECAST = "as_reported", "recast"
VIEWS = {AS_REPORTED: "Theo số liệu đã báo cáo", RECAST: "Quy đổi theo đơn vị hiện nay"}
PERIOD_KINDS = [k for k in PeriodKind if k != PeriodKind.CUSTOM]


def visible_indicators() -> list[Indicator]:
    """The indicators shown on pages: active ones with a group (helpers like flows have none)."""
    return list(
        Indicator.objects.filter(is_active=True)
        .exclude(group="")
        .select_related("inflow", "outflow")
    )


def unit_for(user: Any, key: str | None) -> Unit:
    """The unit named by `key` in the user's scope, else their own top unit; 404 when hidden."""
    if key:
        return permissions.get_for_user(
            user, Unit.objects.all(), "reporting.view", unit_field="pk", key=key
        )
    unit = default_unit(user)
    if unit is None:
        raise Http404("Bạn chưa có quyền xem báo cáo tại đơn vị nào.")
    return unit


def default_unit(user: Any) -> Unit | None:
    if getattr(user, "is_superuser", False):
        return Unit.objects.filter(level=Level.NATION).first()
    roots = list(Unit.objects.filter(pk__in=permissions.root_ids(user, "reporting.view")))
    roots = [
        u for u in roots if u.is_current
    ] or roots  # a grant on a pre-2025 unit only: that unit
    order = {Level.NATION: 0, Level.PROVINCE: 1, Level.DISTRICT: 2, Level.COMMUNE: 3}
    return min(roots, key=lambda u: (order.get(u.level, 9), u.code), default=None)


def _day(text: str, what: str) -> dt.date:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()  # noqa: DTZ007 — a calendar day
        except ValueError:
            continue
    raise ValidationError(f"{what} “{text}” không đúng dạng ngày dd/mm/yyyy.")


def period_from(params: Mapping[str, str], *, today: dt.date | None = None) -> Period:
    """?tu=&den= (dd/mm/yyyy), or ?ky=<kind>&nam=<year>&phan=<part>, or ?ma-ky=<ISO code>."""
    today = today or timezone.localdate()
    if params.get("ma-ky"):
        try:
            return parse_code(params["ma-ky"])
        except ValueError as e:
            raise ValidationError(str(e)) from e
        except OverflowError as e:
            raise ValidationError(f"Mã kỳ báo cáo không hợp lệ: “{params['ma-ky']}”.") from e
    if params.get("tu") or params.get("den"):
        if not (params.get("tu") and params.get("den")):
            raise ValidationError("Hãy nhập cả ngày bắt đầu và ngày kết thúc.")
        start, end = _day(params["tu"], "Từ ngày"), _day(params["den"], "Đến ngày")
        if end < start:
            raise ValidationError("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.")
        return Period(start, end, PeriodKind.CUSTOM, f"từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}")
    kind = params.get("ky") or PeriodKind.YEAR
    if kind not in {k.value for k in PERIOD_KINDS}:
        raise ValidationError(
            f"Loại kỳ “{kind}” không có. Chọn: {', '.join(KIND_LABELS[k] for k in PERIOD_KINDS)}."
        )
    try:
        year = int(params.get("nam") or today.year)
        part = int(params.get("phan") or 1)
    except ValueError as e:
        raise ValidationError("Năm và kỳ phải là số.") from e
    if not 1990 <= year <= 2100:
        raise ValidationError("Năm phải trong khoảng 1990–2100.")
    limits = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF: 2}
    if not 1 <= part <= limits.get(PeriodKind(kind), 1) and PeriodKind(kind) in limits:
        raise ValidationError(
            f"Kỳ thứ {part} không có trong loại kỳ {KIND_LABELS[PeriodKind(kind)].lower()}."
        )
    return build(kind, year, part=part)


def template_period(kind: str, year: int, part: int, cutoff_offset_days: int = 0) -> Period:
    """A template's period for a year and part, with its cut-off; Vietnamese errors for bad parts."""
    if not 1990 <= year <= 2100:
        raise ValidationError("Năm phải trong khoảng 1990–2100.")
    limits = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF: 2}
    if kind in limits and not 1 <= part <= limits[PeriodKind(kind)]:
        raise ValidationError(
            f"Kỳ thứ {part} không có trong loại kỳ {KIND_LABELS[PeriodKind(kind)].lower()}."
        )
    try:
        period = build(kind, year, part=part)
    except ValueError as e:
        raise ValidationError(f"Kỳ báo cáo không hợp lệ: {e}") from e
    return period.shifted(cutoff_offset_days) if cutoff_offset_days else period


def recast_table(
    indicators: Sequence[Indicator], units: Sequence[Unit], period: Period
) -> dict[tuple[str, int], int | None]:
    """rollup.table for today's units with their default predecessors' figures added (constant queries)."""
    preds: dict[int, list[int]] = defaultdict(list)
    for pred_id, succ_id in Lineage.objects.filter(
        successor__in=units, is_default=True
    ).values_list("predecessor_id", "successor_id"):
        preds[succ_id].append(pred_id)
    extra = [Unit(pk=p) for ps in preds.values() for p in ps]
    values = rollup.table(indicators, [*units, *extra], period)
    out = {}
    for ind in indicators:
        for u in units:
            known = [
                v for v in (values[(ind.code, x)] for x in [u.pk, *preds[u.pk]]) if v is not None
            ]
            out[(ind.code, u.pk)] = sum(known) if known else None
    return out


@dataclass
class Figures:
    unit: Unit
    period: Period
    view: str
    indicators: list[Indicator]
    values: dict[str, int | None]
    own_lower: dict[str, tuple[int | None, int | None]]
    rows: list[tuple[Unit, dict[str, int | None]]] = field(default_factory=list)

    def groups(self) -> list[tuple[str, list[Indicator]]]:
        out: dict[str, list[Indicator]] = {}
        for ind in self.indicators:
            out.setdefault(ind.group, []).append(ind)
        return list(out.items())


def compute(
    indicators: Sequence[Indicator], unit: Unit, period: Period, view: str = AS_REPORTED
) -> Figures:
    """A unit's figures, own vs lower split, and one row per lower unit — a fixed number of queries."""
    indicators = list(indicators)
    if view == RECAST and unit.is_current:
        children = list(unit.children.current().order_by("code"))
        if unit.level == Level.NATION:
            rows = rollup.recast_provinces(indicators, period)
            own = recast_table(indicators, [unit], period)
            values = {i.code: own[(i.code, unit.pk)] for i in indicators}
        else:
            table = recast_table(indicators, [unit, *children], period)
            values = {i.code: table[(i.code, unit.pk)] for i in indicators}
            rows = [(c, {i.code: table[(i.code, c.pk)] for i in indicators}) for c in children]
    else:
        children = children_in_force(unit, period)
        table = rollup.table(indicators, [unit, *children], period)
        values = {i.code: table[(i.code, unit.pk)] for i in indicators}
        rows = [(c, {i.code: table[(i.code, c.pk)] for i in indicators}) for c in children]
    own_lower = {}
    for ind in indicators:
        lower = sum(r[1][ind.code] or 0 for r in rows)
        total = values[ind.code]
        own_lower[ind.code] = (None if total is None else total - lower, lower)
    return Figures(unit, period, view, indicators, values, own_lower, rows)


def view_from(value: str | None) -> str:
    if value in (None, "", AS_REPORTED, "theo-bao-cao"):
        return AS_REPORTED
    if value in (RECAST, "quy-doi"):
        return RECAST
    raise ValidationError(f"Cách xem “{value}” không có: dùng as_reported hoặc recast.")


def view_action(source_key: str) -> str:
    """The permission a record type's list needs: '<app>.view', or reporting.view if the app has none."""
    action = f"{source_key.split('.')[0]}.view"
    return action if action in permissions.ACTION_ROLES else "reporting.view"


def behind(
    user: Any, indicator: Indicator, unit: Unit, period: Period, view: str = AS_REPORTED
) -> QuerySet:
    """The records behind a figure that the user may see (their app's view permission).

    Recast: a current unit's figure also counts its default predecessors' records.
    """
    if not indicator.source:
        raise ValidationError(
            "Chỉ tiêu này nhập tay hoặc tính từ chỉ tiêu khác: không có hồ sơ đi kèm."
        )
    source = sources.get(indicator.source)
    qs = rollup.records_behind(indicator, unit, period)
    if view == RECAST and unit.is_current:
        for pred_id in Lineage.objects.filter(successor=unit, is_default=True).values_list(
            "predecessor_id", flat=True
        ):
            qs = qs | rollup.records_behind(indicator, pred_id, period)
    return permissions.visible(
        user, qs, view_action(indicator.source), unit_field=source.unit_field
    ).order_by("-pk")


def drill_indicator(indicator: Indicator) -> Indicator:
    """A stock has no records of its own: drill into its inflow."""
    return indicator.inflow if indicator.kind == "stock" and indicator.inflow else indicator


def record_link(obj: Any) -> str:
    for candidate in (obj, getattr(obj, "petition", None), getattr(obj, "practice", None)):
        if candidate is not None and hasattr(candidate, "get_absolute_url"):
            try:
                return candidate.get_absolute_url()
            except Exception:  # noqa: BLE001 — a record without a page still lists
                return ""
    return ""
