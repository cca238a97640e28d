"""/api/v1/directives: the directive registry, what was done under each document, and the
citation parser.

Documents are published: any user with a role anywhere reads them all; creating and editing
needs `directives.edit` on the issuing unit (danvan.directives.actions).
"""

import dataclasses
import datetime as dt
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from danvan.audit.log import origin
from danvan.audit.models import Channel
from danvan.directives import actions, queries
from danvan.directives.forms import TEXT_LIMIT
from danvan.directives.linking import preview_citations
from danvan.directives.models import Directive, System
from danvan.units.models import Body, Unit

router = Router(tags=["directives"])


# --- Schemas ------------------------------------------------------------------------------


class DirectiveRef(Schema):
    code: UUID
    symbol: str
    type_name: str
    title: str
    issuer: str = Field(description="Issuing body, or unit and issuer code")
    issuing_unit: str | None = Field(None, description="Unit key, e.g. '22@2025-06-30'")
    issued_on: dt.date | None
    is_stub: bool = Field(description="Created from a citation; awaiting completion")
    url: str

    @staticmethod
    def resolve_issuer(obj: Directive) -> str:
        return obj.issuer_label

    @staticmethod
    def resolve_issuing_unit(obj: Directive) -> str | None:
        return obj.issuing_unit.key if obj.issuing_unit_id else None

    @staticmethod
    def resolve_url(obj: Directive) -> str:
        return obj.get_absolute_url()


class DirectiveOut(DirectiveRef):
    number: str
    year: int | None
    doc_type: str
    issuer_code: str
    system: System
    issuing_unit_name: str | None
    issuing_body: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    note: str
    replaced_by: UUID | None
    amends: list[UUID]

    @staticmethod
    def resolve_issuing_unit_name(obj: Directive) -> str | None:
        return obj.issuing_unit.name if obj.issuing_unit_id else None

    @staticmethod
    def resolve_issuing_body(obj: Directive) -> str | None:
        return obj.issuing_body.name if obj.issuing_body_id else None

    @staticmethod
    def resolve_replaced_by(obj: Directive) -> UUID | None:
        return obj.replaced_by.code if obj.replaced_by_id else None

    @staticmethod
    def resolve_amends(obj: Directive) -> list[UUID]:
        return [a.code for a in obj.amends.all()]


class LinkOut(Schema):
    id: int
    record_type: str = Field(description="app_label.model, e.g. 'conferences.conference'")
    record_type_label: str
    object_id: str
    label: str
    url: str
    role: str
    raw: str


class DirectiveDetailOut(DirectiveOut):
    links: list[LinkOut]
    hidden_links: int = Field(description="Linked records in units the caller may not see")
    amended_by: list[DirectiveRef]
    replaces: list[DirectiveRef]

    @staticmethod
    def resolve_links(obj: Directive) -> list[dict[str, Any]]:
        return obj.api_links  # type: ignore[attr-defined]

    @staticmethod
    def resolve_amended_by(obj: Directive) -> list[Directive]:
        return list(obj.amended_by.select_related("issuing_unit", "issuing_body"))

    @staticmethod
    def resolve_replaces(obj: Directive) -> list[Directive]:
        return list(obj.replaces.select_related("issuing_unit", "issuing_body"))


class DirectiveFilters(Schema):
    q: str | None = Field(None, description="Words of the symbol or title (diacritics ignored)")
    system: System | None = None
    type_name: str | None = Field(None, description="'Nghị quyết', 'Chỉ thị', 'Luật'…")
    issuer: str | None = Field(None, description="Issuer code: TW, TU, HU, HĐND…")
    unit: str | None = Field(None, description="Issuing unit key, with the units below it")
    year: int | None = Field(None, ge=1945, le=2100)
    stub: bool | None = Field(None, description="true: only stubs awaiting completion")


class DirectiveIn(Schema):
    symbol: str = Field(max_length=64, description="'56-NQ/TU', '337/2021/NQ-HĐND', '10/2022/QH15'")
    type_name: str = Field("", max_length=64)
    issuing_unit: str | None = Field(None, description="Unit key at the date of issue")
    issuing_body: int | None = Field(None, description="Body id; default: from the symbol")
    issued_on: dt.date | None = None
    title: str = Field("", max_length=500)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    amends: list[UUID] = Field(default_factory=list)
    replaced_by: UUID | None = None
    note: str = Field("", max_length=5000)


class DirectivePatch(Schema):
    symbol: str | None = Field(None, max_length=64)
    type_name: str | None = Field(None, max_length=64)
    issuing_unit: str | None = None
    issuing_body: int | None = None
    issued_on: dt.date | None = None
    title: str | None = Field(None, max_length=500)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    amends: list[UUID] | None = None
    replaced_by: UUID | None = None
    note: str | None = Field(None, max_length=5000)


class ParseIn(Schema):
    text: str = Field(max_length=TEXT_LIMIT)
    unit: str | None = Field(None, description="Key of the citing unit, to place TU, HU, HĐND…")
    date: dt.date | None = Field(None, description="Date of the citing text")
    unique: bool = Field(True, description="Once per document (true) or every occurrence")


class CitationOut(Schema):
    code: str
    number: str
    year: int | None
    doc_type: str | None
    type_name: str | None
    issuer: str
    system: str
    date: dt.date | None
    start: int
    end: int
    raw: str
    directive: DirectiveRef | None = Field(description="The registry entry it matches")
    issuing_unit: str | None = Field(description="Where a stub would be registered (with unit)")
    same_symbol: int = Field(description="Registry entries sharing the symbol")


class ParseOut(Schema):
    citations: list[CitationOut]


# --- Helpers ----------------------------------------------------------------------------------


