"""Factories for people and positions; they only set up, the code under test runs for real."""

from __future__ import annotations

import factory

from danvan.lib.text import fold
from danvan.people.models import Person, Position
from danvan.units.models import Body


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    search_key = factory.LazyAttribute(lambda o: fold(o.full_name))


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    title = "Trưởng Ban Dân vận"
    unit = None
    body = None


def person_at(unit, name: str = "", title: str = "Chủ tịch Ủy ban MTTQ", **kw) -> Person:  # type: ignore[no-untyped-def]
    """A person holding one position at `unit` (in its first body)."""
    person = PersonFactory(**({"full_name": name} if name else {}))
    body = Body.objects.filter(unit=unit).order_by("kind").first()
    PositionFactory(person=person, unit=unit, body=body, title=title, **kw)
    return person
