"""Collision detection: the done-when of the issue, and the rule's keys."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from danvan.accounts.permissions import SYSTEM
from danvan.oversight import actions
from danvan.oversight.models import Kind, OverlapRule, PlanConflict, SubjectScope, WindowMode
from danvan.oversight.states import Status
from danvan.units.models import BodyKind

from .factories import body, plan

D = dt.date


def open_rows(p):
    return list(PlanConflict.objects.open().filter(plan=p))


def test_two_plans_on_the_same_commune_overlapping_in_time_and_topic_conflict(world):
    a = plan(world.province, world.commune_a, D(2026, 5, 11), D(2026, 5, 13))
    b = plan(
        body(world.province, BodyKind.FATHERLAND_FRONT),
        world.commune_a,
        D(2026, 5, 12),
        title="Giám sát thực hiện Quy chế dân chủ ở cơ sở",
        kind=Kind.FRONT_SUPERVISION,
    )
    [mine] = open_rows(b)
    [theirs] = open_rows(a)
    assert mine.other == a and theirs.other == b
    assert any("Cùng đối tượng" in r for r in mine.reasons)
    assert any("Thực hiện dân chủ ở cơ sở" in r for r in mine.reasons)


def test_moving_one_outside_the_window_clears_the_conflict(world):
    a = plan(world.province, world.commune_a, D(2026, 5, 11), D(2026, 5, 13))
    b = plan(world.commune_a, world.commune_a, D(2026, 6, 2))
    assert open_rows(a) and open_rows(b)
    actions.move_plan(b, by=SYSTEM, window_start=D(2026, 7, 6), window_end=D(2026, 7, 7))
    assert open_rows(a) == [] and open_rows(b) == []
    assert PlanConflict.objects.filter(plan=b, cleared_at__isnull=False).count() == 1
    # Moving it back into the quarter brings a fresh, unacknowledged conflict.
    actions.move_plan(b, by=SYSTEM, window_start=D(2026, 6, 2), window_end=D(2026, 6, 2))
    assert [c.acknowledged_at for c in open_rows(b)] == [None]


def test_acknowledging_lets_the_plan_proceed(world):
    a = plan(world.province, world.commune_a, D(2026, 5, 11))
    b = plan(world.commune_a, world.commune_a, D(2026, 5, 20))
    with pytest.raises(ValidationError, match="chưa được xác nhận"):
        actions.transition_plan(b, by=SYSTEM, to=Status.NOTIFIED)
    [conflict] = open_rows(b)
    actions.acknowledge_conflict(
        conflict, by=SYSTEM, note="Đã thống nhất lồng ghép với đoàn của tỉnh."
    )
    b = actions.transition_plan(b, by=SYSTEM, to=Status.NOTIFIED, on_date=D(2026, 5, 4))
    assert b.status == Status.NOTIFIED and b.notice_sent_on == D(2026, 5, 4)
    # The other side acknowledges for its own plan.
    with pytest.raises(ValidationError):
        actions.transition_plan(a, by=SYSTEM, to=Status.NOTIFIED)


def test_acknowledging_needs_a_note_and_happens_once(world):
    plan(world.province, world.commune_a, D(2026, 5, 11))
    b = plan(world.commune_a, world.commune_a, D(2026, 5, 20))
    [conflict] = open_rows(b)
    with pytest.raises(ValidationError, match="Hãy ghi ý kiến"):
        actions.acknowledge_conflict(conflict, by=SYSTEM, note="  ")
    actions.acknowledge_conflict(conflict, by=SYSTEM, note="Đã phối hợp.")
    with pytest.raises(ValidationError, match="đã được xác nhận"):
        actions.acknowledge_conflict(conflict, by=SYSTEM, note="Lần nữa.")


def test_different_topics_on_the_same_subject_do_not_conflict(world):
    plan(world.province, world.commune_a, D(2026, 5, 11))
    b = plan(
        world.commune_a,
        world.commune_a,
        D(2026, 5, 12),
        title="Giám sát công tác cải cách hành chính",
        topics=("cchc",),
    )
    assert open_rows(b) == []


def test_similar_free_text_conflicts_without_a_shared_topic(world):
    plan(
        world.province,
        world.commune_a,
        D(2026, 5, 11),
        title="Kiểm tra công tác tôn giáo, tín ngưỡng",
        topics=(),
    )
    b = plan(
        world.commune_a,
        world.commune_a,
        D(2026, 5, 25),
        title="Khảo sát tình hình tín ngưỡng, tôn giáo",
        topics=(),
        kind=Kind.SURVEY,
    )
    [row] = open_rows(b)
    assert any("4 từ chung: tín, ngưỡng, tôn, giáo" in r for r in row.reasons), row.reasons


def test_same_commune_other_quarter_does_not_conflict(world):
    plan(world.province, world.commune_a, D(2026, 6, 29), D(2026, 6, 30))
    b = plan(world.commune_a, world.commune_a, D(2026, 7, 1))
    assert open_rows(b) == []


def test_a_subject_body_matches_on_its_unit(world):
    plan(world.province, body(world.commune_a, BodyKind.PEOPLES_COMMITTEE), D(2026, 5, 11))
    b = plan(world.commune_a, world.commune_a, D(2026, 5, 20))
    assert len(open_rows(b)) == 1


def test_other_communes_never_conflict(world):
    plan(world.province, world.commune_b, D(2026, 5, 11))
    b = plan(world.commune_a, world.commune_a, D(2026, 5, 11))
    assert open_rows(b) == []


def test_cancelling_clears_both_sides_and_cancelled_plans_do_not_count(world):
    a = plan(world.province, world.commune_a, D(2026, 5, 11))
    b = plan(world.commune_a, world.commune_a, D(2026, 5, 20))
    actions.transition_plan(a, by=SYSTEM, to=Status.CANCELLED, note="Hoãn")
    assert open_rows(a) == [] and open_rows(b) == []
    c = plan(
        world.commune_a,
        world.commune_a,
        D(2026, 5, 27),
        title="Kiểm tra lại thực hiện dân chủ ở cơ sở",
    )
    assert [r.other for r in open_rows(c)] == [b]


def test_the_rule_table_decides_the_window(world):
    OverlapRule.objects.all().delete()
    OverlapRule.objects.create(name="±7 ngày", window_mode=WindowMode.DAYS, margin_days=7)
    plan(world.province, world.commune_a, D(2026, 5, 11))
    near = plan(world.commune_a, world.commune_a, D(2026, 5, 18))
    far = plan(world.commune_a, world.commune_a, D(2026, 5, 30))
    assert len(open_rows(near)) == 1
    assert [r.other for r in open_rows(far)] == []


def test_a_rule_not_yet_in_force_does_not_apply(world):
    OverlapRule.objects.create(
        name="Tương lai", window_mode=WindowMode.DAYS, margin_days=0, valid_from=D(2030, 1, 1)
    )
    plan(world.province, world.commune_a, D(2026, 5, 11))
    b = plan(world.commune_a, world.commune_a, D(2026, 5, 25))
    assert len(open_rows(b)) == 1  # the seeded same-quarter rule still decides


def test_unit_tree_scope_matches_ancestors(world):
    plan(world.province, world.province, D(2026, 5, 11), kind=Kind.PARTY_SUPERVISION)
    b = plan(world.commune_a, world.commune_a, D(2026, 5, 20))
    assert open_rows(b) == []
    OverlapRule.objects.update(subject_scope=SubjectScope.UNIT_TREE)
    c = plan(world.commune_a, world.commune_a, D(2026, 5, 27))
    assert {r.other.match_unit for r in open_rows(c)} == {world.province, world.commune_a}


def test_any_topic_when_the_rule_ignores_topics(world):
    OverlapRule.objects.update(match_topics=False)
    plan(world.province, world.commune_a, D(2026, 5, 11))
    b = plan(
        world.commune_a,
        world.commune_a,
        D(2026, 5, 12),
        title="Tập huấn phần mềm",
        topics=(),
        kind=Kind.TRAINING,
    )
    assert len(open_rows(b)) == 1
