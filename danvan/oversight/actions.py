"""Every change to inspection plans and steering committees: permission, rules, write, audit.

Plans (`oversight.*`): create, update, move, change status, acknowledge a conflict.
Creating, updating or moving a plan re-computes its collisions (conflicts.sync); a plan
with a collision nobody acknowledged cannot be notified or started.

Steering committees (`steering.*`): set up (with the committee's own Body row),
update, dissolve, add and end members, record plans and meetings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from danvan.accounts.permissions import require
from danvan.audit.log import VERB_LABELS, record
from danvan.core.lifecycle import check
from danvan.lib.text import fold, nfc
from danvan.people.actions import PositionSpec, create_person
from danvan.people.models import Person
from danvan.units.models import Body, BodyKind, Unit

from . import conflicts
from .models import (
    TOPIC_LABELS,
    Kind,
    OversightPlan,
    PlanConflict,
    PlanTransition,
    SteeringCommittee,
    SteeringKind,
    SteeringMeeting,
    SteeringMembership,
    SteeringPlan,
    Topic,
    topics_value,
)
from .states import ALLOWED, LABELS, MOVABLE, NEEDS_CLEAR, Status
from .steering_models import MemberRole

VERB_LABELS.update(
    {
        "oversight.create": "Lập kế hoạch kiểm tra, giám sát",
        "oversight.update": "Sửa kế hoạch kiểm tra, giám sát",
        "oversight.move": "Đổi thời gian kế hoạch",
        "oversight.transition": "Chuyển trạng thái kế hoạch",
        "oversight.acknowledge": "Xác nhận trùng lặp với kế hoạch khác",
        "steering.create": "Thành lập Ban Chỉ đạo",
        "steering.update": "Sửa thông tin Ban Chỉ đạo",
        "steering.dissolve": "Giải thể Ban Chỉ đạo",
        "steering.add_member": "Bổ sung thành viên Ban Chỉ đạo",
        "steering.end_member": "Thôi làm thành viên Ban Chỉ đạo",
        "steering.add_plan": "Ghi kế hoạch của Ban Chỉ đạo",
        "steering.add_meeting": "Ghi cuộc họp của Ban Chỉ đạo",
    }
)


def _label(model: Any, name: str) -> str:
    text = str(model._meta.get_field(name).verbose_name)
    return text[:1].upper() + text[1:]


def _show(value: Any) -> Any:
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, Unit | Body | Person):
        return str(value)
    return value


def _changes(model: Any, before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        _label(model, k): [_show(before.get(k)), _show(v)]
        for k, v in after.items()
        if before.get(k) != v
    }


def _active_on(obj: Unit | Body, day: dt.date) -> bool:
    return (obj.valid_from is None or obj.valid_from <= day) and (
        obj.valid_to is None or obj.valid_to >= day
    )


# --- Inspection and supervision plans ---------------------------------------------------


@dataclass(kw_only=True)
class PlanData:
    """Everything a planner enters; forms, the API and imports build one."""

    kind: str
    title: str
    window_start: dt.date
    window_end: dt.date
    unit: Unit | None = None
    body: Body | None = None
    subject_unit: Unit | None = None
    subject_body: Body | None = None
    topics: Sequence[str] = ()
    topic_text: str = ""
    document_number: str = ""
    team: str = ""
    findings: str = ""
    recommendations: str = ""
    notice_sent_on: dt.date | None = None
    external_id: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, plan: OversightPlan, **changes: Any) -> PlanData:
        """The plan's current values, with `changes` applied (for partial updates)."""
        values = {
            f.name: getattr(plan, f.name) for f in fields(cls) if f.name not in {"topics", "extra"}
        }
        values["topics"] = plan.topic_list
        values.update(changes)
        return cls(**values)


# Fields of PlanData stored as they are on the plan (unit, topics and match_unit are derived).
_PLAN_FIELDS = (
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
    "external_id",
)
_TEXT_FIELDS = (
    "title",
    "topic_text",
    "document_number",
    "team",
    "findings",
    "recommendations",
    "external_id",
)


