"""Reading key tasks for pages and the API (no writes)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from danvan.conferences.models import Conference

from .models import KeyTask
from .states import Status


@dataclass(slots=True)
class PreviousReview:
    """How the previous conference's tasks of the same body stand, for a conference page."""

    conference: Conference | None
    tasks: list[KeyTask] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        c = Counter(t.status_badge for t in self.tasks)
        return {
            "total": len(self.tasks),
            "done": c[Status.DONE],
            "open": c[Status.NOT_STARTED] + c[Status.IN_PROGRESS] + c["overdue"],
            "overdue": c["overdue"],
            "carried": c[Status.CARRIED_OVER],
        }

    @property
    def unfinished(self) -> list[KeyTask]:
        return [t for t in self.tasks if t.status != Status.DONE]


def tasks_of(conference: Conference) -> list[KeyTask]:
    return list(
        KeyTask.objects.for_list()
        .filter(conference=conference)
        .select_related("carried_over_from__conference")
        .order_by("number", "pk")
    )


def previous_review(conference: Conference) -> PreviousReview:
    previous = conference.previous()
    if previous is None:
        return PreviousReview(conference=None)
    tasks = list(
        KeyTask.objects.for_list()
        .filter(conference=previous)
        .select_related("carried_into__conference")
        .order_by("number", "pk")
    )
    return PreviousReview(conference=previous, tasks=tasks)
