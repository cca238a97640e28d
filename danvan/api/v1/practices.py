"""/api/v1/practices: "Dân vận khéo" models and exemplars.

Every write calls danvan.practices.actions; every read goes through the permission
helpers, so a record outside the caller's scope looks missing (404). A record the
caller may see but not change gives 403.
"""

import datetime as dt
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Query, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from danvan.accounts import permissions
from danvan.audit.log import origin
from danvan.audit.models import Channel
from danvan.core.lifecycle import InvalidTransition
from danvan.practices import actions
from danvan.practices.forms import find_unit
from danvan.practices.models import (
    EvaluationResult,
    Practice,
    PracticeAttachment,
    PracticeKind,
    RecognitionLevel,
)
from danvan.practices.models import Field as PracticeField
from danvan.practices.queries import practice_counts, similar_practices, units_under
from danvan.practices.states import Status
from danvan.practices.views import stream_attachment
from danvan.units.models import Body, Unit

from .schemas import ErrorOut

router = Router(tags=["practices"])

ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


# ---- schemas ---------------------------------------------------------------------------


class PracticeFilters(Schema):
    unit: str | None = Field(
        None, description="Unit key: that unit's area (subtree and the pre-2025 units it took over)"
    )
    year: int | None = Field(None, description="Registration year")
    start: dt.date | None = Field(None, description="Registered on or after (ISO date)")
    end: dt.date | None = Field(None, description="Registered on or before (ISO date)")
    field: PracticeField | None = None
    kind: PracticeKind | None = None
    status: Status | None = None
    q: str | None = Field(None, description="Search ignoring diacritics and case")


class _PracticeBase(Schema):
    code: UUID
    external_id: str
    kind: str
    name: str
    person_name: str
    unit: str = Field(description="Unit key")
    unit_name: str
    field: str
    field_label: str
    registration_year: int
    registered_on: dt.date
    status: str
    status_label: str
    is_overdue: bool
    url: str


class PracticeListItem(_PracticeBase):
    @staticmethod
    def resolve_unit(obj: Practice) -> str:
        return obj.unit.key

    @staticmethod
    def resolve_unit_name(obj: Practice) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_field_label(obj: Practice) -> str:
        return obj.get_field_display()

    @staticmethod
    def resolve_status_label(obj: Practice) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_url(obj: Practice) -> str:
        return f"/api/v1/practices/{obj.code}"


class TransitionOut(Schema):
    from_status: str
    to_status: str
    on_date: dt.date
    by: str
    note: str
    document: str


class PracticeOut(_PracticeBase):
    kind_label: str
    body_id: int | None
    body_name: str | None
    level: str
    level_label: str
    person_position: str
    situation: str
    goals: str
    criteria: str
    content_method: str
    area: str
    beneficiaries: str
    covered_units: list[str] = Field(description="Unit keys")
    forces: str
    resources: str
    start_on: dt.date | None
    evaluation_due: dt.date | None
    outputs: str
    replicability: str
    evaluated_on: dt.date | None
    evaluation_result: str
    evaluation_note: str
    recognition_level: str
    recognition_decision: str
    recognised_on: dt.date | None
    stopped_reason: str
    replicates: UUID | None = Field(None, description="Code of the source model, if visible")
    replications: list[UUID] = Field(description="Codes of the visible models replicating this one")
    transitions: list[TransitionOut]
    created_at: dt.datetime
    updated_at: dt.datetime


class PracticeIn(Schema):
    unit: str = Field(description="Key of the registering unit")
    body_id: int | None = Field(None, description="A body of that unit")
    kind: str = Field(PracticeKind.MODEL, description="model | exemplar")
    level: str | None = Field(
        None,
        description="village | agency | commune | district | province | central; default from the unit",
    )
    name: str
    field: str = Field(description=" | ".join(PracticeField.values))
    registered_on: dt.date
    registration_year: int | None = None
    person_name: str = ""
    person_position: str = ""
    situation: str = ""
    goals: str = ""
    criteria: str = ""
    content_method: str = ""
    area: str = ""
    beneficiaries: str = ""
    covered_units: list[str] = Field(default_factory=list, description="Unit keys within the area")
    forces: str = ""
    resources: str = ""
    start_on: dt.date | None = None
    evaluation_due: dt.date | None = None
    outputs: str = ""
    replicability: str = ""
    external_id: str = ""
    replicates: UUID | None = Field(None, description="Code of the model this one replicates")
    acknowledge_similar: bool = Field(
        False, description="Register although similar models exist in the same area and field"
    )
    note: str = ""


