"""Plan actions: permissions, domain rules and their Vietnamese messages, audit rows."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.accounts.permissions import SYSTEM
from danvan.audit.log import VERB_LABELS
from danvan.audit.models import AuditEvent
from danvan.core.lifecycle import InvalidTransition
from danvan.oversight import actions
from danvan.oversight.models import OversightPlan
from danvan.oversight.states import Status
from danvan.units.models import BodyKind

from .factories import body, plan

D = dt.date


def data(world, **over):
    values = {
        "kind": "party_inspection",
        "title": "Kiểm tra dân chủ ở cơ sở",
        "window_start": D(2026, 5, 4),
        "window_end": D(2026, 5, 5),
        "body": body(world.commune_a),
        "subject_unit": world.commune_a,
        "topics": ["qcdc"],
    }
    values.update(over)
    return actions.PlanData(**values)


def messages(exc):
    return exc.value.message_dict


def test_create_writes_transition_search_key_and_audit(world):
    p = actions.create_plan(
        data(world, title="Kiểm tra  Dân chủ"), by=world.commune_editor, note="Theo chương trình"
    )
    assert (
        p.status == Status.PLANNED and p.unit == world.commune_a and p.match_unit == world.commune_a
    )
    assert p.title == "Kiểm tra Dân chủ" and "kiem tra dan chu" in p.search_key
    assert p.transitions.get().to_status == Status.PLANNED
    event = AuditEvent.objects.get(verb="oversight.create")
    assert event.actor == world.commune_editor and event.data["note"] == "Theo chương trình"
    assert VERB_LABELS["oversight.acknowledge"] == "Xác nhận trùng lặp với kế hoạch khác"


@pytest.mark.parametrize(
    ("over", "field", "message"),
    [
        (
            {"window_end": D(2026, 5, 1)},
            "window_end",
            "Ngày kết thúc phải trùng hoặc sau ngày bắt đầu.",
        ),
        (
            {"subject_unit": None},
            "subject_unit",
            "Hãy chọn đơn vị hoặc cơ quan chịu kiểm tra, giám sát.",
        ),
        ({"title": "  "}, "title", "Hãy ghi tên cuộc kiểm tra, giám sát."),
        ({"kind": "audit"}, "kind", "Loại kế hoạch không hợp lệ."),
        ({"topics": ["xyz"]}, "topics", "Chủ đề không có trong danh mục: xyz."),
    ],
)
def test_domain_rules(world, over, field, message):
    with pytest.raises(ValidationError) as exc:
        actions.create_plan(data(world, **over), by=world.commune_editor)
    assert messages(exc)[field] == [message]


def test_bodies_and_units_must_fit(world):
    with pytest.raises(ValidationError) as exc:
        actions.create_plan(data(world, unit=world.commune_b), by=SYSTEM)
    assert messages(exc)["body"] == ["Cơ quan chủ trì không thuộc đơn vị chủ trì đã chọn."]
    with pytest.raises(ValidationError) as exc:
        actions.create_plan(
            data(world, subject_body=body(world.commune_b, BodyKind.PEOPLES_COMMITTEE)), by=SYSTEM
        )
    assert messages(exc)["subject_body"] == [
        "Cơ quan chịu kiểm tra, giám sát không thuộc đơn vị đã chọn."
    ]
    with pytest.raises(ValidationError) as exc:
        actions.create_plan(data(world, subject_unit=world.old_commune_a), by=SYSTEM)
    assert "hãy chọn đơn vị kế thừa" in messages(exc)["subject_unit"][0]
    with pytest.raises(ValidationError) as exc:
        actions.create_plan(data(world, body=None), by=SYSTEM)
    assert messages(exc)["body"] == ["Hãy chọn cơ quan hoặc đơn vị chủ trì."]


def test_a_legacy_unit_plans_before_the_reform(world):
    p = actions.create_plan(
        data(
            world,
            body=body(world.old_district),
            subject_unit=world.old_commune_a,
            window_start=D(2023, 5, 4),
            window_end=D(2023, 5, 5),
        ),
        by=world.province_approver,  # a role on today's province covers its predecessor
    )
    assert p.unit == world.old_district


def test_permissions(world):
    with pytest.raises(PermissionDenied):
        actions.create_plan(data(world, body=body(world.province)), by=world.commune_editor)
    with pytest.raises(PermissionDenied):
        actions.create_plan(data(world), by=world.sibling_editor)
    with pytest.raises(PermissionDenied):
        actions.create_plan(data(world), by=world.central_viewer)
    p = actions.create_plan(data(world), by=world.commune_editor)
    with pytest.raises(PermissionDenied):
        actions.move_plan(
            p, by=world.sibling_editor, window_start=D(2026, 7, 1), window_end=D(2026, 7, 1)
        )
    with pytest.raises(PermissionDenied):
        actions.transition_plan(p, by=world.outsider, to=Status.CANCELLED)
    # Moving a plan to a unit outside one's scope is refused too.
    with pytest.raises(PermissionDenied):
        actions.update_plan(
            p,
            actions.PlanData.of(p, body=body(world.commune_b), unit=world.commune_b),
            by=world.commune_editor,
        )


def test_external_id_is_unique_per_unit(world):
    actions.create_plan(data(world, external_id="KH-01"), by=SYSTEM)
    with pytest.raises(ValidationError) as exc:
        actions.create_plan(data(world, external_id="KH-01"), by=SYSTEM)
    assert messages(exc)["external_id"] == ["Mã “KH-01” đã dùng cho kế hoạch khác của đơn vị."]
    actions.create_plan(
        data(world, external_id="KH-01", body=body(world.commune_b), subject_unit=world.commune_b),
        by=SYSTEM,
    )


def test_lifecycle_and_frozen_windows(world):
    p = actions.create_plan(data(world), by=SYSTEM)
    with pytest.raises(
        InvalidTransition, match="Không thể chuyển từ “Dự kiến” sang “Đã hoàn thành”"
    ):
        actions.transition_plan(p, by=SYSTEM, to=Status.DONE)
    for to in (Status.NOTIFIED, Status.IN_PROGRESS):
        p = actions.transition_plan(p, by=SYSTEM, to=to)
    with pytest.raises(ValidationError, match="không thể đổi thời gian"):
        actions.move_plan(p, by=SYSTEM, window_start=D(2026, 7, 1), window_end=D(2026, 7, 1))
    with pytest.raises(ValidationError, match="không thể đổi thời gian hoặc đối tượng"):
        actions.update_plan(p, actions.PlanData.of(p, window_end=D(2026, 5, 9)), by=SYSTEM)
    p = actions.update_plan(p, actions.PlanData.of(p, findings="Đã công khai đầy đủ."), by=SYSTEM)
    p = actions.transition_plan(p, by=SYSTEM, to=Status.DONE, note="Xong")
    assert [t.to_status for t in p.transitions.all()] == [
        "planned",
        "notified",
        "in_progress",
        "done",
    ]
    assert p.is_overdue(D(2030, 1, 1)) is False


def test_overdue_plans(world):
    p = plan(world.commune_a, world.commune_a, D(2026, 1, 5))
    assert p.is_overdue(D(2026, 2, 1))
    assert list(OversightPlan.objects.overdue(D(2026, 2, 1))) == [p]


def test_move_audits_the_change(world):
    p = plan(world.commune_a, world.commune_a, D(2026, 5, 4), D(2026, 5, 5))
    actions.move_plan(
        p, by=world.commune_editor, window_start=D(2026, 8, 3), window_end=D(2026, 8, 4), note="Lùi"
    )
    event = AuditEvent.objects.get(verb="oversight.move")
    assert event.data["changes"] == {
        "Thời gian": ["04/05/2026–05/05/2026", "03/08/2026–04/08/2026"]
    }
