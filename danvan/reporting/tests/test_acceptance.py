"""The seed articles' figures come out of records alone, through the standard indicators."""

import datetime as dt

import pytest

from danvan.accounts.models import Role
from danvan.accounts.tests.factories import official
from danvan.engagements.actions import create_engagement
from danvan.engagements.models import EngagementKind
from danvan.lib.periods import PeriodKind, build
from danvan.reporting import rollup
from danvan.reporting.models import Indicator
from danvan.reporting.sentences import meetings_sentence
from danvan.reporting.standard import load_standard
from danvan.units.models import LAST_LEGACY_DATE, Kind, Level
from danvan.units.tests.factories import UnitFactory


@pytest.fixture
def standard(db):
    load_standard()
    return {i.code: i for i in Indicator.objects.all()}


def test_cau_ngang_305_meetings_17385_attendances_over_the_2_5_year_phase(world, standard):
    district = UnitFactory(code="T848", short_name="Cầu Ngang Thử", kind=Kind.RURAL_DISTRICT, level=Level.DISTRICT,
                           parent=world.old_province, valid_to=LAST_LEGACY_DATE)
    communes = [UnitFactory(code=f"T848{i}", short_name=f"Xã {i}", parent=district, valid_to=LAST_LEGACY_DATE)
                for i in range(3)]
    editor = official("bdv_cau_ngang", district, Role.EDITOR)
    # 61 batches of 5 meetings with 285 attendances each, spread over Jan 2021 – Jun 2023.
    for i in range(61):
        unit = [district, *communes][i % 4]
        day = dt.date(2021, 1, 1) + dt.timedelta(days=14 * i + 3)
        create_engagement(by=editor, unit=unit, kind=EngagementKind.MOBILIZATION, date=day, meetings=5,
                          attendance=285, topic="Tuyên truyền Luật Thực hiện dân chủ ở cơ sở")
    # One meeting after the phase must not count.
    create_engagement(by=editor, unit=district, kind=EngagementKind.MOBILIZATION, date=dt.date(2023, 7, 3),
                      meetings=1, attendance=40, topic="Triển khai nhiệm vụ 6 tháng cuối năm")
    phase = build(PeriodKind.MIDTERM, 2021)
    figures = rollup.figures([standard["meetings_held"], standard["attendance"]], district, phase)
    assert figures == {"meetings_held": 305, "attendance": 17385}
    assert meetings_sentence(meetings=figures["meetings_held"], attendance=figures["attendance"]) == (
        "tổ chức được 305 cuộc, có 17.385 lượt người dự"
    )
    assert phase.label == "2,5 năm (2021–2023)"
