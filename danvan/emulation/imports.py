"""Commendations as a spreadsheet: one row per commendation, keyed on (unit, external id).

A row creates a proposal and, when its status says so, moves it along the workflow
(review, decision or rejection) through the same actions as the pages — so each step
still needs its own permission (deciding needs an approver). Re-importing the same file
changes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError

from danvan.imports.registry import RecordType, register
from danvan.imports.spec import Column, Sheet
from danvan.lib.text import fold, nfc
from danvan.people.models import Person
from danvan.people.queries import match_person
from danvan.units.models import Body, Unit

from . import actions
from .models import AwardForm, Commendation, RecipientKind
from .states import CommendationStatus

SHEET = Sheet(
    kind="commendations",
    title="Khen thưởng",
    columns=(
        Column(
            "external_id",
            "Mã hồ sơ",
            required=True,
            help="Mã ổn định do đơn vị đặt, để nhập lại không bị trùng.",
        ),
        Column(
            "unit",
            "Mã đơn vị đề nghị",
            required=True,
            help="Mã đơn vị, ví dụ 06688 hoặc 193@2025-06-30.",
        ),
        Column("year", "Năm", kind="int", required=True),
        Column(
            "form",
            "Hình thức",
            kind="choice",
            required=True,
            choices=tuple(AwardForm.choices),
            width=40,
        ),
        Column("form_detail", "Ghi rõ hình thức", help="Ví dụ: Bằng khen của Chủ tịch UBND tỉnh."),
        Column(
            "recipient_kind",
            "Đối tượng",
            kind="choice",
            required=True,
            choices=tuple(RecipientKind.choices),
        ),
        Column("recipient_name", "Họ tên / tên tập thể", required=True, width=30),
        Column(
            "person_code", "Mã cán bộ", help="Không bắt buộc: mã cán bộ trong danvan (cá nhân)."
        ),
        Column("recipient_position", "Chức vụ, nơi công tác", width=40),
        Column(
            "proposer_body", "Cơ quan đề nghị", width=30, help="Tên cơ quan thuộc đơn vị đề nghị."
        ),
        Column("proposed_on", "Ngày đề nghị", kind="date", required=True),
        Column("reason", "Thành tích", width=40),
        Column("movement", "Phong trào, cuộc vận động", width=30),
        Column(
            "status",
            "Trạng thái",
            kind="choice",
            choices=tuple(CommendationStatus.choices),
            help="Để trống: Đề nghị.",
        ),
        Column("decision_number", "Số quyết định"),
        Column("decided_on", "Ngày quyết định", kind="date"),
        Column("awarding_body_name", "Cơ quan khen thưởng", width=30),
        Column("rejection_reason", "Lý do không khen thưởng", width=30),
    ),
    instructions=(
        "Mỗi dòng là một người hoặc một tập thể được đề nghị khen thưởng.",
        "Cá nhân chưa có trong danh sách cán bộ sẽ được thêm, với chức vụ ghi ở cột “Chức vụ, nơi công tác”.",
        "Trạng thái “Đã quyết định khen thưởng” cần ngày quyết định và cơ quan khen thưởng; "
        "“Không khen thưởng” cần lý do. Các bước này cần vai trò phê duyệt.",
        "Nhập lại cùng tệp không tạo hồ sơ trùng (khóa theo đơn vị và mã hồ sơ).",
    ),
)

# The order a commendation moves along; an import may move a record forward, never back.
_PATH = [CommendationStatus.PROPOSED, CommendationStatus.REVIEWING, CommendationStatus.DECIDED]


def _unit(key: str) -> Unit:
    unit = Unit.objects.filter(key=(key or "").strip()).first()
    if unit is None:
        raise ValidationError(f"Không có đơn vị mã “{key}”.")
    return unit


def _body_named(name: str | None, unit: Unit) -> Body | None:
    """A body of `unit` (or below) whose name matches, ignoring diacritics and case."""
    if not name:
        return None
    key = fold(name)
    bodies = Body.objects.filter(unit__ancestor_links__ancestor=unit)
    return bodies.filter(search_key=key).first() or next(
        (b for b in bodies.filter(name__iexact=nfc(name))), None
    )


def _person(row: dict[str, Any], unit: Unit) -> Person | None:
    code = (row.get("person_code") or "").strip()
    if code:
        try:
            person = Person.objects.filter(code=code).first()
        except ValidationError as e:
            raise ValidationError(f"Mã cán bộ “{code}” không hợp lệ.") from e
        if person is None:
            raise ValidationError(f"Không có cán bộ mã “{code}”.")
        return person.final()
    return match_person(row["recipient_name"], unit=unit)


def _advance(c: Commendation, row: dict[str, Any], *, by: Any) -> bool:
    """Move `c` forward to the row's status; True when it moved."""
    target = row.get("status") or CommendationStatus.PROPOSED
    if target == c.status:
        return False
    if c.status in (CommendationStatus.DECIDED, CommendationStatus.REJECTED):
        raise ValidationError(
            f"Hồ sơ đã “{c.get_status_display()}”, không chuyển sang “{CommendationStatus(target).label}” được."
        )
    on = row.get("decided_on") or row["proposed_on"]
    if target == CommendationStatus.REJECTED:
        actions.reject_commendation(c, by=by, reason=row.get("rejection_reason") or "", on=on)
        return True
    if target not in _PATH or _PATH.index(target) < _PATH.index(c.status):
        raise ValidationError(f"Không chuyển ngược sang “{CommendationStatus(target).label}” được.")
    if c.status == CommendationStatus.PROPOSED:
        c = actions.start_review(c, by=by, on=row["proposed_on"], note="Nhập từ tệp")
    if target == CommendationStatus.DECIDED:
        if not row.get("decided_on"):
            raise ValidationError("Đã quyết định khen thưởng: cần ngày quyết định.")
        actions.decide_commendation(
            c,
            by=by,
            decided_on=row["decided_on"],
            decision_number=row.get("decision_number") or "",
            awarding_body_name=row.get("awarding_body_name") or "",
        )
    return True


