"""/api/v1/engagements: sessions and meetings, reception compliance, report figures.

Every write calls danvan.engagements.actions; every read goes through the permission
helpers, so a unit outside the caller's scope looks missing (404).
"""

import datetime as dt
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from danvan.accounts import permissions
from danvan.audit.log import origin
from danvan.audit.models import Channel
from danvan.engagements import actions
from danvan.engagements.compliance import reception_compliance
from danvan.engagements.counts import engagement_counts
from danvan.engagements.forms import body_of
from danvan.engagements.models import (
    Engagement,
    EngagementKind,
    HostRole,
    ReceptionRule,
    ReceptionType,
)
from danvan.units.models import Body, BodyKind, Unit

from .schemas import ErrorOut

router = Router(tags=["engagements"])


class EngagementFilters(Schema):
    unit: str | None = Field(None, description="Unit key: that unit's subtree only")
    start: dt.date | None = Field(None, description="ISO date, inclusive")
    end: dt.date | None = Field(None, description="ISO date, inclusive")
    kind: EngagementKind | None = None
    reception_type: ReceptionType | None = None
    host_role: HostRole | None = None
    q: str | None = Field(None, description="Search ignoring diacritics and case")


class EngagementOut(Schema):
    code: UUID
    external_id: str
    kind: str
    kind_label: str
    reception_type: str
    host_role: str
    unit: str = Field(description="Unit key")
    unit_name: str
    body: str | None = Field(None, description="Organising body's name on the date")
    body_kind: str | None = None
    date: dt.date
    meetings: int
    topic: str
    host_name: str
    host_position: str
    place: str
    is_online: bool
    connection_points: int | None
    attendance: int | None
    distinct_people: int | None
    women: int | None
    ethnic_minorities: int | None
    issues_raised: str
    outcome: str
    outcome_on: dt.date | None
    deleted: bool
    warnings: list[str] = Field(description="Plausibility warnings (never block a save)")

    @staticmethod
    def resolve_kind_label(obj: Engagement) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_unit(obj: Engagement) -> str:
        return obj.unit.key

    @staticmethod
    def resolve_unit_name(obj: Engagement) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_body(obj: Engagement) -> str | None:
        return obj.body.name if obj.body else None

    @staticmethod
    def resolve_body_kind(obj: Engagement) -> str | None:
        return obj.body.kind if obj.body else None

    @staticmethod
    def resolve_deleted(obj: Engagement) -> bool:
        return obj.is_deleted

    @staticmethod
    def resolve_warnings(obj: Engagement) -> list[str]:
        return obj.warnings()


class EngagementDetailOut(EngagementOut):
    co_organisers: list[str]
    petitions: list[str] | None = Field(
        None, description="Petitions received at the session that the caller may see"
    )

    @staticmethod
    def resolve_co_organisers(obj: Engagement) -> list[str]:
        return [b.name for b in obj.co_organisers.all()]

    @staticmethod
    def resolve_petitions(obj: Engagement, context: dict[str, Any]) -> list[str] | None:
        if not hasattr(obj, "petitions"):
            return None
        user = context["request"].auth
        return [str(p) for p in permissions.visible(user, obj.petitions.all(), "petitions.view")]


class EngagementIn(Schema):
    unit: str = Field(description="Unit key, e.g. '06688' or '193@2025-06-30'")
    kind: EngagementKind
    date: dt.date
    topic: str = Field(max_length=300)
    reception_type: ReceptionType | None = None
    host_role: HostRole | None = None
    meetings: int = Field(1, ge=0, le=100_000)
    body_kind: BodyKind | None = Field(None, description="Resolved to the unit's body on the date")
    co_organiser_kinds: list[BodyKind] = []
    host_name: str = Field("", max_length=150)
    host_position: str = Field("", max_length=200)
    place: str = Field("", max_length=200)
    is_online: bool = False
    connection_points: int | None = Field(None, ge=0, le=10_000_000)
    attendance: int | None = Field(None, ge=0, le=10_000_000)
    distinct_people: int | None = Field(None, ge=0, le=10_000_000)
    women: int | None = Field(None, ge=0, le=10_000_000)
    ethnic_minorities: int | None = Field(None, ge=0, le=10_000_000)
    issues_raised: str = ""
    outcome: str = ""
    outcome_on: dt.date | None = None
    external_id: str = Field("", max_length=64)


