"""Every change to petitions, cases and deadline rules: permission, validation, write,
audit — one transaction each. Views, the API, imports and the demo loader call these.

Deadlines: each petition carries one running clock (`due_on`, from `deadline_rule` at
`deadline_start`). Receipt starts the processing clock (complaint acceptance,
denunciation registration, or the citizen-reception answer); acceptance starts the
resolution clock; suspension stops it and resumption restarts it. At every step the
transition row freezes whether the step came late, so statistics never move later.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from danvan.accounts.permissions import can, require
from danvan.audit.log import VERB_LABELS, record
from danvan.core.lifecycle import check
from danvan.lib.text import fold, nfc
from danvan.units.models import Unit
from danvan.workcalendar.models import national_unit

from . import deadlines
from .models import (
    Case,
    Category,
    Channel,
    DeadlineRule,
    Event,
    Kind,
    Outcome,
    Petition,
    PetitionTransition,
    Procedure,
    RuleSource,
    Signatories,
    Step,
    Variant,
    mask,
)
from .rules_seed import SEEDS
from .states import ALLOWED, FINISHED, LABELS, Status

VERB_LABELS.update(
    {
        "petitions.receive": "Tiếp nhận đơn",
        "petitions.update": "Sửa thông tin đơn",
        "petitions.classify": "Phân loại đơn",
        "petitions.accept": "Thụ lý",
        "petitions.forward": "Chuyển đơn",
        "petitions.reject": "Không thụ lý",
        "petitions.start": "Bắt đầu giải quyết",
        "petitions.suspend": "Tạm đình chỉ giải quyết",
        "petitions.resume": "Tiếp tục giải quyết",
        "petitions.resolve": "Kết thúc giải quyết",
        "petitions.withdraw": "Rút đơn",
        "petitions.extend": "Gia hạn giải quyết",
        "petitions.recompute": "Tính lại hạn theo quy tắc hiện hành",
        "petitions.attach_case": "Gộp vào vụ việc",
        "petitions.detach_case": "Tách thành vụ việc riêng",
        "petitions.view_identity": "Xem thông tin người gửi",
        "petitions.rule_create": "Thêm quy tắc thời hạn",
        "petitions.rule_update": "Sửa quy tắc thời hạn",
        "petitions.rule_load": "Nạp quy tắc thời hạn",
        "petitions.rules_load": "Nạp bảng quy tắc thời hạn",
    }
)

# Vietnamese labels of the fields an edit may change (audit "changes").
FIELD_LABELS: dict[str, str] = {
    "body": "Cơ quan tiếp nhận",
    "received_on": "Ngày tiếp nhận",
    "channel": "Hình thức tiếp nhận",
    "engagement": "Buổi tiếp công dân",
    "forwarded_by": "Cơ quan chuyển đến",
    "signatories": "Người đứng tên",
    "signatory_count": "Số người đứng tên",
    "kind": "Loại đơn",
    "complaint_round": "Khiếu nại lần",
    "category": "Lĩnh vực",
    "remote_area": "Vùng sâu, vùng xa",
    "is_complex": "Vụ việc phức tạp",
    "is_especially_complex": "Vụ việc đặc biệt phức tạp",
    "petitioner_name": "Họ tên người gửi",
    "petitioner_address": "Địa chỉ người gửi",
    "petitioner_contact": "Điện thoại, thư điện tử",
    "summary": "Tóm tắt nội dung",
    "external_id": "Mã ngoài",
    "due_on": "Hạn xử lý",
    "deadline_rule": "Quy tắc thời hạn",
    "status": "Trạng thái",
    "case": "Vụ việc",
}
IDENTITY_FIELDS = ("petitioner_name", "petitioner_address", "petitioner_contact")
EDITABLE = tuple(k for k in FIELD_LABELS if k not in {"due_on", "deadline_rule", "status", "case"})
# Facts that decide which rule and which variant a clock runs under.
CLOCK_FACTS = {
    "kind",
    "complaint_round",
    "remote_area",
    "is_complex",
    "is_especially_complex",
    "received_on",
}
TEXT_FIELDS = {"forwarded_by", "summary", "external_id", *IDENTITY_FIELDS}


def _today() -> dt.date:
    return timezone.localdate()


def _actor_name(by: Any) -> str:
    return by.get_username() if getattr(by, "is_authenticated", False) else "hệ thống"


def _user(by: Any) -> Any:
    return by if getattr(by, "pk", None) else None


def _show(value: Any) -> Any:
    """A value as the audit trail shows it."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    out = {}
    for key, new in after.items():
        old = before.get(key)
        if old == new:
            continue
        label = FIELD_LABELS.get(key, key)
        if key in IDENTITY_FIELDS:  # personal data stays out of the audit trail
            out[label] = ["(ẩn)", "(đã thay đổi)"]
        else:
            out[label] = [_show(old), _show(new)]
    return out


