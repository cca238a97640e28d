"""The engagements spreadsheet: import through the actions, idempotent, and round-trip export."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from danvan.engagements.imports import SHEET, apply_row, rows_for_export
from danvan.engagements.models import Engagement
from danvan.imports import runner, xlsx
from danvan.imports.registry import REGISTRY

from .factories import EngagementFactory

ROW = {
    "external_id": "HL-2026-001",
    "unit": "T1A",
    "kind": "mobilization",
    "reception_type": None,
    "host_role": None,
    "date": dt.date(2026, 3, 5),
    "meetings": 12,
    "topic": "Họp tổ dân phố tháng 3 (ghi gộp)",
    "body_kind": "fatherland_front",
    "host_name": None,
    "host_position": None,
    "place": None,
    "is_online": None,
    "connection_points": None,
    "attendance": 640,
    "distinct_people": None,
    "women": 300,
    "ethnic_minorities": None,
    "issues_raised": None,
    "outcome": None,
    "outcome_on": None,
}


def workbook(rows):
    wb = Workbook()
    ws = wb.active
    ws.append([xlsx.header_text(c) for c in SHEET.columns])
    for row in rows:
        ws.append([SHEET.column(c.key).render(row.get(c.key)) for c in SHEET.columns])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_the_record_type_is_registered():
    assert REGISTRY["engagements"].sheet is SHEET
    assert REGISTRY["engagements"].view_action == "engagements.view"


def test_apply_row_creates_then_leaves_alone_then_updates(world):
    assert apply_row(dict(ROW), by=world.commune_editor) == "created"
    e = Engagement.objects.get()
    assert e.body.name == "Ủy ban Mặt trận Tổ quốc Việt Nam phường An" and e.meetings == 12
    assert apply_row(dict(ROW), by=world.commune_editor) == "unchanged"
    assert apply_row({**ROW, "attendance": 700}, by=world.commune_editor) == "updated"
    assert Engagement.objects.get().attendance == 700


def test_apply_row_uses_the_same_rules_and_permissions(world):
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(ValidationError):
        apply_row({**ROW, "women": 641}, by=world.commune_editor)
    with pytest.raises(ValidationError):
        apply_row({**ROW, "unit": "KHONG"}, by=world.commune_editor)
    with pytest.raises(PermissionDenied):
        apply_row(dict(ROW), by=world.sibling_editor)


def test_a_file_imports_and_importing_it_again_changes_nothing(world):
    data = workbook(
        [
            ROW,
            {**ROW, "external_id": "HL-2026-002", "meetings": None, "attendance": 45, "women": 20},
        ]
    )
    report = runner.run(REGISTRY["engagements"], data, by=world.commune_editor, dry_run=False)
    assert report.ok and (report.created, report.updated) == (2, 0), report.errors
    again = runner.run(REGISTRY["engagements"], data, by=world.commune_editor, dry_run=False)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_a_bad_file_lists_every_error_and_writes_nothing(world):
    rows = [
        ROW,
        {**ROW, "external_id": "X2", "women": 999},
        {**ROW, "external_id": "X3", "unit": "T2C"},
    ]
    report = runner.run(
        REGISTRY["engagements"], workbook(rows), by=world.commune_editor, dry_run=False
    )
    assert not report.committed and len(report.errors) == 2
    assert not Engagement.objects.exists()


def test_an_exported_record_reimports_unchanged(world):
    EngagementFactory(unit=world.commune_a, topic="Ghi trên giao diện", attendance=30)
    (row,) = rows_for_export(Engagement.objects.all())
    assert row["unit"] == "T1A" and row["external_id"]
    assert apply_row(row, by=world.commune_editor) == "unchanged"
    assert apply_row({**row, "attendance": 31}, by=world.commune_editor) == "updated"
    assert Engagement.objects.count() == 1
