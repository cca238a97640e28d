"""Vietnamese numbers and dates (made-up sentences in the genre, none from the seed articles)."""

import datetime as dt

import pytest

from danvan.ingest.numbers import find_dates, parse_date, parse_number


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("17.385", 17385),
        ("1.250", 1250),
        ("2.340.000", 2340000),
        ("2,5", 2.5),
        ("12,75", 12.75),
        ("1.234,5", 1234.5),
        ("09", 9),
        ("007", 7),
        ("305", 305),
        ("3,344,095", 3344095),  # chrome style, tolerated
        ("12.5", 12.5),  # English decimal: not Vietnamese thousands (needs 3 digits)
        ("", None),
        ("abc", None),
    ],
)
def test_parse_number(raw, expected):
    value = parse_number(raw)
    assert value == expected
    if expected is not None:
        assert type(value) is type(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sáng 20/12, Ban Dân vận tổ chức hội nghị", [(20, 12, None, "Sáng")]),
        ("Chiều 14-6, Đảng ủy xã tổ chức", [(14, 6, None, "Chiều")]),
        ("Ngày 5/1/2024, UBND huyện tổ chức", [(5, 1, 2024, "Ngày")]),
        ("Sáng nay (10/10), hội nghị diễn ra", [(10, 10, None, "Sáng nay")]),
        ("vào sáng ngày 3/9 tại hội trường", [(3, 9, None, "vào sáng ngày")]),
        ("Kế hoạch số 12-KH/HU, ngày 08/3 2023 của Huyện ủy", [(8, 3, 2023, "ngày")]),
        ("ban hành ngày 15 tháng 8 năm 2023", [(15, 8, 2023, "ngày")]),
        ("đã xử lý 45/50 đơn, đạt 90%", []),  # a ratio, not a date
        ("nhiệm kỳ 2020-2025 và giai đoạn 2021-2030", []),
        ("tầng 3, phòng 12/4", []),  # a bare day/month needs a cue
        ("Ngày 31/2, không có ngày này", []),
        ("cập nhật 25/12/2023 lúc 9:30", [(25, 12, 2023, None)]),
    ],
)
def test_find_dates(text, expected):
    got = [(d.day, d.month, d.year, d.cue) for d in find_dates(text)]
    assert got == expected


def test_date_mention_year_is_added_only_when_given():
    (d,) = find_dates("Chiều 7-11, hội nghị khai mạc")
    assert d.to_date() is None
    assert d.to_date(2023) == dt.date(2023, 11, 7)


def test_parse_date():
    assert parse_date("ngày 04/5 2021") == dt.date(2021, 5, 4)
    assert parse_date("15/12/2021") == dt.date(2021, 12, 15)
    assert parse_date("1/12") is None