def _display(petition: Petition, key: str) -> Any:
    """Field value for the audit: choice labels rather than codes."""
    value = getattr(petition, key)
    getter = getattr(petition, f"get_{key}_display", None)
    if getter is not None and value not in (None, ""):
        return getter()
    return value


def _search_key(p: Petition) -> str:
    parts = [p.summary, p.external_id, p.forwarded_by, p.forwarded_to]
    if p.kind != Kind.DENUNCIATION:  # a search by name must not reveal a denouncer
        parts.append(p.petitioner_name)
    return fold(" ".join(x for x in parts if x))


# --- Clocks -----------------------------------------------------------------------------


def _procedure(p: Petition) -> str:
    if p.kind == Kind.COMPLAINT:
        return Procedure.COMPLAINT_SECOND if p.complaint_round == 2 else Procedure.COMPLAINT_FIRST
    if p.kind == Kind.DENUNCIATION:
        return Procedure.DENUNCIATION
    return Procedure.CITIZEN_RECEPTION


def _processing_clock(p: Petition) -> tuple[str, str, dt.date]:
    """The first clock: from receipt to the decision on the petition."""
    procedure = _procedure(p)
    step = {
        Procedure.COMPLAINT_FIRST: Step.ACCEPT,
        Procedure.COMPLAINT_SECOND: Step.ACCEPT,
        Procedure.DENUNCIATION: Step.REGISTER,
    }.get(procedure, Step.ANSWER)
    return procedure, step, p.received_on


def _resolution_clock(p: Petition, start: dt.date) -> tuple[str, str, dt.date] | None:
    """The clock after acceptance; recommendations and feedback have none in general law."""
    if p.kind in {Kind.COMPLAINT, Kind.DENUNCIATION}:
        return _procedure(p), Step.RESOLVE, start
    return None


def _flags(p: Petition) -> dict[str, bool]:
    return {
        "remote": p.remote_area,
        "complex": p.is_complex or p.is_especially_complex,
        "especially_complex": p.is_especially_complex,
    }


def _set_result(p: Petition, result: deadlines.DeadlineResult, step: str) -> None:
    p.due_on = result.due
    p.deadline_rule = result.rule
    p.deadline_rule_revision = result.rule.revision
    p.deadline_step = step
    p.deadline_start = result.start
    p.deadline_note = result.explanation
    p.extensions = result.extensions


def _clear_clock(p: Petition, note: str) -> None:
    p.due_on = None
    p.deadline_rule = None
    p.deadline_rule_revision = None
    p.deadline_step = ""
    p.deadline_start = None
    p.deadline_note = note
    p.extensions = 0


def _start_clock(
    p: Petition, clock: tuple[str, str, dt.date] | None, *, extensions: int = 0
) -> None:
    """Time the petition under the rule in force on the clock's start date. A missing
    rule leaves no due date and says why, rather than refusing to record the petition."""
    if clock is None:
        _clear_clock(
            p,
            "Pháp luật chung không quy định thời hạn giải quyết kiến nghị, phản ánh [U]; "
            "theo dõi theo quy định của từng ngành.",
        )
        return
    procedure, step, start = clock
    try:
        result = deadlines.compute(procedure, step, start, **_flags(p))
    except ValidationError as e:
        _clear_clock(p, "; ".join(e.messages))
        return
    if extensions:  # too many for the new rule: an error the user must see
        result = deadlines.compute_with(result.rule, start, extensions=extensions)
    _set_result(p, result, step)


def _current_clock(p: Petition) -> tuple[str, str, dt.date] | None:
    if p.status in {Status.RECEIVED, Status.CLASSIFIED}:
        return _processing_clock(p)
    start = p.deadline_start or p.accepted_on
    return _resolution_clock(p, start) if start else None


# --- Lifecycle helpers --------------------------------------------------------------------


def _lock(p: Petition) -> Petition:
    return (
        Petition.objects.select_for_update(of=("self",))
        .select_related("deadline_rule", "unit")
        .get(pk=p.pk)
    )


def _check_date(p: Petition, on_date: dt.date) -> None:
    if on_date > _today():
        raise ValidationError("Ngày thực hiện không được sau ngày hôm nay.")
    if on_date < p.received_on:
        raise ValidationError(
            f"Ngày thực hiện không được trước ngày tiếp nhận đơn ({p.received_on:%d/%m/%Y})."
        )
    # A recompute is bookkeeping dated the day it is done, not a step of the case.
    steps = p.transitions.exclude(event=Event.RECOMPUTE)
    last = steps.order_by("-on_date").values_list("on_date", flat=True).first()
    if last and on_date < last:
        raise ValidationError(f"Ngày thực hiện không được trước bước liền trước ({last:%d/%m/%Y}).")


def _was_overdue(p: Petition, on_date: dt.date) -> bool | None:
    """Frozen at each step: was the running clock already past due that day?"""
    if p.due_on is None or p.status == Status.SUSPENDED:
        return None
    return on_date > p.due_on


