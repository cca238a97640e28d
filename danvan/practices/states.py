"""The lifecycle of a "Dân vận khéo" model (DOMAIN.md §3.1).

registered → in progress → effective (evaluated) → recognised (decision) → replicated,
or stopped (with a reason) from any state that is not final. A recognised model
becomes replicated when another model registers as its replication.
"""

from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    REGISTERED = "registered", "Đăng ký"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    EFFECTIVE = "effective", "Có hiệu quả"
    RECOGNISED = "recognised", "Được công nhận"
    REPLICATED = "replicated", "Đã nhân rộng"
    STOPPED = "stopped", "Dừng thực hiện"


ALLOWED: dict[str, frozenset[str]] = {
    Status.REGISTERED: frozenset({Status.IN_PROGRESS, Status.STOPPED}),
    Status.IN_PROGRESS: frozenset({Status.EFFECTIVE, Status.STOPPED}),
    Status.EFFECTIVE: frozenset({Status.RECOGNISED, Status.STOPPED}),
    Status.RECOGNISED: frozenset({Status.REPLICATED, Status.STOPPED}),
    Status.REPLICATED: frozenset(),
    Status.STOPPED: frozenset(),
}

LABELS: dict[str, str] = dict(Status.choices)

# The path a model follows when all goes well; imports may move a record along it.
PATH: tuple[str, ...] = (
    Status.REGISTERED,
    Status.IN_PROGRESS,
    Status.EFFECTIVE,
    Status.RECOGNISED,
    Status.REPLICATED,
)

# States reached only after an evaluation found the model effective.
EVALUATED: frozenset[str] = frozenset({Status.EFFECTIVE, Status.RECOGNISED, Status.REPLICATED})
# States that need a recognition decision.
DECIDED: frozenset[str] = frozenset({Status.RECOGNISED, Status.REPLICATED})
# Sources another model may replicate: models shown to work.
REPLICABLE: frozenset[str] = frozenset({Status.EFFECTIVE, Status.RECOGNISED, Status.REPLICATED})
