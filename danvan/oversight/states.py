"""The lifecycle of an inspection or supervision plan (DOMAIN.md §4.6).

planned → notified (the notice went to the subject) → in progress → done, or cancelled
from any state that is not final. A plan with conflicts nobody has acknowledged cannot
be notified or started: the planner either acknowledges each conflict or changes the
plan (actions.transition_plan checks it).
"""

from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    PLANNED = "planned", "Dự kiến"
    NOTIFIED = "notified", "Đã thông báo"
    IN_PROGRESS = "in_progress", "Đang tiến hành"
    DONE = "done", "Đã hoàn thành"
    CANCELLED = "cancelled", "Đã hủy"


ALLOWED: dict[str, frozenset[str]] = {
    Status.PLANNED: frozenset({Status.NOTIFIED, Status.CANCELLED}),
    Status.NOTIFIED: frozenset({Status.IN_PROGRESS, Status.CANCELLED}),
    Status.IN_PROGRESS: frozenset({Status.DONE, Status.CANCELLED}),
    Status.DONE: frozenset(),
    Status.CANCELLED: frozenset(),
}

LABELS: dict[str, str] = dict(Status.choices)

# The path a plan follows when all goes well; imports may move a record along it.
PATH: tuple[str, ...] = (Status.PLANNED, Status.NOTIFIED, Status.IN_PROGRESS, Status.DONE)

# States in which the window may still be moved.
MOVABLE: frozenset[str] = frozenset({Status.PLANNED, Status.NOTIFIED})
# Targets that need every conflict acknowledged first.
NEEDS_CLEAR: frozenset[str] = frozenset({Status.NOTIFIED, Status.IN_PROGRESS})
# Plans in these states no longer count against other plans.
INACTIVE: frozenset[str] = frozenset({Status.CANCELLED})
# Plans still to happen: a passed window in these states is overdue.
OPEN: frozenset[str] = frozenset({Status.PLANNED, Status.NOTIFIED, Status.IN_PROGRESS})
