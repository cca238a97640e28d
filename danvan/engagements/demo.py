"""Demo sessions and meetings for the demo units, recorded through the actions.

- Phường Hạ Long (06688) and Quảng Ninh (22), 2025–2026: regular receptions by the
  Party secretaries and People's Committee chairs (some months short, so the
  compliance warnings show), ad hoc receptions, dialogues, meetings; before
  1 July 2025 on the units of the time (the old province, the wards Hồng Hải and
  Hồng Hà that formed Phường Hạ Long).
- Thành phố Hạ Long (193@2025-06-30), 2022.
- Huyện Cầu Ngang (848@2025-06-30), 01/2021–06/2023: the Ban Dân vận Huyện ủy's
  mobilisation meetings adding up to "305 cuộc, có 17.385 lượt người dự".
- Tỉnh Vĩnh Long (86), 2025–2026: a few provincial sessions.

Idempotent: each row has a stable `external_id` ("demo-…"); rows already present
(deleted or not) are skipped. Host names are invented.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.utils import timezone

from danvan.units.models import BodyKind, Unit

from . import actions
from .forms import body_of
from .models import Engagement, EngagementKind, HostRole, ReceptionType

CAU_NGANG_MEETINGS = 305
CAU_NGANG_ATTENDANCE = 17_385

K = EngagementKind
R = ReceptionType
H = HostRole
B = BodyKind


def _months(start: dt.date, end: dt.date) -> Iterator[tuple[int, int]]:
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday of the month (n=1..4); Monday is 0."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _thursdays(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    d = start + dt.timedelta(days=(3 - start.weekday()) % 7)
    while d <= end:
        yield d
        d += dt.timedelta(days=7)


class _Loader:
    def __init__(self, by: Any, today: dt.date) -> None:
        self.by, self.today = by, today
        self.created = 0
        self.rng = random.Random(2025)  # noqa: S311 - demo figures, not security

    def add(self, unit: Unit, ext: str, **values: Any) -> Engagement | None:
        day = values["date"]
        if day > self.today or not unit.is_valid_on(day):
            return None
        if Engagement.objects.filter(unit=unit, external_id=ext).exists():
            return None
        body_kind = values.pop("body_kind", None)
        co_kinds = values.pop("co_kinds", ())
        body = body_of(unit, body_kind, day) if body_kind else None
        organisers = [b for k in co_kinds if (b := body_of(unit, k, day)) is not None]
        if values.get("outcome") and not values.get("outcome_on"):
            values["outcome_on"] = min(day + dt.timedelta(days=14), self.today)
        engagement = actions.create_engagement(
            by=self.by, unit=unit, external_id=ext, body=body, co_organisers=organisers, **values
        )
        self.created += 1
        return engagement

    def reception(
        self, unit: Unit, ext: str, day: dt.date, role: str, *, regular: bool = True, **values: Any
    ) -> Engagement | None:
        people = self.rng.randint(3, 14)
        answered = day < self.today - dt.timedelta(days=20) and self.rng.random() < 0.8
        who = values.get("host_position") or H(role).label
        defaults = {
            "topic": f"{who} tiếp công dân {'định kỳ' if regular else 'đột xuất'}",
            "kind": K.RECEPTION,
            "reception_type": R.REGULAR if regular else R.AD_HOC,
            "host_role": role,
            "date": day,
            "body_kind": B.PARTY_COMMITTEE if role == H.PARTY_SECRETARY else B.PEOPLES_COMMITTEE,
            "attendance": people,
            "distinct_people": people,
            "women": self.rng.randint(0, people // 2),
            "issues_raised": self.rng.choice(ISSUES),
            "outcome": self.rng.choice(OUTCOMES) if answered else "",
        }
        defaults.update(values)
        return self.add(unit, ext, **defaults)


ISSUES = [
    "Kiến nghị cấp giấy chứng nhận quyền sử dụng đất cho các hộ dân khu tái định cư.",
    "Phản ánh tình trạng ngập úng cục bộ khi mưa lớn tại tổ dân phố.",
    "Kiến nghị về bồi thường, hỗ trợ giải phóng mặt bằng dự án mở rộng đường.",
    "Phản ánh tiếng ồn, bụi từ công trình xây dựng gần khu dân cư.",
    "Khiếu nại việc xác định nguồn gốc đất để tính bồi thường.",
    "Kiến nghị sửa chữa nhà văn hóa khu phố và lắp đèn chiếu sáng ngõ xóm.",
    "Phản ánh việc thu gom rác thải không đúng giờ.",
]
OUTCOMES = [
    "Đã giao bộ phận chuyên môn kiểm tra, trả lời bằng văn bản cho công dân.",
    "Đã trả lời trực tiếp tại buổi tiếp; công dân thống nhất.",
    "Đã chuyển đơn đến cơ quan có thẩm quyền và thông báo cho công dân.",
    "Đã kiểm tra thực địa, chỉ đạo khắc phục; báo cáo kết quả tại buổi tiếp sau.",
]


def _unit(key: str) -> Unit | None:
    return Unit.objects.filter(key=key).first()


def _ha_long_ward(ld: _Loader, ward: Unit, start: dt.date) -> None:
    """Phường Hạ Long from 01/07/2025: the secretary short in 10/2025 and 10/2026, the
    chair missing two weeks; dialogues, meetings, one deleted row."""
    for y, m in _months(start, ld.today):
        days = [_nth_weekday(y, m, 1, 2), _nth_weekday(y, m, 1, 4)]
        if m == 10:
            days = days[:1]  # short month: the warning shows
        for i, day in enumerate(days):
            ld.reception(
                ward,
                f"demo-hl-bt-{y}{m:02d}-{i}",
                day,
                H.PARTY_SECRETARY,
                host_name="Nguyễn Thị Lan",
                host_position="Bí thư Đảng ủy phường",
                place="Trụ sở Đảng ủy phường Hạ Long",
            )
        if m in (1, 5, 9):
            ld.reception(
                ward,
                f"demo-hl-dx-{y}{m:02d}",
                _nth_weekday(y, m, 2, 3),
                H.COMMITTEE_CHAIR,
                regular=False,
                host_name="Trần Quang Minh",
                host_position="Chủ tịch UBND phường",
                place="Trụ sở UBND phường Hạ Long",
                topic="Tiếp công dân đột xuất: nhiều hộ dân cùng kiến nghị về giải phóng mặt bằng",
            )
        if m in (3, 6, 9, 12):
            ld.add(
                ward,
                f"demo-hl-dt-{y}{m:02d}",
                kind=K.DIALOGUE,
                date=_nth_weekday(y, m, 4, 3),
                topic="Đối thoại giữa Chủ tịch UBND phường với Nhân dân về chỉnh trang đô thị",
                body_kind=B.PEOPLES_COMMITTEE,
                co_kinds=(B.FATHERLAND_FRONT,),
                host_name="Trần Quang Minh",
                host_position="Chủ tịch UBND phường",
                host_role=H.COMMITTEE_CHAIR,
                place="Nhà văn hóa khu 5",
                attendance=ld.rng.randint(110, 210),
                women=ld.rng.randint(40, 90),
                issues_raised="Ý kiến về tiến độ lát vỉa hè, thoát nước, chỗ đỗ xe.",
                outcome="UBND phường tiếp thu, giao bộ phận chuyên môn rà soát; "
                "công khai kết quả tại các tổ dân phố.",
            )
        meetings = ld.rng.randint(8, 14)
        ld.add(
            ward,
            f"demo-hl-vd-{y}{m:02d}",
            kind=K.MOBILIZATION,
            date=dt.date(y, m, calendar.monthrange(y, m)[1]),
            meetings=meetings,
            topic=f"Họp tổ dân phố tuyên truyền, vận động Nhân dân tháng {m}/{y} (ghi gộp)",
            body_kind=B.FATHERLAND_FRONT,
            attendance=meetings * ld.rng.randint(38, 55),
        )
    for i, thursday in enumerate(_thursdays(start, ld.today)):
        if i in (7, 33) or (thursday.year, thursday.month, thursday.day // 8) == (2026, 10, 2):
            continue  # weeks without the chair's regular reception
        ld.reception(
            ward,
            f"demo-hl-ct-{thursday:%Y%m%d}",
            thursday,
            H.COMMITTEE_CHAIR,
            host_name="Trần Quang Minh",
            host_position="Chủ tịch UBND phường",
            place="Trụ sở UBND phường Hạ Long",
        )
    stray = ld.add(
        ward,
        "demo-hl-trung",
        kind=K.COMMUNITY,
        date=dt.date(2025, 9, 7),
        topic="Ra quân tổng vệ sinh môi trường (ghi trùng)",
        body_kind=B.YOUTH_UNION,
        attendance=300,
    )
    if stray is not None:
        actions.delete_engagement(stray, by=ld.by, reason="Ghi trùng với hoạt động của tổ dân phố.")


def _old_wards(ld: _Loader, wards: list[Unit], years: list[tuple[dt.date, dt.date]]) -> None:
    """Hồng Hải and Hồng Hà (2022 and H1 2025): weekly chairs, twice-monthly secretaries."""
    for ward in wards:
        tag = ward.code
        for start, end in years:
            for y, m in _months(start, end):
                for n in (2, 4):
                    if (y, m, n) == (2022, 8, 4):
                        continue
                    ld.reception(
                        ward,
                        f"demo-{tag}-bt-{y}{m:02d}-{n}",
                        _nth_weekday(y, m, 0, n),
                        H.PARTY_SECRETARY,
                        host_position="Bí thư Đảng ủy phường",
                    )
                ld.add(
                    ward,
                    f"demo-{tag}-vd-{y}{m:02d}",
                    kind=K.MOBILIZATION,
                    date=dt.date(y, m, calendar.monthrange(y, m)[1]),
                    meetings=ld.rng.randint(4, 8),
                    topic=f"Họp khu phố tuyên truyền, vận động tháng {m}/{y} (ghi gộp)",
                    body_kind=B.FATHERLAND_FRONT,
                    attendance=ld.rng.randint(200, 380),
                )
            for thursday in _thursdays(start, end):
                ld.reception(
                    ward,
                    f"demo-{tag}-ct-{thursday:%Y%m%d}",
                    thursday,
                    H.COMMITTEE_CHAIR,
                    host_position="Chủ tịch UBND phường",
                )


def _province(ld: _Loader, unit: Unit, start: dt.date, end: dt.date, tag: str, skip: dict) -> None:
    """Monthly receptions by the Party secretary and the People's Committee chair;
    `skip` maps (year, month) → the role that missed that month."""
    for y, m in _months(start, end):
        for role, weekday, position in (
            (H.PARTY_SECRETARY, 1, "Bí thư Tỉnh ủy"),
            (H.COMMITTEE_CHAIR, 3, "Chủ tịch UBND tỉnh"),
        ):
            if skip.get((y, m)) == role:
                ld.reception(
                    unit,
                    f"demo-{tag}-{role[:2]}-{y}{m:02d}",
                    _nth_weekday(y, m, weekday, 3),
                    H.DEPUTY,
                    host_position=position.replace("Bí thư", "Phó Bí thư Thường trực").replace(
                        "Chủ tịch", "Phó Chủ tịch"
                    ),
                    body_kind=B.PARTY_COMMITTEE
                    if role == H.PARTY_SECRETARY
                    else B.PEOPLES_COMMITTEE,
                    place="Trụ sở Tiếp công dân tỉnh",
                )
                continue
            ld.reception(
                unit,
                f"demo-{tag}-{role[:2]}-{y}{m:02d}",
                _nth_weekday(y, m, weekday, 3),
                role,
                host_position=position,
                place="Trụ sở Tiếp công dân tỉnh",
                attendance=(people := ld.rng.randint(8, 25)),
                distinct_people=people,
                women=ld.rng.randint(1, people // 2),
            )
        if m == 11:
            ld.add(
                unit,
                f"demo-{tag}-dt-{y}",
                kind=K.DIALOGUE,
                date=_nth_weekday(y, m, 2, 2),
                topic=f"Hội nghị đối thoại giữa Chủ tịch UBND tỉnh với Nhân dân năm {y} "
                "(trực tuyến đến các xã, phường, đặc khu)",
                body_kind=B.PEOPLES_COMMITTEE,
                co_kinds=(B.FATHERLAND_FRONT,),
                host_role=H.COMMITTEE_CHAIR,
                host_position="Chủ tịch UBND tỉnh",
                is_online=True,
                connection_points=54 if unit.is_current else 177,
                attendance=ld.rng.randint(2800, 3600),
                issues_raised="Ý kiến về đất đai, môi trường, thủ tục hành chính sau sắp xếp.",
            )


def _ha_long_city_2022(ld: _Loader, city: Unit) -> None:
    start, end = dt.date(2022, 1, 1), dt.date(2022, 12, 31)
    for y, m in _months(start, end):
        if m != 2:  # Tết 2022: no regular reception by the secretary that month
            ld.reception(
                city,
                f"demo-193-bt-{y}{m:02d}",
                _nth_weekday(y, m, 2, 2),
                H.PARTY_SECRETARY,
                host_position="Bí thư Thành ủy Hạ Long",
                place="Trụ sở Tiếp công dân thành phố",
            )
        for n in (1, 3):
            if (m, n) == (7, 3):
                continue
            ld.reception(
                city,
                f"demo-193-ct-{y}{m:02d}-{n}",
                _nth_weekday(y, m, 3, n),
                H.COMMITTEE_CHAIR,
                host_position="Chủ tịch UBND thành phố Hạ Long",
                place="Trụ sở Tiếp công dân thành phố",
            )
        if m in (6, 12):
            ld.add(
                city,
                f"demo-193-dt-{y}{m:02d}",
                kind=K.DIALOGUE,
                date=_nth_weekday(y, m, 3, 4),
                topic="Đối thoại giữa lãnh đạo thành phố với đoàn viên, hội viên và Nhân dân",
                body_kind=B.PARTY_COMMITTEE,
                co_kinds=(B.FATHERLAND_FRONT, B.MASS_MOBILIZATION),
                host_role=H.PARTY_SECRETARY,
                host_position="Bí thư Thành ủy",
                attendance=ld.rng.randint(250, 400),
                outcome="Các ý kiến được tiếp thu, giao các phòng, ban trả lời trong 15 ngày.",
            )
        ld.add(
            city,
            f"demo-193-vd-{y}{m:02d}",
            kind=K.MOBILIZATION,
            date=_nth_weekday(y, m, 4, 2),
            topic=f"Hội nghị quán triệt, tuyên truyền chủ trương của Thành ủy tháng {m}/{y}",
            body_kind=B.MASS_MOBILIZATION,
            co_kinds=(B.FATHERLAND_FRONT,),
            attendance=ld.rng.randint(150, 320),
        )


def _cau_ngang(ld: _Loader, district: Unit) -> None:
    """305 meetings, 17,385 attendances over 01/2021–06/2023 (30 months), all by the
    Ban Dân vận Huyện ủy: a district conference and a batch of meetings in the
    hamlets each month; the last batch row closes the totals exactly."""
    months = list(_months(dt.date(2021, 1, 1), dt.date(2023, 6, 30)))
    rng = random.Random(305)  # noqa: S311 - its own stream: the totals must not depend on today
    communes = list(district.children.order_by("code"))
    meetings_left, attendance_left = CAU_NGANG_MEETINGS, CAU_NGANG_ATTENDANCE
    for i, (y, m) in enumerate(months):
        last = i == len(months) - 1
        conference = rng.randint(150, 220)
        batch_meetings = 9 if not last else meetings_left - 1
        batch_attendance = (
            batch_meetings * rng.randint(40, 47) if not last else attendance_left - conference
        )
        commune = communes[i % len(communes)] if communes else None
        for ext, values in (
            (
                f"demo-848-hn-{y}{m:02d}",
                {
                    "date": _nth_weekday(y, m, 2, 2),
                    "topic": "Hội nghị tuyên truyền, vận động thực hiện Quy chế dân chủ ở cơ sở",
                    "attendance": conference,
                    "place": f"Hội trường {commune.name}" if commune else "",
                },
            ),
            (
                f"demo-848-ap-{y}{m:02d}",
                {
                    "date": dt.date(y, m, calendar.monthrange(y, m)[1]),
                    "meetings": batch_meetings,
                    "topic": f"Tuyên truyền, vận động Nhân dân tại các ấp tháng {m}/{y} (ghi gộp)",
                    "attendance": batch_attendance,
                },
            ),
        ):
            created = ld.add(
                district,
                ext,
                kind=K.MOBILIZATION,
                body_kind=B.MASS_MOBILIZATION,
                co_kinds=(B.FATHERLAND_FRONT,),
                **values,
            )
            row = created or Engagement.objects.get(unit=district, external_id=ext)
            meetings_left -= row.meetings
            attendance_left -= row.attendance or 0


def load_demo(*, by: Any, today: dt.date | None = None) -> int:
    """Create the demo engagements; returns how many rows were created (0 on a re-run)."""
    ld = _Loader(by, today or timezone.localdate())
    with transaction.atomic():
        ward = _unit("06688")
        if ward is not None:
            _ha_long_ward(ld, ward, dt.date(2025, 7, 1))
        old_wards = [u for key in ("06688@2025-06-30", "06697@2025-06-30") if (u := _unit(key))]
        _old_wards(
            ld,
            old_wards,
            [
                (dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
                (dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
            ],
        )
        if province := _unit("22@2025-06-30"):
            _province(
                ld,
                province,
                dt.date(2025, 1, 1),
                dt.date(2025, 6, 30),
                "22c",
                {(2025, 2): H.PARTY_SECRETARY},
            )
        if province := _unit("22"):
            _province(
                ld,
                province,
                dt.date(2025, 7, 1),
                ld.today,
                "22",
                {(2026, 8): H.PARTY_SECRETARY, (2026, 10): H.COMMITTEE_CHAIR},
            )
        if city := _unit("193@2025-06-30"):
            _ha_long_city_2022(ld, city)
        if district := _unit("848@2025-06-30"):
            _cau_ngang(ld, district)
        if vinh_long := _unit("86"):
            _province(
                ld, vinh_long, dt.date(2025, 7, 1), ld.today, "86", {(2026, 9): H.PARTY_SECRETARY}
            )
    return ld.created
