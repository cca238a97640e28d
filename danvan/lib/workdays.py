"""Working-day arithmetic for legal time limits (DOMAIN.md §3.3–3.4).

Pure functions over a :class:`Calendar` passed in by the caller; the database tables
of official holidays come later. Every convention here is a default, not a fact:

- A working day is Monday–Friday, minus holidays (compensatory days included), plus
  Saturdays or Sundays officially declared make-up working days.
- A period starts the day after its start event (Bộ luật Dân sự 2015 Điều 147.2); a
  deadline on a weekend or holiday moves to the next working day (Điều 148). Both
  are keyword options because DOMAIN.md §3.4 marks the convention [U]: confirm with a
  lawyer, per rule.

:func:`statutory_holidays` only *suggests* a year's holidays. The Government fixes the
Tết days, the day next to National Day and any swapped days every year; administrators
load those official dates and the suggestion is a starting point for them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from danvan.lib.lunar import hung_kings_day, tet

ONE_DAY = timedelta(days=1)
HolidayKind = Literal["holiday", "compensatory"]

NEW_YEAR = "Tết Dương lịch"
LUNAR_NEW_YEAR = "Tết Nguyên đán"
HUNG_KINGS = "Giỗ Tổ Hùng Vương"
VICTORY_DAY = "Ngày Chiến thắng"
LABOUR_DAY = "Ngày Quốc tế Lao động"
NATIONAL_DAY = "Quốc khánh"
COMPENSATORY_PREFIX = "Nghỉ bù"


@dataclass(frozen=True, order=True)
class Holiday:
    """One day off. `kind` is "holiday" (a day named in the law) or "compensatory"."""

    date: date
    name: str
    kind: HolidayKind = "holiday"


@dataclass(frozen=True)
class Calendar:
    """The exceptional days that make a working-day calendar.

    `holidays`: weekdays (or weekend days) off, compensatory days included.
    `makeup_workdays`: Saturdays or Sundays declared working days, usually to pay back
    a weekday swapped into a holiday break.
    """

    holidays: frozenset[date] = field(default_factory=frozenset)
    makeup_workdays: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        # Accept any iterable but store frozensets, so the calendar stays hashable.
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "makeup_workdays", frozenset(self.makeup_workdays))
        clash = self.holidays & self.makeup_workdays
        if clash:
            raise ValueError(f"days both holiday and make-up working day: {sorted(clash)}")

    @classmethod
    def from_holidays(
        cls, holidays: Iterable[Holiday | date], makeup_workdays: Iterable[date] = ()
    ) -> Calendar:
        """Build from Holiday rows (e.g. :func:`statutory_holidays`) or plain dates."""
        days = frozenset(h.date if isinstance(h, Holiday) else h for h in holidays)
        return cls(days, frozenset(makeup_workdays))

    def is_working_day(self, d: date) -> bool:
        if d in self.makeup_workdays:
            return True
        return d.weekday() < 5 and d not in self.holidays


# --- Suggested public holidays ------------------------------------------------------


def statutory_holidays(year: int) -> list[Holiday]:
    """Suggest the public holidays of `year` from Bộ luật Lao động 2019 Điều 112.

    A SUGGESTION for administrators to confirm against the Government's announcement
    for the year (DOMAIN.md §3.4); never use it as the official calendar. Contents:

    - 1 January, Tết Dương lịch.
    - Tết Nguyên đán, 5 days. Điều 112.3 leaves the exact days to the Prime Minister.
      We suggest the last day of the old lunar year and the first 4 of the new one,
      the most common choice; the official break often differs (2024: 8–14 February
      with 29 and 30 tháng Chạp off, where this suggests 9–15 February).
    - Giỗ Tổ Hùng Vương, 10th day of the 3rd lunar month (the regular month if the
      3rd month is doubled).
    - 30 April and 1 May.
    - 2 September plus one adjacent day, also left to the Prime Minister. See
      :func:`national_day_adjacent`.
    - A compensatory day for each holiday that falls on a Saturday or Sunday: the next
      working day (Điều 111.3, cited from memory: verify). Swapped days and make-up Saturdays are announced
      case by case and are never suggested.

    Vietnamese Culture Day (24 November) is proposed but not law yet (DOMAIN.md §3.4);
    it is deliberately left out.
    """
    named = [
        Holiday(date(year, 1, 1), NEW_YEAR),
        *(Holiday(d, LUNAR_NEW_YEAR) for d in _tet_days(year)),
        Holiday(hung_kings_day(year), HUNG_KINGS),
        Holiday(date(year, 4, 30), VICTORY_DAY),
        Holiday(date(year, 5, 1), LABOUR_DAY),
        Holiday(date(year, 9, 2), NATIONAL_DAY),
        Holiday(national_day_adjacent(year), NATIONAL_DAY),
    ]
    return sorted(named + _compensatory_days(named))


def _tet_days(year: int) -> list[date]:
    """The last day of the old lunar year and mùng 1–4 of the new one."""
    first = tet(year)
    return [first + timedelta(days=i) for i in range(-1, 4)]


def national_day_adjacent(year: int) -> date:
    """Suggest the second National Day holiday: 1 or 3 September.

    A SUGGESTION. The law says only "2 September and one day before or after" and the
    Prime Minister picks it each year. The rule below reproduces the official choices
    of 2021–2025 (the first years with two days): take the neighbour that is a
    weekday, preferring the one that joins the break to a weekend.

    ======================  =========  ==============================
    2 September falls on    suggest    official precedent
    ======================  =========  ==============================
    Monday                  3 Sep      2024
    Tuesday                 1 Sep      2025
    Wednesday               1 Sep      none: neither joins a weekend
    Thursday                3 Sep      2021
    Friday                  1 Sep      2022
    Saturday                1 Sep      2023 (plus Monday 4 Sep in lieu)
    Sunday                  3 Sep      none
    ======================  =========  ==============================
    """
    before, after = date(year, 9, 1), date(year, 9, 3)
    if after.weekday() >= 5:  # 2 Sep is Friday or Saturday
        return before
    if before.weekday() >= 5:  # 2 Sep is Sunday or Monday
        return after
    # Both neighbours are weekdays: prefer the one next to a weekend (Mon or Fri).
    return after if after.weekday() == 4 else before


def _compensatory_days(named: list[Holiday]) -> list[Holiday]:
    """One day in lieu for each holiday on a weekend: the next free weekday.

    Holidays are processed in date order so that a run (Tết, or 30/4–1/5) pushes its
    days in lieu past the end of the run, as the Government's announcements do.
    """
    taken = {h.date for h in named}
    result = []
    for h in sorted(named):
        if h.date.weekday() < 5:
            continue
        d = h.date + ONE_DAY
        while d.weekday() >= 5 or d in taken:
            d += ONE_DAY
        taken.add(d)
        result.append(Holiday(d, f"{COMPENSATORY_PREFIX} {h.name}", "compensatory"))
    return result


# --- Counting -----------------------------------------------------------------------


def add_working_days(start: date, n: int, cal: Calendar, *, include_start: bool = False) -> date:
    """The n-th working day counted from the day after `start`.

    With `include_start`, `start` itself is day 1 if it is a working day. A negative
    `n` counts backwards (the n-th working day before `start`), e.g. to find the last
    day to announce a session "at least 5 working days ahead". `n == 0` returns
    `start` unchanged.
    """
    if n == 0:
        return start
    step = ONE_DAY if n > 0 else -ONE_DAY
    d = start if include_start else start + step
    remaining = abs(n)
    while True:
        if cal.is_working_day(d):
            remaining -= 1
            if remaining == 0:
                return d
        d += step


def add_calendar_days(
    start: date,
    n: int,
    cal: Calendar,
    *,
    include_start: bool = False,
    roll_forward: bool = True,
) -> date:
    """The last day of a period of `n` calendar days beginning after `start`.

    With `include_start`, `start` is day 1, so the period ends one day earlier. With
    `roll_forward` (Bộ luật Dân sự 2015 Điều 148 style), an end on a non-working day
    moves to the next working day.
    """
    if n < 0:
        raise ValueError("a period of calendar days cannot be negative")
    end = start + timedelta(days=n - 1 if include_start and n > 0 else n)
    if roll_forward:
        end = next_working_day(end, cal)
    return end


def next_working_day(d: date, cal: Calendar) -> date:
    """`d` itself if it is a working day, otherwise the first working day after it."""
    while not cal.is_working_day(d):
        d += ONE_DAY
    return d


def working_days_between(a: date, b: date, cal: Calendar) -> int:
    """Working days after `a` up to and including `b`; negative if `b` is before `a`.

    The same convention as :func:`add_working_days`, so for a working day `b`,
    ``add_working_days(a, working_days_between(a, b, cal), cal) == b``. A case received
    on `a` and answered on `b` took this many working days.
    """
    if b < a:
        # Mirror of add_working_days with negative n: counts [b, a).
        return -sum(cal.is_working_day(d) for d in _days(b, a - ONE_DAY))
    return sum(cal.is_working_day(d) for d in _days(a + ONE_DAY, b))


def _days(first: date, last: date) -> Iterable[date]:
    """Every date from `first` to `last`, both included."""
    for i in range((last - first).days + 1):
        yield first + timedelta(days=i)
