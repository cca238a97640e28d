import datetime as dt

import pytest

from danvan.lib.periods import Period, PeriodKind, build, parse_code


def d(y, m, day):
    return dt.date(y, m, day)


@pytest.mark.parametrize(("kind", "year", "part", "start", "end", "code", "label"), [
    ("month", 2022, 9, d(2022, 9, 1), d(2022, 9, 30), "2022-09-01/P1M", "tháng 09/2022"),
    ("quarter", 2025, 2, d(2025, 4, 1), d(2025, 6, 30), "2025-04-01/P3M", "quý II/2025"),
    ("half", 2022, 1, d(2022, 1, 1), d(2022, 6, 30), "2022-01-01/P6M", "6 tháng đầu năm 2022"),
    ("half", 2023, 2, d(2023, 7, 1), d(2023, 12, 31), "2023-07-01/P6M", "6 tháng cuối năm 2023"),
    ("nine_months", 2022, 1, d(2022, 1, 1), d(2022, 9, 30), "2022-01-01/P9M", "9 tháng năm 2022"),
    ("year", 2023, 1, d(2023, 1, 1), d(2023, 12, 31), "2023-01-01/P1Y", "năm 2023"),
])
def test_standard_periods(kind, year, part, start, end, code, label):
    p = build(kind, year, part=part)
    assert (p.start, p.end, p.code, p.label) == (start, end, code, label)


def test_phase_and_midterm():
    phase = build(PeriodKind.PHASE, 2021)
    assert (phase.start, phase.end, phase.code) == (d(2021, 1, 1), d(2025, 12, 31), "2021-01-01/P5Y")
    mid = build(PeriodKind.MIDTERM, 2021)
    assert (mid.start, mid.end, mid.code) == (d(2021, 1, 1), d(2023, 6, 30), "2021-01-01/P30M")
    assert mid.label == "2,5 năm (2021–2023)"


def test_cutoff_offsets_and_codes_of_unaligned_periods():
    year = build("year", 2024).shifted(-17)
    assert (year.start, year.end) == (d(2023, 12, 15), d(2024, 12, 14))
    assert year.code == "2023-12-15/2024-12-14"
    assert parse_code(year.code) == Period(d(2023, 12, 15), d(2024, 12, 14))


def test_parse_code_round_trips():
    for p in (build("nine_months", 2022), build("phase", 2021), build("month", 2024, part=2)):
        assert (parse_code(p.code).start, parse_code(p.code).end) == (p.start, p.end)
    with pytest.raises(ValueError, match="không hợp lệ"):
        parse_code("2022/Q3")


def test_algebra():
    year = build("year", 2022)
    nine = build("nine_months", 2022)
    assert year.covers(nine) and not nine.covers(year)
    assert nine.overlaps(build("quarter", 2022, part=3)) and not nine.overlaps(build("quarter", 2022, part=4))
    assert len(year.months()) == 12 and year.months()[0] == d(2022, 1, 1)
    assert nine.previous() == build("nine_months", 2021)
    assert build("quarter", 2022, part=1).previous().label == "quý IV/2021"
    with pytest.raises(ValueError):
        Period(d(2022, 2, 1), d(2022, 1, 1))
