"""API for inspection and supervision plans, their collisions, and steering committees.

The same actions and permission helpers as the pages: plans are visible to the
inspecting side and to the subject side (oversight/queries.py); only the inspecting
side changes them. Collisions are listed per plan; each is acknowledged by its own id.
"""

import datetime as dt
import uuid
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from danvan.accounts.permissions import can
from danvan.core.lifecycle import InvalidTransition
from danvan.oversight import actions
from danvan.oversight.forms import INSPECTING_KINDS, PlanFilterForm, body_of
from danvan.oversight.models import Kind, OversightPlan, PlanConflict, Topic
from danvan.oversight.notices import check as notice_check
from danvan.oversight.queries import committee_for_user, committees_for, plan_for_user, plans_for
from danvan.oversight.states import Status
from danvan.oversight.steering_forms import SteeringFilterForm, default_name, default_standing_body
from danvan.oversight.steering_models import (
    MemberRole,
    SteeringCommittee,
    SteeringKind,
    SteeringMembership,
)
from danvan.people.models import Person
from danvan.units.models import BodyKind, Unit

router = Router(tags=["oversight"])

KindLiteral = Literal[tuple(Kind.values)]  # type: ignore[valid-type]
TopicLiteral = Literal[tuple(Topic.values)]  # type: ignore[valid-type]
StatusLiteral = Literal[tuple(Status.values)]  # type: ignore[valid-type]
InspectingKindLiteral = Literal[tuple(k.value for k in INSPECTING_KINDS)]  # type: ignore[valid-type]
BodyKindLiteral = Literal[tuple(BodyKind.values)]  # type: ignore[valid-type]
SteeringKindLiteral = Literal[tuple(SteeringKind.values)]  # type: ignore[valid-type]
RoleLiteral = Literal[tuple(MemberRole.values)]  # type: ignore[valid-type]


# --- Schemas -----------------------------------------------------------------------------


class UnitRef(Schema):
    key: str
    name: str


class BodyRef(Schema):
    id: int
    name: str
    kind: str


class PlanOut(Schema):
    code: uuid.UUID
    external_id: str
    kind: str
    kind_label: str = Field(..., alias="get_kind_display")
    title: str
    document_number: str
    unit: UnitRef
    body: BodyRef | None
    subject_unit: UnitRef | None
    subject_body: BodyRef | None
    match_unit: UnitRef
    topics: list[str] = Field(..., alias="topic_list")
    topic_text: str
    window_start: dt.date
    window_end: dt.date
    notice_sent_on: dt.date | None
    status: str
    status_label: str = Field(..., alias="get_status_display")
    url: str

    @staticmethod
    def resolve_url(obj: OversightPlan) -> str:
        return f"/api/v1/oversight/plans/{obj.code}"


class PlanRef(Schema):
    code: uuid.UUID
    title: str
    kind: str
    inspector: str = Field(..., alias="inspector_label")
    subject: str = Field(..., alias="subject_label")
    window_start: dt.date
    window_end: dt.date
    status: str


class ConflictOut(Schema):
    id: int
    other: PlanRef
    other_visible: bool = False
    reasons: list[str]
    overlap: float
    detected_at: dt.datetime
    acknowledged: bool = Field(..., alias="is_acknowledged")
    acknowledged_at: dt.datetime | None
    acknowledged_by: str | None = None
    note: str
    cleared_at: dt.datetime | None

    @staticmethod
    def resolve_acknowledged_by(obj: PlanConflict) -> str | None:
        return obj.acknowledged_by.get_username() if obj.acknowledged_by else None


class NoticeOut(Schema):
    deadline: dt.date
    level: str
    message: str


class PlanDetail(PlanOut):
    team: str
    findings: str
    recommendations: str
    conflicts: list[ConflictOut] = []
    unacknowledged: int = 0
    notice: NoticeOut | None = None


