"""/api/v1/petitions: petitions (đơn), their lifecycle, deadlines and period statistics.

Every endpoint goes through the permission module (hidden looks like missing) and the
same actions as the pages. Petitioners are masked; the identity endpoint reveals them
(denouncers only to `petitions.view_identity`) and is audited.
"""

import datetime as dt
import uuid
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status as Reply

from danvan.accounts.permissions import can, get_for_user, visible
from danvan.audit.log import origin
from danvan.audit.models import Channel as AuditChannel
from danvan.core.lifecycle import InvalidTransition
from danvan.core.search import matching_words
from danvan.engagements.models import Engagement
from danvan.petitions import actions, duplicates
from danvan.petitions.models import (
    Case,
    Category,
    Channel,
    DeadlineRule,
    Kind,
    Outcome,
    Petition,
    Signatories,
)
from danvan.petitions.states import LABELS, Status
from danvan.petitions.stats import Figures, petition_stats, report_sentence, stat_unit_ids
from danvan.units.models import Body, Unit

from .schemas import ErrorOut, UnitRef

router = Router(tags=["petitions"])


# --- Schemas ---------------------------------------------------------------------------


class RuleOut(Schema):
    code: str
    procedure: str
    procedure_label: str
    step: str
    step_label: str
    variant: str
    quantity: int
    unit: str
    unit_label: str
    start_event: str
    max_extensions: int
    extension_quantity: int
    include_start: bool
    roll_forward: bool
    legal_basis: str
    source_url: str
    confidence: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    revision: int

    @staticmethod
    def resolve_procedure_label(obj: DeadlineRule) -> str:
        return obj.get_procedure_display()

    @staticmethod
    def resolve_step_label(obj: DeadlineRule) -> str:
        return obj.get_step_display()

    @staticmethod
    def resolve_unit_label(obj: DeadlineRule) -> str:
        return obj.get_unit_display()


class TransitionOut(Schema):
    event: str
    from_status: str
    to_status: str
    on_date: dt.date
    by: str = Field(..., alias="by_name")
    note: str
    due_before: dt.date | None
    due_after: dt.date | None
    was_overdue: bool | None


class PetitionOut(Schema):
    code: uuid.UUID
    external_id: str
    unit: UnitRef
    body: str | None
    level: str
    received_on: dt.date
    channel: str
    kind: str
    kind_label: str
    complaint_round: int
    category: str
    signatories: str
    signatory_count: int
    remote_area: bool
    is_complex: bool
    is_especially_complex: bool
    petitioner: str = Field(..., description="Masked ('N*** V*** A**'); empty for denunciations.")
    summary: str
    status: str
    status_label: str
    case: uuid.UUID
    due_on: dt.date | None
    deadline_step: str
    deadline_rule: str | None
    extensions: int
    overdue: bool
    accepted_on: dt.date | None
    finished_on: dt.date | None
    finished_overdue: bool | None
    forwarded_to: str
    reject_reason: str
    outcome: str
    url: str

    @staticmethod
    def resolve_body(obj: Petition) -> str | None:
        return obj.body.name if obj.body_id else None

    @staticmethod
    def resolve_kind_label(obj: Petition) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_petitioner(obj: Petition) -> str:
        return "" if obj.is_denunciation else obj.masked_name

    @staticmethod
    def resolve_status_label(obj: Petition) -> str:
        return LABELS[obj.status]

    @staticmethod
    def resolve_case(obj: Petition) -> uuid.UUID:
        return obj.case.code

    @staticmethod
    def resolve_deadline_rule(obj: Petition) -> str | None:
        return obj.deadline_rule.code if obj.deadline_rule_id else None

    @staticmethod
    def resolve_overdue(obj: Petition) -> bool:
        return obj.is_overdue(timezone.localdate())

    @staticmethod
    def resolve_url(obj: Petition) -> str:
        return f"/api/v1/petitions/{obj.code}"


class PetitionDetail(PetitionOut):
    deadline_start: dt.date | None
    deadline_note: str
    rule: RuleOut | None
    rule_changed: bool
    outcome_note: str
    transitions: list[TransitionOut]
    case_petitions: list[uuid.UUID]

    @staticmethod
    def resolve_rule(obj: Petition) -> DeadlineRule | None:
        return obj.deadline_rule

    @staticmethod
    def resolve_transitions(obj: Petition) -> list[Any]:
        return list(obj.transitions.all())

    @staticmethod
    def resolve_case_petitions(obj: Petition) -> list[uuid.UUID]:
        return list(obj.case.petitions.exclude(pk=obj.pk).values_list("code", flat=True))


