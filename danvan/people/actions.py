"""Every change to people and positions: permission, validation, write, audit row.

See the package docstring for who may view, edit and merge, and why.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from danvan.accounts.permissions import can, require
from danvan.audit.log import VERB_LABELS, diff, record
from danvan.lib.text import fold, nfc
from danvan.units.models import Body, Unit

from .models import Person, Position
from .queries import (
    any_unit_in_scope,
    guess_body,
    person_references,
    position_units,
    references_to,
)
from .titles import split_position_text

VERB_LABELS.update(
    {
        "people.create": "Thêm cán bộ",
        "people.update": "Sửa thông tin cán bộ",
        "people.add_position": "Thêm chức vụ",
        "people.update_position": "Sửa chức vụ",
        "people.end_position": "Kết thúc chức vụ",
        "people.merge": "Gộp hồ sơ trùng vào hồ sơ này",
        "people.merged_into": "Được gộp vào hồ sơ khác",
    }
)

GENDERS = {"": "", "male": "Nam", "female": "Nữ"}


@dataclass(frozen=True, slots=True)
class PositionSpec:
    """A position to add: the title as written, where, and when."""

    title: str
    unit: Unit | None = None
    body: Body | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    source: str = ""


@dataclass
class MergeResult:
    keep: Person
    duplicate: Person
    moved: Counter[str] = field(default_factory=Counter)  # label → rows moved
    dropped: Counter[str] = field(default_factory=Counter)  # label → rows already on keep

    @property
    def summary(self) -> str:
        parts = [f"{n} {label}" for label, n in self.moved.items()]
        text = "chuyển " + ", ".join(parts) if parts else "không có mục nào cần chuyển"
        if self.dropped:
            text += "; bỏ " + ", ".join(f"{n} {label} đã có" for label, n in self.dropped.items())
        return text


# --- helpers (private: no permission check of their own) ----------------------------


def _clean_name(full_name: str) -> str:
    name = nfc(full_name or "")
    if not name:
        raise ValidationError("Hãy nhập họ và tên.")
    if len(name) > 150:
        raise ValidationError("Họ và tên dài quá 150 ký tự.")
    return name


def _check_gender(gender: str) -> None:
    if gender not in GENDERS:
        raise ValidationError("Giới tính không hợp lệ (Nam hoặc Nữ).")


def _check_birth_year(year: int | None) -> None:
    if year is not None and not 1900 <= year <= timezone.localdate().year:
        raise ValidationError("Năm sinh không hợp lệ.")


def _edit_unit(by: Any, person: Person, action: str) -> Unit | None:
    """The unit to check `action` on for a person-level change: one of their position
    units the user may act on (else the first, so the check fails); for a person without
    positions, any unit in the user's scope (i.e. the role anywhere)."""
    units = position_units(person)
    if not units:
        return any_unit_in_scope(by, action)
    return next((u for u in units if can(by, action, u)), units[0])


def _not_merged(person: Person) -> None:
    if person.merged_into_id is not None:
        raise ValidationError(
            f"Hồ sơ “{person.full_name}” đã được gộp vào hồ sơ khác; hãy sửa hồ sơ được giữ lại."
        )


def _position_fields(spec: PositionSpec) -> tuple[str, Unit, Body | None]:
    title = nfc(spec.title or "")
    if not title:
        raise ValidationError("Hãy nhập chức danh.")
    if len(title) > 300:
        raise ValidationError("Chức danh dài quá 300 ký tự.")
    unit = spec.body.unit if spec.body is not None else spec.unit
    if unit is None:
        raise ValidationError("Hãy chọn đơn vị hoặc cơ quan, tổ chức của chức vụ.")
    if spec.body is not None and spec.unit is not None and spec.body.unit_id != spec.unit.pk:
        raise ValidationError("Cơ quan, tổ chức không thuộc đơn vị đã chọn.")
    if spec.valid_from and spec.valid_to and spec.valid_to < spec.valid_from:
        raise ValidationError("Ngày kết thúc phải sau ngày bắt đầu.")
    return title, unit, spec.body


