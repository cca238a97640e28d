"""Keeping the monthly tallies current: a record's old and new facts, applied as a delta.

On save the record's previous state is read (one query) and its facts compared with
the new ones; the difference is added to the record's unit and every ancestor, in the
same transaction, so the next figure already includes it. Cost per write: one
UPDATE (or INSERT) per changed indicator per level (at most 4 levels).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save, pre_save

from danvan.units.models import UnitClosure

from .facts import Cell, facts_of
from .models import Tally

# Called with {(unit ids of ancestors, months)} after a change: marks approved reports stale.
ON_CHANGE: list[Callable[[set[int], set], None]] = []


def apply(delta: Counter[Cell]) -> None:
    """Add `delta` (values may be negative) to the tallies of each unit and its ancestors."""
    delta = Counter({k: v for k, v in delta.items() if v})
    if not delta:
        return
    unit_ids = {unit for _, unit, _ in delta}
    ancestors: dict[int, list[int]] = {}
    for ancestor, descendant in UnitClosure.objects.filter(descendant_id__in=unit_ids).values_list(
        "ancestor_id", "descendant_id"
    ):
        ancestors.setdefault(descendant, []).append(ancestor)
    expanded: Counter[Cell] = Counter()
    for (indicator, unit, month), value in delta.items():
        for ancestor in ancestors.get(unit, [unit]):
            expanded[(indicator, ancestor, month)] += value
    for (indicator, unit, month), value in expanded.items():
        _add(indicator, unit, month, value)
    touched_units = {u for _, u, _ in expanded}
    touched_months = {m for _, _, m in expanded}
    for callback in ON_CHANGE:
        callback(touched_units, touched_months)


def _add(indicator: int, unit: int, month, value: int) -> None:  # type: ignore[no-untyped-def]
    updated = Tally.objects.filter(indicator_id=indicator, unit_id=unit, month=month).update(value=F("value") + value)
    if updated:
        return
    try:
        with transaction.atomic():
            Tally.objects.create(indicator_id=indicator, unit_id=unit, month=month, value=value)
    except IntegrityError:  # another writer created the cell between our UPDATE and INSERT
        Tally.objects.filter(indicator_id=indicator, unit_id=unit, month=month).update(value=F("value") + value)


def _before_save(sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs) -> None:  # type: ignore[no-untyped-def]
    if raw:
        return
    old = sender._default_manager.filter(pk=instance.pk).first() if instance.pk else None
    instance._reporting_old_facts = facts_of(old)  # type: ignore[attr-defined]


def _after_save(sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs) -> None:  # type: ignore[no-untyped-def]
    if raw:
        return
    old: Counter[Cell] = getattr(instance, "_reporting_old_facts", Counter())
    new = facts_of(instance)
    delta = Counter(new)
    delta.subtract(old)
    apply(delta)
    instance._reporting_old_facts = new  # type: ignore[attr-defined]


def _after_delete(sender: type[models.Model], instance: models.Model, **kwargs) -> None:  # type: ignore[no-untyped-def]
    delta: Counter[Cell] = Counter()
    delta.subtract(facts_of(instance))
    apply(delta)


def connect(model: type[models.Model]) -> None:
    uid = f"reporting-{model._meta.label_lower}"
    pre_save.connect(_before_save, sender=model, dispatch_uid=uid + "-pre")
    post_save.connect(_after_save, sender=model, dispatch_uid=uid + "-post")
    post_delete.connect(_after_delete, sender=model, dispatch_uid=uid + "-delete")
