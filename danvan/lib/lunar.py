"""The Vietnamese lunisolar calendar (*âm lịch*), computed for UTC+7.

Method: Hồ Ngọc Đức, "Thuật toán tính âm lịch" / "Computing the Vietnamese lunar
calendar" (2004), https://www.informatik.uni-leipzig.de/~duc/amlich/ — the algorithm
behind most Vietnamese calendar software. This is an independent re-implementation of
its published description, not a copy of its code. In short:

- New moons come from the truncated series in Jean Meeus, *Astronomical Algorithms*
  (1998, ch. 49; mean elements ch. 47), and the Sun's apparent longitude from the
  low-precision formula of ch. 25.
- A lunar month starts on the civil day (in UTC+7) that contains a new moon.
- Month 11 is the month that contains the winter solstice. A lunar year with 13
  months (month 11 to the next month 11 spans more than 365 days) gets one leap
  month: the first month after month 11 in which the Sun enters no new zodiac sign
  (no "major solar term", *trung khí*). It repeats the number of the month before it.

Why our own calendar and not the Chinese one: the rules are the same, but Vietnam
computes them in UTC+7 and China in UTC+8. When a new moon falls between 16:00 and
17:00 UTC the month starts a day apart, and sometimes the whole year shifts a month
(Tết 1985: 21 January in Vietnam, 20 February in China; Tết 2007: 17 February in
Vietnam, 18 February in China).

Caveats, per DOMAIN.md §3.4: these are computed, not official, dates. Holidays built
on them are only suggestions; administrators load the Government's dates each year.
Vietnam followed the Chinese (UTC+8) calendar before 1968, so results for earlier
years are the UTC+7 calendar projected backwards, not the historical calendar. The
series lose accuracy far from the present; we accept Gregorian dates from 1800 to
2199 only (the span of Hồ Ngọc Đức's published tables), in both directions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

VN_UTC_OFFSET = 7.0
MIN_YEAR = 1800
MAX_YEAR = 2199

# date.toordinal() is 1 for 0001-01-01 (proleptic Gregorian); the Julian Day Number
# of that day is 1721426.
_JDN_OFFSET = 1721425
# Julian date of the new moon of 1900-01-01 (Meeus's k = 0 epoch) and the mean
# synodic month, used to find the lunation number k near a given day.
_EPOCH_NEW_MOON = 2415021.076998695
_SYNODIC_MONTH = 29.530588853
_RAD = math.pi / 180


@dataclass(frozen=True, order=True)
class LunarDate:
    """A day in the Vietnamese lunar calendar. `leap` marks a leap month (*tháng nhuận*)."""

    year: int
    month: int
    day: int
    leap: bool = False


def solar_to_lunar(d: date) -> LunarDate:
    """The lunar date of a Gregorian date, in the Vietnamese (UTC+7) calendar."""
    _check_year(d.year)
    return _to_lunar(d, VN_UTC_OFFSET)


def lunar_to_solar(year: int, month: int, day: int, leap: bool = False) -> date:
    """The Gregorian date of a Vietnamese lunar date.

    Raises ValueError for a day past the end of the month (months have 29 or 30
    days) or for a leap month that the year does not have.
    """
    # The range applies to the Gregorian result: lunar year MIN_YEAR - 1 ends in
    # January of MIN_YEAR, and every result of solar_to_lunar must convert back.
    _check_year(year + 1 if year == MIN_YEAR - 1 else year)
    result = _to_solar(year, month, day, leap, VN_UTC_OFFSET)
    _check_year(result.year)
    return result


def tet(year: int) -> date:
    """Tết Nguyên đán: the 1st day of the 1st lunar month, which always falls in `year`."""
    return lunar_to_solar(year, 1, 1)


def hung_kings_day(year: int) -> date:
    """Giỗ Tổ Hùng Vương: the 10th day of the 3rd lunar month of `year`.

    If the 3rd month is doubled that year, this is the regular (first) one.
    """
    return lunar_to_solar(year, 3, 10)


def leap_month(year: int) -> int | None:
    """The number of the month that is doubled in lunar year `year`, or None.

    Months 11 and 12 lie at the end of the Gregorian year (month 12 often in the next
    January); a leap 11th or 12th month is reported for the lunar year it belongs to.
    """
    _check_year(year)
    for month in range(1, 13):
        try:
            _to_solar(year, month, 1, True, VN_UTC_OFFSET)
        except ValueError:
            continue
        return month
    return None


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year {year} outside the supported range {MIN_YEAR}–{MAX_YEAR}")


# --- Astronomy ---------------------------------------------------------------------


def _new_moon(k: int) -> float:
    """Julian date (UT) of the k-th new moon after the one of 1900-01-01 (Meeus ch. 49)."""
    t = k / 1236.85  # Julian centuries from 1900.0
    t2, t3 = t * t, t * t * t
    jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * _RAD)
    sun_anomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * _RAD
    moon_anomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * _RAD
    latitude = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * _RAD
    m, mp, f = sun_anomaly, moon_anomaly, latitude
    correction = (
        (0.1734 - 0.000393 * t) * math.sin(m)
        + 0.0021 * math.sin(2 * m)
        - 0.4068 * math.sin(mp)
        + 0.0161 * math.sin(2 * mp)
        - 0.0004 * math.sin(3 * mp)
        + 0.0104 * math.sin(2 * f)
        - 0.0051 * math.sin(m + mp)
        - 0.0074 * math.sin(m - mp)
        + 0.0004 * math.sin(2 * f + m)
        - 0.0004 * math.sin(2 * f - m)
        - 0.0006 * math.sin(2 * f + mp)
        + 0.0010 * math.sin(2 * f - mp)
        + 0.0005 * math.sin(2 * mp + m)
    )
    return jd + correction - _delta_t(t)


def _delta_t(t: float) -> float:
    """ΔT = TT − UT in days, t in Julian centuries from 1900 (two polynomial fits)."""
    if t < -11:
        t2, t3 = t * t, t * t * t
        return 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    return -0.000278 + 0.000265 * t + 0.000262 * t * t


def _new_moon_day(k: int, tz: float) -> int:
    """Julian Day Number of the local civil day containing the k-th new moon."""
    # A JD starts at noon; +0.5 moves to midnight, tz/24 to local time.
    return math.floor(_new_moon(k) + 0.5 + tz / 24)


def _sun_longitude(jd: float) -> float:
    """Apparent ecliptic longitude of the Sun at Julian date `jd`, radians in [0, 2π)."""
    t = (jd - 2451545.0) / 36525  # Julian centuries from J2000.0
    t2 = t * t
    mean_anomaly = (357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * _RAD
    mean_longitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    centre = (
        (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(mean_anomaly)
        + (0.019993 - 0.000101 * t) * math.sin(2 * mean_anomaly)
        + 0.000290 * math.sin(3 * mean_anomaly)
    )
    return ((mean_longitude + centre) * _RAD) % (2 * math.pi)


def _sun_sector(day: int, tz: float) -> int:
    """Which 30° sector (0–11) the Sun is in at the start of local civil day `day`.

    Sector 9 begins at 270°, the winter solstice. A month whose first and next-first
    days share a sector contains no major solar term.
    """
    return math.floor(_sun_longitude(day - 0.5 - tz / 24) / math.pi * 6)


# --- Calendar structure ------------------------------------------------------------


@lru_cache(maxsize=1024)
def _month11_start(year: int, tz: float) -> int:
    """JDN of the first day of lunar month 11 (the winter-solstice month) ending `year`."""
    dec31 = date(year, 12, 31).toordinal() + _JDN_OFFSET
    k = math.floor((dec31 - 2415021) / _SYNODIC_MONTH)
    start = _new_moon_day(k, tz)
    # If the Sun is already past 270° when this month starts, the solstice fell in
    # the month before, which is therefore month 11.
    if _sun_sector(start, tz) >= 9:
        start = _new_moon_day(k - 1, tz)
    return start


@lru_cache(maxsize=1024)
def _leap_offset(a11: int, tz: float) -> int:
    """Months from month 11 (at `a11`) to the leap month in a 13-month year."""
    k = math.floor((a11 - _EPOCH_NEW_MOON) / _SYNODIC_MONTH + 0.5)
    i = 1
    sector = _sun_sector(_new_moon_day(k + i, tz), tz)
    while True:
        previous = sector
        i += 1
        sector = _sun_sector(_new_moon_day(k + i, tz), tz)
        # Unchanged sector: month i-1 contains no major term, so it is the leap month.
        if sector == previous or i >= 14:
            return i - 1


def _month_start_on_or_before(day_number: int, tz: float) -> int:
    """JDN of the first day of the lunar month containing `day_number`.

    The published code tries lunations k+1 then k, with k from the mean month. A true
    new moon can run late enough against the mean that lunation k, too, starts the
    next civil day (2054-05-07 came out as "day 0"), so step back until it fits.
    """
    k = math.floor((day_number - _EPOCH_NEW_MOON) / _SYNODIC_MONTH) + 1
    while (start := _new_moon_day(k, tz)) > day_number:
        k -= 1
    return start


def _to_lunar(d: date, tz: float) -> LunarDate:
    day_number = d.toordinal() + _JDN_OFFSET
    month_start = _month_start_on_or_before(day_number, tz)

    # a11/b11: the month-11 starts bracketing this day.
    a11 = b11 = _month11_start(d.year, tz)
    if a11 >= month_start:
        lunar_year = d.year
        a11 = _month11_start(d.year - 1, tz)
    else:
        lunar_year = d.year + 1
        b11 = _month11_start(d.year + 1, tz)

    # Months are 29 or 30 days, so dividing by 29 gives the month index since a11.
    offset = (month_start - a11) // 29
    month = offset + 11
    leap = False
    if b11 - a11 > 365:
        leap_at = _leap_offset(a11, tz)
        if offset >= leap_at:
            month = offset + 10
            leap = offset == leap_at
    if month > 12:
        month -= 12
    # Months 11 and 12 that follow a11 belong to the lunar year before.
    if month >= 11 and offset < 4:
        lunar_year -= 1
    return LunarDate(lunar_year, month, day_number - month_start + 1, leap)


def _to_solar(year: int, month: int, day: int, leap: bool, tz: float) -> date:
    if not 1 <= month <= 12:
        raise ValueError(f"lunar month must be 1–12, got {month}")
    if month < 11:
        a11, b11 = _month11_start(year - 1, tz), _month11_start(year, tz)
    else:
        a11, b11 = _month11_start(year, tz), _month11_start(year + 1, tz)

    offset = (month - 11) % 12
    has_leap = b11 - a11 > 365
    leap_at = _leap_offset(a11, tz) if has_leap else None
    # The leap month repeats the number of the month at offset leap_at - 1.
    if leap and (leap_at is None or (leap_at + 9) % 12 + 1 != month):
        raise ValueError(f"lunar year {year} has no leap month {month}")
    if leap_at is not None and (leap or offset >= leap_at):
        offset += 1

    k = math.floor(0.5 + (a11 - _EPOCH_NEW_MOON) / _SYNODIC_MONTH)
    month_start = _new_moon_day(k + offset, tz)
    length = _new_moon_day(k + offset + 1, tz) - month_start
    if not 1 <= day <= length:
        raise ValueError(f"lunar month {month} of {year} has {length} days, got day {day}")
    return date.fromordinal(month_start + day - 1 - _JDN_OFFSET)
