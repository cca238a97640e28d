"""Every change to conferences: permission, domain rules, write, audit — one transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from danvan.accounts.permissions import require
from danvan.audit.log import VERB_LABELS, record
from danvan.lib.text import nfc
from danvan.people.models import Person
from danvan.units.models import Body, Unit

from . import directive_links
from .models import Conference, ConferenceParticipant, Kind, ParticipantRole
from .participants import new_person, positions_for

VERB_LABELS.update(
    {
        "conferences.create": "Tạo hội nghị",
        "conferences.update": "Sửa hội nghị",
        "conferences.add_participant": "Thêm đại biểu",
        "conferences.remove_participant": "Bỏ đại biểu",
    }
)

# Fields an editor sets directly (create and update); the rest are derived.
EDITABLE = (
    "title",
    "kind",
    "programmes",
    "reviewed_label",
    "reviewed_from",
    "reviewed_to",
    "planned_label",
    "planned_from",
    "planned_to",
    "held_on",
    "held_note",
    "venue",
    "is_online",
    "bridge_points_count",
    "bridge_points",
    "reports",
    "contributions",
    "conclusions",
    "awards_count",
    "awards_text",
    "pledges_count",
    "pledges_text",
    "notice_number",
    "notice_date",
    "notice_place",
    "notice_signing",
    "notice_signer_title",
    "notice_signer_name",
    "notice_recipients",
    "external_id",
)
LIST_FIELDS = {"programmes", "bridge_points", "reports", "contributions", "notice_recipients"}


def _label(field: str) -> str:
    name = str(Conference._meta.get_field(field).verbose_name)
    return name[:1].upper() + name[1:]


def _shown(conference: Conference, field: str) -> Any:
    """A field's value as the history timeline shows it."""
    value = getattr(conference, field)
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, Body | Unit):
        return str(value)
    if field == "kind":
        return conference.get_kind_display()
    return value


def _clean(field: str, value: Any) -> Any:
    if field in LIST_FIELDS:
        return [nfc(str(v)) for v in (value or []) if nfc(str(v))]
    if isinstance(value, str):
        return (
            nfc(value)
            if field not in ("conclusions", "awards_text", "pledges_text")
            else value.strip()
        )
    return value


def _validate(c: Conference) -> None:
    errors: dict[str, str] = {}
    if not c.title:
        errors["title"] = "Hãy nhập tên hội nghị."
    if c.body.unit_id != c.unit_id:
        errors["body"] = f"{c.body.name} không thuộc {c.unit.name}."
    if c.reviewed_from and c.reviewed_to and c.reviewed_from > c.reviewed_to:
        errors["reviewed_to"] = "Kỳ đánh giá: ngày kết thúc trước ngày bắt đầu."
    if c.planned_from and c.planned_to and c.planned_from > c.planned_to:
        errors["planned_to"] = "Kỳ triển khai: ngày kết thúc trước ngày bắt đầu."
    if c.held_on and not c.unit.is_valid_on(c.held_on):
        errors["held_on"] = (
            f"{c.unit.name} không tồn tại vào ngày {c.held_on:%d/%m/%Y} "
            f"({c.unit.validity_label}); hãy chọn đơn vị đúng thời điểm."
        )
    if c.held_on and not _body_valid_on(c.body, c.held_on):
        errors["body"] = f"{c.body.name} không hoạt động vào ngày {c.held_on:%d/%m/%Y}."
    if not c.is_online and (c.bridge_points or c.bridge_points_count):
        errors["bridge_points"] = "Chỉ hội nghị trực tuyến mới có điểm cầu."
    if c.bridge_points_count is not None and len(c.bridge_points) > c.bridge_points_count:
        errors["bridge_points_count"] = (
            f"Số điểm cầu ({c.bridge_points_count}) ít hơn số điểm cầu đã liệt kê "
            f"({len(c.bridge_points)})."
        )
    if c.external_id:
        clash = Conference.objects.filter(unit=c.unit, external_id=c.external_id).exclude(pk=c.pk)
        if clash.exists():
            errors["external_id"] = (
                f"Mã ngoài “{c.external_id}” đã dùng cho hội nghị khác của đơn vị này."
            )
    if errors:
        raise ValidationError(errors)


def _body_valid_on(body: Body, day: dt.date) -> bool:
    return (body.valid_from is None or body.valid_from <= day) and (
        body.valid_to is None or body.valid_to >= day
    )


