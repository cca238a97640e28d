"""Reading people: positions on a date, duplicate suggestions, body guesses, references.

Reads that depend on the user go through `danvan.accounts.permissions`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import F, Model, Q, QuerySet
from django.http import Http404

from danvan.accounts import permissions
from danvan.accounts.permissions import ACTION_ROLES
from danvan.lib.text import fold
from danvan.units.models import Body, Level, Lineage, Unit, UnitClosure

from .models import CAREER_ORDER, Person, Position
from .titles import body_kind_hint


def positions_on(person: Person, day: dt.date) -> QuerySet[Position]:
    """The positions `person` holds on `day` (open bounds count as holding), body and unit
    loaded. "Vũ Thị Mai Anh" on 01/12/2022 → two rows: Phó Bí thư TT Thành uỷ and
    Trưởng BCĐ thực hiện QCDC Thành phố."""
    return (
        Position.objects.filter(person=person)
        .valid_on(day)
        .select_related("body", "unit")
        .order_by(*CAREER_ORDER)
    )


# --- permission-aware fetches -------------------------------------------------------


def get_person_for_user(user: Any, code: Any, action: str = "people.view") -> Person:
    """A person by code for a user with `action` anywhere; 404 otherwise (hidden = missing)."""
    if not permissions.can_anywhere(user, action):
        raise Http404("Không tìm thấy.")
    try:
        return Person.objects.select_related("merged_into").get(code=code)
    except (Person.DoesNotExist, ValueError) as e:
        raise Http404("Không tìm thấy.") from e


def get_position_for_user(user: Any, code: Any) -> Position:
    """A position by code; visible like its holder (people.view anywhere)."""
    if not permissions.can_anywhere(user, "people.view"):
        raise Http404("Không tìm thấy.")
    try:
        return Position.objects.select_related("person", "unit", "body").get(code=code)
    except (Position.DoesNotExist, ValueError) as e:
        raise Http404("Không tìm thấy.") from e


def position_units(person: Person) -> list[Unit]:
    units: dict[int, Unit] = {}
    for position in person.positions.select_related("unit"):
        if position.unit_id:
            units.setdefault(position.unit_id, position.unit)  # type: ignore[arg-type]
    return list(units.values())


def can_edit_person(user: Any, person: Person) -> bool:
    units = position_units(person)
    if not units:
        return permissions.can_anywhere(user, "people.edit")
    return any(permissions.can(user, "people.edit", u) for u in units)


def can_merge(user: Any, *people: Person) -> bool:
    units = [u for p in people for u in position_units(p)]
    if not units:
        return permissions.can_anywhere(user, "people.merge")
    return all(permissions.can(user, "people.merge", u) for u in units)


def any_unit_in_scope(user: Any, action: str) -> Unit | None:
    """Some unit where `user` may do `action` (the nation first), or None."""
    return permissions.scope(user, action).order_by("level", "pk").first()


# --- bodies --------------------------------------------------------------------------


def guess_body(title: str, unit: Unit, on: dt.date | None = None) -> Body | None:
    """The body of `unit` a post most likely belongs to ('Trưởng Ban Dân vận…' → the Ban
    Dân vận), valid on `on` when given; None when the title names no known kind."""
    kind = body_kind_hint(title)
    if not kind:
        return None
    bodies = Body.objects.filter(unit=unit, kind=kind)
    if on is not None:
        bodies = bodies.valid_on(on)
    return bodies.order_by(F("valid_from").desc(nulls_last=True)).first()


# --- duplicates ----------------------------------------------------------------------


@dataclass
class Suggestion:
    person: Person
    overlap: bool  # positions in the same, enclosing or predecessor/successor units
    shared: list[str] = field(default_factory=list)  # names of the overlapping units


def _neighbourhood(unit_ids: set[int]) -> set[int]:
    """The units, their ancestors below the nation, and their lineage neighbours."""
    ids = set(unit_ids)
    nation = set(Unit.objects.filter(level=Level.NATION).values_list("pk", flat=True))
    ids |= set(
        UnitClosure.objects.filter(descendant_id__in=unit_ids)
        .exclude(ancestor_id__in=nation)
        .values_list("ancestor_id", flat=True)
    )
    links = Lineage.objects.filter(Q(predecessor_id__in=unit_ids) | Q(successor_id__in=unit_ids))
    for pred, succ in links.values_list("predecessor_id", "successor_id"):
        ids |= {pred, succ}
    return ids


def duplicate_suggestions(person: Person) -> list[Suggestion]:
    """Other active people with the same folded name; those whose positions overlap in
    units first. People without positions are shown, without overlap."""
    others = list(
        Person.objects.active()
        .filter(search_key=person.search_key)
        .exclude(pk=person.pk)
        .prefetch_related("positions__unit")
    )
    if not others:
        return []
    mine = {p.unit_id for p in person.positions.all() if p.unit_id}
    mine_near = _neighbourhood(mine) if mine else set()
    out = []
    for other in others:
        theirs = {p.unit_id: p.unit for p in other.positions.all() if p.unit_id}
        theirs_near = _neighbourhood(set(theirs)) if theirs else set()
        shared = {uid for uid in theirs if uid in mine_near} | (mine & theirs_near)
        names = sorted({str(theirs[u]) for u in shared if u in theirs})
        out.append(Suggestion(other, bool(shared), names))
    out.sort(key=lambda s: (not s.overlap, s.person.full_name, s.person.pk))
    return out


def match_person(full_name: str, *, unit: Unit | None = None) -> Person | None:
    """An existing active person with this folded name, preferring one with a position in
    `unit` or a unit related to it (ancestor, lineage). For ingestion and imports."""
    candidates = list(
        Person.objects.active().filter(search_key=fold(full_name)).prefetch_related("positions")
    )
    if not candidates:
        return None
    if unit is not None:
        near = _neighbourhood({unit.pk})
        for person in candidates:
            if any(p.unit_id in near for p in person.positions.all()):
                return person
        # Also accept someone working below `unit` (a commune official in a city list).
        below = set(
            UnitClosure.objects.filter(ancestor=unit).values_list("descendant_id", flat=True)
        )
        for person in candidates:
            if any(p.unit_id in below for p in person.positions.all()):
                return person
    return candidates[0] if len(candidates) == 1 else None


# --- references from other apps ------------------------------------------------------


@dataclass
class ReferenceGroup:
    label: str
    count: int
    items: list[tuple[str, str]]  # (text, url or "")
    hidden: int = 0  # rows the user may not see


def _unit_path(model: type[Model], via: str) -> str | None:
    """How to reach a unit from `model` rows: 'unit', or '<fk>__unit' through another FK."""
    names = {f.name for f in model._meta.get_fields()}
    if "unit" in names:
        return "unit"
    for f in model._meta.get_fields():
        if f.many_to_one and f.name != via and f.related_model is not None:
            if "unit" in {g.name for g in f.related_model._meta.get_fields()}:
                return f"{f.name}__unit"
    return None


def _text_of(row: Model, unit_path: str) -> str:
    """'Hội nghị … — Vũ Thị Mai Anh (Chủ trì)': the parent record first when reached through one."""
    if "__" in unit_path:
        parent = getattr(row, unit_path.split("__")[0], None)
        if parent is not None:
            return f"{parent} — {row}"
    return str(row)


def _url_of(row: Model, unit_path: str) -> str:
    if hasattr(row, "get_absolute_url"):
        return row.get_absolute_url()
    if "__" in unit_path:
        parent = getattr(row, unit_path.split("__")[0], None)
        if parent is not None and hasattr(parent, "get_absolute_url"):
            return parent.get_absolute_url()
    return ""


def referencing_records(person: Person, user: Any, limit: int = 20) -> list[ReferenceGroup]:
    """Records of every app that point at `person` (found generically), filtered by what the
    user may see in that app (`<app>.view` on the record's unit). Positions and merged
    duplicates are shown elsewhere on the page."""
    groups: list[ReferenceGroup] = []
    for rel in Person._meta.related_objects:
        model = rel.related_model
        if model in (Person, Position):
            continue
        via = rel.field.name  # the FK or M2M field on `model` that points at Person
        rows = model._base_manager.filter(**{via: person}).distinct()
        total = rows.count()
        if not total:
            continue
        label = str(model._meta.verbose_name_plural).capitalize()
        action = f"{model._meta.app_label}.view"
        path = _unit_path(model, via)
        if path is None or action not in ACTION_ROLES:
            groups.append(ReferenceGroup(label, total, [], hidden=total))
            continue
        seen = permissions.visible(user, rows, action, unit_field=path)
        if "__" in path:
            seen = seen.select_related(path.split("__")[0])
        items = [(_text_of(r, path), _url_of(r, path)) for r in seen[:limit]]
        shown = seen.count()
        groups.append(ReferenceGroup(label, total, items, hidden=total - shown))
    return groups


# --- merging -------------------------------------------------------------------------


def references_to(target: type[models.Model]) -> list[tuple[type[models.Model], str, str]]:
    """(model, field pointing at `target`, label) for every reference to `target` in the
    project, found through `target._meta.related_objects` so that models added later by any
    app are covered: foreign keys, one-to-one keys and the through rows of many-to-many
    fields. A many-to-many with an explicit through model is seen once."""
    out: dict[tuple[type[models.Model], str], str] = {}
    for rel in target._meta.related_objects:
        if rel.many_to_many:
            through = rel.through
            name = rel.field.m2m_reverse_field_name()
            label = f"{rel.related_model._meta.verbose_name_plural} ({rel.field.verbose_name})"
            out.setdefault((through, name), label)
        else:
            out.setdefault(
                (rel.related_model, rel.field.name),
                str(rel.related_model._meta.verbose_name_plural),
            )
    return [(model, name, label) for (model, name), label in out.items()]


def person_references() -> list[tuple[type[models.Model], str, str]]:
    """Every reference to Person in the project (see `references_to`)."""
    return references_to(Person)


def merge_preview(keep: Person, duplicate: Person) -> list[tuple[str, int]]:
    """What a merge would move: (label, rows) for every reference to the duplicate."""
    out = []
    for model, name, label in person_references():
        n = model._base_manager.filter(**{name: duplicate}).count()
        if n:
            out.append((label, n))
    return out
