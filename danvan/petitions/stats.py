"""Period statistics of petitions for a unit (DOMAIN.md §3.2, Biểu 04/XLD).

For the unit's subtree (and, since the 2025 reorganisation, the subtrees of the units
it took over by default): carried over (received before the period and not finished
before it starts — the opening stock), received in the period, handled (finished:
resolved, forwarded, not accepted or withdrawn, in the period), of which on time and
late, still pending at the end and of those past due, and cases (vụ việc) — each
split by receiving level: the unit itself versus the units below it ("thành phố 09
đơn, cấp xã 07 đơn"). Cases are counted once per group, so the parts of a case that
spans levels may add up to more than the total.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from danvan.accounts.permissions import require
from danvan.units.models import Lineage, Unit, UnitClosure

from .models import Kind, Petition, PetitionTransition
from .states import Status


@dataclass
class Figures:
    carried_over: int = 0
    received: int = 0
    handled: int = 0
    on_time: int = 0
    late: int = 0
    pending: int = 0
    pending_overdue: int = 0
    cases: int = 0
    _cases: set[int] = field(default_factory=set, repr=False)

    @property
    def total(self) -> int:
        """Carried over + received: what the period had to deal with."""
        return self.carried_over + self.received

    @property
    def overdue(self) -> int:
        """Handled late plus still pending past due at the end of the period."""
        return self.late + self.pending_overdue

    def as_dict(self) -> dict[str, int]:
        return {
            "carried_over": self.carried_over,
            "received": self.received,
            "total": self.total,
            "handled": self.handled,
            "on_time": self.on_time,
            "late": self.late,
            "pending": self.pending,
            "pending_overdue": self.pending_overdue,
            "overdue": self.overdue,
            "cases": self.cases,
        }


@dataclass
class PetitionStats:
    unit: Unit
    start: dt.date
    end: dt.date
    all: Figures
    own: Figures  # received by the unit itself (and the units it took over)
    lower: Figures  # received by the units below it
    by_kind: dict[str, Figures]


def stat_unit_ids(unit: Unit) -> tuple[set[int], set[int]]:
    """(own ids, all ids): the unit and the units it took over by default in 2025,
    and everything below any of them."""
    own = {unit.pk} | set(
        Lineage.objects.filter(successor=unit, is_default=True).values_list(
            "predecessor_id", flat=True
        )
    )
    below = set(
        UnitClosure.objects.filter(ancestor_id__in=own).values_list("descendant_id", flat=True)
    )
    return own, below | own


def _add(f: Figures, row: dict[str, Any], start: dt.date, end: dt.date) -> None:
    received, finished = row["received_on"], row["finished_on"]
    if received < start:
        f.carried_over += 1
    else:
        f.received += 1
    f._cases.add(row["case_id"])
    if finished is not None and start <= finished <= end:
        f.handled += 1
        if row["finished_overdue"]:
            f.late += 1
        else:
            f.on_time += 1
    else:
        f.pending += 1
        if row["overdue_at_end"]:
            f.pending_overdue += 1


def _overdue_at(end: dt.date, ids: list[int]) -> set[int]:
    """Petitions past due on `end`, judged by the clock as it stood that day: the due
    date and status recorded by their last step on or before `end`."""
    last: dict[int, tuple[dt.date | None, str]] = {}
    steps = (
        PetitionTransition.objects.filter(petition_id__in=ids, on_date__lte=end)
        .order_by("petition_id", "on_date", "pk")
        .values_list("petition_id", "due_after", "to_status")
    )
    for petition_id, due, status in steps:
        last[petition_id] = (due, status)
    return {
        pk
        for pk, (due, status) in last.items()
        if due is not None and due < end and status != Status.SUSPENDED
    }


def petition_stats(unit: Unit, start: dt.date, end: dt.date, *, by: Any) -> PetitionStats:
    """The period figures of `unit` (see the module docstring). `by` must be allowed to
    view the unit's petitions."""
    require(by, "petitions.view", unit)
    own_ids, all_ids = stat_unit_ids(unit)
    rows = (
        Petition.objects.filter(unit_id__in=all_ids, received_on__lte=end)
        .exclude(finished_on__lt=start)
        .values(
            "id", "unit_id", "kind", "case_id", "received_on", "finished_on", "finished_overdue"
        )
    )
    result = PetitionStats(
        unit, start, end, Figures(), Figures(), Figures(), {k: Figures() for k in Kind.values}
    )
    rows = list(rows)
    # Past due "at the end" of a period still running means past due today.
    as_of = min(end, timezone.localdate())
    late_at_end = _overdue_at(
        as_of, [r["id"] for r in rows if r["finished_on"] is None or r["finished_on"] > end]
    )
    for row in rows:
        if row["finished_on"] is not None and row["finished_on"] > end:
            row = {**row, "finished_on": None}  # finished later: still pending at the period's end
        row["overdue_at_end"] = row["id"] in late_at_end
        groups = [result.all, result.by_kind[row["kind"]]]
        groups.append(result.own if row["unit_id"] in own_ids else result.lower)
        for f in groups:
            _add(f, row, start, end)
    for f in (result.all, result.own, result.lower, *result.by_kind.values()):
        f.cases = len(f._cases)
    return result