def _same_position(
    person: Person, title: str, unit: Unit, body: Body | None, valid_from: dt.date | None
) -> Position | None:
    key = fold(title)
    for p in person.positions.filter(unit=unit, body=body, valid_from=valid_from):
        if fold(p.title) == key:
            return p
    return None


def _insert_position(person: Person, spec: PositionSpec, *, by: Any) -> tuple[Position, bool]:
    title, unit, body = _position_fields(spec)
    existing = _same_position(person, title, unit, body, spec.valid_from)
    if existing is not None:
        return existing, False
    position = Position.objects.create(
        person=person,
        title=title,
        unit=unit,
        body=body,
        valid_from=spec.valid_from,
        valid_to=spec.valid_to,
        source=nfc(spec.source or "")[:300],
        created_by=by if getattr(by, "pk", None) else None,
    )
    return position, True


def _position_data(position: Position) -> dict[str, Any]:
    return {
        "Chức danh": position.title,
        "Cơ quan, tổ chức": str(position.body) if position.body_id else "",
        "Đơn vị": str(position.unit) if position.unit_id else "",
        "Từ ngày": f"{position.valid_from:%d/%m/%Y}" if position.valid_from else "",
        "Đến ngày": f"{position.valid_to:%d/%m/%Y}" if position.valid_to else "",
        "Nguồn": position.source,
    }


def _person_data(person: Person) -> dict[str, Any]:
    return {
        "Họ và tên": person.full_name,
        "Giới tính": GENDERS.get(person.gender, ""),
        "Năm sinh": person.birth_year,
        "Ghi chú": person.note,
    }


# --- people --------------------------------------------------------------------------


@transaction.atomic
def create_person(
    *,
    by: Any,
    full_name: str,
    gender: str = "",
    birth_year: int | None = None,
    note: str = "",
    external_id: str = "",
    position: PositionSpec | None = None,
) -> Person:
    """Add an official, optionally with a first position. Needs `people.edit` on the
    position's unit, or somewhere when no position is given. Idempotent on external_id."""
    first_unit = (position.body.unit if position.body else position.unit) if position else None
    require(by, "people.edit", first_unit or any_unit_in_scope(by, "people.edit"))
    name = _clean_name(full_name)
    _check_gender(gender)
    _check_birth_year(birth_year)
    external_id = (external_id or "").strip()
    if external_id:
        existing = Person.objects.filter(external_id=external_id).first()
        if existing is not None:
            return existing.final()
    person = Person.objects.create(
        full_name=name,
        search_key=fold(name),
        gender=gender,
        birth_year=birth_year,
        note=nfc(note or ""),
        external_id=external_id,
        created_by=by if getattr(by, "pk", None) else None,
    )
    data: dict[str, Any] = {"changes": {k: [None, v] for k, v in _person_data(person).items() if v}}
    if position is not None:
        pos, _ = _insert_position(person, position, by=by)
        data["note"] = f"Chức vụ: {pos.title}"
    record(by, "people.create", person, unit=first_unit, data=data)
    return person


@transaction.atomic
def update_person(
    person: Person,
    *,
    by: Any,
    full_name: str,
    gender: str = "",
    birth_year: int | None = None,
    note: str = "",
) -> Person:
    """Correct a person's name, gender, birth year or note."""
    require(by, "people.edit", _edit_unit(by, person, "people.edit"))
    person = Person.objects.select_for_update().get(pk=person.pk)
    _not_merged(person)
    name = _clean_name(full_name)
    _check_gender(gender)
    _check_birth_year(birth_year)
    before = _person_data(person)
    person.full_name, person.search_key = name, fold(name)
    person.gender, person.birth_year, person.note = gender, birth_year, nfc(note or "")
    changes = diff(before, _person_data(person))
    if changes:
        person.save(
            update_fields=["full_name", "search_key", "gender", "birth_year", "note", "updated_at"]
        )
        record(by, "people.update", person, data={"changes": changes})
    return person


# --- positions -----------------------------------------------------------------------


