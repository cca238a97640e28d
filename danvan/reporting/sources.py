"""Record types the indicators can count: registered by their apps.

    from danvan.reporting.sources import Source, register
    register(Source(key="petitions.petition", model=Petition, label="Đơn thư"))

Registering connects the tally signals, so every save and delete of such a record
updates the monthly tallies in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True, slots=True)
class Source:
    key: str
    model: type[models.Model]
    label: str
    unit_field: str = "unit"  # FK to units.Unit on the record


SOURCES: dict[str, Source] = {}
BY_MODEL: dict[type[models.Model], Source] = {}


def register(source: Source) -> None:
    from . import tally  # the signal handlers

    SOURCES[source.key] = source
    BY_MODEL[source.model] = source
    tally.connect(source.model)


def get(key: str) -> Source:
    try:
        return SOURCES[key]
    except KeyError as e:
        raise KeyError(f"Unknown reporting source {key!r}; registered: {sorted(SOURCES)}") from e
