"""Every change to key tasks: permission, domain rules, write, audit — one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from danvan.accounts.permissions import require
from danvan.audit.log import VERB_LABELS, record
from danvan.conferences.models import Conference
from danvan.conferences.participants import new_person
from danvan.core.lifecycle import InvalidTransition, check
from danvan.directives.models import Directive
from danvan.lib.text import fold, nfc
from danvan.people.models import Person
from danvan.people.queries import match_person
from danvan.units.models import Body, Unit, UnitClosure

from .models import KeyTask, KeyTaskTransition, ProgressNote, today
from .states import ALLOWED, LABELS, MANUAL, Status

VERB_LABELS.update(
    {
        "followups.create": "Giao nhiệm vụ trọng tâm",
        "followups.update": "Sửa nhiệm vụ",
        "followups.transition": "Chuyển trạng thái nhiệm vụ",
        "followups.progress": "Ghi nhận tiến độ",
        "followups.carry_over": "Chuyển nhiệm vụ sang kỳ sau",
    }
)

EDITABLE = (
    "number",
    "text",
    "owner_body",
    "owner_person",
    "co_owners_text",
    "deadline",
    "period_label",
    "period_from",
    "period_to",
    "external_id",
)


def _label(field: str) -> str:
    name = str(KeyTask._meta.get_field(field).verbose_name)
    return name[:1].upper() + name[1:]


def _shown(value: Any) -> Any:
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if value is None:
        return ""
    if isinstance(value, Body | Person | Unit):
        return str(value)
    return value


def _in_subtree(unit: Unit, root: Unit) -> bool:
    return UnitClosure.objects.filter(ancestor=root, descendant=unit).exists()


def _person(
    task_conference: Conference | None, name: str, *, by: Any, unit: Unit | None = None
) -> Person:
    """A conference participant of that name, else the one person of that name working in or
    near the unit, else a new person."""
    name = nfc(name)
    if task_conference is not None:
        for p in task_conference.participants.select_related("person"):
            if fold(p.person.full_name) == fold(name):
                return p.person
        unit = unit or task_conference.unit
    return match_person(name, unit=unit) or new_person(name, by=by)


def _validate(t: KeyTask) -> None:
    errors: dict[str, str] = {}
    if not nfc(t.text or ""):
        errors["text"] = "Hãy nhập nội dung nhiệm vụ."
    if t.conference_id is None and t.directive_id is None:
        errors["conference"] = "Nhiệm vụ phải do một hội nghị hoặc một văn bản đề ra."
    if t.conference_id and not _in_subtree(t.unit, t.conference.unit):
        errors["unit"] = (
            f"{t.unit.name} không thuộc {t.conference.unit.name}, nơi tổ chức hội nghị."
        )
    if not t.number or t.number < 1:
        errors["number"] = "Số thứ tự phải từ 1 trở lên."
    elif t.conference_id:
        clash = KeyTask.objects.filter(conference_id=t.conference_id, number=t.number).exclude(
            pk=t.pk
        )
        if clash.exists():
            errors["number"] = f"Hội nghị này đã có nhiệm vụ số {t.number}."
    if t.period_from and t.period_to and t.period_from > t.period_to:
        errors["period_to"] = "Kỳ thực hiện: ngày kết thúc trước ngày bắt đầu."
    if t.external_id:
        clash = KeyTask.objects.filter(unit=t.unit, external_id=t.external_id).exclude(pk=t.pk)
        if clash.exists():
            errors["external_id"] = (
                f"Mã ngoài “{t.external_id}” đã dùng cho nhiệm vụ khác của đơn vị này."
            )
    if errors:
        raise ValidationError(errors)


def _next_number(conference: Conference | None, directive: Directive | None) -> int:
    qs = (
        KeyTask.objects.filter(conference=conference)
        if conference
        else KeyTask.objects.filter(directive=directive, conference__isnull=True)
    )
    return (qs.aggregate(m=Max("number"))["m"] or 0) + 1


def _move(task: KeyTask, to: str, *, by: Any, on: dt.date, note: str) -> None:
    check(ALLOWED, task.status, to, LABELS)
    KeyTaskTransition.objects.create(
        task=task,
        from_status=task.status,
        to_status=to,
        on_date=on,
        by=by if getattr(by, "pk", None) else None,
        note=note,
    )
    task.status = to


@transaction.atomic
def create_task(
    *,
    by: Any,
    text: str,
    conference: Conference | None = None,
    directive: Directive | None = None,
    unit: Unit | None = None,
    number: int | None = None,
    owner_body: Body | None = None,
    owner_person: Person | None = None,
    owner_person_name: str = "",
    co_owners: Iterable[Body] = (),
    co_owners_text: str = "",
    deadline: dt.date | None = None,
    period_label: str = "",
    period_from: dt.date | None = None,
    period_to: dt.date | None = None,
    external_id: str = "",
    on: dt.date | None = None,
) -> KeyTask:
    """A key task set by a conference (or a directive); the period defaults to the
    conference's planned period."""
    unit = unit or (conference.unit if conference else None)
    if unit is None:
        raise ValidationError({"unit": "Hãy chọn đơn vị chịu trách nhiệm theo dõi nhiệm vụ."})
    require(by, "followups.edit", unit)
    if owner_person is None and nfc(owner_person_name):
        owner_person = _person(conference, owner_person_name, by=by, unit=unit)
    if conference is not None:
        period_label = period_label or conference.planned_label
        period_from = period_from or conference.planned_from
        period_to = period_to or conference.planned_to
    task = KeyTask(
        unit=unit,
        conference=conference,
        directive=directive,
        number=number or _next_number(conference, directive),
        text=(text or "").strip(),
        owner_body=owner_body,
        owner_person=owner_person,
        co_owners_text=nfc(co_owners_text),
        deadline=deadline,
        period_label=nfc(period_label),
        period_from=period_from,
        period_to=period_to,
        external_id=nfc(external_id),
        created_by=by if getattr(by, "pk", None) else None,
    )
    _validate(task)
    task.search_key = task.compute_search_key()
    task.save()
    task.co_owners.set(list(co_owners))
    KeyTaskTransition.objects.create(
        task=task,
        from_status="",
        to_status=task.status,
        on_date=on or (conference.held_on if conference and conference.held_on else today()),
        by=by if getattr(by, "pk", None) else None,
        note="Giao nhiệm vụ",
    )
    record(
        by,
        "followups.create",
        task,
        unit=task.unit,
        data={"note": f"{task.number}. {task.text[:200]}"},
    )
    return task


