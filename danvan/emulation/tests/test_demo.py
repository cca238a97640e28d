"""The demo data on the real unit table: the Hạ Long 2022 medals, Tam Điệp's pledges."""

import datetime as dt

import pytest
from django.db import connection, transaction

from danvan.accounts.permissions import SYSTEM
from danvan.emulation.demo import load_demo
from danvan.emulation.models import AwardForm, Commendation, Pledge, RankingBasis
from danvan.emulation.queries import pledge_ranking
from danvan.emulation.states import CommendationStatus, PledgeStatus
from danvan.people import demo as people_demo
from danvan.people.models import Person
from danvan.people.queries import duplicate_suggestions, positions_on
from danvan.units.actions import load_units
from danvan.units.models import Unit

pytestmark = pytest.mark.fullunits


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_units()
        people_demo.load_demo(by=SYSTEM)
        result = load_demo(by=SYSTEM)
        connection.check_constraints()
        yield result
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db):
    return demo


def test_vu_thi_mai_anh_holds_two_posts_and_has_a_duplicate(loaded):
    person = Person.objects.get(external_id="demo-people-vu-thi-mai-anh")
    titles = [p.title for p in positions_on(person, dt.date(2022, 12, 1))]
    assert titles == [
        "Phó Bí thư TT Thành uỷ",
        "Trưởng BCĐ thực hiện quy chế dân chủ ở cơ sở Thành phố",
    ]
    first, second = positions_on(person, dt.date(2022, 12, 1))
    assert first.body.name == "Thành ủy Hạ Long" and first.unit.key == "193@2025-06-30"
    assert second.body is None or second.body.kind == "steering_committee"  # BCĐ rows come later
    (suggestion,) = duplicate_suggestions(person)
    assert (
        suggestion.overlap and suggestion.person.external_id == "demo-people-vu-thi-mai-anh-seed1"
    )
    doan = Person.objects.get(external_id="demo-people-bui-duc-doan")
    assert doan.positions.count() == 3


def test_ha_long_2022_fourteen_medals(loaded):
    city = Unit.objects.get(key="193@2025-06-30")
    medals = Commendation.objects.filter(
        unit=city,
        year=2022,
        status=CommendationStatus.DECIDED,
        form__in=[AwardForm.MEDAL_DAN_VAN, AwardForm.MEDAL_FRONT],
    )
    assert medals.count() == 14
    assert medals.values("person").distinct().count() == 14


def test_tam_diep_pledges_over_three_years(loaded):
    city = Unit.objects.get(key="370@2025-06-30")
    pledges = {p.year: p for p in Pledge.objects.filter(unit=city)}
    assert {y: p.status for y, p in pledges.items()} == {
        2023: PledgeStatus.SCORED,
        2024: PledgeStatus.SIGNED,
        2025: PledgeStatus.CANCELLED,
    }
    assert pledges[2024].signed_on == dt.date(2023, 12, 7)
    assert pledges[2023].participants.count() == 9
    _, raw = pledge_ranking(pledges[2023], RankingBasis.RAW)
    _, fair = pledge_ranking(pledges[2023], RankingBasis.PER_POPULATION)
    assert all(r.rank for r in fair) and [r.entrant.name for r in raw] != [
        r.entrant.name for r in fair
    ]


def test_every_commendation_status_and_idempotent(loaded):
    assert set(Commendation.objects.values_list("status", flat=True)) == set(
        CommendationStatus.values
    )
    assert Pledge.objects.filter(status=PledgeStatus.DRAFT).exists()
    before = (Commendation.objects.count(), Pledge.objects.count(), Person.objects.count())
    assert people_demo.load_demo(by=SYSTEM) == "đã có"
    assert load_demo(by=SYSTEM) == "đã có"
    assert (Commendation.objects.count(), Pledge.objects.count(), Person.objects.count()) == before
