"""Tests for danvan.lib.workdays. The first scenarios are acceptance criteria."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest

from danvan.lib.workdays import (
    Calendar,
    Holiday,
    add_calendar_days,
    add_working_days,
    national_day_adjacent,
    next_working_day,
    statutory_holidays,
    working_days_between,
)

PLAIN = Calendar()


def _days(first: date, last: date) -> frozenset[date]:
    return frozenset(first + timedelta(days=i) for i in range((last - first).days + 1))


# The official 2024 Tết break, given as data: Thursday 8 to Wednesday 14 February.
TET_2024 = Calendar(holidays=_days(date(2024, 2, 8), date(2024, 2, 14)))

# An illustrative swap: Friday 2 May 2025 off, paid back by working Saturday 26 April.
MAY_2025 = Calendar(
    holidays=frozenset({date(2025, 4, 30), date(2025, 5, 1), date(2025, 5, 2)}),
    makeup_workdays=frozenset({date(2025, 4, 26)}),
)


# --- Acceptance scenarios ------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        (date(2024, 3, 1), date(2024, 3, 15)),  # Friday: one weekend, then two
        (date(2024, 3, 6), date(2024, 3, 20)),  # Wednesday: spans two weekends
        (date(2024, 3, 9), date(2024, 3, 22)),  # received on a Saturday
    ],
)
def test_ten_working_day_notice_spans_weekends(received: date, deadline: date) -> None:
    assert add_working_days(received, 10, PLAIN) == deadline
    assert working_days_between(received, deadline, PLAIN) == 10


def test_ten_working_day_notice_spans_tet_2024() -> None:
    received = date(2024, 2, 5)  # Monday before the break
    # Tue 6, Wed 7 | Tết 8–14 | Thu 15, Fri 16 | 19–23 | Mon 26
    assert add_working_days(received, 10, TET_2024) == date(2024, 2, 26)
    assert add_working_days(received, 10, PLAIN) == date(2024, 2, 19)
    assert working_days_between(received, date(2024, 2, 26), TET_2024) == 10


def test_received_during_tet_counts_from_the_first_day_back() -> None:
    assert add_working_days(date(2024, 2, 9), 1, TET_2024) == date(2024, 2, 15)
    assert add_working_days(date(2024, 2, 9), 10, TET_2024) == date(2024, 2, 28)


def test_thirty_calendar_days_ending_on_sunday_rolls_to_monday() -> None:
    accepted = date(2024, 3, 1)  # + 30 days = Sunday 31 March
    assert add_calendar_days(accepted, 30, PLAIN, roll_forward=False) == date(2024, 3, 31)
    assert add_calendar_days(accepted, 30, PLAIN) == date(2024, 4, 1)


def test_makeup_saturday_is_a_working_day() -> None:
    saturday = date(2025, 4, 26)
    assert saturday.weekday() == 5
    assert MAY_2025.is_working_day(saturday)
    assert not PLAIN.is_working_day(saturday)
    # Thu 24 → Fri 25 (1), Sat 26 (2)
    assert add_working_days(date(2025, 4, 24), 2, MAY_2025) == saturday
    # Fri 25 → Sat 26 (1), Mon 28 (2), Tue 29 (3) | 30/4–2/5 off, weekend | Mon 5 (4)
    assert add_working_days(date(2025, 4, 25), 4, MAY_2025) == date(2025, 5, 5)
    # Tue 22 – Fri 9 May: 4 + Saturday + 2 + 5 = 12; a swap moves a working day, not removes it.
    assert working_days_between(date(2025, 4, 21), date(2025, 5, 9), MAY_2025) == 12
    assert working_days_between(date(2025, 4, 21), date(2025, 4, 26), MAY_2025) == 5


@pytest.mark.parametrize(
    ("start", "cal", "expected"),
    [
        (date(2024, 3, 1), PLAIN, date(2024, 4, 15)),  # Monday: no roll
        (date(2023, 12, 29), PLAIN, date(2024, 2, 12)),  # Monday, nothing off
        (date(2023, 12, 29), TET_2024, date(2024, 2, 15)),  # ends in Tết: first day back
    ],
)
def test_forty_five_days(start: date, cal: Calendar, expected: date) -> None:
    assert add_calendar_days(start, 45, cal) == expected


# --- Counting conventions -------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "include_start", "expected"),
    [
        (date(2024, 3, 4), 10, False, date(2024, 3, 18)),  # Monday, counted from Tuesday
        (date(2024, 3, 4), 10, True, date(2024, 3, 15)),  # Monday is day 1
        (date(2024, 3, 9), 1, True, date(2024, 3, 11)),  # a Saturday start is not day 1
        (date(2024, 3, 4), 0, False, date(2024, 3, 4)),
        (date(2024, 3, 4), -5, False, date(2024, 2, 26)),  # 5 working days before
        (date(2024, 3, 4), -5, True, date(2024, 2, 27)),
    ],
)
def test_add_working_days_conventions(
    start: date, n: int, include_start: bool, expected: date
) -> None:
    assert add_working_days(start, n, PLAIN, include_start=include_start) == expected


@pytest.mark.parametrize(
    ("start", "n", "include_start", "roll_forward", "expected"),
    [
        (date(2024, 3, 1), 15, False, True, date(2024, 3, 18)),  # Sat 16 → Mon 18
        (date(2024, 3, 1), 15, True, True, date(2024, 3, 15)),  # Fri 15
        (date(2024, 3, 1), 15, False, False, date(2024, 3, 16)),
        (date(2024, 3, 2), 0, False, False, date(2024, 3, 2)),
        (date(2024, 3, 2), 0, False, True, date(2024, 3, 4)),
    ],
)
def test_add_calendar_days_options(
    start: date, n: int, include_start: bool, roll_forward: bool, expected: date
) -> None:
    got = add_calendar_days(start, n, PLAIN, include_start=include_start, roll_forward=roll_forward)
    assert got == expected


def test_add_calendar_days_refuses_negative_periods() -> None:
    with pytest.raises(ValueError):
        add_calendar_days(date(2024, 3, 1), -1, PLAIN)


def test_next_working_day() -> None:
    assert next_working_day(date(2024, 2, 8), TET_2024) == date(2024, 2, 15)
    assert next_working_day(date(2024, 2, 7), TET_2024) == date(2024, 2, 7)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (date(2024, 3, 4), date(2024, 3, 4), 0),
        (date(2024, 3, 1), date(2024, 3, 4), 1),  # Fri → Mon
        (date(2024, 3, 1), date(2024, 3, 3), 0),  # weekend only
        (date(2024, 3, 4), date(2024, 2, 26), -5),
        (date(2024, 2, 1), date(2024, 2, 29), 20 - 5),  # Tết took five weekdays
    ],
)
def test_working_days_between(a: date, b: date, expected: int) -> None:
    cal = TET_2024 if a.month == 2 else PLAIN
    assert working_days_between(a, b, cal) == expected


def test_working_days_between_inverts_add_working_days() -> None:
    cal = Calendar.from_holidays(statutory_holidays(2024), [date(2024, 2, 17)])
    start = date(2024, 1, 1)
    for offset in range(-60, 400, 7):
        target = next_working_day(start + timedelta(days=offset), cal)
        n = working_days_between(start, target, cal)
        assert add_working_days(start, n, cal) == target


# --- Calendar ----------------------------------------------------------------------------


def test_calendar_basics() -> None:
    assert PLAIN.is_working_day(date(2024, 2, 8))  # Thursday
    assert not TET_2024.is_working_day(date(2024, 2, 8))
    assert not PLAIN.is_working_day(date(2024, 2, 10))  # Saturday


def test_calendar_stores_frozensets_and_is_hashable() -> None:
    cal = Calendar(holidays={date(2024, 1, 1)}, makeup_workdays=[])  # type: ignore[arg-type]
    assert isinstance(cal.holidays, frozenset)
    assert isinstance(cal.makeup_workdays, frozenset)
    assert hash(cal) == hash(Calendar(frozenset({date(2024, 1, 1)})))


def test_calendar_refuses_a_day_that_is_both_off_and_worked() -> None:
    with pytest.raises(ValueError):
        Calendar(frozenset({date(2024, 2, 17)}), frozenset({date(2024, 2, 17)}))


def test_calendar_from_holidays_accepts_rows_and_dates() -> None:
    cal = Calendar.from_holidays(
        [Holiday(date(2024, 1, 1), "Tết Dương lịch"), date(2024, 4, 30)],
        makeup_workdays=[date(2024, 2, 17)],
    )
    assert cal.holidays == {date(2024, 1, 1), date(2024, 4, 30)}
    assert cal.is_working_day(date(2024, 2, 17))


# --- Suggested holidays ----------------------------------------------------------------


def _as_tuples(year: int) -> list[tuple[date, str, str]]:
    return [(h.date, h.name, h.kind) for h in statutory_holidays(year)]


def test_statutory_holidays_2024() -> None:
    assert _as_tuples(2024) == [
        (date(2024, 1, 1), "Tết Dương lịch", "holiday"),
        (date(2024, 2, 9), "Tết Nguyên đán", "holiday"),
        (date(2024, 2, 10), "Tết Nguyên đán", "holiday"),
        (date(2024, 2, 11), "Tết Nguyên đán", "holiday"),
        (date(2024, 2, 12), "Tết Nguyên đán", "holiday"),
        (date(2024, 2, 13), "Tết Nguyên đán", "holiday"),
        (date(2024, 2, 14), "Nghỉ bù Tết Nguyên đán", "compensatory"),
        (date(2024, 2, 15), "Nghỉ bù Tết Nguyên đán", "compensatory"),
        (date(2024, 4, 18), "Giỗ Tổ Hùng Vương", "holiday"),
        (date(2024, 4, 30), "Ngày Chiến thắng", "holiday"),
        (date(2024, 5, 1), "Ngày Quốc tế Lao động", "holiday"),
        (date(2024, 9, 2), "Quốc khánh", "holiday"),
        (date(2024, 9, 3), "Quốc khánh", "holiday"),
    ]


def test_statutory_holidays_2023_weekend_runs_push_days_in_lieu_past_the_run() -> None:
    days = {h.date: h for h in statutory_holidays(2023)}
    # 1 January was a Sunday.
    assert days[date(2023, 1, 2)].name == "Nghỉ bù Tết Dương lịch"
    # Giỗ Tổ Sat 29/4, 30/4 Sun, 1/5 Mon: days in lieu Tue 2 and Wed 3 May.
    assert days[date(2023, 5, 2)].name == "Nghỉ bù Giỗ Tổ Hùng Vương"
    assert days[date(2023, 5, 3)].name == "Nghỉ bù Ngày Chiến thắng"
    # 2/9 Saturday: 1/9 Friday and Monday 4/9 in lieu.
    assert days[date(2023, 9, 1)].name == "Quốc khánh"
    assert days[date(2023, 9, 4)].kind == "compensatory"


@pytest.mark.parametrize("year", range(2021, 2041))
def test_statutory_holidays_invariants(year: int) -> None:
    holidays = statutory_holidays(year)
    named = [h for h in holidays if h.kind == "holiday"]
    lieu = [h for h in holidays if h.kind == "compensatory"]
    assert len(named) == 11  # Điều 112: 11 paid days
    assert len({h.date for h in holidays}) == len(holidays)
    assert holidays == sorted(holidays)
    assert len(lieu) == sum(h.date.weekday() >= 5 for h in named)
    assert all(h.date.weekday() < 5 for h in lieu)
    assert all(h.date.year == year for h in holidays)


@pytest.mark.parametrize(
    ("year", "adjacent"),
    [
        # 2021–2025 match the Government's announced choices.
        (2021, date(2021, 9, 3)),  # 2/9 Thursday
        (2022, date(2022, 9, 1)),  # Friday
        (2023, date(2023, 9, 1)),  # Saturday
        (2024, date(2024, 9, 3)),  # Monday
        (2025, date(2025, 9, 1)),  # Tuesday
        (2026, date(2026, 9, 1)),  # Wednesday: our tie-break, no precedent
        (2029, date(2029, 9, 3)),  # Sunday
    ],
)
def test_national_day_adjacent(year: int, adjacent: date) -> None:
    assert national_day_adjacent(year) == adjacent


def test_holiday_names_are_nfc() -> None:
    for h in statutory_holidays(2023):
        assert unicodedata.normalize("NFC", h.name) == h.name
