"""Conferences and key tasks as spreadsheets: template, round trip, idempotent re-import."""

import datetime as dt
import io

from openpyxl import Workbook, load_workbook

from danvan.conferences.models import Conference
from danvan.followups.models import KeyTask
from danvan.followups.states import Status
from danvan.imports import runner, xlsx
from danvan.imports.registry import REGISTRY


def workbook(kind, rows):
    sheet = REGISTRY[kind].sheet
    wb = Workbook()
    ws = wb.active
    ws.append([xlsx.header_text(c) for c in sheet.columns])
    for row in rows:
        ws.append([row.get(c.key) for c in sheet.columns])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


CONFERENCE = {
    "external_id": "HN-2025",
    "unit": "T1A",
    "body_kind": "Cấp ủy Đảng",
    "title": "Hội nghị tổng kết công tác dân vận năm 2025",
    "kind": "Tổng kết",
    "held_on": "18/12/2025",
    "reviewed_label": "năm 2025",
    "planned_label": "năm 2026",
    "programmes": "công tác dân vận; QCDC",
    "is_online": "Không",
    "awards_count": 3,
}
TASK = {
    "external_id": "NV-1",
    "unit": "T1A",
    "conference": "HN-2025",
    "number": 1,
    "text": "Kiện toàn Ban công tác Mặt trận khu dân cư",
    "owner_body_kind": "Ủy ban Mặt trận Tổ quốc",
    "owner_person": "Nguyễn Quang Vinh",
    "deadline": "31/03/2026",
    "status": "Đang thực hiện",
    "percent": 40,
}


def test_both_record_types_are_registered_with_templates():
    for kind in ("conferences", "followups"):
        wb = load_workbook(io.BytesIO(xlsx.template(REGISTRY[kind].sheet)))
        assert wb.sheetnames[0] == REGISTRY[kind].sheet.title


def test_import_creates_then_is_unchanged_then_updates(world):
    rt = REGISTRY["conferences"]
    report = runner.run(
        rt, workbook("conferences", [CONFERENCE]), by=world.commune_editor, dry_run=False
    )
    assert report.ok and report.created == 1, report.errors
    c = Conference.objects.get()
    assert (c.held_on, c.programmes, c.awards_count) == (
        dt.date(2025, 12, 18),
        ["công tác dân vận", "QCDC"],
        3,
    )
    report = runner.run(
        rt, workbook("conferences", [CONFERENCE]), by=world.commune_editor, dry_run=False
    )
    assert report.unchanged == 1
    changed = {**CONFERENCE, "venue": "Hội trường phường"}
    report = runner.run(
        rt, workbook("conferences", [changed]), by=world.commune_editor, dry_run=False
    )
    assert report.updated == 1
    c.refresh_from_db()
    assert c.venue == "Hội trường phường"

    rt = REGISTRY["followups"]
    report = runner.run(rt, workbook("followups", [TASK]), by=world.commune_editor, dry_run=False)
    assert report.ok and report.created == 1, report.errors
    task = KeyTask.objects.get()
    assert (task.status, task.percent, task.owner_person.full_name) == (
        Status.IN_PROGRESS,
        40,
        "Nguyễn Quang Vinh",
    )
    report = runner.run(rt, workbook("followups", [TASK]), by=world.commune_editor, dry_run=False)
    assert report.unchanged == 1
    done = {**TASK, "status": "Hoàn thành"}
    report = runner.run(rt, workbook("followups", [done]), by=world.commune_editor, dry_run=False)
    assert report.updated == 1
    task.refresh_from_db()
    assert task.status == Status.DONE


def test_bad_rows_are_reported_and_nothing_is_written(world):
    rows = [
        CONFERENCE,
        {**CONFERENCE, "external_id": "HN-X", "unit": "T1B"},
        {**CONFERENCE, "external_id": "HN-Y", "unit": "KHONG"},
    ]
    report = runner.run(
        REGISTRY["conferences"],
        workbook("conferences", rows),
        by=world.commune_editor,
        dry_run=False,
    )
    assert not report.ok and not Conference.objects.exists()
    messages = " ".join(e.message for e in report.errors)
    assert "Không có đơn vị mã “KHONG”." in messages
    report = runner.run(
        REGISTRY["followups"], workbook("followups", [TASK]), by=world.commune_editor, dry_run=False
    )
    assert "Không có hội nghị mã “HN-2025”" in " ".join(e.message for e in report.errors)


def test_export_rows_round_trip(world, client):
    runner.run(
        REGISTRY["conferences"],
        workbook("conferences", [CONFERENCE]),
        by=world.commune_editor,
        dry_run=False,
    )
    runner.run(
        REGISTRY["followups"], workbook("followups", [TASK]), by=world.commune_editor, dry_run=False
    )
    rows = list(REGISTRY["conferences"].rows(Conference.objects.all()))
    assert rows[0]["external_id"] == "HN-2025" and rows[0]["programmes"] == "công tác dân vận; QCDC"
    rows = list(REGISTRY["followups"].rows(KeyTask.objects.all()))
    assert rows[0]["conference"] == "HN-2025" and rows[0]["owner_body_kind"] == "fatherland_front"
    data = xlsx.export_xlsx(REGISTRY["followups"].sheet, rows)
    assert load_workbook(io.BytesIO(data)).active.max_row == 2
