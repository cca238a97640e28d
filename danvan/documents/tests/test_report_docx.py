"""The report renderers, from plain data (no database), read back with python-docx/openpyxl."""

import datetime as dt
import io

from docx import Document
from openpyxl import load_workbook

from danvan.documents.contexts import IndicatorTable, ReportContext, ReportSection, Signature
from danvan.documents.renderers import RENDERERS
from danvan.documents.styles import STATE_ND30, profile

FIGURES = IndicatorTable(
    title="Biểu 1. Số liệu chủ yếu",
    sheet_name="Số liệu chủ yếu",
    columns=("TT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"),
    rows=(
        ("1", "Hội nghị tuyên truyền, vận động", "cuộc", 305),
        ("2", "Lượt người dự", "lượt người", 17385),
        ("3", "Đơn tiếp nhận trong kỳ", "đơn", None),
    ),
)
LOWER = IndicatorTable(
    title="Biểu 2. Số liệu theo đơn vị cấp dưới",
    sheet_name="Theo đơn vị cấp dưới",
    columns=("TT", "Đơn vị", "Hội nghị (cuộc)", "Lượt người dự"),
    rows=(("1", "Phường Hạ Long", 12, 1400), ("2", "Phường Bãi Cháy", 8, None)),
    total_row=("", "Cộng", 20, 1400),
)


def report(**kw) -> ReportContext:
    fields = {
        "superior_body": "Tỉnh ủy Quảng Ninh",
        "issuing_body": "Ban Tuyên giáo và Dân vận",
        "number": "25",
        "issuer_code": "BTGDVTU",
        "place": "Hạ Long",
        "date": dt.date(2026, 7, 5),
        "summary": "Kết quả công tác dân vận 6 tháng đầu năm 2026, phương hướng, nhiệm vụ 6 tháng cuối năm",
        "sections": (
            ReportSection(
                title="I. KẾT QUẢ THỰC HIỆN CÔNG TÁC DÂN VẬN",
                paragraphs=(
                    "Công tác tuyên truyền, vận động Nhân dân: toàn tỉnh tổ chức được 305 cuộc, "
                    "có 17.385 lượt người dự.",
                ),
                tables=(FIGURES, LOWER),
            ),
            ReportSection(title="II. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM", paragraphs=("Tiếp tục …",)),
        ),
        "signature": Signature(
            authority="K/T Trưởng ban", title="Phó Trưởng ban", name="Trần Văn Nam"
        ),
        "recipients": ("Ban Tuyên giáo và Dân vận Trung ương (để báo cáo)", "Lưu Văn phòng"),
        "unit_name": "Tỉnh Quảng Ninh",
        "period_label": "6 tháng đầu năm 2026",
        "data_as_of": dt.date(2026, 6, 30),
    }
    fields.update(kw)
    return ReportContext(**fields)


def read(ctx):
    return Document(io.BytesIO(RENDERERS["report_docx"](ctx)))


def test_number_symbols_differ_between_the_two_systems():
    assert report().number_symbol == "25-BC/BTGDVTU"
    assert (
        report(profile="state_nd30", number="7", issuer_code="UBND").number_symbol == "07/BC-UBND"
    )
    assert report().place_date == "Hạ Long, ngày 05 tháng 7 năm 2026"
    assert report(date=dt.date(2026, 2, 3)).place_date == "Hạ Long, ngày 03 tháng 02 năm 2026"


