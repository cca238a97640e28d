"""Demo people: the officials named in the seed articles, with their positions as written,
and a few made-up officials of today's Phường Hạ Long with dated careers.

Real names are used only where an article names the person, with the article as the
source; their dates are unknown (the article only shows them holding the post on the
conference day). Idempotent: people are keyed on external_id ("demo-people-…").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from danvan.units.models import Body, Unit

from . import actions
from .actions import PositionSpec
from .models import Person

HA_LONG_OLD = "193@2025-06-30"
QUANG_NINH_OLD = "22@2025-06-30"
CAU_NGANG = "848@2025-06-30"
TAM_DIEP = "370@2025-06-30"
PHUONG_HA_LONG = "06688"


@dataclass(frozen=True)
class FromArticle:
    key: str
    name: str
    gender: str
    unit: str
    text: str  # positions as written
    on: dt.date
    source: str


ARTICLE_PEOPLE = [
    FromArticle(
        "le-thi-kim-cuc",
        "Lê Thị Kim Cúc",
        "female",
        QUANG_NINH_OLD,
        "Phó Trưởng Ban Dân vận Tỉnh uỷ",
        dt.date(2022, 12, 1),
        "seed_0 – Hội nghị tổng kết công tác dân vận Thành uỷ Hạ Long, 01/12/2022",
    ),
    FromArticle(
        "vu-thi-mai-anh",
        "Vũ Thị Mai Anh",
        "female",
        HA_LONG_OLD,
        "Phó Bí thư TT Thành uỷ, Trưởng BCĐ thực hiện quy chế dân chủ ở cơ sở Thành phố",
        dt.date(2022, 12, 1),
        "seed_0 – Hội nghị tổng kết công tác dân vận Thành uỷ Hạ Long, 01/12/2022",
    ),
    FromArticle(
        "bui-thu-nguyen",
        "Bùi Thu Nguyên",
        "",
        HA_LONG_OLD,
        "Phó Trưởng Ban Dân vận Thành phố",
        dt.date(2022, 12, 1),
        "seed_0 – Hội nghị tổng kết công tác dân vận Thành uỷ Hạ Long, 01/12/2022",
    ),
    FromArticle(
        "bui-duc-doan",
        "Bùi Đức Đoàn",
        "male",
        HA_LONG_OLD,
        "Uỷ viên BTV, Trưởng Ban Dân vận, Chủ tịch UB MTTQ Thành phố",
        dt.date(2022, 12, 1),
        "seed_0 – Hội nghị tổng kết công tác dân vận Thành uỷ Hạ Long, 01/12/2022",
    ),
    FromArticle(
        "nguyen-tuan-minh",
        "Nguyễn Tuấn Minh",
        "male",
        HA_LONG_OLD,
        "Uỷ viên BTV, Phó Chủ tịch TT UBND Thành phố",
        dt.date(2022, 12, 1),
        "seed_0 – Hội nghị tổng kết công tác dân vận Thành uỷ Hạ Long, 01/12/2022",
    ),
    FromArticle(
        "vu-van-dien",
        "Vũ Văn Diện",
        "male",
        HA_LONG_OLD,
        "Bí thư Thành ủy, Chủ tịch HĐND TP",
        dt.date(2022, 9, 30),
        "seed_1 – BTV Thành ủy làm việc với Đảng bộ Khối MTTQ và các tổ chức CT-XH, 9/2022",
    ),
    FromArticle(
        "tran-minh-banh",
        "Trần Minh Bảnh",
        "male",
        CAU_NGANG,
        "Phó Bí thư Thường trực Huyện ủy",
        dt.date(2023, 7, 1),
        "seed_3 – Hội nghị sơ kết 2,5 năm QCDC, Ban Dân vận Huyện ủy Cầu Ngang, 2023",
    ),
    FromArticle(
        "nguyen-van-trai",
        "Nguyễn Văn Trãi",
        "male",
        CAU_NGANG,
        "Ủy viên Ban Thường vụ Huyện ủy, Trưởng Ban Dân vận Huyện ủy, Chủ tịch UBMTTQVN huyện",
        dt.date(2023, 7, 1),
        "seed_3 – Hội nghị sơ kết 2,5 năm QCDC, Ban Dân vận Huyện ủy Cầu Ngang, 2023",
    ),
    FromArticle(
        "vu-thanh-ton",
        "Vũ Thành Tôn",
        "male",
        TAM_DIEP,
        "Phó Bí thư Thường trực Thành ủy",
        dt.date(2023, 12, 7),
        "seed_2 – Hội nghị tổng kết công tác dân vận Thành ủy Tam Điệp, 07/12/2023",
    ),
]

# The same official as recorded a second time from another article (as ingestion would):
# left unmerged so that the duplicate suggestion and the merge page have something to show.
DUPLICATE = FromArticle(
    "vu-thi-mai-anh-seed1",
    "Vũ Thị Mai Anh",
    "",
    HA_LONG_OLD,
    "Phó Bí thư TT Thành ủy",
    dt.date(2022, 9, 30),
    "seed_1 – BTV Thành ủy làm việc với Đảng bộ Khối MTTQ và các tổ chức CT-XH, 9/2022",
)


@dataclass(frozen=True)
class Career:
    key: str
    name: str
    gender: str
    birth_year: int
    posts: tuple[
        tuple[str, str, str, dt.date, dt.date | None], ...
    ]  # unit, body kind, title, from, to


MADE_UP = "Cán bộ minh họa (tên và quá trình công tác là dữ liệu mẫu)."

# Made-up officials of today's Phường Hạ Long (formed 01/07/2025 from Hồng Hải and Hồng Hà).
CAREERS = [
    Career(
        "pham-thi-thu-hang",
        "Phạm Thị Thu Hằng",
        "female",
        1975,
        (
            (
                "06688@2025-06-30",
                "fatherland_front",
                "Phó Chủ tịch Ủy ban MTTQ phường Hồng Hải",
                dt.date(2009, 3, 1),
                dt.date(2015, 12, 31),
            ),
            (
                "06688@2025-06-30",
                "fatherland_front",
                "Chủ tịch Ủy ban MTTQ phường Hồng Hải",
                dt.date(2016, 1, 1),
                dt.date(2025, 6, 30),
            ),
            (
                PHUONG_HA_LONG,
                "fatherland_front",
                "Phó Chủ tịch Ủy ban MTTQ Việt Nam phường Hạ Long",
                dt.date(2025, 7, 1),
                None,
            ),
        ),
    ),
    Career(
        "do-van-hung",
        "Đỗ Văn Hùng",
        "male",
        1970,
        (
            (
                "06697@2025-06-30",
                "party_committee",
                "Phó Bí thư Thường trực Đảng ủy phường Hồng Hà",
                dt.date(2015, 10, 1),
                dt.date(2025, 6, 30),
            ),
            (
                PHUONG_HA_LONG,
                "party_committee",
                "Phó Bí thư Đảng ủy phường Hạ Long",
                dt.date(2025, 7, 1),
                None,
            ),
        ),
    ),
    Career(
        "hoang-thi-lan",
        "Hoàng Thị Lan",
        "female",
        1982,
        (
            (
                "06697@2025-06-30",
                "womens_union",
                "Chủ tịch Hội Liên hiệp Phụ nữ phường Hồng Hà",
                dt.date(2017, 6, 1),
                dt.date(2025, 6, 30),
            ),
            (
                PHUONG_HA_LONG,
                "womens_union",
                "Chủ tịch Hội Liên hiệp Phụ nữ phường Hạ Long",
                dt.date(2025, 7, 1),
                None,
            ),
        ),
    ),
    Career(
        "nguyen-quang-vinh",
        "Nguyễn Quang Vinh",
        "male",
        1968,
        (
            (
                HA_LONG_OLD,
                "mass_mobilization",
                "Chuyên viên Ban Dân vận Thành ủy Hạ Long",
                dt.date(2004, 8, 1),
                dt.date(2012, 12, 31),
            ),
            (
                HA_LONG_OLD,
                "mass_mobilization",
                "Phó Trưởng Ban Dân vận Thành ủy Hạ Long",
                dt.date(2013, 1, 1),
                dt.date(2025, 6, 30),
            ),
            (
                PHUONG_HA_LONG,
                "fatherland_front",
                "Chủ tịch Ủy ban MTTQ Việt Nam phường Hạ Long",
                dt.date(2025, 7, 1),
                None,
            ),
        ),
    ),
]


def _person(
    key: str, name: str, gender: str, *, by: Any, birth_year: int | None = None, note: str = ""
) -> tuple[Person, bool]:
    external_id = f"demo-people-{key}"
    existing = Person.objects.filter(external_id=external_id).first()
    if existing is not None:
        return existing, False
    person = actions.create_person(
        by=by,
        full_name=name,
        gender=gender,
        birth_year=birth_year,
        note=note,
        external_id=external_id,
    )
    return person, True


def load_demo(*, by: Any) -> str:
    if not Unit.objects.filter(key=HA_LONG_OLD).exists():
        return ""
    created = 0
    for a in [*ARTICLE_PEOPLE, DUPLICATE]:
        person, new = _person(a.key, a.name, a.gender, by=by)
        if new:
            unit = Unit.objects.get(key=a.unit)
            actions.add_positions_from_text(
                person, a.text, by=by, unit=unit, on=a.on, source=a.source
            )
            created += 1
    for c in CAREERS:
        person, new = _person(c.key, c.name, c.gender, by=by, birth_year=c.birth_year, note=MADE_UP)
        if not new:
            continue
        created += 1
        for unit_key, kind, title, start, end in c.posts:
            unit = Unit.objects.get(key=unit_key)
            body = Body.objects.filter(unit=unit, kind=kind).valid_on(start).first()
            actions.add_position(
                person,
                PositionSpec(
                    title=title,
                    unit=unit,
                    body=body,
                    valid_from=start,
                    valid_to=end,
                    source="dữ liệu mẫu",
                ),
                by=by,
            )
    return f"{created} cán bộ mới" if created else "đã có"
