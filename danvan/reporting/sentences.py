"""Vietnamese report sentences from figures alone, in the style officials write them.

"Trong năm 2023, toàn thành phố tiếp nhận 69 đơn/68 vụ việc, trong đó đơn kỳ trước
chuyển sang 16 đơn (thành phố 09 đơn, cấp xã 07 đơn), đơn tiếp nhận trong kỳ 53 đơn
(thành phố 17 đơn, cấp xã 36 đơn). Số đơn đã xử lý/Tổng số đơn tiếp nhận: 69/69 đơn."

Plain data in, text out: no ORM here, so any renderer (DOCX, PDF, the page) can use it.
"""

from __future__ import annotations

from dataclasses import dataclass

from danvan.lib.vn import format_number

# How a unit's whole area and its own level are named in report prose.
SCOPE_WORDS = {
    "nation": ("toàn quốc", "Trung ương"),
    "province": ("toàn tỉnh", "cấp tỉnh"),
    "central_city": ("toàn thành phố", "thành phố"),
    "provincial_city": ("toàn thành phố", "thành phố"),
    "town": ("toàn thị xã", "thị xã"),
    "urban_district": ("toàn quận", "quận"),
    "rural_district": ("toàn huyện", "huyện"),
    "commune": ("toàn xã", "xã"),
    "ward": ("toàn phường", "phường"),
    "township": ("toàn thị trấn", "thị trấn"),
    "special_zone": ("toàn đặc khu", "đặc khu"),
}
LOWER_WORDS = {"nation": "cấp tỉnh", "province": "cấp xã", "central_city": "cấp xã", "district": "cấp xã"}


def n(value: int | None) -> str:
    return "0" if value is None else format_number(value)


def part(value: int | None) -> str:
    """Breakdown figures are written with two digits: '09 đơn'."""
    return f"{value or 0:02d}" if (value or 0) < 10 else format_number(value)


@dataclass(frozen=True, slots=True)
class PetitionFigures:
    carried_over: int
    carried_over_own: int
    carried_over_lower: int
    received: int
    received_own: int
    received_lower: int
    cases: int
    handled: int


def petitions_sentence(*, period_label: str, unit_kind: str, unit_level: str, f: PetitionFigures,
                       split: bool = True) -> str:
    """split=False leaves out "(thành phố 09 đơn, cấp xã 07 đơn)" for a unit without lower units."""
    scope, own = SCOPE_WORDS.get(unit_kind, ("toàn đơn vị", "đơn vị"))
    lower = LOWER_WORDS.get(unit_kind if unit_kind in LOWER_WORDS else unit_level, "cấp dưới")
    total = f.carried_over + f.received
    carried = f" ({own} {part(f.carried_over_own)} đơn, {lower} {part(f.carried_over_lower)} đơn)" if split else ""
    received = f" ({own} {part(f.received_own)} đơn, {lower} {part(f.received_lower)} đơn)" if split else ""
    return (
        f"Trong {period_label}, {scope} tiếp nhận {n(total)} đơn/{n(f.cases)} vụ việc, trong đó đơn kỳ trước chuyển "
        f"sang {n(f.carried_over)} đơn{carried}, đơn tiếp nhận trong kỳ {n(f.received)} đơn{received}. "
        f"Số đơn đã xử lý/Tổng số đơn tiếp nhận: {n(f.handled)}/{n(total)} đơn."
    )


def meetings_sentence(*, meetings: int, attendance: int | None) -> str:
    """'tổ chức được 305 cuộc, có 17.385 lượt người dự'."""
    text = f"tổ chức được {n(meetings)} cuộc"
    if attendance:
        text += f", có {n(attendance)} lượt người dự"
    return text


def practices_sentence(*, period_label: str, registered_new: int, in_progress: int, effective: int) -> str:
    return (
        f"Trong {period_label}, đăng ký mới {n(registered_new)} mô hình “Dân vận khéo”; hiện có {n(in_progress)} mô hình "
        f"đang thực hiện và duy trì {n(effective)} mô hình hiệu quả."
    )
