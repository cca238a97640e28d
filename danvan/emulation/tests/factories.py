"""Set-up helpers for emulation tests; they call the real actions as SYSTEM."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from danvan.accounts.permissions import SYSTEM
from danvan.emulation import actions
from danvan.emulation.models import AwardForm, Commendation, Measure, Pledge, RecipientKind
from danvan.people.tests.factories import person_at
from danvan.units.models import Body, BodyKind, Unit


def body_of(unit: Unit, kind: str = BodyKind.PARTY_COMMITTEE) -> Body:
    return (
        Body.objects.filter(unit=unit, kind=kind).order_by("-valid_from").first()
        or Body.objects.filter(unit=unit).first()
    )


def pledge(
    commission_unit: Unit,
    participants: list[Unit],
    *,
    year: int = 2024,
    signed: bool = False,
    sizes: dict[int, tuple[int | None, int | None]] | None = None,
) -> Pledge:
    """A pledge of `commission_unit`'s first body with two criteria (points, count)."""
    p = actions.create_pledge(
        by=SYSTEM, body=body_of(commission_unit), year=year, on=dt.date(year - 1, 11, 1)
    )
    for unit in participants:
        population, villages = (sizes or {}).get(unit.pk, (None, None))
        actions.add_participant(
            p, by=SYSTEM, body=body_of(unit), population=population, villages=villages
        )
    actions.set_criterion(p, by=SYSTEM, number=1, text="Tham mưu cấp ủy", max_score=Decimal(20))
    actions.set_criterion(
        p, by=SYSTEM, number=2, text="Số mô hình mới", max_score=Decimal(10), measure=Measure.COUNT
    )
    if signed:
        actions.sign_pledge(p, by=SYSTEM, signed_on=dt.date(year - 1, 12, 7))
    return p


def commendation(
    unit: Unit,
    *,
    name: str = "Nguyễn Thị Hương",
    form: str = AwardForm.CERTIFICATE,
    proposed_on: dt.date = dt.date(2025, 9, 1),
    **kw,
) -> Commendation:  # type: ignore[no-untyped-def]
    person = person_at(unit, name)
    return actions.propose_commendation(
        by=SYSTEM,
        unit=unit,
        form=form,
        recipient_kind=RecipientKind.INDIVIDUAL,
        person=person,
        proposed_on=proposed_on,
        reason="Hoàn thành xuất sắc nhiệm vụ",
        **kw,
    )
