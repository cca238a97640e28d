"""/api/v1/conferences: review conferences, their participants, directives and documents.

The same actions and permission helpers as the pages; hidden records look missing (404).
"""

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from danvan.accounts import permissions
from danvan.conferences import actions, directive_links, exports
from danvan.conferences.filters import subtree_with_predecessors, unit_by_key
from danvan.conferences.forms import body_for
from danvan.conferences.models import Conference, ConferenceParticipant, Kind, ParticipantRole
from danvan.followups.queries import previous_review, tasks_of
from danvan.followups.states import OPEN
from danvan.people.models import Person
from danvan.units.models import BodyKind, Unit

from .followups import TaskOut, task_dict

router = Router(tags=["conferences"])


class ParticipantOut(Schema):
    id: int
    person: uuid.UUID
    full_name: str
    role: str
    role_label: str
    position_label: str
    positions: list[str]


class DirectiveRef(Schema):
    code: uuid.UUID
    symbol: str
    type_name: str
    issued_on: dt.date | None
    is_stub: bool


class ConferenceRef(Schema):
    code: uuid.UUID
    title: str
    held_on: dt.date | None
    date_label: str


class ConferenceListOut(Schema):
    code: uuid.UUID
    title: str
    kind: str
    kind_label: str
    unit: str = Field(description="Unit key")
    unit_name: str
    body: int
    body_name: str
    held_on: dt.date | None
    held_note: str
    reviewed_label: str
    planned_label: str
    is_online: bool
    bridge_points_count: int | None
    task_count: int
    open_task_count: int
    external_id: str


class ConferenceOut(ConferenceListOut):
    programmes: list[str]
    reviewed_from: dt.date | None
    reviewed_to: dt.date | None
    planned_from: dt.date | None
    planned_to: dt.date | None
    venue: str
    bridge_points: list[str]
    reports: list[str]
    contributions: list[str]
    conclusions: str
    awards_count: int | None
    awards_text: str
    pledges_count: int | None
    pledges_text: str
    notice_number: str
    notice_date: dt.date | None
    notice_place: str
    notice_signing: str
    notice_signer_title: str
    notice_signer_name: str
    notice_recipients: list[str]
    participants: list[ParticipantOut]
    directives: list[DirectiveRef]
    previous: ConferenceRef | None
    next: ConferenceRef | None


class ConferenceFields(Schema):
    """Fields shared by create and update; all optional here."""

    programmes: list[str] | None = None
    reviewed_label: str | None = Field(None, max_length=100)
    reviewed_from: dt.date | None = None
    reviewed_to: dt.date | None = None
    planned_label: str | None = Field(None, max_length=100)
    planned_from: dt.date | None = None
    planned_to: dt.date | None = None
    held_on: dt.date | None = None
    held_note: str | None = Field(None, max_length=100)
    venue: str | None = Field(None, max_length=300)
    is_online: bool | None = None
    bridge_points_count: int | None = Field(None, ge=0)
    bridge_points: list[str] | None = None
    reports: list[str] | None = None
    contributions: list[str] | None = None
    conclusions: str | None = None
    awards_count: int | None = Field(None, ge=0)
    awards_text: str | None = None
    pledges_count: int | None = Field(None, ge=0)
    pledges_text: str | None = None
    notice_number: str | None = Field(None, max_length=20)
    notice_date: dt.date | None = None
    notice_place: str | None = Field(None, max_length=100)
    notice_signing: str | None = Field(None, max_length=100)
    notice_signer_title: str | None = Field(None, max_length=150)
    notice_signer_name: str | None = Field(None, max_length=150)
    notice_recipients: list[str] | None = None
    external_id: str | None = Field(None, max_length=64)


class ConferenceIn(ConferenceFields):
    unit: str = Field(description="Organising unit key, e.g. '193@2025-06-30'")
    body_kind: BodyKind = Field(description="Kind of the organising body at that unit")
    title: str = Field(min_length=1, max_length=500)
    kind: Kind
    directives_text: str = Field("", description="Citations of the documents it implements")


class ConferencePatch(ConferenceFields):
    body_kind: BodyKind | None = None
    title: str | None = Field(None, min_length=1, max_length=500)
    kind: Kind | None = None
    directives_text: str = Field("", description="Citations to link in addition")


class ParticipantIn(Schema):
    role: ParticipantRole = ParticipantRole.ATTENDEE
    person: uuid.UUID | None = Field(None, description="An existing person; else full_name")
    full_name: str = Field("", max_length=150)
    position_label: str = Field("", max_length=300, description="As written on the day")
    position_unit: str = Field(
        "", description="Unit key of the position (default: the conference's)"
    )


class DirectivesIn(Schema):
    text: str = Field(min_length=1)