class PlanIn(Schema):
    kind: KindLiteral
    title: str = Field(..., min_length=1, max_length=300)
    unit: str = Field(..., description="Inspecting unit key, e.g. '22'.")
    body_kind: InspectingKindLiteral
    subject_unit: str = Field(..., description="Subject unit key, e.g. '06688'.")
    subject_body_kind: BodyKindLiteral | None = None
    topics: list[TopicLiteral] = []
    topic_text: str = Field("", max_length=5000)
    window_start: dt.date
    window_end: dt.date
    document_number: str = Field("", max_length=100)
    notice_sent_on: dt.date | None = None
    team: str = Field("", max_length=5000)
    findings: str = Field("", max_length=20000)
    recommendations: str = Field("", max_length=20000)
    external_id: str = Field("", max_length=64)
    note: str = Field("", max_length=500)


class PlanPatch(Schema):
    kind: KindLiteral | None = None
    title: str | None = Field(None, min_length=1, max_length=300)
    subject_unit: str | None = None
    subject_body_kind: BodyKindLiteral | None = None
    topics: list[TopicLiteral] | None = None
    topic_text: str | None = Field(None, max_length=5000)
    window_start: dt.date | None = None
    window_end: dt.date | None = None
    document_number: str | None = Field(None, max_length=100)
    notice_sent_on: dt.date | None = None
    team: str | None = Field(None, max_length=5000)
    findings: str | None = Field(None, max_length=20000)
    recommendations: str | None = Field(None, max_length=20000)
    external_id: str | None = Field(None, max_length=64)
    note: str = Field("", max_length=500)


class MoveIn(Schema):
    window_start: dt.date
    window_end: dt.date
    note: str = Field("", max_length=500)


class TransitionIn(Schema):
    to: StatusLiteral
    on_date: dt.date | None = None
    notice_sent_on: dt.date | None = None
    note: str = Field("", max_length=1000)


class AcknowledgeIn(Schema):
    note: str = Field(..., max_length=1000)


class PlanFilters(Schema):
    don_vi: str | None = Field(
        None, alias="don-vi", description="Unit key: plans by or on its subtree."
    )
    tu: dt.date | None = Field(None, description="Windows ending on or after this day.")
    den: dt.date | None = Field(None, description="Windows starting on or before this day.")
    loai: KindLiteral | None = None
    chu_de: TopicLiteral | None = Field(None, alias="chu-de")
    trang_thai: StatusLiteral | None = Field(None, alias="trang-thai")
    trung_lap: Literal["co", "chua-xac-nhan"] | None = Field(None, alias="trung-lap")
    q: str | None = None


# --- Helpers ------------------------------------------------------------------------------


def _unit(key: str, field: str) -> Unit:
    unit = Unit.objects.filter(key=key).first()
    if unit is None:
        raise ValidationError({field: f"Không có đơn vị mã “{key}”."})
    return unit


def _body(unit: Unit, kind: str | None, day: dt.date, field: str):  # type: ignore[no-untyped-def]
    if not kind:
        return None
    body = body_of(unit, kind, day)
    if body is None:
        raise ValidationError(
            {field: f"{unit} không có {BodyKind(kind).label} vào ngày {day:%d/%m/%Y}."}
        )
    return body


def _detail(user, plan: OversightPlan) -> PlanDetail:  # type: ignore[no-untyped-def]
    conflicts = list(
        PlanConflict.objects.open()
        .filter(plan=plan)
        .select_related(
            "other__unit",
            "other__body",
            "other__subject_unit",
            "other__subject_body",
            "acknowledged_by",
        )
    )
    seen = set(
        plans_for(user).filter(pk__in=[c.other_id for c in conflicts]).values_list("pk", flat=True)
    )
    for c in conflicts:
        c.other_visible = c.other_id in seen
    notice = notice_check(plan, timezone.localdate())
    out = PlanDetail.from_orm(plan)
    out.conflicts = [ConflictOut.from_orm(c) for c in conflicts]
    out.unacknowledged = sum(1 for c in conflicts if not c.is_acknowledged)
    out.notice = (
        NoticeOut(deadline=notice.deadline, level=notice.level, message=notice.message)
        if notice
        else None
    )
    return out


def _fresh(user, plan: OversightPlan) -> PlanDetail:  # type: ignore[no-untyped-def]
    return _detail(user, plan_for_user(user, plan.code))


# --- Plans --------------------------------------------------------------------------------


