"""Reading emulation records for a user: visibility, rankings and eligibility candidates."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from danvan.accounts import permissions
from danvan.people.models import CAREER_ORDER, Person, Position
from danvan.units.models import Lineage, Unit, UnitClosure

from . import eligibility, ranking
from .models import Commendation, EligibilityRule, Pledge, PledgeScore
from .states import CommendationStatus


def territory(unit: Unit) -> QuerySet[Unit]:
    """A unit's subtree and, for a unit formed in 2025, its predecessors' subtrees."""
    roots = [
        unit.pk,
        *Lineage.objects.filter(successor=unit).values_list("predecessor_id", flat=True),
    ]
    return Unit.objects.subtree_of(*roots)


# --- pledges -------------------------------------------------------------------------


def visible_pledges(user: Any, action: str = "emulation.view") -> QuerySet[Pledge]:
    """Pledges of units in the user's scope, and pledges that a unit in scope signed as a
    participant (a commune sees the city's pledge it signed)."""
    units = permissions.scope(user, action)
    return Pledge.objects.filter(Q(unit__in=units) | Q(participants__unit__in=units)).distinct()


def get_pledge_for_user(user: Any, code: Any, action: str = "emulation.view") -> Pledge:
    try:
        return (
            visible_pledges(user, action)
            .select_related("unit", "body", "conference")
            .get(code=code)
        )
    except (Pledge.DoesNotExist, ValueError) as e:
        raise Http404("Không tìm thấy.") from e


def pledge_ranking(pledge: Pledge, basis: str = ranking.RAW) -> tuple[list[Any], list[ranking.Row]]:
    """(criteria, ranked rows) for a pledge; three queries whatever its size."""
    participants = list(pledge.participants.select_related("body", "unit"))
    criteria = list(pledge.criteria.all())
    values: dict[tuple[int, int], Decimal] = {}
    for s in PledgeScore.objects.filter(participant__pledge=pledge):
        values[(s.participant_id, s.criterion_id)] = s.value
    entrants = [
        ranking.Entrant(key=p.pk, name=p.body.name, population=p.population, villages=p.villages)
        for p in participants
    ]
    specs = [
        ranking.Criterion(
            key=c.pk, number=c.number, measure=c.measure, max_score=c.max_score, weight=c.weight
        )
        for c in criteria
    ]
    rows = ranking.rank(entrants, specs, values, basis)
    for row in rows:  # aligned with `criteria`, for templates
        row.cells = [row.points.get(c.pk) for c in criteria]  # type: ignore[attr-defined]
    return criteria, rows


# --- commendations -------------------------------------------------------------------


def get_commendation_for_user(user: Any, code: Any, action: str = "emulation.view") -> Commendation:
    try:
        return permissions.get_for_user(user, Commendation.objects.for_list(), action, code=code)
    except ValueError as e:  # a malformed code
        raise Http404("Không tìm thấy.") from e


# --- eligibility candidates ----------------------------------------------------------


def rules_for(form: str, unit: Unit, on: dt.date) -> list[EligibilityRule]:
    """Enabled rules of `form` in force on `on` that apply at `unit`: nationwide rules and
    rules of the unit, its ancestors, and the successors of those (a rule set on today's
    province applies to its pre-2025 districts too)."""
    ancestors = set(
        UnitClosure.objects.filter(descendant=unit).values_list("ancestor_id", flat=True)
    )
    ancestors |= set(
        Lineage.objects.filter(predecessor_id__in=ancestors).values_list("successor_id", flat=True)
    )
    rules = EligibilityRule.objects.filter(enabled=True, award_form=form).filter(
        Q(unit__isnull=True) | Q(unit_id__in=ancestors)
    )
    return [r for r in rules.select_related("unit") if r.is_valid_on(on)]


@dataclass
class Candidate:
    person: Person
    verdict: eligibility.Verdict
    positions: list[Position]


def candidates(
    form: str, unit: Unit, on: dt.date, *, limit: int = 500
) -> tuple[list[EligibilityRule], list[Candidate]]:
    """People with a position in `unit`'s territory who meet the enabled rules of `form`.

    Facts: every position of each person (with its body's kind) and the forms already
    decided for them. Returns (rules applied, candidates); no rules → no candidates.
    """
    rules = rules_for(form, unit, on)
    if not rules:
        return rules, []
    specs = [
        eligibility.RuleSpec(
            key=r.pk,
            name=r.name,
            form=r.award_form,
            predicate=r.predicate,
            params=r.params,
            group=r.group,
        )
        for r in rules
    ]
    people = list(
        Person.objects.active().in_units(territory(unit)).order_by("search_key", "pk")[:limit]
    )
    ids = [p.pk for p in people]
    positions: dict[int, list[Position]] = defaultdict(list)
    for pos in (
        Position.objects.filter(person_id__in=ids)
        .select_related("body", "unit")
        .order_by(*CAREER_ORDER)
    ):
        positions[pos.person_id].append(pos)
    awarded: dict[int, set[str]] = defaultdict(set)
    for pid, f in Commendation.objects.filter(
        person_id__in=ids, status=CommendationStatus.DECIDED
    ).values_list("person_id", "form"):
        awarded[pid].add(f)
    out = []
    for person in people:
        facts = eligibility.Facts(
            gender=person.gender,
            stints=tuple(
                eligibility.Stint(
                    title=p.title,
                    body_kind=p.body.kind if p.body_id else "",
                    start=p.valid_from,
                    end=p.effective_end,
                )
                for p in positions[person.pk]
            ),
            awarded=frozenset(awarded[person.pk]),
        )
        verdict = eligibility.evaluate(facts, specs, on)
        if verdict.eligible:
            out.append(Candidate(person, verdict, positions[person.pk]))
    return rules, out