def _clean_plan(data: PlanData) -> PlanData:
    """Domain rules for a plan's values; ValidationError keyed by field, in Vietnamese."""
    for name in _TEXT_FIELDS:
        setattr(data, name, nfc(getattr(data, name) or ""))
    errors: dict[str, str] = {}
    if data.kind not in Kind.values:
        errors["kind"] = "Loại kế hoạch không hợp lệ."
    if not data.title:
        errors["title"] = "Hãy ghi tên cuộc kiểm tra, giám sát."
    if data.body is not None:
        if data.unit is not None and data.body.unit_id != data.unit.pk:
            errors["body"] = "Cơ quan chủ trì không thuộc đơn vị chủ trì đã chọn."
        data.unit = data.body.unit
    if data.unit is None:
        errors["body"] = "Hãy chọn cơ quan hoặc đơn vị chủ trì."
    if data.subject_unit is None and data.subject_body is None:
        errors["subject_unit"] = "Hãy chọn đơn vị hoặc cơ quan chịu kiểm tra, giám sát."
    if (
        data.subject_unit is not None
        and data.subject_body is not None
        and data.subject_body.unit_id != data.subject_unit.pk
    ):
        errors["subject_body"] = "Cơ quan chịu kiểm tra, giám sát không thuộc đơn vị đã chọn."
    if data.window_end < data.window_start:
        errors["window_end"] = "Ngày kết thúc phải trùng hoặc sau ngày bắt đầu."
    unknown = set(data.topics) - set(Topic.values)
    if unknown:
        errors["topics"] = f"Chủ đề không có trong danh mục: {', '.join(sorted(unknown))}."
    start = data.window_start
    for name, obj in (("body", data.body), ("subject_body", data.subject_body)):
        if obj is not None and name not in errors and not _active_on(obj, start):
            errors[name] = f"{obj} không hoạt động vào ngày {start:%d/%m/%Y}."
    for name, obj in (("body", data.unit), ("subject_unit", data.subject_unit)):
        if obj is not None and name not in errors and not _active_on(obj, start):
            errors[name] = (
                f"{obj} không còn tồn tại vào ngày {start:%d/%m/%Y}; hãy chọn đơn vị kế thừa."
            )
    if errors:
        raise ValidationError(errors)
    return data


def _check_external_id(data: PlanData, exclude: int | None = None) -> None:
    if not data.external_id:
        return
    clash = OversightPlan.objects.filter(unit=data.unit, external_id=data.external_id).exclude(
        pk=exclude
    )
    if clash.exists():
        raise ValidationError(
            {"external_id": f"Mã “{data.external_id}” đã dùng cho kế hoạch khác của đơn vị."}
        )


def _search_key(plan: OversightPlan) -> str:
    parts = [
        plan.title,
        plan.topic_text,
        plan.document_number,
        Kind(plan.kind).label,
        *(TOPIC_LABELS.get(t, t) for t in plan.topic_list),
        str(plan.subject_unit or ""),
        str(plan.subject_body or ""),
        str(plan.body or plan.unit),
    ]
    return fold(" ".join(p for p in parts if p))[:1000]


def _apply(plan: OversightPlan, data: PlanData) -> None:
    for name in _PLAN_FIELDS:
        setattr(plan, name, getattr(data, name))
    plan.unit = data.unit
    plan.topics = topics_value(data.topics)
    plan.match_unit = data.subject_unit or data.subject_body.unit  # type: ignore[union-attr]
    plan.search_key = _search_key(plan)


def _snapshot(plan: OversightPlan) -> dict[str, Any]:
    values = {name: getattr(plan, name) for name in _PLAN_FIELDS}
    values["topics"] = ", ".join(plan.topic_labels)
    return values


def _conflict_note(result: conflicts.SyncResult) -> dict[str, Any]:
    return {
        "conflicts": [str(c.other) for c in result.open],
        "new_conflicts": len(result.new),
        "cleared_conflicts": len(result.cleared),
    }


