"""Report exports for a province with lower units (Party layout) and a ward's People's
Committee (State layout). With DANVAN_REPORT_ARTIFACTS=<dir> the files are also written there
for a look in LibreOffice (`soffice --headless --convert-to pdf`)."""

import datetime as dt
import io
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.utils import timezone
from docx import Document

from danvan.accounts.permissions import SYSTEM
from danvan.engagements.actions import create_engagement
from danvan.engagements.models import EngagementKind
from danvan.lib.periods import PeriodKind, build
from danvan.petitions.tests.factories import load_tables, receive
from danvan.reporting import exports
from danvan.reporting.actions import create_report
from danvan.reporting.compile import CompiledReport, compile_report
from danvan.reporting.models import ReportTemplate
from danvan.reporting.standard import load_standard
from danvan.units.models import REFORM_DATE, Kind, Level
from danvan.units.tests.factories import UnitFactory, nation

WARDS = ["Hạ Long", "Bãi Cháy", "Hà Tu", "Cẩm Phả", "Uông Bí", "Móng Cái"]


def save(name: str, data: bytes) -> None:
    folder = os.environ.get("DANVAN_REPORT_ARTIFACTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / name).write_bytes(data)


@pytest.fixture
def province(db):  # type: ignore[no-untyped-def]
    load_tables()
    load_standard()
    qn = UnitFactory(
        code="Q22",
        short_name="Quảng Ninh",
        kind=Kind.PROVINCE,
        level=Level.PROVINCE,
        parent=nation(),
        valid_from=REFORM_DATE,
    )
    wards = [
        UnitFactory(
            code=f"Q22{i}",
            short_name=name,
            kind=Kind.WARD,
            level=Level.COMMUNE,
            parent=qn,
            valid_from=REFORM_DATE,
        )
        for i, name in enumerate(WARDS)
    ]
    for i, unit in enumerate([qn, *wards]):
        for month in range(1, 7):
            create_engagement(
                by=SYSTEM,
                unit=unit,
                kind=EngagementKind.MOBILIZATION,
                date=dt.date(2026, month, 10),
                meetings=2 + i % 3,
                attendance=110 + 15 * i,
                topic="Tuyên truyền, vận động Nhân dân",
            )
        for k in range(i + 1):
            receive(unit, received_on=dt.date(2026, 2 + k % 4, 3 + k))
    return qn, wards


def half_year_report(unit, layout: str = "party"):  # type: ignore[no-untyped-def]
    template = ReportTemplate.objects.get(code="dan-van-6-thang")
    template.layout = layout
    template.save()
    report = create_report(
        by=SYSTEM, template=template, unit=unit, period=build(PeriodKind.HALF, 2026, part=1)
    )
    report.narratives = {
        **report.narratives,
        template.sections[
            0
        ]: "Các cấp ủy, chính quyền quan tâm lãnh đạo, chỉ đạo công tác dân vận.\n"
        "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội tích cực vận động Nhân dân.",
        template.sections[-1]: "Tiếp tục nâng cao chất lượng phong trào thi đua “Dân vận khéo”.",
    }
    report.approved_at = timezone.make_aware(dt.datetime(2026, 7, 5, 9, 0))
    report.signer_title, report.signer_name = "Phó Trưởng ban", "Nguyễn Thị Thu Hà"
    report.number = "125"
    report.save()
    return report


def test_a_province_report_in_the_party_layout(province):
    qn, wards = province
    report = half_year_report(qn)
    data = exports.report_docx(report)
    save("bao-cao-dang-quang-ninh.docx", data)
    save("bao-cao-quang-ninh.xlsx", exports.report_xlsx(report))
    doc = Document(io.BytesIO(data))
    head = doc.tables[0]
    assert [p.text for p in head.rows[0].cells[0].paragraphs] == [
        "TỈNH ỦY QUẢNG NINH",
        "BAN TUYÊN GIÁO VÀ DÂN VẬN",
        "*",
    ]
    assert head.rows[1].cells[0].text == "Số 125-BC/BTGDVTU"
    assert head.rows[1].cells[1].text == "Quảng Ninh, ngày 05 tháng 7 năm 2026"
    texts = [p.text for p in doc.paragraphs]
    assert (
        "Kết quả công tác dân vận 6 tháng đầu năm 2026, phương hướng, nhiệm vụ 6 tháng cuối năm"
        in texts
    )
    assert (
        sum(6 * (2 + i % 3) for i in range(7)) == 120
        and sum(6 * (110 + 15 * i) for i in range(7)) == 6510
    )
    assert (
        "Công tác tuyên truyền, vận động Nhân dân: toàn tỉnh tổ chức được 120 cuộc, có 6.510 lượt người dự."
        in texts
    )
    assert any(
        t.startswith("Trong 6 tháng đầu năm 2026, toàn tỉnh tiếp nhận 28 đơn/28 vụ việc")
        for t in texts
    )
    lower = doc.tables[2]
    assert [r.cells[1].text for r in lower.rows[1:-1]] == [w.name for w in wards]
    assert [p.text for p in doc.tables[-1].rows[0].cells[1].paragraphs if p.text] == [
        "K/T TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
        "Nguyễn Thị Thu Hà",
    ]


def test_a_ward_report_in_the_state_layout(province):
    _, wards = province
    report = half_year_report(wards[0], layout="state")
    report.signer_title, report.signer_name, report.number = "Chủ tịch", "Trần Minh Đức", "9"
    report.save()
    data = exports.report_docx(report)
    save("bao-cao-ubnd-phuong-ha-long.docx", data)
    doc = Document(io.BytesIO(data))
    head = doc.tables[0]
    assert head.rows[0].cells[0].paragraphs[0].text == f"ỦY BAN NHÂN DÂN {wards[0].name.upper()}"
    assert head.rows[1].cells[0].text == "Số: 09/BC-UBND"
    assert [p.text for p in doc.tables[-1].rows[0].cells[1].paragraphs if p.text] == [
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Trần Minh Đức",
    ]
    recipients = [p.text for p in doc.tables[-1].rows[0].cells[0].paragraphs]
    assert recipients[-1] == "- Lưu: VT, UBND."
    assert len(doc.tables) == 3  # header, figures, footer: a ward has no lower units
    texts = [p.text for p in doc.paragraphs]
    assert (
        "Trong 6 tháng đầu năm 2026, toàn phường tiếp nhận 2 đơn/2 vụ việc, trong đó đơn kỳ trước chuyển sang "
        "0 đơn, đơn tiếp nhận trong kỳ 2 đơn. Số đơn đã xử lý/Tổng số đơn tiếp nhận: 0/2 đơn."
    ) in texts


def test_sentences_are_left_out_when_their_figures_are_zero():
    unit = SimpleNamespace(kind="province", level="province")
    report = SimpleNamespace(unit=unit, period_label="năm 2025")
    figures = {
        "meetings_held": 0,
        "attendance": None,
        "models_registered_new": 12,
        "models_in_progress": 30,
        "models_effective": 25,
        "petitions_received": 0,
        "petitions_carried_over": 0,
        "petitions_resolved": 0,
    }
    compiled = CompiledReport(report=report, indicators=[], figures=figures, own_lower={})
    assert exports.report_sentences(compiled) == [
        "Trong năm 2025, đăng ký mới 12 mô hình “Dân vận khéo”; hiện có 30 mô hình đang thực hiện và duy trì "
        "25 mô hình hiệu quả."
    ]
    compiled.figures.update(models_registered_new=0, models_in_progress=None, models_effective=0)
    assert exports.report_sentences(compiled) == []


def test_compile_then_context_is_plain_data(province):
    qn, _ = province
    report = half_year_report(qn)
    ctx = exports.report_context(report, compile_report(report))
    assert ctx.profile == "party_hd36" and ctx.issuer_code == "BTGDVTU"
    assert ctx.data_as_of == dt.date(2026, 6, 30)