@transaction.atomic
def update_task(
    task: KeyTask,
    *,
    by: Any,
    co_owners: Iterable[Body] | None = None,
    owner_person_name: str | None = None,
    note: str = "",
    **fields: Any,
) -> KeyTask:
    """Change the fields given. `owner_person_name` names the owner: a conference participant
    of that name, else a new person; "" clears it."""
    require(by, "followups.edit", task.unit)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"Unknown task fields: {sorted(unknown)}")
    t = (
        KeyTask.objects.select_for_update(of=("self",))
        .select_related("unit", "conference__unit")
        .get(pk=task.pk)
    )
    changes: dict[str, list[Any]] = {}
    if owner_person_name is not None and "owner_person" not in fields:
        name = nfc(owner_person_name)
        current = t.owner_person
        if not name:
            fields["owner_person"] = None
        elif current is None or fold(current.full_name) != fold(name):
            fields["owner_person"] = _person(t.conference, name, by=by, unit=t.unit)
    for field, value in fields.items():
        if isinstance(value, str):
            value = value.strip() if field == "text" else nfc(value)
        if getattr(t, field) != value:
            changes[_label(field)] = [_shown(getattr(t, field)), _shown(value)]
            setattr(t, field, value)
    if co_owners is not None:
        new = sorted(b.pk for b in co_owners)
        old = sorted(t.co_owners.values_list("pk", flat=True))
        if new != old:
            changes[_label("co_owners")] = [
                "; ".join(b.name for b in t.co_owners.all()),
                "; ".join(b.name for b in co_owners),
            ]
            t.co_owners.set(list(co_owners))
    if not changes:
        return t
    _validate(t)
    t.search_key = t.compute_search_key()
    t.save()
    record(by, "followups.update", t, unit=t.unit, data={"note": note, "changes": changes})
    return t


@transaction.atomic
def transition(
    task: KeyTask, *, to: str, by: Any, on: dt.date | None = None, note: str = ""
) -> KeyTask:
    """Start, finish, reopen or reset a task. Carrying over is `carry_over`."""
    require(by, "followups.edit", task.unit)
    if to not in MANUAL:
        raise InvalidTransition(task.status, to, LABELS)
    t = KeyTask.objects.select_for_update(of=("self",)).get(pk=task.pk)
    on = on or today()
    if on > today():
        raise ValidationError({"on": "Ngày chuyển trạng thái không được sau hôm nay."})
    before = t.get_status_display()
    _move(t, to, by=by, on=on, note=nfc(note))
    if to == Status.DONE:
        t.completed_on, t.percent = on, 100
    else:
        t.completed_on = None
    t.save(update_fields=["status", "completed_on", "percent", "updated_at"])
    record(
        by,
        "followups.transition",
        t,
        unit=t.unit,
        data={"note": nfc(note), "changes": {"Trạng thái": [before, t.get_status_display()]}},
    )
    return t


