"""Every change to the directive registry: permission, domain rules, write, audit row.

Who may change what (the registry is read by everyone with a role, see views.py):

- A document's entry is created and edited by editors of its **issuing unit** (a role on a
  unit covers its subtree, so a province editor keeps the province's and its districts'
  documents). A document without an issuing unit (an issuer code we cannot place) may be
  edited by an editor anywhere.
- A **stub** created from a citation, and the date a later citation gives an undated stub,
  need the editor role on the **citing record's unit**: whoever may record a conference may
  note which documents it cites, even a Tỉnh ủy's. Completing the stub is an edit like any
  other (issuing unit).
- A **link** between a record and a document needs the editor role on the record's unit.

Views, the API, commands, the demo loader and other apps (through linking.py) call these.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from danvan.accounts.permissions import NotPermitted, can_anywhere, require
from danvan.audit.log import VERB_LABELS, record
from danvan.lib.text import nfc
from danvan.lib.vn import format_date
from danvan.units.models import Body, Unit

from .citations import Citation, parse_code
from .models import Directive, DirectiveLink
from .queries import default_body

VERB_LABELS.update(
    {
        "directives.create": "Thêm văn bản vào sổ",
        "directives.create_stub": "Tạo văn bản chờ bổ sung từ trích dẫn",
        "directives.date_stub": "Ghi ngày ban hành theo trích dẫn",
        "directives.update": "Cập nhật văn bản",
        "directives.complete": "Bổ sung đủ thông tin văn bản",
        "directives.link": "Liên kết văn bản chỉ đạo",
        "directives.unlink": "Gỡ liên kết văn bản chỉ đạo",
    }
)

#: Fields a person edits; number, type abbreviation, issuer code and system follow the symbol.
EDITABLE = (
    "symbol",
    "type_name",
    "issuing_unit",
    "issuing_body",
    "issued_on",
    "title",
    "valid_from",
    "valid_to",
    "replaced_by",
    "amends",
    "note",
)
SYMBOL_EXAMPLES = "56-NQ/TU, 11-QĐi/TW, 36/NQ-HĐND, 337/2021/NQ-HĐND, 10/2022/QH15"


def _deny_unless_editor_somewhere(by: Any) -> None:
    """For documents with no unit: the editor role anywhere (see the module docstring)."""
    if not can_anywhere(by, "directives.edit"):
        raise NotPermitted("Bạn không có quyền cập nhật sổ văn bản.")


# --- Values, validation, audit wording ----------------------------------------------


def _label(name: str) -> str:
    return str(Directive._meta.get_field(name).verbose_name).capitalize()


def _shown(value: Any) -> Any:
    """A value as the history timeline shows it (JSON-safe, Vietnamese)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(sorted(str(v) for v in value)) or None
    return value


def _snapshot(d: Directive, amends: set[Directive] | None) -> dict[str, Any]:
    values = {name: getattr(d, name) for name in EDITABLE if name != "amends"}
    if amends is not None:
        values["amends"] = amends
    return values


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        _label(k): [_shown(before.get(k)), _shown(v)]
        for k, v in after.items()
        if before.get(k) != v
    }


