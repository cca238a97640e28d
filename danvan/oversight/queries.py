"""Who sees which plans and committees, through accounts.permissions only.

A plan concerns two units: the inspecting body's unit and the subject. Both sides see
it — the planners to run it, the subject (and the levels above it) to know who is
coming, which is the shared calendar DOMAIN.md §4.6 asks for. Only the inspecting side
edits it (actions require `oversight.edit` on `plan.unit`).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from danvan.accounts.permissions import get_for_user, visible

from .models import OversightPlan, PlanQuerySet
from .steering_models import SteeringCommittee, SteeringQuerySet


def plans_for(user: Any, action: str = "oversight.view") -> PlanQuerySet:
    """Plans the user may see: by the inspecting unit or by the subject unit."""
    qs = OversightPlan.objects.all()
    return visible(user, qs, action) | visible(user, qs, action, unit_field="match_unit")  # type: ignore[return-value]


def plan_for_user(user: Any, code: Any) -> OversightPlan:
    """One visible plan, or 404 whether it is missing or hidden."""
    try:
        return (
            plans_for(user)
            .select_related(
                "unit", "body", "subject_unit", "subject_body", "match_unit", "created_by"
            )
            .get(code=code)
        )
    except (OversightPlan.DoesNotExist, ValueError) as e:
        raise Http404("Không tìm thấy.") from e


def committees_for(user: Any, action: str = "steering.view") -> SteeringQuerySet:
    return visible(user, SteeringCommittee.objects.all(), action)  # type: ignore[return-value]


def committee_for_user(user: Any, code: Any) -> SteeringCommittee:
    return get_for_user(
        user,
        SteeringCommittee.objects.select_related(
            "unit", "party_body", "standing_body", "body", "predecessor"
        ),
        "steering.view",
        code=code,
    )
