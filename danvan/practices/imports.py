"""The practices spreadsheet: one description for the template, the import and the export.

A row is keyed on (unit, external id): importing the same file twice changes nothing.
A row may also carry a model's lifecycle so far (started, evaluated, recognised or
stopped, with dates); the import moves the record forward through the same actions,
never backward.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from danvan.accounts.permissions import require
from danvan.imports.registry import RecordType, register
from danvan.imports.spec import Column, Sheet
from danvan.lib.text import fold, nfc
from danvan.units.models import Body, Unit

from . import actions
from .models import (
    EvaluationResult,
    Field,
    Practice,
    PracticeKind,
    RecognitionLevel,
    RegisteringLevel,
)
from .states import LABELS, PATH, Status

IMPORTED_STATES = [(s, label) for s, label in LABELS.items()]

SHEET = Sheet(
    kind="practices",
    title="Mô hình Dân vận khéo",
    columns=(
        Column(
            "external_id",
            "Mã ngoài",
            required=True,
            help="Mã ổn định trong sổ của đơn vị; nhập lại cùng mã thì cập nhật, không tạo trùng.",
            width=14,
        ),
        Column(
            "unit",
            "Mã đơn vị",
            required=True,
            help="Mã đơn vị hành chính, ví dụ 06688 (Phường Hạ Long) hoặc 848@2025-06-30 (huyện Cầu Ngang trước 01/07/2025).",
            width=16,
        ),
        Column(
            "body",
            "Cơ quan, tổ chức đăng ký",
            help="Tên cơ quan, tổ chức của đơn vị (như trong danvan); để trống nếu không rõ.",
            width=30,
        ),
        Column(
            "kind", "Loại", kind="choice", required=True, choices=PracticeKind.choices, width=12
        ),
        Column("name", "Tên mô hình", required=True, width=40),
        Column("field", "Lĩnh vực", kind="choice", required=True, choices=Field.choices, width=24),
        Column(
            "level",
            "Cấp đăng ký",
            kind="choice",
            choices=RegisteringLevel.choices,
            help="Để trống: theo cấp của đơn vị.",
            width=18,
        ),
        Column("registered_on", "Ngày đăng ký", kind="date", required=True, width=14),
        Column(
            "registration_year",
            "Năm đăng ký",
            kind="int",
            help="Để trống: năm của ngày đăng ký.",
            width=10,
        ),
        Column("person_name", "Họ và tên điển hình", help="Bắt buộc với điển hình.", width=22),
        Column("person_position", "Chức vụ, nơi công tác của điển hình", width=26),
        Column("situation", "Thực trạng, lý do xây dựng", width=40),
        Column("goals", "Mục tiêu", width=30),
        Column("criteria", "Tiêu chí đánh giá", width=30),
        Column("content_method", "Nội dung, cách thức thực hiện", width=40),
        Column("area", "Địa bàn thực hiện", width=24),
        Column("beneficiaries", "Đối tượng tác động, thụ hưởng", width=24),
        Column("forces", "Lực lượng thực hiện", width=30),
        Column("resources", "Nguồn lực", width=30),
        Column(
            "start_on",
            "Ngày bắt đầu thực hiện",
            kind="date",
            help="Cũng là ngày chuyển sang “Đang thực hiện”.",
            width=14,
        ),
        Column("evaluation_due", "Thời điểm đánh giá dự kiến", kind="date", width=14),
        Column("outputs", "Sản phẩm, kết quả kiểm chứng được", width=30),
        Column("replicability", "Tính bền vững, khả năng nhân rộng", width=30),
        Column(
            "status",
            "Trạng thái",
            kind="choice",
            choices=IMPORTED_STATES,
            help="Để trống: Đăng ký. Chỉ đi tiếp theo quy trình, không lùi lại.",
            width=16,
        ),
        Column("evaluated_on", "Ngày đánh giá", kind="date", width=14),
        Column(
            "evaluation_result",
            "Kết quả đánh giá",
            kind="choice",
            choices=EvaluationResult.choices,
            width=12,
        ),
        Column("evaluation_note", "Nhận xét đánh giá", width=30),
        Column(
            "recognition_level",
            "Cấp công nhận",
            kind="choice",
            choices=RecognitionLevel.choices,
            width=14,
        ),
        Column("recognition_decision", "Số quyết định công nhận", width=18),
        Column("recognised_on", "Ngày quyết định công nhận", kind="date", width=14),
        Column("stopped_on", "Ngày dừng", kind="date", width=14),
        Column("stopped_reason", "Lý do dừng", width=24),
    ),
    instructions=(
        "Mỗi dòng là một mô hình hoặc điển hình “Dân vận khéo”.",
        "Mã ngoài cùng mã đơn vị xác định một mô hình: nhập lại tệp thì cập nhật, không tạo trùng.",
        "Trạng thái chỉ được đi tiếp: Đăng ký → Đang thực hiện → Có hiệu quả (cần ngày, kết quả và "
        "nhận xét đánh giá) → Được công nhận (cần cấp, số và ngày quyết định), hoặc Dừng thực hiện "
        "(cần ngày và lý do).",
        "“Đã nhân rộng” do hệ thống ghi khi một mô hình khác đăng ký nhân rộng; không nhập trực tiếp.",
        "Ngày ghi dạng dd/mm/yyyy.",
    ),
)

CONTENT = (
    "kind",
    "name",
    "field",
    "level",
    "registered_on",
    "registration_year",
    "person_name",
    "person_position",
    "situation",
    "goals",
    "criteria",
    "content_method",
    "area",
    "beneficiaries",
    "forces",
    "resources",
    "start_on",
    "evaluation_due",
    "outputs",
    "replicability",
)


def _unit(key: str) -> Unit:
    """By key; a spreadsheet that turned "06688" into the number 6688 is forgiven."""
    candidates = [key]
    if key.isdigit():
        candidates += [key.zfill(2), key.zfill(3), key.zfill(5)]
    for candidate in candidates:
        unit = Unit.objects.filter(key=candidate).first()
        if unit is not None:
            return unit
    raise ValidationError(f"Không có đơn vị mã “{key}”.")


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, str) and isinstance(new, str):
        return nfc(old) == nfc(new)  # cells hold one line; the form may have kept line breaks
    return bool(old == new)


def _existing(unit: Unit, external_id: str) -> tuple[Practice | None, bool]:
    """The practice a row names, and whether it was found by its code (exported without an
    external id, so the export wrote the code in that column)."""
    found = Practice.objects.filter(unit=unit, external_id=external_id).first()
    if found is not None:
        return found, False
    try:
        code = uuid.UUID(external_id)
    except ValueError:
        return None, False
    found = Practice.objects.filter(unit=unit, code=code, external_id="").first()
    return found, found is not None


def _body(unit: Unit, name: str | None) -> Body | None:
    if not name:
        return None
    wanted = fold(name)
    for body in Body.objects.filter(unit=unit):
        if fold(body.name) == wanted:
            return body
    raise ValidationError(f"{unit.name} không có cơ quan, tổ chức “{name}”.")


def _fields(row: dict[str, Any], unit: Unit) -> dict[str, Any]:
    out = {name: row.get(name) for name in CONTENT}
    for name in CONTENT:
        if out[name] is None and name not in (
            "registered_on",
            "registration_year",
            "start_on",
            "evaluation_due",
            "level",
        ):
            out[name] = ""
    if not out["level"]:
        out.pop("level")
    if out["registration_year"] is None and out["registered_on"] is not None:
        out["registration_year"] = out["registered_on"].year
    out["body"] = _body(unit, row.get("body"))
    out["external_id"] = row["external_id"]
    return out


def _need(value: Any, label: str, state: str) -> Any:
    if not value:
        raise ValidationError(f"Trạng thái “{LABELS[state]}” cần {label}.")
    return value


def _advance(p: Practice, row: dict[str, Any], *, by: Any) -> bool:
    """Move `p` forward to the row's status through the actions; True if it moved."""
    target = row.get("status") or Status.REGISTERED
    if target == p.status:
        return False
    if target == Status.REPLICATED:
        raise ValidationError(
            "“Đã nhân rộng” được ghi khi một mô hình khác đăng ký nhân rộng; hãy nhập “Được công nhận”."
        )
    if target == Status.STOPPED:
        actions.stop_practice(
            p,
            by=by,
            on=_need(row.get("stopped_on"), "Ngày dừng", target),
            reason=_need(row.get("stopped_reason"), "Lý do dừng", target),
        )
        return True
    if p.status == Status.STOPPED or PATH.index(p.status) > PATH.index(target):
        raise ValidationError(
            f"Trạng thái trong tệp (“{LABELS[target]}”) lùi so với trạng thái hiện tại "
            f"(“{LABELS[p.status]}”)."
        )
    while p.status != target:
        step = PATH[PATH.index(p.status) + 1]
        if step == Status.IN_PROGRESS:
            p = actions.start_practice(p, by=by, on=row.get("start_on") or p.registered_on)
        elif step == Status.EFFECTIVE:
            p = actions.evaluate_practice(
                p,
                by=by,
                on=_need(row.get("evaluated_on"), "Ngày đánh giá", step),
                result=_need(row.get("evaluation_result"), "Kết quả đánh giá", step),
                note=_need(row.get("evaluation_note"), "Nhận xét đánh giá", step),
            )
        elif step == Status.RECOGNISED:
            p = actions.recognise_practice(
                p,
                by=by,
                on=_need(row.get("recognised_on"), "Ngày quyết định công nhận", step),
                level=_need(row.get("recognition_level"), "Cấp công nhận", step),
                decision=_need(row.get("recognition_decision"), "Số quyết định công nhận", step),
            )
    return True


