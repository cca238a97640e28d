"""Acceptance: Tam Điệp's 2023 petitions sentence comes out of records alone, through the
standard indicators, the roll-up and the report exports; the DOCX and XLSX read back."""

import datetime as dt
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from danvan.accounts.permissions import SYSTEM
from danvan.lib.periods import PeriodKind, build
from danvan.petitions import actions
from danvan.petitions.models import Kind, Outcome
from danvan.petitions.tests.factories import city_with_communes, editor, load_tables
from danvan.petitions.tests.test_tam_diep import city_with_communes_elsewhere, handle, receive
from danvan.reporting import exports
from danvan.reporting.actions import create_report
from danvan.reporting.compile import compile_report
from danvan.reporting.models import ReportTemplate
from danvan.reporting.standard import load_standard

D = dt.date
TAM_DIEP_2023 = (
    "Trong năm 2023, toàn thành phố tiếp nhận 69 đơn/68 vụ việc, trong đó đơn kỳ trước chuyển sang 16 đơn "
    "(thành phố 09 đơn, cấp xã 07 đơn), đơn tiếp nhận trong kỳ 53 đơn (thành phố 17 đơn, cấp xã 36 đơn). "
    "Số đơn đã xử lý/Tổng số đơn tiếp nhận: 69/69 đơn."
)


def record_tam_diep_2023():  # type: ignore[no-untyped-def]
    """The petitions app's Tam Điệp scenario, recorded through its actions: 16 carried over
    (city 9, communes 7), 53 received (city 17, communes 36; one repeat joins an open case),
    all 69 handled in 2023, plus petitions outside the year or the city."""
    city, communes = city_with_communes(9)
    city_editor = editor("thanh_pho", city)
    at = [(c, editor(f"xa_{i}", c)) for i, c in enumerate(communes)]
    for i in range(5):  # 2022, handled in 2022
        p = receive(city, city_editor, D(2022, 3, 1) + dt.timedelta(days=20 * i))
        handle(p, city_editor, p.received_on + dt.timedelta(days=25))
    carried = [
        receive(city, city_editor, D(2022, 11, 10) + dt.timedelta(days=5 * i)) for i in range(9)
    ]
    carried += [
        receive(c, u, D(2022, 12, 1) + dt.timedelta(days=3 * i)) for i, (c, u) in enumerate(at[:7])
    ]
    for i, p in enumerate(carried):
        if i % 2 == 0:
            p = actions.classify_petition(
                p, by=p.created_by, on_date=p.received_on + dt.timedelta(days=1)
            )
            actions.accept_petition(
                p, by=p.created_by, on_date=p.received_on + dt.timedelta(days=4)
            )
    received = [
        receive(city, city_editor, D(2023, 1, 9) + dt.timedelta(days=18 * i)) for i in range(15)
    ]
    first = receive(
        city,
        city_editor,
        D(2023, 3, 6),
        kind=Kind.COMPLAINT,
        petitioner_name="Nguyễn Văn Bình",
        summary="Khiếu nại quyết định thu hồi đất nông nghiệp tại thôn Đông, phường Trung Sơn",
    )
    received.append(first)
    for i in range(36):
        commune, user = at[i % 9]
        received.append(receive(commune, user, D(2023, 1, 16) + dt.timedelta(days=8 * i)))
    received.append(
        receive(
            city,
            city_editor,
            D(2023, 4, 10),
            case=first.case,
            kind=Kind.COMPLAINT,
            petitioner_name="Nguyễn Văn Bình",
            summary="Khiếu nại quyết định thu hồi đất nông nghiệp của gia đình tại thôn Đông",
        )
    )
    assert len(received) == 53
    for i, p in enumerate(carried):
        p.refresh_from_db()
        if p.status == "accepted":
            actions.resolve_petition(
                p,
                by=p.created_by,
                on_date=D(2023, 1, 20) + dt.timedelta(days=i),
                outcome=Outcome.CORRECT,
            )
        else:
            handle(p, p.created_by, D(2023, 2, 1) + dt.timedelta(days=i))
    for p in received:
        p.refresh_from_db()
        handle(p, p.created_by, min(p.received_on + dt.timedelta(days=20), D(2023, 12, 20)))
    receive(city, city_editor, D(2024, 1, 15))  # not 2023
    other_city, _ = city_with_communes_elsewhere()
    receive(other_city, SYSTEM, D(2023, 5, 5))  # not Tam Điệp
    return city, communes


@pytest.fixture
def tam_diep_report(db):  # type: ignore[no-untyped-def]
    load_tables()
    load_standard()
    city, communes = record_tam_diep_2023()
    # The unit factory gives the city its bodies: "Thành ủy Tam Điệp", "Ban Dân vận Thành ủy Tam Điệp", UBND…
    template = ReportTemplate.objects.get(code="dan-van-nam")
    report = create_report(
        by=SYSTEM, template=template, unit=city, period=build(PeriodKind.YEAR, 2023)
    )
    report.narratives = {
        **report.narratives,
        template.sections[0]: "Công tác dân vận được triển khai đồng bộ.",
    }
    report.number, report.signer_title, report.signer_name = (
        "15-BC/BDVTU",
        "Trưởng ban",
        "Đinh Thị Hoa",
    )
    report.save()
    return report


