import datetime as dt

from danvan.accounts.permissions import SYSTEM
from danvan.emulation.imports import SHEET, apply_row, rows
from danvan.emulation.models import Commendation
from danvan.emulation.states import CommendationStatus
from danvan.imports.registry import REGISTRY
from danvan.people.models import Person
from danvan.people.tests.factories import person_at

D = dt.date


def row(**kw):
    base = {
        "external_id": "KT-01",
        "unit": "T1A",
        "year": 2022,
        "form": "medal_dan_van",
        "form_detail": None,
        "recipient_kind": "individual",
        "recipient_name": "Nguyễn Thị Hương",
        "person_code": None,
        "recipient_position": "Chủ tịch UB MTTQ phường",
        "proposer_body": None,
        "proposed_on": D(2022, 9, 20),
        "reason": "Nhiều đóng góp",
        "movement": None,
        "status": None,
        "decision_number": None,
        "decided_on": None,
        "awarding_body_name": None,
        "rejection_reason": None,
    }
    return {**base, **kw}


def test_registered():
    assert REGISTRY["commendations"].sheet is SHEET
    assert {c.key for c in SHEET.columns} >= {
        "external_id",
        "unit",
        "form",
        "recipient_name",
        "status",
    }


def test_import_is_idempotent_and_moves_forward(world):
    assert apply_row(row(), by=SYSTEM) == "created"
    assert apply_row(row(), by=SYSTEM) == "unchanged"
    person = Person.objects.get(full_name="Nguyễn Thị Hương")
    assert person.positions.get().unit == world.commune_a
    assert apply_row(row(reason="Bổ sung thành tích"), by=SYSTEM) == "updated"
    decided = row(
        status="decided", decided_on=D(2022, 11, 15), awarding_body_name="Ban Dân vận Trung ương"
    )
    assert apply_row(decided, by=SYSTEM) == "updated"
    c = Commendation.objects.get()
    assert (
        c.status == CommendationStatus.DECIDED and c.awarding_body_name == "Ban Dân vận Trung ương"
    )
    assert apply_row(decided, by=SYSTEM) == "unchanged"


def test_import_reuses_a_known_person_and_collectives(world):
    known = person_at(world.commune_a, "Trần Văn Tư")
    apply_row(row(external_id="KT-02", recipient_name="Tran Van Tu"), by=SYSTEM)
    assert Commendation.objects.get(external_id="KT-02").person == known
    apply_row(
        row(
            external_id="KT-03",
            recipient_kind="collective",
            recipient_name="Chi hội Phụ nữ khu 3",
            form="certificate",
        ),
        by=SYSTEM,
    )
    c = Commendation.objects.get(external_id="KT-03")
    assert c.person is None and c.recipient_name == "Chi hội Phụ nữ khu 3"


def test_import_errors(world):
    import pytest
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(ValidationError, match="Không có đơn vị"):
        apply_row(row(unit="ZZZ"), by=SYSTEM)
    with pytest.raises(PermissionDenied):
        apply_row(row(unit="T1B"), by=world.commune_editor)
    with pytest.raises(PermissionDenied):  # an editor may propose but not decide
        apply_row(
            row(
                external_id="KT-09",
                status="decided",
                decided_on=D(2022, 11, 1),
                awarding_body_name="X",
            ),
            by=world.commune_editor,
        )
    apply_row(row(external_id="KT-10", status="rejected", rejection_reason="Trùng"), by=SYSTEM)
    with pytest.raises(ValidationError, match="không chuyển"):
        apply_row(row(external_id="KT-10", status="decided", decided_on=D(2022, 11, 1)), by=SYSTEM)


def test_export_rows_round_trip(world):
    apply_row(row(), by=SYSTEM)
    (exported,) = rows(Commendation.objects.all())
    assert exported["unit"] == "T1A" and exported["status"] == "proposed"
    assert apply_row({**exported, "person_code": exported["person_code"]}, by=SYSTEM) == "unchanged"


def test_spreadsheet_round_trip_through_the_runner(world):
    """Export, then import the same file: nothing changes (the generic runner, real XLSX)."""
    from danvan.imports import runner, xlsx
    from danvan.imports.registry import get

    apply_row(row(), by=SYSTEM)
    apply_row(
        row(
            external_id="KT-05",
            recipient_kind="collective",
            recipient_name="Chi hội Phụ nữ khu 3",
            form="certificate",
            status="decided",
            decided_on=D(2022, 12, 1),
            awarding_body_name="UBND phường",
        ),
        by=SYSTEM,
    )
    record_type = get("commendations")
    data = xlsx.export_xlsx(SHEET, rows(Commendation.objects.all()))
    report = runner.run(record_type, data, by=SYSTEM, dry_run=False)
    assert report.ok, report.errors
    assert (report.unchanged, report.created, report.updated) == (2, 0, 0)
    assert xlsx.template(SHEET)[:2] == b"PK"