@router.get("/plans", response=list[PlanOut], summary="Danh sách kế hoạch kiểm tra, giám sát")
@paginate(LimitOffsetPagination)
def list_plans(request, filters: Query[PlanFilters]):  # type: ignore[no-untyped-def]
    user = request.auth
    if filters.don_vi and not Unit.objects.filter(key=filters.don_vi).exists():
        raise ValidationError("Không có đơn vị mã này.")
    data = {k.replace("_", "-"): v for k, v in filters.dict().items() if v not in (None, "")}
    data = {k: (f"{v:%d/%m/%Y}" if isinstance(v, dt.date) else v) for k, v in data.items()}
    form = PlanFilterForm(data, user=user)
    if not form.is_valid() and "don_vi" in form.errors:
        raise Http404("Không tìm thấy đơn vị này trong phạm vi bạn được xem.")
    return (
        form.apply(plans_for(user).for_list())
        .select_related("match_unit")
        .order_by("-window_start", "pk")
    )


@router.get(
    "/plans/{code}", response=PlanDetail, summary="Một kế hoạch, các trùng lặp và hạn thông báo"
)
def get_plan(request, code: uuid.UUID):  # type: ignore[no-untyped-def]
    return _detail(request.auth, plan_for_user(request.auth, code))


@router.post(
    "/plans",
    response={201: PlanDetail},
    summary="Lập kế hoạch (trả về các trùng lặp phát hiện được)",
)
def create_plan(request, payload: PlanIn):  # type: ignore[no-untyped-def]
    unit = _unit(payload.unit, "unit")
    subject = _unit(payload.subject_unit, "subject_unit")
    data = actions.PlanData(
        kind=payload.kind,
        title=payload.title,
        window_start=payload.window_start,
        window_end=payload.window_end,
        unit=unit,
        body=_body(unit, payload.body_kind, payload.window_start, "body_kind"),
        subject_unit=subject,
        subject_body=_body(
            subject, payload.subject_body_kind, payload.window_start, "subject_body_kind"
        ),
        topics=payload.topics,
        topic_text=payload.topic_text,
        document_number=payload.document_number,
        notice_sent_on=payload.notice_sent_on,
        team=payload.team,
        findings=payload.findings,
        recommendations=payload.recommendations,
        external_id=payload.external_id,
    )
    plan = actions.create_plan(data, by=request.auth, note=payload.note)
    return 201, _fresh(request.auth, plan)


@router.patch("/plans/{code}", response=PlanDetail, summary="Sửa kế hoạch (chỉ các trường gửi lên)")
def update_plan(request, code: uuid.UUID, payload: PlanPatch):  # type: ignore[no-untyped-def]
    plan = plan_for_user(request.auth, code)
    if not can(request.auth, "oversight.edit", plan.unit):
        raise PermissionDenied("Chỉ đơn vị chủ trì được sửa kế hoạch này.")
    changes = payload.dict(exclude_unset=True)
    note = changes.pop("note", "")
    day = changes.get("window_start") or plan.window_start
    if "subject_unit" in changes or "subject_body_kind" in changes:
        subject = (
            _unit(changes.pop("subject_unit"), "subject_unit")
            if "subject_unit" in changes
            else (plan.subject_unit or plan.match_unit)
        )
        kind = changes.pop(
            "subject_body_kind", plan.subject_body.kind if plan.subject_body else None
        )
        changes["subject_unit"] = subject
        changes["subject_body"] = _body(subject, kind, day, "subject_body_kind")
    for name in (
        "title",
        "topic_text",
        "document_number",
        "team",
        "findings",
        "recommendations",
        "external_id",
    ):
        if name in changes and changes[name] is None:
            changes[name] = ""
    plan = actions.update_plan(
        plan, actions.PlanData.of(plan, **changes), by=request.auth, note=note
    )
    return _fresh(request.auth, plan)


@router.post("/plans/{code}/move", response=PlanDetail, summary="Đổi thời gian (tìm lại trùng lặp)")
def move_plan(request, code: uuid.UUID, payload: MoveIn):  # type: ignore[no-untyped-def]
    plan = plan_for_user(request.auth, code)
    plan = actions.move_plan(
        plan,
        by=request.auth,
        window_start=payload.window_start,
        window_end=payload.window_end,
        note=payload.note,
    )
    return _fresh(request.auth, plan)


