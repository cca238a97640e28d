"""Test helpers: the rule table and calendar, petitions received through the action,
and a small city-with-communes tree (Tam Điệp-like). They only set up."""

from __future__ import annotations

import datetime as dt
from typing import Any

from danvan.accounts.models import Role, User
from danvan.accounts.permissions import SYSTEM
from danvan.accounts.tests.factories import official
from danvan.petitions import actions
from danvan.petitions.models import Kind, Petition
from danvan.units.models import LAST_LEGACY_DATE, Level, Unit
from danvan.units.models import Kind as UnitKind
from danvan.units.tests.factories import UnitFactory, nation
from danvan.workcalendar.actions import load_calendar


def load_tables() -> None:
    """The seeded rules and the 2020–2027 calendar, as `danvan load_rules/load_calendar`."""
    load_calendar(by=SYSTEM, first_year=2020, last_year=2027)
    actions.load_rules(by=SYSTEM)


def receive(
    unit: Unit,
    *,
    by: Any = SYSTEM,
    received_on: dt.date = dt.date(2023, 3, 1),
    kind: str = Kind.COMPLAINT,
    summary: str = "Khiếu nại việc thu hồi đất ở tổ 5",
    **facts: Any,
) -> Petition:
    return actions.receive_petition(
        by=by, unit=unit, received_on=received_on, kind=kind, summary=summary, **facts
    )


def accepted(unit: Unit, *, on: dt.date = dt.date(2023, 3, 3), **kwargs: Any) -> Petition:
    p = receive(unit, **kwargs)
    p = actions.classify_petition(
        p, by=SYSTEM, on_date=kwargs.get("received_on", dt.date(2023, 3, 1))
    )
    return actions.accept_petition(p, by=SYSTEM, on_date=on)


def city_with_communes(n: int = 9) -> tuple[Unit, list[Unit]]:
    """A pre-2025 city (district level) with `n` wards and communes, under a province."""
    vn = nation()
    province = UnitFactory(
        code="P37",
        short_name="Ninh Bình Thử",
        kind=UnitKind.PROVINCE,
        level=Level.PROVINCE,
        parent=vn,
        valid_to=LAST_LEGACY_DATE,
    )
    city = UnitFactory(
        code="C370",
        short_name="Tam Điệp",
        kind=UnitKind.PROVINCIAL_CITY,
        level=Level.DISTRICT,
        parent=province,
        valid_to=LAST_LEGACY_DATE,
    )
    communes = [
        UnitFactory(
            code=f"C370{i}",
            short_name=f"Xã Thử {i}",
            kind=UnitKind.COMMUNE,
            level=Level.COMMUNE,
            parent=city,
            valid_to=LAST_LEGACY_DATE,
        )
        for i in range(n)
    ]
    return city, communes


def editor(username: str, unit: Unit) -> User:
    return official(username, unit, Role.EDITOR, username.title())
