"""The lifecycle of a key task (nhiệm vụ trọng tâm).

"Quá hạn" (overdue) is not a state: it is derived from the deadline for a task that is
not finished (`KeyTask.is_overdue`). "Chuyển kỳ sau" is final: the follow-on task in
the next period carries the work on (`carried_over_from`).
"""

from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    NOT_STARTED = "chua_thuc_hien", "Chưa thực hiện"
    IN_PROGRESS = "dang_thuc_hien", "Đang thực hiện"
    DONE = "hoan_thanh", "Hoàn thành"
    CARRIED_OVER = "chuyen_ky_sau", "Chuyển kỳ sau"


OPEN: frozenset[str] = frozenset({Status.NOT_STARTED, Status.IN_PROGRESS})

ALLOWED: dict[str, frozenset[str]] = {
    Status.NOT_STARTED: frozenset({Status.IN_PROGRESS, Status.DONE, Status.CARRIED_OVER}),
    Status.IN_PROGRESS: frozenset({Status.NOT_STARTED, Status.DONE, Status.CARRIED_OVER}),
    # Reopened when the next review finds the work was not really finished.
    Status.DONE: frozenset({Status.IN_PROGRESS}),
    Status.CARRIED_OVER: frozenset(),
}

LABELS: dict[str, str] = dict(Status.choices)

# The transitions a person triggers with a button; carrying over has its own action,
# because it creates the follow-on task.
MANUAL: frozenset[str] = frozenset({Status.NOT_STARTED, Status.IN_PROGRESS, Status.DONE})
