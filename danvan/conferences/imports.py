"""Conferences as a spreadsheet: one row per conference, keyed on (unit, external_id)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError

from danvan.imports.registry import RecordType, register
from danvan.imports.spec import Column, Sheet
from danvan.units.models import BodyKind

from . import actions
from .filters import unit_by_key
from .forms import body_for
from .models import Conference, Kind

SHEET = Sheet(
    kind="conferences",
    title="Hội nghị",
    columns=(
        Column(
            "external_id",
            "Mã hội nghị",
            required=True,
            help="Mã ổn định do đơn vị đặt; nhập lại cùng mã thì cập nhật.",
        ),
        Column("unit", "Đơn vị", required=True, help="Mã đơn vị, ví dụ 193@2025-06-30 hoặc 06688."),
        Column(
            "body_kind",
            "Cơ quan tổ chức",
            kind="choice",
            required=True,
            choices=BodyKind.choices,
            width=28,
        ),
        Column("title", "Tên hội nghị", required=True, width=60),
        Column("kind", "Loại hội nghị", kind="choice", required=True, choices=Kind.choices),
        Column(
            "held_on", "Ngày tổ chức", kind="date", help="dd/mm/yyyy; để trống nếu không rõ ngày."
        ),
        Column("held_note", "Thời gian (như ghi)"),
        Column("venue", "Địa điểm", width=30),
        Column("reviewed_label", "Kỳ đánh giá", help="Như ghi: năm 2022, 2,5 năm…"),
        Column("reviewed_from", "Kỳ đánh giá từ ngày", kind="date"),
        Column("reviewed_to", "Kỳ đánh giá đến ngày", kind="date"),
        Column("planned_label", "Kỳ triển khai"),
        Column("planned_from", "Kỳ triển khai từ ngày", kind="date"),
        Column("planned_to", "Kỳ triển khai đến ngày", kind="date"),
        Column(
            "programmes",
            "Chương trình được đánh giá",
            width=40,
            help="Phân cách bằng dấu chấm phẩy (;).",
        ),
        Column("is_online", "Trực tuyến", kind="bool"),
        Column("bridge_points_count", "Số điểm cầu", kind="int"),
        Column("awards_count", "Số được khen", kind="int"),
        Column("pledges_count", "Số giao ước thi đua", kind="int"),
        Column("conclusions", "Kết luận", width=60),
        Column("notice_number", "Số thông báo kết luận"),
    ),
    instructions=(
        "Mỗi dòng một hội nghị. “Mã hội nghị” cùng “Đơn vị” xác định hội nghị: nhập lại thì cập nhật, không tạo trùng.",
        "Đại biểu, nhiệm vụ trọng tâm và văn bản thực hiện được nhập trên trang của hội nghị "
        "(nhiệm vụ cũng nhập được bằng bảng “Nhiệm vụ trọng tâm”).",
    ),
)

FIELDS = (
    "held_on",
    "held_note",
    "venue",
    "reviewed_label",
    "reviewed_from",
    "reviewed_to",
    "planned_label",
    "planned_from",
    "planned_to",
    "programmes",
    "is_online",
    "bridge_points_count",
    "awards_count",
    "pledges_count",
    "conclusions",
    "notice_number",
)


def _values(row: dict[str, Any]) -> dict[str, Any]:
    data = {k: row.get(k) for k in FIELDS}
    data["programmes"] = [p.strip() for p in (row.get("programmes") or "").split(";") if p.strip()]
    data["is_online"] = bool(row.get("is_online"))
    for key in (
        "held_note",
        "venue",
        "reviewed_label",
        "planned_label",
        "conclusions",
        "notice_number",
    ):
        data[key] = data[key] or ""
    return data


def apply_row(row: dict[str, Any], *, by: Any) -> str:
    unit = unit_by_key(row["unit"])
    if unit is None:
        raise ValidationError(f"Không có đơn vị mã “{row['unit']}”.")
    data = _values(row)
    on = data["held_on"] or data["reviewed_to"] or data["planned_from"]
    body = body_for(unit, row["body_kind"], on)
    if body is None:
        raise ValidationError(
            f"{unit.name} không có {BodyKind(row['body_kind']).label.lower()} vào thời điểm này."
        )
    existing = Conference.objects.filter(unit=unit, external_id=row["external_id"]).first()
    if existing is None:
        actions.create_conference(
            by=by,
            unit=unit,
            body=body,
            title=row["title"],
            kind=row["kind"],
            external_id=row["external_id"],
            **data,
        )
        return "created"
    data.update(title=row["title"], kind=row["kind"])
    changed = {k: v for k, v in data.items() if getattr(existing, k) != v}
    if not changed and existing.body_id == body.pk:
        return "unchanged"
    actions.update_conference(existing, by=by, body=body, note="Nhập từ bảng tính", **changed)
    return "updated"


def rows(queryset: Iterable[Conference]) -> Iterable[dict[str, Any]]:
    for c in queryset:
        yield {
            "external_id": c.external_id or str(c.code),
            "unit": c.unit.key,
            "body_kind": c.body.kind,
            "title": c.title,
            "kind": c.kind,
            **{k: getattr(c, k) for k in FIELDS},
            "programmes": "; ".join(c.programmes),
        }


def _list_queryset(request: Any) -> Any:
    from .views import conference_queryset

    return conference_queryset(request)


def register_sheet() -> None:
    register(
        RecordType(
            sheet=SHEET,
            apply_row=apply_row,
            rows=rows,
            view_action="conferences.view",
            label="Hội nghị",
            list_queryset=_list_queryset,
        )
    )
