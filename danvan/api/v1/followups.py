"""/api/v1/followups: key tasks (nhiệm vụ trọng tâm), their progress, transitions and carry-over."""

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status as Reply

from danvan.accounts import permissions
from danvan.conferences.filters import subtree_with_predecessors, unit_by_key
from danvan.conferences.models import Conference
from danvan.core.lifecycle import InvalidTransition
from danvan.directives.models import Directive
from danvan.followups import actions
from danvan.followups.models import KeyTask, today
from danvan.followups.states import Status
from danvan.people.models import Person
from danvan.units.models import Body, Unit

router = Router(tags=["followups"])


class ProgressOut(Schema):
    on_date: dt.date
    note: str
    percent: int | None
    by: str


class TransitionOut(Schema):
    from_status: str
    to_status: str
    on_date: dt.date
    note: str


class TaskOut(Schema):
    code: uuid.UUID
    number: int
    text: str
    unit: str = Field(description="Unit key")
    unit_name: str
    conference: uuid.UUID | None
    conference_title: str
    directive: uuid.UUID | None
    directive_symbol: str
    owner_body: int | None
    owner_body_name: str
    owner_person: uuid.UUID | None
    owner_person_name: str
    co_owners_text: str
    deadline: dt.date | None
    period_label: str
    period_from: dt.date | None
    period_to: dt.date | None
    status: str
    status_label: str = Field(description="Shown status; 'Quá hạn' is derived from the deadline")
    is_overdue: bool
    percent: int
    completed_on: dt.date | None
    carried_over_from: uuid.UUID | None
    external_id: str


class TaskDetailOut(TaskOut):
    co_owners: list[int]
    carried_into: uuid.UUID | None
    progress: list[ProgressOut]
    transitions: list[TransitionOut]


class TaskFields(Schema):
    number: int | None = Field(None, ge=1)
    text: str | None = Field(None, min_length=1)
    owner_body: int | None = Field(None, description="Body id")
    owner_person: uuid.UUID | None = None
    owner_person_name: str | None = Field(None, max_length=150)
    co_owners: list[int] | None = Field(None, description="Body ids")
    co_owners_text: str | None = Field(None, max_length=300)
    deadline: dt.date | None = None
    period_label: str | None = Field(None, max_length=100)
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    external_id: str | None = Field(None, max_length=64)


class TaskIn(TaskFields):
    text: str = Field(min_length=1)
    conference: uuid.UUID | None = Field(None, description="The conference that set it")
    directive: uuid.UUID | None = Field(None, description="Or the directive that set it")
    unit: str | None = Field(None, description="Unit key (default: the conference's unit)")


class TransitionIn(Schema):
    to: Status
    on: dt.date | None = None
    note: str = ""


class ProgressIn(Schema):
    note: str = Field(min_length=1)
    on: dt.date | None = None
    percent: int | None = Field(None, ge=0, le=100)


class CarryOverIn(Schema):
    conference: uuid.UUID | None = Field(
        None, description="Next period's conference (default: the next of the same body)"
    )
    deadline: dt.date | None = None
    period_label: str = Field("", max_length=100)
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    note: str = ""


class TaskFilters(Schema):
    unit: str | None = Field(
        None, description="Unit key: that unit's subtree (and its predecessors)"
    )
    status: Status | None = None
    overdue: bool = False
    conference: uuid.UUID | None = None
    deadline_from: dt.date | None = None
    deadline_to: dt.date | None = None
    q: str | None = None


def task_dict(t: KeyTask) -> dict:
    return {
        "code": t.code,
        "number": t.number,
        "text": t.text,
        "unit": t.unit.key,
        "unit_name": t.unit.name,
        "conference": t.conference.code if t.conference_id else None,
        "conference_title": t.conference.title if t.conference_id else "",
        "directive": t.directive.code if t.directive_id else None,
        "directive_symbol": t.directive.symbol if t.directive_id else "",
        "owner_body": t.owner_body_id,
        "owner_body_name": t.owner_body.name if t.owner_body_id else "",
        "owner_person": t.owner_person.code if t.owner_person_id else None,
        "owner_person_name": t.owner_person.full_name if t.owner_person_id else "",
        "co_owners_text": t.co_owners_text,
        "deadline": t.deadline,
        "period_label": t.period_label,
        "period_from": t.period_from,
        "period_to": t.period_to,
        "status": t.status,
        "status_label": t.status_label,
        "is_overdue": t.is_overdue,
        "percent": t.percent,
        "completed_on": t.completed_on,
        "carried_over_from": t.carried_over_from.code if t.carried_over_from_id else None,
        "external_id": t.external_id,
    }


