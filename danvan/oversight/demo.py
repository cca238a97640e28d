"""Demo steering committees and inspection plans, through the actions (idempotent).

From the articles: the Hạ Long BCĐ for grassroots democracy headed by the permanent
deputy secretary Vũ Thị Mai Anh (seed_0, 1/12/2022), the three Tam Điệp BCĐs reviewed
on 7/12/2023 (seed_2), and — because the Hạ Long 2022 conclusion asked that
"1 đối tượng phải nghe nhiều lần" stop — plans of the Quảng Ninh provincial Ban
Tuyên giáo và Dân vận, the provincial MTTQ and Phường Hạ Long's Party committee that
collide on Phường Hạ Long at the end of 2026. Names, numbers and dates that the
articles do not give are illustrative and marked so in the records' notes.

Every record carries an external id; a second run finds them and adds nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from danvan.people.models import Person
from danvan.units.models import Body, BodyKind, Level, Unit

from . import actions
from .models import Kind, OversightPlan, PlanConflict
from .states import PATH, Status
from .steering_models import MemberRole, SteeringCommittee, SteeringKind

D = dt.date
ILLUSTRATIVE = "Dữ liệu minh họa: chi tiết không có trong bài viết."
HALONG_CITY = "193@2025-06-30"
HALONG_WARD = "06688"
QUANG_NINH = "22"
CAU_NGANG = "848@2025-06-30"
VINH_LONG = "86"


def _unit(key: str) -> Unit | None:
    return Unit.objects.filter(key=key).first()


def _tam_diep() -> Unit | None:
    return (
        Unit.objects.filter(short_name="Tam Điệp", level=Level.DISTRICT)
        .order_by("-valid_to")
        .first()
    )


def _body(unit: Unit, kind: str, day: dt.date) -> Body | None:
    return Body.objects.filter(unit=unit, kind=kind).valid_on(day).order_by("-valid_from").first()


# --- Steering committees -------------------------------------------------------------------


def _article_person(key: str, full_name: str) -> dict[str, Any]:
    """The people demo's record of an official named in the articles (run it first), or the name."""
    person = Person.objects.filter(external_id=f"demo-people-{key}").first()
    return {"person": person.final()} if person else {"full_name": full_name}


def _committee(
    unit: Unit, external_id: str, *, by: Any, **values: Any
) -> tuple[SteeringCommittee, bool]:
    existing = SteeringCommittee.objects.filter(unit=unit, external_id=external_id).first()
    if existing is not None:
        return existing, False
    day = values["valid_from"]
    data = actions.CommitteeData(
        unit=unit,
        party_body=_body(unit, BodyKind.PARTY_COMMITTEE, day),
        standing_body=values.pop("standing_body", None)
        or _body(unit, BodyKind.MASS_MOBILIZATION, day),
        external_id=external_id,
        **values,
    )
    return actions.create_committee(data, by=by), True


