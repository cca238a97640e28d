"""Vietnamese numbers and dates as they are written in news prose.

Vietnamese text writes "12.480" for 12,480 and "2,5" for 2.5, pads small counts
with zeros ("09 đơn") and writes dates as "15/12/2021", "1/12", "7-12" or
"ngày 15 tháng 7 năm 2022". Nothing here calls ``float()`` on a raw string: the
separators are interpreted first, then the digits are converted.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

Number = int | float

# One number token: digits with optional '.'/',' groups ("12.480", "2,5", "1.234,5").
NUMBER_RE = re.compile(r"(?<![\w/.,-])\d+(?:[.,]\d+)*(?![\w])")

_THOUSANDS_DOT = re.compile(r"\d{1,3}(?:\.\d{3})+")
_THOUSANDS_COMMA = re.compile(r"\d{1,3}(?:,\d{3}){2,}")  # "3,344,095": page chrome style
_DECIMAL_COMMA = re.compile(r"(\d{1,3}(?:\.\d{3})*|\d+),(\d+)")
_DECIMAL_DOT = re.compile(r"(\d+)\.(\d{1,2}|\d{4,})")


def _decimal(int_part: str, frac: str) -> float:
    return int(int_part) + int(frac) / 10 ** len(frac)


def parse_number(raw: str) -> Number | None:
    """'12.480' -> 12480, '2,5' -> 2.5, '09' -> 9, '1.234,5' -> 1234.5.

    Vietnamese rules first ('.' groups thousands, ',' marks decimals). Two
    English-style shapes are tolerated because they cannot be Vietnamese:
    several ',' groups of three ("3,344,095") and a '.' followed by one, two or
    four-plus digits ("12.5").
    """
    s = raw.strip()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if _THOUSANDS_DOT.fullmatch(s):
        return int(s.replace(".", ""))
    if _THOUSANDS_COMMA.fullmatch(s):
        return int(s.replace(",", ""))
    m = _DECIMAL_COMMA.fullmatch(s)
    if m:
        return _decimal(m.group(1).replace(".", ""), m.group(2))
    m = _DECIMAL_DOT.fullmatch(s)
    if m:
        return _decimal(m.group(1), m.group(2))
    return None


# ---------------------------------------------------------------------------
# Dates

# A cue that the date which follows is when something happened, not a citation.
DAY_PART = r"(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Đđ]êm|[Nn]gày|[Hh]ôm|[Rr]ạng sáng)"


@dataclass(frozen=True)
class DateMention:
    """A day/month (and maybe year) found in text, with its span and the raw string."""

    day: int
    month: int
    year: int | None
    start: int
    end: int
    raw: str
    cue: str | None = None  # the day-part word before it ("Sáng", "Ngày"), if any

    def to_date(self, year: int | None = None) -> dt.date | None:
        y = self.year if self.year is not None else year
        if y is None:
            return None
        try:
            return dt.date(y, self.month, self.day)
        except ValueError:
            return None


_SEP_DATE = re.compile(
    # 15/12/2021, 15-12-2021, 15.12.2021, "04/5 2021" (missing separator), 1/12, 7-12
    r"(?<![\w/.-])(?P<d>\d{1,2})(?P<s>[/.-])(?P<m>\d{1,2})"
    r"(?:(?P=s)(?P<y>\d{4})|\s(?P<y2>(?:19|20)\d{2}))?(?![\w/]|[.-]\d)"
)
_WORD_DATE = re.compile(
    r"(?<!\w)ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s+năm\s+(?P<y>\d{4}))?(?!\w)",
    re.IGNORECASE,
)
_CUE_BEFORE = re.compile(
    rf"(?<!\w)(?:{DAY_PART}(?:\s+(?:nay|qua|ngày|mai))?|[Vv]ào(?:\s+{DAY_PART})?(?:\s+ngày)?)\s*[,(]?\s*$"
)


def _valid(day: int, month: int, year: int | None) -> bool:
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    if year is None:
        return day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _cue(text: str, start: int) -> str | None:
    m = _CUE_BEFORE.search(text[max(0, start - 24) : start])
    return m.group(0).strip(" ,(") if m else None


def find_dates(text: str) -> list[DateMention]:
    """Every plausible date in ``text``, in order.

    A bare day-month ("1/12", "7-12") is accepted only with a cue before it
    ("Ngày 1/12", "Chiều 7-12") because "69/69" or "2021-2026" look the same;
    a full date ("15/12/2021") or the spelled-out form needs no cue.
    """
    found: list[DateMention] = []
    for m in _SEP_DATE.finditer(text):
        day, month = int(m.group("d")), int(m.group("m"))
        year_s = m.group("y") or m.group("y2")
        year = int(year_s) if year_s else None
        cue = _cue(text, m.start())
        if not _valid(day, month, year):
            continue
        if year is None and cue is None:
            continue
        if m.group("s") == "." and year is None:
            continue  # "1.12" is far more often a decimal than a date
        found.append(DateMention(day, month, year, m.start(), m.end(), m.group(0), cue))
    for m in _WORD_DATE.finditer(text):
        day, month = int(m.group("d")), int(m.group("m"))
        year = int(m.group("y")) if m.group("y") else None
        if _valid(day, month, year):
            found.append(
                DateMention(
                    day,
                    month,
                    year,
                    m.start(),
                    m.end(),
                    m.group(0),
                    _cue(text, m.start()) or "ngày",
                )
            )
    found.sort(key=lambda d: d.start)
    return found


def parse_date(raw: str) -> dt.date | None:
    """A single full date string ('15/12/2021', 'ngày 04/5 2021') -> date, else None."""
    for d in find_dates(raw):
        if d.year is not None:
            return d.to_date()
    return None