def _step(
    p: Petition,
    to: str,
    *,
    from_status: str,
    by: Any,
    on_date: dt.date,
    note: str,
    event: str = Event.STATUS,
    due_before: dt.date | None,
    was_overdue: bool | None,
) -> PetitionTransition:
    return PetitionTransition.objects.create(
        petition=p,
        event=event,
        from_status=from_status,
        to_status=to,
        on_date=on_date,
        by=_user(by),
        by_name=_actor_name(by),
        note=note,
        due_before=due_before,
        due_after=p.due_on,
        was_overdue=was_overdue,
    )


def _move(
    p: Petition,
    to: str,
    *,
    by: Any,
    on_date: dt.date,
    note: str,
    then: Any = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Check the edge and the date, freeze lateness, run `then(p)` (the clock change),
    write the transition; returns the audit data for the caller's record()."""
    check(ALLOWED, p.status, to, LABELS)
    _check_date(p, on_date)
    note = nfc(note)
    due_before, late, old_status = p.due_on, _was_overdue(p, on_date), p.status
    more = (then(p) if then is not None else None) or {}
    if to in FINISHED:
        p.finished_on = on_date
        p.finished_overdue = bool(late)
    _step(
        p,
        to,
        from_status=old_status,
        by=by,
        on_date=on_date,
        note=note,
        due_before=due_before,
        was_overdue=late,
    )
    p.status = to
    p.search_key = _search_key(p)
    p.save()
    changes = {FIELD_LABELS["status"]: [LABELS[old_status], LABELS[to]], **more}
    if due_before != p.due_on:
        changes[FIELD_LABELS["due_on"]] = [_show(due_before), _show(p.due_on)]
    data = {"note": note, "changes": changes, "on_date": on_date.isoformat(), "late": late}
    return {**data, **(extra or {})}


# --- Receiving and editing ----------------------------------------------------------------


def _validate_facts(p: Petition, by: Any) -> None:
    if not p.summary:
        raise ValidationError("Hãy tóm tắt nội dung đơn.")
    if p.received_on > _today():
        raise ValidationError("Ngày tiếp nhận không được sau ngày hôm nay.")
    if not p.unit.is_valid_on(p.received_on):
        raise ValidationError(
            f"{p.unit.name} không có hiệu lực vào ngày {p.received_on:%d/%m/%Y} "
            f"({p.unit.validity_label}); hãy chọn đơn vị hiện hành vào ngày tiếp nhận."
        )
    if p.body_id and p.body.unit_id != p.unit_id:
        raise ValidationError("Cơ quan tiếp nhận phải thuộc đơn vị tiếp nhận.")
    if p.channel == Channel.FORWARDED and not p.forwarded_by:
        raise ValidationError("Hãy ghi cơ quan đã chuyển đơn đến.")
    if p.engagement_id:
        if p.channel != Channel.RECEPTION:
            raise ValidationError(
                "Chỉ gắn buổi tiếp công dân khi hình thức tiếp nhận là “Tại buổi tiếp công dân”."
            )
        if not can(by, "engagements.view", p.engagement.unit):
            raise ValidationError("Không tìm thấy buổi tiếp công dân này.")
    if p.signatories == Signatories.MANY and p.signatory_count < 2:
        raise ValidationError("Đơn nhiều người đứng tên phải có ít nhất 2 người.")
    if p.signatories == Signatories.ONE:
        p.signatory_count = 1
    if p.signatories == Signatories.UNSIGNED:
        p.signatory_count = 0
    if p.kind not in Kind.values:
        raise ValidationError("Loại đơn không hợp lệ.")
    if p.category not in Category.values:
        raise ValidationError("Lĩnh vực không hợp lệ.")
    if p.kind != Kind.COMPLAINT:
        p.complaint_round = 1
    if p.is_especially_complex:
        p.is_complex = True
    if p.external_id:
        clash = Petition.objects.filter(unit=p.unit, external_id=p.external_id).exclude(pk=p.pk)
        if clash.exists():
            raise ValidationError(
                f"Mã ngoài “{p.external_id}” đã dùng cho một đơn khác của {p.unit.name}."
            )


@transaction.atomic
def receive_petition(
    *,
    by: Any,
    unit: Unit,
    received_on: dt.date,
    kind: str,
    summary: str,
    case: Case | None = None,
    note: str = "",
    **facts: Any,
) -> Petition:
    """Tiếp nhận: record a petition, open its case (or join `case`), start its clock."""
    require(by, "petitions.edit", unit)
    unknown = set(facts) - set(EDITABLE)
    if unknown:
        raise ValueError(f"unknown petition fields: {sorted(unknown)}")
    for key in TEXT_FIELDS & set(facts):
        facts[key] = nfc(facts[key] or "")
    p = Petition(unit=unit, received_on=received_on, kind=kind, summary=nfc(summary), **facts)
    p.level = unit.level
    _validate_facts(p, by)
    if case is not None:
        require(by, "petitions.edit", case.unit)
        if case.kind != p.kind:
            raise ValidationError("Chỉ gộp đơn cùng loại vào một vụ việc.")
    else:
        case = Case.objects.create(
            unit=unit,
            title=p.summary[:300],
            kind=p.kind,
            opened_on=received_on,
            created_by=_user(by),
        )
    p.case = case
    p.created_by = _user(by)
    _start_clock(p, _processing_clock(p))
    p.search_key = _search_key(p)
    p.save()
    _step(
        p,
        Status.RECEIVED,
        from_status="",
        by=by,
        on_date=received_on,
        note=nfc(note),
        due_before=None,
        was_overdue=None,
    )
    record(
        by,
        "petitions.receive",
        p,
        unit=unit,
        data={
            "note": nfc(note),
            "changes": {FIELD_LABELS["status"]: [None, LABELS[Status.RECEIVED]]},
            "case": str(case.code),
        },
    )
    return p


@transaction.atomic
def update_petition(petition: Petition, *, by: Any, note: str = "", **changes: Any) -> Petition:
    """Correct the facts of a petition. Changing what decides its clock (kind, round,
    flags, date received) recomputes the running clock, recorded in the audit."""
    require(by, "petitions.edit", petition.unit)
    p = _lock(petition)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"unknown petition fields: {sorted(unknown)}")
    for key in TEXT_FIELDS & set(changes):
        changes[key] = nfc(changes[key] or "")
    changes = {k: v for k, v in changes.items() if getattr(p, k) != v}
    if not changes:
        return p
    if (p.kind == Kind.DENUNCIATION or changes.get("kind") == Kind.DENUNCIATION) and set(
        changes
    ) & set(IDENTITY_FIELDS):
        if not can(by, "petitions.view_identity", p.unit):
            raise ValidationError(
                "Chỉ người được xem danh tính người tố cáo mới được sửa thông tin người gửi."
            )
    if not p.is_open:
        raise ValidationError("Đơn đã xử lý xong: không sửa được nữa.")
    if "kind" in changes and p.status not in {Status.RECEIVED, Status.CLASSIFIED}:
        raise ValidationError("Không đổi loại đơn sau khi đã thụ lý.")
    if "received_on" in changes:
        later = p.transitions.exclude(to_status=Status.RECEIVED, event=Event.STATUS)
        first = later.order_by("on_date").values_list("on_date", flat=True).first()
        if first and changes["received_on"] > first:
            raise ValidationError(
                f"Ngày tiếp nhận không được sau bước xử lý đầu tiên ({first:%d/%m/%Y})."
            )
    before = {k: _display(p, k) for k in changes}
    before_due, before_rule = p.due_on, p.deadline_rule
    for key, value in changes.items():
        setattr(p, key, value)
    _validate_facts(p, by)
    if set(changes) & CLOCK_FACTS and p.status != Status.SUSPENDED:
        _start_clock(
            p, _current_clock(p), extensions=p.extensions if p.deadline_step == Step.RESOLVE else 0
        )
    if "received_on" in changes:
        p.transitions.filter(to_status=Status.RECEIVED, event=Event.STATUS).update(
            on_date=p.received_on
        )
    if "kind" in changes and p.case.petitions.count() == 1:
        _retitle_case(p)
    p.search_key = _search_key(p)
    p.save()
    diff = _changes(before, {k: _display(p, k) for k in changes})
    if before_due != p.due_on:
        diff[FIELD_LABELS["due_on"]] = [_show(before_due), _show(p.due_on)]
    if before_rule != p.deadline_rule:
        diff[FIELD_LABELS["deadline_rule"]] = [
            before_rule.code if before_rule else None,
            p.deadline_rule.code if p.deadline_rule else None,
        ]
    record(by, "petitions.update", p, unit=p.unit, data={"note": nfc(note), "changes": diff})
    return p


