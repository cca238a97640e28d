"""Report figures: cuộc and lượt add up exactly; người never does (DOMAIN.md §3.7)."""

import datetime as dt

import pytest

from danvan.accounts.permissions import SYSTEM, NotPermitted
from danvan.engagements import actions
from danvan.engagements.counts import engagement_counts
from danvan.engagements.models import EngagementKind, HostRole, ReceptionType
from danvan.units.models import LAST_LEGACY_DATE, Kind, Level
from danvan.units.tests.factories import UnitFactory

from .factories import EngagementFactory, reception

PHASE = (dt.date(2021, 1, 1), dt.date(2023, 6, 30))  # "2,5 năm qua", Cầu Ngang


def legacy(code, name, kind, level, parent):
    return UnitFactory(
        code=code, short_name=name, kind=kind, level=level, parent=parent, valid_to=LAST_LEGACY_DATE
    )


@pytest.fixture
def cau_ngang(world):
    """A district before 2025 with three communes, and a neighbouring district."""
    district = legacy("848", "Cầu Ngang", Kind.RURAL_DISTRICT, Level.DISTRICT, world.old_province)
    communes = [
        legacy(code, name, Kind.COMMUNE, Level.COMMUNE, district)
        for code, name in (("29416", "Cầu Ngang"), ("29431", "Vinh Kim"), ("29449", "Trường Thọ"))
    ]
    neighbour = legacy("849", "Trà Cú", Kind.RURAL_DISTRICT, Level.DISTRICT, world.old_province)
    return district, communes, neighbour


def months(start, end):
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        yield dt.date(y, m, 1)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def test_305_meetings_and_17385_attendances_come_out_of_the_records(cau_ngang):
    district, communes, neighbour = cau_ngang
    recorded = {"meetings": 0, "attendance": 0}

    def meeting(unit, day, meetings, attendance):
        EngagementFactory(
            unit=unit,
            date=day,
            kind=EngagementKind.MOBILIZATION,
            meetings=meetings,
            attendance=attendance,
        )
        recorded["meetings"] += meetings
        recorded["attendance"] += attendance

    for i, first in enumerate(months(*PHASE)):  # 30 months
        meeting(district, first.replace(day=10), 1, 180 + i)  # the district conference
        meeting(communes[i % 3], first.replace(day=20), 8, 8 * 45)  # hamlet meetings, one row
        if i % 3 == 0:
            meeting(communes[(i + 1) % 3], first.replace(day=25), 1, 60)
    # Close the figures on the last day of the phase, as the article reports them.
    meeting(district, PHASE[1], 305 - recorded["meetings"], 17385 - recorded["attendance"])
    # Rows that must not be counted: before and after the phase, the neighbour, deleted.
    EngagementFactory(unit=district, date=dt.date(2020, 12, 31), meetings=3, attendance=300)
    EngagementFactory(unit=communes[0], date=dt.date(2023, 7, 1), attendance=99)
    EngagementFactory(unit=neighbour, date=dt.date(2022, 5, 5), meetings=40, attendance=4000)
    gone = EngagementFactory(unit=communes[1], date=dt.date(2022, 5, 5), attendance=70)
    actions.delete_engagement(gone, by=SYSTEM, reason="Ghi trùng")

    figures = engagement_counts(district, *PHASE, by=SYSTEM)

    assert (figures.total.meetings, figures.total.attendance) == (305, 17385)
    mobilisation = figures.by_kind[EngagementKind.MOBILIZATION]
    assert (mobilisation.meetings, mobilisation.attendance) == (305, 17385)
    assert mobilisation.average_attendance == 57.0
    assert figures.total.distinct_people is None  # no person-level data: "không có số liệu"
    assert figures.total.attendance_missing == 0
    assert engagement_counts(communes[1], *PHASE, by=SYSTEM).total.meetings < 305


def test_distinct_people_are_never_summed(world):
    first = EngagementFactory(unit=world.commune_a, attendance=120, distinct_people=80)
    one = engagement_counts(world.commune_a, None, None, by=SYSTEM).total
    assert (one.distinct_people, one.distinct_people_at_least) == (80, 80)
    EngagementFactory(unit=world.commune_b, attendance=90, distinct_people=60)
    two = engagement_counts(world.province, None, None, by=SYSTEM).total
    assert two.attendance == 210
    assert two.distinct_people is None  # not 140: the same people may be in both
    assert two.distinct_people_at_least == 80
    EngagementFactory(unit=world.commune_b, attendance=30)  # no người figure
    three = engagement_counts(world.province, None, None, by=SYSTEM).total
    assert (three.distinct_people, three.distinct_people_at_least) == (None, None)
    assert first.pk


def test_parts_are_reported_only_when_every_row_has_them(world):
    EngagementFactory(unit=world.commune_a, attendance=100, women=40, ethnic_minorities=5)
    EngagementFactory(unit=world.commune_b, attendance=50, women=20)
    total = engagement_counts(world.province, None, None, by=SYSTEM).total
    assert total.women == 60
    assert total.ethnic_minorities is None
    EngagementFactory(unit=world.commune_b, attendance=None)
    total = engagement_counts(world.province, None, None, by=SYSTEM).total
    assert (total.attendance, total.attendance_missing, total.average_attendance) == (150, 1, None)


def test_receptions_by_level_type_and_host(world):
    reception(world.province, dt.date(2026, 3, 3), HostRole.PARTY_SECRETARY)
    reception(world.commune_a, dt.date(2026, 3, 4), HostRole.COMMITTEE_CHAIR)
    reception(world.commune_b, dt.date(2026, 3, 5), HostRole.DEPUTY, kind=ReceptionType.AD_HOC)
    EngagementFactory(unit=world.commune_a, kind=EngagementKind.DIALOGUE, attendance=150)
    EngagementFactory(unit=world.province, is_online=True, connection_points=54, attendance=3000)
    figures = engagement_counts(
        world.province, dt.date(2026, 1, 1), dt.date(2026, 12, 31), by=SYSTEM
    )
    assert figures.receptions == 3 and figures.dialogues == 1
    assert figures.receptions_by_level == {"province": 1, "commune": 2}
    assert figures.receptions_by_type == {"regular": 2, "ad_hoc": 1}
    assert figures.receptions_by_host_role == {
        "party_secretary": 1,
        "committee_chair": 1,
        "deputy": 1,
    }
    assert (figures.online_meetings, figures.connection_points) == (1, 54)
    assert [label for label, _ in figures.kind_rows()][0] == "Tiếp công dân"


def test_figures_need_the_right_to_view_the_unit(world):
    with pytest.raises(NotPermitted):
        engagement_counts(world.commune_a, None, None, by=world.sibling_editor)
    assert (
        engagement_counts(world.commune_a, None, None, by=world.central_viewer).total.records == 0
    )
