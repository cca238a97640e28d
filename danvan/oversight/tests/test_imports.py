"""The plan spreadsheet: registration, idempotent import through the actions, export."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from danvan.imports.registry import REGISTRY
from danvan.oversight.imports import SHEET, apply_row, list_queryset, rows
from danvan.oversight.models import OversightPlan, PlanConflict
from danvan.oversight.states import Status

from .factories import plan

D = dt.date


def row(**over):
    values = {
        "external_id": "KH-01",
        "unit": "T1A",
        "body_kind": "party_committee",
        "kind": "party_inspection",
        "title": "Kiểm tra thực hiện dân chủ ở cơ sở",
        "document_number": "05-KH/ĐU",
        "subject_unit": "T1A",
        "subject_body_kind": None,
        "topics": "Thực hiện dân chủ ở cơ sở",
        "topic_text": None,
        "window_start": D(2026, 5, 18),
        "window_end": D(2026, 5, 19),
        "notice_sent_on": None,
        "team": None,
        "findings": None,
        "recommendations": None,
        "status": None,
        "ack_note": None,
    }
    values.update(over)
    return values


def test_the_sheet_is_registered():
    rt = REGISTRY["oversight-plans"]
    assert rt.sheet is SHEET and rt.view_action == "oversight.view" and rt.list_queryset is not None


def test_create_then_unchanged_then_updated(world):
    assert apply_row(row(), by=world.commune_editor) == "created"
    p = OversightPlan.objects.get()
    assert (
        p.topic_list == ["qcdc"] and p.document_number == "05-KH/ĐU" and p.status == Status.PLANNED
    )
    assert apply_row(row(), by=world.commune_editor) == "unchanged"
    assert apply_row(row(title="Kiểm tra lại"), by=world.commune_editor) == "updated"
    assert (
        apply_row(row(title="Kiểm tra lại", status="notified"), by=world.commune_editor)
        == "updated"
    )
    p.refresh_from_db()
    assert p.status == Status.NOTIFIED and p.notice_sent_on == D(2026, 5, 18)


def test_a_colliding_plan_needs_an_acknowledgement_note(world):
    plan(world.province, world.commune_a, D(2026, 5, 11))
    with pytest.raises(ValidationError, match="chưa được xác nhận"):
        apply_row(row(status="done"), by=world.commune_editor)
    assert (
        apply_row(row(status="done", ack_note="Đã lồng ghép"), by=world.commune_editor) == "created"
    )
    p = OversightPlan.objects.get(external_id="KH-01")
    assert p.status == Status.DONE
    assert PlanConflict.objects.get(plan=p).note == "Đã lồng ghép"
    with pytest.raises(ValidationError, match="Không thể đưa trạng thái"):
        apply_row(row(status="planned"), by=world.commune_editor)


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"unit": "XX"}, "Đơn vị chủ trì: không có đơn vị mã “XX”."),
        ({"body_kind": "mass_mobilization"}, "không có Ban Dân vận"),
        (
            {"topics": "Thực hiện dân chủ ở cơ sở; Bóng đá"},
            "Chủ đề không có trong danh mục: Bóng đá.",
        ),
        ({"subject_body_kind": "trade_union"}, "không có Công đoàn"),
    ],
)
def test_bad_rows(world, over, message):
    with pytest.raises(ValidationError, match=message):
        apply_row(row(**over), by=world.commune_editor)


def test_rows_outside_ones_scope_are_refused(world):
    with pytest.raises(PermissionDenied):
        apply_row(row(unit="T1B"), by=world.commune_editor)


def test_export_rows_round_trip(world):
    p = plan(world.commune_a, world.commune_a, D(2026, 5, 20), topics=("qcdc", "kntc"))
    [exported] = list(rows(OversightPlan.objects.all()))
    assert exported["external_id"] == str(p.code)
    assert (
        exported["topics"]
        == "Thực hiện dân chủ ở cơ sở; Tiếp công dân, giải quyết khiếu nại, tố cáo"
    )
    assert exported["unit"] == "T1A" and exported["subject_unit"] == "T1A"
    values = {
        **exported,
        **{k: (v or None) for k, v in exported.items() if isinstance(v, str) and not v},
    }
    assert apply_row(values, by=world.commune_editor) == "unchanged"  # matched on its code
    values["title"] = "Kiểm tra lại"
    assert apply_row(values, by=world.commune_editor) == "updated"
    assert OversightPlan.objects.count() == 1


def test_list_queryset_applies_filters_and_visibility(world):
    plan(world.commune_a, world.commune_a, D(2026, 5, 20))
    plan(world.commune_b, world.commune_b, D(2026, 5, 20))
    request = RequestFactory().get("/", {"don-vi": "T1"})
    request.user = world.commune_editor
    assert list(list_queryset(request).values_list("unit__key", flat=True)) == ["T1A"]


def test_template_and_filtered_export_through_the_import_pages(client, world):
    import io

    from django.urls import reverse
    from openpyxl import load_workbook

    plan(world.commune_a, world.commune_a, D(2026, 5, 20), title="Kiểm tra ở phường An")
    plan(world.commune_b, world.commune_b, D(2026, 5, 20), title="Kiểm tra ở xã Bình")
    client.force_login(world.commune_editor)
    r = client.get(reverse("imports:template", args=["oversight-plans"]))
    assert r.status_code == 200
    headers = [c.value for c in load_workbook(io.BytesIO(r.content)).worksheets[0][1]]
    assert "Mã kế hoạch (*)" in headers and "Ý kiến xác nhận trùng lặp" in headers
    r = client.get(reverse("imports:export_xlsx", args=["oversight-plans"]), {"q": "kiem tra"})
    assert r.status_code == 200
    values = [
        str(c.value)
        for row in load_workbook(io.BytesIO(r.content)).worksheets[0].iter_rows()
        for c in row
    ]
    assert "Kiểm tra ở phường An" in values and "Kiểm tra ở xã Bình" not in values