def _detail(t: KeyTask) -> dict:
    t = KeyTask.objects.for_list().select_related("carried_over_from").get(pk=t.pk)
    data = task_dict(t)
    into = KeyTask.objects.filter(carried_over_from=t).values_list("code", flat=True).first()
    data["carried_into"] = into
    data["co_owners"] = list(t.co_owners.values_list("pk", flat=True))
    data["progress"] = [
        {
            "on_date": n.on_date,
            "note": n.note,
            "percent": n.percent,
            "by": n.by.get_username() if n.by else "hệ thống",
        }
        for n in t.progress_notes.select_related("by")
    ]
    data["transitions"] = [
        {
            "from_status": tr.from_status,
            "to_status": tr.to_status,
            "on_date": tr.on_date,
            "note": tr.note,
        }
        for tr in t.transitions.all()
    ]
    return data


def _get(request, code: uuid.UUID, action: str = "followups.view") -> KeyTask:  # type: ignore[no-untyped-def]
    return permissions.get_for_user(
        request.auth,
        KeyTask.objects.for_list().select_related("carried_over_from"),
        action,
        code=code,
    )


def _unit(key: str) -> Unit:
    unit = unit_by_key(key)
    if unit is None:
        raise ValidationError(f"Không có đơn vị mã “{key}”.")
    return unit


def _bodies(ids: list[int]) -> list[Body]:
    found = list(Body.objects.filter(pk__in=ids))
    missing = set(ids) - {b.pk for b in found}
    if missing:
        raise ValidationError(f"Không có cơ quan mã {', '.join(map(str, sorted(missing)))}.")
    return found


def _person(code: uuid.UUID) -> Person:
    person = Person.objects.filter(code=code, merged_into__isnull=True).first()
    if person is None:
        raise ValidationError("Không tìm thấy cán bộ đã chọn.")
    return person


def _filter(request, filters: TaskFilters):  # type: ignore[no-untyped-def]
    qs = permissions.visible(request.auth, KeyTask.objects.for_list(), "followups.view")
    if filters.unit:
        qs = qs.filter(unit__in=subtree_with_predecessors(_unit(filters.unit)))
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.overdue:
        qs = qs.overdue()
    if filters.conference:
        qs = qs.filter(conference__code=filters.conference)
    if filters.deadline_from:
        qs = qs.filter(deadline__gte=filters.deadline_from)
    if filters.deadline_to:
        qs = qs.filter(deadline__lte=filters.deadline_to)
    if filters.q:
        qs = qs.search(filters.q)
    return qs


@router.get("", response=list[TaskOut], summary="Key tasks in the caller's scope")
@paginate(LimitOffsetPagination)
def list_tasks(request, filters: Query[TaskFilters]):  # type: ignore[no-untyped-def]
    qs = _filter(request, filters).order_by("-conference__sort_on", "conference_id", "number", "pk")
    return [task_dict(t) for t in qs]


@router.get("/overdue", response=list[TaskOut], summary="Overdue key tasks, oldest deadline first")
@paginate(LimitOffsetPagination)
def overdue_tasks(request, unit: str | None = None):  # type: ignore[no-untyped-def]
    qs = _filter(request, TaskFilters(unit=unit, overdue=True)).order_by("deadline", "pk")
    return [task_dict(t) for t in qs]


@router.get("/{uuid:code}", response=TaskDetailOut, summary="One key task with its progress")
def get_task(request, code: uuid.UUID):  # type: ignore[no-untyped-def]
    return _detail(_get(request, code))


