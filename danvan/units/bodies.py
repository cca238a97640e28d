"""The standard bodies (cơ quan, tổ chức) of a unit and their names over time.

Names follow the usual official forms. The 2025 merger of the Ban Dân vận into the
Ban Tuyên giáo và Dân vận is dated in RENAMES; the provincial date varied by
province [U] and administrators correct individual rows in the admin.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from danvan.lib.text import fold

from .models import BodyKind, Kind, Level

# The central merger was announced on 3 Feb 2025 [V]; provinces followed within
# weeks [S]; 1 Mar 2025 is a default for them [U], editable per body.
CENTRAL_BTGDV_FROM = dt.date(2025, 2, 3)
PROVINCIAL_BTGDV_FROM = dt.date(2025, 3, 1)


@dataclass(frozen=True, slots=True)
class BodySpec:
    kind: str
    name: str
    short_code: str
    valid_from: dt.date | None
    valid_to: dt.date | None


# How the unit's name reads after an organisation's name: "tỉnh Quảng Ninh".
_PLACE_WORD = {
    Kind.PROVINCE: "tỉnh",
    Kind.CENTRAL_CITY: "thành phố",
    Kind.URBAN_DISTRICT: "quận",
    Kind.RURAL_DISTRICT: "huyện",
    Kind.TOWN: "thị xã",
    Kind.PROVINCIAL_CITY: "thành phố",
    Kind.COMMUNE: "xã",
    Kind.WARD: "phường",
    Kind.TOWNSHIP: "thị trấn",
    Kind.SPECIAL_ZONE: "đặc khu",
}

# Party committee of a unit: (name prefix, issuer code in document numbers).
_PARTY_COMMITTEE = {
    Kind.PROVINCE: ("Tỉnh ủy", "TU"),
    Kind.CENTRAL_CITY: ("Thành ủy", "TU"),
    Kind.URBAN_DISTRICT: ("Quận ủy", "QU"),
    Kind.RURAL_DISTRICT: ("Huyện ủy", "HU"),
    Kind.TOWN: ("Thị ủy", "TU"),
    Kind.PROVINCIAL_CITY: ("Thành ủy", "TU"),
}

_CENTRAL = [
    (BodyKind.PARTY_COMMITTEE, "Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam", "TW"),
    (BodyKind.FATHERLAND_FRONT, "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "MTTW"),
    (BodyKind.TRADE_UNION, "Tổng Liên đoàn Lao động Việt Nam", "TLĐ"),
    (BodyKind.FARMERS_UNION, "Trung ương Hội Nông dân Việt Nam", "HNDTW"),
    (BodyKind.WOMENS_UNION, "Trung ương Hội Liên hiệp Phụ nữ Việt Nam", "ĐCT"),
    (BodyKind.YOUTH_UNION, "Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh", "TWĐTN"),
    (BodyKind.VETERANS, "Trung ương Hội Cựu chiến binh Việt Nam", "CCB"),
]


def place(kind: str, short_name: str) -> str:
    return f"{_PLACE_WORD[Kind(kind)]} {short_name}"


def standard_bodies(
    *, kind: str, level: str, short_name: str, valid_from: dt.date | None, valid_to: dt.date | None
) -> list[BodySpec]:
    """The standard bodies of one unit, each name with its validity."""
    if level == Level.NATION:
        return _central_bodies()
    where = place(kind, short_name)
    specs = [_party_committee(kind, short_name, where, valid_from, valid_to)]
    specs += _mass_mobilization(kind, level, short_name, valid_from, valid_to)
    specs.append(
        BodySpec(
            BodyKind.FATHERLAND_FRONT,
            f"Ủy ban Mặt trận Tổ quốc Việt Nam {where}",
            "MTTQ",
            valid_from,
            valid_to,
        )
    )
    if level in (Level.PROVINCE, Level.DISTRICT):
        # Below the district the trade union works through grassroots unions, not a
        # territorial body.
        specs.append(
            BodySpec(
                BodyKind.TRADE_UNION, f"Liên đoàn Lao động {where}", "LĐLĐ", valid_from, valid_to
            )
        )
    for body_kind, prefix, code in (
        (BodyKind.FARMERS_UNION, "Hội Nông dân", "HND"),
        (BodyKind.WOMENS_UNION, "Hội Liên hiệp Phụ nữ", "HLHPN"),
        (BodyKind.YOUTH_UNION, "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "ĐTN"),
        (BodyKind.VETERANS, "Hội Cựu chiến binh", "HCCB"),
        (BodyKind.PEOPLES_COUNCIL, "Hội đồng nhân dân", "HĐND"),
        (BodyKind.PEOPLES_COMMITTEE, "Ủy ban nhân dân", "UBND"),
    ):
        specs.append(BodySpec(body_kind, f"{prefix} {where}", code, valid_from, valid_to))
    return specs


def _central_bodies() -> list[BodySpec]:
    specs = [BodySpec(kind, name, code, None, None) for kind, name, code in _CENTRAL]
    specs.insert(
        1,
        BodySpec(
            BodyKind.MASS_MOBILIZATION,
            "Ban Dân vận Trung ương",
            "BDVTW",
            None,
            CENTRAL_BTGDV_FROM - dt.timedelta(days=1),
        ),
    )
    specs.insert(
        2,
        BodySpec(
            BodyKind.MASS_MOBILIZATION,
            "Ban Tuyên giáo và Dân vận Trung ương",
            "BTGDVTW",
            CENTRAL_BTGDV_FROM,
            None,
        ),
    )
    return specs


def _party_committee(kind: str, short_name: str, where: str, valid_from, valid_to) -> BodySpec:
    if Kind(kind) in _PARTY_COMMITTEE:
        prefix, code = _PARTY_COMMITTEE[Kind(kind)]
        return BodySpec(
            BodyKind.PARTY_COMMITTEE, f"{prefix} {short_name}", code, valid_from, valid_to
        )
    return BodySpec(BodyKind.PARTY_COMMITTEE, f"Đảng ủy {where}", "ĐU", valid_from, valid_to)


def _mass_mobilization(
    kind: str, level: str, short_name: str, valid_from, valid_to
) -> list[BodySpec]:
    """Province and district committees have a Ban Dân vận; communes do not."""
    if level == Level.COMMUNE:
        return []
    committee, code = _PARTY_COMMITTEE[Kind(kind)]
    owner = f"{committee} {short_name}"
    if level == Level.DISTRICT:
        return [
            BodySpec(
                BodyKind.MASS_MOBILIZATION,
                f"Ban Dân vận {owner}",
                f"BDV{code}",
                valid_from,
                valid_to,
            )
        ]
    switch = PROVINCIAL_BTGDV_FROM
    old_to = switch - dt.timedelta(days=1)
    specs = []
    if valid_from is None or valid_from < switch:
        specs.append(
            BodySpec(
                BodyKind.MASS_MOBILIZATION, f"Ban Dân vận {owner}", f"BDV{code}", valid_from, old_to
            )
        )
    if valid_to is None or valid_to >= switch:
        specs.append(
            BodySpec(
                BodyKind.MASS_MOBILIZATION,
                f"Ban Tuyên giáo và Dân vận {owner}",
                f"BTGDV{code}",
                max(switch, valid_from) if valid_from else switch,
                valid_to,
            )
        )
    return specs


def body_search_key(name: str) -> str:
    return fold(name)
