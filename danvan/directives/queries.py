"""Read-only questions about the registry: bodies, unit versions, what was done under a document."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from danvan.accounts import permissions
from danvan.units.models import Body, Level, Lineage, Unit

from .models import Directive, DirectiveLink

CHAIN_LIMIT = 20  # amendment/replacement chains are short; this only guards against bad data


def default_body(unit: Unit | None, issuer_code: str, on: dt.date | None) -> Body | None:
    """The unit's body whose document code heads the issuer ('TU' for 'TU', 'HĐND' for
    'HĐND-…'), under the name it had on `on`."""
    if unit is None or not issuer_code:
        return None
    head = issuer_code.split("-")[0]
    bodies = Body.objects.filter(unit=unit, short_code=head)
    if on is not None:
        dated = bodies.valid_on(on).order_by("-valid_from").first()
        if dated is not None:
            return dated
    return bodies.order_by("-valid_from").first()


def unit_on(unit: Unit, day: dt.date) -> Unit:
    """The version of `unit` in force on `day`: itself, or the predecessor it was formed from
    (a 2021 document cited from today's Phường Hạ Long was issued in the old city)."""
    if unit.is_valid_on(day):
        return unit
    if unit.valid_from and day < unit.valid_from:
        links = Lineage.objects.filter(successor=unit).select_related("predecessor")
        for row in links.order_by("-is_default", "predecessor__code"):
            if row.predecessor.is_valid_on(day):
                return row.predecessor
    if unit.valid_to and day > unit.valid_to:
        row = (
            Lineage.objects.filter(predecessor=unit)
            .select_related("successor")
            .order_by("-is_default")
            .first()
        )
        if row is not None and row.successor.is_valid_on(day):
            return row.successor
    return unit


def unit_chain(unit: Unit | None, day: dt.date) -> list[Unit]:
    """The unit in force on `day` and its ancestors, nearest first, the nation last."""
    if unit is None:
        nation = Unit.objects.filter(level=Level.NATION).first()
        return [nation] if nation else []
    base = unit_on(unit, day)
    return [base, *reversed(base.ancestors())]


# --- Everything done under a document ------------------------------------------------


@dataclass
class LinkedRecord:
    link: DirectiveLink
    target: Any
    url: str
    can_unlink: bool


@dataclass
class LinkGroup:
    """The links of one record type ('Hội nghị'), visible ones listed, hidden ones counted."""

    label: str
    records: list[LinkedRecord] = field(default_factory=list)
    hidden: int = 0


def view_action(ct: ContentType) -> str:
    """The action that lets a user see records of this type: '<app>.view' when it exists."""
    action = f"{ct.app_label}.view"
    return action if action in permissions.ACTION_ROLES else "directives.view"


def linked_records(user: Any, directive: Directive) -> list[LinkGroup]:
    """The records linked to `directive`, grouped by type, filtered by what `user` may see.

    A link is visible when its record's unit is in the user's scope for the record app's own
    view action (conferences.view, followups.view…); the others are only counted, so the
    page says how much was done without showing what the user may not read.
    """
    links = list(directive.links.select_related("content_type").order_by("-created_at"))
    groups: dict[int, list[DirectiveLink]] = {}
    for row in links:
        groups.setdefault(row.content_type_id, []).append(row)
    editable = set(
        permissions.scope(user, "directives.edit")
        .filter(pk__in={r.unit_id for r in links if r.unit_id})
        .values_list("pk", flat=True)
    )
    out = []
    for rows in groups.values():
        ct = rows[0].content_type
        shown_ids = set(
            permissions.visible(
                user, DirectiveLink.objects.filter(pk__in=[r.pk for r in rows]), view_action(ct)
            ).values_list("pk", flat=True)
        )
        model = ct.model_class()
        group = LinkGroup(label=_plural(model, ct))
        shown = [r for r in rows if r.pk in shown_ids]
        targets = _targets(model, [r.object_id for r in shown])
        for r in shown:
            target = targets.get(r.object_id)
            url = getattr(target, "get_absolute_url", None)
            group.records.append(
                LinkedRecord(r, target, url() if callable(url) else "", r.unit_id in editable)
            )
        group.hidden = len(rows) - len(shown)
        out.append(group)
    return sorted(out, key=lambda g: g.label)


def _plural(model: type[Model] | None, ct: ContentType) -> str:
    if model is None:
        return ct.model
    return str(model._meta.verbose_name_plural).capitalize()


def _targets(model: type[Model] | None, ids: list[str]) -> dict[str, Any]:
    if model is None or not ids:
        return {}
    return {str(obj.pk): obj for obj in model._base_manager.filter(pk__in=ids)}


# --- Amendment and replacement chains ----------------------------------------------------


def replacement_chain(d: Directive) -> list[Directive]:
    """Older documents it replaced, itself, then the documents that replaced it, in order."""
    older: list[Directive] = []
    current = d
    while len(older) < CHAIN_LIMIT:
        prev = current.replaces.order_by("-issued_on").first()
        if prev is None or prev in older or prev == d:
            break
        older.insert(0, prev)
        current = prev
    newer: list[Directive] = []
    current = d
    while current.replaced_by_id and len(newer) < CHAIN_LIMIT:
        nxt = Directive.objects.get(pk=current.replaced_by_id)
        if nxt in newer or nxt == d:
            break
        newer.append(nxt)
        current = nxt
    return [*older, d, *newer]


def can_view(user: Any) -> bool:
    """Documents are published: any official with a role anywhere reads the whole registry."""
    return permissions.can_anywhere(user, "directives.view")


def can_edit(user: Any, d: Directive) -> bool:
    """Editors of the issuing unit; for an entry without one, editors anywhere."""
    if d.issuing_unit_id is None:
        return permissions.can_anywhere(user, "directives.edit")
    return permissions.can(user, "directives.edit", d.issuing_unit)
