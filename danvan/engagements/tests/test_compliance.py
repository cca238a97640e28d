"""The reception frequency rules (QĐ 11-QĐi/TW as amended by KL 215; Luật Tiếp công dân)."""

import datetime as dt

import pytest

from danvan.accounts.permissions import SYSTEM, NotPermitted
from danvan.engagements import actions
from danvan.engagements.compliance import (
    MET,
    NO_DATA,
    PENDING,
    SHORT,
    reception_compliance,
    shortfalls,
    weeks_of_month,
)
from danvan.engagements.models import HostRole, ReceptionRule, ReceptionType

from .factories import reception

AFTER = dt.date(2026, 11, 22)  # "today" for a finished October 2026
SEC, CHAIR = HostRole.PARTY_SECRETARY, HostRole.COMMITTEE_CHAIR


def rows_for(world, unit, year=2026, month=10, today=AFTER, by=None):
    rows = reception_compliance(unit, year, month, by=by or world.province_approver, today=today)
    return {(r.unit.key, r.rule.host_role): r for r in rows}


def test_weeks_belong_to_the_month_of_their_thursday():
    assert weeks_of_month(2026, 10) == [
        (dt.date(2026, 9, 28), dt.date(2026, 10, 4)),
        (dt.date(2026, 10, 5), dt.date(2026, 10, 11)),
        (dt.date(2026, 10, 12), dt.date(2026, 10, 18)),
        (dt.date(2026, 10, 19), dt.date(2026, 10, 25)),
        (dt.date(2026, 10, 26), dt.date(2026, 11, 1)),
    ]
    assert len(weeks_of_month(2026, 2)) == 4


def test_a_commune_secretary_with_one_day_of_two_is_warned(world):
    reception(world.commune_a, dt.date(2026, 10, 13), SEC)
    row = rows_for(world, world.province)[("T1A", SEC)]
    assert (row.held, row.required, row.status) == (1, 2, SHORT)
    assert row.warning == "Bí thư Đảng ủy phường An tiếp dân định kỳ 1/2 ngày trong tháng 10/2026."
    reception(world.commune_a, dt.date(2026, 10, 27), SEC)
    assert rows_for(world, world.province)[("T1A", SEC)].status == MET


def test_ad_hoc_sessions_deputies_and_the_other_head_do_not_count(world):
    reception(world.commune_a, dt.date(2026, 10, 6), SEC)
    reception(world.commune_a, dt.date(2026, 10, 7), SEC, kind=ReceptionType.AD_HOC)
    reception(world.commune_a, dt.date(2026, 10, 8), HostRole.DEPUTY)
    reception(world.commune_a, dt.date(2026, 10, 9), CHAIR)
    row = rows_for(world, world.province)[("T1A", SEC)]
    assert (row.held, row.ad_hoc_days, row.stand_in_days) == (1, 1, 1)
    assert row.status == SHORT


def test_two_sessions_on_one_day_are_one_day(world):
    reception(world.commune_a, dt.date(2026, 10, 6), SEC)
    reception(world.commune_a, dt.date(2026, 10, 6), SEC)
    assert rows_for(world, world.province)[("T1A", SEC)].held == 1


def test_a_deleted_session_does_not_count(world):
    a = reception(world.commune_a, dt.date(2026, 10, 6), SEC)
    reception(world.commune_a, dt.date(2026, 10, 20), SEC)
    actions.delete_engagement(a, by=world.commune_editor, reason="Ghi nhầm")
    assert rows_for(world, world.province)[("T1A", SEC)].held == 1


def test_the_commune_chair_is_judged_week_by_week(world):
    for day in (5, 6, 7, 8):  # four receptions in one week do not cover the other weeks
        reception(world.commune_a, dt.date(2026, 10, day), CHAIR)
    row = rows_for(world, world.province)[("T1A", CHAIR)]
    assert (row.held, row.required, row.status) == (1, 5, SHORT)
    assert "tiếp dân định kỳ 1/5 tuần trong tháng 10/2026" in row.warning
    assert "chưa tiếp tuần 28/09–04/10, 12/10–18/10" in row.warning
    for day in (dt.date(2026, 9, 30), dt.date(2026, 10, 15), dt.date(2026, 10, 22)):
        reception(world.commune_a, day, CHAIR)
    reception(world.commune_a, dt.date(2026, 11, 1), CHAIR)  # Sunday of the last week
    row = rows_for(world, world.province)[("T1A", CHAIR)]
    assert (row.held, row.status) == (5, MET)