class EngagementPatch(Schema):
    """Only the fields sent are changed."""

    unit: str | None = None
    kind: EngagementKind | None = None
    date: dt.date | None = None
    topic: str | None = Field(None, max_length=300)
    reception_type: ReceptionType | None = None
    host_role: HostRole | None = None
    meetings: int | None = Field(None, ge=0, le=100_000)
    body_kind: BodyKind | None = None
    co_organiser_kinds: list[BodyKind] | None = None
    host_name: str | None = Field(None, max_length=150)
    host_position: str | None = Field(None, max_length=200)
    place: str | None = Field(None, max_length=200)
    is_online: bool | None = None
    connection_points: int | None = Field(None, ge=0, le=10_000_000)
    attendance: int | None = Field(None, ge=0, le=10_000_000)
    distinct_people: int | None = Field(None, ge=0, le=10_000_000)
    women: int | None = Field(None, ge=0, le=10_000_000)
    ethnic_minorities: int | None = Field(None, ge=0, le=10_000_000)
    issues_raised: str | None = None
    external_id: str | None = Field(None, max_length=64)
    note: str = Field("", description="Why the change was made (kept in the history)")


class OutcomeIn(Schema):
    outcome: str
    outcome_on: dt.date | None = None


class DeleteIn(Schema):
    reason: str = Field(max_length=300)


class WeekOut(Schema):
    start: dt.date
    end: dt.date
    held: int
    met: bool | None


class ComplianceOut(Schema):
    unit: str
    unit_name: str
    level: str
    host_role: str
    host_title: str
    rule_code: str
    rule: str
    legal_basis: str
    required: int
    held: int
    per: str
    days: list[dt.date]
    weeks: list[WeekOut]
    ad_hoc_days: int
    stand_in_days: int
    status: str
    status_label: str
    warning: str | None


class FiguresOut(Schema):
    records: int
    meetings: int
    attendance: int
    attendance_missing: int
    women: int | None
    ethnic_minorities: int | None
    distinct_people: int | None = Field(
        description="Người: only a single record's own count; never a sum"
    )
    distinct_people_at_least: int | None


class CountsOut(Schema):
    unit: str
    start: dt.date | None
    end: dt.date | None
    total: FiguresOut
    by_kind: dict[str, FiguresOut]
    receptions_by_level: dict[str, int]
    receptions_by_type: dict[str, int]
    receptions_by_host_role: dict[str, int]
    online_meetings: int
    connection_points: int


class RuleOut(Schema):
    id: int
    code: str
    host_role: str
    level: str
    min_days: int
    per: str
    legal_basis: str
    source_url: str
    confidence: str
    valid_from: dt.date
    valid_to: dt.date | None
    note: str


def _unit(user: Any, key: str, action: str) -> Unit:
    """A unit by key, 404 when missing or outside the caller's scope for `action`."""
    return permissions.get_for_user(user, Unit.objects, action, unit_field="pk", key=key)


def _get(user: Any, code: UUID) -> Engagement:
    return permissions.get_for_user(
        user, Engagement.objects.select_related("unit", "body"), "engagements.view", code=code
    )


def _bodies(unit: Unit, day: dt.date, kind: str | None, co_kinds: list[str]) -> dict[str, Any]:
    def one(k: str) -> Body:
        body = body_of(unit, k, day)
        if body is None:
            raise ValidationError(
                f"{unit.name} không có {BodyKind(k).label} vào ngày {day:%d/%m/%Y}."
            )
        return body

    return {"body": one(kind) if kind else None, "co_organisers": [one(k) for k in co_kinds]}


