"""Demo emulation data, through the actions (idempotent on external_id).

* Tam Điệp (Ninh Bình, before 2025): the city Ban Dân vận signs an emulation pledge with
  the communes and wards each year (seed_2: "ký kết giao ước thi đua năm 2024" at the
  year review of 07/12/2023). 2023: scored and closed; 2024: signed, scoring not closed
  (overdue); 2025: cancelled when the city was dissolved on 01/07/2025. Criteria,
  populations and village counts are illustrative, not official figures.
* Quảng Ninh: a draft 2026 pledge of the provincial Ban Tuyên giáo và Dân vận.
* Hạ Long 2022 (seed_0): 14 individuals received commemorative medals of the central
  Ban Dân vận and the central committee of the Front at the year review of 01/12/2022.
  The article gives neither names nor the split between the two medals: the 14 names
  and the split below are made up. Plus proposals in every state for today's Phường Hạ
  Long and collective certificates in Cầu Ngang.

The communes of Tam Điệp have no Ban Dân vận row in the unit table (the commune "Ban Dân
vận" of the article works within the commune Party committee), so their Party committee
signs for them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from danvan.people import actions as people_actions
from danvan.people.actions import PositionSpec
from danvan.people.models import Person
from danvan.units.models import Body, BodyKind, Unit

from . import actions
from .models import AwardForm, Commendation, Measure, Pledge, RecipientKind
from .states import CommendationStatus

TAM_DIEP = "370@2025-06-30"
HA_LONG_OLD = "193@2025-06-30"
CAU_NGANG = "848@2025-06-30"
PHUONG_HA_LONG = "06688"
QUANG_NINH = "22"

# Illustrative sizes of Tam Điệp's communes and wards (population, villages/residential groups).
SIZES = {
    "14362@2025-06-30": (7900, 13),  # Phường Bắc Sơn
    "14365@2025-06-30": (6800, 12),  # Phường Trung Sơn
    "14368@2025-06-30": (8600, 14),  # Phường Nam Sơn
    "14369@2025-06-30": (7200, 12),  # Phường Tây Sơn
    "14371@2025-06-30": (6100, 11),  # Xã Yên Sơn
    "14374@2025-06-30": (5300, 9),  # Phường Yên Bình
    "14375@2025-06-30": (4600, 8),  # Phường Tân Bình
    "14377@2025-06-30": (9400, 16),  # Xã Quang Sơn
    "14380@2025-06-30": (7700, 13),  # Xã Đông Sơn
}

CRITERIA = [
    (
        "Tham mưu cấp ủy lãnh đạo, chỉ đạo công tác dân vận và thực hiện Quy chế dân chủ ở cơ sở",
        Measure.POINTS,
        Decimal(20),
    ),
    ("Số mô hình “Dân vận khéo” đăng ký mới trong năm", Measure.COUNT, Decimal(20)),
    ("Số hội nghị đối thoại, tiếp xúc, lắng nghe ý kiến Nhân dân", Measure.COUNT, Decimal(15)),
    ("Giải quyết kịp thời đơn thư, kiến nghị của Nhân dân tại cơ sở", Measure.POINTS, Decimal(20)),
    (
        "Phối hợp Mặt trận, đoàn thể thực hiện các phong trào thi đua, cuộc vận động",
        Measure.POINTS,
        Decimal(25),
    ),
]

# Per commune: points for criteria 1, 4, 5 and counts for 2, 3 (illustrative).
RESULTS_2023 = {
    "14362@2025-06-30": (18, 3, 14, 18, 23),
    "14365@2025-06-30": (17, 2, 12, 19, 22),
    "14368@2025-06-30": (19, 4, 15, 17, 24),
    "14369@2025-06-30": (16, 2, 10, 18, 21),
    "14371@2025-06-30": (19, 4, 13, 19, 24),  # Yên Sơn: new rural development, cited in seed_2
    "14374@2025-06-30": (17, 2, 8, 18, 22),
    "14375@2025-06-30": (18, 2, 7, 19, 23),
    "14377@2025-06-30": (17, 3, 16, 16, 22),
    "14380@2025-06-30": (16, 3, 11, 15, 21),
}


def _unit(key: str) -> Unit | None:
    return Unit.objects.filter(key=key).first()


def _conference(unit: Unit, on: dt.date) -> Any:
    try:
        from danvan.conferences.models import Conference
    except ImportError:  # pragma: no cover - the conferences app is always installed
        return None
    return Conference.objects.filter(unit=unit, held_on=on).first()


def _commune_bodies(city: Unit) -> list[Body]:
    return [
        Body.objects.filter(unit=commune, kind=BodyKind.PARTY_COMMITTEE).first()
        for commune in city.children.order_by("code")
    ]


def _pledge(city: Unit, year: int, *, by: Any) -> tuple[Pledge, bool]:
    external_id = f"demo-giao-uoc-{year}"
    existing = Pledge.objects.filter(unit=city, external_id=external_id).first()
    if existing is not None:
        return existing, False
    commission = Body.objects.get(unit=city, kind=BodyKind.MASS_MOBILIZATION)
    pledge = actions.create_pledge(
        by=by,
        body=commission,
        year=year,
        title=f"Giao ước thi đua năm {year}",
        movement="Thi đua thực hiện công tác dân vận, Quy chế dân chủ ở cơ sở và phong trào “Dân vận khéo”",
        note="Tiêu chí, số dân, số thôn và kết quả là dữ liệu minh họa.",
        external_id=external_id,
        on=dt.date(year - 1, 11, 20),
    )
    for body in _commune_bodies(city):
        population, villages = SIZES.get(body.unit.key, (None, None))
        actions.add_participant(
            pledge,
            by=by,
            body=body,
            population=population,
            villages=villages,
            signer_name="Phó Bí thư Thường trực Đảng ủy",
        )
    for number, (text, measure, max_score) in enumerate(CRITERIA, start=1):
        actions.set_criterion(
            pledge, by=by, number=number, text=text, measure=measure, max_score=max_score
        )
    return pledge, True


def _score(pledge: Pledge, *, by: Any, only: int | None = None) -> None:
    criteria = list(pledge.criteria.order_by("number"))
    inputs = []
    for i, participant in enumerate(pledge.participants.select_related("unit")):
        if only is not None and i >= only:
            break
        values = RESULTS_2023.get(participant.unit.key)
        if values is None:
            continue
        for criterion, value in zip(criteria, values, strict=True):
            inputs.append(actions.ScoreInput(participant, criterion, Decimal(value)))
    actions.record_scores(pledge, inputs, by=by)


def _tam_diep(*, by: Any) -> int:
    city = _unit(TAM_DIEP)
    if city is None or not Body.objects.filter(unit=city, kind=BodyKind.MASS_MOBILIZATION).exists():
        return 0
    made = 0
    p2023, new = _pledge(city, 2023, by=by)
    if new:
        made += 1
        actions.sign_pledge(
            p2023,
            by=by,
            signed_on=dt.date(2022, 12, 16),
            note="Ký kết tại Hội nghị tổng kết công tác dân vận năm 2022.",
        )
        _score(p2023, by=by)
        actions.close_scoring(
            p2023,
            by=by,
            on=dt.date(2023, 12, 7),
            note="Tổng kết tại Hội nghị tổng kết công tác dân vận năm 2023.",
        )
    p2024, new = _pledge(city, 2024, by=by)
    if new:
        made += 1
        actions.sign_pledge(
            p2024,
            by=by,
            signed_on=dt.date(2023, 12, 7),
            conference=_conference(city, dt.date(2023, 12, 7)),
            note="Ban Dân vận Thành ủy ký kết giao ước thi đua năm 2024 với Ban Dân vận các xã, phường "
            "(seed_2, 07/12/2023).",
        )
        _score(p2024, by=by, only=5)  # scoring started, never closed: overdue since early 2025
    p2025, new = _pledge(city, 2025, by=by)
    if new:
        made += 1
        actions.sign_pledge(p2025, by=by, signed_on=dt.date(2024, 12, 12))
        actions.cancel_pledge(
            p2025,
            by=by,
            note="Thành phố Tam Điệp kết thúc hoạt động từ 01/07/2025 (sắp xếp đơn vị hành chính).",
        )
    return made


def _quang_ninh_draft(*, by: Any) -> int:
    province = _unit(QUANG_NINH)
    if (
        province is None
        or Pledge.objects.filter(unit=province, external_id="demo-giao-uoc-2026").exists()
    ):
        return 0
    commission = Body.objects.filter(unit=province, kind=BodyKind.MASS_MOBILIZATION).first()
    if commission is None:
        return 0
    pledge = actions.create_pledge(
        by=by,
        body=commission,
        year=2026,
        title="Giao ước thi đua năm 2026 (dự thảo)",
        movement="Phong trào thi đua “Dân vận khéo”",
        external_id="demo-giao-uoc-2026",
        note="Dự thảo gửi các đảng ủy xã, phường góp ý.",
    )
    for key in (PHUONG_HA_LONG,):
        body = Body.objects.filter(unit__key=key, kind=BodyKind.PARTY_COMMITTEE).first()
        if body is not None:
            actions.add_participant(pledge, by=by, body=body)
    actions.set_criterion(
        pledge, by=by, number=1, text=CRITERIA[0][0], measure=Measure.POINTS, max_score=Decimal(30)
    )
    return 1


# The 14 medal recipients of Hạ Long 2022 (seed_0). Names and posts are MADE UP: the
# article names none of them. (name, gender, ward key, post, body kind, post held since)
MEDALISTS = [
    (
        "Nguyễn Thị Hương",
        "female",
        "06688@2025-06-30",
        "Chủ tịch Ủy ban MTTQ phường Hồng Hải",
        "fatherland_front",
        2008,
    ),
    (
        "Trần Văn Thắng",
        "male",
        "06673@2025-06-30",
        "Phó Bí thư Thường trực Đảng ủy phường Bãi Cháy",
        "party_committee",
        2006,
    ),
    (
        "Lê Thị Thanh Huyền",
        "female",
        "06691@2025-06-30",
        "Chủ tịch Hội Liên hiệp Phụ nữ phường Hồng Gai",
        "womens_union",
        2011,
    ),
    (
        "Phạm Văn Hòa",
        "male",
        "06664@2025-06-30",
        "Chủ tịch Hội Cựu chiến binh phường Hà Tu",
        "veterans",
        2010,
    ),
    (
        "Vũ Thị Ngọc Ánh",
        "female",
        "06697@2025-06-30",
        "Phó Chủ tịch Ủy ban MTTQ phường Hồng Hà",
        "fatherland_front",
        2012,
    ),
    (
        "Đặng Quốc Khánh",
        "male",
        "06649@2025-06-30",
        "Chủ tịch Hội Nông dân phường Hà Khánh",
        "farmers_union",
        2009,
    ),
    (
        "Bùi Thị Minh Nguyệt",
        "female",
        HA_LONG_OLD,
        "Chuyên viên Ban Dân vận Thành ủy",
        "mass_mobilization",
        2007,
    ),
    (
        "Ngô Văn Tuấn",
        "male",
        "06685@2025-06-30",
        "Bí thư Đảng ủy phường Trần Hưng Đạo",
        "party_committee",
        2005,
    ),
    (
        "Đỗ Thị Thu Trang",
        "female",
        "06670@2025-06-30",
        "Chủ tịch Ủy ban MTTQ phường Hà Lầm",
        "fatherland_front",
        2009,
    ),
    (
        "Hoàng Văn Sơn",
        "male",
        "07030@2025-06-30",
        "Chủ tịch Ủy ban MTTQ phường Hoành Bồ",
        "fatherland_front",
        2007,
    ),
    (
        "Nguyễn Văn Long",
        "male",
        "06700@2025-06-30",
        "Trưởng Ban công tác Mặt trận khu 3, phường Tuần Châu",
        "fatherland_front",
        2004,
    ),
    (
        "Lý Thị Mai",
        "female",
        "07036@2025-06-30",
        "Chủ tịch Ủy ban MTTQ xã Đồng Sơn",
        "fatherland_front",
        2010,
    ),
    (
        "Trịnh Văn Dũng",
        "male",
        "06703@2025-06-30",
        "Phó Chủ tịch Ủy ban MTTQ phường Việt Hưng",
        "fatherland_front",
        2011,
    ),
    (
        "Phan Thị Hồng Nhung",
        "female",
        "06658@2025-06-30",
        "Bí thư Chi bộ khu 5, phường Cao Xanh",
        "party_committee",
        2012,
    ),
]
# The article does not say how many got each medal: the first 8 the Ban Dân vận's, the
# last 6 the Front's (made up).
DAN_VAN_MEDALS = 8


def _medalist(i: int, row: tuple[Any, ...], *, by: Any) -> Person:
    name, gender, unit_key, title, kind, since = row
    external_id = f"demo-people-huy-chuong-2022-{i:02d}"
    person = Person.objects.filter(external_id=external_id).first()
    if person is not None:
        return person
    unit = Unit.objects.get(key=unit_key)
    body = Body.objects.filter(unit=unit, kind=kind).first()
    return people_actions.create_person(
        by=by,
        full_name=name,
        gender=gender,
        external_id=external_id,
        note="Cán bộ minh họa: tên và chức vụ là dữ liệu mẫu (bài viết không nêu tên 14 cá nhân).",
        position=PositionSpec(
            title=title, unit=unit, body=body, valid_from=dt.date(since, 1, 1), source="dữ liệu mẫu"
        ),
    )


def _ha_long_2022(*, by: Any) -> int:
    city = _unit(HA_LONG_OLD)
    if city is None:
        return 0
    proposer = Body.objects.filter(unit=city, kind=BodyKind.MASS_MOBILIZATION).first()
    central_bdv = Body.objects.filter(unit__key="VN", name="Ban Dân vận Trung ương").first()
    central_front = Body.objects.filter(unit__key="VN", kind=BodyKind.FATHERLAND_FRONT).first()
    conference = _conference(city, dt.date(2022, 12, 1))
    made = 0
    for i, row in enumerate(MEDALISTS, start=1):
        external_id = f"demo-knc-2022-{i:02d}"
        if Commendation.objects.filter(unit=city, external_id=external_id).exists():
            continue
        person = _medalist(i, row, by=by)
        dan_van = i <= DAN_VAN_MEDALS
        c = actions.propose_commendation(
            by=by,
            unit=city,
            form=AwardForm.MEDAL_DAN_VAN if dan_van else AwardForm.MEDAL_FRONT,
            recipient_kind=RecipientKind.INDIVIDUAL,
            person=person,
            recipient_position=row[3],
            proposed_on=dt.date(2022, 9, 20),
            year=2022,
            proposer_body=proposer,
            reason="Có nhiều đóng góp cho sự nghiệp dân vận và công tác Mặt trận trên địa bàn thành phố.",
            movement="Phong trào thi đua “Dân vận khéo”"
            if dan_van
            else "Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”",
            external_id=external_id,
            conference=conference,
        )
        actions.start_review(c, by=by, on=dt.date(2022, 10, 5))
        actions.decide_commendation(
            c,
            by=by,
            decided_on=dt.date(2022, 11, 15),
            awarding_body=central_bdv if dan_van else central_front,
            awarding_body_name="Ban Dân vận Trung ương"
            if dan_van
            else "Ủy ban Trung ương MTTQ Việt Nam",
            note="Trao tại Hội nghị tổng kết công tác dân vận năm 2022 của Thành ủy Hạ Long (01/12/2022); "
            "số quyết định chưa nhập.",
        )
        made += 1
    return made


def _phuong_ha_long(*, by: Any) -> int:
    """Proposals of today's Phường Hạ Long in every state of the workflow."""
    ward = _unit(PHUONG_HA_LONG)
    province = _unit(QUANG_NINH)
    if ward is None or province is None:
        return 0
    front = Body.objects.filter(unit=ward, kind=BodyKind.FATHERLAND_FRONT).first()
    party = Body.objects.filter(unit=ward, kind=BodyKind.PARTY_COMMITTEE).first()
    women = Body.objects.filter(unit=ward, kind=BodyKind.WOMENS_UNION).first()
    ubnd_province = Body.objects.filter(unit=province, kind=BodyKind.PEOPLES_COMMITTEE).first()
    made = 0

    def person(key: str) -> Person | None:
        return Person.objects.filter(external_id=f"demo-people-{key}").first()

    plan = [
        (
            "demo-kt-2025-01",
            AwardForm.MEDAL_DAN_VAN,
            "pham-thi-thu-hang",
            None,
            dt.date(2025, 10, 6),
            "reviewing",
            "Hơn 16 năm làm công tác Mặt trận ở cơ sở.",
        ),
        (
            "demo-kt-2025-02",
            AwardForm.CERTIFICATE_OF_MERIT,
            None,
            women,
            dt.date(2025, 11, 20),
            "decided",
            "Dẫn đầu phong trào “Phụ nữ tích cực học tập, lao động sáng tạo, xây dựng gia đình hạnh phúc”.",
        ),
        (
            "demo-kt-2025-03",
            AwardForm.CERTIFICATE,
            "hoang-thi-lan",
            None,
            dt.date(2025, 11, 20),
            "rejected",
            "Hoàn thành xuất sắc nhiệm vụ năm 2025.",
        ),
        (
            "demo-kt-2026-01",
            AwardForm.MEDAL_DAN_VAN,
            "nguyen-quang-vinh",
            None,
            dt.date(2026, 2, 10),
            "proposed",
            "Hơn 20 năm làm công tác dân vận ở thành phố Hạ Long và phường Hạ Long.",
        ),
        (
            "demo-kt-2026-02",
            AwardForm.MEDAL_FRONT,
            "do-van-hung",
            None,
            dt.date(2026, 2, 10),
            "proposed",
            "Chỉ đạo hiệu quả công tác Mặt trận và Quy chế dân chủ ở cơ sở.",
        ),
    ]
    for external_id, form, person_key, collective, proposed_on, status, reason in plan:
        if Commendation.objects.filter(unit=ward, external_id=external_id).exists():
            continue
        recipient = person(person_key) if person_key else None
        if person_key and recipient is None:
            continue
        c = actions.propose_commendation(
            by=by,
            unit=ward,
            form=form,
            recipient_kind=RecipientKind.INDIVIDUAL if recipient else RecipientKind.COLLECTIVE,
            person=recipient,
            recipient_body=collective,
            proposed_on=proposed_on,
            proposer_body=front if form != AwardForm.CERTIFICATE else party,
            reason=reason,
            form_detail="Bằng khen của Chủ tịch UBND tỉnh"
            if form == AwardForm.CERTIFICATE_OF_MERIT
            else "",
            external_id=external_id,
        )
        made += 1
        if status in (CommendationStatus.REVIEWING, CommendationStatus.DECIDED):
            actions.start_review(c, by=by, on=proposed_on + dt.timedelta(days=10))
        if status == CommendationStatus.DECIDED:
            actions.decide_commendation(
                c,
                by=by,
                decided_on=proposed_on + dt.timedelta(days=30),
                decision_number="3125/QĐ-UBND",
                awarding_body=ubnd_province,
            )
        if status == CommendationStatus.REJECTED:
            actions.reject_commendation(
                c,
                by=by,
                on=proposed_on + dt.timedelta(days=14),
                reason="Đã đề nghị giấy khen cùng thành tích ở cấp tỉnh; không đề nghị trùng.",
            )
    return made


