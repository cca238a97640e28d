"""Key tasks as a spreadsheet: one row per task, keyed on (unit, external_id)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError

from danvan.conferences.filters import unit_by_key
from danvan.conferences.models import Conference
from danvan.imports.registry import RecordType, register
from danvan.imports.spec import Column, Sheet
from danvan.units.models import Body, BodyKind

from . import actions
from .models import KeyTask
from .states import LABELS, Status

# Carrying over creates a new task and needs the next conference: done on the task page.
IMPORTABLE_STATUSES = [
    (s, LABELS[s]) for s in (Status.NOT_STARTED, Status.IN_PROGRESS, Status.DONE)
]

SHEET = Sheet(
    kind="followups",
    title="Nhiệm vụ trọng tâm",
    columns=(
        Column("external_id", "Mã nhiệm vụ", required=True),
        Column(
            "unit",
            "Đơn vị",
            required=True,
            help="Mã đơn vị theo dõi nhiệm vụ, ví dụ 848@2025-06-30.",
        ),
        Column(
            "conference",
            "Mã hội nghị",
            required=True,
            help="“Mã hội nghị” trong bảng Hội nghị (cùng đơn vị).",
        ),
        Column("number", "Số thứ tự", kind="int"),
        Column("text", "Nội dung nhiệm vụ", required=True, width=70),
        Column(
            "owner_body_kind",
            "Cơ quan chủ trì",
            kind="choice",
            choices=BodyKind.choices,
            width=28,
            help="Cơ quan cùng đơn vị.",
        ),
        Column("owner_person", "Người chịu trách nhiệm", width=24),
        Column("co_owners_text", "Phối hợp", width=30),
        Column("deadline", "Thời hạn", kind="date"),
        Column("period_label", "Kỳ thực hiện"),
        Column("status", "Trạng thái", kind="choice", choices=IMPORTABLE_STATUSES),
        Column("percent", "Tiến độ (%)", kind="int"),
    ),
    instructions=(
        "Mỗi dòng một nhiệm vụ. “Mã nhiệm vụ” cùng “Đơn vị” xác định nhiệm vụ: nhập lại thì cập nhật.",
        "Chuyển nhiệm vụ sang kỳ sau làm trên trang của nhiệm vụ.",
    ),
)


def _conference(unit: Any, ref: str) -> Conference:
    c = Conference.objects.filter(unit=unit, external_id=ref).select_related("unit").first()
    if c is None:
        c = (
            Conference.objects.filter(code__iexact=ref).select_related("unit").first()
            if len(ref) == 36
            else None
        )
    if c is None:
        raise ValidationError(f"Không có hội nghị mã “{ref}” của {unit.name}.")
    return c


def _owner_body(unit: Any, kind: str | None, on: Any) -> Body | None:
    if not kind:
        return None
    qs = Body.objects.filter(unit=unit, kind=kind)
    body = (qs.valid_on(on) if on else qs).order_by("-valid_from").first()
    if body is None:
        raise ValidationError(f"{unit.name} không có {BodyKind(kind).label.lower()}.")
    return body


def apply_row(row: dict[str, Any], *, by: Any) -> str:
    unit = unit_by_key(row["unit"])
    if unit is None:
        raise ValidationError(f"Không có đơn vị mã “{row['unit']}”.")
    conference = _conference(unit, row["conference"])
    owner_body = _owner_body(unit, row.get("owner_body_kind"), conference.held_on)
    status = row.get("status") or Status.NOT_STARTED
    task = (
        KeyTask.objects.filter(unit=unit, external_id=row["external_id"])
        .select_related("owner_person")
        .first()
    )
    fields = {
        "text": row["text"],
        "owner_body": owner_body,
        "co_owners_text": row.get("co_owners_text") or "",
        "deadline": row.get("deadline"),
        "period_label": row.get("period_label") or conference.planned_label,
    }
    if task is None:
        task = actions.create_task(
            by=by,
            conference=conference,
            unit=unit,
            number=row.get("number"),
            owner_person_name=row.get("owner_person") or "",
            external_id=row["external_id"],
            **fields,
        )
        outcome = "created"
    else:
        if task.conference_id != conference.pk:
            raise ValidationError("Không đổi được hội nghị của nhiệm vụ đã có.")
        if row.get("number"):
            fields["number"] = row["number"]
        person = row.get("owner_person") or ""
        current = task.owner_person.full_name if task.owner_person_id else ""
        changed = {k: v for k, v in fields.items() if getattr(task, k) != v}
        if not changed and person == current and status == task.status and _same_percent(task, row):
            return "unchanged"
        task = actions.update_task(
            task,
            by=by,
            owner_person_name=person if person != current else None,
            note="Nhập từ bảng tính",
            **changed,
        )
        outcome = "updated"
    if row.get("percent") is not None and row["percent"] != task.percent and status != Status.DONE:
        actions.add_progress(task, by=by, note="Cập nhật từ bảng tính", percent=row["percent"])
        task.refresh_from_db()
    if status != task.status:
        actions.transition(task, to=status, by=by, note="Nhập từ bảng tính")
    return outcome


def _same_percent(task: KeyTask, row: dict[str, Any]) -> bool:
    return row.get("percent") is None or row["percent"] == task.percent


def rows(queryset: Iterable[KeyTask]) -> Iterable[dict[str, Any]]:
    for t in queryset:
        yield {
            "external_id": t.external_id or str(t.code),
            "unit": t.unit.key,
            "conference": (t.conference.external_id or str(t.conference.code))
            if t.conference_id
            else "",
            "number": t.number,
            "text": t.text,
            "owner_body_kind": t.owner_body.kind if t.owner_body_id else None,
            "owner_person": t.owner_person.full_name if t.owner_person_id else "",
            "co_owners_text": t.co_owners_text,
            "deadline": t.deadline,
            "period_label": t.period_label,
            "status": t.status,
            "percent": t.percent,
        }


def _list_queryset(request: Any) -> Any:
    from .views import task_queryset

    return task_queryset(request)


def register_sheet() -> None:
    register(
        RecordType(
            sheet=SHEET,
            apply_row=apply_row,
            rows=rows,
            view_action="followups.view",
            label="Nhiệm vụ trọng tâm",
            list_queryset=_list_queryset,
        )
    )