@transaction.atomic
def add_position(person: Person, spec: PositionSpec, *, by: Any) -> Position:
    """Add a post the person holds (or held). The same title in the same place from the same
    date is not added twice."""
    _, unit, _ = _position_fields(spec)
    require(by, "people.edit", unit)
    _not_merged(person)
    position, created = _insert_position(person, spec, by=by)
    if created:
        record(
            by,
            "people.add_position",
            person,
            unit=unit,
            data={
                "note": position.title,
                "changes": {k: [None, v] for k, v in _position_data(position).items() if v},
            },
        )
    return position


@transaction.atomic
def update_position(position: Position, spec: PositionSpec, *, by: Any) -> Position:
    """Correct a position; needs the role on its current unit and on the new one."""
    require(by, "people.edit", position.unit)
    _, unit, body = _position_fields(spec)
    require(by, "people.edit", unit)
    position = Position.objects.select_for_update().select_related("person").get(pk=position.pk)
    _not_merged(position.person)
    before = _position_data(position)
    position.title, position.unit, position.body = nfc(spec.title), unit, body
    position.valid_from, position.valid_to = spec.valid_from, spec.valid_to
    position.source = nfc(spec.source or "")[:300]
    changes = diff(before, _position_data(position))
    if changes:
        position.save(
            update_fields=[
                "title",
                "unit",
                "body",
                "valid_from",
                "valid_to",
                "source",
                "updated_at",
            ]
        )
        record(
            by,
            "people.update_position",
            position.person,
            unit=unit,
            data={"note": position.title, "changes": changes},
        )
    return position


@transaction.atomic
def end_position(position: Position, *, by: Any, valid_to: dt.date, note: str = "") -> Position:
    """The person left the post on `valid_to` (the last day held)."""
    require(by, "people.edit", position.unit)
    position = Position.objects.select_for_update().select_related("person").get(pk=position.pk)
    if position.valid_to is not None:
        raise ValidationError(f"Chức vụ này đã kết thúc ngày {position.valid_to:%d/%m/%Y}.")
    if position.valid_from and valid_to < position.valid_from:
        raise ValidationError("Ngày kết thúc phải sau ngày bắt đầu giữ chức vụ.")
    position.valid_to = valid_to
    position.save(update_fields=["valid_to", "updated_at"])
    record(
        by,
        "people.end_position",
        position.person,
        unit=position.unit,
        data={
            "note": f"{position.title}" + (f" — {nfc(note)}" if note else ""),
            "changes": {"Đến ngày": [None, f"{valid_to:%d/%m/%Y}"]},
        },
    )
    return position


@transaction.atomic
def add_positions_from_text(
    person: Person, text: str, *, by: Any, unit: Unit, on: dt.date | None = None, source: str = ""
) -> list[Position]:
    """Record the posts of a text as written ("Phó Bí thư TT Thành uỷ, Trưởng BCĐ…"), each
    with its guessed body at `unit` on `on`. Posts already recorded at that unit are not
    added again. For conferences and ingestion: the dates are unknown, `source` says
    where and when the posts were seen."""
    require(by, "people.edit", unit)
    _not_merged(person)
    out: list[Position] = []
    added: list[str] = []
    for title in split_position_text(text):
        key = fold(title)
        known = next((p for p in person.positions.filter(unit=unit) if fold(p.title) == key), None)
        if known is not None:
            out.append(known)
            continue
        body = guess_body(title, unit, on)
        position, _ = _insert_position(
            person, PositionSpec(title=title, unit=unit, body=body, source=source), by=by
        )
        out.append(position)
        added.append(title)
    if added:
        record(
            by,
            "people.add_position",
            person,
            unit=unit,
            data={"note": "; ".join(added) + (f" ({source})" if source else "")},
        )
    return out


# --- merging -------------------------------------------------------------------------