class PracticePatch(Schema):
    body_id: int | None = None
    kind: str | None = None
    level: str | None = None
    name: str | None = None
    field: str | None = None
    registered_on: dt.date | None = None
    registration_year: int | None = None
    person_name: str | None = None
    person_position: str | None = None
    situation: str | None = None
    goals: str | None = None
    criteria: str | None = None
    content_method: str | None = None
    area: str | None = None
    beneficiaries: str | None = None
    covered_units: list[str] | None = None
    forces: str | None = None
    resources: str | None = None
    start_on: dt.date | None = None
    evaluation_due: dt.date | None = None
    outputs: str | None = None
    replicability: str | None = None
    external_id: str | None = None
    note: str = ""


class StartIn(Schema):
    on: dt.date
    note: str = ""


class EvaluateIn(Schema):
    on: dt.date
    result: str = Field(description=" | ".join(EvaluationResult.values))
    note: str = Field(description="The evaluator's note, against the registered criteria")


class RecogniseIn(Schema):
    on: dt.date = Field(description="Date of the recognition decision")
    level: str = Field(description=" | ".join(RecognitionLevel.values))
    decision: str = Field(description="Decision number, e.g. 125/QĐ-UBND")
    note: str = ""


class StopIn(Schema):
    on: dt.date
    reason: str


class AttachmentOut(Schema):
    code: UUID
    kind: str
    kind_label: str
    original_name: str
    size: int
    content_type: str
    uploaded_at: dt.datetime
    url: str


class SimilarOut(Schema):
    code: UUID
    name: str
    unit: str
    unit_name: str
    registration_year: int
    status: str
    shared_words: list[str]


class FiguresOut(Schema):
    registered_new: int
    carried_over: int
    registered: int
    in_progress: int
    effective: int
    recognised: int
    replicated: int
    stopped: int
    active: int
    evaluated_total: int
    recognised_total: int


class CountsOut(Schema):
    unit: str
    start: dt.date
    end: dt.date
    total: FiguresOut
    by_field: dict[str, FiguresOut]
    by_type: dict[str, FiguresOut]
    recognised_by_level: dict[str, int]


# ---- helpers ---------------------------------------------------------------------------


def _api(request):  # type: ignore[no-untyped-def]
    return origin(Channel.API, request.META.get("REMOTE_ADDR"))


def _get(user: Any, code: UUID) -> Practice:
    qs = Practice.objects.select_related("unit", "body", "replicates__unit")
    return permissions.get_for_user(user, qs, "practices.view", code=code)


def _unit(user: Any, key: str, action: str) -> Unit:
    unit = Unit.objects.filter(key=key).first()
    if unit is None:
        raise HttpError(400, f"Không có đơn vị mã “{key}”.")
    permissions.require(user, action, unit)
    return unit


def _body(unit: Unit, body_id: int | None) -> Body | None:
    if body_id is None:
        return None
    body = Body.objects.filter(pk=body_id, unit=unit).first()
    if body is None:
        raise ValidationError("Cơ quan, tổ chức đăng ký phải thuộc đơn vị đăng ký.")
    return body


def _covered(keys: list[str]) -> list[Unit]:
    units = list(Unit.objects.filter(key__in=keys))
    missing = sorted(set(keys) - {u.key for u in units})
    if missing:
        raise ValidationError(f"Không có đơn vị mã: {', '.join(missing)}.")
    return units


def _detail(user: Any, p: Practice) -> dict[str, Any]:
    source = p.replicates
    replications = permissions.visible(user, p.replications.all(), "practices.view")
    return {
        **{f.name: getattr(p, f.name) for f in Practice._meta.concrete_fields if not f.is_relation},
        "unit": p.unit.key,
        "unit_name": p.unit.name,
        "kind_label": p.get_kind_display(),
        "field_label": p.get_field_display(),
        "status_label": p.get_status_display(),
        "level_label": p.get_level_display(),
        "body_id": p.body_id,
        "body_name": p.body.name if p.body else None,
        "is_overdue": p.is_overdue,
        "url": f"/api/v1/practices/{p.code}",
        "covered_units": [u.key for u in p.covered_units.all()],
        "replicates": source.code
        if source and permissions.can(user, "practices.view", source.unit)
        else None,
        "replications": list(replications.values_list("code", flat=True)),
        "transitions": [
            {
                "from_status": t.from_status,
                "to_status": t.to_status,
                "on_date": t.on_date,
                "by": t.by_name,
                "note": t.note,
                "document": t.document,
            }
            for t in p.transitions.all()
        ],
    }


def _transition(request, code: UUID, run) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    user = request.auth
    p = _get(user, code)
    try:
        with _api(request):
            p = run(p, user)
    except InvalidTransition as e:
        raise HttpError(400, str(e)) from e
    return _detail(user, _get(user, code))