class ConferenceFilters(Schema):
    unit: str | None = Field(
        None, description="Unit key: that unit's subtree (and its predecessors)"
    )
    kind: Kind | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str | None = Field(None, description="Search, diacritics optional")


class PreviousTasksOut(Schema):
    previous: ConferenceRef | None
    tasks: list[TaskOut]


class ArticleOut(Schema):
    text: str


def _ref(c: Conference | None) -> dict | None:
    if c is None:
        return None
    return {"code": c.code, "title": c.title, "held_on": c.held_on, "date_label": c.date_label}


def _counts(c: Conference) -> tuple[int, int]:
    if hasattr(c, "task_count"):
        return c.task_count, c.open_task_count
    return c.key_tasks.count(), c.key_tasks.filter(status__in=OPEN).count()


def _list_dict(c: Conference) -> dict:
    task_count, open_task_count = _counts(c)
    return {
        "code": c.code,
        "title": c.title,
        "kind": c.kind,
        "kind_label": c.get_kind_display(),
        "unit": c.unit.key,
        "unit_name": c.unit.name,
        "body": c.body_id,
        "body_name": c.body.name,
        "held_on": c.held_on,
        "held_note": c.held_note,
        "reviewed_label": c.reviewed_label,
        "planned_label": c.planned_label,
        "is_online": c.is_online,
        "bridge_points_count": c.bridge_points_count,
        "task_count": task_count,
        "open_task_count": open_task_count,
        "external_id": c.external_id,
    }


def _detail_dict(c: Conference) -> dict:
    participants = (
        ConferenceParticipant.objects.filter(conference=c)
        .select_related("person")
        .prefetch_related("positions")
        .order_by("order", "pk")
    )
    data = _list_dict(c)
    data.update({f: getattr(c, f) for f in ConferenceFields.model_fields if f != "external_id"})
    data["participants"] = [
        {
            "id": p.pk,
            "person": p.person.code,
            "full_name": p.person.full_name,
            "role": p.role,
            "role_label": p.get_role_display(),
            "position_label": p.position_label,
            "positions": [pos.title for pos in p.positions.all()],
        }
        for p in participants
    ]
    data["directives"] = [
        {
            "code": link.directive.code,
            "symbol": link.directive.symbol,
            "type_name": link.directive.type_name,
            "issued_on": link.directive.issued_on,
            "is_stub": link.directive.is_stub,
        }
        for link in directive_links.links_of(c)
    ]
    data["previous"] = _ref(c.previous())
    data["next"] = _ref(c.next())
    return data


def _get(request, code: uuid.UUID, action: str = "conferences.view") -> Conference:  # type: ignore[no-untyped-def]
    return permissions.get_for_user(
        request.auth, Conference.objects.select_related("unit", "body"), action, code=code
    )


def _unit(key: str) -> Unit:
    unit = unit_by_key(key)
    if unit is None:
        raise ValidationError(f"Không có đơn vị mã “{key}”.")
    return unit


def _body(unit: Unit, kind: str, on: dt.date | None):  # type: ignore[no-untyped-def]
    body = body_for(unit, kind, on)
    if body is None:
        raise ValidationError(
            f"{unit.name} không có {BodyKind(kind).label.lower()} vào thời điểm này."
        )
    return body


