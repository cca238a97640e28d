"""Which record types can be imported and exported, and how.

Each app registers its record type in its AppConfig.ready() (or at import of its
`imports.py`, imported from ready()):

    from danvan.imports.registry import RecordType, register
    register(RecordType(sheet=SHEET, apply_row=apply_row, rows=rows_for_export,
                        view_action="petitions.view", label="Đơn thư"))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .spec import ApplyRow, ExportRows, Sheet


@dataclass(frozen=True, slots=True)
class RecordType:
    sheet: Sheet
    apply_row: ApplyRow
    rows: ExportRows
    view_action: str  # permission to export
    label: str  # Vietnamese, shown on the import page
    # list_queryset(request) -> the list page's queryset with its filters and permissions
    # applied; makes "export this filtered list" possible. None: no export.
    list_queryset: Callable[[Any], Any] | None = None

    @property
    def kind(self) -> str:
        return self.sheet.kind


REGISTRY: dict[str, RecordType] = {}


def register(record_type: RecordType) -> None:
    REGISTRY[record_type.kind] = record_type


def get(kind: str) -> RecordType:
    return REGISTRY[kind]
