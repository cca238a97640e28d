from decimal import Decimal as D

import pytest

from danvan.emulation.ranking import (
    COUNT,
    PER_POPULATION,
    PER_VILLAGE,
    POINTS,
    RAW,
    Criterion,
    Entrant,
    rank,
)

BIG = Entrant("big", "Phường Lớn", population=20_000, villages=20)
SMALL = Entrant("small", "Xã Nhỏ", population=5_000, villages=5)
C1 = Criterion("c1", 1, POINTS, D(20))
C2 = Criterion("c2", 2, COUNT, D(10))
VALUES = {("big", "c1"): D(18), ("small", "c1"): D(18), ("big", "c2"): D(8), ("small", "c2"): D(4)}


def test_raw_counts_favour_the_big_unit():
    rows = rank([BIG, SMALL], [C1, C2], VALUES, RAW)
    assert [(r.entrant.key, r.rank, r.total) for r in rows] == [
        ("big", 1, D(28)),
        ("small", 2, D(23)),
    ]


def test_per_population_makes_the_small_unit_win():
    rows = rank([BIG, SMALL], [C1, C2], VALUES, PER_POPULATION)
    # 4 per 10,000 vs 8 per 10,000: the small unit is best and takes the full 10 points.
    assert [(r.entrant.key, r.rank, r.total) for r in rows] == [
        ("small", 1, D(28)),
        ("big", 2, D(23)),
    ]
    assert rows[0].rates["c2"] == D(8)


def test_per_village():
    rows = rank([BIG, SMALL], [C1, C2], VALUES, PER_VILLAGE)
    assert rows[0].entrant.key == "small" and rows[1].points["c2"] == D(5)


def test_ties_share_a_rank_and_weights_apply():
    weighted = Criterion("c1", 1, POINTS, D(20), weight=D(2))
    third = Entrant("third", "Xã Ba", 5_000, 5)
    values = {("big", "c1"): D(10), ("small", "c1"): D(10), ("third", "c1"): D(5)}
    rows = rank([BIG, SMALL, third], [weighted], values)
    assert [(r.rank, r.total) for r in rows] == [(1, D(20)), (1, D(20)), (3, D(10))]


def test_points_are_capped_and_missing_scores_reported():
    rows = rank([BIG, SMALL], [C1], {("big", "c1"): D(25)})
    assert rows[0].total == D(20)
    assert rows[1].problems == ["thiếu kết quả tiêu chí 1"] and rows[1].rank == 2


def test_unknown_size_is_not_ranked_on_a_rate_basis():
    nobody = Entrant("x", "Xã Chưa Rõ", population=None, villages=None)
    values = {**VALUES, ("x", "c1"): D(20), ("x", "c2"): D(9)}
    rows = rank([BIG, SMALL, nobody], [C1, C2], values, PER_POPULATION)
    assert rows[-1].entrant.key == "x" and rows[-1].rank is None
    assert "chưa có số dân" in rows[-1].problems[0]
    assert [r.rank for r in rows[:2]] == [1, 2]


def test_unknown_basis():
    with pytest.raises(ValueError):
        rank([BIG], [C1], {}, "per_cow")
