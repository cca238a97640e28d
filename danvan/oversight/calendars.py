"""Month grids for the plan calendars: weeks of days, each with the plans running that day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

ONE_DAY = dt.timedelta(days=1)
WEEKDAYS = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")


@dataclass(slots=True)
class DayCell:
    day: dt.date
    in_month: bool
    is_today: bool
    items: list[Any] = field(default_factory=list)  # plans running that day

    @property
    def is_weekend(self) -> bool:
        return self.day.weekday() >= 5


@dataclass(slots=True)
class MonthGrid:
    first: dt.date
    weeks: list[list[DayCell]]

    @property
    def label(self) -> str:
        return f"Tháng {self.first.month}/{self.first.year}"


def month_end(first: dt.date) -> dt.date:
    return dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1) - ONE_DAY


def grid(first: dt.date, plans: Sequence[Any], today: dt.date) -> MonthGrid:
    """Monday-first weeks covering the month; `plans` have window_start and window_end."""
    last = month_end(first)
    day = first - dt.timedelta(days=first.weekday())
    weeks: list[list[DayCell]] = []
    while day <= last:
        week = []
        for _ in range(7):
            items = (
                [p for p in plans if p.window_start <= day <= p.window_end]
                if first <= day <= last
                else []
            )
            week.append(DayCell(day, first <= day <= last, day == today, items))
            day += ONE_DAY
        weeks.append(week)
    return MonthGrid(first, weeks)


def shift_month(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)
