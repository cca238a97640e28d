"""Finding and recording the collisions of a plan with the other plans on its subject.

**Same subject** means the same `match_unit`: the subject unit, or the subject body's
unit when only a body is named. A ward's UBND and its Women's Union are one subject: the
people who host the team are the same ward's officials. With the rule's subject scope
"unit_tree", plans on the unit's ancestors and descendants count too (a supervision of
the whole city and one of a ward in it).

The rule in force on the plan's first day decides (see `OverlapRule`). Each collision
is recorded twice, once from each side (`PlanConflict`), so that each planner
acknowledges for their own plan. Called only from `actions.py`, inside its transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from danvan.units.models import UnitClosure

from .matching import (
    MIN_SHARED_WORDS,
    Similarity,
    Words,
    as_written,
    quarter_label,
    similarity,
    widen,
    windows_meet,
)
from .models import (
    TOPIC_LABELS,
    OverlapRule,
    OversightPlan,
    PlanConflict,
    SubjectScope,
    WindowMode,
)
from .states import INACTIVE


@dataclass(frozen=True, slots=True)
class Match:
    other: OversightPlan
    reasons: tuple[str, ...]  # as seen from the plan's side
    mirrored: tuple[str, ...]  # as seen from the other plan's side
    overlap: float


@dataclass(slots=True)
class SyncResult:
    new: list[PlanConflict] = field(default_factory=list)
    cleared: list[PlanConflict] = field(default_factory=list)
    open: list[PlanConflict] = field(default_factory=list)


def _subject_unit_ids(rule: OverlapRule, unit_id: int) -> list[int]:
    if rule.subject_scope != SubjectScope.UNIT_TREE:
        return [unit_id]
    links = UnitClosure.objects.filter(Q(descendant_id=unit_id) | Q(ancestor_id=unit_id))
    ids = set()
    for anc, desc in links.values_list("ancestor_id", "descendant_id"):
        ids.update((anc, desc))
    return sorted(ids | {unit_id})


def _words(plan: OversightPlan) -> Words:
    return Words.of(plan.title, plan.topic_text)


def _window_reason(rule: OverlapRule, a: OversightPlan, b: OversightPlan) -> str:
    times = (
        f"{a.window_start:%d/%m/%Y}–{a.window_end:%d/%m/%Y} và "
        f"{b.window_start:%d/%m/%Y}–{b.window_end:%d/%m/%Y}"
    )
    if windows_meet((a.window_start, a.window_end), (b.window_start, b.window_end)):
        return f"Trùng thời gian: {times}."
    if rule.window_mode == WindowMode.QUARTER:
        return f"Cùng quý ({quarter_label(b.window_start)}): {times}."
    if rule.window_mode == WindowMode.MONTH:
        return f"Cùng tháng: {times}."
    return f"Cách nhau không quá {rule.margin_days} ngày: {times}."


def find(plan: OversightPlan, rule: OverlapRule | None = None) -> list[Match]:
    """The other plans `plan` collides with under the rule in force on its first day."""
    if plan.status in INACTIVE:
        return []
    rule = rule or OverlapRule.for_day(plan.window_start)
    lo, hi = widen(
        plan.window_start, plan.window_end, mode=rule.window_mode, margin_days=rule.margin_days
    )
    candidates = (
        OversightPlan.objects.active()
        .filter(match_unit_id__in=_subject_unit_ids(rule, plan.match_unit_id))
        .overlapping(lo, hi)
        .exclude(pk=plan.pk)
        .select_related("unit", "body", "subject_unit", "subject_body", "match_unit")
        .order_by("window_start", "pk")
    )
    words = _words(plan)
    matches = []
    for other in candidates:
        sim = similarity(plan.topic_list, words, other.topic_list, _words(other))
        if rule.match_topics and not sim.is_similar(rule.word_threshold):
            continue
        matches.append(
            Match(
                other,
                _reasons(rule, plan, other, sim),
                _reasons(rule, other, plan, sim),
                sim.overlap,
            )
        )
    return matches


def _reasons(
    rule: OverlapRule, a: OversightPlan, b: OversightPlan, sim: Similarity
) -> tuple[str, ...]:
    if a.match_unit_id == b.match_unit_id:
        reasons = [f"Cùng đối tượng: {b.match_unit}."]
    else:
        reasons = [f"Đối tượng liên quan: {a.match_unit} và {b.match_unit}."]
    reasons.append(_window_reason(rule, a, b))
    if sim.shared_topics:
        labels = ", ".join(TOPIC_LABELS.get(t, t) for t in sim.shared_topics)
        reasons.append(f"Cùng chủ đề: {labels}.")
    if len(sim.shared_words) >= MIN_SHARED_WORDS:
        words = as_written(sim.shared_words, a.title, a.topic_text)
        reasons.append(f"Nội dung gần giống ({len(words)} từ chung: {', '.join(words)}).")
    return tuple(reasons)


def sync(plan: OversightPlan, *, now: dt.datetime | None = None) -> SyncResult:
    """Bring the open conflict rows of `plan` (both sides) in line with `find(plan)`."""
    now = now or timezone.now()
    result = SyncResult()
    matches = {m.other.pk: m for m in find(plan)}
    mine = {c.other_id: c for c in PlanConflict.objects.open().filter(plan=plan)}
    theirs = {c.plan_id: c for c in PlanConflict.objects.open().filter(other=plan)}

    for other_id, row in mine.items():
        if other_id in matches:
            m = matches[other_id]
            if list(m.reasons) != row.reasons or m.overlap != row.overlap:
                row.reasons, row.overlap = list(m.reasons), m.overlap
                row.save(update_fields=["reasons", "overlap"])
            result.open.append(row)
        else:
            row.cleared_at = now
            row.save(update_fields=["cleared_at"])
            result.cleared.append(row)
    for other_id, row in theirs.items():
        if other_id not in matches:
            row.cleared_at = now
            row.save(update_fields=["cleared_at"])
        elif list(matches[other_id].mirrored) != row.reasons:
            row.reasons = list(matches[other_id].mirrored)
            row.save(update_fields=["reasons"])

    for other_id, m in matches.items():
        if other_id not in mine:
            row = PlanConflict.objects.create(
                plan=plan, other=m.other, reasons=list(m.reasons), overlap=m.overlap
            )
            result.new.append(row)
            result.open.append(row)
        if other_id not in theirs:
            PlanConflict.objects.create(
                plan=m.other, other=plan, reasons=list(m.mirrored), overlap=m.overlap
            )
    return result
