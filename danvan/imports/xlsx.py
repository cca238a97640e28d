"""XLSX/CSV for a Sheet: the template, exports, and reading an upload back."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from danvan.lib.text import fold

from .spec import CellError, Column, RowError, Sheet

HEADER_FILL = PatternFill("solid", fgColor="B42318")
HEADER_FONT = Font(bold=True, color="FFFFFF")
REQUIRED_MARK = " (*)"
KIND_LABELS = {"text": "chữ", "int": "số nguyên", "decimal": "số", "date": "ngày dd/mm/yyyy",
               "bool": "Có / Không", "choice": "chọn trong danh mục"}
MAX_ROWS = 20000


def header_text(col: Column) -> str:
    return col.header + (REQUIRED_MARK if col.required else "")


def _data_sheet(wb: Workbook, sheet: Sheet):  # type: ignore[no-untyped-def]
    ws = wb.active
    ws.title = sheet.title[:31]
    for i, col in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=1, column=i, value=header_text(col))
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = col.width
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 32
    return ws


def _add_dropdowns(wb: Workbook, ws, sheet: Sheet) -> None:  # type: ignore[no-untyped-def]
    """Dropdowns from a hidden list sheet (Excel limits inline lists to 255 characters)."""
    lists = wb.create_sheet("Danh mục")
    lists.sheet_state = "hidden"
    n = 0
    for i, col in enumerate(sheet.columns, start=1):
        options = [label for _, label in col.choices] if col.kind == "choice" else (
            ["Có", "Không"] if col.kind == "bool" else [])
        if not options:
            continue
        n += 1
        letter = get_column_letter(n)
        for r, label in enumerate(options, start=1):
            lists.cell(row=r, column=n, value=label)
        dv = DataValidation(type="list", formula1=f"='Danh mục'!${letter}$1:${letter}${len(options)}",
                            allow_blank=not col.required, showErrorMessage=True,
                            errorTitle="Giá trị không hợp lệ", error="Chọn một giá trị trong danh sách.")
        target = get_column_letter(i)
        dv.add(f"{target}2:{target}{MAX_ROWS}")
        ws.add_data_validation(dv)


def _instructions(wb: Workbook, sheet: Sheet) -> None:
    ws = wb.create_sheet("Hướng dẫn")
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 12
    ws.column_dimensions["C"].width = 22
    ws.column_dimensions["D"].width = 80
    ws.cell(row=1, column=1, value=f"Hướng dẫn nhập: {sheet.title}").font = Font(bold=True, size=14)
    row = 2
    general = (
        "Mỗi dòng là một bản ghi. Không đổi tên, không xóa cột tiêu đề.",
        "Cột có dấu (*) là bắt buộc. Ngày ghi dạng dd/mm/yyyy. Số ghi không có dấu chấm phân cách hoặc có (17.385 đều được).",
        f"Cột “{sheet.column(sheet.id_column).header}” là mã của bản ghi trong tệp của đơn vị: nhập lại cùng mã sẽ cập nhật, không tạo trùng.",
        "Hệ thống kiểm tra toàn bộ tệp trước khi ghi: chỉ cần một dòng lỗi là không ghi dòng nào, và mọi lỗi được liệt kê theo dòng.",
        *sheet.instructions,
    )
    for line in general:
        ws.cell(row=row, column=1, value="• " + line)
        row += 1
    row += 1
    for c, title in enumerate(("Cột", "Bắt buộc", "Kiểu", "Ghi chú, giá trị cho phép"), start=1):
        cell = ws.cell(row=row, column=c, value=title)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
    for col in sheet.columns:
        row += 1
        allowed = "; ".join(label for _, label in col.choices)
        note = " ".join(x for x in (col.help, f"Giá trị: {allowed}." if allowed else "") if x)
        values = (col.header, "Có" if col.required else "", KIND_LABELS[col.kind], note)
        for c, value in enumerate(values, start=1):
            ws.cell(row=row, column=c, value=value).alignment = Alignment(wrap_text=True, vertical="top")


def template(sheet: Sheet) -> bytes:
    wb = Workbook()
    ws = _data_sheet(wb, sheet)
    _add_dropdowns(wb, ws, sheet)
    _instructions(wb, sheet)
    return _save(wb)


def export_xlsx(sheet: Sheet, rows: Iterable[dict[str, Any]]) -> bytes:
    wb = Workbook()
    ws = _data_sheet(wb, sheet)
    for r, row in enumerate(rows, start=2):
        for c, col in enumerate(sheet.columns, start=1):
            cell = ws.cell(row=r, column=c, value=col.render(row.get(col.key)))
            if col.kind == "date":
                cell.number_format = "DD/MM/YYYY"
    _add_dropdowns(wb, ws, sheet)
    _instructions(wb, sheet)
    return _save(wb)


def export_csv(sheet: Sheet, rows: Iterable[dict[str, Any]]) -> bytes:
    """UTF-8 with a BOM so that Excel opens Vietnamese correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.header for c in sheet.columns])
    for row in rows:
        values = []
        for col in sheet.columns:
            value = col.render(row.get(col.key))
            values.append(value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else ("" if value is None else value))
        writer.writerow(values)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _save(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@dataclass(slots=True)
class ParsedRow:
    number: int  # spreadsheet row number
    values: dict[str, Any]


class FileError(ValueError):
    """The file as a whole cannot be read (not XLSX, wrong headers)."""


def read(sheet: Sheet, data: bytes) -> tuple[list[ParsedRow], list[RowError]]:
    """Parse every row; a cell error never stops the others from being checked."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a non-XLSX upload
        raise FileError("Tệp không phải Excel (.xlsx) hợp lệ.") from e
    ws = wb[sheet.title[:31]] if sheet.title[:31] in wb.sheetnames else wb.worksheets[0]
    lines = ws.iter_rows(values_only=True)
    positions = _header_positions(sheet, next(lines, ()))
    rows: list[ParsedRow] = []
    errors: list[RowError] = []
    for number, line in enumerate(lines, start=2):
        if number > MAX_ROWS + 1:
            errors.append(RowError(number, "", f"Tệp có quá {MAX_ROWS:,} dòng; hãy chia nhỏ.".replace(",", ".")))
            break
        if line is None or all(v is None or (isinstance(v, str) and not v.strip()) for v in line):
            continue
        values, row_errors = _parse_line(sheet, positions, line, number)
        errors += row_errors
        if not row_errors:
            rows.append(ParsedRow(number, values))
    wb.close()
    return rows, errors


def _header_positions(sheet: Sheet, header: tuple) -> dict[str, int]:
    found = {fold(str(h)).replace("(*)", "").strip(): i for i, h in enumerate(header) if h}
    positions: dict[str, int] = {}
    missing = []
    for col in sheet.columns:
        key = fold(col.header)
        if key in found:
            positions[col.key] = found[key]
        elif col.required or col.key == sheet.id_column:
            missing.append(col.header)
    if missing:
        raise FileError("Thiếu cột: " + ", ".join(missing) + ". Hãy dùng tệp mẫu của hệ thống.")
    return positions


def _parse_line(sheet: Sheet, positions: dict[str, int], line: tuple, number: int) -> tuple[dict[str, Any], list[RowError]]:
    values: dict[str, Any] = {}
    errors: list[RowError] = []
    for col in sheet.columns:
        i = positions.get(col.key)
        raw = line[i] if i is not None and i < len(line) else None
        try:
            values[col.key] = col.parse(raw)
        except CellError as e:
            errors.append(RowError(number, col.header, str(e)))
    return values, errors


def iter_chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
