"""Tests for danvan.lib.lunar against published Vietnamese calendar dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from danvan.lib import lunar
from danvan.lib.lunar import (
    LunarDate,
    hung_kings_day,
    leap_month,
    lunar_to_solar,
    solar_to_lunar,
    tet,
)

TET = [
    (2020, date(2020, 1, 25)),
    (2021, date(2021, 2, 12)),
    (2022, date(2022, 2, 1)),
    (2023, date(2023, 1, 22)),
    (2024, date(2024, 2, 10)),
    (2025, date(2025, 1, 29)),
    (2026, date(2026, 2, 17)),
    (2027, date(2027, 2, 6)),
]


@pytest.mark.parametrize(("year", "expected"), TET)
def test_tet(year: int, expected: date) -> None:
    assert tet(year) == expected
    assert solar_to_lunar(expected) == LunarDate(year, 1, 1, False)


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2023, date(2023, 4, 29)),
        (2024, date(2024, 4, 18)),
        (2025, date(2025, 4, 7)),
        (2026, date(2026, 4, 26)),
    ],
)
def test_hung_kings_day(year: int, expected: date) -> None:
    assert hung_kings_day(year) == expected


def test_hung_kings_day_uses_the_regular_month_when_the_3rd_is_doubled() -> None:
    assert leap_month(2031) == 3
    assert hung_kings_day(2031) == lunar_to_solar(2031, 3, 10)
    assert hung_kings_day(2031) < lunar_to_solar(2031, 3, 10, leap=True)


@pytest.mark.parametrize(
    ("solar", "expected"),
    [
        # Rằm tháng Tám (Mid-Autumn) and Vu Lan (15/7), widely published.
        (date(2024, 9, 17), LunarDate(2024, 8, 15)),
        (date(2025, 9, 6), LunarDate(2025, 7, 15)),
        # The eve of Tết: month 12 belongs to the old lunar year.
        (date(2024, 2, 9), LunarDate(2023, 12, 30)),
        (date(2025, 1, 1), LunarDate(2024, 12, 2)),
        # Leap months: 2023 doubled month 2, 2025 month 6, 2020 month 4.
        (date(2023, 3, 22), LunarDate(2023, 2, 1, leap=True)),
        (date(2023, 4, 19), LunarDate(2023, 2, 29, leap=True)),
        (date(2023, 4, 20), LunarDate(2023, 3, 1)),
        (date(2025, 7, 25), LunarDate(2025, 6, 1, leap=True)),
        (date(2025, 8, 23), LunarDate(2025, 7, 1)),
        (date(2020, 5, 23), LunarDate(2020, 4, 1, leap=True)),
    ],
)
def test_solar_to_lunar(solar: date, expected: LunarDate) -> None:
    assert solar_to_lunar(solar) == expected
    assert lunar_to_solar(expected.year, expected.month, expected.day, expected.leap) == solar


@pytest.mark.parametrize(
    ("year", "month"),
    [(2020, 4), (2021, None), (2023, 2), (2024, None), (2025, 6), (2028, 5), (2033, 11)],
)
def test_leap_month(year: int, month: int | None) -> None:
    assert leap_month(year) == month


def test_regular_month_comes_before_its_leap_twin() -> None:
    regular = lunar_to_solar(2025, 6, 1)
    doubled = lunar_to_solar(2025, 6, 1, leap=True)
    assert (regular, doubled) == (date(2025, 6, 25), date(2025, 7, 25))


@pytest.mark.parametrize(
    ("year", "vietnam", "china"),
    [
        # UTC+7 against UTC+8: a month apart in 1985, a day apart in 1968 and 2007.
        (1985, date(1985, 1, 21), date(1985, 2, 20)),
        (2007, date(2007, 2, 17), date(2007, 2, 18)),
        (1968, date(1968, 1, 29), date(1968, 1, 30)),
    ],
)
def test_vietnamese_calendar_differs_from_chinese(year: int, vietnam: date, china: date) -> None:
    assert tet(year) == vietnam
    # The same algorithm in UTC+8 must reproduce the Chinese date, which checks that
    # the difference comes from the time zone and nothing else.
    assert lunar._to_solar(year, 1, 1, False, 8.0) == china


def test_chinese_1984_leap_tenth_month_is_reproduced_in_utc8() -> None:
    # China doubled month 10 in 1984 (閏十月 from 23 November); Vietnam did not.
    assert lunar._to_solar(1984, 10, 1, True, 8.0) == date(1984, 11, 23)
    assert leap_month(1984) is None


def test_new_moon_just_after_midnight_starts_the_next_day() -> None:
    # The new moon of 7 May 2054 is at 00:01 on 8 May in UTC+7. Hồ Ngọc Đức's
    # published conversion returns "day 0" for 7 May; it is the 30th of month 3.
    assert solar_to_lunar(date(2054, 5, 7)) == LunarDate(2054, 3, 30)
    assert solar_to_lunar(date(2054, 5, 8)) == LunarDate(2054, 4, 1)


def _walk(first: date, last: date):
    d = first
    while d <= last:
        yield d
        d += timedelta(days=1)


def test_round_trip_and_continuity_1900_to_2100() -> None:
    previous: LunarDate | None = None
    for d in _walk(date(1900, 1, 1), date(2100, 12, 31)):
        lunar_date = solar_to_lunar(d)
        assert lunar_to_solar(*_fields(lunar_date)) == d
        if previous is not None:
            _assert_follows(previous, lunar_date)
        previous = lunar_date


def test_round_trip_at_the_edges_of_the_supported_range() -> None:
    for d in [
        *_walk(date(1800, 1, 1), date(1800, 3, 31)),
        *_walk(date(2199, 11, 1), date(2199, 12, 31)),
    ]:
        assert lunar_to_solar(*_fields(solar_to_lunar(d))) == d


def _fields(d: LunarDate) -> tuple[int, int, int, bool]:
    return d.year, d.month, d.day, d.leap


def _assert_follows(before: LunarDate, after: LunarDate) -> None:
    """`after` is the day after `before`: same month, or day 1 of the next month."""
    if after.day != 1:
        assert (after.year, after.month, after.leap, after.day) == (
            before.year,
            before.month,
            before.leap,
            before.day + 1,
        )
        return
    assert before.day in (29, 30)
    if after.leap:  # a leap month repeats the number of the month before it
        assert (after.year, after.month, before.leap) == (before.year, before.month, False)
    elif before.month == 12:
        assert (after.year, after.month) == (before.year + 1, 1)
    else:
        assert (after.year, after.month) == (before.year, before.month + 1)


@pytest.mark.parametrize(
    ("year", "month", "day", "leap"),
    [
        (2024, 3, 1, True),  # 2024 has no leap month
        (2025, 5, 1, True),  # 2025 doubles month 6, not 5
        (2024, 13, 1, False),
        (2024, 0, 1, False),
        (2024, 1, 0, False),
        (2024, 1, 31, False),
        (2024, 12, 30, False),  # tháng Chạp of Giáp Thìn has 29 days (Tết 2025 on 29 Jan)
    ],
)
def test_lunar_to_solar_rejects_impossible_dates(
    year: int, month: int, day: int, leap: bool
) -> None:
    with pytest.raises(ValueError):
        lunar_to_solar(year, month, day, leap)


@pytest.mark.parametrize("d", [date(1799, 12, 31), date(2200, 1, 1)])
def test_out_of_range_dates_are_refused(d: date) -> None:
    with pytest.raises(ValueError):
        solar_to_lunar(d)


@pytest.mark.parametrize("year", [1799, 2200])
def test_out_of_range_lunar_years_are_refused(year: int) -> None:
    with pytest.raises(ValueError):
        tet(year)


def test_lunar_1799_is_accepted_where_it_reaches_1800() -> None:
    # 1 January 1800 is the 7th of month 12 of lunar 1799; the 1st is out of range.
    assert solar_to_lunar(date(1800, 1, 1)) == LunarDate(1799, 12, 7)
    assert lunar_to_solar(1799, 12, 7) == date(1800, 1, 1)
    with pytest.raises(ValueError):
        lunar_to_solar(1799, 12, 6)


def test_lunar_date_is_frozen() -> None:
    with pytest.raises(AttributeError):
        LunarDate(2024, 1, 1).day = 2  # type: ignore[misc]