def _require_reader(user: Any) -> None:
    if not queries.can_view(user):
        raise PermissionDenied("Bạn chưa được giao vai trò nào nên không xem được sổ văn bản.")


def _api(request: Any):  # type: ignore[no-untyped-def]
    """Audit rows written inside come from the API channel."""
    return origin(Channel.API, request.META.get("REMOTE_ADDR"))


def _get(user: Any, code: UUID) -> Directive:
    if not queries.can_view(user):
        raise Http404
    return get_object_or_404(
        Directive.objects.select_related("issuing_unit", "issuing_body", "replaced_by"), code=code
    )


def _unit(key: str | None) -> Unit | None:
    if not key:
        return None
    unit = Unit.objects.filter(key=key.strip()).first()
    if unit is None:
        raise ValidationError(f"Không có đơn vị mã “{key}”.")
    return unit


def _values(data: dict[str, Any]) -> dict[str, Any]:
    """Keys and ids of the payload → model instances for the actions."""
    out = dict(data)
    if "issuing_unit" in out:
        out["issuing_unit"] = _unit(out["issuing_unit"])
    if "issuing_body" in out and out["issuing_body"] is not None:
        body = Body.objects.filter(pk=out["issuing_body"]).first()
        if body is None:
            raise ValidationError("Không có cơ quan với mã đã gửi.")
        out["issuing_body"] = body
    if "replaced_by" in out and out["replaced_by"] is not None:
        out["replaced_by"] = _by_code(out["replaced_by"])
    if "amends" in out:
        out["amends"] = [_by_code(code) for code in out["amends"] or []]
    for name in ("type_name", "title", "note"):
        if name in out and out[name] is None:
            out[name] = ""
    return out


def _by_code(code: UUID) -> Directive:
    d = Directive.objects.filter(code=code).first()
    if d is None:
        raise ValidationError(f"Không có văn bản mã {code}.")
    return d


def _detail(user: Any, d: Directive) -> Directive:
    """`d` with the links the caller may see (`api_links`) and how many are hidden."""
    links, hidden = [], 0
    for group in queries.linked_records(user, d):
        hidden += group.hidden
        for r in group.records:
            ct = r.link.content_type
            links.append(
                {
                    "id": r.link.pk,
                    "record_type": f"{ct.app_label}.{ct.model}",
                    "record_type_label": group.label,
                    "object_id": r.link.object_id,
                    "label": str(r.target) if r.target is not None else "",
                    "url": r.url,
                    "role": r.link.role,
                    "raw": r.link.raw,
                }
            )
    d.api_links, d.hidden_links = links, hidden  # type: ignore[attr-defined]
    return d


# --- Endpoints ----------------------------------------------------------------------------------


@router.get("", response=list[DirectiveOut], summary="The registry, filtered")
@paginate(LimitOffsetPagination)
def list_directives(request, filters: Query[DirectiveFilters]):  # type: ignore[no-untyped-def]
    _require_reader(request.auth)
    qs = Directive.objects.select_related("issuing_unit", "issuing_body", "replaced_by")
    qs = qs.prefetch_related("amends")
    if filters.q:
        qs = qs.matching(filters.q)
    if filters.system:
        qs = qs.filter(system=filters.system)
    if filters.type_name:
        qs = qs.filter(type_name=filters.type_name)
    if filters.issuer:
        qs = qs.issued_by_code(filters.issuer)
    if filters.unit:
        qs = qs.filter(issuing_unit__in=Unit.objects.subtree_of(_unit(filters.unit)))
    if filters.year:
        qs = qs.issued_in(filters.year)
    if filters.stub is not None:
        qs = qs.filter(is_stub=filters.stub)
    return qs.order_by("-issued_on", "symbol", "pk")


@router.post("/parse", response=ParseOut, summary="Find document citations in a text")
def parse(request, payload: ParseIn):  # type: ignore[no-untyped-def]
    """Every citation in `text` (once per document by default) with code, type, issuer, date
    and span, the registry entry it matches and, given the citing `unit`, where a stub would
    be registered. Writes nothing."""
    _require_reader(request.auth)
    rows = preview_citations(
        payload.text,
        context_unit=_unit(payload.unit),
        context_date=payload.date,
        unique=payload.unique,
    )
    return {
        "citations": [
            {
                **dataclasses.asdict(r.citation),
                "directive": r.directive,
                "issuing_unit": r.issuing_unit.key if r.issuing_unit else None,
                "same_symbol": r.same_symbol_count,
            }
            for r in rows
        ]
    }


@router.get(
    "/{code}", response=DirectiveDetailOut, summary="One document and what was done under it"
)
def get_directive(request, code: UUID):  # type: ignore[no-untyped-def]
    return _detail(request.auth, _get(request.auth, code))


@router.post("", response={201: DirectiveOut}, summary="Add a document to the registry")
def create_directive(request, payload: DirectiveIn):  # type: ignore[no-untyped-def]
    _require_reader(request.auth)
    with _api(request):
        d = actions.create_directive(by=request.auth, **_values(payload.model_dump()))
    return Status(201, d)


@router.patch("/{code}", response=DirectiveOut, summary="Edit a document (only the fields sent)")
def update_directive(request, code: UUID, payload: DirectivePatch):  # type: ignore[no-untyped-def]
    d = _get(request.auth, code)
    return actions.update_directive(
        d, by=request.auth, **_values(payload.model_dump(exclude_unset=True))
    )


@router.post("/{code}/complete", response=DirectiveOut, summary="Complete a stub")
def complete_stub(request, code: UUID, payload: DirectivePatch):  # type: ignore[no-untyped-def]
    """Fill in a stub created from a citation; it needs a title and a date of issue."""
    d = _get(request.auth, code)
    return actions.complete_stub(
        d, by=request.auth, **_values(payload.model_dump(exclude_unset=True))
    )
