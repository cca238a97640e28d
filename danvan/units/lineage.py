"""Predecessors and successors across the 2025 reorganisation.

Links are stored for provinces, communes and the five island districts that became
special zones. Other districts have no direct successor: they "reach" the new
communes their communes went into, which is derived here rather than stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Level, Lineage, LineageKind, Unit


@dataclass(frozen=True, slots=True)
class Link:
    unit: Unit
    kind: str
    kind_label: str
    is_default: bool
    derived: bool = False  # reached through the unit's communes, not linked directly


def successors(unit: Unit) -> list[Link]:
    direct = list(Lineage.objects.filter(predecessor=unit).select_related("successor__parent"))
    if direct or unit.level != Level.DISTRICT:
        return [Link(x.successor, x.kind, x.get_kind_display(), x.is_default) for x in direct]
    reached = (
        Unit.objects.filter(predecessor_links__predecessor__parent=unit)
        .select_related("parent")
        .distinct()
        .order_by("code")
    )
    return [Link(u, "", "Tiếp nhận địa bàn", True, derived=True) for u in reached]


def predecessors(unit: Unit) -> list[Link]:
    links = Lineage.objects.filter(successor=unit).select_related("predecessor__parent")
    return [Link(x.predecessor, x.kind, x.get_kind_display(), x.is_default) for x in links]


def predecessor_districts(unit: Unit) -> list[Unit]:
    """For a post-2025 commune: the districts its predecessor communes belonged to."""
    return list(
        Unit.objects.filter(level=Level.DISTRICT, children__successor_links__successor=unit)
        .select_related("parent")
        .distinct()
        .order_by("code")
    )


def successor_map(units: list[Unit]) -> dict[int, list[Link]]:
    """Successors of many units at once (search results), districts derived."""
    result: dict[int, list[Link]] = {u.pk: [] for u in units}
    ids = list(result)
    for x in Lineage.objects.filter(predecessor_id__in=ids).select_related("successor__parent"):
        result[x.predecessor_id].append(
            Link(x.successor, x.kind, x.get_kind_display(), x.is_default)
        )
    district_ids = [u.pk for u in units if u.level == Level.DISTRICT and not result[u.pk]]
    if district_ids:
        seen: set[tuple[int, int]] = set()
        rows = Lineage.objects.filter(predecessor__parent_id__in=district_ids).select_related(
            "successor__parent", "predecessor"
        )
        for x in rows.order_by("successor__code"):
            pair = (x.predecessor.parent_id, x.successor_id)
            if pair not in seen:
                seen.add(pair)
                result[x.predecessor.parent_id].append(
                    Link(x.successor, "", "Tiếp nhận địa bàn", True, derived=True)
                )
    return result


KIND_ORDER = [LineageKind.UNCHANGED, LineageKind.RENAMED, LineageKind.MERGED, LineageKind.SPLIT]