class PetitionFilters(Schema):
    unit: str | None = Field(
        None, description="Unit key: that unit's subtree (and its 2025 predecessors)"
    )
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    kind: Kind | None = None
    category: Category | None = None
    status: Status | None = None
    open: bool | None = Field(None, description="true: not yet handled; false: handled")
    overdue: bool | None = Field(None, description="true: clock running and past due today")
    q: str | None = Field(None, description="Search ignoring diacritics and case")


class PetitionIn(Schema):
    unit: str = Field(..., description="Receiving unit key, e.g. '06688'")
    received_on: dt.date
    kind: Kind
    summary: str = Field(..., min_length=1)
    complaint_round: int = Field(1, ge=1, le=2)
    category: Category = Category.OTHER
    channel: Channel = Channel.DIRECT
    body: str | None = Field(
        None, description="Receiving body name, exactly as in /api/v1/units/{key}"
    )
    engagement: uuid.UUID | None = Field(None, description="Code of the reception session")
    forwarded_by: str = ""
    signatories: Signatories = Signatories.ONE
    signatory_count: int = Field(1, ge=0)
    remote_area: bool = False
    is_complex: bool = False
    is_especially_complex: bool = False
    petitioner_name: str = ""
    petitioner_address: str = ""
    petitioner_contact: str = ""
    external_id: str = Field("", max_length=64)
    case: uuid.UUID | None = Field(None, description="Join this case instead of opening a new one")


class PetitionPatch(Schema):
    received_on: dt.date | None = None
    kind: Kind | None = None
    summary: str | None = Field(None, min_length=1)
    complaint_round: int | None = Field(None, ge=1, le=2)
    category: Category | None = None
    channel: Channel | None = None
    forwarded_by: str | None = None
    signatories: Signatories | None = None
    signatory_count: int | None = Field(None, ge=0)
    remote_area: bool | None = None
    is_complex: bool | None = None
    is_especially_complex: bool | None = None
    petitioner_name: str | None = None
    petitioner_address: str | None = None
    petitioner_contact: str | None = None
    external_id: str | None = Field(None, max_length=64)
    note: str = ""


class TransitionIn(Schema):
    to: Status
    on_date: dt.date
    note: str = ""
    forwarded_to: str = Field("", description="to=forwarded: the competent body")
    reason: str = Field("", description="to=rejected: why not accepted")
    outcome: Outcome | None = Field(None, description="to=resolved")
    kind: Kind | None = Field(None, description="to=classified")
    complaint_round: int | None = Field(None, ge=1, le=2)
    category: Category | None = None
    remote_area: bool | None = None
    is_complex: bool | None = None
    is_especially_complex: bool | None = None


class ExtensionIn(Schema):
    on_date: dt.date
    note: str = Field(..., min_length=1, description="Number and date of the extension decision")


class NoteIn(Schema):
    note: str = ""


class CaseIn(Schema):
    case: uuid.UUID


class IdentityOut(Schema):
    name: str
    address: str
    contact: str


class SuggestionOut(Schema):
    petition: PetitionOut
    score: float
    reasons: list[str]


class FiguresOut(Schema):
    carried_over: int
    received: int
    total: int
    handled: int
    on_time: int
    late: int
    pending: int
    pending_overdue: int
    overdue: int
    cases: int


class StatsOut(Schema):
    unit: UnitRef
    start: dt.date
    end: dt.date
    all: FiguresOut
    own: FiguresOut = Field(..., description="Received by the unit itself")
    lower: FiguresOut = Field(..., description="Received by the units below it")
    by_kind: dict[str, FiguresOut]
    sentence: str = Field(..., description="The figures as a report writes them (Vietnamese)")


# --- Helpers ------------------------------------------------------------------------------


def _api(request: Any) -> Any:
    return origin(AuditChannel.API, request.META.get("REMOTE_ADDR"))


def _queryset() -> QuerySet[Petition]:
    return Petition.objects.select_related("unit", "body", "case", "deadline_rule")


def _get(request: Any, code: uuid.UUID) -> Petition:
    return get_for_user(request.auth, _queryset(), "petitions.view", code=code)


def _unit(request: Any, key: str, action: str = "petitions.view") -> Unit:
    unit = Unit.objects.filter(key=key).first()
    if unit is None or not can(request.auth, action, unit):
        raise HttpError(404, f"Không tìm thấy đơn vị “{key}” trong phạm vi của bạn.")
    return unit