def _halong(by: Any) -> int:
    city, ward = _unit(HALONG_CITY), _unit(HALONG_WARD)
    if city is None:
        return 0
    c, new = _committee(
        city,
        "demo-bcd-qcdc-halong",
        by=by,
        kind=SteeringKind.GRASSROOTS_DEMOCRACY,
        name="Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở thành phố Hạ Long",
        valid_from=D(2020, 11, 2),
        established_by="Quyết định của Ban Thường vụ Thành ủy (số hiệu minh họa)",
        duties="Giúp Ban Thường vụ Thành ủy lãnh đạo, chỉ đạo, kiểm tra việc xây dựng và thực hiện Quy chế dân "
        "chủ ở cơ sở trên địa bàn thành phố; Ban Dân vận Thành ủy là cơ quan thường trực.",
        note=ILLUSTRATIVE
        + " Trưởng ban theo bài viết ngày 01/12/2022 trên Cổng thông tin Thành ủy Hạ Long.",
    )
    if not new:
        return 0
    made = 1
    actions.add_member(
        c,
        by=by,
        role=MemberRole.HEAD,
        valid_from=D(2020, 11, 2),
        **_article_person("vu-thi-mai-anh", "Vũ Thị Mai Anh"),
        position_label="Phó Bí thư Thường trực Thành ủy",
        note="“Vũ Thị Mai Anh, Phó Bí thư TT Thành uỷ, Trưởng BCĐ thực hiện quy chế dân chủ ở cơ sở Thành phố” "
        "(bài viết ngày 01/12/2022).",
    )
    actions.add_member(
        c,
        by=by,
        role=MemberRole.STANDING_DEPUTY,
        valid_from=D(2020, 11, 2),
        full_name="Nguyễn Văn Minh",
        position_label="Trưởng Ban Dân vận Thành ủy",
        note=ILLUSTRATIVE,
    )
    deputy = actions.add_member(
        c,
        by=by,
        role=MemberRole.DEPUTY,
        valid_from=D(2020, 11, 2),
        full_name="Trần Thị Hương",
        position_label="Phó Chủ tịch UBND thành phố",
        note=ILLUSTRATIVE,
    )
    actions.end_member(deputy, by=by, on=D(2023, 3, 31), note="Chuyển công tác (minh họa).")
    actions.add_member(
        c,
        by=by,
        role=MemberRole.DEPUTY,
        valid_from=D(2023, 4, 1),
        full_name="Phạm Đức Long",
        position_label="Phó Chủ tịch UBND thành phố",
        note=ILLUSTRATIVE,
    )
    actions.add_member(
        c,
        by=by,
        role=MemberRole.MEMBER,
        valid_from=D(2020, 11, 2),
        full_name="Đỗ Thị Lan",
        position_label="Chủ tịch Ủy ban MTTQ thành phố",
        note=ILLUSTRATIVE,
    )
    actions.add_member(
        c,
        by=by,
        role=MemberRole.SUPPORT,
        valid_from=D(2020, 11, 2),
        full_name="Hoàng Văn Tú",
        position_label="Chuyên viên Ban Dân vận Thành ủy",
        note=ILLUSTRATIVE,
    )
    actions.add_steering_plan(
        c,
        by=by,
        number="01-KH/BCĐ",
        issued_on=D(2022, 1, 14),
        title="Kế hoạch thực hiện Quy chế dân chủ ở cơ sở năm 2022",
        period_from=D(2022, 1, 1),
        period_to=D(2022, 12, 31),
        note=ILLUSTRATIVE,
    )
    head = c.memberships.get(role=MemberRole.HEAD).person
    actions.add_meeting(
        c,
        by=by,
        held_on=D(2022, 12, 1),
        venue="Thành ủy Hạ Long",
        chaired_by=head,
        content="Hội nghị tổng kết công tác dân vận, Quy chế dân chủ ở cơ sở, chương trình phối hợp thống nhất "
        "hành động của UB MTTQ năm 2022, triển khai nhiệm vụ năm 2023.",
        conclusions="Tập trung khắc phục khó khăn, tồn tại; nâng cao hiệu quả công tác dân vận của các cơ quan "
        "hành chính nhà nước và chính quyền các cấp theo hướng trọng dân, gần dân, hiểu dân và có trách "
        "nhiệm với dân; các địa phương, đơn vị xây dựng quy chế làm việc phải rõ người, rõ việc.",
    )
    actions.dissolve_committee(
        c,
        by=by,
        on=D(2025, 6, 30),
        ended_by="Kết thúc tổ chức cấp huyện từ 01/07/2025 (sắp xếp đơn vị hành chính)",
    )
    if ward is not None:
        made += 1
        reformed, _ = _committee(
            ward,
            "demo-bcd-qcdc-phuong-halong",
            by=by,
            kind=SteeringKind.GRASSROOTS_DEMOCRACY,
            name="Ban Chỉ đạo thực hiện dân chủ ở cơ sở phường Hạ Long",
            valid_from=D(2025, 7, 21),
            standing_body=_body(ward, BodyKind.FATHERLAND_FRONT, D(2025, 7, 21)),
            predecessor=c,
            note=ILLUSTRATIVE
            + " Kiện toàn sau khi thành lập Phường Hạ Long (01/07/2025); Ủy ban MTTQ phường là "
            "cơ quan thường trực.",
        )
        actions.add_member(
            reformed,
            by=by,
            role=MemberRole.HEAD,
            valid_from=D(2025, 7, 21),
            full_name="Ngô Thị Thu",
            position_label="Phó Bí thư Thường trực Đảng ủy phường",
            note=ILLUSTRATIVE,
        )
        actions.add_member(
            reformed,
            by=by,
            role=MemberRole.STANDING_DEPUTY,
            valid_from=D(2025, 7, 21),
            full_name="Bùi Văn Khải",
            position_label="Chủ tịch Ủy ban MTTQ phường",
            note=ILLUSTRATIVE,
        )
        actions.add_steering_plan(
            reformed,
            by=by,
            number="01-KH/BCĐ",
            issued_on=D(2026, 1, 12),
            title="Kế hoạch thực hiện dân chủ ở cơ sở năm 2026",
            period_from=D(2026, 1, 1),
            period_to=D(2026, 12, 31),
            note=ILLUSTRATIVE,
        )
    return made