def _refresh_derived(c: Conference) -> None:
    if c.kind == Kind.ONLINE:
        c.is_online = True
    c.sort_on = c.derived_sort_on()


@transaction.atomic
def create_conference(
    *,
    by: Any,
    unit: Unit,
    body: Body,
    title: str,
    kind: str,
    directives_text: str = "",
    **fields: Any,
) -> Conference:
    """Record a conference of `body` at `unit`; `directives_text` holds the citations it implements."""
    require(by, "conferences.edit", unit)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"Unknown conference fields: {sorted(unknown)}")
    c = Conference(unit=unit, body=body, title=nfc(title), kind=kind)
    for field, value in fields.items():
        setattr(c, field, _clean(field, value))
    c.created_by = by if getattr(by, "pk", None) else None
    _refresh_derived(c)
    _validate(c)
    c.search_key = c.compute_search_key(participant_names=[])
    c.save()
    record(by, "conferences.create", c, unit=c.unit, data={"note": c.title})
    # The directives app links each cited document with its own check and audit row.
    directive_links.link_text(c, directives_text, unit=c.unit, on=c.held_on or c.sort_on, by=by)
    return c


@transaction.atomic
def update_conference(
    conference: Conference, *, by: Any, body: Body | None = None, note: str = "", **fields: Any
) -> Conference:
    """Change the fields given; the history shows each change with its Vietnamese label."""
    require(by, "conferences.edit", conference.unit)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"Unknown conference fields: {sorted(unknown)}")
    c = (
        Conference.objects.select_for_update(of=("self",))
        .select_related("unit", "body")
        .get(pk=conference.pk)
    )
    changes: dict[str, list[Any]] = {}
    if body is not None and body.pk != c.body_id:
        changes[_label("body")] = [c.body.name, body.name]
        c.body = body
    for field, value in fields.items():
        value = _clean(field, value)
        if getattr(c, field) != value:
            before = _shown(c, field)
            setattr(c, field, value)
            changes[_label(field)] = [before, _shown(c, field)]
    if not changes:
        return c
    _refresh_derived(c)
    _validate(c)
    c.search_key = c.compute_search_key()
    c.save()
    record(by, "conferences.update", c, unit=c.unit, data={"note": note, "changes": changes})
    return c


@transaction.atomic
def add_participant(
    conference: Conference,
    *,
    by: Any,
    role: str = ParticipantRole.ATTENDEE,
    person: Person | None = None,
    full_name: str = "",
    position_label: str = "",
    position_unit: Unit | None = None,
    order: int | None = None,
) -> ConferenceParticipant:
    """Add a person (picked, or new by name) with their position as written on the day."""
    require(by, "conferences.edit", conference.unit)
    if role not in ParticipantRole.values:
        raise ValidationError({"role": "Vai trò không hợp lệ."})
    if person is None:
        if not nfc(full_name):
            raise ValidationError({"full_name": "Hãy chọn cán bộ hoặc nhập họ tên người mới."})
        person = new_person(full_name, by=by)
    if ConferenceParticipant.objects.filter(
        conference=conference, person=person, role=role
    ).exists():
        raise ValidationError(
            {"full_name": f"{person.full_name} đã có trong danh sách với vai trò này."}
        )
    if order is None:
        top = conference.participants.aggregate(m=Max("order"))["m"]
        order = (top or 0) + 1
    position_label = nfc(position_label)
    participant = ConferenceParticipant.objects.create(
        conference=conference, person=person, role=role, position_label=position_label, order=order
    )
    if position_label:
        source = f"{conference.title[:200]} ({conference.date_label})"
        participant.positions.set(
            positions_for(
                person,
                position_label,
                unit=position_unit or conference.unit,
                on=conference.held_on or conference.sort_on,
                source=source,
                by=by,
            )
        )
    conference.search_key = conference.compute_search_key()
    conference.save(update_fields=["search_key", "updated_at"])
    record(
        by,
        "conferences.add_participant",
        conference,
        unit=conference.unit,
        data={"note": f"{participant.name_with_position} ({participant.get_role_display()})"},
    )
    return participant


@transaction.atomic
def remove_participant(participant: ConferenceParticipant, *, by: Any) -> None:
    conference = participant.conference
    require(by, "conferences.edit", conference.unit)
    note = f"{participant.name_with_position} ({participant.get_role_display()})"
    participant.delete()
    conference.search_key = conference.compute_search_key()
    conference.save(update_fields=["search_key", "updated_at"])
    record(
        by, "conferences.remove_participant", conference, unit=conference.unit, data={"note": note}
    )
