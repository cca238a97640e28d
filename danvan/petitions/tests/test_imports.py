"""Petitions as a spreadsheet row: create with its lifecycle, re-import changes nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from danvan.accounts.permissions import NotPermitted
from danvan.imports import registry
from danvan.petitions import imports
from danvan.petitions.models import Petition

D = dt.date


def row(**overrides):  # type: ignore[no-untyped-def]
    base = {
        "external_id": "SO-2023-001",
        "unit": "T1A0@2025-06-30",
        "received_on": D(2023, 3, 1),
        "kind": "complaint",
        "complaint_round": "1",
        "category": "land",
        "channel": "post",
        "forwarded_by": None,
        "signatories": "many",
        "signatory_count": 12,
        "remote_area": False,
        "is_complex": True,
        "is_especially_complex": False,
        "petitioner_name": "Nguyễn Văn Đông",
        "petitioner_address": None,
        "petitioner_contact": None,
        "summary": "Khiếu nại bồi thường giải phóng mặt bằng",
        "status": "resolved",
        "classified_on": D(2023, 3, 2),
        "accepted_on": D(2023, 3, 6),
        "finished_on": D(2023, 4, 10),
        "forwarded_to": None,
        "reject_reason": None,
        "outcome": "partly",
        "outcome_note": "Kết luận số 9",
    }
    return {**base, **overrides}


def test_the_record_type_is_registered():
    kind = registry.get("petitions")
    assert kind.view_action == "petitions.view" and kind.sheet.column("summary").required


def test_a_row_creates_the_petition_and_walks_its_lifecycle(tables, world):
    assert imports.apply_row(row(), by=world.commune_editor) == "created"
    p = Petition.objects.get(external_id="SO-2023-001")
    assert (p.unit, p.status, p.accepted_on, p.finished_on) == (
        world.old_commune_a,
        "resolved",
        D(2023, 3, 6),
        D(2023, 4, 10),
    )
    assert (p.signatory_count, p.outcome, p.finished_overdue) == (12, "partly", False)
    assert [t.to_status for t in p.transitions.all()] == [
        "received",
        "classified",
        "accepted",
        "in_progress",
        "resolved",
    ]


def test_importing_again_changes_nothing_and_a_change_updates(tables, world):
    imports.apply_row(
        row(status="accepted", finished_on=None, outcome=None), by=world.commune_editor
    )
    assert (
        imports.apply_row(
            row(status="accepted", finished_on=None, outcome=None), by=world.commune_editor
        )
        == "unchanged"
    )
    assert (
        imports.apply_row(
            row(status="accepted", finished_on=None, outcome=None, petitioner_name=None),
            by=world.commune_editor,
        )
        == "unchanged"
    )
    assert imports.apply_row(row(), by=world.commune_editor) == "updated"
    assert imports.apply_row(row(), by=world.commune_editor) == "unchanged"
    assert Petition.objects.count() == 1


def test_an_export_imports_back_unchanged(tables, world):
    imports.apply_row(row(), by=world.commune_editor)
    imports.apply_row(
        row(
            external_id="SO-2",
            status="forwarded",
            accepted_on=None,
            forwarded_to="Thanh tra tỉnh",
            outcome=None,
        ),
        by=world.commune_editor,
    )
    exported = list(imports.rows(Petition.objects.all()))
    assert {r["petitioner_name"] for r in exported} == {None}
    for r in exported:
        assert imports.apply_row(r, by=world.commune_editor) == "unchanged"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"unit": "KHONG-CO"}, "Không có đơn vị mã “KHONG-CO”"),
        ({"accepted_on": None}, "Cần “Ngày thụ lý”"),
        ({"outcome": None}, "Cần “Kết quả giải quyết”"),
        ({"finished_on": None}, "Cần “Ngày kết thúc”"),
        ({"status": "forwarded", "forwarded_to": None}, "cơ quan có thẩm quyền"),
        (
            {
                "received_on": D(2026, 3, 1),
                "classified_on": None,
                "accepted_on": None,
                "status": "received",
            },
            "không có hiệu lực",
        ),
    ],
)
def test_bad_rows_are_explained(tables, world, overrides, message):
    with pytest.raises(ValidationError, match=message):
        imports.apply_row(row(**overrides), by=world.commune_editor)


def test_status_cannot_go_back(tables, world):
    imports.apply_row(row(), by=world.commune_editor)
    with pytest.raises(ValidationError, match="không chuyển sang"):
        imports.apply_row(row(status="accepted"), by=world.commune_editor)


def test_rows_for_another_unit_are_refused(tables, world):
    with pytest.raises(NotPermitted):
        imports.apply_row(row(unit="T1B"), by=world.commune_editor)