def test_the_tam_diep_2023_sentence_comes_from_records(tam_diep_report):
    compiled = compile_report(tam_diep_report)
    sentences = exports.report_sentences(compiled)
    assert sentences[0] == TAM_DIEP_2023
    # No meetings or models were recorded: those sentences are left out.
    assert len(sentences) == 1


def test_the_docx_reads_back(tam_diep_report):
    doc = Document(io.BytesIO(exports.report_docx(tam_diep_report)))
    head = doc.tables[0]
    left = [p.text for p in head.rows[0].cells[0].paragraphs]
    right = [p.text for p in head.rows[0].cells[1].paragraphs]
    assert left == ["THÀNH ỦY TAM ĐIỆP", "BAN DÂN VẬN", "*"]
    assert right[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert head.rows[1].cells[0].text == "Số 15-BC/BDVTU"
    assert (
        head.rows[1].cells[1].text == "Tam Điệp, ngày      tháng      năm 20    "
    )  # not approved yet
    texts = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in texts
    assert "Kết quả công tác dân vận năm 2023, phương hướng, nhiệm vụ năm 2024" in texts
    first = texts.index("I. KẾT QUẢ THỰC HIỆN CÔNG TÁC DÂN VẬN")
    assert texts[first + 1] == TAM_DIEP_2023
    assert texts[first + 2] == "Công tác dân vận được triển khai đồng bộ."
    figures = {r.cells[1].text: r.cells[3].text for r in doc.tables[1].rows[1:]}
    assert figures["Đơn kỳ trước chuyển sang"] == "16"
    assert figures["Đơn tiếp nhận trong kỳ"] == "53"
    assert figures["Đơn đã xử lý"] == "69"
    lower = doc.tables[2]
    assert [c.text for c in lower.rows[0].cells][:2] == ["TT", "Đơn vị"]
    assert len(lower.rows) == 1 + 9 + 1  # heading, nine communes, total
    total = [c.text for c in lower.rows[-1].cells]
    assert total[1] == "Cộng" and total[5] == "36"  # petitions received by the communes
    fonts = {r.font.name for p in doc.paragraphs for r in p.runs if r.text}
    assert fonts == {"Times New Roman"}
    sizes = {r.font.size.pt for p in doc.paragraphs for r in p.runs if r.text and r.font.size}
    assert sizes <= {12, 13, 14, 15, 16}
    footer = doc.tables[-1]
    assert footer.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:"
    assert [p.text for p in footer.rows[0].cells[1].paragraphs if p.text] == [
        "TRƯỞNG BAN",
        "Đinh Thị Hoa",
    ]


def test_the_state_layout_for_a_peoples_committee(tam_diep_report):
    template = tam_diep_report.template
    template.layout = "state"
    template.save()
    tam_diep_report.number, tam_diep_report.signer_title = "7", "Phó Chủ tịch"
    tam_diep_report.save()
    doc = Document(io.BytesIO(exports.report_docx(tam_diep_report)))
    head = doc.tables[0]
    right = [p.text for p in head.rows[0].cells[1].paragraphs]
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert head.rows[0].cells[0].paragraphs[0].text == "ỦY BAN NHÂN DÂN THÀNH PHỐ TAM ĐIỆP"
    assert head.rows[1].cells[0].text == "Số: 07/BC-UBND"
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    label = doc.tables[-1].rows[0].cells[0].paragraphs[0].runs[0]
    assert (label.text, label.font.bold, label.font.italic, label.font.size.pt) == (
        "Nơi nhận:",
        True,
        True,
        12,
    )


def test_the_xlsx_reads_back(tam_diep_report):
    wb = load_workbook(io.BytesIO(exports.report_xlsx(tam_diep_report)))
    assert wb.sheetnames == ["Số liệu chủ yếu", "Theo đơn vị cấp dưới"]
    ws = wb["Theo đơn vị cấp dưới"]
    assert ws["A3"].value == f"Đơn vị: {tam_diep_report.unit.name}"
    assert ws["A4"].value == "Kỳ báo cáo: năm 2023"
    assert ws["A5"].value == "Số liệu tính đến ngày 31/12/2023"
    headings = [c.value for c in ws[7]]
    assert headings[:2] == ["TT", "Đơn vị"]
    col = headings.index("Đơn tiếp nhận trong kỳ (đơn)") + 1
    values = [ws.cell(row=r, column=col).value for r in range(8, 8 + 9)]
    assert sum(values) == 36 and all(isinstance(v, int) for v in values)
    assert ws.cell(row=17, column=2).value == "Cộng" and ws.cell(row=17, column=col).value == 36
    assert ws.cell(row=8, column=col).number_format == "#,##0"
    main = wb["Số liệu chủ yếu"]
    rows = {r[1]: r[3] for r in main.iter_rows(min_row=8, values_only=True)}
    assert rows["Đơn kỳ trước chuyển sang"] == 16 and rows["Đơn đã xử lý"] == 69