def test_party_layout_header_title_tables_and_page():
    doc = read(report())
    head = doc.tables[0]
    assert [p.text for p in head.rows[0].cells[0].paragraphs] == [
        "TỈNH ỦY QUẢNG NINH",
        "BAN TUYÊN GIÁO VÀ DÂN VẬN",
        "*",
    ]
    assert head.rows[0].cells[0].paragraphs[1].runs[0].font.bold
    assert not head.rows[0].cells[0].paragraphs[0].runs[0].font.bold
    assert head.rows[0].cells[1].paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert head.rows[1].cells[0].text == "Số 25-BC/BTGDVTU"
    date = head.rows[1].cells[1].paragraphs[0]
    assert date.text == "Hạ Long, ngày 05 tháng 7 năm 2026" and date.runs[0].font.italic
    texts = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in texts
    title = next(p for p in doc.paragraphs if p.text == "BÁO CÁO")
    assert title.runs[0].font.bold and title.runs[0].font.size.pt == 16
    figures = doc.tables[1]
    assert [c.text for c in figures.rows[2].cells] == ["2", "Lượt người dự", "lượt người", "17.385"]
    assert figures.rows[3].cells[3].text == "–"  # not reported, never 0
    assert figures.style.name == "Table Grid"
    lower = doc.tables[2]
    assert [c.text for c in lower.rows[-1].cells] == ["", "Cộng", "20", "1.400"]
    assert lower.rows[-1].cells[1].paragraphs[0].runs[0].font.bold
    section = doc.sections[0]
    mm = [
        round(x.mm)
        for x in (
            section.page_width,
            section.page_height,
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ]
    assert mm == [210, 297, 20, 20, 30, 15]  # A4; HD 36 margins
    assert not section.different_first_page_header_footer  # Party profile: no page numbers here
    fonts = {r.font.name for p in doc.paragraphs for r in p.runs if r.text}
    assert fonts == {"Times New Roman"}
    footer = doc.tables[-1].rows[0].cells
    assert [p.text for p in footer[0].paragraphs] == [
        "Nơi nhận:",
        "- Ban Tuyên giáo và Dân vận Trung ương (để báo cáo),",
        "- Lưu Văn phòng.",
    ]
    assert [p.text for p in footer[1].paragraphs if p.text] == [
        "K/T TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
        "Trần Văn Nam",
    ]


def test_state_layout_header_page_numbers_and_recipients():
    ctx = report(
        profile="state_nd30",
        superior_body="",
        issuing_body="Ủy ban nhân dân phường Hạ Long",
        number="7",
        issuer_code="UBND",
        recipients=("UBND tỉnh Quảng Ninh", "Lưu: VT, UBND"),
        signature=Signature(authority="TM. Ủy ban nhân dân", title="Chủ tịch", name="Nguyễn Văn A"),
    )
    doc = read(ctx)
    head = doc.tables[0]
    assert [p.text for p in head.rows[0].cells[1].paragraphs][:2] == [
        STATE_ND30["national_title"],
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert head.rows[0].cells[0].paragraphs[0].text == "ỦY BAN NHÂN DÂN PHƯỜNG HẠ LONG"
    assert head.rows[1].cells[0].text == "Số: 07/BC-UBND"
    assert head.rows[1].cells[1].text == "Hạ Long, ngày 05 tháng 7 năm 2026"
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml
    left = doc.tables[-1].rows[0].cells[0].paragraphs
    label = left[0].runs[0]
    assert (label.text, label.font.bold, label.font.italic, label.font.size.pt) == (
        "Nơi nhận:",
        True,
        True,
        12,
    )
    assert [p.text for p in left[1:]] == ["- UBND tỉnh Quảng Ninh;", "- Lưu: VT, UBND."]
    assert left[1].runs[0].font.size.pt == 11
    assert profile("state_nd30")["number_prefix"] == "Số:"


def test_xlsx_one_sheet_per_table_with_a_header_block():
    wb = load_workbook(io.BytesIO(RENDERERS["report_xlsx"](report())))
    assert wb.sheetnames == ["Số liệu chủ yếu", "Theo đơn vị cấp dưới"]
    ws = wb["Theo đơn vị cấp dưới"]
    assert [ws[f"A{r}"].value for r in range(1, 6)] == [
        "BAN TUYÊN GIÁO VÀ DÂN VẬN",
        "BIỂU 2. SỐ LIỆU THEO ĐƠN VỊ CẤP DƯỚI",
        "Đơn vị: Tỉnh Quảng Ninh",
        "Kỳ báo cáo: 6 tháng đầu năm 2026",
        "Số liệu tính đến ngày 30/06/2026",
    ]
    assert [c.value for c in ws[7]] == ["TT", "Đơn vị", "Hội nghị (cuộc)", "Lượt người dự"]
    assert [c.value for c in ws[9]] == ["2", "Phường Bãi Cháy", 8, None]
    assert [c.value for c in ws[10]] == [None, "Cộng", 20, 1400]  # openpyxl reads "" back as None
    assert ws["D8"].number_format == "#,##0"
