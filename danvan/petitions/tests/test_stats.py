"""Period statistics: opening stock, flows, lateness, level split, 2025 predecessors."""

import datetime as dt

from danvan.accounts.permissions import SYSTEM
from danvan.petitions import actions
from danvan.petitions.models import Kind, Outcome
from danvan.petitions.stats import petition_stats

from .factories import accepted, receive

D = dt.date


def test_carried_over_received_handled_and_pending(tables, world):
    a = world.old_commune_a
    before = accepted(a, received_on=D(2022, 12, 1), on=D(2022, 12, 5))
    actions.resolve_petition(
        before, by=SYSTEM, on_date=D(2022, 12, 20), outcome=Outcome.CORRECT
    )  # not counted
    carried = accepted(a, received_on=D(2022, 12, 10), on=D(2022, 12, 12))  # due 11/01/2023
    actions.resolve_petition(
        carried, by=SYSTEM, on_date=D(2023, 1, 20), outcome=Outcome.PARTLY
    )  # late
    on_time = accepted(a, received_on=D(2023, 2, 1), on=D(2023, 2, 2))
    actions.resolve_petition(on_time, by=SYSTEM, on_date=D(2023, 2, 20), outcome=Outcome.WRONG)
    after_end = accepted(a, received_on=D(2023, 6, 1), on=D(2023, 6, 2))  # due 03/07/2023
    actions.resolve_petition(after_end, by=SYSTEM, on_date=D(2023, 8, 1), outcome=Outcome.WRONG)
    receive(a, received_on=D(2023, 6, 20), kind=Kind.FEEDBACK)  # still open
    receive(a, received_on=D(2023, 7, 5))  # after the period

    s = petition_stats(
        world.old_province, D(2023, 1, 1), D(2023, 6, 30), by=world.province_approver
    )
    f = s.all
    assert (f.carried_over, f.received, f.total) == (1, 3, 4)
    assert (f.handled, f.on_time, f.late) == (2, 1, 1)
    assert (f.pending, f.pending_overdue) == (2, 0)
    assert s.by_kind[Kind.FEEDBACK].received == 1
    assert (s.own.total, s.lower.total) == (0, 4)

    end_of_july = petition_stats(world.old_province, D(2023, 7, 1), D(2023, 7, 31), by=SYSTEM)
    # At 31/07: the 01/06 complaint (due 03/07), the feedback (answer due 04/07) and the
    # complaint of 05/07 (acceptance due 19/07) are all past due.
    assert (end_of_july.all.carried_over, end_of_july.all.pending_overdue) == (2, 3)


def test_a_new_unit_counts_the_history_of_the_units_it_took_over(tables, world):
    receive(world.old_commune_a, received_on=D(2025, 6, 10))
    receive(world.commune_a, received_on=D(2025, 8, 1))
    receive(world.commune_b, received_on=D(2025, 8, 1))
    s = petition_stats(world.commune_a, D(2025, 7, 1), D(2025, 12, 31), by=world.commune_editor)
    assert (s.all.carried_over, s.all.received, s.own.total, s.lower.total) == (1, 1, 2, 0)
    province = petition_stats(
        world.province, D(2025, 7, 1), D(2025, 12, 31), by=world.province_approver
    )
    assert (province.all.total, province.lower.total) == (3, 3)