def _retitle_case(p: Petition) -> None:
    """A case of one petition follows that petition's kind."""
    p.case.kind = p.kind
    p.case.save(update_fields=["kind"])


# --- Transitions --------------------------------------------------------------------------


@transaction.atomic
def classify_petition(
    petition: Petition, *, by: Any, on_date: dt.date, note: str = "", **facts: Any
) -> Petition:
    """Phân loại: settle kind, category and flags; the processing clock follows them."""
    require(by, "petitions.edit", petition.unit)
    p = _lock(petition)
    allowed = {
        "kind",
        "complaint_round",
        "category",
        "remote_area",
        "is_complex",
        "is_especially_complex",
    }
    unknown = set(facts) - allowed
    if unknown:
        raise ValueError(f"unknown classification fields: {sorted(unknown)}")
    facts = {k: v for k, v in facts.items() if v is not None and getattr(p, k) != v}
    before = {k: _display(p, k) for k in facts}

    def apply(p: Petition) -> dict[str, list[Any]]:
        for key, value in facts.items():
            setattr(p, key, value)
        _validate_facts(p, by)
        if set(facts) & CLOCK_FACTS:
            _start_clock(p, _processing_clock(p))
        if "kind" in facts and p.case.petitions.count() == 1:
            _retitle_case(p)
        return _changes(before, {k: _display(p, k) for k in facts})

    data = _move(
        p,
        Status.CLASSIFIED,
        by=by,
        on_date=on_date,
        note=note,
        then=apply,
    )
    record(by, "petitions.classify", p, unit=p.unit, data=data)
    return p


