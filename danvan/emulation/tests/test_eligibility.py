import datetime as dt

import pytest

from danvan.emulation.eligibility import (
    ALTERNATIVE,
    HOLDS_POST_TITLE,
    NOT_AWARDED_BEFORE,
    REQUIRED,
    YEARS_IN_POST,
    YEARS_IN_POST_BY_GENDER,
    Facts,
    RuleSpec,
    Stint,
    evaluate,
    service_days,
    validate_params,
)

D = dt.date
ON = D(2025, 12, 31)
DAN_VAN = {"body_kinds": ["mass_mobilization"], "title_contains": ["dân vận"]}


def rule(predicate, params, group=REQUIRED, form="medal_dan_van"):
    return RuleSpec(
        key=predicate, name=predicate, form=form, predicate=predicate, params=params, group=group
    )


def test_overlapping_positions_count_once():
    stints = [
        Stint("A", start=D(2010, 1, 1), end=D(2015, 12, 31)),
        Stint("B", start=D(2014, 1, 1)),
        Stint("C"),
    ]
    days, undated = service_days(stints, D(2019, 12, 31))
    assert days == (D(2019, 12, 31) - D(2010, 1, 1)).days + 1 and undated == 1


def test_years_in_dan_van_posts_by_gender():
    woman = Facts(
        "female",
        (
            Stint(
                "Chuyên viên Ban Dân vận Thành ủy",
                "mass_mobilization",
                D(2012, 1, 1),
                D(2018, 12, 31),
            ),
            Stint("Phó Chủ tịch UBND phường", "peoples_committee", D(2019, 1, 1)),
            Stint("Phó Trưởng Ban Dân vận Thành ủy", "", D(2019, 1, 1), D(2022, 12, 31)),
        ),
    )
    r = rule(YEARS_IN_POST_BY_GENDER, {"years_male": 15, "years_female": 10, **DAN_VAN})
    verdict = evaluate(woman, [r], ON)
    assert verdict.eligible
    assert verdict.checks[0].explanation.startswith("11,0 năm")
    man = Facts("male", woman.stints)
    assert not evaluate(man, [r], ON).eligible
    unknown = evaluate(Facts("", woman.stints), [r], ON)
    assert not unknown.eligible and "giới tính" in unknown.checks[0].explanation


def test_required_and_alternatives():
    facts = Facts(
        "male",
        (Stint("Trưởng Ban Dân vận Huyện ủy", "mass_mobilization", D(2021, 1, 1)),),
        awarded=frozenset(),
    )
    years = rule(YEARS_IN_POST, {"years": 15, **DAN_VAN}, ALTERNATIVE)
    leader = rule(HOLDS_POST_TITLE, {"title_contains": ["Trưởng Ban Dân vận"]}, ALTERNATIVE)
    once = rule(NOT_AWARDED_BEFORE, {})
    assert evaluate(facts, [years, leader, once], ON).eligible  # leadership shortcut
    assert not evaluate(facts, [years, once], ON).eligible
    awarded = Facts("male", facts.stints, awarded=frozenset({"medal_dan_van"}))
    verdict = evaluate(awarded, [years, leader, once], ON)
    assert not verdict.eligible and verdict.checks[2].explanation == "đã được tặng trước đây"


def test_no_rules_means_no_candidates():
    assert not evaluate(Facts("male", ()), [], ON).eligible


@pytest.mark.parametrize(
    ("predicate", "params", "message"),
    [
        (YEARS_IN_POST, {}, "years"),
        (YEARS_IN_POST, {"years": -1}, "years"),
        (YEARS_IN_POST, {"years": 10, "colour": "red"}, "colour"),
        (YEARS_IN_POST_BY_GENDER, {"years_male": 15}, "years_female"),
        (HOLDS_POST_TITLE, {}, "title_contains"),
        (NOT_AWARDED_BEFORE, {"forms": 3}, "danh sách"),
        ("astrology", {}, "không hợp lệ"),
    ],
)
def test_validate_params(predicate, params, message):
    with pytest.raises(ValueError, match=message):
        validate_params(predicate, params)


def test_validate_params_accepts_good_ones():
    assert validate_params(YEARS_IN_POST, {"years": 15, **DAN_VAN})["years"] == 15


def test_title_starts_with_does_not_match_the_deputy():
    deputy = Facts("female", (Stint("Phó Trưởng Ban Dân vận Tỉnh uỷ", "mass_mobilization"),))
    head = Facts("male", (Stint("Trưởng Ban Dân vận Huyện ủy", "mass_mobilization"),))
    r = rule(HOLDS_POST_TITLE, {"title_starts_with": ["Trưởng Ban Dân vận"]})
    assert not evaluate(deputy, [r], ON).eligible and evaluate(head, [r], ON).eligible
