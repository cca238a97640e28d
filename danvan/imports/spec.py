"""Spreadsheet import/export for every record type: one description, four uses.

A record type describes its columns once (`Sheet`); from that come the XLSX template
(Vietnamese headers, dropdowns for enumerations, an instructions sheet), the XLSX and
CSV exports of any filtered list, and the import: parsed and checked row by row, run
all-or-nothing through the record type's own action, idempotent on `external_id`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from danvan.lib.text import fold, nfc


class CellError(ValueError):
    """A cell that cannot be read; the message is Vietnamese and shown to the user."""


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # key in the parsed row dict
    header: str  # Vietnamese column header
    kind: str = "text"  # text | int | decimal | date | bool | choice
    required: bool = False
    choices: Sequence[tuple[str, str]] = ()  # (value, Vietnamese label); the sheet shows labels
    help: str = ""  # one line for the instructions sheet
    width: int = 18

    def parse(self, raw: Any) -> Any:
        """Cell value → Python value, or CellError. Empty cells give None."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if self.required:
                raise CellError("Bắt buộc nhập.")
            return None
        return _PARSERS[self.kind](self, raw)

    def render(self, value: Any) -> Any:
        """Python value → cell value (labels for choices, dd/mm/yyyy dates stay dates)."""
        if value is None or value == "":
            return None
        if self.kind == "choice":
            return dict(self.choices).get(value, value)
        if self.kind == "bool":
            return "Có" if value else "Không"
        return value


def _text(col: Column, raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return nfc(str(raw))


def _int(col: Column, raw: Any) -> int:
    if isinstance(raw, bool):
        raise CellError("Phải là số nguyên.")
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, float) and raw.is_integer():
        value = int(raw)
    else:
        text = str(raw).strip().replace(".", "").replace(" ", "")  # "17.385" is 17385 in Vietnamese
        if not text.lstrip("-").isdigit():
            raise CellError(f"“{raw}” không phải số nguyên.")
        value = int(text)
    if value < 0:
        raise CellError("Không được âm.")
    return value


def _decimal(col: Column, raw: Any) -> Decimal:
    if isinstance(raw, int | float):
        return Decimal(str(raw))
    text = str(raw).strip().replace(".", "").replace(",", ".")  # "2,5" is 2.5
    try:
        return Decimal(text)
    except InvalidOperation as e:
        raise CellError(f"“{raw}” không phải số.") from e


def _date(col: Column, raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw).strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise CellError(f"Ngày “{text}” không hợp lệ (dùng dạng dd/mm/yyyy).")


def _bool(col: Column, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = fold(str(raw))
    if text in {"co", "x", "1", "true", "yes", "dung"}:
        return True
    if text in {"khong", "0", "false", "no", "sai"}:
        return False
    raise CellError(f"“{raw}”: ghi “Có” hoặc “Không”.")


def _choice(col: Column, raw: Any) -> str:
    wanted = fold(str(raw))
    for value, label in col.choices:
        if wanted in (fold(label), fold(value)):
            return value
    options = "; ".join(label for _, label in col.choices)
    raise CellError(f"“{raw}” không có trong danh mục ({options}).")


_PARSERS: dict[str, Callable[[Column, Any], Any]] = {
    "text": _text, "int": _int, "decimal": _decimal, "date": _date, "bool": _bool, "choice": _choice,
}


@dataclass(frozen=True, slots=True)
class Sheet:
    """One record type's spreadsheet layout."""

    kind: str  # registry key, e.g. "petitions"
    title: str  # Vietnamese sheet name, e.g. "Đơn thư"
    columns: tuple[Column, ...]
    instructions: tuple[str, ...] = ()
    id_column: str = "external_id"  # the stable key that makes re-import idempotent

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


@dataclass(slots=True)
class RowError:
    row: int  # spreadsheet row number, as Excel shows it
    column: str  # column header, or "" for a whole-row error
    message: str


@dataclass(slots=True)
class ImportReport:
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = True
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


# apply_row(row, *, by) -> "created" | "updated" | "unchanged"; raises
# django.core.exceptions.ValidationError / PermissionDenied / CellError for a bad row.
ApplyRow = Callable[..., str]
# rows_for_export(queryset) -> iterable of dicts keyed by Column.key
ExportRows = Callable[[Any], Iterable[dict[str, Any]]]
