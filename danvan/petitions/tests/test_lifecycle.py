"""The petition lifecycle through its actions: clocks, frozen lateness, validation."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from danvan.accounts.permissions import SYSTEM, NotPermitted
from danvan.audit.models import AuditEvent
from danvan.core.lifecycle import InvalidTransition
from danvan.petitions import actions
from danvan.petitions.models import Case, Channel, Event, Kind, Outcome, Petition, Signatories, Step
from danvan.petitions.states import Status

from .factories import accepted, receive

D = dt.date


def test_receipt_opens_a_case_and_starts_the_processing_clock(tables, world):
    p = receive(world.commune_a, by=world.commune_editor, received_on=D(2025, 9, 4))
    assert p.status == Status.RECEIVED
    assert p.case.petitions.get() == p and p.case.unit == world.commune_a
    assert p.level == "commune"
    assert (p.deadline_step, p.deadline_rule.code) == (Step.ACCEPT, "kn1-thu-ly-2012")
    assert p.due_on == D(2025, 9, 18)  # 10 working days after Thursday 04/09
    t = p.transitions.get()
    assert (t.from_status, t.to_status, t.on_date, t.by) == (
        "",
        Status.RECEIVED,
        D(2025, 9, 4),
        world.commune_editor,
    )
    event = AuditEvent.objects.get(verb="petitions.receive")
    assert event.target_id == str(p.pk) and event.unit == world.commune_a


@pytest.mark.parametrize(
    ("kind", "step", "code"),
    [
        (Kind.DENUNCIATION, Step.REGISTER, "tc-vao-so-2019"),
        (Kind.RECOMMENDATION, Step.ANSWER, "tcd-tra-loi-2014"),
        (Kind.FEEDBACK, Step.ANSWER, "tcd-tra-loi-2014"),
    ],
)
def test_each_kind_has_its_processing_clock(tables, world, kind, step, code):
    p = receive(world.old_commune_a, kind=kind, received_on=D(2024, 5, 6))
    assert (p.deadline_step, p.deadline_rule.code) == (step, code)


def test_steps_must_follow_the_lifecycle(tables, world):
    p = receive(world.old_commune_a)
    with pytest.raises(
        InvalidTransition, match="Không thể chuyển từ “Đã tiếp nhận” sang “Đã thụ lý”"
    ):
        actions.accept_petition(p, by=SYSTEM, on_date=D(2026, 3, 5))


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (D(2099, 1, 1), "không được sau ngày hôm nay"),
        (D(2023, 2, 1), r"không được trước ngày tiếp nhận đơn \(01/03/2023\)"),
    ],
)
def test_step_dates_are_checked(tables, world, on, message):
    p = receive(world.old_commune_a)
    with pytest.raises(ValidationError, match=message):
        actions.classify_petition(p, by=SYSTEM, on_date=on)


def test_a_step_cannot_come_before_the_previous_one(tables, world):
    p = accepted(world.old_commune_a, on=D(2023, 3, 10))
    with pytest.raises(ValidationError, match=r"bước liền trước \(10/03/2023\)"):
        actions.start_resolution(p, by=SYSTEM, on_date=D(2023, 3, 9))


def test_acceptance_starts_the_resolution_clock_and_lateness_is_frozen(tables, world):
    p = receive(world.old_commune_a, received_on=D(2023, 3, 1))
    p = actions.classify_petition(p, by=SYSTEM, on_date=D(2023, 3, 2))
    p = actions.accept_petition(p, by=SYSTEM, on_date=D(2023, 3, 20))  # due was 15/03: late
    assert p.transitions.get(to_status=Status.ACCEPTED).was_overdue is True
    assert (p.deadline_step, p.due_on, p.accepted_on) == (
        Step.RESOLVE,
        D(2023, 4, 19),
        D(2023, 3, 20),
    )
    p = actions.resolve_petition(p, by=SYSTEM, on_date=D(2023, 4, 19), outcome=Outcome.CORRECT)
    assert (p.status, p.finished_on, p.finished_overdue) == (Status.RESOLVED, D(2023, 4, 19), False)
    assert p.transitions.get(to_status=Status.RESOLVED).was_overdue is False


def test_resolving_late_is_recorded_as_late(tables, world):
    p = accepted(world.old_commune_a, on=D(2023, 3, 3))
    p = actions.resolve_petition(p, by=SYSTEM, on_date=D(2023, 5, 2), outcome=Outcome.WRONG)
    assert p.finished_overdue is True
    assert AuditEvent.objects.filter(verb="petitions.resolve", data__late=True).exists()


def test_suspension_stops_the_clock_and_resumption_restarts_it(tables, world):
    p = accepted(world.old_commune_a, on=D(2023, 3, 3))  # due 03/04/2023
    p = actions.start_resolution(p, by=SYSTEM, on_date=D(2023, 3, 6))
    with pytest.raises(ValidationError, match="lý do"):
        actions.suspend_petition(p, by=SYSTEM, on_date=D(2023, 3, 10), note="")
    p = actions.suspend_petition(p, by=SYSTEM, on_date=D(2023, 3, 10), note="QĐ tạm đình chỉ số 12")
    assert not Petition.objects.overdue(D(2023, 6, 1)).filter(pk=p.pk).exists()
    assert not p.is_overdue(D(2023, 6, 1))
    p = actions.resume_petition(p, by=SYSTEM, on_date=D(2023, 6, 1))
    assert p.status == Status.IN_PROGRESS
    assert (p.deadline_start, p.due_on) == (
        D(2023, 6, 1),
        D(2023, 7, 3),
    )  # 30 days again; 1/7 is Saturday
    assert p.transitions.get(from_status=Status.SUSPENDED).was_overdue is None


def test_denunciation_extensions(tables, world):
    p = accepted(world.old_commune_a, kind=Kind.DENUNCIATION, is_complex=True, on=D(2023, 3, 1))
    assert p.due_on == D(2023, 3, 31)
    with pytest.raises(ValidationError, match="quyết định gia hạn"):
        actions.extend_deadline(p, by=SYSTEM, on_date=D(2023, 3, 25), note="")
    p = actions.extend_deadline(
        p, by=SYSTEM, on_date=D(2023, 3, 25), note="QĐ gia hạn số 5/QĐ-UBND"
    )
    assert (p.extensions, p.due_on) == (1, D(2023, 5, 4))
    ext = p.transitions.get(event=Event.EXTENSION)
    assert (ext.due_before, ext.due_after, ext.was_overdue) == (
        D(2023, 3, 31),
        D(2023, 5, 4),
        False,
    )
    with pytest.raises(ValidationError, match="tối đa 1 lần"):
        actions.extend_deadline(p, by=SYSTEM, on_date=D(2023, 4, 1), note="QĐ gia hạn lần 2")


def test_an_ordinary_denunciation_cannot_be_extended(tables, world):
    p = accepted(world.old_commune_a, kind=Kind.DENUNCIATION, on=D(2023, 3, 1))
    with pytest.raises(ValidationError, match="không được gia hạn"):
        actions.extend_deadline(p, by=SYSTEM, on_date=D(2023, 3, 2), note="QĐ số 1")


def test_an_overdue_case_cannot_be_extended(tables, world):
    p = accepted(world.old_commune_a, kind=Kind.DENUNCIATION, is_complex=True, on=D(2023, 3, 1))
    with pytest.raises(ValidationError, match="Đã quá hạn"):
        actions.extend_deadline(p, by=SYSTEM, on_date=D(2023, 4, 3), note="QĐ số 1")


def test_recommendations_have_no_resolution_deadline(tables, world):
    p = accepted(world.old_commune_a, kind=Kind.RECOMMENDATION)
    assert p.due_on is None and p.deadline_rule is None
    assert "không quy định thời hạn" in p.deadline_note


@pytest.mark.parametrize(
    ("fn", "kwargs", "message"),
    [
        (actions.forward_petition, {"forwarded_to": ""}, "cơ quan có thẩm quyền"),
        (actions.reject_petition, {"reason": " "}, "lý do không thụ lý"),
    ],
)
def test_decisions_need_their_details(tables, world, fn, kwargs, message):
    p = actions.classify_petition(receive(world.old_commune_a), by=SYSTEM, on_date=D(2023, 3, 2))
    with pytest.raises(ValidationError, match=message):
        fn(p, by=SYSTEM, on_date=D(2023, 3, 3), **kwargs)


def test_resolution_needs_an_outcome(tables, world):
    p = accepted(world.old_commune_a)
    with pytest.raises(ValidationError, match="kết quả giải quyết"):
        actions.resolve_petition(p, by=SYSTEM, on_date=D(2023, 3, 10), outcome="")


def test_forwarding_and_withdrawal_finish_the_petition(tables, world):
    p = actions.classify_petition(receive(world.old_commune_a), by=SYSTEM, on_date=D(2023, 3, 2))
    p = actions.forward_petition(p, by=SYSTEM, on_date=D(2023, 3, 6), forwarded_to="Thanh tra tỉnh")
    assert (p.status, p.finished_on, p.forwarded_to) == (
        Status.FORWARDED,
        D(2023, 3, 6),
        "Thanh tra tỉnh",
    )
    q = accepted(world.old_commune_a)
    q = actions.withdraw_petition(q, by=SYSTEM, on_date=D(2023, 3, 8), note="Rút đơn")
    assert q.status == Status.WITHDRAWN and q.finished_on == D(2023, 3, 8)
    with pytest.raises(InvalidTransition):
        actions.start_resolution(q, by=SYSTEM, on_date=D(2023, 3, 9))


def test_classification_can_correct_the_kind_and_the_clock_follows(tables, world):
    p = receive(world.old_commune_a, kind=Kind.RECOMMENDATION)
    p = actions.classify_petition(p, by=SYSTEM, on_date=D(2023, 3, 2), kind=Kind.DENUNCIATION)
    assert p.kind == Kind.DENUNCIATION and p.case.kind == Kind.DENUNCIATION
    assert p.deadline_rule.code == "tc-vao-so-2019"
    event = AuditEvent.objects.get(verb="petitions.classify")
    assert event.data["changes"]["Loại đơn"] == ["Kiến nghị", "Tố cáo"]


def test_edits_recompute_the_running_clock(tables, world):
    p = accepted(world.old_commune_a, on=D(2023, 3, 3))
    assert p.due_on == D(2023, 4, 3)  # 30 days from 03/03 is Sunday 02/04
    p = actions.update_petition(p, by=SYSTEM, is_complex=True)
    assert p.due_on == D(2023, 4, 17)  # 45 days
    event = AuditEvent.objects.filter(verb="petitions.update").latest("pk")
    assert event.data["changes"]["Hạn xử lý"] == ["03/04/2023", "17/04/2023"]
    assert event.data["changes"]["Vụ việc phức tạp"] == ["Không", "Có"]


def test_edit_rules(tables, world):
    p = accepted(world.old_commune_a)
    with pytest.raises(ValidationError, match="sau khi đã thụ lý"):
        actions.update_petition(p, by=SYSTEM, kind=Kind.FEEDBACK)
    p = actions.resolve_petition(p, by=SYSTEM, on_date=D(2023, 3, 9), outcome=Outcome.CORRECT)
    with pytest.raises(ValidationError, match="đã xử lý xong"):
        actions.update_petition(p, by=SYSTEM, summary="Khác")


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        ({"received_on": D(2026, 3, 1)}, "không có hiệu lực vào ngày 01/03/2026"),
        ({"channel": Channel.FORWARDED}, "cơ quan đã chuyển đơn"),
        ({"signatories": Signatories.MANY, "signatory_count": 1}, "ít nhất 2 người"),
        ({"summary": "  "}, "tóm tắt nội dung"),
        ({"received_on": D(2099, 1, 1)}, "không được sau ngày hôm nay"),
    ],
)
def test_receipt_validation(tables, world, facts, message):
    with pytest.raises(ValidationError, match=message):
        receive(world.old_commune_a, **facts)


def test_external_ids_are_unique_per_unit(tables, world):
    receive(world.old_commune_a, external_id="SO-1")
    receive(world.old_commune_b, external_id="SO-1")
    with pytest.raises(ValidationError, match="Mã ngoài “SO-1” đã dùng"):
        receive(world.old_commune_a, external_id="SO-1")


def test_cases_join_and_split(tables, world):
    a = receive(world.old_commune_a)
    b = receive(world.old_commune_a, summary="Cùng nội dung, gửi lần hai")
    old_case = b.case
    b = actions.attach_to_case(b, a.case, by=SYSTEM)
    assert b.case == a.case and not Case.objects.filter(pk=old_case.pk).exists()
    with pytest.raises(ValidationError, match="đã thuộc vụ việc này"):
        actions.attach_to_case(b, a.case, by=SYSTEM)
    other = receive(world.old_commune_a, kind=Kind.FEEDBACK)
    with pytest.raises(ValidationError, match="cùng loại"):
        actions.attach_to_case(other, a.case, by=SYSTEM)
    b = actions.detach_from_case(b, by=SYSTEM)
    assert b.case != a.case
    with pytest.raises(ValidationError, match="vụ việc riêng"):
        actions.detach_from_case(b, by=SYSTEM)


def test_only_editors_of_the_unit_act(tables, world):
    p = receive(world.commune_a, received_on=D(2025, 9, 4))
    for user in (world.sibling_editor, world.central_viewer, world.outsider):
        with pytest.raises(NotPermitted):
            actions.classify_petition(p, by=user, on_date=D(2025, 9, 5))
    actions.classify_petition(p, by=world.province_approver, on_date=D(2025, 9, 5))