class ComplianceParams(Schema):
    unit: str = Field(description="Unit key")
    year: int = Field(ge=2000, le=2100)
    month: int = Field(ge=1, le=12)


class CountsParams(Schema):
    unit: str = Field(description="Unit key: figures of its subtree")
    start: dt.date | None = Field(None, description="ISO date, inclusive")
    end: dt.date | None = Field(None, description="ISO date, inclusive")


@router.get(
    "/compliance",
    response={200: list[ComplianceOut], 404: ErrorOut},
    summary="Reception frequency compliance",
)
def compliance(request, params: Query[ComplianceParams]):  # type: ignore[no-untyped-def]
    """For each unit of the subtree at a level with a rule in force, and each head (Bí thư
    cấp ủy, Chủ tịch UBND): days of regular reception held in person against the rule."""
    target = _unit(request.auth, params.unit, "engagements.view")
    rows = reception_compliance(target, params.year, params.month, by=request.auth)
    return [
        {
            "unit": r.unit.key,
            "unit_name": r.unit.name,
            "level": r.unit.level,
            "host_role": r.rule.host_role,
            "host_title": r.host_title,
            "rule_code": r.rule.code,
            "rule": r.rule.label,
            "legal_basis": r.rule.legal_basis,
            "required": r.required,
            "held": r.held,
            "per": r.rule.per,
            "days": list(r.days),
            "weeks": [
                {"start": w.start, "end": w.end, "held": w.held, "met": w.met} for w in r.weeks
            ],
            "ad_hoc_days": r.ad_hoc_days,
            "stand_in_days": r.stand_in_days,
            "status": r.status,
            "status_label": r.status_label,
            "warning": r.warning if r.status == "short" else None,
        }
        for r in rows
    ]


@router.get(
    "/counts",
    response={200: CountsOut, 404: ErrorOut},
    summary="Meetings and attendance of a subtree",
)
def counts(request, params: Query[CountsParams]):  # type: ignore[no-untyped-def]
    """Cuộc and lượt add up; người (distinct people) never do (see FiguresOut)."""
    target = _unit(request.auth, params.unit, "engagements.view")
    if params.start and params.end and params.end < params.start:
        raise ValidationError("Ngày kết thúc phải sau ngày bắt đầu.")
    result = engagement_counts(target, params.start, params.end, by=request.auth)
    return {
        "unit": target.key,
        "start": params.start,
        "end": params.end,
        "total": result.total,
        "by_kind": result.by_kind,
        "receptions_by_level": result.receptions_by_level,
        "receptions_by_type": result.receptions_by_type,
        "receptions_by_host_role": result.receptions_by_host_role,
        "online_meetings": result.online_meetings,
        "connection_points": result.connection_points,
    }


@router.get("/rules", response=list[RuleOut], summary="Reception frequency rules")
def rules(request):  # type: ignore[no-untyped-def]
    return list(ReceptionRule.objects.all())


@router.get("", response=list[EngagementOut], summary="Sessions and meetings in the caller's scope")
@paginate(LimitOffsetPagination)
def list_engagements(request, filters: Query[EngagementFilters]):  # type: ignore[no-untyped-def]
    user = request.auth
    qs = permissions.visible(user, Engagement.objects.live().for_list(), "engagements.view")
    if filters.unit:
        qs = qs.in_subtree(_unit(user, filters.unit, "engagements.view"))
    qs = qs.in_period(filters.start, filters.end)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.reception_type:
        qs = qs.filter(reception_type=filters.reception_type)
    if filters.host_role:
        qs = qs.filter(host_role=filters.host_role)
    if filters.q:
        qs = qs.matching(filters.q)
    return qs


