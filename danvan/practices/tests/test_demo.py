"""The demo data on the real unit table: the figures of the articles come out."""

import datetime as dt

import pytest
from django.db import connection, transaction

from danvan.accounts.permissions import SYSTEM
from danvan.practices.demo import load_demo
from danvan.practices.models import Practice
from danvan.practices.queries import practice_counts
from danvan.practices.states import Status
from danvan.units.actions import load_units
from danvan.units.models import Unit

pytestmark = pytest.mark.fullunits
D = dt.date


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_units()
        result = load_demo(by=SYSTEM)
        connection.check_constraints()
        yield result
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db):
    return demo


def test_cau_ngang_mid_2023_has_27_in_progress_and_13_effective(loaded):
    district = Unit.objects.get(key="848@2025-06-30")
    c = practice_counts(district, D(2021, 1, 1), D(2023, 6, 30), by=SYSTEM)
    assert (c.total.in_progress, c.total.effective) == (27, 13)
    later = practice_counts(district, D(2023, 7, 1), D(2023, 12, 31), by=SYSTEM)
    assert later.total.recognised == 5 and later.recognised_by_level["district"] == 5


def test_tam_diep_registered_25_new_models_in_2023(loaded):
    city = Unit.objects.get(key="370@2025-06-30")
    assert (
        practice_counts(city, D(2023, 1, 1), D(2023, 12, 31), by=SYSTEM).total.registered_new == 25
    )


def test_every_status_several_years_and_some_overdue(loaded):
    assert loaded["created"] > 100
    statuses = set(Practice.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    years = set(Practice.objects.values_list("registration_year", flat=True))
    assert {2021, 2022, 2023, 2024, 2025, 2026} <= years
    assert any(p.is_overdue for p in Practice.objects.all())
    assert Practice.objects.filter(kind="exemplar").exists()


def test_phuong_ha_long_carries_its_wards_history_and_replicates_a_model(loaded):
    ward = Unit.objects.get(key="06688")
    copy = Practice.objects.get(unit=ward, external_id="demo-phl-08")
    assert copy.replicates.unit.key == "06688@2025-06-30"
    assert copy.replicates.status == Status.REPLICATED
    c = practice_counts(ward, D(2026, 1, 1), D(2026, 12, 31), by=SYSTEM)
    assert c.total.replicated >= 1 and c.total.carried_over > 5


def test_loading_again_creates_nothing(loaded):
    assert load_demo(by=SYSTEM) == {"created": 0, "existing": loaded["created"]}
