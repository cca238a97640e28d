"""DOCX renderer for the conclusion notice (Thông báo kết luận) in the Party layout.

Layout from DOMAIN.md §6.5 and §6.7: A4 with the profile's margins; the two-column
header and the recipients/signature block are borderless tables; rules are paragraph
borders; every size comes from the style profile (documents/styles.py).
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from ..contexts import ConclusionNoticeContext
from ..styles import profile as get_profile

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT


def render(ctx: ConclusionNoticeContext) -> bytes:
    p = get_profile(ctx.profile)
    doc = Document()
    _page(doc, p)
    _base_font(doc, p)
    body_width = p["page"]["width_mm"] - p["margins_mm"]["left"] - p["margins_mm"]["right"]

    _header(doc, ctx, p)
    _title(doc, ctx, p, body_width)
    size = p["sizes_pt"]["body"]
    for text in ctx.opening:
        _body_paragraph(doc, text, p, size)
    for text in ctx.conclusions:
        _body_paragraph(doc, text, p, size)
    if ctx.tasks:
        heading = _body_paragraph(doc, "", p, size)
        _run(heading, ctx.tasks_heading, size, bold=True)
        for item in ctx.tasks:
            para = _body_paragraph(doc, f"{item.number}. {item.text.rstrip('.;')}", p, size)
            extra = "; ".join(
                x for x in (item.owner, f"thời hạn: {item.deadline}" if item.deadline else "") if x
            )
            if extra:
                _run(para, f" ({extra})", size, italic=True)
            _run(para, ".", size)
    if ctx.closing:
        _body_paragraph(doc, ctx.closing, p, size)
    _footer(doc, ctx, p)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- Page and fonts -------------------------------------------------------------------------


def _page(doc: Any, p: dict[str, Any]) -> None:
    section = doc.sections[0]
    section.page_width = Mm(p["page"]["width_mm"])
    section.page_height = Mm(p["page"]["height_mm"])
    m = p["margins_mm"]
    section.top_margin, section.bottom_margin = Mm(m["top"]), Mm(m["bottom"])
    section.left_margin, section.right_margin = Mm(m["left"]), Mm(m["right"])


def _set_fonts(rpr: Any, font: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)


def _base_font(doc: Any, p: dict[str, Any]) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = p["font"]
    normal.font.size = Pt(p["sizes_pt"]["body"])
    _set_fonts(normal.element.get_or_add_rPr(), p["font"])
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0


def _run(
    para: Paragraph,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    font: str = "Times New Roman",
) -> Any:
    run = para.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.name = font
    _set_fonts(run._element.get_or_add_rPr(), font)
    return run


def _para(
    container: Any,
    text: str,
    size: float,
    p: dict[str, Any],
    *,
    align: Any = CENTER,
    bold: bool = False,
    italic: bool = False,
    first: bool = False,
) -> Paragraph:
    """A paragraph in a document or cell; a cell's first paragraph is reused."""
    para = container.paragraphs[0] if first else container.add_paragraph()
    para.alignment = align
    if text:
        _run(para, text, size, bold=bold, italic=italic, font=p["font"])
    return para


def _body_paragraph(doc: Any, text: str, p: dict[str, Any], size: float) -> Paragraph:
    para = _para(doc, text, size, p, align=JUSTIFY)
    fmt = para.paragraph_format
    fmt.first_line_indent = Cm(p["first_line_indent_cm"])
    fmt.space_after = Pt(p["space_after_pt"])
    fmt.line_spacing = p["line_spacing"]
    return para


def _rule_below(para: Paragraph, *, width_mm: float, column_mm: float) -> None:
    """A short centred rule: the paragraph's bottom border, narrowed by equal indents."""
    indent = max((column_mm - width_mm) / 2, 0)
    para.paragraph_format.left_indent = Mm(indent)
    para.paragraph_format.right_indent = Mm(indent)
    para.paragraph_format.line_spacing = Pt(3)
    ppr = para._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


# --- Tables ---------------------------------------------------------------------------------


def _borderless_table(doc: Any, widths_mm: tuple[float, float]) -> Table:
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for col, width in zip(table._tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
        col.w = Mm(width)
    for cell, width in zip(table.rows[0].cells, widths_mm, strict=True):
        cell.width = Mm(width)
    return table


def _header(doc: Any, ctx: ConclusionNoticeContext, p: dict[str, Any]) -> None:
    sizes = p["sizes_pt"]
    widths = p["header_columns_mm"]
    table = _borderless_table(doc, widths)
    left, right = table.rows[0].cells
    first = True
    if ctx.superior_body:
        _para(left, ctx.superior_body.upper(), sizes["superior_body"], p, first=True)
        first = False
    _para(left, ctx.issuing_body.upper(), sizes["issuing_body"], p, bold=True, first=first)
    _para(left, "*", sizes["issuing_body"], p)
    _para(left, f"{p['number_prefix']} {ctx.number_symbol}", sizes["number"], p)

    _para(right, p["party_heading"], sizes["party_heading"], p, bold=True, first=True)
    rule = _para(right, "", 2, p)
    _rule_below(rule, width_mm=p["party_heading_rule_mm"], column_mm=widths[1])
    date = _para(right, ctx.place_date, sizes["place_date"], p, italic=True)
    date.paragraph_format.space_before = Pt(6)
    _vertical_top(left)
    _vertical_top(right)


def _vertical_top(cell: _Cell) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    v = OxmlElement("w:vAlign")
    v.set(qn("w:val"), "top")
    tc_pr.append(v)


def _title(doc: Any, ctx: ConclusionNoticeContext, p: dict[str, Any], body_width: float) -> None:
    sizes = p["sizes_pt"]
    title = _para(doc, ctx.type_name.upper(), sizes["type_name"], p, bold=True)
    title.paragraph_format.space_before = Pt(18)
    summary = _para(doc, ctx.summary, sizes["summary"], p, bold=True)
    summary.paragraph_format.space_after = Pt(2)
    rule = _para(doc, "", 4, p)
    _rule_below(rule, width_mm=p["summary_rule_mm"], column_mm=body_width)
    rule.paragraph_format.space_after = Pt(12)


def _footer(doc: Any, ctx: ConclusionNoticeContext, p: dict[str, Any]) -> None:
    sizes = p["sizes_pt"]
    spacer = doc.add_paragraph()
    spacer.paragraph_format.space_after = Pt(6)
    table = _borderless_table(doc, p["footer_columns_mm"])
    left, right = table.rows[0].cells
    label = _para(left, "Nơi nhận:", sizes["recipients_label"], p, align=LEFT, first=True)
    label.runs[0].font.underline = True
    label.runs[0].font.bold = True
    last = len(ctx.recipients) - 1
    for i, name in enumerate(ctx.recipients):
        end = "." if i == last else ","
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