TAM_DIEP = [
    (
        SteeringKind.GRASSROOTS_DEMOCRACY,
        "demo-bcd-qcdc-tamdiep",
        "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở thành phố Tam Điệp",
        "Năm 2023 Ban Chỉ đạo tích cực tham mưu cho Ban Thường vụ Thành ủy lãnh đạo, chỉ đạo xây dựng và thực hiện "
        "QCDC ở cơ sở; toàn thành phố tiếp nhận 69 đơn/68 vụ việc (kỳ trước chuyển sang 16 đơn, tiếp nhận trong kỳ "
        "53 đơn), đã xử lý 69/69 đơn.",
    ),
    (
        SteeringKind.SKILFUL_MOBILISATION,
        "demo-bcd-dvk-tamdiep",
        "Ban Chỉ đạo phong trào thi đua “Dân vận khéo” thành phố Tam Điệp",
        "Năm 2023 toàn thành phố đăng ký thực hiện mới 25 mô hình “Dân vận khéo”; 18 sản phẩm được công nhận OCOP.",
    ),
    (
        SteeringKind.FATHERLAND,
        "demo-bcd-vdqc-tamdiep",
        "Ban Chỉ đạo phối hợp hoạt động vận động quần chúng xây dựng và bảo vệ Tổ quốc thành phố Tam Điệp",
        "Năm 2023 Ban Chỉ đạo các cấp bám sát nhiệm vụ chính trị, phối hợp tuyên truyền, vận động nhân dân, đoàn viên, "
        "hội viên, cán bộ chiến sĩ lực lượng vũ trang xây dựng khu vực phòng thủ, giữ vững an ninh chính trị.",
    ),
]
TAM_DIEP_CONCLUSIONS = (
    "Ban Dân vận Thành ủy tiếp tục tham mưu cho cấp ủy triển khai hiệu quả các chỉ thị, nghị quyết về công tác "
    "dân vận; quan tâm tới đồi Ba Mào, đảm bảo giao thông, xây dựng ở xã Đông Sơn; giải quyết những việc tồn tại "
    "từ nhiều năm; tuyên truyền vận động Nhân dân thực hiện tốt các hoạt động tôn giáo."
)


