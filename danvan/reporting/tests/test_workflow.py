"""A commune's report goes up, is returned, corrected, approved; later corrections mark it stale."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from danvan.accounts.permissions import NotPermitted
from danvan.core.lifecycle import InvalidTransition
from danvan.engagements.models import Engagement, EngagementKind
from danvan.lib.periods import build
from danvan.reporting import actions
from danvan.reporting.compile import compile_report, differences
from danvan.reporting.facts import invalidate
from danvan.reporting.models import (
    Indicator,
    IndicatorKind,
    ReportStatus,
    ReportTemplate,
    TemplateIndicator,
)

SECTIONS = ["Kết quả đạt được", "Hạn chế, nguyên nhân", "Nhiệm vụ trọng tâm"]


@pytest.fixture
def template(db):
    meetings = Indicator.objects.create(code="meetings_held", label="Số cuộc hội nghị, tuyên truyền",
                                        unit_of_measure="cuộc", kind=IndicatorKind.COUNT,
                                        source="engagements.engagement", date_field="date",
                                        filters={"kind": EngagementKind.MOBILIZATION})
    invalidate()
    t = ReportTemplate.objects.create(code="6t", name="Báo cáo 6 tháng công tác dân vận", period_kind="half",
                                      sections=SECTIONS)
    TemplateIndicator.objects.create(template=t, indicator=meetings, order=1)
    yield t
    invalidate()


def meeting(unit, day):
    return Engagement.objects.create(unit=unit, date=day, topic="Tuyên truyền", kind=EngagementKind.MOBILIZATION,
                                     attendance=50)


def write(report, by, text="Nội dung"):
    return actions.edit_narratives(by=by, report=report, narratives={s: text for s in SECTIONS})


def test_submit_return_correct_resubmit_approve(world, template):
    period = build("half", 2026)
    meeting(world.commune_a, dt.date(2026, 3, 1))
    meeting(world.commune_a, dt.date(2026, 4, 1))
    report = actions.create_report(by=world.commune_editor, template=template, unit=world.commune_a, period=period)
    with pytest.raises(ValidationError, match="Chưa viết các phần"):
        actions.submit_report(by=world.commune_editor, report=report)
    write(report, world.commune_editor)
    actions.submit_report(by=world.commune_editor, report=report)
    with pytest.raises(NotPermitted):  # a commune cannot approve its own report
        actions.approve_report(by=world.commune_editor, report=report)
    with pytest.raises(ValidationError, match="lý do"):
        actions.return_report(by=world.province_approver, report=report, reason=" ")
    actions.return_report(by=world.province_approver, report=report, reason="Bổ sung số liệu tháng 6")
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert report.transitions.last().note == "Bổ sung số liệu tháng 6"
    write(report, world.commune_editor, "Nội dung đã bổ sung")
    actions.submit_report(by=world.commune_editor, report=report)
    snapshot = actions.approve_report(by=world.province_approver, report=report)
    assert snapshot.figures == {"meetings_held": 2}

    province = actions.create_report(by=world.province_approver, template=template, unit=world.province, period=period)
    compiled = compile_report(province)
    row = next(r for r in compiled.lower_units if r.unit == world.commune_a)
    assert row.approved and row.figures == {"meetings_held": 2} and row.status_label == "Đã duyệt"
    assert compiled.figures == {"meetings_held": 2}
    assert compiled.lower_narratives[0][1]["Kết quả đạt được"] == "Nội dung đã bổ sung"
    other = next(r for r in compiled.lower_units if r.unit == world.commune_b)
    assert not other.approved and other.timeliness == "Chưa gửi"


def test_a_correction_after_approval_marks_the_report_stale_and_shows_the_difference(world, template):
    period = build("half", 2026)
    m = meeting(world.commune_a, dt.date(2026, 3, 1))
    report = actions.create_report(by=world.commune_editor, template=template, unit=world.commune_a, period=period)
    write(report, world.commune_editor)
    actions.submit_report(by=world.commune_editor, report=report)
    actions.approve_report(by=world.province_approver, report=report)
    meeting(world.commune_b, dt.date(2026, 3, 1))  # another commune: not this report
    report.refresh_from_db()
    assert not report.stale
    meeting(world.commune_a, dt.date(2026, 5, 1))  # a late correction under this report
    report.refresh_from_db()
    assert report.stale
    (diff,) = differences(report)
    assert (diff[0].code, diff[1], diff[2]) == ("meetings_held", 1, 2)
    m.date = dt.date(2027, 1, 1)  # moved out of the period: the stale flag stays until re-approval
    m.save()
    report.refresh_from_db()
    assert report.stale


def test_approved_reports_cannot_be_edited_and_transitions_are_checked(world, template):
    report = actions.create_report(by=world.commune_editor, template=template, unit=world.commune_a,
                                   period=build("half", 2026))
    with pytest.raises(InvalidTransition):
        actions.approve_report(by=world.province_approver, report=report)
    write(report, world.commune_editor)
    actions.submit_report(by=world.commune_editor, report=report)
    with pytest.raises(ValidationError, match="không sửa được"):
        write(report, world.commune_editor)


def test_only_the_units_own_editors_create_its_report(world, template):
    with pytest.raises(NotPermitted):
        actions.create_report(by=world.sibling_editor, template=template, unit=world.commune_a,
                              period=build("half", 2026))
