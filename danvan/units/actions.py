"""State changes to units. The hierarchy is public fact, changed only by loading."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from danvan.audit.log import record

from . import loader


@transaction.atomic
def load_units(*, by: Any = None) -> loader.LoadResult:
    """Load or refresh both structures, their lineage and standard bodies.

    Only the command line calls this (no permission applies to a system load); a
    second run changes nothing.
    """
    units, links = loader.read_source()
    result = loader.load(units, links)
    if (
        result.inserted
        or result.updated
        or result.lineage_inserted
        or result.lineage_updated
        or result.bodies_inserted
    ):
        record(
            by,
            "units.load",
            data={
                "source": loader.SOURCE,
                "inserted": result.inserted,
                "updated": result.updated,
                "lineage_inserted": result.lineage_inserted,
                "bodies_inserted": result.bodies_inserted,
            },
        )
    return result