@transaction.atomic
def accept_petition(petition: Petition, *, by: Any, on_date: dt.date, note: str = "") -> Petition:
    """Thụ lý: the resolution clock starts on the acceptance date."""
    require(by, "petitions.edit", petition.unit)
    p = _lock(petition)

    def apply(p: Petition) -> None:
        p.accepted_on = on_date
        _start_clock(p, _resolution_clock(p, on_date))

    data = _move(p, Status.ACCEPTED, by=by, on_date=on_date, note=note, then=apply)
    record(by, "petitions.accept", p, unit=p.unit, data=data)
    return p


@transaction.atomic
def forward_petition(
    petition: Petition, *, by: Any, on_date: dt.date, forwarded_to: str, note: str = ""
) -> Petition:
    """Chuyển đơn to the competent body: handled here."""
    require(by, "petitions.edit", petition.unit)
    p = _lock(petition)
    forwarded_to = nfc(forwarded_to or "")
    if not forwarded_to:
        raise ValidationError("Hãy ghi cơ quan có thẩm quyền nhận đơn chuyển đến.")

    def apply(p: Petition) -> None:
        p.forwarded_to = forwarded_to

    data = _move(
        p,
        Status.FORWARDED,
        by=by,
        on_date=on_date,
        note=note,
        then=apply,
        extra={"forwarded_to": forwarded_to},
    )
    record(by, "petitions.forward", p, unit=p.unit, data=data)
    return p


@transaction.atomic
def reject_petition(
    petition: Petition, *, by: Any, on_date: dt.date, reason: str, note: str = ""
) -> Petition:
    """Không thụ lý, with the reason the petitioner is told."""
    require(by, "petitions.edit", petition.unit)
    p = _lock(petition)
    reason = nfc(reason or "")
    if not reason:
        raise ValidationError("Hãy ghi lý do không thụ lý.")

    def apply(p: Petition) -> None:
        p.reject_reason = reason

    data = _move(
        p,
        Status.REJECTED,
        by=by,
        on_date=on_date,
        note=note or reason,
        then=apply,
    )
    record(by, "petitions.reject", p, unit=p.unit, data=data)
    return p


@transaction.atomic
def start_resolution(petition: Petition, *, by: Any, on_date: dt.date, note: str = "") -> Petition:
    """Đang giải quyết: verification under way (the clock keeps running)."""
    require(by, "petitions.edit", petition.unit)
    p = _lock(petition)
    if p.status == Status.SUSPENDED:
        raise ValidationError("Đơn đang tạm đình chỉ: hãy dùng “Tiếp tục giải quyết”.")
    data = _move(p, Status.IN_PROGRESS, by=by, on_date=on_date, note=note)
    record(by, "petitions.start", p, unit=p.unit, data=data)
    return p


@transaction.atomic
def suspend_petition(petition: Petition, *, by: Any, on_date: dt.date, note: str) -> Petition:
    """Tạm đình chỉ while a related matter is decided: the clock stops."""
    require(by, "petitions.edit", petition.unit)
    p = _lock(petition)
    if not nfc(note or ""):
        raise ValidationError("Hãy ghi lý do và quyết định tạm đình chỉ.")
    data = _move(p, Status.SUSPENDED, by=by, on_date=on_date, note=note)
    record(by, "petitions.suspend", p, unit=p.unit, data=data)
    return p


@transaction.atomic
def resume_petition(petition: Petition, *, by: Any, on_date: dt.date, note: str = "") -> Petition:
    """Tiếp tục giải quyết: the clock restarts from the resumption date, in full."""
    require(by, "petitions.edit", petition.unit)
    p = _lock(petition)
    if p.status != Status.SUSPENDED:
        raise ValidationError("Chỉ tiếp tục giải quyết đơn đang tạm đình chỉ.")

    def apply(p: Petition) -> None:
        if p.deadline_rule is None:
            return
        result = deadlines.compute_with(p.deadline_rule, on_date, extensions=p.extensions)
        _set_result(p, result, p.deadline_step)
        p.deadline_note = "Tính lại từ ngày tiếp tục giải quyết. " + result.explanation

    data = _move(
        p,
        Status.IN_PROGRESS,
        by=by,
        on_date=on_date,
        note=note,
        then=apply,
    )
    record(by, "petitions.resume", p, unit=p.unit, data=data)
    return p


