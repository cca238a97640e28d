"""The engagements spreadsheet: one description for the template, export and import."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError

from danvan.imports.registry import RecordType, register
from danvan.imports.spec import Column, Sheet
from danvan.units.models import BodyKind, Unit

from . import actions
from .forms import body_of
from .models import Engagement, EngagementKind, HostRole, ReceptionType

SHEET = Sheet(
    kind="engagements",
    title="Tiếp dân, đối thoại",
    columns=(
        Column(
            "external_id",
            "Mã định danh",
            required=True,
            width=16,
            help="Mã ổn định của dòng; nhập lại tệp sẽ cập nhật dòng cùng mã, không tạo trùng.",
        ),
        Column(
            "unit",
            "Mã đơn vị",
            required=True,
            width=16,
            help="Mã đơn vị hành chính: 06688 (Phường Hạ Long); đơn vị trước 2025: 193@2025-06-30.",
        ),
        Column(
            "kind",
            "Loại hoạt động",
            kind="choice",
            required=True,
            choices=EngagementKind.choices,
            width=28,
        ),
        Column(
            "reception_type",
            "Hình thức tiếp",
            kind="choice",
            choices=ReceptionType.choices,
            help="Chỉ với tiếp công dân: Định kỳ hoặc Đột xuất.",
        ),
        Column(
            "host_role",
            "Vai trò người chủ trì",
            kind="choice",
            choices=HostRole.choices,
            width=24,
            help="Bắt buộc với tiếp công dân.",
        ),
        Column("date", "Ngày", kind="date", required=True, width=12, help="dd/mm/yyyy"),
        Column(
            "meetings",
            "Số cuộc",
            kind="int",
            width=10,
            help="Để trống là 1. Có thể ghi gộp nhiều cuộc nhỏ cùng loại; tiếp công dân luôn là 1.",
        ),
        Column("topic", "Chủ đề, nội dung", required=True, width=40),
        Column(
            "body_kind",
            "Cơ quan chủ trì",
            kind="choice",
            choices=BodyKind.choices,
            width=28,
            help="Loại cơ quan của đơn vị; hệ thống chọn đúng tên cơ quan vào ngày tổ chức.",
        ),
        Column("host_name", "Người chủ trì", width=22),
        Column("host_position", "Chức vụ người chủ trì", width=28),
        Column("place", "Địa điểm", width=24),
        Column("is_online", "Trực tuyến", kind="bool", width=10, help="Có / Không"),
        Column("connection_points", "Số điểm cầu", kind="int", width=10),
        Column(
            "attendance",
            "Số lượt người dự",
            kind="int",
            width=12,
            help="Lượt: mỗi lần dự tính một lượt; được cộng dồn.",
        ),
        Column(
            "distinct_people",
            "Số người (không trùng)",
            kind="int",
            width=12,
            help="Chỉ ghi khi biết chính xác; không lớn hơn số lượt.",
        ),
        Column("women", "Trong đó nữ", kind="int", width=10),
        Column("ethnic_minorities", "Trong đó dân tộc thiểu số", kind="int", width=12),
        Column("issues_raised", "Ý kiến, kiến nghị", width=40),
        Column("outcome", "Kết quả, trả lời", width=40),
        Column("outcome_on", "Ngày ghi nhận kết quả", kind="date", width=12),
    ),
    instructions=(
        "Mỗi dòng là một buổi tiếp công dân, một cuộc đối thoại, hội nghị hoặc hoạt động.",
        "Tiếp công dân: mỗi buổi một dòng, ghi hình thức (định kỳ/đột xuất) và vai trò người "
        "chủ trì; chỉ buổi định kỳ do Bí thư, Chủ tịch trực tiếp chủ trì được tính vào tần suất.",
        "Số lượt người dự được cộng dồn; số người (không trùng) không cộng dồn giữa các dòng.",
        "Hoạt động trước 01/07/2025 ghi cho đơn vị cũ (mã có @2025-06-30).",
    ),
)

_VALUE_KEYS = (
    "kind",
    "reception_type",
    "host_role",
    "date",
    "meetings",
    "topic",
    "host_name",
    "host_position",
    "place",
    "is_online",
    "connection_points",
    "attendance",
    "distinct_people",
    "women",
    "ethnic_minorities",
    "issues_raised",
    "outcome",
    "outcome_on",
    "external_id",
)


def _existing(unit: Unit, external_id: str) -> Engagement | None:
    """By (unit, external id); a row exported from danvan carries the record's code instead."""
    found = Engagement.objects.filter(unit=unit, external_id=external_id).first()
    if found is None:
        try:
            code = uuid.UUID(external_id)
        except ValueError:
            return None
        found = Engagement.objects.filter(unit=unit, code=code, external_id="").first()
    return found


def apply_row(row: dict[str, Any], *, by: Any) -> str:
    key = str(row.get("unit") or "").strip()
    unit = Unit.objects.filter(key=key).first()
    if unit is None:
        raise ValidationError(f"Không có đơn vị mã “{key}”.")
    values = {k: row.get(k) for k in _VALUE_KEYS}
    values["meetings"] = values["meetings"] if values["meetings"] is not None else 1
    values["is_online"] = bool(values["is_online"])
    values["body"] = None
    if row.get("body_kind") and values["date"]:
        values["body"] = body_of(unit, row["body_kind"], values["date"])
        if values["body"] is None:
            label = BodyKind(row["body_kind"]).label
            raise ValidationError(
                f"{unit.name} không có {label} vào ngày {values['date']:%d/%m/%Y}."
            )
    current = _existing(unit, values["external_id"])
    if current is None:
        actions.create_engagement(by=by, unit=unit, **values)
        return "created"
    if current.is_deleted:
        raise ValidationError(
            f"Hoạt động mã “{values['external_id']}” đã bị xóa; khôi phục trên trang của nó trước."
        )
    if not current.external_id:
        values["external_id"] = ""  # keep it keyed on its code, as exported
    stamp = current.updated_at
    updated = actions.update_engagement(current, by=by, note="Nhập từ tệp", **values)
    return "unchanged" if updated.updated_at == stamp else "updated"


def rows_for_export(queryset: Iterable[Engagement]) -> Iterable[dict[str, Any]]:
    qs = (
        queryset.select_related("unit", "body") if hasattr(queryset, "select_related") else queryset
    )
    for e in qs:
        row = {k: getattr(e, k) for k in _VALUE_KEYS}
        row["external_id"] = e.external_id or str(e.code)
        row["unit"] = e.unit.key
        row["body_kind"] = e.body.kind if e.body else None
        yield row


register(
    RecordType(
        sheet=SHEET,
        apply_row=apply_row,
        rows=rows_for_export,
        view_action="engagements.view",
        label="Tiếp dân, đối thoại, hội nghị",
    )
)