@router.post(
    "",
    response={201: EngagementDetailOut, 400: ErrorOut, 404: ErrorOut},
    summary="Record a session",
)
def create_engagement(request, payload: EngagementIn):  # type: ignore[no-untyped-def]
    user = request.auth
    unit = _unit(user, payload.unit, "engagements.view")
    data = payload.dict()
    values = {k: v for k, v in data.items() if k not in ("unit", "body_kind", "co_organiser_kinds")}
    values.update(_bodies(unit, payload.date, payload.body_kind, payload.co_organiser_kinds))
    for name in ("reception_type", "host_role"):
        values[name] = values[name] or ""
    with origin(Channel.API, request.META.get("REMOTE_ADDR")):
        engagement = actions.create_engagement(by=user, unit=unit, **values)
    return Status(201, engagement)


@router.get(
    "/{uuid:code}", response={200: EngagementDetailOut, 404: ErrorOut}, summary="One session"
)
def engagement_detail(request, code: UUID):  # type: ignore[no-untyped-def]
    return _get(request.auth, code)


@router.patch(
    "/{uuid:code}",
    response={200: EngagementDetailOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Change a session",
)
def update_engagement(request, code: UUID, payload: EngagementPatch):  # type: ignore[no-untyped-def]
    user = request.auth
    engagement = _get(user, code)
    data = payload.dict(exclude_unset=True)
    note = data.pop("note", "")
    unit_key = data.pop("unit", None)
    unit = _unit(user, unit_key, "engagements.view") if unit_key else None
    target = unit or engagement.unit
    day = data.get("date") or engagement.date
    kinds = {k: data.pop(k) for k in ("body_kind", "co_organiser_kinds") if k in data}
    if "body_kind" in kinds or unit is not None or "date" in data:
        body_kind = kinds.get("body_kind", engagement.body.kind if engagement.body else None)
        data["body"] = _bodies(target, day, body_kind, [])["body"]
    co_organisers = None
    if "co_organiser_kinds" in kinds:
        co_organisers = _bodies(target, day, None, kinds["co_organiser_kinds"] or [])[
            "co_organisers"
        ]
    for name in (
        "reception_type",
        "host_role",
        "topic",
        "host_name",
        "host_position",
        "place",
        "issues_raised",
        "external_id",
    ):
        if name in data and data[name] is None:
            data[name] = ""
    if "meetings" in data and data["meetings"] is None:
        data["meetings"] = 1
    if "is_online" in data and data["is_online"] is None:
        data["is_online"] = False
    if "kind" in data and data["kind"] is None:
        raise ValidationError("Loại hoạt động không được để trống.")
    if "date" in data and data["date"] is None:
        raise ValidationError("Ngày tổ chức không được để trống.")
    with origin(Channel.API, request.META.get("REMOTE_ADDR")):
        engagement = actions.update_engagement(
            engagement, by=user, unit=unit, co_organisers=co_organisers, note=note, **data
        )
    return engagement


@router.post(
    "/{uuid:code}/outcome",
    response={200: EngagementDetailOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Record the outcome",
)
def record_outcome(request, code: UUID, payload: OutcomeIn):  # type: ignore[no-untyped-def]
    user = request.auth
    engagement = _get(user, code)
    with origin(Channel.API, request.META.get("REMOTE_ADDR")):
        engagement = actions.record_outcome(
            engagement, by=user, outcome=payload.outcome, outcome_on=payload.outcome_on
        )
    return engagement


@router.post(
    "/{uuid:code}/delete",
    response={200: EngagementDetailOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Delete a session (soft)",
)
def delete_engagement(request, code: UUID, payload: DeleteIn):  # type: ignore[no-untyped-def]
    """The session leaves lists and figures; its history stays and it can be restored."""
    user = request.auth
    engagement = _get(user, code)
    with origin(Channel.API, request.META.get("REMOTE_ADDR")):
        engagement = actions.delete_engagement(engagement, by=user, reason=payload.reason)
    return engagement


@router.post(
    "/{uuid:code}/restore",
    response={200: EngagementDetailOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Restore a deleted session",
)
def restore_engagement(request, code: UUID):  # type: ignore[no-untyped-def]
    user = request.auth
    engagement = _get(user, code)
    with origin(Channel.API, request.META.get("REMOTE_ADDR")):
        engagement = actions.restore_engagement(engagement, by=user)
    return engagement
