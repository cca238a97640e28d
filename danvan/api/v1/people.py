"""/api/v1/people: officials and their positions over time, duplicates and merging.

Names and posts of officials are visible to every user with a role anywhere; changes
need people.edit on the position's unit, merging people.merge on every unit involved
(see danvan/people/__init__.py).
"""

import datetime as dt
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from danvan.accounts import permissions
from danvan.people import actions
from danvan.people.actions import PositionSpec
from danvan.people.models import CAREER_ORDER, Person, Position
from danvan.people.queries import (
    duplicate_suggestions,
    get_person_for_user,
    get_position_for_user,
)
from danvan.people.titles import body_kind_hint, split_name_and_positions
from danvan.units.models import Body, Lineage, Unit

router = Router(tags=["people"])


# --- schemas -------------------------------------------------------------------------


class UnitRefOut(Schema):
    key: str
    name: str


class BodyRefOut(Schema):
    id: int
    name: str
    kind: str


class PositionOut(Schema):
    code: uuid.UUID
    title: str = Field(..., description="As written in the source")
    body: BodyRefOut | None
    unit: UnitRefOut | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    source: str


class PersonOut(Schema):
    code: uuid.UUID
    full_name: str
    gender: str
    birth_year: int | None
    positions: list[PositionOut] = Field(
        ..., description="Positions held on `on` when given, else all", alias="shown_positions"
    )
    url: str

    @staticmethod
    def resolve_url(obj: Person) -> str:
        return obj.get_absolute_url()


class PersonDetailOut(Schema):
    code: uuid.UUID
    full_name: str
    gender: str
    birth_year: int | None
    note: str
    external_id: str
    merged_into: uuid.UUID | None
    positions: list[PositionOut]
    url: str

    @staticmethod
    def resolve_merged_into(obj: Person) -> uuid.UUID | None:
        return obj.final().code if obj.merged_into_id else None

    @staticmethod
    def resolve_positions(obj: Person) -> list[Position]:
        return list(obj.positions.select_related("body", "unit").order_by(*CAREER_ORDER))

    @staticmethod
    def resolve_url(obj: Person) -> str:
        return obj.get_absolute_url()


class PositionIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    unit: str | None = Field(None, description="Unit key (e.g. '06688', '193@2025-06-30')")
    body: int | None = Field(None, description="Body id (from /api/v1/units/{key} bodies)")
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    source: str = Field("", max_length=300)


class PersonIn(Schema):
    full_name: str = Field(..., min_length=1, max_length=150)
    gender: str = Field("", pattern="^(|male|female)$")
    birth_year: int | None = Field(None, ge=1900, le=2100)
    note: str = ""
    external_id: str = Field("", max_length=64)
    position: PositionIn | None = Field(None, description="An optional first position")


class PersonPatch(Schema):
    full_name: str | None = Field(None, min_length=1, max_length=150)
    gender: str | None = Field(None, pattern="^(|male|female)$")
    birth_year: int | None = Field(None, ge=1900, le=2100)
    note: str | None = None


class EndIn(Schema):
    valid_to: dt.date
    note: str = Field("", max_length=300)


class MergeIn(Schema):
    duplicate: uuid.UUID = Field(..., description="Code of the person merged into this one")
    note: str = Field("", max_length=500)


class MergeOut(Schema):
    keep: uuid.UUID
    duplicate: uuid.UUID
    moved: dict[str, int]
    dropped: dict[str, int]


class SuggestionOut(Schema):
    code: uuid.UUID
    full_name: str
    overlap: bool = Field(..., description="Positions in the same, enclosing or lineage units")
    shared_units: list[str]


class SplitIn(Schema):
    text: str = Field(..., max_length=2000)


class SplitPost(Schema):
    title: str
    body_kind: str


class SplitOut(Schema):
    name: str
    positions: list[SplitPost]


class PeopleFilters(Schema):
    q: str | None = Field(None, description="Name, ignoring diacritics and case")
    unit: str | None = Field(None, description="Unit key: people with positions in its subtree")
    on: dt.date | None = Field(None, description="ISO date: people holding a post that day")


# --- helpers -------------------------------------------------------------------------


def _spec(data: PositionIn) -> PositionSpec:
    unit = Unit.objects.filter(key=data.unit).first() if data.unit else None
    if data.unit and unit is None:
        raise ValidationError(f"Không có đơn vị mã “{data.unit}”.")
    body = Body.objects.select_related("unit").filter(pk=data.body).first() if data.body else None
    if data.body and body is None:
        raise ValidationError("Không có cơ quan, tổ chức này.")
    return PositionSpec(
        title=data.title,
        unit=unit,
        body=body,
        valid_from=data.valid_from,
        valid_to=data.valid_to,
        source=data.source,
    )


def _territory(unit: Unit):  # type: ignore[no-untyped-def]
    roots = [
        unit.pk,
        *Lineage.objects.filter(successor=unit).values_list("predecessor_id", flat=True),
    ]
    return Unit.objects.subtree_of(*roots)


# --- endpoints -----------------------------------------------------------------------