@transaction.atomic
def resolve_petition(
    petition: Petition, *, by: Any, on_date: dt.date, outcome: str, note: str = ""
) -> Petition:
    """Kết thúc giải quyết with an outcome: handled."""
    require(by, "petitions.edit", petition.unit)
    p = _lock(petition)
    if outcome not in Outcome.values:
        raise ValidationError("Hãy chọn kết quả giải quyết.")

    def apply(p: Petition) -> None:
        p.outcome = outcome
        p.outcome_note = nfc(note or "")

    data = _move(
        p,
        Status.RESOLVED,
        by=by,
        on_date=on_date,
        note=note,
        then=apply,
        extra={"outcome": Outcome(outcome).label},
    )
    record(by, "petitions.resolve", p, unit=p.unit, data=data)
    return p


@transaction.atomic
def withdraw_petition(petition: Petition, *, by: Any, on_date: dt.date, note: str = "") -> Petition:
    """Rút đơn: the petitioner withdraws; handled."""
    require(by, "petitions.edit", petition.unit)
    p = _lock(petition)
    data = _move(p, Status.WITHDRAWN, by=by, on_date=on_date, note=note)
    record(by, "petitions.withdraw", p, unit=p.unit, data=data)
    return p


@transaction.atomic
def extend_deadline(petition: Petition, *, by: Any, on_date: dt.date, note: str) -> Petition:
    """Gia hạn giải quyết by the rule's extension (denunciations: complex once, especially
    complex twice); each extension needs a written decision, named in `note`."""
    require(by, "petitions.edit", petition.unit)
    p = _lock(petition)
    note = nfc(note or "")
    if not note:
        raise ValidationError("Hãy ghi số, ngày quyết định gia hạn.")
    if p.status not in {Status.ACCEPTED, Status.IN_PROGRESS} or p.deadline_step != Step.RESOLVE:
        raise ValidationError("Chỉ gia hạn khi đơn đã thụ lý và đang trong thời hạn giải quyết.")
    if p.deadline_rule is None:
        raise ValidationError("Đơn chưa có quy tắc thời hạn nên không gia hạn được.")
    _check_date(p, on_date)
    result = deadlines.compute_with(p.deadline_rule, p.deadline_start, extensions=p.extensions + 1)
    due_before, late = p.due_on, _was_overdue(p, on_date)
    if late:
        raise ValidationError(
            f"Đã quá hạn giải quyết ({due_before:%d/%m/%Y}) trước ngày gia hạn: không gia hạn được."
        )
    _set_result(p, result, Step.RESOLVE)
    p.save()
    _step(
        p,
        p.status,
        from_status=p.status,
        by=by,
        on_date=on_date,
        note=note,
        event=Event.EXTENSION,
        due_before=due_before,
        was_overdue=late,
    )
    record(
        by,
        "petitions.extend",
        p,
        unit=p.unit,
        data={
            "note": note,
            "changes": {
                FIELD_LABELS["due_on"]: [_show(due_before), _show(p.due_on)],
                "Số lần gia hạn": [p.extensions - 1, p.extensions],
            },
        },
    )
    return p


@transaction.atomic
def recompute_deadline(petition: Petition, *, by: Any, note: str = "") -> Petition:
    """Tính lại hạn under the rule table as it stands now (explicit, never automatic):
    the rule in force on the clock's start date, with the petition's flags."""
    require(by, "petitions.edit", petition.unit)
    p = _lock(petition)
    if not p.is_open or p.status == Status.SUSPENDED:
        raise ValidationError("Chỉ tính lại hạn cho đơn đang xử lý (không tạm đình chỉ).")
    clock = _current_clock(p)
    if clock is None:
        raise ValidationError("Đơn này không có thời hạn để tính lại.")
    if p.deadline_start and clock[2] != p.deadline_start:  # a resumed clock keeps its start
        clock = (clock[0], clock[1], p.deadline_start)
    due_before, rule_before, revision_before = p.due_on, p.deadline_rule, p.deadline_rule_revision
    extensions = p.extensions if clock[1] == Step.RESOLVE else 0
    result = deadlines.compute(clock[0], clock[1], clock[2], extensions=0, **_flags(p))
    extensions = min(extensions, result.rule.max_extensions)
    if extensions:
        result = deadlines.compute_with(result.rule, clock[2], extensions=extensions)
    _set_result(p, result, clock[1])
    p.save()
    _step(
        p,
        p.status,
        from_status=p.status,
        by=by,
        on_date=_today(),
        note=nfc(note),
        event=Event.RECOMPUTE,
        due_before=due_before,
        was_overdue=None,
    )
    record(
        by,
        "petitions.recompute",
        p,
        unit=p.unit,
        data={
            "note": nfc(note),
            "changes": {
                FIELD_LABELS["due_on"]: [_show(due_before), _show(p.due_on)],
                FIELD_LABELS["deadline_rule"]: [
                    f"{rule_before.code} (lần sửa {revision_before})" if rule_before else None,
                    f"{p.deadline_rule.code} (lần sửa {p.deadline_rule.revision})",
                ],
            },
        },
    )
    return p


# --- Cases ----------------------------------------------------------------------------------