def _n(value: int) -> str:
    """Report style: '09 đơn' for small numbers, '17.385' for large ones."""
    from danvan.lib.vn import format_number

    return f"{value:02d}" if value < 10 else format_number(value)


# How reports name a unit's own level: "thành phố 09 đơn, cấp xã 07 đơn".
SHORT_KIND = {
    "nation": "trung ương",
    "province": "tỉnh",
    "central_city": "thành phố",
    "urban_district": "quận",
    "rural_district": "huyện",
    "town": "thị xã",
    "provincial_city": "thành phố",
    "commune": "xã",
    "ward": "phường",
    "township": "thị trấn",
    "special_zone": "đặc khu",
}


def level_labels(unit: Unit) -> tuple[str, str]:
    """How a report names the unit itself and the units below it."""
    own = SHORT_KIND.get(unit.kind, unit.get_kind_display().lower())
    lower = {"nation": "cấp tỉnh", "province": "cấp xã", "district": "cấp xã"}.get(
        unit.level, "cấp dưới"
    )
    if unit.level == "province" and unit.valid_to is not None:
        lower = "cấp huyện, cấp xã"
    return own, lower


def report_sentence(s: PetitionStats) -> str:
    """The figures as a report writes them (Tam Điệp 2023: "tiếp nhận 69 đơn/68 vụ việc,
    trong đó đơn kỳ trước chuyển sang 16 đơn (thành phố 09 đơn, cấp xã 07 đơn)…")."""
    own, lower = level_labels(s.unit)
    a = s.all

    def split(key: str) -> str:
        if not s.lower.total:
            return ""
        return f" ({own} {_n(getattr(s.own, key))} đơn, {lower} {_n(getattr(s.lower, key))} đơn)"

    return (
        f"Từ {s.start:%d/%m/%Y} đến {s.end:%d/%m/%Y}, {s.unit.name} tiếp nhận {_n(a.total)} đơn/"
        f"{_n(a.cases)} vụ việc, trong đó đơn kỳ trước chuyển sang {_n(a.carried_over)} đơn"
        f"{split('carried_over')}, đơn tiếp nhận trong kỳ {_n(a.received)} đơn{split('received')}. "
        f"Số đơn đã xử lý/tổng số đơn: {_n(a.handled)}/{_n(a.total)} đơn"
        f" ({_n(a.on_time)} đúng hạn, {_n(a.late)} quá hạn); còn {_n(a.pending)} đơn đang xử lý"
        f"{f', trong đó {_n(a.pending_overdue)} đơn đã quá hạn' if a.pending_overdue else ''}."
    )
