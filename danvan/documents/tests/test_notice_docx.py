"""The conclusion notice renderer, read back with python-docx (no database, no byte comparison)."""

import datetime as dt
import io
import shutil
import subprocess

import pytest
from docx import Document
from docx.shared import Mm, Pt

from danvan.documents.contexts import ConclusionNoticeContext, Signature, TaskItem, vn_document_date
from danvan.documents.renderers import RENDERERS, article
from danvan.documents.styles import PARTY_HD36


def notice(**kw) -> ConclusionNoticeContext:
    fields = {
        "superior_body": "Đảng bộ tỉnh Quảng Ninh",
        "issuing_body": "Thành ủy Hạ Long",
        "number": "",
        "issuer_code": "TU",
        "place": "Hạ Long",
        "date": dt.date(2022, 12, 1),
        "summary": "Kết luận của đồng chí Vũ Thị Mai Anh tại Hội nghị tổng kết công tác dân vận năm 2022",
        "opening": (
            "Ngày 01/12/2022, Thành ủy Hạ Long tổ chức Hội nghị tổng kết công tác dân vận năm 2022.",
        ),
        "conclusions": ("Hội nghị ghi nhận những đóng góp quan trọng của công tác dân vận.",),
        "tasks_heading": "Nhiệm vụ trọng tâm năm 2023:",
        "tasks": (
            TaskItem(
                number=1,
                text="Tiếp tục đổi mới nội dung, phương thức công tác dân vận",
                owner="Ban Dân vận Thành ủy chủ trì",
                deadline="31/12/2023",
            ),
            TaskItem(number=2, text="Xây dựng quy chế làm việc rõ người, rõ việc."),
        ),
        "closing": "Ban Thường vụ Thành ủy thông báo để các cấp ủy, tổ chức đảng biết, thực hiện./.",
        "signature": Signature(
            authority="T/M Ban Thường vụ", title="Phó Bí thư Thường trực", name="Vũ Thị Mai Anh"
        ),
        "recipients": ("Ban Thường vụ Tỉnh ủy (để báo cáo)", "Lưu Văn phòng Thành ủy"),
    }
    fields.update(kw)
    return ConclusionNoticeContext(**fields)


def read(ctx):
    return Document(io.BytesIO(RENDERERS["docx"](ctx)))


def cell_texts(cell):
    return [p.text for p in cell.paragraphs]


@pytest.mark.parametrize(
    "day, text",
    [
        (dt.date(2022, 12, 1), "Hạ Long, ngày 01 tháng 12 năm 2022"),
        (dt.date(2023, 2, 9), "Hạ Long, ngày 09 tháng 02 năm 2023"),
        (dt.date(2023, 3, 15), "Hạ Long, ngày 15 tháng 3 năm 2023"),
        (dt.date(2023, 1, 31), "Hạ Long, ngày 31 tháng 01 năm 2023"),
    ],
)
def test_the_place_and_date_line_has_leading_zeros_for_days_and_january_february(day, text):
    assert vn_document_date(day, "Hạ Long") == text


def test_the_header_block_has_both_columns():
    doc = read(notice())
    header = doc.tables[0]
    left, right = header.rows[0].cells
    assert cell_texts(left) == [
        "ĐẢNG BỘ TỈNH QUẢNG NINH",
        "THÀNH ỦY HẠ LONG",
        "*",
        "Số \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0-TB/TU",
    ]
    assert cell_texts(right)[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert "Hạ Long, ngày 01 tháng 12 năm 2022" in cell_texts(right)
    superior, issuer = left.paragraphs[0].runs[0], left.paragraphs[1].runs[0]
    assert not superior.bold and issuer.bold
    party = right.paragraphs[0].runs[0]
    assert party.bold and party.font.size == Pt(15)
    date = next(p for p in right.paragraphs if p.text.startswith("Hạ Long"))
    assert date.runs[0].italic


def test_a_given_number_is_printed():
    left = read(notice(number="414")).tables[0].rows[0].cells[0]
    assert "Số 414-TB/TU" in cell_texts(left)


def test_the_header_tables_have_no_borders():
    doc = read(notice())
    for table in doc.tables:
        borders = table._tbl.tblPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblBorders"
        )
        values = {
            el.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val")
            for el in borders
        }
        assert values == {"nil"}