@transaction.atomic
def attach_to_case(petition: Petition, case: Case, *, by: Any, note: str = "") -> Petition:
    """Gộp: the petition joins another case (a repeat filing, a copy). A case left
    without petitions is deleted: it was only ever this petition."""
    require(by, "petitions.edit", petition.unit)
    require(by, "petitions.edit", case.unit)
    p = _lock(petition)
    if p.case_id == case.pk:
        raise ValidationError("Đơn đã thuộc vụ việc này.")
    if case.kind != p.kind:
        raise ValidationError("Chỉ gộp đơn cùng loại vào một vụ việc.")
    old = p.case
    p.case = case
    p.save(update_fields=["case", "updated_at"])
    record(
        by,
        "petitions.attach_case",
        p,
        unit=p.unit,
        data={
            "note": nfc(note),
            "changes": {FIELD_LABELS["case"]: [old.title, case.title]},
            "case": str(case.code),
        },
    )
    if not old.petitions.exists():
        old.delete()
    return p


@transaction.atomic
def detach_from_case(petition: Petition, *, by: Any, note: str = "") -> Petition:
    """Tách: the petition becomes a case of its own (it was wrongly grouped)."""
    require(by, "petitions.edit", petition.unit)
    p = _lock(petition)
    if p.case.petitions.count() == 1:
        raise ValidationError("Đơn đã là một vụ việc riêng.")
    old = p.case
    p.case = Case.objects.create(
        unit=p.unit,
        title=p.summary[:300],
        kind=p.kind,
        opened_on=p.received_on,
        created_by=_user(by),
    )
    p.save(update_fields=["case", "updated_at"])
    record(
        by,
        "petitions.detach_case",
        p,
        unit=p.unit,
        data={"note": nfc(note), "changes": {FIELD_LABELS["case"]: [old.title, p.case.title]}},
    )
    return p


# --- Identity ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    name: str
    address: str
    contact: str


@transaction.atomic
def reveal_identity(petition: Petition, *, by: Any) -> Identity:
    """Show who sent a petition. Denouncers are protected by law (Luật Tố cáo): only
    `petitions.view_identity` may see them. Every reveal is audited."""
    if petition.kind == Kind.DENUNCIATION:
        require(by, "petitions.view_identity", petition.unit)
    else:
        require(by, "petitions.view", petition.unit)
    record(
        by,
        "petitions.view_identity",
        petition,
        unit=petition.unit,
        data={"note": f"Người gửi: {mask(petition.petitioner_name) or '(không ghi)'}"},
    )
    return Identity(
        petition.petitioner_name, petition.petitioner_address, petition.petitioner_contact
    )


# --- Deadline rules -----------------------------------------------------------------------------

RULE_FIELDS = (
    "procedure",
    "step",
    "variant",
    "quantity",
    "unit",
    "start_event",
    "max_extensions",
    "extension_quantity",
    "include_start",
    "roll_forward",
    "legal_basis",
    "source_url",
    "confidence",
    "valid_from",
    "valid_to",
    "note",
)
RULE_LABELS = {
    "code": "Mã quy tắc",
    "procedure": "Thủ tục",
    "step": "Bước",
    "variant": "Trường hợp",
    "quantity": "Thời hạn",
    "unit": "Đơn vị tính",
    "start_event": "Tính từ",
    "max_extensions": "Số lần gia hạn tối đa",
    "extension_quantity": "Thời hạn mỗi lần gia hạn",
    "include_start": "Tính cả ngày bắt đầu",
    "roll_forward": "Lùi hạn sang ngày làm việc",
    "legal_basis": "Căn cứ pháp lý",
    "source_url": "Nguồn",
    "confidence": "Độ tin cậy",
    "valid_from": "Hiệu lực từ",
    "valid_to": "Hiệu lực đến",
    "note": "Ghi chú",
}


def _validate_rule(rule: DeadlineRule, among: list[DeadlineRule] | None = None) -> None:
    """Figures that make sense, and no two rows of one procedure step and variant in force
    on the same day. `among`: unsaved rows loaded together with this one."""
    if rule.procedure not in Procedure.values or rule.step not in Step.values:
        raise ValidationError("Thủ tục hoặc bước không hợp lệ.")
    if rule.variant not in Variant.values:
        raise ValidationError("Trường hợp áp dụng không hợp lệ.")
    if not rule.quantity or rule.quantity <= 0:
        raise ValidationError("Thời hạn phải lớn hơn 0.")
    if rule.max_extensions and not rule.extension_quantity:
        raise ValidationError("Quy tắc cho gia hạn thì phải ghi thời hạn mỗi lần gia hạn.")
    if not rule.legal_basis:
        raise ValidationError("Hãy ghi căn cứ pháp lý.")
    if rule.valid_from and rule.valid_to and rule.valid_from > rule.valid_to:
        raise ValidationError("Ngày “hiệu lực từ” phải trước ngày “hiệu lực đến”.")
    far_past, far_future = dt.date.min, dt.date.max
    start, end = rule.valid_from or far_past, rule.valid_to or far_future
    others = list(
        DeadlineRule.objects.filter(
            procedure=rule.procedure, step=rule.step, variant=rule.variant
        ).exclude(pk=rule.pk)
    ) + [
        r
        for r in among or ()
        if r is not rule
        and (r.procedure, r.step, r.variant) == (rule.procedure, rule.step, rule.variant)
    ]
    for other in others:
        if (other.valid_from or far_past) <= end and start <= (other.valid_to or far_future):
            raise ValidationError(
                f"Trùng thời gian hiệu lực với quy tắc “{other.code}” ({other.validity_label}); "
                f"hãy kết thúc hiệu lực quy tắc đó trước ngày bắt đầu của quy tắc mới."
            )