def apply_row(row: dict[str, Any], *, by: Any) -> str:
    """Create or update one practice from a parsed row: "created", "updated" or "unchanged"."""
    unit = _unit(row["unit"])
    require(by, "practices.edit", unit)
    fields = _fields(row, unit)
    existing, by_code = _existing(unit, row["external_id"])
    if by_code:
        fields.pop("external_id")
    if existing is None:
        p = actions.register_practice(by=by, unit=unit, fields=fields, acknowledge_similar=True)
        _advance(p, row, by=by)
        return "created"
    changes = {k: v for k, v in fields.items() if not _same(getattr(existing, k), v)}
    changed = False
    if changes:
        existing = actions.update_practice(existing, by=by, changes=changes, note="Nhập từ tệp")
        changed = True
    return "updated" if _advance(existing, row, by=by) or changed else "unchanged"


def rows(queryset: QuerySet[Practice]) -> Iterable[dict[str, Any]]:
    """Export: one dict per practice, keyed like SHEET's columns."""
    for p in queryset.select_related("unit", "body").prefetch_related("transitions"):
        stopped = [t for t in p.transitions.all() if t.to_status == Status.STOPPED]
        row = {name: getattr(p, name) for name in CONTENT}
        row.update(
            external_id=p.external_id or str(p.code),
            unit=p.unit.key,
            body=p.body.name if p.body else None,
            status=p.status,
            evaluated_on=p.evaluated_on,
            evaluation_result=p.evaluation_result,
            evaluation_note=p.evaluation_note,
            recognition_level=p.recognition_level,
            recognition_decision=p.recognition_decision,
            recognised_on=p.recognised_on,
            stopped_on=stopped[-1].on_date if stopped else None,
            stopped_reason=p.stopped_reason,
        )
        yield row


def list_queryset(request: Any) -> QuerySet[Practice]:
    """The list page's rows, with its filters and the user's scope, for export."""
    from .views import filtered

    return filtered(request)[1].order_by("-registered_on", "-pk")


RECORD_TYPE = RecordType(
    sheet=SHEET,
    apply_row=apply_row,
    rows=rows,
    view_action="practices.view",
    label="Mô hình Dân vận khéo",
    list_queryset=list_queryset,
)


def register_record_type() -> None:
    register(RECORD_TYPE)
