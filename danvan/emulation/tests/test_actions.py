import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.accounts.permissions import SYSTEM
from danvan.audit.models import AuditEvent
from danvan.core.lifecycle import InvalidTransition
from danvan.emulation import actions
from danvan.emulation.models import (
    AwardForm,
    Commendation,
    EligibilityRule,
    Predicate,
    RankingBasis,
    RecipientKind,
    RuleGroup,
)
from danvan.emulation.queries import candidates, pledge_ranking
from danvan.emulation.states import CommendationStatus, PledgeStatus
from danvan.people.models import Person
from danvan.people.tests.factories import PersonFactory, PositionFactory
from danvan.units.models import Body, BodyKind

from .factories import body_of, commendation, pledge

D = dt.date


# --- pledges -------------------------------------------------------------------------


def test_pledge_lifecycle(world):
    p = pledge(
        world.province,
        [world.commune_a, world.commune_b],
        sizes={world.commune_a.pk: (20000, 20), world.commune_b.pk: (5000, 5)},
    )
    assert p.status == PledgeStatus.DRAFT and p.title == "Giao ước thi đua năm 2024"
    actions.sign_pledge(p, by=world.province_approver, signed_on=D(2023, 12, 7))
    with pytest.raises(ValidationError, match="thêm đơn vị"):
        actions.add_participant(
            p, by=SYSTEM, body=body_of(world.commune_a, BodyKind.FATHERLAND_FRONT)
        )
    a, b = p.participants.order_by("unit__code")
    c1, c2 = p.criteria.order_by("number")
    actions.record_scores(
        p,
        [
            actions.ScoreInput(a, c1, Decimal(18)),
            actions.ScoreInput(b, c1, Decimal(18)),
            actions.ScoreInput(a, c2, Decimal(8)),
        ],
        by=world.province_approver,
    )
    with pytest.raises(ValidationError, match="Còn 1 ô"):
        actions.close_scoring(p, by=world.province_approver)
    actions.record_scores(p, [actions.ScoreInput(b, c2, Decimal(4))], by=world.province_approver)
    _, raw = pledge_ranking(p, RankingBasis.RAW)
    _, fair = pledge_ranking(p, RankingBasis.PER_POPULATION)
    assert raw[0].entrant.name == a.body.name and fair[0].entrant.name == b.body.name
    actions.close_scoring(p, by=world.province_approver, on=D(2024, 12, 10))
    p.refresh_from_db()
    assert p.status == PledgeStatus.SCORED
    assert [t.to_status for t in p.transitions.all()] == ["draft", "signed", "scored"]
    with pytest.raises(ValidationError, match="chấm điểm"):
        actions.record_scores(p, [actions.ScoreInput(a, c1, Decimal(1))], by=SYSTEM)
    with pytest.raises(PermissionDenied):  # reopening needs an approver... of the pledge's unit
        actions.reopen_scoring(p, by=world.commune_editor, note="sai")
    with pytest.raises(ValidationError, match="lý do"):
        actions.reopen_scoring(p, by=world.province_approver, note="")
    actions.reopen_scoring(p, by=world.province_approver, note="Sửa điểm tiêu chí 2")
    assert AuditEvent.objects.filter(verb="emulation.reopen_scoring").exists()


def test_pledge_participants_must_be_lower_units(world):
    p = pledge(world.province, [world.commune_a])
    with pytest.raises(ValidationError, match="cấp dưới"):
        actions.add_participant(p, by=SYSTEM, body=body_of(world.commune_c))
    with pytest.raises(ValidationError, match="cấp dưới"):
        actions.add_participant(
            p, by=SYSTEM, body=body_of(world.province, BodyKind.FATHERLAND_FRONT)
        )
    with pytest.raises(ValidationError, match="đã có"):
        actions.add_participant(p, by=SYSTEM, body=body_of(world.commune_a))


def test_pledge_permissions(world):
    with pytest.raises(PermissionDenied):
        actions.create_pledge(by=world.commune_editor, body=body_of(world.province), year=2024)
    p = pledge(world.province, [world.commune_a])
    with pytest.raises(PermissionDenied):
        actions.set_criterion(p, by=world.commune_editor, number=3, text="X", max_score=Decimal(5))
    with pytest.raises(PermissionDenied):
        actions.sign_pledge(p, by=world.outsider, signed_on=D(2023, 12, 1))


