"""Ranking the participants of an emulation pledge. Pure: no Django, no database.

Two kinds of criteria:

* **points** — the scorer gives up to `max_score` points; already a fair comparison,
  so the basis does not change them.
* **count** — a raw count (new models registered, meetings held…). Raw counts favour
  big units (DOMAIN.md §4.4), so they can be compared per 10,000 residents or per
  village. The best rate among participants earns `max_score`; the others earn
  `max_score × rate / best rate`.

The total is the weighted sum of points. Participants sharing a total share a rank
(1, 1, 3). A participant whose size is unknown cannot be ranked on a per-size basis;
it is listed last with the reason.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

RAW = "raw"
PER_POPULATION = "per_10k_population"
PER_VILLAGE = "per_village"
BASES = (RAW, PER_POPULATION, PER_VILLAGE)

POINTS = "points"
COUNT = "count"

CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Entrant:
    key: Hashable
    name: str
    population: int | None = None
    villages: int | None = None


@dataclass(frozen=True, slots=True)
class Criterion:
    key: Hashable
    number: int
    measure: str  # POINTS or COUNT
    max_score: Decimal
    weight: Decimal = Decimal(1)


@dataclass
class Row:
    entrant: Entrant
    points: dict[Hashable, Decimal | None] = field(default_factory=dict)  # criterion → points
    rates: dict[Hashable, Decimal | None] = field(default_factory=dict)  # count criteria only
    total: Decimal = Decimal(0)
    rank: int | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ranked(self) -> bool:
        return self.rank is not None


def _rate(value: Decimal, entrant: Entrant, basis: str) -> Decimal | None:
    if basis == RAW:
        return value
    if basis == PER_POPULATION:
        if not entrant.population:
            return None
        return value * Decimal(10_000) / Decimal(entrant.population)
    if basis == PER_VILLAGE:
        if not entrant.villages:
            return None
        return value / Decimal(entrant.villages)
    raise ValueError(f"Unknown ranking basis {basis!r}")


_MISSING_SIZE = {
    PER_POPULATION: "chưa có số dân",
    PER_VILLAGE: "chưa có số thôn, tổ dân phố",
}


def rank(
    entrants: Sequence[Entrant],
    criteria: Sequence[Criterion],
    values: Mapping[tuple[Hashable, Hashable], Decimal],
    basis: str = RAW,
) -> list[Row]:
    """Rows in ranking order: ranked participants by total (desc), then the unranked."""
    if basis not in BASES:
        raise ValueError(f"Unknown ranking basis {basis!r}")
    rows = {e.key: Row(entrant=e) for e in entrants}
    for c in criteria:
        if c.measure == COUNT:
            rates: dict[Hashable, Decimal | None] = {}
            for e in entrants:
                value = values.get((e.key, c.key))
                rates[e.key] = None if value is None else _rate(Decimal(value), e, basis)
                rows[e.key].rates[c.key] = rates[e.key]
            best = max((r for r in rates.values() if r is not None), default=Decimal(0))
            for e in entrants:
                r = rates[e.key]
                if r is None:
                    rows[e.key].points[c.key] = None
                else:
                    pts = c.max_score * r / best if best > 0 else Decimal(0)
                    rows[e.key].points[c.key] = pts.quantize(CENT, ROUND_HALF_UP)
        else:
            for e in entrants:
                value = values.get((e.key, c.key))
                rows[e.key].points[c.key] = (
                    None if value is None else min(Decimal(value), c.max_score)
                )
    for e in entrants:
        row = rows[e.key]
        for c in criteria:
            pts = row.points[c.key]
            if pts is None:
                if values.get((e.key, c.key)) is None:
                    row.problems.append(f"thiếu kết quả tiêu chí {c.number}")
                else:
                    row.problems.append(f"tiêu chí {c.number}: {_MISSING_SIZE[basis]}")
                continue
            row.total += pts * c.weight
        row.total = row.total.quantize(CENT, ROUND_HALF_UP)
    # Unknown size blocks a fair rank; a missing score counts as zero but is reported.
    rankable = [r for r in rows.values() if not any(": chưa có" in p for p in r.problems)]
    rankable.sort(key=lambda r: (-r.total, r.entrant.name))
    previous: Decimal | None = None
    for position, row in enumerate(rankable, start=1):
        row.rank = rankable[position - 2].rank if previous == row.total else position
        previous = row.total
    unranked = sorted((r for r in rows.values() if r.rank is None), key=lambda r: r.entrant.name)
    return rankable + unranked
