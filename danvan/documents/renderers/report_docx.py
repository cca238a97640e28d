"""DOCX renderer for a periodic report (Báo cáo), Party (HD 36) or State (NĐ 30) layout.

The layout comes from `ctx.profile` (documents/styles.py): the header block and the
signature/recipients block are borderless tables, rules are paragraph borders, figure
tables have borders. Plain data in (ReportContext), bytes out: no ORM here.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from danvan.lib.vn import format_number

from ..contexts import IndicatorTable, ReportContext
from ..styles import profile as get_profile
from .docx import (
    CENTER,
    LEFT,
    _base_font,
    _body_paragraph,
    _borderless_table,
    _page,
    _para,
    _rule_below,
    _run,
    _vertical_top,
)

RIGHT_ALIGN = 2  # WD_ALIGN_PARAGRAPH.RIGHT


def render(ctx: ReportContext) -> bytes:
    p = get_profile(ctx.profile)
    doc = Document()
    _page(doc, p)
    _base_font(doc, p)
    body_width = p["page"]["width_mm"] - p["margins_mm"]["left"] - p["margins_mm"]["right"]
    if p.get("page_numbers"):
        _page_numbers(doc, p)

    if ctx.is_state:
        _state_header(doc, ctx, p)
    else:
        _party_header(doc, ctx, p)
    _title(doc, ctx, p, body_width)
    size = p["sizes_pt"]["body"]
    for section in ctx.sections:
        if section.title:
            head = _body_paragraph(doc, "", p, size)
            head.paragraph_format.first_line_indent = Mm(0)
            _run(
                head, section.title, p.get("section_title_size_pt", size), bold=True, font=p["font"]
            )
        for text in section.paragraphs:
            _body_paragraph(doc, text, p, size)
        for table in section.tables:
            _figure_table(doc, table, p, body_width)
    _footer(doc, ctx, p)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- Header blocks --------------------------------------------------------------------------


def _two_rows(doc: Any, widths: tuple[float, float]) -> Any:
    table = _borderless_table(doc, widths)
    row = table.add_row()
    for cell, width in zip(row.cells, widths, strict=True):
        cell.width = Mm(width)
    return table


def _party_header(doc: Any, ctx: ReportContext, p: dict[str, Any]) -> None:
    """HD 36: issuing body left with '*' and the number; 'ĐẢNG CỘNG SẢN VIỆT NAM' right."""
    sizes, widths = p["sizes_pt"], p.get("report_header_columns_mm", p["header_columns_mm"])
    table = _two_rows(doc, widths)
    (left, right), (number_cell, date_cell) = table.rows[0].cells, table.rows[1].cells
    first = True
    if ctx.superior_body:
        _para(left, ctx.superior_body.upper(), sizes["superior_body"], p, first=True)
        first = False
    _para(left, ctx.issuing_body.upper(), sizes["issuing_body"], p, bold=True, first=first)
    _para(left, "*", sizes["issuing_body"], p)
    _para(number_cell, f"{p['number_prefix']} {ctx.number_symbol}", sizes["number"], p, first=True)

    _para(right, p["party_heading"], sizes["party_heading"], p, bold=True, first=True)
    rule = _para(right, "", 2, p)
    _rule_below(rule, width_mm=p["party_heading_rule_mm"], column_mm=widths[1])
    date = _para(date_cell, ctx.place_date, sizes["place_date"], p, italic=True, first=True)
    date.alignment = RIGHT_ALIGN
    for cell in (left, right, number_cell, date_cell):
        _vertical_top(cell)


def _state_header(doc: Any, ctx: ReportContext, p: dict[str, Any]) -> None:
    """NĐ 30: body left with a short rule; national title and motto right with a rule as long
    as the motto; the number and the place-date on the same line."""
    sizes, widths = p["sizes_pt"], p["header_columns_mm"]
    table = _two_rows(doc, widths)
    (left, right), (number_cell, date_cell) = table.rows[0].cells, table.rows[1].cells
    first = True
    if ctx.superior_body:
        _para(left, ctx.superior_body.upper(), sizes["superior_body"], p, first=True)
        first = False
    _para(left, ctx.issuing_body.upper(), sizes["issuing_body"], p, bold=True, first=first)
    rule = _para(left, "", 2, p)
    _rule_below(rule, width_mm=p["issuer_rule_mm"], column_mm=widths[0])
    _para(number_cell, f"{p['number_prefix']} {ctx.number_symbol}", sizes["number"], p, first=True)

    _para(right, p["national_title"], sizes["national_title"], p, bold=True, first=True)
    _para(right, p["motto"], sizes["motto"], p, bold=True)
    rule = _para(right, "", 2, p)
    _rule_below(rule, width_mm=p["motto_rule_mm"], column_mm=widths[1])
    _para(date_cell, ctx.place_date, sizes["place_date"], p, italic=True, first=True)
    for cell in (left, right, number_cell, date_cell):
        _vertical_top(cell)
    for cell in (number_cell, date_cell):
        cell.paragraphs[0].paragraph_format.space_before = Pt(6)


def _title(doc: Any, ctx: ReportContext, p: dict[str, Any], body_width: float) -> None:
    sizes = p["sizes_pt"]
    title = _para(doc, ctx.type_name.upper(), sizes["type_name"], p, bold=True)
    title.paragraph_format.space_before = Pt(18)
    summary = _para(doc, ctx.summary, sizes["summary"], p, bold=True)
    summary.paragraph_format.space_after = Pt(2)
    rule = _para(doc, "", 4, p)
    _rule_below(rule, width_mm=p["summary_rule_mm"], column_mm=body_width)
    rule.paragraph_format.space_after = Pt(12)


# --- Page numbers (NĐ 30: top margin, centred, not on page 1) -------------------------------


def _page_numbers(doc: Any, p: dict[str, Any]) -> None:
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    para = section.header.paragraphs[0]
    para.alignment = CENTER
    run = _run(para, "", p["sizes_pt"].get("page_number", 13), font=p["font"])
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


# --- Figure tables ----------------------------------------------------------------------------


def cell_text(value: str | int | None) -> str:
    """Numbers with the Vietnamese separator (17.385); None (not reported) as a dash."""
    if value is None:
        return "–"
    if isinstance(value, int):
        return format_number(value)
    return value


def _figure_table(doc: Any, t: IndicatorTable, p: dict[str, Any], body_width: float) -> None:
    size = p.get("table_size_pt", 12)
    caption = _para(doc, t.title, size + 1, p, bold=True)
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.space_after = Pt(3)
    rows = list(t.rows) + ([t.total_row] if t.total_row else [])
    table = doc.add_table(rows=1 + len(rows), cols=len(t.columns))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = _column_widths(t, body_width)
    for col, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        col.w = Mm(width)
    for i, heading in enumerate(t.columns):
        cell = table.rows[0].cells[i]
        cell.width = Mm(widths[i])
        _para(cell, heading, size, p, bold=True, first=True)
    _repeat_header(table.rows[0])
    for r, values in enumerate(rows, start=1):
        bold = t.total_row is not None and r == len(rows)
        for i, value in enumerate(values):
            cell = table.rows[r].cells[i]
            cell.width = Mm(widths[i])
            numeric = isinstance(value, int) or value is None
            align = (
                RIGHT_ALIGN if numeric else (CENTER if i == 0 and len(str(value)) <= 4 else LEFT)
            )
            _para(cell, cell_text(value), size, p, align=align, bold=bold, first=True)
    doc.add_paragraph().paragraph_format.space_after = Pt(3)


def _column_widths(t: IndicatorTable, body_width: float) -> list[float]:
    """TT narrow, the label column wide, figure columns share the rest."""
    n = len(t.columns)
    if n == 1:
        return [body_width]
    tt = 10.0 if t.columns[0] in ("TT", "STT") else 0.0
    figures = n - (2 if tt else 1)
    each = min(28.0, (body_width - tt) * 0.55 / max(figures, 1))
    label = body_width - tt - each * figures
    return ([tt] if tt else []) + [label] + [each] * figures


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


# --- Recipients and signature -----------------------------------------------------------------


def _footer(doc: Any, ctx: ReportContext, p: dict[str, Any]) -> None:
    sizes = p["sizes_pt"]
    spacer = doc.add_paragraph()
    spacer.paragraph_format.space_after = Pt(6)
    table = _borderless_table(doc, p["footer_columns_mm"])
    left, right = table.rows[0].cells
    label = _para(
        left, "Nơi nhận:", sizes["recipients_label"], p, align=LEFT, first=True, bold=True
    )
    if p.get("recipients_label_bold_italic"):
        label.runs[0].font.italic = True
    else:
        label.runs[0].font.underline = True
    separator = p.get("recipient_separator", ",")
    last = len(ctx.recipients) - 1
    for i, name in enumerate(ctx.recipients):
        end = "." if i == last else separator
        _para(left, f"- {name.rstrip('.,;')}{end}", sizes["recipients"], p, align=LEFT)

    sig = ctx.signature
    first = True
    if sig.authority:
        _para(right, sig.authority.upper(), sizes["signature"], p, bold=True, first=True)
        first = False
    _para(right, sig.title.upper(), sizes["signature"], p, bold=True, first=first)
    for _ in range(4):  # room for the signature and the seal
        _para(right, "", sizes["signature"], p)
    _para(right, sig.name, sizes["signature"], p, bold=True)
    _vertical_top(left)
    _vertical_top(right)