def test_sign_needs_participants_and_criteria(world):
    p = actions.create_pledge(by=SYSTEM, body=body_of(world.province), year=2025)
    with pytest.raises(ValidationError, match="đơn vị tham gia"):
        actions.sign_pledge(p, by=SYSTEM, signed_on=D(2024, 12, 1))
    actions.add_participant(p, by=SYSTEM, body=body_of(world.commune_a))
    with pytest.raises(ValidationError, match="tiêu chí"):
        actions.sign_pledge(p, by=SYSTEM, signed_on=D(2024, 12, 1))


def test_scores_are_validated(world):
    p = pledge(world.province, [world.commune_a], signed=True)
    a = p.participants.get()
    c1, c2 = p.criteria.order_by("number")
    with pytest.raises(ValidationError) as e:
        actions.record_scores(
            p,
            [actions.ScoreInput(a, c1, Decimal(21)), actions.ScoreInput(a, c2, Decimal("2.5"))],
            by=SYSTEM,
        )
    assert "vượt điểm tối đa 20" in str(e.value) and "số nguyên" in str(e.value)
    assert actions.record_scores(p, [actions.ScoreInput(a, c1, Decimal(15))], by=SYSTEM) == 1
    assert actions.record_scores(p, [actions.ScoreInput(a, c1, Decimal(15))], by=SYSTEM) == 0
    assert actions.record_scores(p, [actions.ScoreInput(a, c1, None)], by=SYSTEM) == 1


def test_criteria_validation(world):
    p = pledge(world.province, [world.commune_a])
    with pytest.raises(ValidationError, match="Điểm tối đa"):
        actions.set_criterion(p, by=SYSTEM, number=3, text="X", max_score=Decimal(0))
    with pytest.raises(ValidationError, match="nội dung"):
        actions.set_criterion(p, by=SYSTEM, number=3, text=" ", max_score=Decimal(5))
    actions.set_criterion(p, by=SYSTEM, number=1, text="Sửa lời", max_score=Decimal(25))
    assert p.criteria.get(number=1).text == "Sửa lời"


def test_cancel_and_invalid_transition(world):
    p = pledge(world.province, [world.commune_a], signed=True)
    actions.cancel_pledge(p, by=SYSTEM, note="Sắp xếp đơn vị hành chính")
    with pytest.raises(InvalidTransition):
        actions.sign_pledge(p, by=SYSTEM, signed_on=D(2024, 1, 1))


def test_pledge_idempotent_on_external_id(world):
    a = actions.create_pledge(
        by=SYSTEM, body=body_of(world.province), year=2024, external_id="gu-1"
    )
    b = actions.create_pledge(
        by=SYSTEM, body=body_of(world.province), year=2024, external_id="gu-1"
    )
    assert a == b


# --- commendations -------------------------------------------------------------------


def test_commendation_workflow(world):
    c = commendation(world.commune_a)
    assert c.status == CommendationStatus.PROPOSED and c.recipient_name == "Nguyễn Thị Hương"
    with pytest.raises(PermissionDenied):  # an editor proposes but does not decide
        actions.start_review(c, by=world.commune_editor)
    actions.start_review(c, by=world.province_approver, on=D(2025, 9, 10))
    actions.return_commendation(
        c, by=world.province_approver, note="Bổ sung thành tích", on=D(2025, 9, 12)
    )
    actions.update_commendation(
        c, by=world.commune_editor, form=AwardForm.CERTIFICATE, reason="Thành tích đã bổ sung"
    )
    with pytest.raises(ValidationError, match="không được trước bước trước"):
        actions.start_review(c, by=world.province_approver, on=D(2025, 9, 11))
    actions.start_review(c, by=world.province_approver, on=D(2025, 9, 20))
    with pytest.raises(ValidationError, match="cơ quan khen thưởng"):
        actions.decide_commendation(c, by=world.province_approver, decided_on=D(2025, 10, 1))
    with pytest.raises(ValidationError, match="trước ngày đề nghị"):
        actions.decide_commendation(
            c, by=world.province_approver, decided_on=D(2025, 1, 1), awarding_body_name="UBND tỉnh"
        )
    with pytest.raises(ValidationError, match="bước trước"):
        actions.decide_commendation(
            c, by=world.province_approver, decided_on=D(2025, 9, 15), awarding_body_name="UBND tỉnh"
        )
    ubnd = body_of(world.province, BodyKind.PEOPLES_COMMITTEE)
    actions.decide_commendation(
        c,
        by=world.province_approver,
        decided_on=D(2025, 10, 1),
        decision_number="12/QĐ-UBND",
        awarding_body=ubnd,
    )
    c.refresh_from_db()
    assert c.status == CommendationStatus.DECIDED and c.awarding_label == ubnd.name
    assert [t.to_status for t in c.transitions.all()] == [
        "proposed",
        "reviewing",
        "proposed",
        "reviewing",
        "decided",
    ]
    with pytest.raises(ValidationError, match="chưa xét"):
        actions.update_commendation(c, by=world.commune_editor, form=AwardForm.CERTIFICATE)
    with pytest.raises(InvalidTransition):
        actions.reject_commendation(c, by=world.province_approver, reason="x")