@router.post("", response={201: TaskDetailOut}, summary="Set a key task")
def create_task(request, payload: TaskIn):  # type: ignore[no-untyped-def]
    conference = directive = None
    if payload.conference:
        conference = permissions.get_for_user(
            request.auth,
            Conference.objects.select_related("unit"),
            "followups.edit",
            code=payload.conference,
        )
    if payload.directive:
        directive = Directive.objects.filter(code=payload.directive).first()
        if directive is None:
            raise ValidationError("Không tìm thấy văn bản đã chọn.")
    if conference is None and directive is None:
        raise ValidationError("Nhiệm vụ phải do một hội nghị hoặc một văn bản đề ra.")
    task = actions.create_task(
        by=request.auth,
        text=payload.text,
        conference=conference,
        directive=directive,
        unit=_unit(payload.unit) if payload.unit else None,
        number=payload.number,
        owner_body=_bodies([payload.owner_body])[0] if payload.owner_body else None,
        owner_person=_person(payload.owner_person) if payload.owner_person else None,
        owner_person_name=payload.owner_person_name or "",
        co_owners=_bodies(payload.co_owners or []),
        co_owners_text=payload.co_owners_text or "",
        deadline=payload.deadline,
        period_label=payload.period_label or "",
        period_from=payload.period_from,
        period_to=payload.period_to,
        external_id=payload.external_id or "",
    )
    return Reply(201, _detail(task))


@router.patch("/{uuid:code}", response=TaskDetailOut, summary="Change a key task")
def update_task(request, code: uuid.UUID, payload: TaskFields):  # type: ignore[no-untyped-def]
    task = _get(request, code, "followups.edit")
    data = payload.dict(exclude_unset=True)
    co_owners = _bodies(data.pop("co_owners") or []) if "co_owners" in data else None
    name = data.pop("owner_person_name", None)
    if "owner_body" in data:
        data["owner_body"] = _bodies([data["owner_body"]])[0] if data["owner_body"] else None
    if "owner_person" in data:
        data["owner_person"] = _person(data["owner_person"]) if data["owner_person"] else None
    for key in ("number", "text"):
        if key in data and data[key] is None:
            data.pop(key)
    for key in ("co_owners_text", "period_label", "external_id"):
        if key in data and data[key] is None:
            data[key] = ""
    task = actions.update_task(
        task, by=request.auth, co_owners=co_owners, owner_person_name=name, **data
    )
    return _detail(task)


@router.post("/{uuid:code}/transitions", response=TaskDetailOut, summary="Start, finish or reopen")
def transition(request, code: uuid.UUID, payload: TransitionIn):  # type: ignore[no-untyped-def]
    task = _get(request, code, "followups.edit")
    try:
        task = actions.transition(
            task, to=payload.to, by=request.auth, on=payload.on, note=payload.note
        )
    except InvalidTransition as e:
        raise HttpError(400, str(e)) from e
    return _detail(task)


@router.post(
    "/{uuid:code}/progress", response={201: TaskDetailOut}, summary="Add a dated progress note"
)
def progress(request, code: uuid.UUID, payload: ProgressIn):  # type: ignore[no-untyped-def]
    task = _get(request, code, "followups.edit")
    actions.add_progress(
        task, by=request.auth, note=payload.note, on=payload.on or today(), percent=payload.percent
    )
    return Reply(201, _detail(task))


@router.post(
    "/{uuid:code}/carry-over", response={201: TaskDetailOut}, summary="Carry into the next period"
)
def carry_over(request, code: uuid.UUID, payload: CarryOverIn):  # type: ignore[no-untyped-def]
    task = _get(request, code, "followups.edit")
    conference = None
    if payload.conference:
        conference = permissions.get_for_user(
            request.auth,
            Conference.objects.select_related("unit", "body"),
            "followups.edit",
            code=payload.conference,
        )
    try:
        new = actions.carry_over(
            task,
            by=request.auth,
            conference=conference,
            deadline=payload.deadline,
            period_label=payload.period_label,
            period_from=payload.period_from,
            period_to=payload.period_to,
            note=payload.note,
        )
    except InvalidTransition as e:
        raise HttpError(400, str(e)) from e
    return Reply(201, _detail(new))
