"""/api/v1/ingest: read articles into drafts and confirm them into records.

`POST /extract` runs the extractor and writes nothing; the drafts endpoints call the same
actions and permission helpers as the pages (hidden drafts look missing: 404).
"""

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from danvan.accounts import permissions
from danvan.conferences.models import Kind
from danvan.core.search import matching_words
from danvan.ingest import actions
from danvan.ingest.extract import EXTRACTOR_VERSION, extract_article
from danvan.ingest.models import Draft
from danvan.ingest.states import DraftStatus
from danvan.units.models import Unit

router = Router(tags=["ingest"])
ACTION = "ingest.use"
MAX_TEXT = 200_000


class TextIn(Schema):
    text: str = Field(min_length=1, max_length=MAX_TEXT)


class PersonIO(Schema):
    name: str = Field(min_length=1, max_length=200)
    positions: str = Field("", max_length=500)


class DocumentIO(Schema):
    code: str = Field(min_length=1, max_length=60)
    date: dt.date | None = None


class FigureIO(Schema):
    what: str = Field(min_length=1, max_length=80)
    value: int = Field(ge=0)
    unit: str = Field("", max_length=40)
    text: str = Field("", max_length=300)


class DraftEdit(Schema):
    """The editable draft; `unit` is a unit key ('848@2025-06-30')."""

    title: str = Field(min_length=1, max_length=500)
    event_date: dt.date | None = None
    event_kind: Kind = Kind.OTHER
    period: str = Field("", max_length=100)
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    organizer: str = Field("", max_length=300)
    level: str = Field("", max_length=10)
    unit: str = Field(min_length=1, max_length=40)
    venue: str = Field("", max_length=300)
    people: list[PersonIO] = []
    documents: list[DocumentIO] = []
    figures: list[FigureIO] = []


class DraftIn(Schema):
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    file_name: str = Field("", max_length=255)
    url: str = Field("", max_length=500)
    unit: str | None = Field(None, description="Unit key for the draft; default: the organiser's")


class ConfirmIn(Schema):
    draft: DraftEdit | None = Field(None, description="Corrections; default: the saved draft")


class DraftListOut(Schema):
    code: uuid.UUID
    title: str
    status: str
    status_label: str
    unit: str
    unit_name: str
    file_name: str
    extractor_version: str
    conference: uuid.UUID | None
    updated_at: dt.datetime


class DraftOut(DraftListOut):
    text: str
    extracted: dict[str, Any]
    edited: dict[str, Any]
    confirmed_by: str | None
    confirmed_at: dt.datetime | None
    provenance: dict[str, Any]


class DraftCreated(DraftOut):
    result: str = Field(description="new, updated or unchanged")


class DraftFilters(Schema):
    status: DraftStatus | None = None
    q: str | None = None


def _list_dict(d: Draft) -> dict:
    return {
        "code": d.code,
        "title": d.title,
        "status": d.status,
        "status_label": d.get_status_display(),
        "unit": d.unit.key,
        "unit_name": d.unit.name,
        "file_name": d.source.file_name,
        "extractor_version": d.extractor_version,
        "conference": d.conference_code,
        "updated_at": d.updated_at,
    }


def _detail_dict(d: Draft) -> dict:
    return {
        **_list_dict(d),
        "text": d.source.text,
        "extracted": d.extracted,
        "edited": d.edited,
        "confirmed_by": d.confirmed_by.username if d.confirmed_by else None,
        "confirmed_at": d.confirmed_at,
        "provenance": d.provenance,
    }


def _require_editor(user: Any) -> None:
    if not permissions.can_anywhere(user, ACTION):
        raise PermissionDenied("Chỉ cán bộ được giao quyền biên tập mới đọc được tin bài.")


def _get(request, code: uuid.UUID) -> Draft:  # type: ignore[no-untyped-def]
    return permissions.get_for_user(
        request.auth,
        Draft.objects.select_related("unit", "source", "confirmed_by"),
        ACTION,
        code=code,
    )


def _edited(payload: DraftEdit) -> dict[str, Any]:
    data = payload.dict()
    if not Unit.objects.filter(key=data["unit"]).exists():
        raise ValidationError({"unit": f"Không có đơn vị mã “{data['unit']}”."})
    for key in ("event_date", "period_from", "period_to"):
        data[key] = data[key].isoformat() if data[key] else None
    data["event_kind"] = str(data["event_kind"])
    data["documents"] = [
        {**d, "date": d["date"].isoformat() if d["date"] else None} for d in data["documents"]
    ]
    return data


@router.post("/extract", summary="Extract an article (writes nothing)")
def extract(request, payload: TextIn):  # type: ignore[no-untyped-def]
    _require_editor(request.auth)
    return {**extract_article(payload.text, "api"), "extractor_version": EXTRACTOR_VERSION}


@router.get("/drafts", response=list[DraftListOut], summary="Drafts in the caller's scope")
@paginate(LimitOffsetPagination)
def list_drafts(request, filters: Query[DraftFilters]):  # type: ignore[no-untyped-def]
    qs = permissions.visible(request.auth, Draft.objects.select_related("unit", "source"), ACTION)
    if filters.status:
        qs = qs.filter(status=filters.status)
    qs = matching_words(qs, filters.q or "")
    return [_list_dict(d) for d in qs.order_by("-updated_at", "-pk")]


@router.post("/drafts", response={200: DraftCreated, 201: DraftCreated}, summary="Read an article")
def create_draft(request, payload: DraftIn):  # type: ignore[no-untyped-def]
    _require_editor(request.auth)
    unit = None
    if payload.unit:
        unit = Unit.objects.filter(key=payload.unit).first()
        if unit is None:
            raise ValidationError({"unit": f"Không có đơn vị mã “{payload.unit}”."})
    draft, result = actions.import_article(
        by=request.auth, text=payload.text, file_name=payload.file_name, url=payload.url, unit=unit
    )
    return Status(201 if result == "new" else 200, {**_detail_dict(draft), "result": result})


@router.get("/drafts/{uuid:code}", response=DraftOut, summary="One draft")
def get_draft(request, code: uuid.UUID):  # type: ignore[no-untyped-def]
    return _detail_dict(_get(request, code))


@router.put("/drafts/{uuid:code}", response=DraftOut, summary="Save corrections")
def save_draft(request, code: uuid.UUID, payload: DraftEdit):  # type: ignore[no-untyped-def]
    draft = actions.save_draft(_get(request, code), by=request.auth, edited=_edited(payload))
    return _detail_dict(draft)


@router.post("/drafts/{uuid:code}/confirm", response=DraftOut, summary="Confirm into records")
def confirm_draft(request, code: uuid.UUID, payload: ConfirmIn | None = None):  # type: ignore[no-untyped-def]
    draft = _get(request, code)
    edited = _edited(payload.draft) if payload and payload.draft else None
    draft = actions.confirm_draft(draft, by=request.auth, edited=edited)
    return _detail_dict(_get(request, draft.code))


@router.post("/drafts/{uuid:code}/discard", response=DraftOut, summary="Discard a draft")
def discard_draft(request, code: uuid.UUID):  # type: ignore[no-untyped-def]
    draft = actions.discard_draft(_get(request, code), by=request.auth)
    return _detail_dict(draft)
