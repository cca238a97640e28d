"""Recording sessions: permissions, the record rules of DOMAIN.md §3.6–3.7, the audit trail."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from danvan.accounts.permissions import SYSTEM, NotPermitted
from danvan.audit.history import history
from danvan.audit.models import AuditEvent
from danvan.engagements import actions
from danvan.engagements.models import (
    Engagement,
    EngagementKind,
    HostRole,
    ReceptionRule,
    ReceptionType,
)
from danvan.units.models import Body, BodyKind

DAY = dt.date(2026, 3, 5)


def body(unit, kind=BodyKind.FATHERLAND_FRONT):
    return Body.objects.filter(unit=unit, kind=kind).first()


def meeting(world, by=None, **values):
    values = {
        "kind": EngagementKind.MOBILIZATION,
        "date": DAY,
        "topic": "Tuyên truyền Luật Thực hiện dân chủ ở cơ sở",
        "attendance": 57,
        **values,
    }
    unit = values.pop("unit", world.commune_a)
    return actions.create_engagement(by=by or world.commune_editor, unit=unit, **values)


def errors_of(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def test_an_editor_records_a_meeting_in_their_commune(world):
    e = meeting(world, body=body(world.commune_a), host_name="Lê Thị Ngọc")
    assert e.unit == world.commune_a and e.meetings == 1 and e.created_by == world.commune_editor
    assert "tuyen truyen luat" in e.search_key and "phuong an" in e.search_key
    (event,) = history(e)
    assert event.verb == "engagements.create" and event.unit == world.commune_a
    assert event.verb_label == "Ghi nhận hoạt động"


def test_the_province_approver_records_for_its_communes_but_a_sibling_cannot(world):
    assert meeting(world, by=world.province_approver).unit == world.commune_a
    with pytest.raises(NotPermitted):
        meeting(world, by=world.sibling_editor)
    with pytest.raises(NotPermitted):
        meeting(world, by=world.central_viewer)  # viewers read, they do not write
    assert Engagement.objects.count() == 1


def test_a_batch_row_stands_for_several_small_meetings(world):
    e = meeting(world, meetings=12, attendance=640, topic="Họp tổ dân phố tháng 3 (ghi gộp)")
    assert (e.meetings, e.attendance) == (12, 640)
    assert e.warnings() == []


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"meetings": 0}, "meetings", "Có số lượt người dự thì phải có ít nhất 1 cuộc."),
        ({"meetings": 0, "attendance": None}, "meetings", "Số cuộc phải từ 1 trở lên."),
        (
            {"distinct_people": 80},
            "distinct_people",
            "Số người (không trùng) không thể lớn hơn số lượt người dự.",
        ),
        ({"women": 58}, "women", "Số nữ không thể lớn hơn số lượt người dự."),
        (
            {"ethnic_minorities": 60},
            "ethnic_minorities",
            "Số người dân tộc thiểu số không thể lớn hơn số lượt người dự.",
        ),
        (
            {"attendance": None, "women": 3},
            "women",
            "Có số nữ thì phải ghi cả số lượt người dự.",
        ),
        (
            {"reception_type": ReceptionType.REGULAR},
            "reception_type",
            "Chỉ buổi tiếp công dân mới có hình thức định kỳ, đột xuất.",
        ),
        (
            {"connection_points": 5},
            "connection_points",
            "Chỉ hội nghị trực tuyến mới có số điểm cầu.",
        ),
        (
            {"is_online": True, "connection_points": 0},
            "connection_points",
            "Hội nghị trực tuyến phải có ít nhất 1 điểm cầu.",
        ),
        ({"topic": "  "}, "topic", "Hãy ghi chủ đề, nội dung."),
        ({"date": dt.date(2099, 1, 1)}, "date", "Ngày tổ chức không được sau hôm nay."),
        (
            {"outcome": "Đã trả lời", "outcome_on": dt.date(2026, 3, 1)},
            "outcome_on",
            "Ngày ghi nhận kết quả không thể trước ngày tổ chức.",
        ),
    ],
)
def test_record_rules_are_enforced_with_vietnamese_messages(world, values, field, message):
    with pytest.raises(ValidationError) as excinfo:
        meeting(world, **values)
    assert message in errors_of(excinfo)[field]
    assert not Engagement.objects.exists()


def test_a_reception_needs_its_type_its_host_role_and_one_row_per_day(world):
    with pytest.raises(ValidationError) as excinfo:
        meeting(world, kind=EngagementKind.RECEPTION, meetings=2)
    found = errors_of(excinfo)
    assert found["reception_type"] == [
        "Buổi tiếp công dân phải ghi hình thức: định kỳ hay đột xuất."
    ]
    assert found["host_role"] == ["Hãy chọn vai trò của người chủ trì buổi tiếp."]
    assert "số cuộc là 1" in found["meetings"][0]


def test_a_session_belongs_to_the_unit_in_force_on_its_date(world):
    with pytest.raises(ValidationError) as excinfo:
        meeting(world, date=dt.date(2024, 5, 2))  # Phường An exists from 01/07/2025
    assert "Phường An không tồn tại vào ngày 02/05/2024" in errors_of(excinfo)["date"][0]
    old = meeting(world, unit=world.old_commune_a, date=dt.date(2024, 5, 2))
    assert old.unit == world.old_commune_a  # the role on Phường An covers its predecessor
    with pytest.raises(ValidationError):
        meeting(world, unit=world.old_commune_a, date=DAY)


def test_the_organising_body_must_be_the_units_own(world):
    with pytest.raises(ValidationError) as excinfo:
        meeting(world, body=body(world.commune_b))
    assert errors_of(excinfo)["body"] == ["Cơ quan chủ trì phải thuộc Phường An."]


def test_an_external_id_is_unique_within_a_unit(world):
    meeting(world, external_id="HL-001")
    with pytest.raises(ValidationError) as excinfo:
        meeting(world, external_id="HL-001")
    assert "đã dùng cho một hoạt động khác" in errors_of(excinfo)["external_id"][0]
    assert meeting(world, unit=world.commune_b, by=world.province_approver, external_id="HL-001")


def test_outliers_warn_but_do_not_block(world):
    e = meeting(world, attendance=5000)
    assert Engagement.objects.filter(pk=e.pk).exists()
    (warning,) = e.warnings()
    assert "Bình quân 5.000 lượt người mỗi cuộc" in warning
    assert meeting(world, attendance=5000, meetings=5).warnings() == []


def test_a_regular_reception_by_a_deputy_is_flagged(world):
    e = meeting(
        world,
        kind=EngagementKind.RECEPTION,
        reception_type=ReceptionType.REGULAR,
        host_role=HostRole.DEPUTY,
    )
    assert not e.counts_for_frequency
    assert "không được tính vào số ngày tiếp dân định kỳ" in e.warnings()[0]


def test_an_update_records_what_changed_in_vietnamese(world):
    e = meeting(world)
    actions.update_engagement(
        e, by=world.commune_editor, attendance=60, place="Nhà văn hóa khu 3", note="Bổ sung"
    )
    e.refresh_from_db()
    assert e.attendance == 60 and "nha van hoa khu 3" in e.search_key
    event = history(e).first()
    assert event.verb == "engagements.update" and event.data["note"] == "Bổ sung"
    assert event.data["changes"] == {
        "Số lượt người dự": [57, 60],
        "Địa điểm": [None, "Nhà văn hóa khu 3"],
    }


def test_an_update_that_changes_nothing_leaves_no_trace(world):
    e = meeting(world)
    actions.update_engagement(e, by=world.commune_editor, attendance=57, topic=e.topic)
    assert history(e).count() == 1


def test_moving_a_session_needs_rights_on_both_units(world):
    e = meeting(world)
    with pytest.raises(NotPermitted):
        actions.update_engagement(e, by=world.commune_editor, unit=world.commune_b)
    actions.update_engagement(e, by=world.province_approver, unit=world.commune_b)
    e.refresh_from_db()
    assert e.unit == world.commune_b
    assert history(e).first().data["changes"]["Đơn vị"] == ["Phường An", "Xã Bình"]


def test_the_outcome_is_recorded_and_audited(world):
    e = meeting(world, issues_raised="Kiến nghị sửa đường")
    with pytest.raises(ValidationError) as excinfo:
        actions.record_outcome(e, by=world.commune_editor, outcome=" ")
    assert errors_of(excinfo)["outcome"] == ["Hãy ghi kết quả, nội dung trả lời."]
    actions.record_outcome(
        e, by=world.commune_editor, outcome="Đã giao UBND phường", outcome_on=dt.date(2026, 3, 20)
    )
    e.refresh_from_db()
    assert (e.outcome, e.outcome_on) == ("Đã giao UBND phường", dt.date(2026, 3, 20))
    assert history(e).first().verb_label == "Ghi kết quả, trả lời"
    with pytest.raises(NotPermitted):
        actions.record_outcome(e, by=world.sibling_editor, outcome="x")


def test_delete_is_soft_needs_a_reason_and_can_be_undone(world):
    e = meeting(world, external_id="X1")
    with pytest.raises(ValidationError) as excinfo:
        actions.delete_engagement(e, by=world.commune_editor, reason="")
    assert errors_of(excinfo)["reason"] == ["Hãy ghi lý do xóa."]
    actions.delete_engagement(e, by=world.commune_editor, reason="Ghi trùng")
    assert not Engagement.objects.live().exists()
    e.refresh_from_db()
    assert e.is_deleted and e.delete_reason == "Ghi trùng" and e.deleted_by == world.commune_editor
    with pytest.raises(ValidationError):
        actions.update_engagement(e, by=world.commune_editor, attendance=1)
    actions.restore_engagement(e, by=world.commune_editor)
    assert Engagement.objects.live().count() == 1
    assert [x.verb for x in history(e)] == [
        "engagements.restore",
        "engagements.delete",
        "engagements.create",
    ]


# ---------------------------------------------------------------- rules


RULE = {
    "code": "LTCD136-XA-CHU-TICH",
    "host_role": HostRole.COMMITTEE_CHAIR,
    "level": "commune",
    "min_days": 2,
    "per": "month",
    "legal_basis": "Luật 136/2025/QH15 (giả định để thử)",
    "confidence": "U",
    "valid_from": dt.date(2026, 7, 1),
}


def test_the_seeded_rules_are_the_legal_ones(db):
    rules = {r.code: r for r in ReceptionRule.objects.all()}
    assert rules["QD11-XA-BI-THU"].label == "ít nhất 2 ngày/tháng"
    assert rules["QD11-TINH-BI-THU"].label == "ít nhất 1 ngày/tháng"
    assert rules["QD11-HUYEN-BI-THU"].valid_to == dt.date(2025, 11, 22)
    assert rules["LTCD-D15-XA-CHU-TICH"].label == "ít nhất 1 ngày/tuần"
    assert rules["LTCD-D12-TINH-CHU-TICH"].label == "ít nhất 1 ngày/tháng"
    assert rules["LTCD-D13-HUYEN-CHU-TICH"].label == "ít nhất 2 ngày/tháng"
    assert rules["LTCD-D13-HUYEN-CHU-TICH"].valid_to == dt.date(2025, 6, 30)


def test_only_administrators_manage_rules(world):
    with pytest.raises(NotPermitted):
        actions.create_rule(by=world.province_approver, **RULE)


def test_a_new_version_must_not_overlap_the_old_one(world):
    with pytest.raises(ValidationError) as excinfo:
        actions.create_rule(by=SYSTEM, **RULE)
    assert (
        "Trùng thời gian hiệu lực với quy định LTCD-D15-XA-CHU-TICH"
        in (errors_of(excinfo)["valid_from"][0])
    )
    old = ReceptionRule.objects.get(code="LTCD-D15-XA-CHU-TICH")
    actions.update_rule(old, by=SYSTEM, valid_to=dt.date(2026, 6, 30), change_note="Luật 136/2025")
    new = actions.create_rule(by=SYSTEM, **RULE)
    old.refresh_from_db()
    assert new.in_force_on(dt.date(2026, 7, 1)) and not old.in_force_on(dt.date(2026, 7, 1))
    event = AuditEvent.objects.filter(verb="engagements.update_rule").get()
    assert event.data["changes"] == {"Hiệu lực đến ngày": [None, "30/06/2026"]}


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"min_days": 8, "per": "week"}, "min_days"),
        ({"min_days": 0}, "min_days"),
        ({"valid_to": dt.date(2026, 1, 1)}, "valid_to"),
        ({"level": "nation"}, "level"),
        ({"host_role": HostRole.DEPUTY}, "host_role"),
        ({"legal_basis": ""}, "legal_basis"),
    ],
)
def test_rule_checks(world, values, field):
    with pytest.raises(ValidationError) as excinfo:
        actions.create_rule(by=SYSTEM, **{**RULE, "valid_from": dt.date(2030, 1, 1), **values})
    assert field in errors_of(excinfo)


def test_values_the_database_cannot_hold_are_refused_politely(world):
    with pytest.raises(ValidationError) as excinfo:
        meeting(world, attendance=3_000_000_000, topic="x" * 301)
    found = errors_of(excinfo)
    assert found["attendance"] == ["Số quá lớn, hãy kiểm tra lại."]
    assert found["topic"] == ["Tối đa 300 ký tự."]