@router.post("/plans/{code}/transitions", response=PlanDetail, summary="Chuyển trạng thái")
def transition_plan(request, code: uuid.UUID, payload: TransitionIn):  # type: ignore[no-untyped-def]
    plan = plan_for_user(request.auth, code)
    try:
        plan = actions.transition_plan(
            plan,
            by=request.auth,
            to=payload.to,
            on_date=payload.on_date,
            note=payload.note,
            notice_sent_on=payload.notice_sent_on,
        )
    except InvalidTransition as e:
        raise ValidationError(str(e)) from e
    return _fresh(request.auth, plan)


@router.get("/plans/{code}/conflicts", response=list[ConflictOut], summary="Trùng lặp của kế hoạch")
def list_conflicts(request, code: uuid.UUID, all: bool = False):  # type: ignore[no-untyped-def]  # noqa: A002
    plan = plan_for_user(request.auth, code)
    qs = PlanConflict.objects.filter(plan=plan).select_related(
        "other__unit", "other__body", "acknowledged_by"
    )
    if not all:
        qs = qs.open()
    conflicts = list(qs.order_by("cleared_at", "-detected_at"))
    seen = set(
        plans_for(request.auth)
        .filter(pk__in=[c.other_id for c in conflicts])
        .values_list("pk", flat=True)
    )
    for c in conflicts:
        c.other_visible = c.other_id in seen
    return conflicts


@router.post(
    "/plans/{code}/conflicts/{conflict_id}/acknowledge",
    response=ConflictOut,
    summary="Xác nhận một trùng lặp (vẫn giữ kế hoạch)",
)
def acknowledge(request, code: uuid.UUID, conflict_id: int, payload: AcknowledgeIn):  # type: ignore[no-untyped-def]
    plan = plan_for_user(request.auth, code)
    conflict = get_object_or_404(
        PlanConflict.objects.select_related("plan__unit"), plan=plan, pk=conflict_id
    )
    conflict = actions.acknowledge_conflict(conflict, by=request.auth, note=payload.note)
    conflict.other_visible = plans_for(request.auth).filter(pk=conflict.other_id).exists()
    return conflict


# --- Steering committees ------------------------------------------------------------------


class PersonRef(Schema):
    code: uuid.UUID
    full_name: str


class MemberOut(Schema):
    id: int
    person: PersonRef
    role: str
    role_label: str = Field(..., alias="get_role_display")
    position_label: str
    valid_from: dt.date
    valid_to: dt.date | None
    decision: str
    note: str


class SteeringPlanOut(Schema):
    id: int
    number: str
    issued_on: dt.date
    title: str
    period_from: dt.date | None
    period_to: dt.date | None
    note: str


class MeetingOut(Schema):
    id: int
    held_on: dt.date
    venue: str
    chaired_by: PersonRef | None
    content: str
    conclusions: str


class CommitteeOut(Schema):
    code: uuid.UUID
    external_id: str
    kind: str
    kind_label: str = Field(..., alias="get_kind_display")
    name: str
    unit: UnitRef
    party_body: BodyRef | None
    standing_body: BodyRef | None
    body: BodyRef | None
    established_by: str
    valid_from: dt.date
    valid_to: dt.date | None
    ended_by: str
    url: str

    @staticmethod
    def resolve_url(obj: SteeringCommittee) -> str:
        return f"/api/v1/oversight/steering/{obj.code}"


class CommitteeDetail(CommitteeOut):
    duties: str
    note: str
    predecessor: uuid.UUID | None = None
    members: list[MemberOut]
    plans: list[SteeringPlanOut]
    meetings: list[MeetingOut]

    @staticmethod
    def resolve_predecessor(obj: SteeringCommittee) -> uuid.UUID | None:
        return obj.predecessor.code if obj.predecessor else None

    @staticmethod
    def resolve_members(obj: SteeringCommittee) -> list[SteeringMembership]:
        return list(obj.memberships.select_related("person").order_by("valid_from", "pk"))

    @staticmethod
    def resolve_plans(obj: SteeringCommittee):  # type: ignore[no-untyped-def]
        return list(obj.plans.all())

    @staticmethod
    def resolve_meetings(obj: SteeringCommittee):  # type: ignore[no-untyped-def]
        return list(obj.meetings.select_related("chaired_by"))


