"""Links from conferences to the directives they implement, through the directives app.

`danvan.directives.linking` parses the citations with the one parser, resolves each to
the registry (a stub for an unknown document) and writes the `DirectiveLink` with its
own permission check (`directives.edit` on the conference's unit) and audit row.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Model, QuerySet

from danvan.directives import actions as directive_actions
from danvan.directives import linking
from danvan.directives.models import Directive, DirectiveLink
from danvan.units.models import Unit


def links_of(obj: Model) -> QuerySet[DirectiveLink]:
    return linking.links_for(obj).order_by("directive__issued_on", "directive__symbol")


def link_text(obj: Model, text: str, *, unit: Unit, on: dt.date | None, by: Any) -> list[str]:
    """Link `obj` to every document cited in `text`; returns the symbols linked."""
    if not text.strip():
        return []
    return [row.directive.symbol for row in linking.link_text(obj, text, unit=unit, on=on, by=by)]


def unlink(obj: Model, directive: Directive, *, by: Any) -> bool:
    row = links_of(obj).filter(directive=directive).first()
    if row is None:
        return False
    directive_actions.unlink(row, by=by)
    return True