def _is_code(text: str) -> bool:
    try:
        uuid.UUID(str(text))
    except ValueError:
        return False
    return True


def apply_row(row: dict[str, Any], *, by: Any) -> str:
    unit = _unit(row["unit"])
    existing = Commendation.objects.filter(unit=unit, external_id=row["external_id"]).first()
    if existing is None and _is_code(row["external_id"]):  # an exported row without external id
        existing = Commendation.objects.filter(
            unit=unit, external_id="", code=row["external_id"]
        ).first()
    proposer = _body_named(row.get("proposer_body"), unit)
    if row.get("proposer_body") and proposer is None:
        raise ValidationError(
            f"Không thấy cơ quan đề nghị “{row['proposer_body']}” thuộc {unit.name}."
        )
    if existing is None:
        individual = row["recipient_kind"] == RecipientKind.INDIVIDUAL
        person = _person(row, unit) if individual else None
        c = actions.propose_commendation(
            by=by,
            unit=unit,
            form=row["form"],
            recipient_kind=row["recipient_kind"],
            proposed_on=row["proposed_on"],
            person=person,
            new_person_name=row["recipient_name"] if individual and person is None else "",
            recipient_body=None if individual else _body_named(row["recipient_name"], unit),
            recipient_name=row["recipient_name"],
            recipient_position=row.get("recipient_position") or "",
            proposer_body=proposer,
            year=row["year"],
            reason=row.get("reason") or "",
            movement=row.get("movement") or "",
            form_detail=row.get("form_detail") or "",
            external_id=row["external_id"],
        )
        _advance(c, row, by=by)
        return "created"
    changed = False
    if existing.status == CommendationStatus.PROPOSED:
        before = existing.updated_at
        existing = actions.update_commendation(
            existing,
            by=by,
            form=row["form"],
            recipient_position=row.get("recipient_position") or "",
            recipient_name=row["recipient_name"],
            proposer_body=proposer,
            proposed_on=row["proposed_on"],
            year=row["year"],
            reason=row.get("reason") or "",
            movement=row.get("movement") or "",
            form_detail=row.get("form_detail") or "",
            conference=existing.conference,
        )
        changed = existing.updated_at != before
    changed = _advance(existing, row, by=by) or changed
    return "updated" if changed else "unchanged"


def rows(queryset: Any) -> Iterable[dict[str, Any]]:
    for c in queryset.select_related("unit", "person", "proposer_body"):
        yield {
            "external_id": c.external_id or str(c.code),
            "unit": c.unit.key,
            "year": c.year,
            "form": c.form,
            "form_detail": c.form_detail,
            "recipient_kind": c.recipient_kind,
            "recipient_name": c.recipient_name,
            "person_code": str(c.person.code) if c.person_id else "",
            "recipient_position": c.recipient_position,
            "proposer_body": c.proposer_body.name if c.proposer_body_id else "",
            "proposed_on": c.proposed_on,
            "reason": c.reason,
            "movement": c.movement,
            "status": c.status,
            "decision_number": c.decision_number,
            "decided_on": c.decided_on,
            "awarding_body_name": c.awarding_label,
            "rejection_reason": c.rejection_reason,
        }


def _list_queryset(request: Any) -> Any:
    from .views.commendations import list_queryset

    return list_queryset(request)


def register_record_type() -> None:
    register(
        RecordType(
            sheet=SHEET,
            apply_row=apply_row,
            rows=rows,
            view_action="emulation.view",
            label="Khen thưởng",
            list_queryset=_list_queryset,
        )
    )
