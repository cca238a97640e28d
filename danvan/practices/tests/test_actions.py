"""The actions: registration rules, the lifecycle, replication, duplicates, permissions, audit."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from danvan.accounts.permissions import SYSTEM, NotPermitted
from danvan.audit.history import history
from danvan.core.lifecycle import InvalidTransition
from danvan.practices import actions
from danvan.practices.models import Practice, PracticeTransition
from danvan.practices.states import Status
from danvan.units.models import Body

from .factories import fields, practice

D = dt.date


def messages(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict


def test_an_editor_registers_a_model_in_their_commune(world):
    p = actions.register_practice(
        by=world.commune_editor,
        unit=world.commune_a,
        fields=fields(world.commune_a, name="  Tuyến phố  văn minh ", kind="model"),
        note="Đăng ký đầu năm",
    )
    assert p.status == Status.REGISTERED
    assert p.name == "Tuyến phố văn minh"
    assert p.level == "commune"  # from the unit
    assert p.registration_year == 2025
    assert p.created_by == world.commune_editor
    assert "tuyen pho van minh" in p.search_key
    step = p.transitions.get()
    assert (step.from_status, step.to_status, step.on_date) == (
        "",
        Status.REGISTERED,
        D(2025, 8, 1),
    )
    assert step.by_name == "Lê Thị Ngọc"
    event = history(p).get()
    assert event.verb == "practices.register"
    assert event.verb_label == "Đăng ký mô hình"
    assert event.data["note"] == "Đăng ký đầu năm"


def test_registration_rules_are_reported_together_in_vietnamese(world):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    other_body = Body.objects.filter(unit=world.commune_b).first()
    with pytest.raises(ValidationError) as e:
        actions.register_practice(
            by=world.commune_editor,
            unit=world.commune_a,
            fields=fields(
                world.commune_a,
                name="Mô",
                kind="exemplar",
                registered_on=tomorrow,
                registration_year=2001,
                body=other_body,
                start_on=D(2025, 9, 1),
                evaluation_due=D(2025, 8, 1),
            ),
        )
    errors = messages(e.value)
    assert errors["name"] == ["Tên mô hình cần ít nhất 5 ký tự."]
    assert errors["person_name"] == ["Điển hình cá nhân cần họ và tên người được đăng ký."]
    assert errors["registered_on"] == ["Ngày đăng ký không được sau ngày hôm nay."]
    assert errors["registration_year"][0].startswith("Năm đăng ký phải từ 2009")
    assert errors["body"] == ["Cơ quan, tổ chức đăng ký phải thuộc đơn vị đăng ký."]
    assert errors["evaluation_due"] == [
        "Thời điểm đánh giá dự kiến phải sau ngày bắt đầu thực hiện."
    ]
    assert not Practice.objects.exists()


def test_the_unit_must_exist_on_the_registration_date(world):
    with pytest.raises(ValidationError) as e:
        actions.register_practice(
            by=SYSTEM,
            unit=world.commune_a,
            fields=fields(world.commune_a, registered_on=D(2024, 5, 1)),
        )
    assert "không tồn tại vào ngày 01/05/2024" in messages(e.value)["registered_on"][0]
    # The old commune is the right unit for 2024.
    p = actions.register_practice(
        by=world.commune_editor,
        unit=world.old_commune_a,
        fields=fields(world.old_commune_a, registered_on=D(2024, 5, 1)),
    )
    assert p.unit == world.old_commune_a


def test_external_id_is_unique_per_unit(world):
    practice(world.commune_a, external_id="MH-01")
    practice(world.commune_b, external_id="MH-01")  # another unit: fine
    with pytest.raises(ValidationError) as e:
        practice(world.commune_a, external_id="MH-01")
    assert "Mã ngoài “MH-01” đã dùng" in messages(e.value)["external_id"][0]


def test_an_exemplar_names_its_person(world):
    p = practice(
        world.commune_a,
        kind="exemplar",
        person_name="Nguyễn Văn Thắng",
        person_position="Bí thư chi bộ",
    )
    assert p.is_exemplar and p.person_name == "Nguyễn Văn Thắng"


def test_the_full_lifecycle_with_dates_actors_and_notes(world):
    p = practice(world.commune_a)
    p = actions.start_practice(p, by=world.commune_editor, on=D(2025, 8, 15), note="Ra quân")
    assert p.start_on == D(2025, 8, 15)
    p = actions.evaluate_practice(
        p, by=world.province_approver, on=D(2026, 1, 10), result="excellent", note="Vượt tiêu chí"
    )
    assert (p.evaluated_on, p.evaluation_result, p.evaluated_by) == (
        D(2026, 1, 10),
        "excellent",
        world.province_approver,
    )
    p = actions.recognise_practice(
        p, by=world.province_approver, on=D(2026, 2, 1), level="province", decision="125/QĐ-UBND"
    )
    assert (p.status, p.recognition_level, p.recognition_decision) == (
        Status.RECOGNISED,
        "province",
        "125/QĐ-UBND",
    )
    steps = list(p.transitions.values_list("to_status", "on_date", "by_name", "document"))
    assert steps == [
        (Status.REGISTERED, D(2025, 8, 1), "hệ thống", ""),
        (Status.IN_PROGRESS, D(2025, 8, 15), "Lê Thị Ngọc", ""),
        (Status.EFFECTIVE, D(2026, 1, 10), "Trần Văn Hùng", ""),
        (Status.RECOGNISED, D(2026, 2, 1), "Trần Văn Hùng", "125/QĐ-UBND"),
    ]
    verbs = [e.verb for e in history(p)]
    assert verbs == [
        "practices.recognise",
        "practices.evaluate",
        "practices.start",
        "practices.register",
    ]
    evaluated = history(p).get(verb="practices.evaluate")
    assert evaluated.data["changes"]["Trạng thái"] == ["Đang thực hiện", "Có hiệu quả"]
    assert evaluated.data["changes"]["Kết quả đánh giá"] == [None, "Xuất sắc"]


def test_steps_out_of_order_are_refused(world):
    p = practice(world.commune_a)
    with pytest.raises(InvalidTransition) as e:
        actions.evaluate_practice(p, by=SYSTEM, on=D(2025, 9, 1), result="good", note="x")
    assert str(e.value) == "Không thể chuyển từ “Đăng ký” sang “Có hiệu quả”."
    stopped = actions.stop_practice(p, by=SYSTEM, on=D(2025, 9, 1), reason="Trùng nội dung")
    with pytest.raises(InvalidTransition):
        actions.start_practice(stopped, by=SYSTEM, on=D(2025, 9, 2))


def test_a_step_cannot_predate_the_previous_one_or_be_in_the_future(world):
    p = practice(world.commune_a, status=Status.IN_PROGRESS, started=D(2025, 9, 1))
    with pytest.raises(ValidationError) as e:
        actions.evaluate_practice(p, by=SYSTEM, on=D(2025, 8, 20), result="good", note="x")
    assert messages(e.value)["on"] == [
        "Ngày không được trước ngày của bước trước “Đang thực hiện” (01/09/2025)."
    ]
    with pytest.raises(ValidationError) as e:
        actions.stop_practice(
            p, by=SYSTEM, on=timezone.localdate() + dt.timedelta(days=1), reason="x"
        )
    assert messages(e.value)["on"] == ["Ngày không được sau ngày hôm nay."]


def test_effective_needs_an_evaluation_and_recognised_a_decision(world):
    p = practice(world.commune_a, status=Status.IN_PROGRESS)
    with pytest.raises(ValidationError) as e:
        actions.evaluate_practice(p, by=SYSTEM, on=D(2025, 10, 1), result="", note=" ")
    assert set(messages(e.value)) == {"result", "note"}
    p = actions.evaluate_practice(p, by=SYSTEM, on=D(2025, 10, 1), result="pass", note="Đạt")
    with pytest.raises(ValidationError) as e:
        actions.recognise_practice(p, by=SYSTEM, on=D(2025, 11, 1), level="", decision="")
    assert messages(e.value) == {
        "level": ["Hãy chọn cấp công nhận."],
        "decision": ["Hãy nhập số quyết định công nhận."],
    }
    p.refresh_from_db()
    assert p.status == Status.EFFECTIVE


def test_stopping_needs_a_reason_and_works_from_any_open_state(world):
    for status in (Status.REGISTERED, Status.IN_PROGRESS, Status.EFFECTIVE, Status.RECOGNISED):
        p = practice(world.commune_a, status=status)
        with pytest.raises(ValidationError):
            actions.stop_practice(p, by=SYSTEM, on=D(2026, 6, 1), reason="  ")
        p = actions.stop_practice(p, by=SYSTEM, on=D(2026, 6, 1), reason="Hết nguồn lực")
        assert p.status == Status.STOPPED and p.stopped_reason == "Hết nguồn lực"


def test_permissions_editor_registers_approver_evaluates(world):
    with pytest.raises(NotPermitted):
        actions.register_practice(
            by=world.sibling_editor, unit=world.commune_a, fields=fields(world.commune_a)
        )
    with pytest.raises(NotPermitted):
        actions.register_practice(
            by=world.central_viewer, unit=world.commune_a, fields=fields(world.commune_a)
        )
    p = practice(world.commune_a, status=Status.IN_PROGRESS, by=world.commune_editor)
    with pytest.raises(NotPermitted):
        actions.evaluate_practice(
            p, by=world.commune_editor, on=D(2025, 10, 1), result="good", note="x"
        )
    with pytest.raises(NotPermitted):
        actions.stop_practice(p, by=world.sibling_editor, on=D(2025, 10, 1), reason="x")
    p = actions.evaluate_practice(
        p, by=world.province_approver, on=D(2025, 10, 1), result="good", note="Đạt"
    )
    with pytest.raises(NotPermitted):
        actions.recognise_practice(
            p, by=world.commune_editor, on=D(2025, 11, 1), level="commune", decision="1/QĐ"
        )


def test_an_editor_of_the_new_commune_works_on_its_predecessors_models(world):
    p = practice(world.old_commune_a, status=Status.IN_PROGRESS)
    p = actions.stop_practice(p, by=world.commune_editor, on=D(2025, 7, 15), reason="Sáp nhập")
    assert p.status == Status.STOPPED


def test_replicating_a_recognised_model_marks_it_replicated(world):
    source = practice(world.commune_a, status=Status.RECOGNISED)
    recognised_on = source.recognised_on
    copy = actions.register_practice(
        by=world.province_approver,
        unit=world.commune_b,
        fields=fields(world.commune_b, registered_on=D(2026, 3, 1)),
        replicates=source,
    )
    source.refresh_from_db()
    assert copy.replicates == source
    assert source.status == Status.REPLICATED
    last = source.transitions.last()
    assert (last.from_status, last.to_status, last.on_date) == (
        Status.RECOGNISED,
        Status.REPLICATED,
        max(D(2026, 3, 1), recognised_on),
    )
    assert "Xã Bình" in last.note
    assert history(source).first().verb == "practices.replicated"
    # A second replication links too; the source stays replicated.
    actions.register_practice(
        by=SYSTEM, unit=world.commune_c, fields=fields(world.commune_c), replicates=source
    )
    assert source.replications.count() == 2


def test_only_a_model_shown_to_work_can_be_replicated(world):
    source = practice(world.commune_a, status=Status.IN_PROGRESS)
    with pytest.raises(ValidationError) as e:
        actions.register_practice(
            by=SYSTEM, unit=world.commune_b, fields=fields(world.commune_b), replicates=source
        )
    assert "Chỉ nhân rộng được mô hình đã được đánh giá" in messages(e.value)["replicates"][0]


def test_a_source_the_user_cannot_see_is_refused(world):
    source = practice(world.commune_b, status=Status.EFFECTIVE)
    with pytest.raises(ValidationError) as e:
        actions.register_practice(
            by=world.commune_editor,
            unit=world.commune_a,
            fields=fields(world.commune_a),
            replicates=source,
        )
    assert messages(e.value)["replicates"] == ["Không tìm thấy mô hình gốc."]


def test_similar_models_in_the_area_and_field_must_be_acknowledged(world):
    existing = practice(
        world.old_commune_a,
        name="Phân loại rác thải sinh hoạt tại nguồn",
        field="new_rural",
        beneficiaries="hộ gia đình",
    )
    practice(world.commune_b, name="Phân loại rác thải tại nguồn", field="new_rural")  # other area
    practice(world.commune_a, name="Phân loại rác thải tại hộ", field="economy")  # other field
    wanted = fields(
        world.commune_a, name="Vận động phân loại rác thải tại nguồn", field="new_rural"
    )
    with pytest.raises(ValidationError) as e:
        actions.register_practice(by=world.commune_editor, unit=world.commune_a, fields=wanted)
    (message,) = messages(e.value)["acknowledge_similar"]
    assert message.startswith("Có 1 mô hình tương tự cùng địa bàn, cùng lĩnh vực:")
    assert "Phân loại rác thải sinh hoạt tại nguồn" in message
    p = actions.register_practice(
        by=world.commune_editor, unit=world.commune_a, fields=wanted, acknowledge_similar=True
    )
    assert history(p).get().data["similar_acknowledged"] == [str(existing.code)]


def test_update_records_the_changes_with_vietnamese_labels(world):
    p = practice(world.commune_a, status=Status.IN_PROGRESS, area="Khu 1")
    body = Body.objects.filter(unit=world.commune_a, kind="womens_union").first()
    actions.update_practice(
        p,
        by=world.commune_editor,
        changes={"area": "Khu 1, khu 2", "body": body, "evaluation_due": D(2026, 12, 31)},
        note="Mở rộng địa bàn",
    )
    event = history(p).first()
    assert event.verb == "practices.update"
    assert event.data["changes"] == {
        "Địa bàn thực hiện": ["Khu 1", "Khu 1, khu 2"],
        "Cơ quan, tổ chức đăng ký": [None, body.name],
        "Thời điểm đánh giá dự kiến": [None, "31/12/2026"],
    }
    # Nothing changed: no audit row.
    actions.update_practice(p, by=world.commune_editor, changes={"area": "Khu 1, khu 2"})
    assert history(p).filter(verb="practices.update").count() == 1


def test_the_registration_date_changes_only_before_the_model_starts(world):
    p = practice(world.commune_a)
    actions.update_practice(p, by=SYSTEM, changes={"registered_on": D(2025, 7, 20)})
    assert p.transitions.get().on_date == D(2025, 7, 20)
    p = actions.start_practice(p, by=SYSTEM, on=D(2025, 8, 1))
    with pytest.raises(ValidationError) as e:
        actions.update_practice(p, by=SYSTEM, changes={"registered_on": D(2025, 7, 25)})
    assert "chưa bắt đầu" in messages(e.value)["registered_on"][0]


def test_update_needs_edit_rights(world):
    p = practice(world.commune_a)
    with pytest.raises(NotPermitted):
        actions.update_practice(p, by=world.sibling_editor, changes={"area": "x"})
    with pytest.raises(NotPermitted):
        actions.update_practice(p, by=world.central_viewer, changes={"area": "x"})


def test_covered_units_must_lie_in_the_area(world):
    with pytest.raises(ValidationError) as e:
        actions.register_practice(
            by=SYSTEM,
            unit=world.province,
            fields=fields(world.province, covered_units=[world.commune_a, world.commune_c]),
        )
    assert messages(e.value)["covered_units"] == [
        "Không thuộc địa bàn của đơn vị đăng ký: Xã Cường."
    ]
    p = actions.register_practice(
        by=SYSTEM,
        unit=world.province,
        fields=fields(world.province, covered_units=[world.commune_a, world.commune_b]),
    )
    assert set(p.covered_units.all()) == {world.commune_a, world.commune_b}
    assert p.level == "province"


def test_transitions_table_is_the_only_history(world):
    p = practice(world.commune_a, status=Status.EFFECTIVE)
    assert PracticeTransition.objects.filter(practice=p).count() == 3