def _move(
    model: type[models.Model], name: str, keep: models.Model, duplicate: models.Model
) -> tuple[int, int]:
    """Point `model.name` rows from duplicate to keep. Rows that would break a unique
    constraint (keep already has the same reference) are deleted instead."""
    manager = model._base_manager
    rows = manager.filter(**{name: duplicate})
    count = rows.count()
    if not count:
        return 0, 0
    try:
        with transaction.atomic():  # savepoint: one constraint failure must not end the merge
            rows.update(**{name: keep})
        return count, 0
    except IntegrityError:
        pass
    moved = dropped = 0
    for pk in list(manager.filter(**{name: duplicate}).values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                manager.filter(pk=pk).update(**{name: keep})
            moved += 1
        except IntegrityError:
            try:
                with transaction.atomic():
                    manager.filter(pk=pk).delete()
            except IntegrityError as e:
                raise ValidationError(
                    f"Không gộp được: một {model._meta.verbose_name} của hồ sơ trùng không chuyển "
                    "được và cũng không xóa được."
                ) from e
            dropped += 1
    return moved, dropped


def _dedupe_positions(person: Person) -> int:
    """After a merge the kept person may hold the same position twice: keep the first, after
    pointing every reference to the other one (a conference participation's posts…) at it."""
    first: dict[tuple[Any, ...], Position] = {}
    extra: list[int] = []
    for p in person.positions.order_by("pk"):
        key = (fold(p.title), p.body_id, p.unit_id, p.valid_from, p.valid_to)
        if key in first:
            for model, name, _ in references_to(Position):
                _move(model, name, first[key], p)
            extra.append(p.pk)
        else:
            first[key] = p
    if extra:
        Position.objects.filter(pk__in=extra).delete()
    return len(extra)


@transaction.atomic
def merge_people(keep: Person, duplicate: Person, *, by: Any, note: str = "") -> MergeResult:
    """Merge `duplicate` into `keep`: every reference to the duplicate in any app (positions,
    conference attendees, commendations, steering-committee members, and models added
    later — found generically through Person._meta.related_objects) is moved to `keep`;
    blank fields of `keep` are filled from the duplicate; the duplicate stays as a record
    with merged_into=keep, and its page redirects to the person kept.

    Needs `people.merge` on every unit where either person holds a position.
    """
    units = {u.pk: u for p in (keep, duplicate) for u in position_units(p)}
    for unit in list(units.values()) or [any_unit_in_scope(by, "people.merge")]:
        require(by, "people.merge", unit)
    keep = Person.objects.select_for_update().get(pk=keep.pk)
    duplicate = Person.objects.select_for_update().get(pk=duplicate.pk)
    if keep.pk == duplicate.pk:
        raise ValidationError("Không thể gộp một hồ sơ với chính nó.")
    _not_merged(keep)
    _not_merged(duplicate)

    result = MergeResult(keep=keep, duplicate=duplicate)
    for model, name, label in person_references():
        moved, dropped = _move(model, name, keep, duplicate)
        if moved:
            result.moved[label] += moved
        if dropped:
            result.dropped[label] += dropped
    twice = _dedupe_positions(keep)
    if twice:
        result.dropped["chức vụ"] += twice

    before = _person_data(keep)
    if not keep.gender and duplicate.gender:
        keep.gender = duplicate.gender
    if keep.birth_year is None and duplicate.birth_year is not None:
        keep.birth_year = duplicate.birth_year
    if duplicate.note and duplicate.note not in keep.note:
        keep.note = f"{keep.note}\n{duplicate.note}".strip()
    changes = diff(before, _person_data(keep))
    keep.save(update_fields=["gender", "birth_year", "note", "updated_at"])
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into", "updated_at"])

    unit = next(iter(units.values()), None)
    text = f"Gộp hồ sơ “{duplicate.full_name}”: {result.summary}."
    if note:
        text += f" {nfc(note)}"
    record(
        by,
        "people.merge",
        keep,
        unit=unit,
        data={"note": text, "changes": changes, "duplicate": str(duplicate.code)},
    )
    record(
        by,
        "people.merged_into",
        duplicate,
        unit=unit,
        data={"note": f"Gộp vào hồ sơ “{keep.full_name}”.", "keep": str(keep.code)},
    )
    return result
