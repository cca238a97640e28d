"""`calendar_for(start, end)`: the working-day calendar built from the CalendarDay table.

The table is small (a few dozen rows a year) and read on every deadline computed, so
the whole of it is kept in memory per process. One cheap aggregate query (row count
and latest change) tells whether another process or request changed it since; any
change made here also drops the cache when its transaction commits.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from django.db.models import Count, Max

from danvan.lib.workdays import Calendar

from .models import CalendarDay, DayKind


@dataclass(frozen=True)
class _Table:
    stamp: tuple[int, dt.datetime | None]
    holidays: frozenset[dt.date]
    makeup: frozenset[dt.date]
    years: frozenset[int]


_lock = threading.Lock()
_table: _Table | None = None


def _stamp() -> tuple[int, dt.datetime | None]:
    agg = CalendarDay.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    return agg["n"], agg["last"]


def _load(stamp: tuple[int, dt.datetime | None]) -> _Table:
    holidays, makeup, years = set(), set(), set()
    for day, kind in CalendarDay.objects.active().values_list("date", "kind"):
        years.add(day.year)
        (makeup if kind == DayKind.MAKEUP_WORKDAY else holidays).add(day)
    return _Table(stamp, frozenset(holidays), frozenset(makeup), frozenset(years))


def _current() -> _Table:
    global _table
    stamp = _stamp()
    table = _table
    if table is None or table.stamp != stamp:
        with _lock:
            table = _table = _load(stamp)
    return table


def invalidate() -> None:
    """Forget the cached table (called after every change to CalendarDay)."""
    global _table
    _table = None


def calendar_for(start: dt.date, end: dt.date) -> Calendar:
    """The exceptional days between `start` and `end` (both included) as a Calendar."""
    table = _current()
    return Calendar(
        frozenset(d for d in table.holidays if start <= d <= end),
        frozenset(d for d in table.makeup if start <= d <= end),
    )


def years_loaded() -> frozenset[int]:
    """Years with at least one active row: a deadline running into any other year
    counts only weekends as days off, and says so."""
    return _current().years
