"""The deadline engine: legal time limits from the rule table over the working-day calendar."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from danvan.accounts.permissions import SYSTEM
from danvan.petitions import actions, deadlines
from danvan.petitions.models import Procedure, Step, TimeUnit, Variant
from danvan.workcalendar.models import CalendarDay

D = dt.date


@pytest.mark.parametrize(
    ("flags", "days", "due", "code"),
    [
        ({}, 30, D(2023, 3, 31), "kn1-giai-quyet-2012"),
        (
            {"complex": True},
            45,
            D(2023, 4, 17),
            "kn1-giai-quyet-phuc-tap-2012",
        ),  # 15/4 is a Saturday
        ({"remote": True}, 45, D(2023, 4, 17), "kn1-giai-quyet-vung-xa-2012"),
        (
            {"remote": True, "complex": True},
            60,
            D(2023, 5, 4),
            "kn1-giai-quyet-vung-xa-phuc-tap-2012",
        ),
    ],
)
def test_complaint_first_instance(tables, flags, days, due, code):
    """30 days from acceptance; complex 45; remote 45; remote and complex 60 (Luật KN Đ28)."""
    result = deadlines.compute(Procedure.COMPLAINT_FIRST, Step.RESOLVE, D(2023, 3, 1), **flags)
    assert result.rule.code == code
    assert result.rule.quantity == days
    assert result.due == due
    assert "Luật Khiếu nại 2011, Điều 28" in result.explanation


def test_a_deadline_on_a_holiday_moves_to_the_next_working_day(tables):
    """60 days from 01/03/2023 end on Sunday 30/04; 1/5 is a holiday and 2–3/5 days in lieu."""
    result = deadlines.compute(
        Procedure.COMPLAINT_FIRST, None, D(2023, 3, 1), remote=True, complex=True
    )
    assert result.due == D(2023, 5, 4)
    assert "chuyển sang ngày làm việc kế tiếp" in result.explanation


def test_complaint_second_instance(tables):
    start = D(2023, 3, 1)
    assert deadlines.compute(Procedure.COMPLAINT_SECOND, None, start).rule.quantity == 45
    assert (
        deadlines.compute(Procedure.COMPLAINT_SECOND, None, start, complex=True).rule.quantity == 60
    )
    assert (
        deadlines.compute(Procedure.COMPLAINT_SECOND, None, start, remote=True).rule.quantity == 60
    )
    both = deadlines.compute(Procedure.COMPLAINT_SECOND, None, start, remote=True, complex=True)
    assert both.rule.quantity == 70


@pytest.mark.parametrize(
    ("flags", "extensions", "due"),
    [
        ({}, 0, D(2023, 3, 31)),
        ({"complex": True}, 1, D(2023, 5, 4)),  # 60 days: Sunday 30/04, then 1–3/5 off
        ({"especially_complex": True}, 1, D(2023, 5, 4)),
        ({"especially_complex": True}, 2, D(2023, 5, 30)),  # 90 days
    ],
)
def test_denunciation_with_extensions(tables, flags, extensions, due):
    """30 days from acceptance; complex: one 30-day extension; especially complex: two (Luật TC Đ30)."""
    result = deadlines.compute(
        Procedure.DENUNCIATION, Step.RESOLVE, D(2023, 3, 1), extensions=extensions, **flags
    )
    assert result.due == due
    assert result.extensions == extensions
    if extensions:
        assert f"Gia hạn {extensions} lần × 30 ngày" in result.explanation


def test_denunciation_extensions_are_limited(tables):
    with pytest.raises(ValidationError, match="tối đa 1 lần"):
        deadlines.compute(Procedure.DENUNCIATION, None, D(2023, 3, 1), complex=True, extensions=2)
    with pytest.raises(ValidationError, match="tối đa 2 lần"):
        deadlines.compute(
            Procedure.DENUNCIATION, None, D(2023, 3, 1), especially_complex=True, extensions=3
        )
    with pytest.raises(ValidationError, match="không được gia hạn"):
        deadlines.compute(Procedure.DENUNCIATION, None, D(2023, 3, 1), extensions=1)


def test_ten_working_days_over_a_weekend(tables):
    """QĐ 11 written notice: received Thursday 02/03/2023, ten working days end Thursday 16/03."""
    result = deadlines.compute(Procedure.PARTY_RECEPTION, Step.NOTIFY, D(2023, 3, 2))
    assert result.rule.unit == TimeUnit.WORKING_DAY
    assert result.due == D(2023, 3, 16)
    assert "Thứ Năm, 16/03/2023" in result.explanation


def test_ten_working_days_over_tet(tables):
    """Received Monday 05/02/2024; Tết Giáp Thìn closed offices 8–14/02: due 26/02, not 19/02."""
    assert CalendarDay.objects.filter(date=D(2024, 2, 8)).exists()
    result = deadlines.compute(Procedure.PARTY_RECEPTION, Step.NOTIFY, D(2024, 2, 5))
    assert result.due == D(2024, 2, 26)
    assert not [w for w in result.warnings if "chưa được nạp" in w]


def test_without_the_calendar_only_weekends_count_and_it_says_so(db):
    actions.load_rules(by=SYSTEM)
    result = deadlines.compute(Procedure.PARTY_RECEPTION, Step.NOTIFY, D(2024, 2, 5))
    assert result.due == D(2024, 2, 19)
    assert any("Lịch nghỉ lễ năm 2024 chưa được nạp" in w for w in result.warnings)


def test_a_makeup_saturday_counts_as_a_working_day(tables):
    """30/4–1/5/2024: Monday 29/04 swapped for Saturday 04/05, which is a working day."""
    result = deadlines.compute(Procedure.CITIZEN_RECEPTION, Step.ANSWER, D(2024, 4, 26))
    assert result.due == D(2024, 5, 14)


def test_the_rule_in_force_on_the_start_date_applies(tables):
    """Complaint acceptance: 10 working days until 30/06/2026, 7 from 01/07/2026 [U]."""
    before = deadlines.compute(Procedure.COMPLAINT_FIRST, Step.ACCEPT, D(2026, 6, 30))
    after = deadlines.compute(Procedure.COMPLAINT_FIRST, Step.ACCEPT, D(2026, 7, 1))
    assert (before.rule.code, before.rule.quantity, before.rule.confidence) == (
        "kn1-thu-ly-2012",
        10,
        "V",
    )
    assert (after.rule.code, after.rule.quantity, after.rule.confidence) == (
        "kn1-thu-ly-2026",
        7,
        "U",
    )
    assert before.due == D(2026, 7, 14)
    assert after.due == D(2026, 7, 10)
    assert any("[U]" in w for w in after.warnings)


def test_a_case_started_the_day_before_a_new_rule_keeps_the_old_rule(tables, world, admin):
    """A rule that changes on a validity date: received 30/06 keeps the old rule through its life."""
    old = receive_complaint(world, D(2026, 6, 30))
    new = receive_complaint(world, D(2026, 7, 1))
    assert old.deadline_rule.code == "kn1-thu-ly-2012" and old.due_on == D(2026, 7, 14)
    assert new.deadline_rule.code == "kn1-thu-ly-2026" and new.due_on == D(2026, 7, 10)


def test_an_administrator_rule_with_validity_dates(tables, admin):
    actions.update_rule(
        actions.DeadlineRule.objects.get(code="dccs-tra-loi-kien-nghi-2023"),
        by=admin,
        valid_to=D(2024, 12, 31),
    )
    actions.create_rule(
        by=admin,
        code="dccs-tra-loi-2025",
        procedure=Procedure.GRASSROOTS,
        step=Step.ANSWER,
        variant=Variant.NORMAL,
        quantity=10,
        unit=TimeUnit.WORKING_DAY,
        start_event="receipt",
        legal_basis="Quy định thử nghiệm",
        confidence="U",
        valid_from=D(2025, 1, 1),
    )
    assert deadlines.compute(Procedure.GRASSROOTS, None, D(2024, 12, 31)).rule.quantity == 15
    assert (
        deadlines.compute(Procedure.GRASSROOTS, None, D(2025, 1, 1)).rule.code
        == "dccs-tra-loi-2025"
    )


def test_unknown_procedures_and_missing_rules_are_explained(tables):
    with pytest.raises(ValidationError, match="Không có thủ tục “khieu-nai”"):
        deadlines.compute("khieu-nai", None, D(2023, 1, 1))
    with pytest.raises(ValidationError, match="Không có bước"):
        deadlines.compute(Procedure.DENUNCIATION, "xyz", D(2023, 1, 1))
    with pytest.raises(ValidationError, match="Chưa có quy tắc thời hạn"):
        deadlines.compute(Procedure.GRASSROOTS, None, D(2020, 1, 1))  # before Luật DCCS


def receive_complaint(world, day):  # type: ignore[no-untyped-def]
    from .factories import receive

    return receive(world.commune_a, received_on=day)