@transaction.atomic
def create_plan(data: PlanData, *, by: Any, note: str = "") -> OversightPlan:
    """Record a plan, then find the other plans on its subject that it collides with."""
    data = _clean_plan(data)  # derives the unit from the body, so it comes first
    require(by, "oversight.edit", data.unit)
    _check_external_id(data)
    plan = OversightPlan(created_by=by if getattr(by, "pk", None) else None)
    _apply(plan, data)
    plan.save()
    PlanTransition.objects.create(
        plan=plan,
        from_status="",
        to_status=Status.PLANNED,
        on_date=timezone.localdate(),
        by=plan.created_by,
        note=nfc(note),
    )
    result = conflicts.sync(plan)
    record(
        by,
        "oversight.create",
        plan,
        unit=plan.unit,
        data={"note": nfc(note), **_conflict_note(result)},
    )
    return plan


@transaction.atomic
def update_plan(plan: OversightPlan, data: PlanData, *, by: Any, note: str = "") -> OversightPlan:
    """Change a plan's values. Its window and subject change only while it can still move."""
    require(by, "oversight.edit", plan.unit)
    plan = (
        OversightPlan.objects.select_for_update(of=("self",))
        .select_related("unit", "body")
        .get(pk=plan.pk)
    )
    data = _clean_plan(data)
    require(by, "oversight.edit", data.unit)
    _check_external_id(data, exclude=plan.pk)
    before = _snapshot(plan)
    moved = (data.window_start, data.window_end, data.subject_unit, data.subject_body) != (
        plan.window_start,
        plan.window_end,
        plan.subject_unit,
        plan.subject_body,
    )
    if moved and plan.status not in MOVABLE:
        raise ValidationError(
            f"Kế hoạch “{LABELS[plan.status]}” không thể đổi thời gian hoặc đối tượng."
        )
    _apply(plan, data)
    changes = _changes(OversightPlan, before, _snapshot(plan))
    if "Chủ đề" not in changes and before["topics"] != ", ".join(plan.topic_labels):
        changes["Chủ đề"] = [before["topics"], ", ".join(plan.topic_labels)]
    plan.save()
    result = conflicts.sync(plan)
    record(
        by,
        "oversight.update",
        plan,
        unit=plan.unit,
        data={"note": nfc(note), "changes": changes, **_conflict_note(result)},
    )
    return plan


@transaction.atomic
def move_plan(
    plan: OversightPlan, *, by: Any, window_start: dt.date, window_end: dt.date, note: str = ""
) -> OversightPlan:
    """Change a plan's window; its collisions are found again (some clear, some appear)."""
    require(by, "oversight.edit", plan.unit)
    plan = OversightPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status not in MOVABLE:
        raise ValidationError(f"Kế hoạch “{LABELS[plan.status]}” không thể đổi thời gian.")
    if window_end < window_start:
        raise ValidationError({"window_end": "Ngày kết thúc phải trùng hoặc sau ngày bắt đầu."})
    for obj, name in ((plan.subject_unit, "subject_unit"), (plan.body, "body")):
        if obj is not None and not _active_on(obj, window_start):
            raise ValidationError(
                {name: f"{obj} không hoạt động vào ngày {window_start:%d/%m/%Y}."}
            )
    old = f"{plan.window_start:%d/%m/%Y}–{plan.window_end:%d/%m/%Y}"
    plan.window_start, plan.window_end = window_start, window_end
    plan.save(update_fields=["window_start", "window_end", "updated_at"])
    result = conflicts.sync(plan)
    new = f"{window_start:%d/%m/%Y}–{window_end:%d/%m/%Y}"
    record(
        by,
        "oversight.move",
        plan,
        unit=plan.unit,
        data={"note": nfc(note), "changes": {"Thời gian": [old, new]}, **_conflict_note(result)},
    )
    return plan


