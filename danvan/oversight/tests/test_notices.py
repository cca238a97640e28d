"""The notice-period warning (Ban TTND ≥ 5 working days, Luật 10/2022/QH15 Đ39)."""

import datetime as dt

from danvan.oversight.models import NoticeRule
from danvan.oversight.notices import check
from danvan.units.models import BodyKind

from .factories import body, plan

D = dt.date


def ttnd(world, **extra):
    return plan(
        body(world.commune_a, BodyKind.FATHERLAND_FRONT),
        body(world.commune_a, BodyKind.PEOPLES_COMMITTEE),
        D(2026, 3, 16),
        kind="ttnd_inspection",
        title="Kiểm tra công khai ngân sách",
        topics=(),
        **extra,
    )


def test_the_seeded_rule_is_five_working_days(world):
    rule = NoticeRule.for_plan("ttnd_inspection", D(2026, 3, 16))
    assert (rule.days, rule.working_days) == (5, True)


def test_on_time_late_pending_and_missed(world):
    p = ttnd(world, notice_sent_on=D(2026, 3, 9))  # Monday 16 minus 5 working days = Monday 9
    assert check(p, D(2026, 3, 1)).level == "ok"
    p.notice_sent_on = D(2026, 3, 10)
    result = check(p, D(2026, 3, 1))
    assert result.level == "late" and result.is_warning and "09/03/2026" in result.message
    p.notice_sent_on = None
    assert check(p, D(2026, 3, 2)).level == "pending"
    missed = check(p, D(2026, 3, 12))
    assert missed.level == "missed" and "Luật Thực hiện dân chủ ở cơ sở" in missed.message


def test_other_kinds_have_no_notice_rule(world):
    p = plan(world.commune_a, world.commune_a, D(2026, 3, 16))
    assert check(p, D(2026, 3, 1)) is None


def test_calendar_days_rule(world):
    NoticeRule.objects.create(kind="front_supervision", days=45, working_days=False)
    p = plan(
        body(world.commune_a, BodyKind.FATHERLAND_FRONT),
        world.commune_a,
        D(2026, 6, 15),
        kind="front_supervision",
    )
    assert check(p, D(2026, 4, 1)).deadline == D(2026, 5, 1)
