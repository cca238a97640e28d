import datetime as dt

from ninja import Field, Schema


class UnitRef(Schema):
    key: str
    code: str
    name: str
    kind: str
    level: str
    valid_from: dt.date | None
    valid_to: dt.date | None


class UnitOut(UnitRef):
    short_name: str
    kind_label: str
    parent: UnitRef | None
    latitude: float | None
    longitude: float | None
    area_km2: float | None
    url: str

    @staticmethod
    def resolve_url(obj) -> str:  # type: ignore[no-untyped-def]
        return f"/api/v1/units/{obj.key}"


class LinkOut(Schema):
    unit: UnitRef
    kind: str
    kind_label: str
    is_default: bool
    derived: bool


class BodyOut(Schema):
    name: str
    kind: str
    short_code: str
    valid_from: dt.date | None
    valid_to: dt.date | None


class UnitDetail(UnitOut):
    ancestors: list[UnitRef]
    children: list[UnitRef] = Field(..., alias="children_list")
    predecessors: list[LinkOut]
    successors: list[LinkOut]
    bodies: list[BodyOut] = Field(..., alias="bodies_list")


class GrantOut(Schema):
    unit: UnitRef
    role: str


class UserOut(Schema):
    username: str
    full_name: str
    position: str
    body: str | None
    unit: UnitRef | None
    roles: list[GrantOut]


class ErrorOut(Schema):
    detail: str