@transaction.atomic
def transition_plan(
    plan: OversightPlan,
    *,
    by: Any,
    to: str,
    on_date: dt.date | None = None,
    note: str = "",
    notice_sent_on: dt.date | None = None,
) -> OversightPlan:
    """Move a plan along its lifecycle. Notifying or starting needs every collision acknowledged."""
    require(by, "oversight.edit", plan.unit)
    plan = OversightPlan.objects.select_for_update().get(pk=plan.pk)
    check(ALLOWED, plan.status, to, LABELS)
    on_date = on_date or timezone.localdate()
    if to in NEEDS_CLEAR:
        waiting = PlanConflict.objects.unacknowledged().filter(plan=plan).count()
        if waiting:
            raise ValidationError(
                f"Còn {waiting} trùng lặp với kế hoạch khác chưa được xác nhận. Hãy xác nhận từng "
                "trùng lặp (ghi rõ cách phối hợp) hoặc đổi kế hoạch trước khi "
                f"chuyển sang “{LABELS[to]}”."
            )
    changes = {"Trạng thái": [LABELS[plan.status], LABELS[to]]}
    update = ["status", "updated_at"]
    if to == Status.NOTIFIED:
        sent = notice_sent_on or plan.notice_sent_on or on_date
        if sent != plan.notice_sent_on:
            changes["Ngày gửi thông báo"] = [_show(plan.notice_sent_on), _show(sent)]
            plan.notice_sent_on = sent
            update.append("notice_sent_on")
    PlanTransition.objects.create(
        plan=plan,
        from_status=plan.status,
        to_status=to,
        on_date=on_date,
        by=by if getattr(by, "pk", None) else None,
        note=nfc(note),
    )
    plan.status = to
    plan.save(update_fields=update)
    data: dict[str, Any] = {"note": nfc(note), "changes": changes}
    if to == Status.CANCELLED:
        data.update(_conflict_note(conflicts.sync(plan)))
    record(by, "oversight.transition", plan, unit=plan.unit, data=data)
    return plan


@transaction.atomic
def acknowledge_conflict(conflict: PlanConflict, *, by: Any, note: str) -> PlanConflict:
    """The planner saw the collision and keeps the plan, saying how it is coordinated."""
    plan = conflict.plan
    require(by, "oversight.edit", plan.unit)
    conflict = PlanConflict.objects.select_for_update().select_related("other").get(pk=conflict.pk)
    if conflict.cleared_at is not None:
        raise ValidationError("Trùng lặp này không còn nữa: một trong hai kế hoạch đã thay đổi.")
    if conflict.acknowledged_at is not None:
        raise ValidationError("Trùng lặp này đã được xác nhận.")
    note = nfc(note)
    if not note:
        raise ValidationError(
            {"note": "Hãy ghi ý kiến: đã phối hợp thế nào, vì sao vẫn giữ kế hoạch."}
        )
    conflict.acknowledged_by = by if getattr(by, "pk", None) else None
    conflict.acknowledged_at = timezone.now()
    conflict.note = note
    conflict.save(update_fields=["acknowledged_by", "acknowledged_at", "note"])
    record(
        by,
        "oversight.acknowledge",
        plan,
        unit=plan.unit,
        data={"note": note, "other": str(conflict.other), "other_code": str(conflict.other.code)},
    )
    return conflict


# --- Steering committees ----------------------------------------------------------------


@dataclass(kw_only=True)
class CommitteeData:
    unit: Unit
    kind: str
    name: str
    valid_from: dt.date
    party_body: Body | None = None
    standing_body: Body | None = None
    established_by: str = ""
    duties: str = ""
    note: str = ""
    predecessor: SteeringCommittee | None = None
    external_id: str = ""

    @classmethod
    def of(cls, committee: SteeringCommittee, **changes: Any) -> CommitteeData:
        values = {f.name: getattr(committee, f.name) for f in fields(cls)}
        values.update(changes)
        return cls(**values)


_COMMITTEE_FIELDS = (
    "kind",
    "name",
    "valid_from",
    "party_body",
    "standing_body",
    "established_by",
    "duties",
    "note",
    "predecessor",
    "external_id",
)