def test_reject_needs_a_reason(world):
    c = commendation(world.commune_a)
    with pytest.raises(ValidationError, match="lý do"):
        actions.reject_commendation(c, by=world.province_approver, reason=" ")
    actions.reject_commendation(c, by=world.province_approver, reason="Trùng đề nghị")
    assert Commendation.objects.get(pk=c.pk).rejection_reason == "Trùng đề nghị"


def test_propose_for_a_new_person_adds_them_to_people(world):
    c = actions.propose_commendation(
        by=world.commune_editor,
        unit=world.commune_a,
        form=AwardForm.MEDAL_DAN_VAN,
        recipient_kind=RecipientKind.INDIVIDUAL,
        new_person_name="Hoàng Thị Lan",
        recipient_position="Chủ tịch Hội LHPN phường An",
        proposed_on=D(2025, 9, 1),
    )
    person = Person.objects.get(full_name="Hoàng Thị Lan")
    assert c.person == person and person.positions.get().unit == world.commune_a


def test_propose_rules(world):
    with pytest.raises(PermissionDenied):
        actions.propose_commendation(
            by=world.commune_editor,
            unit=world.commune_b,
            form=AwardForm.CERTIFICATE,
            recipient_kind=RecipientKind.COLLECTIVE,
            recipient_name="Chi hội",
            proposed_on=D(2025, 1, 1),
        )
    with pytest.raises(ValidationError, match="cá nhân"):
        actions.propose_commendation(
            by=SYSTEM,
            unit=world.commune_a,
            form=AwardForm.CERTIFICATE,
            recipient_kind=RecipientKind.INDIVIDUAL,
            proposed_on=D(2025, 1, 1),
        )
    with pytest.raises(ValidationError, match="không thuộc"):
        actions.propose_commendation(
            by=SYSTEM,
            unit=world.commune_a,
            form=AwardForm.CERTIFICATE,
            recipient_kind=RecipientKind.COLLECTIVE,
            recipient_body=body_of(world.commune_b),
            proposed_on=D(2025, 1, 1),
        )
    collective = actions.propose_commendation(
        by=SYSTEM,
        unit=world.commune_a,
        form=AwardForm.CERTIFICATE_OF_MERIT,
        recipient_kind=RecipientKind.COLLECTIVE,
        recipient_body=body_of(world.commune_a, BodyKind.WOMENS_UNION),
        proposed_on=D(2025, 1, 1),
    )
    assert collective.recipient_name == body_of(world.commune_a, BodyKind.WOMENS_UNION).name


def test_merged_person_is_replaced_by_the_kept_one(world):
    keep = PersonFactory()
    dup = PersonFactory(merged_into=keep)
    c = actions.propose_commendation(
        by=SYSTEM,
        unit=world.commune_a,
        form=AwardForm.CERTIFICATE,
        recipient_kind=RecipientKind.INDIVIDUAL,
        person=dup,
        proposed_on=D(2025, 1, 1),
    )
    assert c.person == keep


# --- eligibility rules and candidates ------------------------------------------------


