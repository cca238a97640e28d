"""Evaluating commendation eligibility rules against a person's positions. Pure.

Rules are data (EligibilityRule rows); this module only interprets them. A person is a
candidate when every *required* rule holds and, if there are *alternative* rules, at
least one of them holds. A rule that cannot be decided (no gender recorded, no start
date for a position) does not hold, and says why.

Predicates and their parameters (JSON):

* ``years_in_post`` — ``{"years": 15, "body_kinds": ["mass_mobilization"],
  "title_contains": ["dân vận"]}``: at least `years` years in matching positions up to
  the day of evaluation (overlapping positions count once). A position matches when
  its body kind is in `body_kinds` or its title contains one of `title_contains`
  or starts with one of `title_starts_with` (ignoring diacritics; "Trưởng Ban Dân vận"
  should not match "Phó Trưởng Ban Dân vận"); with none given, every position matches.
* ``years_in_post_by_gender`` — ``{"years_male": 15, "years_female": 10, …}``: the same,
  with a threshold per gender.
* ``holds_post_title`` — ``{"title_starts_with": ["Trưởng Ban Dân vận"], "body_kinds": […]}``:
  holds a matching position on the day (a leadership shortcut).
* ``not_awarded_before`` — ``{"forms": ["medal_dan_van"]}``: no decided commendation of
  those forms (default: the rule's own form).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from danvan.lib.text import fold

YEARS_IN_POST = "years_in_post"
YEARS_IN_POST_BY_GENDER = "years_in_post_by_gender"
HOLDS_POST_TITLE = "holds_post_title"
NOT_AWARDED_BEFORE = "not_awarded_before"
PREDICATES = (YEARS_IN_POST, YEARS_IN_POST_BY_GENDER, HOLDS_POST_TITLE, NOT_AWARDED_BEFORE)

# Parameters that say which positions count.
_MATCH_KEYS = frozenset({"body_kinds", "title_contains", "title_starts_with"})

REQUIRED = "required"
ALTERNATIVE = "alternative"

DAYS_PER_YEAR = 365.25


@dataclass(frozen=True, slots=True)
class Stint:
    """One position: title as written, the kind of its body, and its dates."""

    title: str
    body_kind: str = ""
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Facts:
    gender: str  # "male", "female" or ""
    stints: tuple[Stint, ...]
    awarded: frozenset[str] = frozenset()  # forms already decided for this person


@dataclass(frozen=True, slots=True)
class RuleSpec:
    key: Hashable
    name: str
    form: str
    predicate: str
    params: Mapping[str, Any]
    group: str = REQUIRED


@dataclass(frozen=True, slots=True)
class Check:
    rule: RuleSpec
    passed: bool
    explanation: str


@dataclass
class Verdict:
    eligible: bool
    checks: list[Check] = field(default_factory=list)


# --- parameters ----------------------------------------------------------------------


def _as_list(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ValueError("phải là một danh sách chữ")


def _years(params: Mapping[str, Any], key: str) -> float:
    value = params.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0 or value > 60:
        raise ValueError(f"“{key}” phải là số năm dương (tối đa 60)")
    return float(value)


def validate_params(predicate: str, params: Any) -> dict[str, Any]:
    """The parameters, checked; ValueError with a Vietnamese message otherwise."""
    if predicate not in PREDICATES:
        raise ValueError("Loại điều kiện không hợp lệ.")
    if not isinstance(params, Mapping):
        raise ValueError('Tham số phải là một đối tượng JSON, ví dụ {"years": 15}.')
    allowed = {
        YEARS_IN_POST: {"years", *_MATCH_KEYS},
        YEARS_IN_POST_BY_GENDER: {"years_male", "years_female", *_MATCH_KEYS},
        HOLDS_POST_TITLE: _MATCH_KEYS,
        NOT_AWARDED_BEFORE: {"forms"},
    }[predicate]
    unknown = sorted(set(params) - allowed)
    if unknown:
        raise ValueError(f"Tham số không dùng cho loại điều kiện này: {', '.join(unknown)}.")
    try:
        for key in (*_MATCH_KEYS, "forms"):
            if key in params:
                _as_list(params[key])
        if predicate == YEARS_IN_POST:
            _years(params, "years")
        if predicate == YEARS_IN_POST_BY_GENDER:
            _years(params, "years_male")
            _years(params, "years_female")
        if predicate == HOLDS_POST_TITLE and not (
            params.get("title_contains") or params.get("body_kinds")
        ):
            raise ValueError("cần “title_contains” hoặc “body_kinds”")
    except ValueError as e:
        raise ValueError(f"Tham số không hợp lệ: {e}.") from e
    return dict(params)


# --- evaluation ----------------------------------------------------------------------


def _matches(stint: Stint, params: Mapping[str, Any]) -> bool:
    kinds = _as_list(params.get("body_kinds"))
    words = [fold(w) for w in _as_list(params.get("title_contains"))]
    starts = [fold(w) for w in _as_list(params.get("title_starts_with"))]
    if not kinds and not words and not starts:
        return True
    title = fold(stint.title)
    return (
        (bool(kinds) and stint.body_kind in kinds)
        or any(w and w in title for w in words)
        or any(w and title.startswith(w) for w in starts)
    )


def service_days(stints: Iterable[Stint], on: dt.date) -> tuple[int, int]:
    """(days served up to `on`, overlaps counted once; stints without a start date)."""
    intervals = []
    undated = 0
    for s in stints:
        if s.start is None:
            undated += 1
            continue
        if s.start > on:
            continue
        end = min(s.end or on, on)
        if end >= s.start:
            intervals.append((s.start, end))
    intervals.sort()
    days = 0
    current: tuple[dt.date, dt.date] | None = None
    for start, end in intervals:
        if current and start <= current[1] + dt.timedelta(days=1):
            current = (current[0], max(current[1], end))
        else:
            if current:
                days += (current[1] - current[0]).days + 1
            current = (start, end)
    if current:
        days += (current[1] - current[0]).days + 1
    return days, undated


def _years_text(days: int) -> str:
    years = days / DAYS_PER_YEAR
    return f"{years:.1f}".replace(".", ",")


def _check_years(rule: RuleSpec, facts: Facts, on: dt.date, needed: float) -> Check:
    matching = [s for s in facts.stints if _matches(s, rule.params)]
    days, undated = service_days(matching, on)
    have = days / DAYS_PER_YEAR
    text = f"{_years_text(days)} năm ở chức vụ phù hợp (cần {needed:g})"
    if undated:
        text += f"; {undated} chức vụ chưa rõ ngày bắt đầu, chưa tính"
    return Check(rule, have >= needed, text)


def check(rule: RuleSpec, facts: Facts, on: dt.date) -> Check:
    p = rule.params
    if rule.predicate == YEARS_IN_POST:
        return _check_years(rule, facts, on, float(p["years"]))
    if rule.predicate == YEARS_IN_POST_BY_GENDER:
        if facts.gender not in ("male", "female"):
            return Check(rule, False, "chưa ghi giới tính nên chưa xét được")
        needed = float(p["years_female"] if facts.gender == "female" else p["years_male"])
        return _check_years(rule, facts, on, needed)
    if rule.predicate == HOLDS_POST_TITLE:
        held = [
            s
            for s in facts.stints
            if _matches(s, p)
            and (s.start is None or s.start <= on)
            and (s.end is None or s.end >= on)
        ]
        if held:
            return Check(rule, True, f"đang giữ: {held[0].title}")
        return Check(rule, False, "không giữ chức danh phù hợp vào ngày xét")
    if rule.predicate == NOT_AWARDED_BEFORE:
        forms = _as_list(p.get("forms")) or [rule.form]
        already = sorted(set(forms) & facts.awarded)
        if already:
            return Check(rule, False, "đã được tặng trước đây")
        return Check(rule, True, "chưa được tặng")
    raise ValueError(f"Unknown predicate {rule.predicate!r}")


def evaluate(facts: Facts, rules: Sequence[RuleSpec], on: dt.date) -> Verdict:
    """Every rule checked; eligible when all required hold and (if any) one alternative."""
    if not rules:
        return Verdict(False, [])
    checks = [check(r, facts, on) for r in rules]
    required = [c for c in checks if c.rule.group != ALTERNATIVE]
    alternatives = [c for c in checks if c.rule.group == ALTERNATIVE]
    ok = all(c.passed for c in required) and (
        not alternatives or any(c.passed for c in alternatives)
    )
    return Verdict(ok, checks)
