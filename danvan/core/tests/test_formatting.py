import datetime as dt
from decimal import Decimal

import pytest

from danvan.lib.text import fold, nfc
from danvan.lib.vn import format_date, format_number, parse_date


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (17385, "17.385"),
        (69, "69"),
        (0, "0"),
        (1234567, "1.234.567"),
        (2.5, "2,5"),
        (Decimal("1234.5"), "1.234,5"),
        (None, ""),
    ],
)
def test_numbers_use_vietnamese_separators(value, text):
    assert format_number(value) == text


def test_dates_are_dd_mm_yyyy():
    assert format_date(dt.date(2023, 12, 7)) == "07/12/2023"
    assert parse_date("07/12/2023") == parse_date("2023-12-07") == dt.date(2023, 12, 7)
    with pytest.raises(ValueError, match="Ngày không hợp lệ"):
        parse_date("31/02/2023")


def test_folding_ignores_diacritics_case_and_tone_placement():
    assert fold("Thành phố Hạ Long") == "thanh pho ha long"
    assert fold("Hoà") == fold("Hòa") == "hoa"
    assert fold("ĐẶC KHU Côn Đảo") == "dac khu con dao"
    assert nfc("Ủy\u00a0ban  nhân dân") == "Ủy ban nhân dân"