class CommitteeIn(Schema):
    unit: str = Field(..., description="Unit key.")
    kind: SteeringKindLiteral
    name: str = Field(
        "", max_length=300, description="Empty: the usual name for the kind and unit."
    )
    valid_from: dt.date
    party_body_kind: BodyKindLiteral | None = BodyKind.PARTY_COMMITTEE.value
    standing_body_kind: BodyKindLiteral | None = Field(
        None,
        description="Empty: the unit's Ban Dân vận (or Ban Tuyên giáo và Dân vận) if it has one.",
    )
    established_by: str = Field("", max_length=200)
    duties: str = Field("", max_length=5000)
    note: str = Field("", max_length=5000)
    predecessor: uuid.UUID | None = None
    external_id: str = Field("", max_length=64)


class CommitteePatch(Schema):
    kind: SteeringKindLiteral | None = None
    name: str | None = Field(None, min_length=1, max_length=300)
    valid_from: dt.date | None = None
    established_by: str | None = Field(None, max_length=200)
    duties: str | None = Field(None, max_length=5000)
    note: str | None = Field(None, max_length=5000)
    external_id: str | None = Field(None, max_length=64)


class MemberIn(Schema):
    person: uuid.UUID | None = None
    full_name: str = Field(
        "", max_length=150, description="A new official, when `person` is not given."
    )
    role: RoleLiteral
    position_label: str = Field("", max_length=300)
    valid_from: dt.date
    decision: str = Field("", max_length=200)
    note: str = Field("", max_length=500)


class EndMemberIn(Schema):
    on: dt.date
    note: str = Field("", max_length=500)


class DissolveIn(Schema):
    on: dt.date
    ended_by: str = Field("", max_length=200)
    note: str = Field("", max_length=500)


class SteeringPlanIn(Schema):
    number: str = Field(..., min_length=1, max_length=100)
    issued_on: dt.date
    title: str = Field(..., min_length=1, max_length=500)
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    note: str = Field("", max_length=500)


class MeetingIn(Schema):
    held_on: dt.date
    content: str = Field(..., min_length=1, max_length=20000)
    conclusions: str = Field("", max_length=20000)
    venue: str = Field("", max_length=300)
    chaired_by: uuid.UUID | None = None


class SteeringFilters(Schema):
    don_vi: str | None = Field(None, alias="don-vi")
    loai: SteeringKindLiteral | None = None
    hieu_luc: Literal["con", "het"] | None = Field(None, alias="hieu-luc")
    q: str | None = None


def _person(code: uuid.UUID | None, field: str) -> Person | None:
    if code is None:
        return None
    person = Person.objects.filter(code=code).first()
    if person is None:
        raise ValidationError({field: "Không tìm thấy cán bộ này."})
    return person


def _committee_out(user, c: SteeringCommittee) -> SteeringCommittee:  # type: ignore[no-untyped-def]
    return committee_for_user(user, c.code)


@router.get("/steering", response=list[CommitteeOut], summary="Danh sách Ban Chỉ đạo")
@paginate(LimitOffsetPagination)
def list_committees(request, filters: Query[SteeringFilters]):  # type: ignore[no-untyped-def]
    data = {k.replace("_", "-"): v for k, v in filters.dict().items() if v not in (None, "")}
    form = SteeringFilterForm(data, user=request.auth)
    if not form.is_valid() and "don_vi" in form.errors:
        raise Http404("Không tìm thấy đơn vị này trong phạm vi bạn được xem.")
    return form.apply(committees_for(request.auth).for_list().select_related("body")).order_by(
        "unit__code", "kind", "-valid_from"
    )


@router.get(
    "/steering/{code}",
    response=CommitteeDetail,
    summary="Một Ban Chỉ đạo: thành viên, kế hoạch, cuộc họp",
)
def get_committee(request, code: uuid.UUID):  # type: ignore[no-untyped-def]
    return committee_for_user(request.auth, code)