def _attachment_dict(p: Practice, a: PracticeAttachment) -> dict[str, Any]:
    return {
        "code": a.code,
        "kind": a.kind,
        "kind_label": a.get_kind_display(),
        "original_name": a.original_name,
        "size": a.size,
        "content_type": a.content_type,
        "uploaded_at": a.uploaded_at,
        "url": f"/api/v1/practices/{p.code}/attachments/{a.code}",
    }


# ---- endpoints -------------------------------------------------------------------------


@router.get(
    "", response=list[PracticeListItem], summary="Models and exemplars in the caller's scope"
)
@paginate(LimitOffsetPagination)
def list_practices(request, filters: Query[PracticeFilters]):  # type: ignore[no-untyped-def]
    user = request.auth
    qs = permissions.visible(user, Practice.objects.for_list(), "practices.view")
    if filters.unit:
        unit = Unit.objects.filter(key=filters.unit).first()
        if unit is None:
            raise HttpError(400, f"Không có đơn vị mã “{filters.unit}”.")
        qs = qs.filter(unit__in=units_under(unit))
    if filters.year:
        qs = qs.filter(registration_year=filters.year)
    if filters.start:
        qs = qs.filter(registered_on__gte=filters.start)
    if filters.end:
        qs = qs.filter(registered_on__lte=filters.end)
    if filters.field:
        qs = qs.filter(field=filters.field)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.q:
        qs = qs.search(filters.q)
    return qs.order_by("-registered_on", "-pk")


@router.get(
    "/counts",
    response={200: CountsOut, 400: ErrorOut, 403: ErrorOut},
    summary="Stock and flow for a unit's area and a period",
)
def counts(request, unit: str, start: dt.date, end: dt.date):  # type: ignore[no-untyped-def]
    """Registered new in the period (flow); registered, in progress, effective, recognised,
    replicated and stopped at its end (stock, as it stood then); by field and by type."""
    if end < start:
        raise HttpError(400, "Ngày cuối kỳ phải sau ngày đầu kỳ.")
    target = _unit(request.auth, unit, "practices.view")
    result = practice_counts(target, start, end, by=request.auth)
    return {
        "unit": target.key,
        "start": start,
        "end": end,
        "total": result.total.as_dict(),
        "by_field": {k: v.as_dict() for k, v in result.by_field.items()},
        "by_type": {k: v.as_dict() for k, v in result.by_type.items()},
        "recognised_by_level": result.recognised_by_level,
    }


@router.get(
    "/similar",
    response={200: list[SimilarOut], 400: ErrorOut},
    summary="Models like the one about to be registered (duplicate check)",
)
def similar(request, unit: str, field: str, name: str, beneficiaries: str = ""):  # type: ignore[no-untyped-def]
    target = find_unit(request.auth, "practices.edit", unit)
    if target is None:
        raise HttpError(400, f"Không có đơn vị mã “{unit}” trong phạm vi bạn được đăng ký.")
    found = similar_practices(
        by=request.auth, unit=target, field=field, name=name, beneficiaries=beneficiaries
    )
    return [
        {
            "code": s.practice.code,
            "name": s.practice.name,
            "unit": s.practice.unit.key,
            "unit_name": s.practice.unit.name,
            "registration_year": s.practice.registration_year,
            "status": s.practice.status,
            "shared_words": list(s.shared),
        }
        for s in found
    ]


@router.post("", response={201: PracticeOut, **ERRORS}, summary="Register a model or exemplar")
def create_practice(request, payload: PracticeIn):  # type: ignore[no-untyped-def]
    """Returns 400 listing similar models of the same area and field unless
    `acknowledge_similar` is true (the duplicate check of the registration circular)."""
    user = request.auth
    unit = _unit(user, payload.unit, "practices.edit")
    data = payload.dict()
    source = None
    if data["replicates"]:
        source = (
            permissions.visible(user, Practice.objects.all(), "practices.view")
            .filter(code=data["replicates"])
            .first()
        )
        if source is None:
            raise ValidationError("Không tìm thấy mô hình gốc.")
    fields = {
        k: data[k] for k in actions.EDITABLE if k in data and k not in ("body", "covered_units")
    }
    if fields.get("level") is None:
        fields.pop("level", None)
    if fields.get("registration_year") is None:
        fields.pop("registration_year", None)
    fields["body"] = _body(unit, data["body_id"])
    fields["covered_units"] = _covered(data["covered_units"])
    with _api(request):
        p = actions.register_practice(
            by=user,
            unit=unit,
            fields=fields,
            replicates=source,
            acknowledge_similar=data["acknowledge_similar"],
            note=data["note"],
        )
    return 201, _detail(user, _get(user, p.code))


