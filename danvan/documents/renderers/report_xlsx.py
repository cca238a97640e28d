"""XLSX renderer for a report's figure tables: one sheet per table, with a header block.

Numbers stay numeric (Excel shows them with the reader's own separators: a format
cannot force the Vietnamese "17.385"); None ("not reported") is an empty cell.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from ..contexts import IndicatorTable, ReportContext

FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
NUMBER_FORMAT = "#,##0"


def render(ctx: ReportContext) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    tables = [t for s in ctx.sections for t in s.tables]
    for t in tables:
        _sheet(wb, ctx, t)
    if not tables:
        wb.create_sheet("Báo cáo")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def header_lines(ctx: ReportContext, t: IndicatorTable) -> list[str]:
    as_of = f"{ctx.data_as_of:%d/%m/%Y}" if ctx.data_as_of else ""
    return [
        ctx.issuing_body.upper(),
        t.title.upper(),
        f"Đơn vị: {ctx.unit_name}",
        f"Kỳ báo cáo: {ctx.period_label}",
        f"Số liệu tính đến ngày {as_of}",
    ]


def _sheet(wb: Workbook, ctx: ReportContext, t: IndicatorTable) -> None:
    ws = wb.create_sheet(_sheet_title(wb, t.sheet_name))
    width = len(t.columns)
    for r, text in enumerate(header_lines(ctx, t), start=1):
        ws.cell(row=r, column=1, value=text).font = Font(
            name=FONT, size=12, bold=r <= 2, italic=r == 5
        )
        if width > 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        ws.cell(row=r, column=1).alignment = Alignment(horizontal="center" if r <= 2 else "left")
    top = len(header_lines(ctx, t)) + 2
    for c, heading in enumerate(t.columns, start=1):
        cell = ws.cell(row=top, column=c, value=heading)
        cell.font = Font(name=FONT, size=11, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
    rows = list(t.rows) + ([t.total_row] if t.total_row else [])
    for r, values in enumerate(rows, start=top + 1):
        bold = t.total_row is not None and r == top + len(rows)
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.font = Font(name=FONT, size=11, bold=bold)
            cell.border = BOX
            if isinstance(value, int):
                cell.number_format = NUMBER_FORMAT
    ws.freeze_panes = ws.cell(row=top + 1, column=3 if width > 2 else 1)
    for c, heading in enumerate(t.columns, start=1):
        longest = max(
            [len(str(heading))] + [len(str(v[c - 1])) for v in rows if v[c - 1] is not None]
        )
        ws.column_dimensions[get_column_letter(c)].width = min(max(6, longest + 2), 48)
    ws.row_dimensions[top].height = 45


def _sheet_title(wb: Workbook, name: str) -> str:
    base = "".join(ch for ch in name if ch not in "[]:*?/\\")[:31] or "Bảng"
    title, i = base, 2
    while title in wb.sheetnames:
        title = f"{base[:28]} {i}"
        i += 1
    return title