@router.post("/steering", response={201: CommitteeDetail}, summary="Thêm Ban Chỉ đạo")
def create_committee(request, payload: CommitteeIn):  # type: ignore[no-untyped-def]
    unit = _unit(payload.unit, "unit")
    predecessor = None
    if payload.predecessor:
        predecessor = committee_for_user(request.auth, payload.predecessor)
    data = actions.CommitteeData(
        unit=unit,
        kind=payload.kind,
        name=payload.name or default_name(payload.kind, unit),
        valid_from=payload.valid_from,
        party_body=_body(unit, payload.party_body_kind, payload.valid_from, "party_body_kind"),
        standing_body=_body(
            unit, payload.standing_body_kind, payload.valid_from, "standing_body_kind"
        )
        if payload.standing_body_kind
        else default_standing_body(unit, payload.valid_from),
        established_by=payload.established_by,
        duties=payload.duties,
        note=payload.note,
        predecessor=predecessor,
        external_id=payload.external_id,
    )
    c = actions.create_committee(data, by=request.auth)
    return 201, _committee_out(request.auth, c)


@router.patch("/steering/{code}", response=CommitteeDetail, summary="Sửa Ban Chỉ đạo")
def update_committee(request, code: uuid.UUID, payload: CommitteePatch):  # type: ignore[no-untyped-def]
    c = committee_for_user(request.auth, code)
    changes = {k: ("" if v is None else v) for k, v in payload.dict(exclude_unset=True).items()}
    if "kind" in changes and not changes["kind"]:
        changes.pop("kind")
    if "valid_from" in changes and not changes["valid_from"]:
        changes.pop("valid_from")
    c = actions.update_committee(c, actions.CommitteeData.of(c, **changes), by=request.auth)
    return _committee_out(request.auth, c)


@router.post("/steering/{code}/dissolve", response=CommitteeDetail, summary="Giải thể Ban Chỉ đạo")
def dissolve_committee(request, code: uuid.UUID, payload: DissolveIn):  # type: ignore[no-untyped-def]
    c = committee_for_user(request.auth, code)
    actions.dissolve_committee(
        c, by=request.auth, on=payload.on, ended_by=payload.ended_by, note=payload.note
    )
    return _committee_out(request.auth, c)


@router.post("/steering/{code}/members", response={201: MemberOut}, summary="Bổ sung thành viên")
def add_member(request, code: uuid.UUID, payload: MemberIn):  # type: ignore[no-untyped-def]
    c = committee_for_user(request.auth, code)
    m = actions.add_member(
        c,
        by=request.auth,
        role=payload.role,
        valid_from=payload.valid_from,
        person=_person(payload.person, "person"),
        full_name=payload.full_name,
        position_label=payload.position_label,
        decision=payload.decision,
        note=payload.note,
    )
    return 201, m


@router.post(
    "/steering/{code}/members/{member_id}/end",
    response=MemberOut,
    summary="Cho thôi làm thành viên",
)
def end_member(request, code: uuid.UUID, member_id: int, payload: EndMemberIn):  # type: ignore[no-untyped-def]
    c = committee_for_user(request.auth, code)
    m = get_object_or_404(
        SteeringMembership.objects.select_related("committee__unit", "person"),
        committee=c,
        pk=member_id,
    )
    return actions.end_member(m, by=request.auth, on=payload.on, note=payload.note)


@router.post(
    "/steering/{code}/plans",
    response={201: SteeringPlanOut},
    summary="Ghi kế hoạch của Ban Chỉ đạo",
)
def add_steering_plan(request, code: uuid.UUID, payload: SteeringPlanIn):  # type: ignore[no-untyped-def]
    c = committee_for_user(request.auth, code)
    return 201, actions.add_steering_plan(c, by=request.auth, **payload.dict())


@router.post(
    "/steering/{code}/meetings", response={201: MeetingOut}, summary="Ghi cuộc họp của Ban Chỉ đạo"
)
def add_meeting(request, code: uuid.UUID, payload: MeetingIn):  # type: ignore[no-untyped-def]
    c = committee_for_user(request.auth, code)
    values = payload.dict()
    values["chaired_by"] = _person(payload.chaired_by, "chaired_by")
    return 201, actions.add_meeting(c, by=request.auth, **values)
