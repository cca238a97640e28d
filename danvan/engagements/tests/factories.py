"""Factories for engagements; they only set up, the code under test runs for real."""

from __future__ import annotations

import datetime as dt

import factory

from danvan.engagements.models import (
    Engagement,
    EngagementKind,
    HostRole,
    ReceptionType,
)
from danvan.lib.text import fold


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    kind = EngagementKind.MOBILIZATION
    date = dt.date(2026, 3, 5)
    topic = factory.Sequence(lambda n: f"Hội nghị tuyên truyền số {n}")
    meetings = 1
    attendance = 50
    search_key = factory.LazyAttribute(lambda o: fold(o.topic))


def reception(unit, day, role=HostRole.PARTY_SECRETARY, kind=ReceptionType.REGULAR, **kw):  # type: ignore[no-untyped-def]
    """A citizen reception day chaired by `role`."""
    return EngagementFactory(
        unit=unit,
        date=day,
        kind=EngagementKind.RECEPTION,
        reception_type=kind,
        host_role=role,
        topic=kw.pop("topic", "Tiếp công dân định kỳ"),
        attendance=kw.pop("attendance", 5),
        **kw,
    )
