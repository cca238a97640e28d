"""Plans as a spreadsheet: one description for the template, the exports and the import.

A row is keyed on (inspecting unit, plan code): re-importing the same file changes
nothing. Rows run through the same actions as the pages, so a plan that collides with
another cannot be imported as notified, in progress or done unless the row carries an
acknowledgement note ("Ý kiến xác nhận trùng lặp"), which then acknowledges its open
collisions first — an explicit, audited choice, as on the page.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from danvan.imports.registry import RecordType, register
from danvan.imports.spec import Column, Sheet
from danvan.lib.text import fold
from danvan.units.models import BodyKind, Unit

from . import actions
from .forms import INSPECTING_KINDS, PlanFilterForm, body_of
from .models import TOPIC_LABELS, Kind, OversightPlan, PlanConflict, Topic, topics_value
from .queries import plans_for
from .states import LABELS, PATH, Status

SHEET = Sheet(
    kind="oversight-plans",
    title="Kế hoạch kiểm tra giám sát",
    columns=(
        Column(
            "external_id",
            "Mã kế hoạch",
            required=True,
            help="Mã riêng của kế hoạch trong đơn vị chủ trì; nhập lại cùng mã sẽ cập nhật.",
        ),
        Column(
            "unit",
            "Đơn vị chủ trì (mã)",
            required=True,
            help="Mã đơn vị: 22, 06688, 193@2025-06-30.",
        ),
        Column(
            "body_kind",
            "Cơ quan chủ trì",
            kind="choice",
            required=True,
            choices=[(k.value, k.label) for k in INSPECTING_KINDS],
            width=30,
        ),
        Column("kind", "Loại", kind="choice", required=True, choices=Kind.choices, width=30),
        Column("title", "Tên cuộc kiểm tra, giám sát", required=True, width=50),
        Column("document_number", "Số kế hoạch"),
        Column("subject_unit", "Đơn vị chịu kiểm tra (mã)", required=True),
        Column(
            "subject_body_kind",
            "Cơ quan chịu kiểm tra",
            kind="choice",
            choices=BodyKind.choices,
            width=30,
            help="Để trống nếu kiểm tra cả đơn vị.",
        ),
        Column(
            "topics",
            "Chủ đề",
            width=40,
            help="Tên chủ đề trong danh mục, cách nhau bởi dấu chấm phẩy: "
            + "; ".join(label for _, label in Topic.choices),
        ),
        Column("topic_text", "Nội dung", width=50),
        Column("window_start", "Từ ngày", kind="date", required=True),
        Column("window_end", "Đến ngày", kind="date", required=True),
        Column("notice_sent_on", "Ngày gửi thông báo", kind="date"),
        Column("team", "Thành phần đoàn", width=40),
        Column("findings", "Kết quả, nhận xét", width=40),
        Column("recommendations", "Kiến nghị", width=40),
        Column(
            "status",
            "Trạng thái",
            kind="choice",
            choices=Status.choices,
            help="Để trống: Dự kiến (kế hoạch mới) hoặc giữ nguyên.",
        ),
        Column(
            "ack_note",
            "Ý kiến xác nhận trùng lặp",
            width=40,
            help="Nếu kế hoạch trùng với kế hoạch khác mà vẫn giữ: ghi cách phối hợp.",
        ),
    ),
    instructions=(
        "Mỗi dòng là một kế hoạch kiểm tra, giám sát, khảo sát hoặc tập huấn.",
        "Ngày ghi dạng dd/mm/yyyy. Đơn vị ghi bằng mã (xem trang Đơn vị hành chính).",
        "Kế hoạch trùng đối tượng, trùng nội dung trong cùng quý với kế hoạch khác chỉ được "
        "chuyển sang “Đã thông báo” trở đi khi có ý kiến xác nhận trùng lặp.",
    ),
)


def _unit(key: str, label: str) -> Unit:
    unit = Unit.objects.filter(key=key).first()
    if unit is None:
        raise ValidationError(f"{label}: không có đơn vị mã “{key}”.")
    return unit


def _topics(text: str | None) -> list[str]:
    if not text:
        return []
    by_label = {fold(label): value for value, label in Topic.choices} | {v: v for v in Topic.values}
    found, unknown = [], []
    for part in text.replace("\n", ";").split(";"):  # labels contain commas
        key = fold(part).strip(" .")
        if not key:
            continue
        if key in by_label:
            found.append(by_label[key])
        else:
            unknown.append(part.strip())
    if unknown:
        raise ValidationError(f"Chủ đề không có trong danh mục: {'; '.join(unknown)}.")
    return found


def _data(row: dict[str, Any]) -> actions.PlanData:
    unit = _unit(row["unit"], "Đơn vị chủ trì")
    start, end = row["window_start"], row["window_end"]
    body = body_of(unit, row["body_kind"], start)
    if body is None:
        raise ValidationError(
            f"{unit} không có {BodyKind(row['body_kind']).label} vào ngày {start:%d/%m/%Y}."
        )
    subject_unit = _unit(row["subject_unit"], "Đơn vị chịu kiểm tra")
    subject_body = None
    if row.get("subject_body_kind"):
        subject_body = body_of(subject_unit, row["subject_body_kind"], start)
        if subject_body is None:
            raise ValidationError(
                f"{subject_unit} không có {BodyKind(row['subject_body_kind']).label} vào ngày {start:%d/%m/%Y}."
            )
    return actions.PlanData(
        kind=row["kind"],
        title=row["title"],
        window_start=start,
        window_end=end,
        unit=unit,
        body=body,
        subject_unit=subject_unit,
        subject_body=subject_body,
        topics=_topics(row.get("topics")),
        topic_text=row.get("topic_text") or "",
        document_number=row.get("document_number") or "",
        team=row.get("team") or "",
        findings=row.get("findings") or "",
        recommendations=row.get("recommendations") or "",
        notice_sent_on=row.get("notice_sent_on"),
        external_id=row["external_id"],
    )


_COMPARED = (
    "kind",
    "title",
    "window_start",
    "window_end",
    "body",
    "subject_unit",
    "subject_body",
    "topic_text",
    "document_number",
    "team",
    "findings",
    "recommendations",
    "notice_sent_on",
)


def _differs(plan: OversightPlan, data: actions.PlanData) -> bool:
    if topics_value(data.topics) != plan.topics:
        return True
    return any(getattr(plan, name) != getattr(data, name) for name in _COMPARED)


def _walk(plan: OversightPlan, target: str, *, by: Any, ack_note: str) -> bool:
    """Move the plan along its path to `target`; True if it moved."""
    if target == plan.status:
        return False
    if ack_note:
        for conflict in (
            PlanConflict.objects.unacknowledged().filter(plan=plan).select_related("plan__unit")
        ):
            actions.acknowledge_conflict(conflict, by=by, note=ack_note)
    if target == Status.CANCELLED:
        actions.transition_plan(plan, by=by, to=target, note="Nhập từ tệp")
        return True
    if plan.status not in PATH or PATH.index(target) < PATH.index(plan.status):
        raise ValidationError(
            f"Không thể đưa trạng thái từ “{LABELS[plan.status]}” về “{LABELS[target]}”."
        )
    dates = {
        Status.NOTIFIED: plan.notice_sent_on or plan.window_start,
        Status.IN_PROGRESS: plan.window_start,
        Status.DONE: plan.window_end,
    }
    for step in PATH[PATH.index(plan.status) + 1 : PATH.index(target) + 1]:
        plan = actions.transition_plan(
            plan, by=by, to=step, on_date=dates.get(step), note="Nhập từ tệp"
        )
    return True


@transaction.atomic  # a row that fails half-way leaves nothing behind
def apply_row(row: dict[str, Any], *, by: Any) -> str:
    data = _data(row)
    plan = OversightPlan.objects.filter(unit=data.unit, external_id=data.external_id).first()
    if plan is None:  # an exported plan without an external id carries its code instead
        try:
            plan = OversightPlan.objects.filter(
                unit=data.unit, code=uuid.UUID(data.external_id)
            ).first()
        except ValueError:
            plan = None
    ack_note = row.get("ack_note") or ""
    if plan is None:
        plan = actions.create_plan(data, by=by, note="Nhập từ tệp")
        _walk(plan, row.get("status") or Status.PLANNED, by=by, ack_note=ack_note)
        return "created"
    changed = False
    if _differs(plan, data):
        plan = actions.update_plan(plan, data, by=by, note="Nhập từ tệp")
        changed = True
    changed = _walk(plan, row.get("status") or plan.status, by=by, ack_note=ack_note) or changed
    return "updated" if changed else "unchanged"


def rows(queryset: Any) -> Iterable[dict[str, Any]]:
    for p in queryset.select_related("unit", "body", "subject_unit", "subject_body", "match_unit"):
        yield {
            "external_id": p.external_id or str(p.code),
            "unit": p.unit.key,
            "body_kind": p.body.kind if p.body else "",
            "kind": p.kind,
            "title": p.title,
            "document_number": p.document_number,
            "subject_unit": (p.subject_unit or p.match_unit).key,
            "subject_body_kind": p.subject_body.kind if p.subject_body else "",
            "topics": "; ".join(TOPIC_LABELS.get(t, t) for t in p.topic_list),
            "topic_text": p.topic_text,
            "window_start": p.window_start,
            "window_end": p.window_end,
            "notice_sent_on": p.notice_sent_on,
            "team": p.team,
            "findings": p.findings,
            "recommendations": p.recommendations,
            "status": p.status,
            "ack_note": "",
        }


def list_queryset(request: Any) -> Any:
    """The list page's plans, with its filters and the user's visibility."""
    form = PlanFilterForm(request.GET, user=request.user)
    return form.apply(plans_for(request.user).for_list()).order_by("-window_start", "pk")


def register_sheets() -> None:
    register(
        RecordType(
            sheet=SHEET,
            apply_row=apply_row,
            rows=rows,
            view_action="oversight.view",
            label="Kế hoạch kiểm tra, giám sát",
            list_queryset=list_queryset,
        )
    )
