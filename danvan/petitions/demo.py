"""Demo petitions for the demo units, recorded through the actions (as SYSTEM).

Several years (2021 to today) for Phường Hạ Long and the old Hạ Long city with the
wards it was formed from, the old Tam Điệp city (Ninh Bình) and its communes, Cầu
Ngang and Vĩnh Long; every status, some overdue. Tam Điệp 2023 reproduces the figures
of its year-end report (seed_2.txt): 69 petitions / 68 cases, 16 carried over (city
9, communes 7), 53 received (city 17, communes 36), 69 of 69 handled.

Idempotent: each petition has an external id `demo-…`; present ones are skipped.
Deterministic: a seeded random generator, dates relative to fixed years (open
petitions relative to today).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from danvan.units.models import Level, Unit
from danvan.workcalendar.actions import load_calendar

from . import actions
from .models import Category, Channel, Kind, Outcome, Petition, Signatories

DAY = dt.timedelta(days=1)

SUBJECTS: dict[str, list[tuple[str, str]]] = {
    Kind.COMPLAINT: [
        (
            Category.LAND,
            "Khiếu nại quyết định thu hồi đất và phương án bồi thường, hỗ trợ tại {place}",
        ),
        (
            Category.LAND,
            "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất cho hộ liền kề ở {place}",
        ),
        (Category.POLICY, "Khiếu nại kết quả bình xét hộ cận nghèo năm {year} tại {place}"),
        (Category.POLICY, "Khiếu nại việc dừng trợ cấp xã hội hằng tháng đối với người cao tuổi"),
        (
            Category.LAND,
            "Khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng nhà ở tại {place}",
        ),
    ],
    Kind.DENUNCIATION: [
        (Category.OTHER, "Tố cáo cán bộ địa chính gây khó khăn, đòi tiền khi làm thủ tục đất đai"),
        (Category.LAND, "Tố cáo việc lấn chiếm đất công, xây dựng trái phép tại {place}"),
        (Category.POLICY, "Tố cáo việc lập danh sách hỗ trợ không đúng đối tượng tại {place}"),
        (Category.OTHER, "Tố cáo trưởng thôn thu tiền đóng góp trái quy định"),
    ],
    Kind.RECOMMENDATION: [
        (Category.OTHER, "Kiến nghị sửa chữa tuyến đường liên thôn ở {place} bị xuống cấp"),
        (Category.POLICY, "Kiến nghị xem xét chế độ cho thân nhân người có công ở {place}"),
        (
            Category.OTHER,
            "Kiến nghị lắp đặt đèn chiếu sáng và nạo vét rãnh thoát nước khu dân cư {place}",
        ),
        (Category.LAND, "Kiến nghị điều chỉnh quy hoạch sử dụng đất khu vực {place}"),
        (Category.JUSTICE, "Kiến nghị đẩy nhanh thi hành bản án tranh chấp đất đai đã có hiệu lực"),
    ],
    Kind.FEEDBACK: [
        (Category.OTHER, "Phản ánh ô nhiễm môi trường do cơ sở chăn nuôi gần khu dân cư {place}"),
        (Category.OTHER, "Phản ánh tiếng ồn, bụi từ công trình thi công ban đêm ở {place}"),
        (Category.POLICY, "Phản ánh việc chi trả chậm tiền hỗ trợ học phí cho học sinh"),
        (Category.JUSTICE, "Phản ánh việc hòa giải tranh chấp ranh giới đất chưa được tổ chức"),
    ],
}
NAMES = [
    "Nguyễn Văn Hòa",
    "Trần Thị Lan",
    "Lê Văn Thắng",
    "Phạm Thị Huệ",
    "Hoàng Văn Bình",
    "Vũ Thị Mai",
    "Đặng Văn Nam",
    "Bùi Thị Thu",
    "Đỗ Văn Hùng",
    "Ngô Thị Hạnh",
    "Dương Văn Toàn",
    "Lý Thị Nga",
    "Mai Văn Khánh",
    "Trịnh Thị Hương",
    "Đinh Văn Lực",
]
PLACES = [
    "tổ dân phố 3",
    "khu 5",
    "thôn Đông",
    "xóm Trại",
    "khu tái định cư",
    "tổ 12",
    "thôn Yên Lâm",
]
KIND_WEIGHTS = [
    (Kind.COMPLAINT, 3),
    (Kind.DENUNCIATION, 1),
    (Kind.RECOMMENDATION, 4),
    (Kind.FEEDBACK, 2),
]
OUTCOMES = [Outcome.CORRECT, Outcome.PARTLY, Outcome.WRONG, Outcome.WRONG]


@dataclass
class Report:
    created: int = 0
    skipped: int = 0

    def __str__(self) -> str:
        return f"đơn thư mẫu: {self.created} tạo mới, {self.skipped} đã có"


def _pick_kind(rnd: random.Random) -> str:
    kinds, weights = zip(*KIND_WEIGHTS, strict=True)
    return rnd.choices(kinds, weights)[0]


def _receive(
    unit: Unit,
    received_on: dt.date,
    ext: str,
    rnd: random.Random,
    *,
    by: Any,
    kind: str | None = None,
) -> Petition:
    kind = kind or _pick_kind(rnd)
    category, text = rnd.choice(SUBJECTS[kind])
    summary = text.format(
        place=f"{rnd.choice(PLACES)}, {unit.short_name}", year=received_on.year - 1
    )
    many = rnd.random() < 0.15
    channel = rnd.choice(
        [
            Channel.DIRECT,
            Channel.DIRECT,
            Channel.POST,
            Channel.RECEPTION,
            Channel.ONLINE,
            Channel.FORWARDED,
        ]
    )
    return actions.receive_petition(
        by=by,
        unit=unit,
        received_on=received_on,
        kind=kind,
        summary=summary,
        category=category,
        channel=channel,
        forwarded_by="Ban Tiếp công dân tỉnh" if channel == Channel.FORWARDED else "",
        signatories=Signatories.MANY
        if many
        else (
            Signatories.UNSIGNED
            if kind == Kind.DENUNCIATION and rnd.random() < 0.2
            else Signatories.ONE
        ),
        signatory_count=rnd.randint(2, 30) if many else 1,
        remote_area=unit.kind == "commune" and rnd.random() < 0.2,
        is_complex=rnd.random() < 0.15,
        petitioner_name=rnd.choice(NAMES),
        petitioner_address=f"{rnd.choice(PLACES)}, {unit.name}",
        external_id=ext,
    )


def _finish(
    p: Petition,
    rnd: random.Random,
    *,
    by: Any,
    until: dt.date,
    late: bool = False,
    route: str | None = None,
    not_before: dt.date | None = None,
) -> Petition:
    """Walk a petition to a final state no later than `until`."""
    start = p.received_on
    classify_on = min(start + dt.timedelta(days=rnd.randint(0, 3)), until)
    p = actions.classify_petition(p, by=by, on_date=classify_on)
    route = route or rnd.choices(["resolve", "forward", "reject", "withdraw"], [70, 16, 9, 5])[0]
    decide_on = min(classify_on + dt.timedelta(days=rnd.randint(1, 8)), until)
    if route == "forward":
        return actions.forward_petition(
            p,
            by=by,
            on_date=decide_on,
            forwarded_to="Ủy ban nhân dân cấp tỉnh (cơ quan có thẩm quyền)",
        )
    if route == "reject":
        return actions.reject_petition(
            p,
            by=by,
            on_date=decide_on,
            reason="Đơn không đủ điều kiện thụ lý; đã hướng dẫn công dân gửi đúng cơ quan.",
        )
    if route == "withdraw":
        return actions.withdraw_petition(
            p, by=by, on_date=decide_on, note="Công dân tự nguyện rút đơn."
        )
    p = actions.accept_petition(p, by=by, on_date=decide_on)
    work_on = min(decide_on + dt.timedelta(days=rnd.randint(1, 5)), until)
    p = actions.start_resolution(p, by=by, on_date=work_on)
    if p.due_on and late:
        done = p.due_on + dt.timedelta(days=rnd.randint(2, 15))
    elif p.due_on:
        done = work_on + dt.timedelta(days=rnd.randint(3, max(4, (p.due_on - work_on).days)))
    else:
        done = work_on + dt.timedelta(days=rnd.randint(5, 40))
    done = max(work_on, not_before or work_on, min(done, until))
    outcome = (
        rnd.choice(OUTCOMES) if p.kind in {Kind.COMPLAINT, Kind.DENUNCIATION} else Outcome.ANSWERED
    )
    return actions.resolve_petition(
        p, by=by, on_date=done, outcome=outcome, note="Đã ban hành văn bản trả lời, giải quyết."
    )


def _open(p: Petition, rnd: random.Random, *, by: Any, today: dt.date) -> Petition:
    """Leave a recent petition somewhere along its way (some past due)."""
    age = (today - p.received_on).days
    stage = rnd.choices(
        ["received", "classified", "accepted", "in_progress", "suspended"], [1, 2, 2, 5, 1]
    )[0]
    if stage == "received" or age < 2:
        return p
    p = actions.classify_petition(p, by=by, on_date=p.received_on + DAY)
    if stage == "classified" or age < 4:
        return p
    p = actions.accept_petition(p, by=by, on_date=p.received_on + 3 * DAY)
    if stage == "accepted" or age < 6:
        return p
    p = actions.start_resolution(p, by=by, on_date=p.received_on + 5 * DAY)
    if stage == "suspended" and age > 20:
        p = actions.suspend_petition(
            p,
            by=by,
            on_date=p.received_on + 15 * DAY,
            note="Tạm đình chỉ chờ kết quả giám định của cơ quan chuyên môn.",
        )
    return p


def _current(unit: Unit, rnd: random.Random, report: Report, *, by: Any, today: dt.date) -> None:
    """Petitions in every open state as of today, some past due, some due this week."""
    stages = [
        (1, "received"),
        (3, "classified"),
        (6, "accepted"),
        (12, "in_progress"),
        (25, "in_progress"),
        (48, "in_progress"),
        (70, "in_progress"),
        (40, "suspended"),
        (9, "classified"),
        (20, "accepted"),
    ]
    for n, (age, stage) in enumerate(stages):
        ext = f"demo-{unit.code}-hien-tai-{n:02d}"
        if Petition.objects.filter(unit=unit, external_id=ext).exists():
            report.skipped += 1
            continue
        received = max(today - dt.timedelta(days=age), unit.valid_from or today)
        kind = Kind.COMPLAINT if n % 3 == 0 else (Kind.DENUNCIATION if n % 3 == 1 else None)
        p = _receive(unit, received, ext, rnd, by=by, kind=kind)
        report.created += 1
        if stage == "received":
            continue
        p = actions.classify_petition(p, by=by, on_date=min(received + DAY, today))
        if stage == "classified":
            continue
        p = actions.accept_petition(p, by=by, on_date=min(received + 2 * DAY, today))
        if stage == "accepted":
            continue
        p = actions.start_resolution(p, by=by, on_date=min(received + 4 * DAY, today))
        if stage == "suspended":
            actions.suspend_petition(
                p,
                by=by,
                on_date=min(received + 10 * DAY, today),
                note="Quyết định tạm đình chỉ: chờ kết quả giám định.",
            )


def _units(key: str) -> tuple[Unit, list[Unit]] | None:
    unit = Unit.objects.filter(key=key).first()
    if unit is None:
        return None
    return unit, list(unit.children.filter(level=Level.COMMUNE).order_by("code"))


def _year_span(year: int, today: dt.date) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 3), min(dt.date(year, 12, 31), today)


def _ordinary(
    unit: Unit,
    year: int,
    count: int,
    rnd: random.Random,
    report: Report,
    *,
    by: Any,
    today: dt.date,
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> None:
    """`count` petitions received in `year` at `unit`, finished within the year when old
    enough, else left open."""
    start, end = _year_span(year, today)
    start = max(start, first or start, unit.valid_from or start)
    end = min(
        end,
        last or end,
        unit.valid_to or end,
        dt.date(year, 10, 15) if end.year < today.year else end,
    )
    if start > end:
        return
    for n in range(count):
        ext = f"demo-{unit.code}-{year}-{n:03d}"
        received = start + dt.timedelta(days=rnd.randint(0, (end - start).days))
        if Petition.objects.filter(unit=unit, external_id=ext).exists():
            report.skipped += 1
            continue
        p = _receive(unit, received, ext, rnd, by=by)
        year_end = min(dt.date(year, 12, 31), today)
        if (today - received).days > 75:
            _finish(
                p,
                rnd,
                by=by,
                until=year_end if year < today.year else today,
                late=rnd.random() < 0.1,
            )
        else:
            _open(p, rnd, by=by, today=today)
        report.created += 1


def _tam_diep_2023(
    city: Unit, communes: list[Unit], rnd: random.Random, report: Report, *, by: Any
) -> None:
    """The report's figures: 16 carried over from 2022 (9 city, 7 commune) and 53 received
    in 2023 (17 city, 36 commune), all 69 handled in 2023; the last city petition is the
    previous one filed again, so 69 petitions make 68 cases."""
    plan: list[tuple[Unit, dt.date, str]] = []
    for i in range(9):
        plan.append(
            (city, dt.date(2022, 11, 14) + dt.timedelta(days=3 * i), f"demo-td-2022-tp-{i:02d}")
        )
    for i in range(7):
        plan.append(
            (
                communes[i % len(communes)],
                dt.date(2022, 11, 21) + dt.timedelta(days=4 * i),
                f"demo-td-2022-xa-{i:02d}",
            )
        )
    for i in range(17):
        plan.append(
            (city, dt.date(2023, 1, 9) + dt.timedelta(days=17 * i), f"demo-td-2023-tp-{i:02d}")
        )
    for i in range(36):
        plan.append(
            (
                communes[i % len(communes)],
                dt.date(2023, 1, 16) + dt.timedelta(days=8 * i),
                f"demo-td-2023-xa-{i:02d}",
            )
        )
    previous: Petition | None = None
    for unit, received, ext in plan:
        existing = Petition.objects.filter(unit=unit, external_id=ext).first()
        if existing is not None:
            report.skipped += 1
            previous = existing
            continue
        repeat = ext == "demo-td-2023-tp-16" and previous is not None
        p = _receive(unit, received, ext, rnd, by=by, kind=previous.kind if repeat else None)
        if repeat:
            p = actions.attach_to_case(p, previous.case, by=by, note="Đơn gửi lại cùng nội dung.")
        carried = received.year == 2022
        _finish(
            p,
            rnd,
            by=by,
            until=dt.date(2023, 12, 20),
            not_before=dt.date(2023, 1, 3) if carried else None,
            late=not carried and rnd.random() < 0.08,
            route="resolve" if carried else None,
        )
        report.created += 1
        previous = p


@transaction.atomic
def load_demo(*, by: Any) -> Report:
    """Create the demo petitions that are missing (needs the units loaded)."""
    today = timezone.localdate()
    load_calendar(by=by, first_year=2020, last_year=today.year + 1)
    actions.load_rules(by=by)
    rnd = random.Random(2023)  # noqa: S311 - demo data, not security
    report = Report()
    reform = dt.date(2025, 7, 1)

    halong_old = _units("193@2025-06-30")
    if halong_old:
        city, wards = halong_old
        named = [w for w in wards if w.key in {"06688@2025-06-30", "06697@2025-06-30"}]
        named += [w for w in wards[:4] if w not in named][: max(0, 4 - len(named))]
        for year in range(2021, 2026):
            _ordinary(city, year, 8, rnd, report, by=by, today=today, last=reform - DAY)
            for ward in named:
                _ordinary(ward, year, 5, rnd, report, by=by, today=today, last=reform - DAY)
    halong_new = Unit.objects.filter(key="06688").first()
    if halong_new:
        for year in range(2025, today.year + 1):
            _ordinary(halong_new, year, 14, rnd, report, by=by, today=today, first=reform)
        if today >= reform:
            _current(halong_new, rnd, report, by=by, today=today)

    tam_diep = _units("370@2025-06-30") or _tam_diep_by_name()
    if tam_diep:
        city, communes = tam_diep
        for year in (2021, 2022, 2024, 2025):
            _ordinary(city, year, 6, rnd, report, by=by, today=today, last=reform - DAY)
            for commune in communes[:3]:
                _ordinary(commune, year, 3, rnd, report, by=by, today=today, last=reform - DAY)
        if communes:
            _tam_diep_2023(city, communes, rnd, report, by=by)

    cau_ngang = _units("848@2025-06-30")
    if cau_ngang:
        district, communes = cau_ngang
        for year in (2022, 2023, 2024):
            _ordinary(district, year, 5, rnd, report, by=by, today=today)
            for commune in communes[:2]:
                _ordinary(commune, year, 3, rnd, report, by=by, today=today)

    vinh_long = Unit.objects.filter(key="86").first()
    if vinh_long:
        for commune in vinh_long.children.filter(level=Level.COMMUNE).order_by("code")[:3]:
            for year in range(2025, today.year + 1):
                _ordinary(commune, year, 4, rnd, report, by=by, today=today, first=reform)
    return report


def _tam_diep_by_name() -> tuple[Unit, list[Unit]] | None:
    city = Unit.objects.filter(level=Level.DISTRICT, search_key__contains="tam diep").first()
    if city is None:
        return None
    return city, list(city.children.filter(level=Level.COMMUNE).order_by("code"))
