"""Stock and flow counts: a past period is counted as it stood then."""

import datetime as dt

import pytest

from danvan.accounts.permissions import SYSTEM, NotPermitted
from danvan.practices.queries import practice_counts
from danvan.practices.states import Status

from .factories import practice

D = dt.date


@pytest.fixture
def history(world):
    """Five models of the old commune An Cũ (before 2025) and of Phường An (after)."""
    old = world.old_commune_a
    a = practice(
        old,
        status=Status.RECOGNISED,
        registered_on=D(2023, 2, 1),
        started=D(2023, 3, 1),
        evaluated=D(2024, 11, 20),
        recognised=D(2025, 10, 1),
        field="new_rural",
    )
    b = practice(old, status=Status.IN_PROGRESS, registered_on=D(2023, 5, 1), started=D(2023, 6, 1))
    c = practice(
        old,
        status=Status.STOPPED,
        registered_on=D(2022, 3, 1),
        stopped=D(2023, 9, 1),
        kind="exemplar",
        person_name="Trần Văn Ba",
    )
    d = practice(
        world.commune_a, status=Status.EFFECTIVE, registered_on=D(2025, 8, 1), field="new_rural"
    )
    e = practice(world.commune_b, status=Status.IN_PROGRESS, registered_on=D(2025, 8, 1))  # sibling
    return a, b, c, d, e


def test_a_model_recognised_later_counts_as_in_progress_at_an_earlier_end(world, history):
    c2023 = practice_counts(
        world.commune_a, D(2023, 1, 1), D(2023, 12, 31), by=world.commune_editor
    )
    assert c2023.total.registered_new == 2  # a and b; c was registered in 2022
    assert c2023.total.carried_over == 1  # c, registered in 2022 and not yet stopped
    assert (c2023.total.in_progress, c2023.total.effective, c2023.total.recognised) == (2, 0, 0)
    assert c2023.total.stopped == 1
    c2024 = practice_counts(world.commune_a, D(2024, 1, 1), D(2024, 12, 31), by=SYSTEM)
    assert (c2024.total.in_progress, c2024.total.effective, c2024.total.recognised) == (1, 1, 0)
    assert c2024.total.carried_over == 2  # a and b were running on 31/12/2023
    c2025 = practice_counts(world.commune_a, D(2025, 1, 1), D(2025, 12, 31), by=SYSTEM)
    assert c2025.total.registered_new == 1  # d, in the new ward
    assert (c2025.total.in_progress, c2025.total.effective, c2025.total.recognised) == (1, 1, 1)
    assert c2025.total.evaluated_total == 2 and c2025.total.recognised_total == 1
    assert c2025.recognised_by_level["commune"] == 1
    assert c2025.total.active == 3


def test_breakdowns_by_field_and_type_add_up(world, history):
    c = practice_counts(world.province, D(2025, 1, 1), D(2025, 12, 31), by=world.province_approver)
    assert c.by_field["new_rural"].active == 2
    assert c.by_field["economy"].active == 2  # b and the sibling's e
    assert c.by_type["exemplar"].stopped == 1
    assert sum(f.active for f in c.by_field.values()) == c.total.active == 4
    assert sum(f.registered_new for f in c.by_type.values()) == c.total.registered_new == 2


def test_counts_need_view_rights_on_the_unit(world, history):
    with pytest.raises(NotPermitted):
        practice_counts(world.commune_a, D(2025, 1, 1), D(2025, 12, 31), by=world.sibling_editor)
    with pytest.raises(NotPermitted):
        practice_counts(world.province, D(2025, 1, 1), D(2025, 12, 31), by=world.outsider)


def test_counts_cost_the_same_for_few_and_many(world, django_assert_max_num_queries):
    for _ in range(3):
        practice(world.commune_a, status=Status.IN_PROGRESS)
    with django_assert_max_num_queries(6):
        practice_counts(world.province, D(2025, 1, 1), D(2025, 12, 31), by=world.province_approver)
    for _ in range(20):
        practice(world.commune_b, status=Status.EFFECTIVE)
    with django_assert_max_num_queries(6):
        practice_counts(world.province, D(2025, 1, 1), D(2025, 12, 31), by=world.province_approver)