def _cau_ngang(*, by: Any) -> int:
    """Collective certificates for effective models (seed_3: "kịp thời biểu dương, khen thưởng")."""
    district = _unit(CAU_NGANG)
    if district is None:
        return 0
    proposer = Body.objects.filter(unit=district, kind=BodyKind.MASS_MOBILIZATION).first()
    ubnd = Body.objects.filter(unit=district, kind=BodyKind.PEOPLES_COMMITTEE).first()
    made = 0
    plan = [
        (
            "29452@2025-06-30",
            BodyKind.FARMERS_UNION,
            "Mô hình “Dân vận khéo” hỗ trợ nông dân chuyển đổi cây trồng",
        ),
        (
            "29431@2025-06-30",
            BodyKind.WOMENS_UNION,
            "Mô hình “Dân vận khéo” trong xây dựng nông thôn mới nâng cao",
        ),
        (
            "29416@2025-06-30",
            BodyKind.FATHERLAND_FRONT,
            "Thực hiện hiệu quả Quy chế dân chủ ở cơ sở giai đoạn 2021–2023",
        ),
    ]
    for i, (commune_key, kind, reason) in enumerate(plan, start=1):
        external_id = f"demo-gk-2023-{i:02d}"
        if Commendation.objects.filter(unit=district, external_id=external_id).exists():
            continue
        body = Body.objects.filter(unit__key=commune_key, kind=kind).first()
        if body is None:
            continue
        c = actions.propose_commendation(
            by=by,
            unit=district,
            form=AwardForm.CERTIFICATE,
            recipient_kind=RecipientKind.COLLECTIVE,
            recipient_body=body,
            proposer_body=proposer,
            proposed_on=dt.date(2023, 7, 3),
            reason=reason,
            movement="Phong trào thi đua “Dân vận khéo”",
            form_detail="Giấy khen của Chủ tịch UBND huyện",
            external_id=external_id,
        )
        actions.start_review(c, by=by, on=dt.date(2023, 7, 10))
        actions.decide_commendation(
            c,
            by=by,
            decided_on=dt.date(2023, 7, 25),
            awarding_body=ubnd,
            decision_number=f"{1840 + i}/QĐ-UBND",
        )
        made += 1
    return made


def load_demo(*, by: Any) -> str:
    pledges = _tam_diep(by=by) + _quang_ninh_draft(by=by)
    commendations = _ha_long_2022(by=by) + _phuong_ha_long(by=by) + _cau_ngang(by=by)
    if not pledges and not commendations:
        return "đã có"
    return f"{pledges} giao ước, {commendations} khen thưởng"
