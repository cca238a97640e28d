"""Maintaining and reading the closure table."""

from __future__ import annotations

from collections.abc import Iterable

from .models import Unit, UnitClosure


def link_closure(units: Iterable[Unit]) -> int:
    """Add closure rows for new units whose parents are already linked.

    Units must come parents first. Returns the number of rows written.
    """
    rows: list[UnitClosure] = []
    for unit in units:
        rows.append(UnitClosure(ancestor_id=unit.pk, descendant_id=unit.pk, depth=0))
        if unit.parent_id is None:
            continue
        for ancestor_id, depth in UnitClosure.objects.filter(
            descendant_id=unit.parent_id
        ).values_list("ancestor_id", "depth"):
            rows.append(
                UnitClosure(ancestor_id=ancestor_id, descendant_id=unit.pk, depth=depth + 1)
            )
    UnitClosure.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def rebuild_closure() -> int:
    """Recompute the whole table from Unit.parent, in memory (about 60,000 rows)."""
    parents = dict(Unit.objects.values_list("pk", "parent_id"))
    rows: list[UnitClosure] = []
    for pk in parents:
        depth, node = 0, pk
        while node is not None:
            rows.append(UnitClosure(ancestor_id=node, descendant_id=pk, depth=depth))
            node, depth = parents[node], depth + 1
    UnitClosure.objects.all().delete()
    UnitClosure.objects.bulk_create(rows, batch_size=5000)
    return len(rows)