@router.get(
    "/{uuid:code}", response={200: PracticeOut, 404: ErrorOut}, summary="One model or exemplar"
)
def practice_detail(request, code: UUID):  # type: ignore[no-untyped-def]
    return _detail(request.auth, _get(request.auth, code))


@router.patch(
    "/{uuid:code}", response={200: PracticeOut, **ERRORS}, summary="Change registration fields"
)
def update_practice(request, code: UUID, payload: PracticePatch):  # type: ignore[no-untyped-def]
    """Only the fields sent change. The unit and the lifecycle fields change only through
    the transition endpoints."""
    user = request.auth
    p = _get(user, code)
    data = payload.dict(exclude_unset=True)
    note = data.pop("note", "")
    changes: dict[str, Any] = {}
    for name, value in data.items():
        if name == "body_id":
            changes["body"] = _body(p.unit, value)
        elif name == "covered_units":
            changes["covered_units"] = _covered(value or [])
        elif value is None and name in (
            "kind",
            "level",
            "name",
            "field",
            "registered_on",
            "registration_year",
        ):
            raise ValidationError(f"Trường “{name}” không được để trống.")
        else:
            changes[name] = (
                "" if value is None and name not in ("start_on", "evaluation_due") else value
            )
    with _api(request):
        actions.update_practice(p, by=user, changes=changes, note=note)
    return _detail(user, _get(user, code))


@router.post(
    "/{uuid:code}/start", response={200: PracticeOut, **ERRORS}, summary="Registered → in progress"
)
def start(request, code: UUID, payload: StartIn):  # type: ignore[no-untyped-def]
    return _transition(
        request,
        code,
        lambda p, u: actions.start_practice(p, by=u, on=payload.on, note=payload.note),
    )


@router.post(
    "/{uuid:code}/evaluate",
    response={200: PracticeOut, **ERRORS},
    summary="In progress → effective",
)
def evaluate(request, code: UUID, payload: EvaluateIn):  # type: ignore[no-untyped-def]
    return _transition(
        request,
        code,
        lambda p, u: actions.evaluate_practice(
            p, by=u, on=payload.on, result=payload.result, note=payload.note
        ),
    )


@router.post(
    "/{uuid:code}/recognise",
    response={200: PracticeOut, **ERRORS},
    summary="Effective → recognised",
)
def recognise(request, code: UUID, payload: RecogniseIn):  # type: ignore[no-untyped-def]
    return _transition(
        request,
        code,
        lambda p, u: actions.recognise_practice(
            p,
            by=u,
            on=payload.on,
            level=payload.level,
            decision=payload.decision,
            note=payload.note,
        ),
    )


@router.post(
    "/{uuid:code}/stop",
    response={200: PracticeOut, **ERRORS},
    summary="Stop (from any state that is not final)",
)
def stop(request, code: UUID, payload: StopIn):  # type: ignore[no-untyped-def]
    return _transition(
        request,
        code,
        lambda p, u: actions.stop_practice(p, by=u, on=payload.on, reason=payload.reason),
    )


@router.get(
    "/{uuid:code}/attachments",
    response={200: list[AttachmentOut], 404: ErrorOut},
    summary="Photos and documents of a model",
)
def attachments(request, code: UUID):  # type: ignore[no-untyped-def]
    p = _get(request.auth, code)
    return [_attachment_dict(p, a) for a in p.attachments.all()]


@router.post(
    "/{uuid:code}/attachments",
    response={201: AttachmentOut, **ERRORS},
    summary="Upload a photo or document (multipart: kind, file)",
)
def upload_attachment(request, code: UUID, kind: Form[str], file: File[UploadedFile]):  # type: ignore[no-untyped-def]
    """jpg, png, webp, pdf, docx, xlsx, odt up to 10 MB; the content must match the extension."""
    user = request.auth
    p = _get(user, code)
    with _api(request):
        a = actions.add_attachment(p, by=user, kind=kind, upload=file)
    return 201, _attachment_dict(p, a)


@router.get(
    "/{uuid:code}/attachments/{uuid:att}",
    response={200: None, 404: ErrorOut},
    summary="Download one attachment",
)
def download_attachment(request, code: UUID, att: UUID):  # type: ignore[no-untyped-def]
    p = _get(request.auth, code)
    return stream_attachment(get_object_or_404(p.attachments, code=att))


@router.delete(
    "/{uuid:code}/attachments/{uuid:att}",
    response={204: None, **ERRORS},
    summary="Delete one attachment",
)
def delete_attachment(request, code: UUID, att: UUID):  # type: ignore[no-untyped-def]
    user = request.auth
    p = _get(user, code)
    a = get_object_or_404(p.attachments.select_related("practice__unit"), code=att)
    with _api(request):
        actions.remove_attachment(a, by=user)
    return 204, None