def test_title_summary_and_numbered_tasks():
    doc = read(notice())
    texts = [p.text for p in doc.paragraphs]
    title = doc.paragraphs[texts.index("THÔNG BÁO")]
    assert title.runs[0].bold and title.runs[0].font.size == Pt(16)
    assert title.alignment == 1  # centred
    summary = doc.paragraphs[texts.index(notice().summary)]
    assert summary.runs[0].bold and summary.alignment == 1
    assert "Nhiệm vụ trọng tâm năm 2023:" in texts
    tasks = [t for t in texts if t[:2] in ("1.", "2.")]
    assert tasks == [
        "1. Tiếp tục đổi mới nội dung, phương thức công tác dân vận "
        "(Ban Dân vận Thành ủy chủ trì; thời hạn: 31/12/2023).",
        "2. Xây dựng quy chế làm việc rõ người, rõ việc.",
    ]
    body = doc.paragraphs[texts.index(tasks[0])]
    assert body.alignment == 3  # justified
    assert body.paragraph_format.first_line_indent == Mm(12.7)
    assert all(r.font.size == Pt(14) for r in body.runs)


def test_fonts_page_and_margins_follow_the_profile():
    doc = read(notice())
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]
    assert doc.styles["Normal"].font.name == "Times New Roman"
    runs = [r for p in doc.paragraphs for r in p.runs]
    runs += [r for t in doc.tables for c in t.rows[0].cells for p in c.paragraphs for r in p.runs]
    assert runs and {r.font.name for r in runs} == {PARTY_HD36["font"]}


def test_the_signature_and_recipients_block():
    doc = read(notice())
    left, right = doc.tables[-1].rows[0].cells
    assert cell_texts(left) == [
        "Nơi nhận:",
        "- Ban Thường vụ Tỉnh ủy (để báo cáo),",
        "- Lưu Văn phòng Thành ủy.",
    ]
    texts = [t for t in cell_texts(right) if t]
    assert texts == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Vũ Thị Mai Anh"]


def test_no_date_leaves_gaps_for_the_clerk():
    right = read(notice(date=None)).tables[0].rows[0].cells[1]
    assert any(t.startswith("Hạ Long, ngày ") and "tháng" in t for t in cell_texts(right))


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_libreoffice_opens_the_notice(tmp_path):
    path = tmp_path / "thong-bao.docx"
    path.write_bytes(RENDERERS["docx"](notice()))
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "thong-bao.pdf"
    assert pdf.exists() and pdf.stat().st_size > 5000
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        for expected in (
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "THÀNH ỦY HẠ LONG",
            "THÔNG BÁO",
            "T/M BAN THƯỜNG VỤ",
        ):
            assert expected in text


def test_the_article_draft_reads_like_the_portals():
    from danvan.documents.contexts import ArticleContext

    ctx = ArticleContext(
        headline="Tổng kết công tác dân vận năm 2022, triển khai nhiệm vụ năm 2023",
        date=dt.date(2022, 12, 1),
        time_note="",
        organiser="Thành ủy Hạ Long",
        conference_title="Hội nghị tổng kết công tác dân vận năm 2022, triển khai nhiệm vụ năm 2023",
        venue="",
        is_online=False,
        bridge_points_count=None,
        bridge_points=(),
        chairs=(),
        attendees=(
            "Lê Thị Kim Cúc, Phó Trưởng Ban Dân vận Tỉnh uỷ",
            "Vũ Thị Mai Anh, Phó Bí thư TT Thành uỷ",
        ),
        reporters=("Bùi Thu Nguyên, Phó Trưởng Ban Dân vận Thành phố",),
        speakers=(),
        reports=("Báo cáo tổng kết công tác dân vận năm 2022",),
        contributions=(),
        directives=(),
        programmes=("công tác dân vận",),
        reviewed_label="năm 2022",
        planned_label="năm 2023",
        conclusions=(),
        awards_count=14,
        awards_text="",
        pledges_count=None,
        pledges_text="",
        tasks=(
            "Đổi mới nội dung, phương thức công tác dân vận",
            "Xây dựng quy chế làm việc rõ người, rõ việc",
        ),
    )
    text = article.text(ctx)
    assert text.startswith("Tổng kết công tác dân vận năm 2022, triển khai nhiệm vụ năm 2023\n\n")
    assert (
        "Ngày 01/12, Thành ủy Hạ Long tổ chức Hội nghị tổng kết công tác dân vận năm 2022" in text
    )
    assert (
        "Dự hội nghị có các đồng chí: Lê Thị Kim Cúc, Phó Trưởng Ban Dân vận Tỉnh uỷ; Vũ Thị Mai Anh"
        in text
    )
    assert (
        "đồng chí Bùi Thu Nguyên, Phó Trưởng Ban Dân vận Thành phố trình bày báo cáo tổng kết"
        in text
    )
    assert "Hội nghị đã thống nhất 2 nhiệm vụ trọng tâm năm 2023: (1) đổi mới" in text
    assert "Nhân dịp này, 14 tập thể, cá nhân đã được khen thưởng." in text
