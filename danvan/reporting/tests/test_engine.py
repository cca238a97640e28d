"""The roll-up engine on engagement records: instant, correct, across the 2025 lineage."""

import datetime as dt

import pytest

from danvan.engagements.models import Engagement, EngagementKind
from danvan.lib.periods import Period, build
from danvan.reporting import rollup
from danvan.reporting.facts import invalidate
from danvan.reporting.models import Indicator, IndicatorKind, Tally, TimeAggregation
from danvan.reporting.rebuild import rebuild


@pytest.fixture
def indicators(db):
    meetings = Indicator.objects.create(code="meetings_held", label="Số cuộc", unit_of_measure="cuộc",
                                        kind=IndicatorKind.COUNT, source="engagements.engagement", date_field="date",
                                        filters={"kind": EngagementKind.MOBILIZATION})
    attendance = Indicator.objects.create(code="attendance", label="Lượt người dự", unit_of_measure="lượt người",
                                          kind=IndicatorKind.SUM, source="engagements.engagement", date_field="date",
                                          value_field="attendance", filters={"kind": EngagementKind.MOBILIZATION})
    invalidate()
    yield [meetings, attendance]
    invalidate()


def meeting(unit, day, attendance, kind=EngagementKind.MOBILIZATION):
    return Engagement.objects.create(unit=unit, date=day, topic="Tuyên truyền Luật Thực hiện dân chủ ở cơ sở",
                                     kind=kind, attendance=attendance)


def test_a_saved_record_is_in_the_next_figure_at_every_level(world, indicators):
    year = build("year", 2026)
    assert rollup.figures(indicators, world.nation, year) == {"meetings_held": 0, "attendance": 0}
    meeting(world.commune_a, dt.date(2026, 3, 5), 57)
    for unit in (world.commune_a, world.province, world.nation):
        assert rollup.figures(indicators, unit, year) == {"meetings_held": 1, "attendance": 57}
    assert rollup.figures(indicators, world.commune_b, year) == {"meetings_held": 0, "attendance": 0}


def test_edits_and_deletes_move_the_figures(world, indicators):
    m = meeting(world.commune_a, dt.date(2026, 3, 5), 57)
    m.attendance, m.date = 60, dt.date(2026, 11, 2)
    m.save()
    q1 = build("quarter", 2026, part=1)
    assert rollup.figures(indicators, world.province, q1) == {"meetings_held": 0, "attendance": 0}
    assert rollup.figures(indicators, world.province, build("year", 2026))["attendance"] == 60
    m.kind = EngagementKind.RECEPTION  # no longer counted
    m.save()
    assert rollup.figures(indicators, world.province, build("year", 2026))["meetings_held"] == 0
    m.kind = EngagementKind.MOBILIZATION
    m.save()
    m.delete()
    assert not Tally.objects.exclude(value=0).exists()


def test_the_unit_itself_and_its_lower_units_are_split(world, indicators):
    meeting(world.province, dt.date(2026, 1, 10), 100)
    meeting(world.commune_a, dt.date(2026, 1, 11), 30)
    meeting(world.commune_b, dt.date(2026, 1, 12), 20)
    split = rollup.own_and_lower(indicators, world.province, build("year", 2026))
    assert split["meetings_held"] == (1, 2)
    assert split["attendance"] == (100, 50)
    rows = dict((u.key, v) for u, v in rollup.by_children(indicators, world.province, build("year", 2026)))
    assert rows == {"T1A": {"meetings_held": 1, "attendance": 30}, "T1B": {"meetings_held": 1, "attendance": 20}}


def test_periods_with_cut_off_days_count_the_edge_days_from_records(world, indicators):
    meeting(world.commune_a, dt.date(2025, 12, 14), 1)  # before the cut-off year
    meeting(world.commune_a, dt.date(2025, 12, 15), 2)  # first day of "year 2026" from 15/12
    meeting(world.commune_a, dt.date(2026, 6, 1), 4)
    meeting(world.commune_a, dt.date(2026, 12, 14), 8)  # last day
    meeting(world.commune_a, dt.date(2026, 12, 15), 16)  # next year
    year = build("year", 2026).shifted(-17)
    assert rollup.figures(indicators, world.nation, year) == {"meetings_held": 3, "attendance": 14}


def test_figures_match_the_naive_query_and_a_rebuild(world, indicators):
    for i, unit in enumerate([world.commune_a, world.commune_b, world.commune_c, world.old_commune_a] * 5):
        meeting(unit, dt.date(2024 + i % 3, 1 + i % 12, 1 + i), 10 + i)
    period = Period(dt.date(2024, 1, 1), dt.date(2026, 12, 31))
    fast = rollup.figures(indicators, world.nation, period)
    assert fast == rollup.naive_figures(indicators, world.nation, period)
    before = set(Tally.objects.values_list("indicator_id", "unit_id", "month", "value"))
    rebuild()
    assert set(Tally.objects.values_list("indicator_id", "unit_id", "month", "value")) == before


def test_recast_adds_old_figures_to_the_successors(world, indicators):
    meeting(world.old_commune_a, dt.date(2024, 5, 1), 40)  # before the reform, in the old district
    meeting(world.commune_a, dt.date(2025, 9, 1), 60)
    period = Period(dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    assert rollup.figures(indicators, world.commune_a, period)["attendance"] == 60  # as reported
    assert rollup.recast_unit(indicators, world.commune_a, period)["attendance"] == 100  # recast
    rows = {u.key: v for u, v in rollup.recast_provinces(indicators, period)}
    assert rows["T1"]["attendance"] == 100 and rows["T2"]["attendance"] == 0


def test_stocks_come_from_cumulative_flows(world, db):
    inflow = Indicator.objects.create(code="in", label="Vào", unit_of_measure="cuộc", kind=IndicatorKind.COUNT,
                                      source="engagements.engagement", date_field="date")
    outflow = Indicator.objects.create(code="out", label="Ra", unit_of_measure="cuộc", kind=IndicatorKind.COUNT,
                                       source="engagements.engagement", date_field="date",
                                       filters={"kind": EngagementKind.DIALOGUE})
    opening = Indicator.objects.create(code="open", label="Đầu kỳ", unit_of_measure="cuộc", kind=IndicatorKind.STOCK,
                                       inflow=inflow, outflow=outflow, time_aggregation=TimeAggregation.OPENING)
    closing = Indicator.objects.create(code="close", label="Cuối kỳ", unit_of_measure="cuộc", kind=IndicatorKind.STOCK,
                                       inflow=inflow, outflow=outflow, time_aggregation=TimeAggregation.CLOSING)
    invalidate()
    meeting(world.commune_a, dt.date(2025, 3, 1), 1)
    meeting(world.commune_a, dt.date(2025, 4, 1), 1, kind=EngagementKind.DIALOGUE)  # in and out
    meeting(world.commune_a, dt.date(2025, 5, 1), 1)
    meeting(world.commune_a, dt.date(2026, 2, 1), 1)
    got = rollup.figures([opening, closing], world.province, build("year", 2026))
    assert got == {"open": 2, "close": 3}
    invalidate()