def _run(fn: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return fn(*args, **kwargs)
    except InvalidTransition as e:
        raise HttpError(400, str(e)) from e


def _figures(f: Figures) -> dict[str, int]:
    return f.as_dict()


# --- Endpoints ----------------------------------------------------------------------------


@router.get("", response=list[PetitionOut], summary="List petitions")
@paginate(LimitOffsetPagination)
def list_petitions(request, filters: Query[PetitionFilters]):  # type: ignore[no-untyped-def]
    qs = visible(request.auth, _queryset(), "petitions.view")
    if filters.unit:
        _own, ids = stat_unit_ids(_unit(request, filters.unit))
        qs = qs.filter(unit_id__in=ids)
    if filters.received_from:
        qs = qs.filter(received_on__gte=filters.received_from)
    if filters.received_to:
        qs = qs.filter(received_on__lte=filters.received_to)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.open is not None:
        qs = qs.open() if filters.open else qs.finished()
    if filters.overdue is not None:
        overdue = qs.overdue(timezone.localdate())
        qs = overdue if filters.overdue else qs.exclude(pk__in=overdue.values("pk"))
    qs = matching_words(qs, filters.q or "")
    return qs.order_by("-received_on", "-pk")


@router.post(
    "",
    response={201: PetitionDetail, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Receive a petition",
)
def create_petition(request, payload: PetitionIn):  # type: ignore[no-untyped-def]
    data = payload.dict()
    unit = _unit(request, data.pop("unit"), "petitions.edit")
    data["body"] = _body(unit, data.pop("body"))
    data["engagement"] = _engagement(request, data.pop("engagement"))
    case_code = data.pop("case")
    case = None
    if case_code:
        case = visible(request.auth, Case.objects, "petitions.edit").filter(code=case_code).first()
        if case is None:
            raise HttpError(404, "Không tìm thấy vụ việc này.")
    with _api(request):
        p = actions.receive_petition(by=request.auth, unit=unit, case=case, **data)
    return Reply(201, _get(request, p.code))


def _body(unit: Unit, name: str | None) -> Body | None:
    if not name:
        return None
    body = Body.objects.filter(unit=unit, name=name).first()
    if body is None:
        raise HttpError(400, f"{unit.name} không có cơ quan “{name}”.")
    return body


def _engagement(request: Any, code: uuid.UUID | None) -> Engagement | None:
    if code is None:
        return None
    found = visible(request.auth, Engagement.objects, "engagements.view").filter(code=code).first()
    if found is None:
        raise HttpError(404, "Không tìm thấy buổi tiếp công dân này.")
    return found


@router.get(
    "/stats", response={200: StatsOut, 403: ErrorOut, 404: ErrorOut}, summary="Period statistics"
)
def stats(request, unit: str, start: dt.date, end: dt.date):  # type: ignore[no-untyped-def]
    """Carried over, received, handled (on time, late), pending and cases for the unit's
    subtree in [start, end], split into the unit itself and the units below it."""
    if start > end:
        raise HttpError(400, "Ngày cuối kỳ phải sau ngày đầu kỳ.")
    s = petition_stats(_unit(request, unit), start, end, by=request.auth)
    return {
        "unit": s.unit,
        "start": s.start,
        "end": s.end,
        "all": _figures(s.all),
        "own": _figures(s.own),
        "lower": _figures(s.lower),
        "by_kind": {k: _figures(f) for k, f in s.by_kind.items()},
        "sentence": report_sentence(s),
    }


@router.get("/overdue", response=list[PetitionOut], summary="Overdue petitions")
@paginate(LimitOffsetPagination)
def overdue(request, unit: str | None = None):  # type: ignore[no-untyped-def]
    """Open petitions whose clock runs and is past due today, oldest due date first."""
    qs = visible(request.auth, _queryset(), "petitions.view").overdue(timezone.localdate())
    if unit:
        _own, ids = stat_unit_ids(_unit(request, unit))
        qs = qs.filter(unit_id__in=ids)
    return qs.order_by("due_on", "pk")


@router.get("/due-soon", response=list[PetitionOut], summary="Petitions due soon")
@paginate(LimitOffsetPagination)
def due_soon(request, unit: str | None = None, within: int = Query(7, ge=1, le=90)):  # type: ignore[no-untyped-def]
    """Open petitions due between today and `within` days from today."""
    today = timezone.localdate()
    qs = visible(request.auth, _queryset(), "petitions.view").due_within(
        today, today + dt.timedelta(days=within)
    )
    if unit:
        _own, ids = stat_unit_ids(_unit(request, unit))
        qs = qs.filter(unit_id__in=ids)
    return qs.order_by("due_on", "pk")


@router.get("/{code}", response={200: PetitionDetail, 404: ErrorOut}, summary="One petition")
def petition_detail(request, code: uuid.UUID):  # type: ignore[no-untyped-def]
    return _get(request, code)


@router.patch(
    "/{code}",
    response={200: PetitionDetail, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Correct a petition",
)
def update_petition(request, code: uuid.UUID, payload: PetitionPatch):  # type: ignore[no-untyped-def]
    p = _get(request, code)
    data = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    note = data.pop("note", "")
    with _api(request):
        actions.update_petition(p, by=request.auth, note=note, **data)
    return _get(request, code)


_TRANSITIONS = {
    Status.CLASSIFIED: actions.classify_petition,
    Status.ACCEPTED: actions.accept_petition,
    Status.FORWARDED: actions.forward_petition,
    Status.REJECTED: actions.reject_petition,
    Status.SUSPENDED: actions.suspend_petition,
    Status.RESOLVED: actions.resolve_petition,
    Status.WITHDRAWN: actions.withdraw_petition,
}


@router.post(
    "/{code}/transitions",
    response={200: PetitionDetail, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Move a petition along its lifecycle",
)
def transition(request, code: uuid.UUID, payload: TransitionIn):  # type: ignore[no-untyped-def]
    p = _get(request, code)
    to = payload.to
    kwargs: dict[str, Any] = {"on_date": payload.on_date, "note": payload.note}
    if to == Status.CLASSIFIED:
        for key in (
            "kind",
            "complaint_round",
            "category",
            "remote_area",
            "is_complex",
            "is_especially_complex",
        ):
            value = getattr(payload, key)
            if value is not None:
                kwargs[key] = value
    elif to == Status.FORWARDED:
        kwargs["forwarded_to"] = payload.forwarded_to
    elif to == Status.REJECTED:
        kwargs["reason"] = payload.reason
    elif to == Status.RESOLVED:
        kwargs["outcome"] = payload.outcome or ""
    if to == Status.IN_PROGRESS:
        fn = actions.resume_petition if p.status == Status.SUSPENDED else actions.start_resolution
    elif to == Status.RECEIVED:
        raise HttpError(400, "Không chuyển đơn về trạng thái “Đã tiếp nhận” được.")
    else:
        fn = _TRANSITIONS[to]
    with _api(request):
        _run(fn, p, by=request.auth, **kwargs)
    return _get(request, code)


@router.post(
    "/{code}/extensions",
    response={200: PetitionDetail, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Extend the resolution deadline",
)
def extend(request, code: uuid.UUID, payload: ExtensionIn):  # type: ignore[no-untyped-def]
    p = _get(request, code)
    with _api(request):
        actions.extend_deadline(p, by=request.auth, on_date=payload.on_date, note=payload.note)
    return _get(request, code)


@router.post(
    "/{code}/recompute",
    response={200: PetitionDetail, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Recompute the deadline under the rule table as it stands now",
)
def recompute(request, code: uuid.UUID, payload: NoteIn):  # type: ignore[no-untyped-def]
    p = _get(request, code)
    with _api(request):
        actions.recompute_deadline(p, by=request.auth, note=payload.note)
    return _get(request, code)


@router.post(
    "/{code}/case",
    response={200: PetitionDetail, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Attach the petition to another case",
)
def attach(request, code: uuid.UUID, payload: CaseIn):  # type: ignore[no-untyped-def]
    p = _get(request, code)
    case = visible(request.auth, Case.objects, "petitions.view").filter(code=payload.case).first()
    if case is None:
        raise HttpError(404, "Không tìm thấy vụ việc này.")
    with _api(request):
        actions.attach_to_case(p, case, by=request.auth)
    return _get(request, code)


@router.post(
    "/{code}/case/detach",
    response={200: PetitionDetail, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Make the petition a case of its own",
)
def detach(request, code: uuid.UUID):  # type: ignore[no-untyped-def]
    p = _get(request, code)
    with _api(request):
        actions.detach_from_case(p, by=request.auth)
    return _get(request, code)


@router.get(
    "/{code}/duplicates",
    response={200: list[SuggestionOut], 404: ErrorOut},
    summary="Open petitions that may be the same matter",
)
def petition_duplicates(request, code: uuid.UUID):  # type: ignore[no-untyped-def]
    p = _get(request, code)
    return [
        {"petition": s.petition, "score": round(s.score, 3), "reasons": list(s.reasons)}
        for s in duplicates.for_petition(p, by=request.auth)
    ]


@router.post(
    "/{code}/identity",
    response={200: IdentityOut, 403: ErrorOut, 404: ErrorOut},
    summary="Reveal the petitioner (audited)",
)
def identity(request, code: uuid.UUID):  # type: ignore[no-untyped-def]
    """Denouncers only to `petitions.view_identity`; every call leaves an audit row."""
    p = _get(request, code)
    with _api(request):
        who = actions.reveal_identity(p, by=request.auth)
    return {"name": who.name, "address": who.address, "contact": who.contact}