def _assign(d: Directive, values: dict[str, Any]) -> set[Directive] | None:
    """Put `values` on `d` (not saved); returns the new `amends` set, or None if unchanged."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    amends = values.pop("amends", None)
    for name in ("symbol", "type_name", "title"):
        if name in values:
            values[name] = nfc(values[name] or "")
    if "note" in values:
        values["note"] = (values["note"] or "").strip()
    unit_changed = "issuing_unit" in values and values["issuing_unit"] != d.issuing_unit
    for name, value in values.items():
        setattr(d, name, value)
    if "symbol" in values or "type_name" in values:
        _apply_symbol(d, explicit_type=bool(values.get("type_name")))
    if unit_changed and "issuing_body" not in values:
        d.issuing_body = None
    if d.issuing_body is None and d.issuing_unit is not None:
        d.issuing_body = default_body(d.issuing_unit, d.issuer_code, d.issued_on)
    return set(amends) if amends is not None else None


def _apply_symbol(d: Directive, *, explicit_type: bool) -> None:
    parsed = parse_code(d.symbol)
    if parsed is None:
        raise ValidationError(
            {"symbol": f"Số, ký hiệu “{d.symbol}” không đúng dạng (ví dụ: {SYMBOL_EXAMPLES})."}
        )
    d.symbol = parsed.code
    d.number, d.year, d.doc_type = parsed.number, parsed.year, parsed.doc_type or ""
    d.issuer_code, d.system = parsed.issuer, parsed.system
    if not explicit_type:
        d.type_name = parsed.type_name or d.type_name or ""


def _validate(d: Directive, amends: set[Directive] | None) -> None:
    errors: dict[str, str] = {}
    unit, day = d.issuing_unit, d.issued_on
    if d.issuing_body is not None and unit is not None and d.issuing_body.unit_id != unit.pk:
        errors["issuing_body"] = "Cơ quan ban hành không thuộc đơn vị ban hành đã chọn."
    if unit is not None and day is not None and not unit.is_valid_on(day):
        errors["issuing_unit"] = (
            f"{unit.name} không tồn tại vào ngày {format_date(day)} "
            f"({unit.validity_label}); hãy chọn đơn vị của thời điểm ban hành."
        )
    if day is not None and day > timezone.localdate():
        errors["issued_on"] = "Ngày ban hành không được sau hôm nay."
    elif day is not None and d.year and day.year != d.year:
        errors["issued_on"] = f"Năm ban hành {day.year} khác năm trong ký hiệu ({d.year})."
    if d.valid_from and d.valid_to and d.valid_to < d.valid_from:
        errors["valid_to"] = "Ngày hết hiệu lực phải sau ngày có hiệu lực."
    if d.replaced_by is not None and _replacement_loops(d):
        errors["replaced_by"] = "Văn bản không thể được thay thế bởi chính nó (kể cả gián tiếp)."
    if amends is not None and d.pk and any(a.pk == d.pk for a in amends):
        errors["amends"] = "Văn bản không thể tự sửa đổi chính nó."
    if not errors and _duplicate(d).exists():
        errors["symbol"] = (
            f"Sổ đã có văn bản {d.symbol} của {d.issuer_label or 'cơ quan chưa rõ'}"
            + (f" ngày {format_date(day)}." if day else " chưa ghi ngày: hãy bổ sung văn bản đó.")
        )
    if errors:
        raise ValidationError(errors)


def _replacement_loops(d: Directive) -> bool:
    """Following "replaced by" from `d` comes back to `d` (read from the database, so a stale
    instance passed in cannot hide a loop)."""
    seen: set[int] = set()
    pk = d.replaced_by.pk if d.replaced_by is not None else None
    while pk is not None and pk not in seen:
        if pk == d.pk:
            return True
        seen.add(pk)
        pk = Directive.objects.filter(pk=pk).values_list("replaced_by_id", flat=True).first()
    return False


def _duplicate(d: Directive) -> models.QuerySet[Directive]:
    """Another entry with the same identity: symbol, issuing unit (or issuer code), date."""
    qs = Directive.objects.filter(symbol=d.symbol, issued_on=d.issued_on)
    if d.issuing_unit_id:
        qs = qs.filter(issuing_unit_id=d.issuing_unit_id)
    else:
        qs = qs.filter(issuing_unit__isnull=True, issuer_code=d.issuer_code)
    return qs.exclude(pk=d.pk) if d.pk else qs


def _edit(
    d: Directive, values: dict[str, Any], *, complete: bool = False
) -> tuple[dict[str, list[Any]], set[Directive] | None]:
    """Assign and validate `values`; the audit changes and the new `amends` set."""
    before = _snapshot(d, set(d.amends.all()))
    amends = _assign(d, dict(values))
    if complete:
        missing = {}
        if not d.title:
            missing["title"] = "Hãy ghi trích yếu để hoàn thành văn bản."
        if d.issued_on is None:
            missing["issued_on"] = "Hãy ghi ngày ban hành để hoàn thành văn bản."
        if missing:
            raise ValidationError(missing)
    _validate(d, amends)
    return _changes(before, _snapshot(d, amends)), amends


def _save(d: Directive, amends: set[Directive] | None) -> None:
    d.search_key = d.build_search_key()
    d.save()
    if amends is not None:
        d.amends.set(amends)


def _lock(d: Directive) -> Directive:
    return (
        Directive.objects.select_related("issuing_unit", "issuing_body")
        .select_for_update(of=("self",))
        .get(pk=d.pk)
    )


# --- Registry entries -----------------------------------------------------------------


@transaction.atomic
def create_directive(*, by: Any, symbol: str, **values: Any) -> Directive:
    """Add a document to the registry (complete, not a stub).

    `values`: type_name, issuing_unit, issuing_body (default: the unit's body named by the
    symbol's issuer code), issued_on, title, valid_from, valid_to, replaced_by, amends, note.
    """
    unit = values.get("issuing_unit")
    if unit is None:
        _deny_unless_editor_somewhere(by)
    else:
        require(by, "directives.edit", unit)
    d = Directive(created_by=by if getattr(by, "pk", None) else None)
    amends = _assign(d, {"symbol": symbol, **values})
    _validate(d, amends)
    _save(d, amends)
    record(
        by,
        "directives.create",
        d,
        unit=d.issuing_unit,
        data={"note": f"{d} – {d.issuer_label}".strip(" –")},
    )
    return d


@transaction.atomic
def update_directive(d: Directive, *, by: Any, **values: Any) -> Directive:
    """Edit an entry; moving it to another issuing unit needs the role on both units."""
    d = _lock(d)
    if d.issuing_unit is None:
        _deny_unless_editor_somewhere(by)
    else:
        require(by, "directives.edit", d.issuing_unit)
    new_unit = values.get("issuing_unit", d.issuing_unit)
    if new_unit is not None and new_unit != d.issuing_unit:
        require(by, "directives.edit", new_unit)
    changes, amends = _edit(d, values)
    if changes:
        _save(d, amends)
        record(by, "directives.update", d, unit=d.issuing_unit, data={"changes": changes})
    return d


@transaction.atomic
def complete_stub(d: Directive, *, by: Any, **values: Any) -> Directive:
    """A person fills in a stub created from a citation: it needs at least a title and a date."""
    d = _lock(d)
    if d.issuing_unit is None:
        _deny_unless_editor_somewhere(by)
    else:
        require(by, "directives.edit", d.issuing_unit)
    new_unit = values.get("issuing_unit", d.issuing_unit)
    if new_unit is not None and new_unit != d.issuing_unit:
        require(by, "directives.edit", new_unit)
    if not d.is_stub:
        raise ValidationError("Văn bản này đã đủ thông tin.")
    changes, amends = _edit(d, values, complete=True)
    d.is_stub = False
    _save(d, amends)
    record(by, "directives.complete", d, unit=d.issuing_unit, data={"changes": changes})
    return d


@transaction.atomic
def create_stub(
    citation: Citation,
    *,
    by: Any,
    context_unit: Unit | None,
    issuing_unit: Unit | None,
    issuing_body: Body | None = None,
) -> Directive:
    """A placeholder for a cited document not yet in the registry (`is_stub=True`).

    The caller (linking.resolve_citation) has already looked for a match; an entry with the
    same identity is returned rather than duplicated.
    """
    if context_unit is None:
        _deny_unless_editor_somewhere(by)
    else:
        require(by, "directives.edit", context_unit)
    d = Directive(
        symbol=citation.code,
        number=citation.number,
        year=citation.year,
        doc_type=citation.doc_type or "",
        type_name=citation.type_name or "",
        issuer_code=citation.issuer,
        system=citation.system,
        issuing_unit=issuing_unit,
        issuing_body=issuing_body,
        issued_on=citation.date,
        is_stub=True,
        note=f"Tạo tự động từ trích dẫn: “{nfc(citation.raw)[:400]}”.",
        created_by=by if getattr(by, "pk", None) else None,
    )
    existing = _duplicate(d).first()
    if existing is not None:
        return existing
    _save(d, None)
    record(
        by,
        "directives.create_stub",
        d,
        unit=issuing_unit or context_unit,
        data={"note": f"Trích dẫn: {nfc(citation.raw)[:200]}"},
    )
    return d


@transaction.atomic
def date_stub(d: Directive, *, on: dt.date, by: Any, context_unit: Unit | None) -> Directive:
    """An undated stub takes the date a later citation gives it, so that another document
    with the same symbol and another date is never merged into it."""
    if context_unit is None:
        _deny_unless_editor_somewhere(by)
    else:
        require(by, "directives.edit", context_unit)
    d = _lock(d)
    if not d.is_stub or d.issued_on is not None:
        return d
    d.issued_on = on
    if _duplicate(d).exists() or (d.issuing_unit and not d.issuing_unit.is_valid_on(on)):
        raise ValidationError(f"Không thể ghi ngày {format_date(on)} cho {d.symbol}.")
    d.save(update_fields=["issued_on", "updated_at"])
    record(
        by,
        "directives.date_stub",
        d,
        unit=d.issuing_unit or context_unit,
        data={"changes": {_label("issued_on"): [None, format_date(on)]}},
    )
    return d


# --- Links from records ------------------------------------------------------------------


@transaction.atomic
def link(
    obj: models.Model,
    directive: Directive,
    *,
    by: Any,
    role: str = DirectiveLink.Role.IMPLEMENTS,
    raw: str = "",
    unit: Unit | None = None,
) -> DirectiveLink:
    """Link a record to a document it implements or cites; idempotent (one link per pair).

    `unit` defaults to `obj.unit`; the editor role there is required. A second call with
    another role changes the role; with the same role it changes nothing.
    """
    unit = unit if unit is not None else getattr(obj, "unit", None)
    if unit is None:
        _deny_unless_editor_somewhere(by)
    else:
        require(by, "directives.edit", unit)
    if role not in DirectiveLink.Role.values:
        raise ValidationError("Vai trò liên kết không hợp lệ.")
    row, created = DirectiveLink.objects.get_or_create(
        directive=directive,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        defaults={
            "role": role,
            "raw": nfc(raw)[:300],
            "unit": unit,
            "created_by": by if getattr(by, "pk", None) else None,
        },
    )
    if created:
        record(
            by,
            "directives.link",
            obj,
            unit=unit,
            data={"note": f"{directive} ({DirectiveLink.Role(role).label})"},
        )
    elif row.role != role:
        old = row.get_role_display()
        row.role = role
        row.save(update_fields=["role"])
        record(
            by,
            "directives.link",
            obj,
            unit=unit,
            data={"note": str(directive), "changes": {"Vai trò": [old, row.get_role_display()]}},
        )
    return row


@transaction.atomic
def unlink(row: DirectiveLink, *, by: Any, note: str = "") -> None:
    """Remove a link; the audit row goes to the record (or the document if the record is gone)."""
    if row.unit_id is None:
        _deny_unless_editor_somewhere(by)
    else:
        require(by, "directives.edit", row.unit)
    target = row.target or row.directive
    data = {"note": f"{row.directive}" + (f" – {nfc(note)}" if note else "")}
    record(by, "directives.unlink", target, unit=row.unit, data=data)
    row.delete()