def _tam_diep_committees(by: Any) -> int:
    city = _tam_diep()
    if city is None:
        return 0
    made = 0
    for kind, external_id, name, review in TAM_DIEP:
        c, new = _committee(
            city,
            external_id,
            by=by,
            kind=kind,
            name=name,
            valid_from=D(2021, 1, 4),
            established_by="Quyết định của Ban Thường vụ Thành ủy (số hiệu minh họa)",
            note=ILLUSTRATIVE
            + " Hoạt động năm 2023 theo bài viết ngày 07/12/2023 trên Trang thông tin điện tử "
            "thành phố Tam Điệp.",
        )
        if not new:
            continue
        made += 1
        actions.add_member(
            c,
            by=by,
            role=MemberRole.HEAD,
            valid_from=D(2021, 1, 4),
            **_article_person("vu-thanh-ton", "Vũ Thành Tôn"),
            position_label="Phó Bí thư Thường trực Thành ủy",
            note="Suy ra từ bài viết ngày 07/12/2023 (đồng chí chủ trì hội nghị của ba Ban Chỉ đạo; Trưởng Ban "
            "Chỉ đạo thường là Phó Bí thư Thường trực) — cần đối chiếu quyết định.",
        )
        actions.add_steering_plan(
            c,
            by=by,
            number="01-KH/BCĐ",
            issued_on=D(2023, 1, 16),
            title=f"Kế hoạch hoạt động năm 2023 của {name}",
            period_from=D(2023, 1, 1),
            period_to=D(2023, 12, 31),
            note=ILLUSTRATIVE,
        )
        actions.add_meeting(
            c,
            by=by,
            held_on=D(2023, 12, 7),
            venue="Phòng hội thảo tầng 2, Nhà Văn hóa thành phố",
            chaired_by=c.memberships.get(role=MemberRole.HEAD).person,
            content="Hội nghị tổng kết công tác dân vận và hoạt động của các Ban Chỉ đạo thực hiện QCDC ở cơ sở, "
            "phong trào thi đua “Dân vận khéo”, phối hợp hoạt động VĐQC xây dựng và BVTQ năm 2023, triển khai "
            "nhiệm vụ năm 2024. " + review,
            conclusions=TAM_DIEP_CONCLUSIONS,
        )
        actions.dissolve_committee(
            c, by=by, on=D(2025, 6, 30), ended_by="Kết thúc tổ chức cấp huyện từ 01/07/2025"
        )
    return made


# --- Inspection and supervision plans -------------------------------------------------------


def _create_plan(by: Any, spec: dict[str, Any]) -> OversightPlan | None:
    """Phase 1: the plan as first entered (and moved, for one of them); None if already there."""
    unit = _unit(spec["unit"])
    subject = _unit(spec["subject"])
    if unit is None or subject is None:
        return None
    if OversightPlan.objects.filter(unit=unit, external_id=spec["id"]).exists():
        return None
    start, end = spec["window"]
    data = actions.PlanData(
        kind=spec["kind"],
        title=spec["title"],
        window_start=start,
        window_end=end,
        unit=unit,
        body=_body(unit, spec["body"], start),
        subject_unit=subject,
        subject_body=_body(subject, spec["subject_body"], start)
        if spec.get("subject_body")
        else None,
        topics=spec.get("topics", ()),
        topic_text=spec.get("text", ""),
        document_number=spec.get("number", ""),
        team=spec.get("team", ""),
        findings=spec.get("findings", ""),
        recommendations=spec.get("recommendations", ""),
        notice_sent_on=spec.get("notice"),
        external_id=spec["id"],
    )
    plan = actions.create_plan(data, by=by, note=spec.get("note", ""))
    if spec.get("move"):
        plan = actions.move_plan(
            plan,
            by=by,
            window_start=spec["move"][0],
            window_end=spec["move"][1],
            note="Lùi thời gian để không trùng với đoàn kiểm tra của tỉnh.",
        )
    return plan


def _acknowledge(by: Any, plan: OversightPlan, spec: dict[str, Any]) -> None:
    """Phase 2, once every plan exists: the planners who coordinated say so."""
    for note in spec.get("ack", ()):
        for conflict in (
            PlanConflict.objects.unacknowledged().filter(plan=plan).select_related("plan__unit")
        ):
            actions.acknowledge_conflict(conflict, by=by, note=note)


def _advance(by: Any, plan: OversightPlan, spec: dict[str, Any]) -> None:
    """Phase 3: move the plan along its lifecycle to the demo's state."""
    target = spec.get("status", Status.PLANNED)
    if target == Status.CANCELLED:
        actions.transition_plan(
            plan, by=by, to=target, on_date=spec.get("cancelled_on"), note=spec.get("why", "")
        )
        return
    dates = {
        Status.NOTIFIED: spec.get("notice") or plan.window_start,
        Status.IN_PROGRESS: plan.window_start,
        Status.DONE: plan.window_end,
    }
    for step in PATH[1 : PATH.index(target) + 1]:
        plan = actions.transition_plan(plan, by=by, to=step, on_date=dates[step])


