"""Running an import: every row through the record type's action, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from danvan.core.lifecycle import InvalidTransition

from . import xlsx
from .registry import RecordType
from .spec import CellError, ImportReport, RowError

Progress = Callable[[int, int], None]


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    return str(exc) or "Không hợp lệ."


def run(record_type: RecordType, data: bytes, *, by: Any, dry_run: bool, progress: Progress | None = None) -> ImportReport:
    """Check (dry_run) or write an upload. Nothing is written unless every row is valid.

    Rows run inside one transaction through `apply_row`, which calls the record
    type's own actions (permission, validation, audit); any error anywhere, or a dry
    run, rolls the whole transaction back. Re-importing the same file reports every
    row unchanged, because rows are keyed on their external id.
    """
    report = ImportReport(dry_run=dry_run)
    try:
        rows, report.errors = xlsx.read(record_type.sheet, data)
    except xlsx.FileError as e:
        report.errors = [RowError(0, "", str(e))]
        return report
    report.total = len(rows) + len({e.row for e in report.errors})
    seen: dict[Any, int] = {}
    with transaction.atomic():
        for i, row in enumerate(rows, start=1):
            key = row.values.get(record_type.sheet.id_column)
            if key is not None and key in seen:
                report.errors.append(RowError(row.number, record_type.sheet.column(record_type.sheet.id_column).header,
                                              f"Trùng mã với dòng {seen[key]}."))
                continue
            seen[key] = row.number
            try:
                with transaction.atomic():  # a savepoint, so one bad row leaves the others checkable
                    outcome = record_type.apply_row(row.values, by=by)
            except (ValidationError, PermissionDenied, InvalidTransition, CellError, ValueError) as e:
                report.errors.append(RowError(row.number, "", _message(e)))
            else:
                setattr(report, outcome, getattr(report, outcome) + 1)
            if progress and (i % 25 == 0 or i == len(rows)):
                progress(i, len(rows))
        report.errors.sort(key=lambda e: (e.row, e.column))
        report.committed = not dry_run and report.ok
        if not report.committed:
            transaction.set_rollback(True)
    return report
