"""Factories for conferences; they only set up rows, the code under test runs for real."""

from __future__ import annotations

import datetime as dt

import factory

from danvan.conferences.models import Conference, ConferenceParticipant, Kind, ParticipantRole
from danvan.lib.text import fold
from danvan.people.models import Person, Position
from danvan.units.models import Body, BodyKind, Unit


def body_of(unit: Unit, kind: str = BodyKind.PARTY_COMMITTEE) -> Body:
    return Body.objects.filter(unit=unit, kind=kind).order_by("-valid_from").first()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    search_key = factory.LazyAttribute(lambda o: fold(o.full_name))


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference

    unit: Unit
    body = factory.LazyAttribute(lambda o: body_of(o.unit))
    title = factory.Sequence(lambda n: f"Hội nghị sơ kết công tác dân vận số {n}")
    kind = Kind.REVIEW_INTERIM
    held_on = dt.date(2025, 12, 1)
    sort_on = factory.LazyAttribute(lambda o: o.held_on or dt.date(2025, 12, 1))
    reviewed_label = "năm 2025"
    planned_label = "năm 2026"
    search_key = factory.LazyAttribute(lambda o: fold(o.title))


def participant(
    conference: Conference, name: str, role: str = ParticipantRole.ATTENDEE, position: str = ""
) -> ConferenceParticipant:
    person = Person.objects.filter(full_name=name).first() or PersonFactory(full_name=name)
    p = ConferenceParticipant.objects.create(
        conference=conference, person=person, role=role, position_label=position
    )
    if position:
        p.positions.add(
            Position.objects.create(person=person, title=position, unit=conference.unit)
        )
    return p
