"""People at a conference and the posts they held that day.

A position "as written" ("Phó Bí thư TT Thành uỷ, Trưởng BCĐ thực hiện quy chế dân chủ ở
cơ sở Thành phố") is one person holding several posts: the people app's parser splits
it, and each post is matched to the person's `Position` valid on the conference day or
added through the people app's actions (its permission check and audit row), with the
conference as the source and unknown start and end dates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from danvan.lib.text import fold
from danvan.people import actions as people_actions
from danvan.people.models import Person, Position
from danvan.people.queries import guess_body
from danvan.people.titles import split_position_text
from danvan.units.models import Unit


def new_person(full_name: str, *, by: Any) -> Person:
    return people_actions.create_person(by=by, full_name=full_name)


def find_people(query: str, limit: int = 10) -> list[Person]:
    if not fold(query).split():
        return []
    return list(
        Person.objects.active()
        .search(query)
        .prefetch_related("positions")
        .order_by("full_name")[:limit]
    )


def positions_for(
    person: Person, label: str, *, unit: Unit, on: dt.date | None, source: str, by: Any
) -> list[Position]:
    """The person's positions valid on `on` matching each post of `label`; the missing ones
    are added (the conference shows only that they held the post that day)."""
    held = list(person.positions.valid_on(on) if on else person.positions.all())
    found: list[Position] = []
    for post in split_position_text(label):
        match = next((p for p in held if fold(p.title) == fold(post)), None)
        if match is None:
            spec = people_actions.PositionSpec(
                title=post, unit=unit, body=guess_body(post, unit, on), source=source[:300]
            )
            match = people_actions.add_position(person, spec, by=by)
            held.append(match)
        found.append(match)
    return found