@router.get("", response=list[ConferenceListOut], summary="Conferences in the caller's scope")
@paginate(LimitOffsetPagination)
def list_conferences(request, filters: Query[ConferenceFilters]):  # type: ignore[no-untyped-def]
    qs = permissions.visible(request.auth, Conference.objects.for_list(), "conferences.view")
    if filters.unit:
        qs = qs.filter(unit__in=subtree_with_predecessors(_unit(filters.unit)))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.date_from:
        qs = qs.filter(sort_on__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(sort_on__lte=filters.date_to)
    if filters.q:
        qs = qs.search(filters.q)
    qs = qs.annotate(
        task_count=Count("key_tasks", distinct=True),
        open_task_count=Count("key_tasks", filter=Q(key_tasks__status__in=OPEN), distinct=True),
    ).order_by("-sort_on", "-pk")
    return [_list_dict(c) for c in qs]


@router.get("/{uuid:code}", response=ConferenceOut, summary="One conference")
def get_conference(request, code: uuid.UUID):  # type: ignore[no-untyped-def]
    return _detail_dict(_get(request, code))


@router.post("", response={201: ConferenceOut}, summary="Record a conference")
def create_conference(request, payload: ConferenceIn):  # type: ignore[no-untyped-def]
    unit = _unit(payload.unit)
    data = payload.dict(exclude_none=True)
    on = data.get("held_on") or data.get("reviewed_to") or data.get("planned_from")
    if payload.held_on and not unit.is_valid_on(payload.held_on):
        raise ValidationError(
            f"{unit.name} không tồn tại vào ngày {payload.held_on:%d/%m/%Y} ({unit.validity_label})."
        )
    body = _body(unit, payload.body_kind, on)
    for key in ("unit", "body_kind", "title", "kind", "directives_text"):
        data.pop(key, None)
    c = actions.create_conference(
        by=request.auth,
        unit=unit,
        body=body,
        title=payload.title,
        kind=payload.kind,
        directives_text=payload.directives_text,
        **data,
    )
    return Status(201, _detail_dict(c))


@router.patch("/{uuid:code}", response=ConferenceOut, summary="Change a conference")
def update_conference(request, code: uuid.UUID, payload: ConferencePatch):  # type: ignore[no-untyped-def]
    c = _get(request, code, "conferences.edit")
    data = payload.dict(exclude_unset=True)
    body = None
    if data.get("body_kind"):
        on = data.get("held_on", c.held_on) or c.sort_on
        body = _body(c.unit, data["body_kind"], on)
    text = data.pop("directives_text", "")
    data.pop("body_kind", None)
    for key in ("title", "kind"):
        if key in data and data[key] is None:
            data.pop(key)
    # An explicit null clears a text or list field; clearing numbers and dates keeps None.
    for key, value in list(data.items()):
        if value is None and key in ConferenceFields.model_fields:
            field = Conference._meta.get_field(key)
            if not field.null:
                data[key] = [] if key in actions.LIST_FIELDS else ""
    c = actions.update_conference(c, by=request.auth, body=body, **data)
    directive_links.link_text(c, text, unit=c.unit, on=c.held_on or c.sort_on, by=request.auth)
    return _detail_dict(c)


@router.post(
    "/{uuid:code}/participants", response={201: ParticipantOut}, summary="Add a participant"
)
def add_participant(request, code: uuid.UUID, payload: ParticipantIn):  # type: ignore[no-untyped-def]
    c = _get(request, code, "conferences.edit")
    person = None
    if payload.person:
        person = Person.objects.filter(code=payload.person, merged_into__isnull=True).first()
        if person is None:
            raise ValidationError("Không tìm thấy cán bộ đã chọn.")
    p = actions.add_participant(
        c,
        by=request.auth,
        role=payload.role,
        person=person,
        full_name=payload.full_name,
        position_label=payload.position_label,
        position_unit=_unit(payload.position_unit) if payload.position_unit else None,
    )
    return Status(
        201,
        {
            "id": p.pk,
            "person": p.person.code,
            "full_name": p.person.full_name,
            "role": p.role,
            "role_label": p.get_role_display(),
            "position_label": p.position_label,
            "positions": [pos.title for pos in p.positions.all()],
        },
    )


@router.delete(
    "/{uuid:code}/participants/{int:pk}", response={204: None}, summary="Remove a participant"
)
def remove_participant(request, code: uuid.UUID, pk: int):  # type: ignore[no-untyped-def]
    c = _get(request, code, "conferences.edit")
    participant = get_object_or_404(ConferenceParticipant, conference=c, pk=pk)
    actions.remove_participant(participant, by=request.auth)
    return Status(204, None)


@router.post("/{uuid:code}/directives", response=list[DirectiveRef], summary="Link cited documents")
def link_directives(request, code: uuid.UUID, payload: DirectivesIn):  # type: ignore[no-untyped-def]
    c = _get(request, code, "conferences.edit")
    symbols = directive_links.link_text(
        c, payload.text, unit=c.unit, on=c.held_on or c.sort_on, by=request.auth
    )
    if not symbols:
        raise ValidationError("Không tìm thấy số, ký hiệu văn bản nào trong nội dung đã gửi.")
    return _detail_dict(c)["directives"]


@router.get(
    "/{uuid:code}/previous-tasks",
    response=PreviousTasksOut,
    summary="How the previous conference's key tasks of the same body stand",
)
def previous_tasks(request, code: uuid.UUID):  # type: ignore[no-untyped-def]
    review = previous_review(_get(request, code))
    return {"previous": _ref(review.conference), "tasks": [task_dict(t) for t in review.tasks]}


@router.get(
    "/{uuid:code}/tasks", response=list[TaskOut], summary="The key tasks the conference set"
)
def conference_tasks(request, code: uuid.UUID):  # type: ignore[no-untyped-def]
    return [task_dict(t) for t in tasks_of(_get(request, code))]


@router.get("/{uuid:code}/notice.docx", summary="The conclusion notice (Thông báo kết luận), DOCX")
def notice_docx(request, code: uuid.UUID):  # type: ignore[no-untyped-def]
    c = _get(request, code)
    response = HttpResponse(
        exports.notice_docx(c),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{exports.notice_filename(c)}"'
    return response


@router.get("/{uuid:code}/article", response=ArticleOut, summary="A news article draft")
def article(request, code: uuid.UUID):  # type: ignore[no-untyped-def]
    return {"text": exports.article_text(_get(request, code))}
