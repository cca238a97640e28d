"""Holiday schedules the Government announced for civil servants, bundled for loading.

DOMAIN.md §3.4: load the official dates each year; the lunar converter only suggests.
Each year lists the days that change the Monday–Friday week: weekdays off (holidays,
days in lieu, swapped days), named holidays that fell on a weekend (for the record),
and Saturdays worked in exchange. `groups` says which holidays of the year the list
covers: the loader drops the suggestions of those holidays and keeps the others.

Confidence: [S] where the schedule was checked against a news report (URL given);
[U] where it was written from the widely reported schedules without a source at hand
— administrators should confirm those against the announcement of the year.
Vietnam's 2020 holidays still followed Bộ luật Lao động 2012 (one day for Quốc khánh).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from danvan.lib.workdays import (
    COMPENSATORY_PREFIX,
    HUNG_KINGS,
    LABOUR_DAY,
    LUNAR_NEW_YEAR,
    NATIONAL_DAY,
    NEW_YEAR,
    VICTORY_DAY,
)

from .models import Confidence, DayKind

H, C, M = DayKind.HOLIDAY, DayKind.COMPENSATORY, DayKind.MAKEUP_WORKDAY
S, U = Confidence.SECONDARY, Confidence.UNVERIFIED

# Groups of holidays an announcement covers (a suggestion's name, or "Nghỉ bù <name>").
ALL_GROUPS = frozenset(
    {NEW_YEAR, LUNAR_NEW_YEAR, HUNG_KINGS, VICTORY_DAY, LABOUR_DAY, NATIONAL_DAY}
)
SWAP = "Nghỉ hoán đổi"
MAKEUP = "Làm bù"


@dataclass(frozen=True)
class Announced:
    date: date
    kind: str
    name: str
    legal_ref: str
    confidence: str
    source_url: str = ""


@dataclass(frozen=True)
class YearSchedule:
    groups: frozenset[str]
    days: tuple[Announced, ...]


def group_of(name: str) -> str:
    """'Nghỉ bù Giỗ Tổ Hùng Vương' → 'Giỗ Tổ Hùng Vương' (the suggestion's group)."""
    prefix = f"{COMPENSATORY_PREFIX} "
    return name[len(prefix) :] if name.startswith(prefix) else name


def _tet(year: int, days: list[date], ref: str, conf: str, url: str = "") -> list[Announced]:
    return [Announced(d, H, LUNAR_NEW_YEAR, ref, conf, url) for d in days]


def _d(year: int, month: int, *days: int) -> list[date]:
    return [date(year, month, d) for d in days]


_REF_LDTBXH = "Thông báo lịch nghỉ lễ, Tết năm {y} của Bộ Lao động – Thương binh và Xã hội"
_REF_BLLD = "Bộ luật Lao động 2019, Điều 112"

SCHEDULES: dict[int, YearSchedule] = {
    2020: YearSchedule(
        ALL_GROUPS,
        (
            Announced(date(2020, 1, 1), H, NEW_YEAR, "Bộ luật Lao động 2012, Điều 115", U),
            # 29 tháng Chạp to mùng 5 Tết: Thursday 23/1 to Wednesday 29/1.
            *_tet(2020, _d(2020, 1, 23, 24, 27, 28, 29), _REF_LDTBXH.format(y=2020), U),
            Announced(date(2020, 4, 2), H, HUNG_KINGS, "Bộ luật Lao động 2012, Điều 115", U),
            Announced(date(2020, 4, 30), H, VICTORY_DAY, "Bộ luật Lao động 2012, Điều 115", U),
            Announced(date(2020, 5, 1), H, LABOUR_DAY, "Bộ luật Lao động 2012, Điều 115", U),
            Announced(date(2020, 9, 2), H, NATIONAL_DAY, "Bộ luật Lao động 2012, Điều 115", U),
        ),
    ),
    2021: YearSchedule(
        ALL_GROUPS,
        (
            Announced(date(2021, 1, 1), H, NEW_YEAR, _REF_BLLD, U),
            # 29 tháng Chạp to mùng 5 Tết: Wednesday 10/2 to Tuesday 16/2.
            *_tet(2021, _d(2021, 2, 10, 11, 12, 15, 16), _REF_LDTBXH.format(y=2021), U),
            Announced(date(2021, 4, 21), H, HUNG_KINGS, _REF_BLLD, U),
            Announced(date(2021, 4, 30), H, VICTORY_DAY, _REF_BLLD, U),
            Announced(date(2021, 5, 1), H, LABOUR_DAY, _REF_BLLD, U),
            Announced(
                date(2021, 5, 3),
                C,
                f"{COMPENSATORY_PREFIX} {LABOUR_DAY}",
                _REF_BLLD,
                S,
                "http://www.giadinhcuquang.net/2021/04/so-ngay-nghi-le.html",
            ),
            Announced(date(2021, 9, 2), H, NATIONAL_DAY, _REF_BLLD, U),
            Announced(date(2021, 9, 3), H, NATIONAL_DAY, _REF_BLLD, U),
        ),
    ),
    2022: YearSchedule(
        ALL_GROUPS,
        (
            Announced(date(2022, 1, 1), H, NEW_YEAR, _REF_BLLD, U),
            Announced(date(2022, 1, 3), C, f"{COMPENSATORY_PREFIX} {NEW_YEAR}", _REF_BLLD, U),
            # Saturday 29/1 to Sunday 6/2: weekdays 31/1 (29 tháng Chạp) to 4/2 (mùng 4).
            *_tet(
                2022, [*_d(2022, 1, 31), *_d(2022, 2, 1, 2, 3, 4)], _REF_LDTBXH.format(y=2022), U
            ),
            Announced(date(2022, 4, 10), H, HUNG_KINGS, _REF_BLLD, U),
            Announced(date(2022, 4, 11), C, f"{COMPENSATORY_PREFIX} {HUNG_KINGS}", _REF_BLLD, U),
            Announced(date(2022, 4, 30), H, VICTORY_DAY, _REF_BLLD, U),
            Announced(date(2022, 5, 1), H, LABOUR_DAY, _REF_BLLD, U),
            Announced(date(2022, 5, 2), C, f"{COMPENSATORY_PREFIX} {VICTORY_DAY}", _REF_BLLD, U),
            Announced(date(2022, 5, 3), C, f"{COMPENSATORY_PREFIX} {LABOUR_DAY}", _REF_BLLD, U),
            Announced(date(2022, 9, 1), H, NATIONAL_DAY, _REF_BLLD, U),
            Announced(date(2022, 9, 2), H, NATIONAL_DAY, _REF_BLLD, U),
        ),
    ),
    2023: YearSchedule(
        ALL_GROUPS,
        (
            Announced(date(2023, 1, 1), H, NEW_YEAR, _REF_BLLD, U),
            Announced(date(2023, 1, 2), C, f"{COMPENSATORY_PREFIX} {NEW_YEAR}", _REF_BLLD, U),
            # 29 tháng Chạp to mùng 5 Tết: Friday 20/1 to Thursday 26/1.
            *_tet(2023, _d(2023, 1, 20, 23, 24, 25, 26), _REF_LDTBXH.format(y=2023), U),
            # Giỗ Tổ on Saturday 29/4, 30/4 on Sunday: in lieu on 2/5 and 3/5.
            Announced(
                date(2023, 4, 29),
                H,
                HUNG_KINGS,
                _REF_BLLD,
                S,
                "https://todaycnews.com/thaonguyen/nghi-le-30-4",
            ),
            Announced(
                date(2023, 4, 30),
                H,
                VICTORY_DAY,
                _REF_BLLD,
                S,
                "https://todaycnews.com/thaonguyen/nghi-le-30-4",
            ),
            Announced(
                date(2023, 5, 1),
                H,
                LABOUR_DAY,
                _REF_BLLD,
                S,
                "https://todaycnews.com/thaonguyen/nghi-le-30-4",
            ),
            Announced(
                date(2023, 5, 2),
                C,
                f"{COMPENSATORY_PREFIX} {HUNG_KINGS}",
                _REF_BLLD,
                S,
                "https://todaycnews.com/thaonguyen/nghi-le-30-4",
            ),
            Announced(
                date(2023, 5, 3),
                C,
                f"{COMPENSATORY_PREFIX} {VICTORY_DAY}",
                _REF_BLLD,
                S,
                "https://todaycnews.com/thaonguyen/nghi-le-30-4",
            ),
            Announced(date(2023, 9, 1), H, NATIONAL_DAY, _REF_BLLD, U),
            Announced(date(2023, 9, 2), H, NATIONAL_DAY, _REF_BLLD, U),
            Announced(date(2023, 9, 4), C, f"{COMPENSATORY_PREFIX} {NATIONAL_DAY}", _REF_BLLD, U),
        ),
    ),
    2024: YearSchedule(
        ALL_GROUPS,
        (
            Announced(date(2024, 1, 1), H, NEW_YEAR, _REF_BLLD, U),
            # 29 tháng Chạp to mùng 5 Tết: Thursday 8/2 to Wednesday 14/2.
            *_tet(2024, _d(2024, 2, 8, 9, 12, 13, 14), _REF_LDTBXH.format(y=2024), U),
            Announced(
                date(2024, 4, 18),
                H,
                HUNG_KINGS,
                _REF_BLLD,
                S,
                "https://xaydungchinhsach.chinhphu.vn/nguoi-lao-dong.html",
            ),
            # Monday 29/4 swapped with Saturday 4/5: five days off, 27/4 to 1/5.
            Announced(
                date(2024, 4, 29),
                C,
                f"{SWAP} (làm bù Thứ Bảy 04/05/2024)",
                "Công văn 2450/VPCP-KGVX ngày 12/4/2024 của Văn phòng Chính phủ",
                S,
                "https://baophapluat.vn/media/thu-tuong-chinh-phu-dong-y-nghi-5-ngay-lien-tiep-dip-304-va-15-post12513.html",
            ),
            Announced(date(2024, 4, 30), H, VICTORY_DAY, _REF_BLLD, S),
            Announced(date(2024, 5, 1), H, LABOUR_DAY, _REF_BLLD, S),
            Announced(
                date(2024, 5, 4),
                M,
                f"{MAKEUP} cho ngày nghỉ hoán đổi 29/04/2024",
                "Công văn 2450/VPCP-KGVX ngày 12/4/2024 của Văn phòng Chính phủ",
                S,
                "https://baophapluat.vn/media/thu-tuong-chinh-phu-dong-y-nghi-5-ngay-lien-tiep-dip-304-va-15-post12513.html",
            ),
            Announced(date(2024, 9, 2), H, NATIONAL_DAY, _REF_BLLD, U),
            Announced(date(2024, 9, 3), H, NATIONAL_DAY, _REF_BLLD, U),
        ),
    ),
    2025: YearSchedule(
        ALL_GROUPS,
        (
            Announced(date(2025, 1, 1), H, NEW_YEAR, _REF_BLLD, U),
            # Saturday 25/1 to Sunday 2/2: weekdays 27/1 (28 tháng Chạp) to 31/1 (mùng 3).
            *_tet(2025, _d(2025, 1, 27, 28, 29, 30, 31), _REF_LDTBXH.format(y=2025), U),
            Announced(date(2025, 4, 7), H, HUNG_KINGS, _REF_BLLD, U),
            Announced(
                date(2025, 4, 26),
                M,
                f"{MAKEUP} cho ngày nghỉ hoán đổi 02/05/2025",
                "Lịch nghỉ 30/4 – 1/5/2025 của cán bộ, công chức, viên chức",
                S,
                "https://www.vietnamplus.vn/cong-chuc-vien-chuc-duoc-nghi-the-nao-trong-dip-le-304-152025-post1033115.vnp",
            ),
            Announced(date(2025, 4, 30), H, VICTORY_DAY, _REF_BLLD, S),
            Announced(date(2025, 5, 1), H, LABOUR_DAY, _REF_BLLD, S),
            Announced(
                date(2025, 5, 2),
                C,
                f"{SWAP} (làm bù Thứ Bảy 26/04/2025)",
                "Lịch nghỉ 30/4 – 1/5/2025 của cán bộ, công chức, viên chức",
                S,
                "https://www.vietnamplus.vn/cong-chuc-vien-chuc-duoc-nghi-the-nao-trong-dip-le-304-152025-post1033115.vnp",
            ),
            Announced(date(2025, 9, 1), H, NATIONAL_DAY, _REF_BLLD, U),
            Announced(date(2025, 9, 2), H, NATIONAL_DAY, _REF_BLLD, U),
        ),
    ),
    # 2026: only the holidays whose schedule was checked; the rest stay suggestions.
    2026: YearSchedule(
        frozenset({LUNAR_NEW_YEAR, HUNG_KINGS}),
        (
            # Saturday 14/2 (27 tháng Chạp) to Sunday 22/2 (mùng 6): nine days.
            *_tet(
                2026,
                _d(2026, 2, 16, 17, 18, 19, 20),
                "Lịch nghỉ Tết Nguyên đán Bính Ngọ 2026 của cán bộ, công chức, viên chức",
                S,
                "http://www.congan.com.vn/?catid=702&id=388656&mod=detnews",
            ),
            Announced(
                date(2026, 4, 26),
                H,
                HUNG_KINGS,
                _REF_BLLD,
                S,
                "https://thanhnien.vn/gio-to-hung-vuong-304-15-quoc-khanh-29-nam-2026-duoc-nghi-may-ngay-185260223083506397.htm",
            ),
            Announced(
                date(2026, 4, 27),
                C,
                f"{COMPENSATORY_PREFIX} {HUNG_KINGS}",
                _REF_BLLD,
                S,
                "https://thanhnien.vn/gio-to-hung-vuong-304-15-quoc-khanh-29-nam-2026-duoc-nghi-may-ngay-185260223083506397.htm",
            ),
        ),
    ),
}