def _clean_committee(data: CommitteeData, exclude: int | None = None) -> CommitteeData:
    for name in ("name", "established_by", "duties", "note", "external_id"):
        setattr(data, name, nfc(getattr(data, name) or ""))
    errors: dict[str, str] = {}
    if data.kind not in SteeringKind.values:
        errors["kind"] = "Loại Ban Chỉ đạo không hợp lệ."
    if not data.name:
        errors["name"] = "Hãy ghi tên Ban Chỉ đạo."
    for name, body in (("party_body", data.party_body), ("standing_body", data.standing_body)):
        if body is not None and body.unit_id != data.unit.pk:
            errors[name] = f"{body} không thuộc {data.unit}."
    if not _active_on(data.unit, data.valid_from):
        errors["valid_from"] = f"{data.unit} không tồn tại vào ngày {data.valid_from:%d/%m/%Y}."
    if data.predecessor is not None and data.predecessor.pk == exclude:
        errors["predecessor"] = "Ban Chỉ đạo không thể kế thừa chính nó."
    if data.external_id and (
        SteeringCommittee.objects.filter(unit=data.unit, external_id=data.external_id)
        .exclude(pk=exclude)
        .exists()
    ):
        errors["external_id"] = f"Mã “{data.external_id}” đã dùng cho Ban Chỉ đạo khác của đơn vị."
    if errors:
        raise ValidationError(errors)
    return data


def _own_body(committee: SteeringCommittee) -> Body:
    """The committee as an organisation (DOMAIN §4.5): one Body row of kind 'Ban Chỉ đạo'.

    A committee re-formed under the same name at the same unit is the same organisation,
    so it takes over the existing row.
    """
    body, created = Body.objects.get_or_create(
        unit=committee.unit,
        kind=BodyKind.STEERING_COMMITTEE,
        name=committee.name[:200],
        defaults={
            "short_code": "BCĐ",
            "valid_from": committee.valid_from,
            "valid_to": committee.valid_to,
        },
    )
    if not created:
        body.valid_from = min(filter(None, (body.valid_from, committee.valid_from)), default=None)
        body.valid_to = committee.valid_to
        body.search_key = fold(body.name)
        body.save(update_fields=["valid_from", "valid_to", "search_key"])
    elif not body.search_key:
        body.search_key = fold(body.name)
        body.save(update_fields=["search_key"])
    return body


def _committee_key(c: SteeringCommittee) -> str:
    return fold(f"{c.name} {SteeringKind(c.kind).label} {c.unit.name} {c.established_by}")[:600]


@transaction.atomic
def create_committee(data: CommitteeData, *, by: Any) -> SteeringCommittee:
    """Set up a steering committee and its organisation row."""
    require(by, "steering.edit", data.unit)
    data = _clean_committee(data)
    committee = SteeringCommittee(
        unit=data.unit, created_by=by if getattr(by, "pk", None) else None
    )
    for name in _COMMITTEE_FIELDS:
        setattr(committee, name, getattr(data, name))
    committee.search_key = _committee_key(committee)
    committee.save()
    committee.body = _own_body(committee)
    committee.save(update_fields=["body"])
    record(by, "steering.create", committee, unit=committee.unit, data={"note": data.note})
    return committee


@transaction.atomic
def update_committee(
    committee: SteeringCommittee, data: CommitteeData, *, by: Any
) -> SteeringCommittee:
    require(by, "steering.edit", committee.unit)
    committee = SteeringCommittee.objects.select_for_update().get(pk=committee.pk)
    if data.unit.pk != committee.unit_id:
        raise ValidationError({"unit": "Không thể chuyển Ban Chỉ đạo sang đơn vị khác."})
    data = _clean_committee(data, exclude=committee.pk)
    if committee.valid_to and data.valid_from > committee.valid_to:
        raise ValidationError({"valid_from": "Ngày thành lập phải trước ngày giải thể."})
    before = {name: getattr(committee, name) for name in _COMMITTEE_FIELDS}
    for name in _COMMITTEE_FIELDS:
        setattr(committee, name, getattr(data, name))
    committee.search_key = _committee_key(committee)
    committee.save()
    if before["name"] != committee.name or before["valid_from"] != committee.valid_from:
        committee.body = _own_body(committee)
        committee.save(update_fields=["body"])
    changes = _changes(
        SteeringCommittee, before, {n: getattr(committee, n) for n in _COMMITTEE_FIELDS}
    )
    record(by, "steering.update", committee, unit=committee.unit, data={"changes": changes})
    return committee


