"""Likely duplicates: open petitions that look like the same matter (DOMAIN.md §3.2).

Candidates are open petitions of the same kind, received in the same neighbourhood of
the unit tree (the commune's parent and everything under it; for a higher unit, its
own subtree) within the last three years, that the user may see. Each gets a score
from the folded summary (shared words) and the petitioner's folded name; denouncers'
names are compared but never shown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from danvan.accounts.permissions import visible
from danvan.lib.text import fold
from danvan.units.models import Level, Unit

from .models import Petition

WINDOW = dt.timedelta(days=3 * 366)
THRESHOLD = 0.35
MAX_CANDIDATES = 400
_WORD = re.compile(r"[a-z0-9]+")
# Very common words in petitions that say nothing about the matter.
_STOP = frozenset(
    "ve viec cua va cac co khong de nghi don ong ba gia dinh xin duoc cho la da tai theo "
    "mot nhung voi trong nay thon xa phuong to dan pho".split()
)


@dataclass(frozen=True)
class Suggestion:
    petition: Petition
    score: float
    reasons: tuple[str, ...]

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(fold(text)) if w not in _STOP and len(w) > 1}


def _neighbourhood(unit: Unit) -> Unit:
    if unit.level == Level.COMMUNE and unit.parent_id and unit.parent.level != Level.NATION:
        return unit.parent
    return unit


def similarity(summary_a: str, summary_b: str, name_a: str, name_b: str) -> tuple[float, list[str]]:
    reasons = []
    wa, wb = _words(summary_a), _words(summary_b)
    text = len(wa & wb) / len(wa | wb) if wa and wb else 0.0
    fa, fb = fold(name_a), fold(name_b)
    name = 0.0
    if fa and fb:
        name = 1.0 if fa == fb else SequenceMatcher(None, fa, fb).ratio()
    score = 0.7 * text + 0.3 * name
    if name == 1.0:
        score = max(score, 0.5 + 0.5 * text)
        reasons.append("Cùng người gửi")
    elif name >= 0.85:
        reasons.append("Tên người gửi gần giống")
    if text:
        reasons.append(f"Nội dung trùng {round(text * 100)}% từ khóa")
    return score, reasons


def suggest(
    *,
    by: Any,
    unit: Unit,
    kind: str,
    summary: str,
    petitioner_name: str = "",
    received_on: dt.date,
    exclude: Petition | None = None,
    limit: int = 5,
) -> list[Suggestion]:
    """The open petitions most like the given one, best first."""
    root = _neighbourhood(unit)
    qs = visible(by, Petition.objects.open(), "petitions.view").filter(
        kind=kind,
        unit__in=Unit.objects.subtree_of(root),
        received_on__gte=received_on - WINDOW,
    )
    if exclude is not None:
        qs = qs.exclude(case_id=exclude.case_id)
    candidates = qs.select_related("unit", "case").order_by("-received_on")[:MAX_CANDIDATES]
    found = []
    for other in candidates:
        score, reasons = similarity(summary, other.summary, petitioner_name, other.petitioner_name)
        if score >= THRESHOLD:
            found.append(Suggestion(other, score, tuple(reasons)))
    found.sort(key=lambda s: -s.score)
    return found[:limit]


def for_petition(p: Petition, *, by: Any, limit: int = 5) -> list[Suggestion]:
    return suggest(
        by=by,
        unit=p.unit,
        kind=p.kind,
        summary=p.summary,
        petitioner_name=p.petitioner_name,
        received_on=p.received_on,
        exclude=p,
        limit=limit,
    )
