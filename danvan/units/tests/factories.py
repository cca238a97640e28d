"""Factories for a small unit tree; they only set up, the code under test runs for real."""

from __future__ import annotations

import factory

from danvan.units import bodies as body_rules
from danvan.units.models import Body, Kind, Level, Lineage, LineageKind, Unit
from danvan.units.search import unit_search_key
from danvan.units.tree import link_closure


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"T{n:04d}")
    key = factory.LazyAttribute(
        lambda o: o.code if o.valid_to is None else f"{o.code}@{o.valid_to.isoformat()}"
    )
    short_name = factory.Sequence(lambda n: f"Thử Nghiệm {n}")
    kind = Kind.COMMUNE
    level = Level.COMMUNE
    name = factory.LazyAttribute(lambda o: f"{Kind(o.kind).label} {o.short_name}")
    valid_from = None
    valid_to = None
    search_key = factory.LazyAttribute(lambda o: unit_search_key(o.short_name, o.name))
    source = "test"

    @factory.post_generation
    def closure(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            link_closure([obj])

    @factory.post_generation
    def with_bodies(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create and extracted is not False:
            for spec in body_rules.standard_bodies(
                kind=obj.kind,
                level=obj.level,
                short_name=obj.short_name,
                valid_from=obj.valid_from,
                valid_to=obj.valid_to,
            ):
                Body.objects.create(
                    unit=obj,
                    kind=spec.kind,
                    name=spec.name,
                    short_code=spec.short_code,
                    valid_from=spec.valid_from,
                    valid_to=spec.valid_to,
                )


def nation() -> Unit:
    existing = Unit.objects.filter(key="VN").first()
    return existing or UnitFactory(
        code="VN",
        key="VN",
        kind=Kind.NATION,
        level=Level.NATION,
        short_name="Việt Nam",
        name="Việt Nam",
    )


def link(
    predecessor: Unit, successor: Unit, kind: str = LineageKind.MERGED, is_default: bool = True
) -> Lineage:
    return Lineage.objects.create(
        predecessor=predecessor, successor=successor, kind=kind, is_default=is_default
    )