@transaction.atomic
def dissolve_committee(
    committee: SteeringCommittee, *, by: Any, on: dt.date, ended_by: str = "", note: str = ""
) -> SteeringCommittee:
    """End the committee on `on`; members still in office leave with it."""
    require(by, "steering.edit", committee.unit)
    committee = SteeringCommittee.objects.select_for_update().get(pk=committee.pk)
    if committee.valid_to is not None:
        raise ValidationError("Ban Chỉ đạo đã giải thể.")
    if on < committee.valid_from:
        raise ValidationError({"on": "Ngày giải thể phải sau ngày thành lập."})
    committee.valid_to = on
    committee.ended_by = nfc(ended_by)
    committee.save(update_fields=["valid_to", "ended_by", "updated_at"])
    ended = committee.memberships.filter(valid_to__isnull=True).update(valid_to=on)
    committee.memberships.filter(valid_to__gt=on).update(valid_to=on)
    if committee.body_id:
        still_used = SteeringCommittee.objects.filter(
            body_id=committee.body_id, valid_to__isnull=True
        )
        if not still_used.exists():
            Body.objects.filter(pk=committee.body_id).update(valid_to=on)
    record(
        by,
        "steering.dissolve",
        committee,
        unit=committee.unit,
        data={
            "note": nfc(note),
            "changes": {
                "Giải thể ngày": [None, _show(on)],
                "Quyết định giải thể, kiện toàn": [None, committee.ended_by],
            },
            "members_ended": ended,
        },
    )
    return committee