def test_examples_ship_disabled_and_unverified(db):
    examples = EligibilityRule.objects.filter(is_example=True)
    assert examples.count() == 5
    assert not examples.filter(enabled=True).exists()
    assert set(examples.values_list("confidence", flat=True)) == {"U"}


def _dan_van_rules(by):
    years = actions.create_rule(
        actions.RuleInput(
            award_form=AwardForm.MEDAL_DAN_VAN,
            name="Đủ năm",
            predicate=Predicate.YEARS_IN_POST_BY_GENDER,
            group=RuleGroup.ALTERNATIVE,
            params={
                "years_male": 15,
                "years_female": 10,
                "body_kinds": ["mass_mobilization"],
                "title_contains": ["dân vận"],
            },
        ),
        by=by,
    )
    once = actions.create_rule(
        actions.RuleInput(
            award_form=AwardForm.MEDAL_DAN_VAN,
            name="Chưa tặng",
            predicate=Predicate.NOT_AWARDED_BEFORE,
            params={},
        ),
        by=by,
    )
    return years, once


def test_rules_are_managed_by_administrators(world):
    with pytest.raises(PermissionDenied):
        _dan_van_rules(world.province_approver)
    years, once = _dan_van_rules(SYSTEM)
    assert not years.enabled
    with pytest.raises(ValidationError, match="chưa xác minh"):
        actions.set_rule_enabled(years, by=SYSTEM, enabled=True)
    actions.set_rule_enabled(years, by=SYSTEM, enabled=True, note="Theo quy chế tỉnh")
    with pytest.raises(ValidationError, match="Tham số"):
        actions.update_rule(
            years,
            actions.RuleInput(
                award_form=AwardForm.MEDAL_DAN_VAN,
                name="X",
                predicate=Predicate.YEARS_IN_POST,
                params={"years": "x"},
            ),
            by=SYSTEM,
        )


def test_candidates_meet_enabled_rules(world):
    years, once = _dan_van_rules(SYSTEM)
    for rule in (years, once):
        actions.set_rule_enabled(rule, by=SYSTEM, enabled=True, note="thử")
    body = Body.objects.filter(unit=world.old_commune_a).first()
    veteran = PersonFactory(full_name="Trần Thị Dân Vận", gender="female")
    PositionFactory(
        person=veteran,
        unit=world.old_commune_a,
        body=body,
        title="Trưởng khối dân vận",
        valid_from=D(2010, 1, 1),
        valid_to=D(2025, 6, 30),
    )
    newcomer = PersonFactory(full_name="Lê Văn Mới", gender="male")
    PositionFactory(
        person=newcomer, unit=world.commune_a, title="Cán bộ dân vận", valid_from=D(2020, 1, 1)
    )
    rules, found = candidates(AwardForm.MEDAL_DAN_VAN, world.commune_a, D(2025, 12, 31))
    assert len(rules) == 2 and [c.person for c in found] == [veteran]
    # Once awarded, no longer a candidate.
    c = actions.propose_commendation(
        by=SYSTEM,
        unit=world.commune_a,
        form=AwardForm.MEDAL_DAN_VAN,
        recipient_kind=RecipientKind.INDIVIDUAL,
        person=veteran,
        proposed_on=D(2025, 9, 1),
    )
    actions.start_review(c, by=SYSTEM, on=D(2025, 9, 15))
    actions.decide_commendation(
        c, by=SYSTEM, decided_on=D(2025, 10, 1), awarding_body_name="Ban TGDV TW"
    )
    assert candidates(AwardForm.MEDAL_DAN_VAN, world.commune_a, D(2025, 12, 31))[1] == []


def test_rules_of_another_province_do_not_apply(world):
    rule = actions.create_rule(
        actions.RuleInput(
            award_form=AwardForm.CERTIFICATE,
            name="Tỉnh C",
            predicate=Predicate.HOLDS_POST_TITLE,
            params={"title_contains": ["Bí thư"]},
            unit=world.other_province,
        ),
        by=SYSTEM,
    )
    actions.set_rule_enabled(rule, by=SYSTEM, enabled=True, note="thử")
    assert candidates(AwardForm.CERTIFICATE, world.commune_a, D(2025, 12, 31))[0] == []
    assert candidates(AwardForm.CERTIFICATE, world.commune_c, D(2025, 12, 31))[0] == [rule]
