"""Vietnamese number and date formatting (vi_VN): '17.385', '2,5', '07/12/2023'."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal


def format_number(value: int | float | Decimal | None, decimals: int | None = None) -> str:
    """17385 -> '17.385'; 2.5 -> '2,5'; None -> ''."""
    if value is None or value == "":
        return ""
    if decimals is None:
        decimals = 0 if float(value) == int(value) else 1
    text = f"{float(value):,.{decimals}f}" if decimals else f"{int(round(value)):,}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def format_datetime(value: dt.datetime | None) -> str:
    return value.strftime("%H:%M %d/%m/%Y") if value else ""


def parse_date(text: str) -> dt.date:
    """'07/12/2023' or '2023-12-07' -> date; ValueError with a Vietnamese message otherwise."""
    text = text.strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    raise ValueError(f"Ngày không hợp lệ: “{text}” (dùng dạng dd/mm/yyyy).")