def _person(full_name: str, by: Any, *, position_label: str, unit: Unit, on: dt.date) -> Person:
    """The person named (matched on the folded name among people not merged away), or a new
    one created through the people app's action, with the post written in the decision as
    their position at the committee's unit from that day (DOMAIN §1.1: one person, several
    posts — the BCĐ role is the membership, the post is the Position)."""
    existing = (
        Person.objects.filter(search_key=fold(nfc(full_name)), merged_into__isnull=True)
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing
    position = (
        PositionSpec(
            title=position_label, unit=unit, valid_from=on, source="Quyết định về Ban Chỉ đạo"
        )
        if nfc(position_label)
        else None
    )
    return create_person(by=by, full_name=full_name, position=position)


@transaction.atomic
def add_member(
    committee: SteeringCommittee,
    *,
    by: Any,
    role: str,
    valid_from: dt.date,
    person: Person | None = None,
    full_name: str = "",
    position_label: str = "",
    decision: str = "",
    note: str = "",
) -> SteeringMembership:
    """Put a person in a role from `valid_from`. One head at a time; one role per person at a time."""
    require(by, "steering.edit", committee.unit)
    committee = SteeringCommittee.objects.select_for_update().get(pk=committee.pk)
    errors: dict[str, str] = {}
    if role not in MemberRole.values:
        errors["role"] = "Vai trò không hợp lệ."
    if person is None and not nfc(full_name):
        errors["person"] = "Hãy chọn một cán bộ hoặc ghi họ tên người mới."
    if valid_from < committee.valid_from or (
        committee.valid_to and valid_from > committee.valid_to
    ):
        errors["valid_from"] = (
            f"Ngày bắt đầu phải trong thời gian hoạt động của Ban Chỉ đạo ({committee.validity_label})."
        )
    if errors:
        raise ValidationError(errors)
    if person is None:
        person = _person(
            full_name, by, position_label=position_label, unit=committee.unit, on=valid_from
        )
    person = person.final()  # a merged duplicate stands for the person it was merged into
    current = committee.memberships.filter(valid_to__isnull=True) | committee.memberships.filter(
        valid_to__gte=valid_from
    )
    if current.filter(person=person).exists():
        raise ValidationError(
            {
                "person": f"{person} đang là thành viên; hãy cho thôi vai trò cũ trước khi giao vai trò mới."
            }
        )
    if role == MemberRole.HEAD and current.filter(role=MemberRole.HEAD).exists():
        raise ValidationError(
            {"role": "Ban Chỉ đạo đang có Trưởng ban; hãy cho thôi Trưởng ban cũ trước."}
        )
    membership = SteeringMembership.objects.create(
        committee=committee,
        person=person,
        role=role,
        position_label=nfc(position_label),
        valid_from=valid_from,
        valid_to=committee.valid_to,
        decision=nfc(decision),
        note=nfc(note),
        created_by=by if getattr(by, "pk", None) else None,
    )
    record(
        by,
        "steering.add_member",
        committee,
        unit=committee.unit,
        data={
            "note": nfc(note),
            "changes": {
                f"{membership.get_role_display()}": [
                    None,
                    f"{person} ({membership.position_label})"
                    if membership.position_label
                    else str(person),
                ]
            },
            "from": _show(valid_from),
        },
    )
    return membership


@transaction.atomic
def end_member(
    membership: SteeringMembership, *, by: Any, on: dt.date, note: str = ""
) -> SteeringMembership:
    committee = membership.committee
    require(by, "steering.edit", committee.unit)
    membership = (
        SteeringMembership.objects.select_for_update()
        .select_related("person")
        .get(pk=membership.pk)
    )
    if membership.valid_to is not None and membership.valid_to <= on:
        raise ValidationError("Thành viên này đã thôi trước ngày đó.")
    if on < membership.valid_from:
        raise ValidationError({"on": "Ngày thôi phải sau ngày bắt đầu."})
    membership.valid_to = on
    membership.note = nfc(
        f"{membership.note}\n{note}" if membership.note and note else note or membership.note
    )
    membership.save(update_fields=["valid_to", "note"])
    record(
        by,
        "steering.end_member",
        committee,
        unit=committee.unit,
        data={
            "note": nfc(note),
            "changes": {membership.get_role_display(): [str(membership.person), None]},
            "on": _show(on),
        },
    )
    return membership


@transaction.atomic
def add_steering_plan(
    committee: SteeringCommittee,
    *,
    by: Any,
    number: str,
    issued_on: dt.date,
    title: str,
    period_from: dt.date | None = None,
    period_to: dt.date | None = None,
    note: str = "",
) -> SteeringPlan:
    require(by, "steering.edit", committee.unit)
    errors: dict[str, str] = {}
    if not nfc(number):
        errors["number"] = "Hãy ghi số, ký hiệu kế hoạch (ví dụ 01-KH/BCĐ)."
    if not nfc(title):
        errors["title"] = "Hãy ghi trích yếu kế hoạch."
    if period_from and period_to and period_to < period_from:
        errors["period_to"] = "Giai đoạn kết thúc phải sau giai đoạn bắt đầu."
    if errors:
        raise ValidationError(errors)
    plan = SteeringPlan.objects.create(
        committee=committee,
        number=nfc(number),
        issued_on=issued_on,
        title=nfc(title),
        period_from=period_from,
        period_to=period_to,
        note=nfc(note),
        created_by=by if getattr(by, "pk", None) else None,
    )
    record(
        by,
        "steering.add_plan",
        committee,
        unit=committee.unit,
        data={
            "note": nfc(note),
            "changes": {
                "Kế hoạch": [None, f"{plan.number}, ngày {issued_on:%d/%m/%Y}: {plan.title}"]
            },
        },
    )
    return plan


@transaction.atomic
def add_meeting(
    committee: SteeringCommittee,
    *,
    by: Any,
    held_on: dt.date,
    content: str,
    conclusions: str = "",
    venue: str = "",
    chaired_by: Person | None = None,
) -> SteeringMeeting:
    require(by, "steering.edit", committee.unit)
    if not nfc(content):
        raise ValidationError({"content": "Hãy ghi nội dung cuộc họp."})
    meeting = SteeringMeeting.objects.create(
        committee=committee,
        held_on=held_on,
        content=nfc(content),
        conclusions=nfc(conclusions),
        venue=nfc(venue),
        chaired_by=chaired_by,
        created_by=by if getattr(by, "pk", None) else None,
    )
    record(
        by,
        "steering.add_meeting",
        committee,
        unit=committee.unit,
        data={"changes": {"Cuộc họp": [None, f"{held_on:%d/%m/%Y}: {meeting.content[:120]}"]}},
    )
    return meeting
