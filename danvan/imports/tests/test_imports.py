"""The spreadsheet machinery on a small record type defined here (bodies of a unit)."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from danvan.accounts.permissions import require
from danvan.imports import runner, xlsx
from danvan.imports.models import ImportJob, JobStatus
from danvan.imports.registry import REGISTRY, RecordType
from danvan.imports.spec import Column, Sheet
from danvan.units.models import Body, BodyKind, Unit

SHEET = Sheet(
    kind="test-bodies",
    title="Cơ quan",
    columns=(
        Column("external_id", "Mã", required=True),
        Column("unit", "Đơn vị", required=True),
        Column("name", "Tên cơ quan", required=True, width=40),
        Column("kind", "Loại", kind="choice", required=True, choices=BodyKind.choices),
        Column("valid_from", "Từ ngày", kind="date"),
        Column("staff", "Số cán bộ", kind="int"),
        Column("active", "Còn hoạt động", kind="bool"),
    ),
    instructions=("Dòng thử nghiệm.",),
)


def apply_row(row, *, by):
    unit = Unit.objects.filter(key=row["unit"]).first()
    if unit is None:
        raise ValidationError(f"Không có đơn vị mã “{row['unit']}”.")
    require(by, "imports.run", unit)
    body = Body.objects.filter(unit=unit, short_code=row["external_id"]).first()
    if body is None:
        Body.objects.create(unit=unit, short_code=row["external_id"], name=row["name"], kind=row["kind"],
                            valid_from=row["valid_from"])
        return "created"
    if (body.name, body.kind, body.valid_from) == (row["name"], row["kind"], row["valid_from"]):
        return "unchanged"
    body.name, body.kind, body.valid_from = row["name"], row["kind"], row["valid_from"]
    body.save()
    return "updated"


@pytest.fixture
def record_type():
    rt = RecordType(sheet=SHEET, apply_row=apply_row, rows=lambda qs: [], view_action="units.view", label="Cơ quan")
    REGISTRY[rt.kind] = rt
    yield rt
    del REGISTRY[rt.kind]


def workbook(rows, headers=None):
    wb = Workbook()
    ws = wb.active
    ws.append(headers or [xlsx.header_text(c) for c in SHEET.columns])
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


GOOD = [
    ["B1", "T1A", "Chi hội Phụ nữ khu 1", "Hội Liên hiệp Phụ nữ", "01/01/2024", "12", "Có"],
    ["B2", "T1A", "Chi hội Cựu chiến binh khu 1", "Hội Cựu chiến binh", dt.datetime(2024, 3, 5), 7, "Không"],
]


def test_the_template_has_headers_dropdowns_and_instructions():
    wb = load_workbook(io.BytesIO(xlsx.template(SHEET)))
    assert wb.sheetnames == ["Cơ quan", "Danh mục", "Hướng dẫn"]
    ws = wb["Cơ quan"]
    assert [c.value for c in ws[1]] == ["Mã (*)", "Đơn vị (*)", "Tên cơ quan (*)", "Loại (*)", "Từ ngày",
                                       "Số cán bộ", "Còn hoạt động"]
    assert len(ws.data_validations.dataValidation) == 2  # the choice and the yes/no columns
    text = " ".join(str(c.value) for row in wb["Hướng dẫn"].iter_rows() for c in row if c.value)
    assert "bắt buộc" in text and "Hội Liên hiệp Phụ nữ" in text and "Dòng thử nghiệm." in text


def test_a_good_file_imports_and_a_second_import_changes_nothing(world, record_type):
    report = runner.run(record_type, workbook(GOOD), by=world.commune_editor, dry_run=False)
    assert report.ok and report.committed and (report.created, report.updated) == (2, 0)
    assert Body.objects.get(short_code="B2").valid_from == dt.date(2024, 3, 5)
    again = runner.run(record_type, workbook(GOOD), by=world.commune_editor, dry_run=False)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_a_dry_run_writes_nothing(world, record_type):
    report = runner.run(record_type, workbook(GOOD), by=world.commune_editor, dry_run=True)
    assert report.ok and report.created == 2 and not report.committed
    assert not Body.objects.filter(short_code__in=["B1", "B2"]).exists()


def test_bad_rows_are_all_listed_and_nothing_is_written(world, record_type):
    rows = GOOD + [
        ["B3", "T1A", "", "Hội Nông dân", "31/02/2024", "mười", "Có"],  # three cell errors
        ["B4", "T2C", "Chi hội khác tỉnh", "Hội Nông dân", None, None, None],  # not the editor's unit
        ["B1", "T1A", "Trùng mã", "Hội Nông dân", None, None, None],  # duplicate id
        ["B5", "KHONG", "Đơn vị lạ", "Hội Nông dân", None, None, "có lẽ"],
    ]
    report = runner.run(record_type, workbook(rows), by=world.commune_editor, dry_run=False)
    assert not report.committed
    found = [(e.row, e.column) for e in report.errors]
    assert found == [(4, "Số cán bộ"), (4, "Tên cơ quan"), (4, "Từ ngày"), (5, ""), (6, "Mã"),
                     (7, "Còn hoạt động")]
    messages = " ".join(e.message for e in report.errors)
    assert "Bắt buộc nhập." in messages and "không có quyền" in messages and "Trùng mã với dòng 2" in messages
    assert not Body.objects.filter(short_code__in=["B1", "B2"]).exists()


def test_a_file_with_wrong_columns_says_which_are_missing(world, record_type):
    report = runner.run(record_type, workbook(GOOD, headers=["Mã", "Tên"]), by=world.commune_editor, dry_run=True)
    assert report.errors[0].message.startswith("Thiếu cột: Đơn vị, Tên cơ quan, Loại")


def test_not_an_excel_file(world, record_type):
    report = runner.run(record_type, b"not a zip", by=world.commune_editor, dry_run=True)
    assert report.errors[0].message == "Tệp không phải Excel (.xlsx) hợp lệ."


def test_exports_read_back(world):
    rows = [{"external_id": "B1", "unit": "T1A", "name": "Chi hội", "kind": BodyKind.VETERANS,
             "valid_from": dt.date(2024, 1, 2), "staff": 17385, "active": True}]
    ws = load_workbook(io.BytesIO(xlsx.export_xlsx(SHEET, rows))).active
    assert [c.value for c in ws[2]][:5] == ["B1", "T1A", "Chi hội", "Hội Cựu chiến binh", dt.datetime(2024, 1, 2)]
    csv = xlsx.export_csv(SHEET, rows).decode("utf-8")
    assert csv.startswith("\ufeffMã,Đơn vị") and "02/01/2024" in csv and "Hội Cựu chiến binh" in csv


def test_the_pages_upload_check_and_write(client, world, record_type):
    client.force_login(world.commune_editor)
    assert client.get(reverse("imports:index")).status_code == 200
    assert client.get(reverse("imports:template", args=["test-bodies"])).status_code == 200
    upload = io.BytesIO(workbook(GOOD))
    upload.name = "co-quan.xlsx"
    response = client.post(reverse("imports:upload", args=["test-bodies"]), {"file": upload})
    job = ImportJob.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.status == JobStatus.CHECKED and job.created == 2
    assert "Tệp hợp lệ" in client.get(job.get_absolute_url()).content.decode()
    client.post(reverse("imports:commit", args=[job.code]))
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert Body.objects.filter(short_code__in=["B1", "B2"]).count() == 2


def test_only_editors_may_upload_and_only_their_own_jobs_are_visible(client, world, record_type):
    upload = io.BytesIO(workbook(GOOD))
    upload.name = "x.xlsx"
    client.force_login(world.outsider)
    assert client.post(reverse("imports:upload", args=["test-bodies"]), {"file": upload}).status_code == 400
    assert not ImportJob.objects.exists()
    client.force_login(world.commune_editor)
    upload.seek(0)
    client.post(reverse("imports:upload", args=["test-bodies"]), {"file": upload})
    job = ImportJob.objects.get()
    client.force_login(world.sibling_editor)
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.post(reverse("imports:commit", args=[job.code])).status_code == 404


def test_unknown_record_types_are_404(client, world):
    client.force_login(world.commune_editor)
    assert client.get(reverse("imports:template", args=["khong-co"])).status_code == 404
