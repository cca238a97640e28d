"""The practices spreadsheet: dry run, all-or-nothing, idempotent re-import, export round trip."""

import datetime as dt

from danvan.imports import xlsx
from danvan.imports.registry import get
from danvan.imports.runner import run
from danvan.practices.imports import SHEET, apply_row, rows
from danvan.practices.models import Practice
from danvan.practices.states import Status

from .factories import practice

D = dt.date


def row(**values):
    base = {
        "external_id": "MH-01",
        "unit": "T1A",
        "kind": "model",
        "name": "Tuyến phố văn minh",
        "field": "new_rural",
        "registered_on": D(2025, 8, 1),
    }
    base.update(values)
    return base


GOOD = [
    row(),
    row(
        external_id="MH-02",
        name="Tổ hòa giải giỏi",
        field="defence_security",
        status=Status.EFFECTIVE,
        start_on=D(2025, 8, 15),
        evaluated_on=D(2025, 12, 1),
        evaluation_result="good",
        evaluation_note="Đạt các tiêu chí",
    ),
    row(
        external_id="DH-01",
        unit="T1B",
        kind="exemplar",
        name="Điển hình hiến đất làm đường",
        person_name="Nguyễn Văn Thắng",
        body="Ủy ban Mặt trận Tổ quốc Việt Nam xã Bình",
        status=Status.RECOGNISED,
        start_on=D(2025, 8, 2),
        evaluated_on=D(2025, 11, 1),
        evaluation_result="excellent",
        evaluation_note="Vượt",
        recognition_level="commune",
        recognition_decision="45/QĐ-UBND",
        recognised_on=D(2025, 11, 20),
    ),
]


def workbook(data):
    return xlsx.export_xlsx(SHEET, data)


def test_the_record_type_is_registered():
    record_type = get("practices")
    assert record_type.sheet is SHEET and record_type.view_action == "practices.view"
    template = xlsx.template(SHEET)
    assert template[:2] == b"PK"


def test_a_good_file_imports_after_a_dry_run_and_again_changes_nothing(world):
    record_type = get("practices")
    data = workbook(GOOD)
    report = run(record_type, data, by=world.province_approver, dry_run=True)
    assert report.ok and report.created == 3 and not Practice.objects.exists()
    report = run(record_type, data, by=world.province_approver, dry_run=False)
    assert report.committed and report.created == 3, report.errors
    exemplar = Practice.objects.get(external_id="DH-01")
    assert (exemplar.status, exemplar.person_name, exemplar.body.name) == (
        Status.RECOGNISED,
        "Nguyễn Văn Thắng",
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã Bình",
    )
    assert [t.to_status for t in exemplar.transitions.all()] == [
        "registered",
        "in_progress",
        "effective",
        "recognised",
    ]
    again = run(record_type, data, by=world.province_approver, dry_run=False)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_a_file_with_bad_rows_lists_every_error_and_writes_nothing(world):
    bad = [
        *GOOD,
        row(external_id="X-1", name=None),
        row(external_id="X-2", unit="KHONG"),
        row(external_id="X-3", status=Status.EFFECTIVE, start_on=D(2025, 9, 1)),
        row(external_id="X-4", status=Status.REPLICATED),
        row(external_id="X-5", unit="T2C"),
        row(external_id="X-6", field="Không có lĩnh vực này"),
    ]
    report = run(get("practices"), workbook(bad), by=world.province_approver, dry_run=False)
    assert not report.committed
    errors = {(e.row, e.message) for e in report.errors}
    assert (5, "Bắt buộc nhập.") in errors
    assert (6, "Không có đơn vị mã “KHONG”.") in errors
    assert (7, "Trạng thái “Có hiệu quả” cần Ngày đánh giá.") in errors
    assert any(r == 8 and "Đã nhân rộng" in m for r, m in errors)
    assert (9, "Bạn không có quyền thực hiện thao tác này tại đơn vị này.") in errors
    assert any(r == 10 and "không có trong danh mục" in m for r, m in errors)
    assert not Practice.objects.exists()


def test_rows_update_and_move_forward_but_never_back(world):
    assert apply_row(row(), by=world.commune_editor) == "created"
    assert apply_row(row(), by=world.commune_editor) == "unchanged"
    assert apply_row(row(area="Khu 5"), by=world.commune_editor) == "updated"
    assert (
        apply_row(
            row(area="Khu 5", status=Status.IN_PROGRESS, start_on=D(2025, 8, 10)),
            by=world.commune_editor,
        )
        == "updated"
    )
    p = Practice.objects.get()
    assert (p.status, p.area) == (Status.IN_PROGRESS, "Khu 5")
    try:
        apply_row(
            row(area="Khu 5", status=Status.REGISTERED, start_on=D(2025, 8, 10)),
            by=world.commune_editor,
        )
    except Exception as e:  # noqa: BLE001
        assert "lùi so với trạng thái hiện tại" in str(e)
    else:
        raise AssertionError("moved back")


def test_export_then_reimport_changes_nothing(world):
    practice(world.commune_a, status=Status.EFFECTIVE, area="Khu 1", situation="Dòng 1\nDòng 2")
    practice(world.old_commune_a, status=Status.STOPPED, external_id="CU-1")
    practice(
        world.commune_b, status=Status.RECOGNISED, kind="exemplar", person_name="Trần Thị Hồng"
    )
    data = workbook(rows(Practice.objects.all()))
    report = run(get("practices"), data, by=world.province_approver, dry_run=False)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3), report.errors
    assert Practice.objects.count() == 3


def test_export_follows_the_list_filters_and_scope(client, world):
    practice(world.commune_a, name="Tuyến phố văn minh")
    practice(world.commune_b, name="Thắp sáng đường quê")
    client.force_login(world.commune_editor)
    response = client.get("/nhap-tep/practices/xuat.csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "Tuyến phố văn minh" in text and "Thắp sáng" not in text
    client.force_login(world.province_approver)
    text = client.get("/nhap-tep/practices/xuat.csv", {"q": "thap sang"}).content.decode(
        "utf-8-sig"
    )
    assert "Thắp sáng đường quê" in text and "Tuyến phố" not in text