PLANS: list[dict[str, Any]] = [
    # Phường Hạ Long, end of 2026: three bodies on the same ward and the same subject.
    {
        "id": "demo-kh-dang-uy-halong-2026-12",
        "unit": HALONG_WARD,
        "body": BodyKind.PARTY_COMMITTEE,
        "subject": HALONG_WARD,
        "kind": Kind.TRAINING,
        "window": (D(2026, 12, 1), D(2026, 12, 1)),
        "title": "Tập huấn nghiệp vụ thực hiện dân chủ ở cơ sở cho bí thư chi bộ, tổ trưởng tổ dân phố",
        "topics": ("qcdc",),
        "number": "45-KH/ĐU",
        "notice": D(2026, 11, 20),
        "team": "Ban Xây dựng Đảng Đảng ủy phường; báo cáo viên Ủy ban MTTQ phường.",
        "ack": (
            "Đã trao đổi với Ban Tuyên giáo và Dân vận Tỉnh ủy: buổi tập huấn dành cho tổ dân phố, đoàn kiểm "
            "tra của tỉnh làm việc với Đảng ủy và UBND phường; không trùng người nghe.",
        ),
        "status": Status.NOTIFIED,
    },
    {
        "id": "demo-kh-btgdv-qn-2026-12",
        "unit": QUANG_NINH,
        "body": BodyKind.MASS_MOBILIZATION,
        "subject": HALONG_WARD,
        "subject_body": BodyKind.PARTY_COMMITTEE,
        "kind": Kind.PARTY_INSPECTION,
        "window": (D(2026, 12, 8), D(2026, 12, 10)),
        "number": "112-KH/BTGDVTU",
        "title": "Kiểm tra việc lãnh đạo, chỉ đạo thực hiện dân chủ ở cơ sở và công tác dân vận chính quyền",
        "topics": ("qcdc", "dvcq"),
        "text": "Kiểm tra việc thực hiện Luật Thực hiện dân chủ ở cơ sở năm 2022 sau sắp xếp đơn vị hành chính.",
        "team": "Lãnh đạo Ban Tuyên giáo và Dân vận Tỉnh ủy (trưởng đoàn); chuyên viên phòng Dân vận.",
        "ack": (
            "Thống nhất với Ủy ban MTTQ tỉnh lồng ghép nội dung giám sát vào đợt kiểm tra này nếu lịch giám "
            "sát của Mặt trận không thay đổi được.",
        ),
    },
    {
        "id": "demo-kh-mttq-qn-2026-12",
        "unit": QUANG_NINH,
        "body": BodyKind.FATHERLAND_FRONT,
        "subject": HALONG_WARD,
        "subject_body": BodyKind.PEOPLES_COMMITTEE,
        "kind": Kind.FRONT_SUPERVISION,
        "window": (D(2026, 12, 15), D(2026, 12, 17)),
        "number": "27-KH/MTTQ-BTT",
        "title": "Giám sát việc thực hiện Luật Thực hiện dân chủ ở cơ sở tại Phường Hạ Long",
        "topics": ("qcdc",),
        "text": "Giám sát việc công khai thông tin, lấy ý kiến Nhân dân và tổ chức hội nghị cộng đồng dân cư.",
        "team": "Ban Thường trực Ủy ban MTTQ tỉnh; Ban Dân chủ – Pháp luật.",
        "note": "Chưa xác nhận trùng lặp: chờ thống nhất với Ban Tuyên giáo và Dân vận Tỉnh ủy.",
    },
    {
        "id": "demo-kh-hlhpn-qn-2026-12",
        "unit": QUANG_NINH,
        "body": BodyKind.WOMENS_UNION,
        "subject": HALONG_WARD,
        "kind": Kind.SURVEY,
        "window": (D(2026, 12, 9), D(2026, 12, 9)),
        "title": "Khảo sát việc thực hiện dân chủ ở cơ sở đối với hội viên phụ nữ",
        "topics": ("qcdc",),
        "move": (D(2027, 1, 13), D(2027, 1, 13)),
    },
    {
        "id": "demo-kh-hdnd-halong-2026-12",
        "unit": HALONG_WARD,
        "body": BodyKind.PEOPLES_COUNCIL,
        "subject": HALONG_WARD,
        "subject_body": BodyKind.PEOPLES_COMMITTEE,
        "kind": Kind.COUNCIL_SUPERVISION,
        "window": (D(2026, 12, 3), D(2026, 12, 4)),
        "title": "Giám sát công tác cải cách hành chính năm 2026",
        "topics": ("cchc",),
        "notice": D(2026, 11, 18),
        "status": Status.NOTIFIED,
    },
    # Earlier in 2026 on the ward: the Ban TTND (under the ward MTTQ), notice sent late; a survey overdue.
    {
        "id": "demo-kh-ttnd-halong-2026-03",
        "unit": HALONG_WARD,
        "body": BodyKind.FATHERLAND_FRONT,
        "subject": HALONG_WARD,
        "subject_body": BodyKind.PEOPLES_COMMITTEE,
        "kind": Kind.TTND_INSPECTION,
        "window": (D(2026, 3, 16), D(2026, 3, 17)),
        "notice": D(2026, 3, 11),
        "title": "Ban Thanh tra nhân dân kiểm tra việc công khai dự toán, quyết toán ngân sách phường",
        "topics": ("dau_tu",),
        "team": "Ban Thanh tra nhân dân phường (5 thành viên).",
        "findings": "Phường đã niêm yết dự toán năm 2026; quyết toán năm 2025 chưa công khai đủ 30 ngày.",
        "recommendations": "UBND phường niêm yết bổ sung quyết toán năm 2025; trả lời trong 15 ngày (Luật 10/2022/QH15 Đ40).",
        "status": Status.DONE,
    },
    {
        "id": "demo-kh-mttq-halong-2026-09",
        "unit": HALONG_WARD,
        "body": BodyKind.FATHERLAND_FRONT,
        "subject": HALONG_WARD,
        "kind": Kind.SURVEY,
        "window": (D(2026, 9, 14), D(2026, 9, 18)),
        "title": "Khảo sát sự hài lòng của người dân với chính quyền phường",
        "topics": ("dvcq",),
        "note": "Quá hạn: chưa tổ chức được do bão (minh họa).",
    },
    # Hạ Long city before 2025: the overlap the 2022 conclusion complained about.
    {
        "id": "demo-kh-thanh-uy-halong-2022-05",
        "unit": HALONG_CITY,
        "body": BodyKind.PARTY_COMMITTEE,
        "subject": "06688@2025-06-30",
        "kind": Kind.PARTY_SUPERVISION,
        "window": (D(2022, 5, 17), D(2022, 5, 18)),
        "title": "Giám sát việc thực hiện Quy chế dân chủ ở cơ sở năm 2022",
        "topics": ("qcdc",),
        "findings": "Đảng ủy phường lãnh đạo thực hiện QCDC nghiêm túc; hội nghị tổ dân phố còn hình thức.",
        "ack": (
            "Ghi nhận trùng với giám sát của Ủy ban MTTQ thành phố; theo kết luận của Bí thư Thành ủy "
            "(9/2022) từ năm 2023 thống nhất lịch giữa các cơ quan.",
        ),
        "status": Status.DONE,
    },
    {
        "id": "demo-kh-mttq-halong-2022-06",
        "unit": HALONG_CITY,
        "body": BodyKind.FATHERLAND_FRONT,
        "subject": "06688@2025-06-30",
        "kind": Kind.FRONT_SUPERVISION,
        "window": (D(2022, 6, 14), D(2022, 6, 15)),
        "title": "Giám sát thực hiện Quy chế dân chủ ở cơ sở tại phường Hồng Hải",
        "topics": ("qcdc",),
        "ack": (
            "Kế hoạch giám sát đã ban hành từ đầu năm; phối hợp để phường chuẩn bị một báo cáo chung.",
        ),
        "status": Status.DONE,
    },
    {
        "id": "demo-kh-bdv-halong-2023-04",
        "unit": HALONG_CITY,
        "body": BodyKind.MASS_MOBILIZATION,
        "subject": "06673@2025-06-30",
        "kind": Kind.TRAINING,
        "window": (D(2023, 4, 11), D(2023, 4, 11)),
        "title": "Tập huấn công tác dân vận chính quyền cho cán bộ phường",
        "topics": ("dvcq",),
        "status": Status.DONE,
    },
    {
        "id": "demo-kh-bdv-halong-2024-10",
        "unit": HALONG_CITY,
        "body": BodyKind.MASS_MOBILIZATION,
        "subject": "06697@2025-06-30",
        "kind": Kind.PARTY_INSPECTION,
        "window": (D(2024, 10, 8), D(2024, 10, 9)),
        "title": "Kiểm tra việc xây dựng mô hình “Dân vận khéo” năm 2024",
        "topics": ("dvk",),
        "status": Status.CANCELLED,
        "cancelled_on": D(2024, 9, 20),
        "why": "Hoãn do tập trung khắc phục hậu quả bão số 3 (minh họa).",
    },
    # Tam Điệp 2023 and Cầu Ngang 2023–2024.
    {
        "id": "demo-kh-bdv-tamdiep-2023-09",
        "unit": "370@2025-06-30",
        "body": BodyKind.MASS_MOBILIZATION,
        "subject": "14380@2025-06-30",
        "kind": Kind.PARTY_INSPECTION,
        "window": (D(2023, 9, 19), D(2023, 9, 20)),
        "title": "Kiểm tra việc thực hiện Quy chế dân chủ ở cơ sở trong giải phóng mặt bằng tại xã Đông Sơn",
        "topics": ("qcdc", "dat_dai"),
        "status": Status.DONE,
        "recommendations": "Tiếp tục đối thoại với người dân về các tồn tại nhiều năm ở đồi Ba Mào.",
    },
    {
        "id": "demo-kh-bdv-caungang-2023-05",
        "unit": CAU_NGANG,
        "body": BodyKind.MASS_MOBILIZATION,
        "subject": "29416@2025-06-30",
        "kind": Kind.PARTY_INSPECTION,
        "window": (D(2023, 5, 9), D(2023, 5, 10)),
        "title": "Kiểm tra sơ kết giữa nhiệm kỳ thực hiện Quy chế dân chủ ở cơ sở giai đoạn 2021–2025",
        "topics": ("qcdc",),
        "status": Status.DONE,
        "findings": "Thị trấn tổ chức tốt đối thoại với Nhân dân; 2 mô hình “Dân vận khéo” hiệu quả.",
    },
    {
        "id": "demo-kh-mttq-caungang-2024-11",
        "unit": CAU_NGANG,
        "body": BodyKind.FATHERLAND_FRONT,
        "subject": "29422@2025-06-30",
        "kind": Kind.FRONT_CRITICISM,
        "window": (D(2024, 11, 12), D(2024, 11, 12)),
        "title": "Phản biện xã hội dự thảo đề án xây dựng xã nông thôn mới nâng cao",
        "topics": ("ntm",),
        "status": Status.IN_PROGRESS,
        "note": "Quá hạn: chưa có báo cáo kết quả phản biện (minh họa).",
    },
    # Vĩnh Long, 2027 plan.
    {
        "id": "demo-kh-mttq-vinhlong-2027-03",
        "unit": VINH_LONG,
        "body": BodyKind.FATHERLAND_FRONT,
        "subject": "28756",
        "kind": Kind.FRONT_SUPERVISION,
        "window": (D(2027, 3, 9), D(2027, 3, 10)),
        "title": "Giám sát việc giải quyết kiến nghị của cử tri về đất đai",
        "topics": ("kntc", "dat_dai"),
    },
]


@transaction.atomic
def load_demo(*, by: Any) -> dict[str, int]:
    """Create the demo committees and plans that are not there yet; returns how many were made."""
    committees = _halong(by) + _tam_diep_committees(by)
    created = [(plan, spec) for spec in PLANS if (plan := _create_plan(by, spec)) is not None]
    for plan, spec in created:
        _acknowledge(by, plan, spec)
    for plan, spec in created:
        _advance(by, plan, spec)
    return {"steering_committees": committees, "plans": len(created)}