@router.get("", response=list[PersonOut], summary="Officials, with positions")
@paginate(LimitOffsetPagination)
def list_people(request, filters: Query[PeopleFilters]):  # type: ignore[no-untyped-def]
    if not permissions.can_anywhere(request.auth, "people.view"):
        raise PermissionDenied("Cần có vai trò ở một đơn vị để xem danh sách cán bộ.")
    qs = Person.objects.active()
    units = None
    if filters.unit:
        unit = Unit.objects.filter(key=filters.unit).first()
        if unit is None:
            raise ValidationError(f"Không có đơn vị mã “{filters.unit}”.")
        units = _territory(unit)
    if filters.q:
        qs = qs.search(filters.q)
    if filters.on:
        qs = qs.holding_on(filters.on, units)
    elif units is not None:
        qs = qs.in_units(units)
    positions = Position.objects.select_related("body", "unit").order_by(*CAREER_ORDER)
    if filters.on:
        positions = positions.valid_on(filters.on)
    return qs.order_by("search_key", "pk").prefetch_related(
        Prefetch("positions", queryset=positions, to_attr="shown_positions")
    )


@router.post("", response={201: PersonDetailOut}, summary="Add an official")
def create_person(request, data: PersonIn):  # type: ignore[no-untyped-def]
    person = actions.create_person(
        by=request.auth,
        full_name=data.full_name,
        gender=data.gender,
        birth_year=data.birth_year,
        note=data.note,
        external_id=data.external_id,
        position=_spec(data.position) if data.position else None,
    )
    return Status(201, person)


@router.post("/split-positions", response=SplitOut, summary="Split position text into posts")
def split_positions(request, data: SplitIn):  # type: ignore[no-untyped-def]
    """'Vũ Thị Mai Anh, Phó Bí thư TT Thành uỷ, Trưởng BCĐ…' → the name and each post, with
    the kind of body it most likely belongs to. Pure text processing; nothing is stored."""
    name, posts = split_name_and_positions(data.text)
    return {
        "name": name,
        "positions": [{"title": p, "body_kind": body_kind_hint(p)} for p in posts],
    }


@router.patch("/positions/{code}", response=PositionOut, summary="Correct a position")
def update_position(request, code: uuid.UUID, data: PositionIn):  # type: ignore[no-untyped-def]
    position = get_position_for_user(request.auth, code)
    return actions.update_position(position, _spec(data), by=request.auth)


@router.post("/positions/{code}/end", response=PositionOut, summary="End a position")
def end_position(request, code: uuid.UUID, data: EndIn):  # type: ignore[no-untyped-def]
    position = get_position_for_user(request.auth, code)
    return actions.end_position(position, by=request.auth, valid_to=data.valid_to, note=data.note)


@router.get("/{code}", response=PersonDetailOut, summary="One official with every position")
def person_detail(request, code: uuid.UUID):  # type: ignore[no-untyped-def]
    """A merged person is returned with `merged_into`: the code of the person kept."""
    return get_person_for_user(request.auth, code)


@router.patch("/{code}", response=PersonDetailOut, summary="Correct an official's details")
def update_person(request, code: uuid.UUID, data: PersonPatch):  # type: ignore[no-untyped-def]
    person = get_person_for_user(request.auth, code)
    return actions.update_person(
        person,
        by=request.auth,
        full_name=data.full_name if data.full_name is not None else person.full_name,
        gender=data.gender if data.gender is not None else person.gender,
        birth_year=data.birth_year if "birth_year" in data.model_fields_set else person.birth_year,
        note=data.note if data.note is not None else person.note,
    )


@router.get("/{code}/positions", response=list[PositionOut], summary="Positions of an official")
def person_positions(request, code: uuid.UUID, on: dt.date | None = None):  # type: ignore[no-untyped-def]
    person = get_person_for_user(request.auth, code)
    positions = person.positions.select_related("body", "unit").order_by(*CAREER_ORDER)
    return positions.valid_on(on) if on else positions


@router.post("/{code}/positions", response={201: PositionOut}, summary="Add a position")
def add_position(request, code: uuid.UUID, data: PositionIn):  # type: ignore[no-untyped-def]
    person = get_person_for_user(request.auth, code)
    return Status(201, actions.add_position(person, _spec(data), by=request.auth))


@router.get("/{code}/duplicates", response=list[SuggestionOut], summary="Possible duplicates")
def duplicates(request, code: uuid.UUID):  # type: ignore[no-untyped-def]
    person = get_person_for_user(request.auth, code)
    return [
        {
            "code": s.person.code,
            "full_name": s.person.full_name,
            "overlap": s.overlap,
            "shared_units": s.shared,
        }
        for s in duplicate_suggestions(person)
    ]


@router.post("/{code}/merge", response=MergeOut, summary="Merge a duplicate into this official")
def merge(request, code: uuid.UUID, data: MergeIn):  # type: ignore[no-untyped-def]
    keep = get_person_for_user(request.auth, code)
    duplicate = get_person_for_user(request.auth, data.duplicate)
    result = actions.merge_people(keep, duplicate, by=request.auth, note=data.note)
    return {
        "keep": keep.code,
        "duplicate": duplicate.code,
        "moved": dict(result.moved),
        "dropped": dict(result.dropped),
    }
