"""Reporting periods: kinds, Vietnamese labels, ISO codes and a little algebra.

Vietnamese periodic reports are mostly year-to-date: Q1, 6 months, 9 months and the
year all start on 1 January (DOMAIN.md §5.1). Periods are stored as (kind, start,
end) with an ISO-8601 "start/duration" code in the ADX style: 2022-01-01/P9M.
An optional cut-off offset shifts a period's days (reports "from 15/12 to 14/12").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"  # 6 tháng đầu năm (first half); second half via half=2
    NINE_MONTHS = "nine_months"  # cumulative January–September
    YEAR = "year"
    PHASE = "phase"  # multi-year, e.g. 2021–2025
    MIDTERM = "midterm"  # "sơ kết 2,5 năm": the first half of a phase
    CUSTOM = "custom"


KIND_LABELS = {
    PeriodKind.MONTH: "Tháng",
    PeriodKind.QUARTER: "Quý",
    PeriodKind.HALF: "6 tháng",
    PeriodKind.NINE_MONTHS: "9 tháng",
    PeriodKind.YEAR: "Năm",
    PeriodKind.PHASE: "Giai đoạn",
    PeriodKind.MIDTERM: "Sơ kết giữa giai đoạn",
    PeriodKind.CUSTOM: "Tùy chọn",
}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True, slots=True, order=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    kind: PeriodKind = PeriodKind.CUSTOM
    label: str = ""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.")

    @property
    def code(self) -> str:
        """ISO start/duration when the period is a whole number of months, else start/end."""
        months = _whole_months(self.start, self.end)
        if months is None:
            return f"{self.start.isoformat()}/{self.end.isoformat()}"
        if months % 12 == 0:
            return f"{self.start.isoformat()}/P{months // 12}Y"
        return f"{self.start.isoformat()}/P{months}M"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def covers(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def months(self) -> list[dt.date]:
        """First days of the months the period touches."""
        out, day = [], self.start.replace(day=1)
        while day <= self.end:
            out.append(day)
            day = _add_months(day, 1)
        return out

    def shifted(self, cutoff_offset_days: int) -> Period:
        """The same period with a data cut-off: offset -17 turns a calendar year into 15/12–14/12."""
        delta = dt.timedelta(days=cutoff_offset_days)
        return Period(self.start + delta, self.end + delta, self.kind, self.label)

    def previous(self) -> Period:
        """The period of the same kind just before (for 'so với cùng kỳ' and carry-over)."""
        if self.kind in (PeriodKind.NINE_MONTHS, PeriodKind.HALF, PeriodKind.YEAR, PeriodKind.QUARTER,
                         PeriodKind.MONTH):
            months = _whole_months(self.start, self.end) or 0
            if self.kind in (PeriodKind.NINE_MONTHS,) or (self.kind == PeriodKind.HALF and self.start.month == 1):
                return build(self.kind, self.start.year - 1, part=_part(self))
            start = _add_months(self.start, -months)
            return Period(start, self.start - dt.timedelta(days=1), self.kind, _label(self.kind, start, months))
        length = self.end - self.start
        end = self.start - dt.timedelta(days=1)
        return Period(end - length, end, self.kind, "")


def _part(p: Period) -> int:
    return 1 if p.start.month == 1 else 2


def _add_months(day: dt.date, n: int) -> dt.date:
    month = day.month - 1 + n
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


def _month_end(day: dt.date) -> dt.date:
    return _add_months(day.replace(day=1), 1) - dt.timedelta(days=1)


def _whole_months(start: dt.date, end: dt.date) -> int | None:
    if start.day != 1 or end != _month_end(end):
        return None
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _label(kind: PeriodKind, start: dt.date, months: int) -> str:
    if kind == PeriodKind.MONTH:
        return f"tháng {start.month:02d}/{start.year}"
    if kind == PeriodKind.QUARTER:
        return f"quý {ROMAN[(start.month - 1) // 3 + 1]}/{start.year}"
    if kind == PeriodKind.HALF:
        return f"6 tháng {'đầu' if start.month == 1 else 'cuối'} năm {start.year}"
    if kind == PeriodKind.NINE_MONTHS:
        return f"9 tháng năm {start.year}"
    if kind == PeriodKind.YEAR:
        return f"năm {start.year}"
    return ""


def build(kind: PeriodKind | str, year: int, *, part: int = 1, years: int = 5) -> Period:
    """The period of `kind` in `year`: part = month (1–12), quarter (1–4) or half (1–2).

    PHASE spans `years` years from `year`; MIDTERM is its first half ("2,5 năm" for 5).
    """
    kind = PeriodKind(kind)
    if kind == PeriodKind.MONTH:
        start = dt.date(year, part, 1)
        return Period(start, _month_end(start), kind, _label(kind, start, 1))
    if kind == PeriodKind.QUARTER:
        start = dt.date(year, 3 * (part - 1) + 1, 1)
        return Period(start, _month_end(_add_months(start, 2)), kind, _label(kind, start, 3))
    if kind == PeriodKind.HALF:
        start = dt.date(year, 1 if part == 1 else 7, 1)
        return Period(start, _month_end(_add_months(start, 5)), kind, _label(kind, start, 6))
    if kind == PeriodKind.NINE_MONTHS:
        start = dt.date(year, 1, 1)
        return Period(start, dt.date(year, 9, 30), kind, _label(kind, start, 9))
    if kind == PeriodKind.YEAR:
        start = dt.date(year, 1, 1)
        return Period(start, dt.date(year, 12, 31), kind, _label(kind, start, 12))
    if kind == PeriodKind.PHASE:
        return Period(dt.date(year, 1, 1), dt.date(year + years - 1, 12, 31), kind,
                      f"giai đoạn {year}–{year + years - 1}")
    if kind == PeriodKind.MIDTERM:
        months = years * 6  # half of the phase, in months: 30 for a 5-year phase
        start = dt.date(year, 1, 1)
        end = _month_end(_add_months(start, months - 1))
        half = f"{years / 2:g}".replace(".", ",")
        return Period(start, end, kind, f"{half} năm ({start.year}–{end.year})")
    raise ValueError(f"Kỳ “{kind}” cần ngày bắt đầu và kết thúc.")


def parse_code(code: str) -> Period:
    """'2022-01-01/P9M', '2021-01-01/P5Y', '2023-12-15/2024-12-14' → Period."""
    try:
        start_text, rest = code.split("/", 1)
        start = dt.date.fromisoformat(start_text)
        if rest.startswith("P") and rest[-1] in "MY":
            n = int(rest[1:-1])
            months = n * 12 if rest[-1] == "Y" else n
            return Period(start, _add_months(start, months) - dt.timedelta(days=1))
        return Period(start, dt.date.fromisoformat(rest))
    except ValueError as e:
        raise ValueError(f"Mã kỳ báo cáo không hợp lệ: “{code}”.") from e