def test_the_current_month_is_pending_until_it_is_over(world):
    reception(world.commune_a, dt.date(2026, 10, 6), SEC)
    row = rows_for(world, world.province, today=dt.date(2026, 10, 20))[("T1A", SEC)]
    assert row.status == PENDING and not shortfalls([row])
    chair = rows_for(world, world.province, today=dt.date(2026, 10, 20))[("T1A", CHAIR)]
    assert chair.status == SHORT  # past weeks already missed cannot be made up


def test_units_that_never_recorded_a_reception_have_no_data_not_zero(world):
    reception(world.commune_a, dt.date(2026, 10, 6), SEC)
    rows = rows_for(world, world.province)
    assert rows[("T1B", SEC)].status == NO_DATA
    assert rows[("T1B", SEC)].status_label == "Chưa có số liệu"
    assert {r.unit.key for r in shortfalls(list(rows.values()))} == {"T1A"}


def test_province_heads_have_monthly_rules(world):
    reception(world.province, dt.date(2026, 10, 6), CHAIR)
    rows = rows_for(world, world.province)
    assert rows[("T1", CHAIR)].status == MET
    assert rows[("T1", SEC)].status == SHORT
    assert rows[("T1", SEC)].host_title == "Bí thư Tỉnh ủy Thử A"
    assert rows[("T1", CHAIR)].host_title == "Chủ tịch UBND tỉnh Thử A"
    assert list(rows)[:2] == [("T1", SEC), ("T1", CHAIR)]  # province first


def test_months_before_2025_cover_the_predecessors_and_the_district(world):
    reception(world.old_commune_a, dt.date(2024, 5, 7), SEC)
    rows = rows_for(world, world.commune_a, year=2024, month=5)
    assert set(rows) == {("T1A0@2025-06-30", SEC), ("T1A0@2025-06-30", CHAIR)}
    province = rows_for(world, world.province, year=2024, month=5)
    district = province[("T10@2025-06-30", CHAIR)]
    assert district.rule.code == "LTCD-D13-HUYEN-CHU-TICH" and district.required == 2
    assert district.host_title == "Chủ tịch UBND huyện Cũ"


def test_a_rule_change_applies_from_the_month_it_is_in_force(world):
    old = ReceptionRule.objects.get(code="QD11-XA-BI-THU")
    actions.update_rule(old, by=SYSTEM, valid_to=dt.date(2026, 9, 30))
    actions.create_rule(
        by=SYSTEM,
        code="THU-XA-BI-THU",
        host_role=SEC,
        level="commune",
        min_days=3,
        per="month",
        legal_basis="Quy định giả định để thử",
        confidence="U",
        valid_from=dt.date(2026, 10, 1),
    )
    reception(world.commune_a, dt.date(2026, 9, 8), SEC)
    reception(world.commune_a, dt.date(2026, 9, 22), SEC)
    assert rows_for(world, world.commune_a, month=9)[("T1A", SEC)].status == MET
    assert rows_for(world, world.commune_a, month=10)[("T1A", SEC)].required == 3


def test_compliance_is_scoped_by_permission(world):
    assert rows_for(world, world.commune_a, by=world.commune_editor)
    with pytest.raises(NotPermitted):
        reception_compliance(world.commune_a, 2026, 10, by=world.sibling_editor)
    with pytest.raises(NotPermitted):
        reception_compliance(world.province, 2026, 10, by=world.commune_editor)


def test_the_query_count_does_not_grow_with_units_or_sessions(world, django_assert_max_num_queries):
    reception(world.commune_a, dt.date(2026, 10, 6), SEC)
    with django_assert_max_num_queries(8):
        reception_compliance(world.province, 2026, 10, by=SYSTEM, today=AFTER)
    for day in range(1, 29):
        reception(world.commune_b, dt.date(2026, 10, day), CHAIR)
        reception(world.province, dt.date(2026, 10, day), SEC)
    with django_assert_max_num_queries(8):
        reception_compliance(world.province, 2026, 10, by=SYSTEM, today=AFTER)
