"""Set-up helpers: they only create records (through the actions, acting as the system)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from danvan.accounts.permissions import SYSTEM
from danvan.oversight import actions
from danvan.oversight.models import Kind, OversightPlan
from danvan.oversight.steering_models import SteeringCommittee, SteeringKind
from danvan.people.models import Person
from danvan.units.models import Body, BodyKind, Unit


def body(unit: Unit, kind: str = BodyKind.PARTY_COMMITTEE) -> Body:
    return Body.objects.filter(unit=unit, kind=kind).order_by("-valid_from").first()  # type: ignore[return-value]


def plan(
    inspector: Unit | Body,
    subject: Unit | Body,
    start: dt.date,
    end: dt.date | None = None,
    *,
    title: str = "Kiểm tra việc thực hiện dân chủ ở cơ sở",
    topics: tuple[str, ...] = ("qcdc",),
    kind: str = Kind.PARTY_INSPECTION,
    by: Any = SYSTEM,
    **extra: Any,
) -> OversightPlan:
    """A plan by a body (or a unit's Party committee) on a unit or body."""
    inspecting = inspector if isinstance(inspector, Body) else body(inspector)
    data = actions.PlanData(
        kind=kind,
        title=title,
        window_start=start,
        window_end=end or start,
        body=inspecting,
        subject_unit=subject if isinstance(subject, Unit) else None,
        subject_body=subject if isinstance(subject, Body) else None,
        topics=topics,
        **extra,
    )
    return actions.create_plan(data, by=by)


def committee(
    unit: Unit,
    *,
    kind: str = SteeringKind.GRASSROOTS_DEMOCRACY,
    valid_from: dt.date = dt.date(2025, 7, 15),
    name: str = "",
    by: Any = SYSTEM,
    **extra: Any,
) -> SteeringCommittee:
    data = actions.CommitteeData(
        unit=unit,
        kind=kind,
        name=name or f"Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở {unit.short_name}",
        valid_from=valid_from,
        party_body=body(unit, BodyKind.PARTY_COMMITTEE),
        **extra,
    )
    return actions.create_committee(data, by=by)


def person(full_name: str = "Vũ Thị Mai Anh") -> Person:
    from danvan.lib.text import fold

    return Person.objects.create(full_name=full_name, search_key=fold(full_name))