@transaction.atomic
def add_progress(
    task: KeyTask, *, by: Any, note: str, on: dt.date | None = None, percent: int | None = None
) -> ProgressNote:
    """A dated progress note; the first progress on an unstarted task starts it."""
    require(by, "followups.edit", task.unit)
    t = KeyTask.objects.select_for_update(of=("self",)).get(pk=task.pk)
    on = on or today()
    errors: dict[str, str] = {}
    if t.status == Status.CARRIED_OVER:
        errors["note"] = "Nhiệm vụ đã chuyển sang kỳ sau; hãy ghi tiến độ ở nhiệm vụ kế tiếp."
    if not nfc(note or ""):
        errors["note"] = "Hãy ghi nội dung tiến độ."
    if on > today():
        errors["on"] = "Ngày ghi nhận không được sau hôm nay."
    if percent is not None and not 0 <= percent <= 100:
        errors["percent"] = "Tiến độ phải từ 0 đến 100%."
    if errors:
        raise ValidationError(errors)
    entry = ProgressNote.objects.create(
        task=t,
        on_date=on,
        note=note.strip(),
        percent=percent,
        by=by if getattr(by, "pk", None) else None,
    )
    fields = ["updated_at"]
    changes: dict[str, list[Any]] = {}
    if percent is not None and percent != t.percent:
        changes["Tiến độ (%)"] = [t.percent, percent]
        t.percent = percent
        fields.append("percent")
    if t.status == Status.NOT_STARTED and (percent or 0) > 0:
        _move(t, Status.IN_PROGRESS, by=by, on=on, note="Bắt đầu thực hiện (ghi nhận tiến độ)")
        changes["Trạng thái"] = [LABELS[Status.NOT_STARTED], LABELS[Status.IN_PROGRESS]]
        fields.append("status")
    t.save(update_fields=fields)
    record(
        by,
        "followups.progress",
        t,
        unit=t.unit,
        data={"note": entry.note[:300], "changes": changes},
    )
    return entry


@transaction.atomic
def carry_over(
    task: KeyTask,
    *,
    by: Any,
    conference: Conference | None = None,
    deadline: dt.date | None = None,
    period_label: str = "",
    period_from: dt.date | None = None,
    period_to: dt.date | None = None,
    note: str = "",
    on: dt.date | None = None,
) -> KeyTask:
    """Close an unfinished task as “Chuyển kỳ sau” and open its follow-on in the next period.

    The follow-on belongs to `conference` (by default the next conference of the same
    body); a task set by a directive stays under that directive.
    """
    require(by, "followups.edit", task.unit)
    old = (
        KeyTask.objects.select_for_update(of=("self",))
        .select_related("conference__body", "unit")
        .get(pk=task.pk)
    )
    if not old.is_open:
        raise ValidationError(
            {"task": f"Chỉ chuyển được nhiệm vụ chưa xong (hiện: {old.get_status_display()})."}
        )
    if conference is None and old.conference_id:
        conference = old.conference.next()
        if conference is None:
            raise ValidationError(
                {"conference": "Chưa có hội nghị kỳ sau của cơ quan này: hãy tạo hội nghị trước."}
            )
    if conference is not None and old.conference_id == conference.pk:
        raise ValidationError(
            {"conference": "Hãy chọn hội nghị của kỳ sau, không phải hội nghị đã giao."}
        )
    on = on or today()
    unit = (
        old.unit
        if conference is None or _in_subtree(old.unit, conference.unit)
        else conference.unit
    )
    new = create_task(
        by=by,
        text=old.text,
        conference=conference,
        directive=old.directive if conference is None else None,
        unit=unit,
        owner_body=old.owner_body,
        owner_person=old.owner_person,
        co_owners=list(old.co_owners.all()),
        co_owners_text=old.co_owners_text,
        deadline=deadline,
        period_label=period_label,
        period_from=period_from,
        period_to=period_to,
        on=on,
    )
    new.carried_over_from = old
    new.percent = old.percent
    fields = ["carried_over_from", "percent", "updated_at"]
    if old.status == Status.IN_PROGRESS:
        _move(new, Status.IN_PROGRESS, by=by, on=on, note="Tiếp tục từ kỳ trước")
        fields.append("status")
    new.save(update_fields=fields)
    before = old.get_status_display()
    _move(old, Status.CARRIED_OVER, by=by, on=on, note=nfc(note) or "Chuyển sang kỳ sau")
    old.save(update_fields=["status", "updated_at"])
    record(
        by,
        "followups.carry_over",
        old,
        unit=old.unit,
        data={
            "note": nfc(note),
            "changes": {
                "Trạng thái": [before, LABELS[Status.CARRIED_OVER]],
                "Chuyển sang": ["", new.source_label[:200]],
            },
        },
    )
    return new
