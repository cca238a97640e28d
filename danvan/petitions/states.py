"""The lifecycle of a petition (đơn), DOMAIN.md §3.2.

received → classified → accepted (thụ lý) / forwarded to the competent body / not
accepted (with a reason) → being resolved, possibly suspended and resumed (the clock
restarts on resumption) → resolved (with an outcome); withdrawn from any open state.
Forwarded, not accepted, resolved and withdrawn are final: the petition is *handled*
(đã xử lý) on that date, which is what period statistics count.
"""

from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    RECEIVED = "received", "Đã tiếp nhận"
    CLASSIFIED = "classified", "Đã phân loại"
    ACCEPTED = "accepted", "Đã thụ lý"
    FORWARDED = "forwarded", "Đã chuyển đơn"
    REJECTED = "rejected", "Không thụ lý"
    IN_PROGRESS = "in_progress", "Đang giải quyết"
    SUSPENDED = "suspended", "Tạm đình chỉ"
    RESOLVED = "resolved", "Đã giải quyết"
    WITHDRAWN = "withdrawn", "Đã rút đơn"


ALLOWED: dict[str, frozenset[str]] = {
    Status.RECEIVED: frozenset({Status.CLASSIFIED, Status.WITHDRAWN}),
    Status.CLASSIFIED: frozenset(
        {Status.ACCEPTED, Status.FORWARDED, Status.REJECTED, Status.WITHDRAWN}
    ),
    Status.ACCEPTED: frozenset(
        {Status.IN_PROGRESS, Status.SUSPENDED, Status.RESOLVED, Status.WITHDRAWN}
    ),
    Status.IN_PROGRESS: frozenset({Status.SUSPENDED, Status.RESOLVED, Status.WITHDRAWN}),
    Status.SUSPENDED: frozenset({Status.IN_PROGRESS, Status.WITHDRAWN}),
    Status.FORWARDED: frozenset(),
    Status.REJECTED: frozenset(),
    Status.RESOLVED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}

LABELS: dict[str, str] = dict(Status.choices)

# Final states: the petition is handled (đã xử lý) on the date it reached one.
FINISHED: frozenset[str] = frozenset(
    {Status.FORWARDED, Status.REJECTED, Status.RESOLVED, Status.WITHDRAWN}
)
OPEN: frozenset[str] = frozenset(set(Status.values) - FINISHED)

# Verbs on the buttons that move a petition into each state.
ACTION_LABELS: dict[str, str] = {
    Status.CLASSIFIED: "Phân loại",
    Status.ACCEPTED: "Thụ lý",
    Status.FORWARDED: "Chuyển đơn",
    Status.REJECTED: "Không thụ lý",
    Status.IN_PROGRESS: "Giải quyết",
    Status.SUSPENDED: "Tạm đình chỉ",
    Status.RESOLVED: "Kết thúc giải quyết",
    Status.WITHDRAWN: "Rút đơn",
}

# The order an import may walk a petition along (the usual path to resolution).
PATH: tuple[str, ...] = (
    Status.RECEIVED,
    Status.CLASSIFIED,
    Status.ACCEPTED,
    Status.IN_PROGRESS,
    Status.RESOLVED,
)
