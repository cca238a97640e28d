"""Lifecycles of emulation pledges and commendation proposals (DOMAIN.md §4.4).

Pledge (giao ước thi đua): draft → signed (at the year review) → scored (end-of-year
scoring closed, ranking final); a draft or signed pledge may be cancelled.

Commendation (khen thưởng): proposed → under review → decided (decision number, date,
awarding body) or rejected (with a reason); a proposal under review may be returned
to the proposer, and a proposal may be rejected before review.
"""

from __future__ import annotations

from django.db import models


class PledgeStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SIGNED = "signed", "Đã ký kết"
    SCORED = "scored", "Đã chấm điểm, tổng kết"
    CANCELLED = "cancelled", "Hủy"


PLEDGE_ALLOWED: dict[str, frozenset[str]] = {
    PledgeStatus.DRAFT: frozenset({PledgeStatus.SIGNED, PledgeStatus.CANCELLED}),
    PledgeStatus.SIGNED: frozenset({PledgeStatus.SCORED, PledgeStatus.CANCELLED}),
    PledgeStatus.SCORED: frozenset({PledgeStatus.SIGNED}),  # reopen scoring, with a note
    PledgeStatus.CANCELLED: frozenset(),
}
PLEDGE_LABELS: dict[str, str] = dict(PledgeStatus.choices)
# Criteria and participants can change only before signing.
PLEDGE_EDITABLE: frozenset[str] = frozenset({PledgeStatus.DRAFT})
# Scores are entered after signing, until scoring is closed.
PLEDGE_SCORABLE: frozenset[str] = frozenset({PledgeStatus.SIGNED})


class CommendationStatus(models.TextChoices):
    PROPOSED = "proposed", "Đề nghị"
    REVIEWING = "reviewing", "Đang xét"
    DECIDED = "decided", "Đã quyết định khen thưởng"
    REJECTED = "rejected", "Không khen thưởng"


COMMENDATION_ALLOWED: dict[str, frozenset[str]] = {
    CommendationStatus.PROPOSED: frozenset(
        {CommendationStatus.REVIEWING, CommendationStatus.REJECTED}
    ),
    CommendationStatus.REVIEWING: frozenset(
        {CommendationStatus.DECIDED, CommendationStatus.REJECTED, CommendationStatus.PROPOSED}
    ),
    CommendationStatus.DECIDED: frozenset(),
    CommendationStatus.REJECTED: frozenset(),
}
COMMENDATION_LABELS: dict[str, str] = dict(CommendationStatus.choices)
COMMENDATION_OPEN: frozenset[str] = frozenset(
    {CommendationStatus.PROPOSED, CommendationStatus.REVIEWING}
)
