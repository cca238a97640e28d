"""The demo on the real unit table: the seed articles' committees and the 2026 collision."""

import pytest
from django.db import connection, transaction

from danvan.accounts.permissions import SYSTEM
from danvan.oversight.demo import load_demo
from danvan.oversight.models import OversightPlan, PlanConflict
from danvan.oversight.states import Status
from danvan.oversight.steering_models import MemberRole, SteeringCommittee
from danvan.people.models import Person
from danvan.units.actions import load_units

pytestmark = pytest.mark.fullunits


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_units()
        try:  # the people demo records the articles' officials; ours links to them
            from danvan.people.demo import load_demo as load_people
        except ImportError:
            pass
        else:
            load_people(by=SYSTEM)
        first = load_demo(by=SYSTEM)
        second = load_demo(by=SYSTEM)
        connection.check_constraints()
        yield first, second
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db):
    return demo


def test_the_demo_is_idempotent(loaded):
    first, second = loaded
    assert first == {"steering_committees": 5, "plans": 15}
    assert second == {"steering_committees": 0, "plans": 0}


def test_three_bodies_collide_on_phuong_ha_long_in_2026(loaded):
    on_ward = OversightPlan.objects.filter(
        match_unit__key="06688", window_start__year=2026, topics__contains=",qcdc,"
    )
    assert {p.body.name for p in on_ward} >= {
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Quảng Ninh",
        "Đảng ủy phường Hạ Long",
    }
    front = on_ward.get(body__name="Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Quảng Ninh")
    assert front.status == Status.PLANNED
    assert PlanConflict.objects.unacknowledged().filter(plan=front).count() == 2
    moved = OversightPlan.objects.get(external_id="demo-kh-hlhpn-qn-2026-12")
    assert not PlanConflict.objects.open().filter(plan=moved).exists()
    assert PlanConflict.objects.filter(plan=moved, cleared_at__isnull=False).exists()


def test_the_seed_committees(loaded):
    halong = SteeringCommittee.objects.get(external_id="demo-bcd-qcdc-halong")
    head = halong.memberships.get(role=MemberRole.HEAD)
    assert (head.person.full_name, head.position_label) == (
        "Vũ Thị Mai Anh",
        "Phó Bí thư Thường trực Thành ủy",
    )
    if Person.objects.filter(external_id="demo-people-vu-thi-mai-anh").exists():
        assert head.person.external_id == "demo-people-vu-thi-mai-anh"
    assert (
        halong.standing_body.name == "Ban Dân vận Thành ủy Hạ Long" and halong.valid_to is not None
    )
    assert halong.successors.get().unit.key == "06688"
    tam_diep = SteeringCommittee.objects.filter(unit__short_name="Tam Điệp")
    assert sorted(tam_diep.values_list("kind", flat=True)) == ["dvk", "qcdc", "vdqc"]
    assert all(
        c.meetings.filter(held_on__year=2023, held_on__month=12, held_on__day=7).exists()
        for c in tam_diep
    )
    assert {c.memberships.get(role=MemberRole.HEAD).person_id for c in tam_diep} == {
        tam_diep[0].memberships.get(role=MemberRole.HEAD).person_id
    }


def test_every_status_and_some_overdue(loaded):
    assert set(OversightPlan.objects.values_list("status", flat=True)) == set(Status.values)
    import datetime as dt

    assert OversightPlan.objects.overdue(dt.date(2026, 11, 22)).count() >= 2
