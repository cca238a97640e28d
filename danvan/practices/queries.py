"""Read-side helpers: the area of a unit, the duplicate check, and stock-and-flow counts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from danvan.accounts.permissions import require, visible
from danvan.lib.text import fold
from danvan.units.models import Lineage, Unit, UnitClosure

from .models import Field, Practice, PracticeKind, RecognitionLevel
from .states import Status


def units_under(unit: Unit) -> QuerySet[Unit]:
    """The unit's subtree, plus the subtrees of the pre-2025 units it took over by default.

    Phường Hạ Long (from 01/07/2025) answers for the models of the old wards Hồng Hải and
    Hồng Hà; an old commune split between several new ones counts only under the successor
    marked default, so nothing is counted twice.
    """
    subtree = UnitClosure.objects.filter(ancestor=unit).values("descendant_id")
    predecessors = Lineage.objects.filter(successor_id__in=subtree, is_default=True).values(
        "predecessor_id"
    )
    return Unit.objects.filter(
        pk__in=UnitClosure.objects.filter(
            Q(ancestor=unit) | Q(ancestor_id__in=predecessors)
        ).values("descendant_id")
    )


# Words that say nothing about what a model does.
_STOP = frozenset(
    fold(w)
    for w in (
        "mô hình dân vận khéo điển hình xây dựng thực hiện của và cho các những trong với "
        "tại trên về được có là một người dân nhân phường xã thôn tổ khu"
    ).split()
)
SIMILAR_LIMIT = 8
MIN_SHARED = 2
MIN_RATIO = 0.5


def _words(*texts: str) -> set[str]:
    return {w for t in texts for w in fold(t or "").replace(",", " ").split() if w not in _STOP}


@dataclass(frozen=True, slots=True)
class Similar:
    practice: Practice
    shared: tuple[str, ...]  # folded words in common
    score: float


def similar_practices(
    *,
    by: Any,
    unit: Unit,
    field: str,
    name: str,
    beneficiaries: str = "",
    exclude: Practice | None = None,
) -> list[Similar]:
    """Practices in the same area and field whose name or target group shares words.

    The 2026 registration circular asks that a Party cell's model not duplicate a campaign
    already run by the Front or a mass organisation: this is the warning, never a block.
    Only practices the user may see are considered.
    """
    mine = _words(name, beneficiaries)
    if len(mine) < MIN_SHARED or not field:
        return []
    candidates = (
        visible(by, Practice.objects.filter(field=field), "practices.view")
        .filter(unit__in=units_under(unit))
        .exclude(status=Status.STOPPED)
        .select_related("unit")
    )
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    found = []
    for p in candidates:
        theirs = _words(p.name, p.beneficiaries)
        shared = mine & theirs
        if len(shared) < MIN_SHARED:
            continue
        score = len(shared) / min(len(mine), len(theirs))
        if score >= MIN_RATIO:
            found.append(Similar(p, tuple(sorted(shared)), score))
    found.sort(key=lambda s: (-s.score, -s.practice.registered_on.toordinal()))
    return found[:SIMILAR_LIMIT]


@dataclass(slots=True)
class Figures:
    """Counts for one slice. Stock figures are exclusive states at the period end; the
    cumulative ones (`evaluated_total`, `recognised_total`) make 'recognised ≤ effective'
    hold as DOMAIN.md §3.1 expects."""

    registered_new: int = 0  # flow: registered within the period
    carried_over: int = 0  # stock at the start: registered before it and not stopped
    registered: int = 0  # stock at the end, by state
    in_progress: int = 0
    effective: int = 0
    recognised: int = 0
    replicated: int = 0
    stopped: int = 0

    @property
    def active(self) -> int:
        return (
            self.registered + self.in_progress + self.effective + self.recognised + self.replicated
        )

    @property
    def evaluated_total(self) -> int:
        return self.effective + self.recognised + self.replicated

    @property
    def recognised_total(self) -> int:
        return self.recognised + self.replicated

    def as_dict(self) -> dict[str, int]:
        return {
            "registered_new": self.registered_new,
            "carried_over": self.carried_over,
            "registered": self.registered,
            "in_progress": self.in_progress,
            "effective": self.effective,
            "recognised": self.recognised,
            "replicated": self.replicated,
            "stopped": self.stopped,
            "active": self.active,
            "evaluated_total": self.evaluated_total,
            "recognised_total": self.recognised_total,
        }


@dataclass(slots=True)
class PracticeCounts:
    unit: Unit
    start: dt.date
    end: dt.date
    total: Figures = field(default_factory=Figures)
    by_field: dict[str, Figures] = field(default_factory=dict)
    by_type: dict[str, Figures] = field(default_factory=dict)
    # recognised or replicated at the end, by the level that recognised them
    recognised_by_level: dict[str, int] = field(default_factory=dict)


_STOCK_ATTR = {
    Status.REGISTERED: "registered",
    Status.IN_PROGRESS: "in_progress",
    Status.EFFECTIVE: "effective",
    Status.RECOGNISED: "recognised",
    Status.REPLICATED: "replicated",
    Status.STOPPED: "stopped",
}


def practice_counts(unit: Unit, start: dt.date, end: dt.date, *, by: Any) -> PracticeCounts:
    """Stock and flow of models and exemplars for the unit's area (see `units_under`).

    Flow: registered in [start, end]. Stock: the state on `end` (and, for carried over,
    the day before `start`) read from the transition table, so a past period is counted
    as it stood then — a model recognised later still counts as in progress at an earlier
    end date. Three grouped queries, whatever the number of records.
    """
    require(by, "practices.view", unit)
    if end < start:
        raise ValueError("end before start")
    result = PracticeCounts(
        unit=unit,
        start=start,
        end=end,
        by_field={f: Figures() for f in Field.values},
        by_type={k: Figures() for k in PracticeKind.values},
        recognised_by_level={lvl: 0 for lvl in RecognitionLevel.values},
    )
    base = Practice.objects.filter(unit__in=units_under(unit))

    def add(field_: str, kind: str, attr: str, n: int) -> None:
        for figures in (result.total, result.by_field[field_], result.by_type[kind]):
            setattr(figures, attr, getattr(figures, attr) + n)

    flow = (
        base.filter(registered_on__range=(start, end))
        .values("field", "kind")
        .annotate(n=Count("pk"))
    )
    for row in flow:
        add(row["field"], row["kind"], "registered_new", row["n"])

    opening = (
        base.with_status_on(start - dt.timedelta(days=1))
        .filter(status_on__isnull=False)
        .exclude(status_on=Status.STOPPED)
        .values("field", "kind")
        .annotate(n=Count("pk"))
    )
    for row in opening:
        add(row["field"], row["kind"], "carried_over", row["n"])

    closing = (
        base.with_status_on(end)
        .filter(status_on__isnull=False)
        .values("field", "kind", "status_on", "recognition_level")
        .annotate(n=Count("pk"))
    )
    levels: dict[str, int] = defaultdict(int)
    for row in closing:
        add(row["field"], row["kind"], _STOCK_ATTR[row["status_on"]], row["n"])
        if row["status_on"] in (Status.RECOGNISED, Status.REPLICATED) and row["recognition_level"]:
            levels[row["recognition_level"]] += row["n"]
    result.recognised_by_level.update(levels)
    return result