def _rule_snapshot(rule: DeadlineRule) -> dict[str, Any]:
    return {RULE_LABELS[f]: _show(getattr(rule, f)) for f in ("code", *RULE_FIELDS)}


@transaction.atomic
def create_rule(*, by: Any, code: str, **fields: Any) -> DeadlineRule:
    """An administrator adds a time limit (e.g. the figures of a new law, from its date)."""
    nation = national_unit()
    require(by, "rules.manage", nation)
    unknown = set(fields) - set(RULE_FIELDS)
    if unknown:
        raise ValueError(f"unknown rule fields: {sorted(unknown)}")
    if DeadlineRule.objects.filter(code=code).exists():
        raise ValidationError(f"Mã quy tắc “{code}” đã có.")
    for key in ("legal_basis", "note"):
        if key in fields:
            fields[key] = nfc(fields[key] or "")
    rule = DeadlineRule(code=code, source=RuleSource.ADMIN, created_by=_user(by), **fields)
    _validate_rule(rule)
    rule.save()
    record(
        by,
        "petitions.rule_create",
        rule,
        unit=nation,
        data={"changes": {k: [None, v] for k, v in _rule_snapshot(rule).items() if v}},
    )
    return rule


@transaction.atomic
def update_rule(rule: DeadlineRule, *, by: Any, note: str = "", **fields: Any) -> DeadlineRule:
    """Correct a rule. Its revision goes up; petitions already timed by it keep their
    due dates until someone recomputes them explicitly."""
    nation = national_unit()
    require(by, "rules.manage", nation)
    rule = DeadlineRule.objects.select_for_update().get(pk=rule.pk)
    unknown = set(fields) - set(RULE_FIELDS)
    if unknown:
        raise ValueError(f"unknown rule fields: {sorted(unknown)}")
    before = _rule_snapshot(rule)
    for key, value in fields.items():
        setattr(rule, key, nfc(value or "") if key in {"legal_basis", "note"} else value)
    _validate_rule(rule)
    after = _rule_snapshot(rule)
    changes = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    if not changes:
        return rule
    rule.revision += 1
    rule.source = RuleSource.ADMIN
    rule.save()
    record(
        by, "petitions.rule_update", rule, unit=nation, data={"note": nfc(note), "changes": changes}
    )
    return rule


@dataclass
class RulesReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_admin: int = 0

    def __str__(self) -> str:
        return (
            f"{self.created} thêm, {self.updated} cập nhật, {self.unchanged} không đổi, "
            f"{self.kept_admin} quy tắc do quản trị viên sửa được giữ nguyên"
        )


@transaction.atomic
def load_rules(*, by: Any) -> RulesReport:
    """Seed the time limits of DOMAIN.md §3.3. Idempotent; rows an administrator
    created or edited are never touched."""
    nation = national_unit()
    require(by, "rules.manage", nation)
    report = RulesReport()
    existing = {r.code: r for r in DeadlineRule.objects.all()}
    fresh: list[DeadlineRule] = []  # new rows: one insert, listed in the load's audit row
    for seed in SEEDS:
        values = {f: getattr(seed, f) for f in RULE_FIELDS if hasattr(seed, f)}
        rule = existing.get(seed.code)
        if rule is not None and rule.source == RuleSource.ADMIN:
            report.kept_admin += 1
            continue
        if rule is None:
            fresh.append(DeadlineRule(code=seed.code, source=RuleSource.SEED, **values))
            continue
        before = _rule_snapshot(rule)
        for key, value in values.items():
            setattr(rule, key, value)
        changes = {k: [before[k], v] for k, v in _rule_snapshot(rule).items() if before[k] != v}
        if not changes:
            report.unchanged += 1
            continue
        _validate_rule(rule)
        rule.revision += 1
        rule.save()
        report.updated += 1
        record(by, "petitions.rule_load", rule, unit=nation, data={"changes": changes})
    for rule in fresh:
        _validate_rule(rule, among=fresh)
    DeadlineRule.objects.bulk_create(fresh)
    report.created = len(fresh)
    record(
        by,
        "petitions.rules_load",
        None,
        unit=nation,
        data={"note": str(report), "created": [r.code for r in fresh]},
    )
    return report
