"""Who may do what, and where. The only module that reasons about roles.

A role granted on a unit covers that unit and every unit below it (its subtree in
the closure table) and nothing else. Since 1 July 2025 a unit also answers for the
history of the units it succeeded: a role on today's Quảng Ninh covers the
pre-2025 Quảng Ninh and its districts and communes; a role on today's Phường Hạ
Long covers the old wards it was formed from, not the whole old city.

Roles are cumulative (viewer < editor < approver < admin); every action names the
least role it needs in ACTION_ROLES. Views, API endpoints, commands and actions all
ask here, through `can`, `require`, `scope`, `visible` or `get_for_user`.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from danvan.units.models import Lineage, Unit, UnitClosure

from .models import Role, RoleGrant

ROLE_RANK: dict[str, int] = {Role.VIEWER: 1, Role.EDITOR: 2, Role.APPROVER: 3, Role.ADMIN: 4}

# action → the least role that allows it.
ACTION_ROLES: dict[str, str] = {
    "accounts.view_users": Role.VIEWER,
    "accounts.manage_users": Role.ADMIN,
    "accounts.grant_role": Role.ADMIN,
    "audit.view": Role.APPROVER,
    # "Dân vận khéo" models: register and update, evaluate and recognise.
    "practices.view": Role.VIEWER,
    "practices.edit": Role.EDITOR,
    "practices.evaluate": Role.APPROVER,
    # Petitions and cases. Identities of denouncers are protected by law (Luật Tố cáo):
    # only approvers see them, and every such read is audited.
    "petitions.view": Role.VIEWER,
    "petitions.edit": Role.EDITOR,
    "petitions.view_identity": Role.APPROVER,
    # Citizen reception, dialogues, meetings.
    "engagements.view": Role.VIEWER,
    "engagements.edit": Role.EDITOR,
    # Rule tables and the working-day calendar: administrators (of the nation, in practice).
    "rules.manage": Role.ADMIN,
    # Imports run the record type's own edit action row by row; this only opens the page.
    "imports.run": Role.EDITOR,
    # Officials and their positions (public officials' names and posts); merging duplicates
    # rewrites references, so it needs an approver.
    "people.view": Role.VIEWER,
    "people.edit": Role.EDITOR,
    "people.merge": Role.APPROVER,
    # The directive registry. Published documents are readable by every official with a
    # role anywhere; editing a document needs the role on its issuing unit.
    "directives.view": Role.VIEWER,
    "directives.edit": Role.EDITOR,
    # Conferences and the key tasks they set.
    "conferences.view": Role.VIEWER,
    "conferences.edit": Role.EDITOR,
    "followups.view": Role.VIEWER,
    "followups.edit": Role.EDITOR,
    # Emulation pledges and commendations; deciding a commendation needs an approver.
    "emulation.view": Role.VIEWER,
    "emulation.edit": Role.EDITOR,
    "emulation.decide": Role.APPROVER,
    # Steering committees, inspection and supervision plans.
    "steering.view": Role.VIEWER,
    "steering.edit": Role.EDITOR,
    "oversight.view": Role.VIEWER,
    "oversight.edit": Role.EDITOR,
    # Reports: a unit's editors draft and submit its report; the upper level's approvers
    # (an approver on the report's parent unit) approve or return it.
    "reporting.view": Role.VIEWER,
    "reporting.edit": Role.EDITOR,
    "reporting.approve": Role.APPROVER,
    # Reading news articles into drafts; confirming a draft writes records through the
    # record types' own actions, which check their own permissions.
    "ingest.use": Role.EDITOR,
}

M = TypeVar("M", bound=Model)


class _System:
    """The actor for command-line loads and migrations: allowed everything, audited as 'hệ thống'."""

    is_active = True
    is_superuser = True
    is_authenticated = False
    pk = None

    def __str__(self) -> str:
        return "hệ thống"


SYSTEM = _System()


class NotPermitted(PermissionDenied):
    """Raised by `require`; its message is shown to the user."""


def roles_allowing(action: str) -> list[str]:
    try:
        least = ROLE_RANK[ACTION_ROLES[action]]
    except KeyError as e:
        raise ValueError(f"Unknown action {action!r}: add it to ACTION_ROLES") from e
    return [role for role, rank in ROLE_RANK.items() if rank >= least]


def _is_staff_everywhere(user: Any) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


def root_ids(user: Any, action: str) -> frozenset[int]:
    """Units whose subtrees the user may act on: granted units and their predecessors.

    Cached on the user object, so once per request.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cache: dict[str, frozenset[int]] = user.__dict__.setdefault("_danvan_roots", {})
    if action not in cache:
        granted = set(
            RoleGrant.objects.active()
            .filter(user=user, role__in=roles_allowing(action))
            .values_list("unit_id", flat=True)
        )
        inherited = set(
            Lineage.objects.filter(successor_id__in=granted).values_list(
                "predecessor_id", flat=True
            )
        )
        cache[action] = frozenset(granted | inherited)
    return cache[action]


def scope(user: Any, action: str) -> QuerySet[Unit]:
    """Every unit where `user` may do `action` (empty for no grants, never 'all')."""
    if _is_staff_everywhere(user):
        roles_allowing(action)  # still reject unknown actions
        return Unit.objects.all()
    roots = root_ids(user, action)
    return Unit.objects.filter(
        pk__in=UnitClosure.objects.filter(ancestor_id__in=roots).values("descendant_id")
    )


def can(user: Any, action: str, unit: Unit | None) -> bool:
    if unit is None:
        return _is_staff_everywhere(user)
    if _is_staff_everywhere(user):
        roles_allowing(action)
        return True
    roots = root_ids(user, action)
    return (
        bool(roots) and UnitClosure.objects.filter(ancestor_id__in=roots, descendant=unit).exists()
    )


def require(user: Any, action: str, unit: Unit | None) -> None:
    if not can(user, action, unit):
        raise NotPermitted("Bạn không có quyền thực hiện thao tác này tại đơn vị này.")


def visible(user: Any, qs: QuerySet[M], action: str, unit_field: str = "unit") -> QuerySet[M]:
    """Rows of `qs` whose `unit_field` lies in the user's scope for `action`."""
    if _is_staff_everywhere(user):
        roles_allowing(action)
        return qs
    return qs.filter(**{f"{unit_field}__in": scope(user, action)})


def get_for_user(
    user: Any, qs: QuerySet[M], action: str, unit_field: str = "unit", **lookup: Any
) -> M:
    """One row, or 404 whether it is missing or not the user's: hidden looks like missing."""
    try:
        return visible(user, qs, action, unit_field).get(**lookup)
    except qs.model.DoesNotExist as e:
        raise Http404("Không tìm thấy.") from e


def can_anywhere(user: Any, action: str) -> bool:
    return _is_staff_everywhere(user) or bool(root_ids(user, action))


def grantable_roles(user: Any, unit: Unit) -> list[str]:
    """Roles `user` may hand out on `unit`: never above their own."""
    if _is_staff_everywhere(user):
        return list(ROLE_RANK)
    if not can(user, "accounts.grant_role", unit):
        return []
    return [Role.VIEWER, Role.EDITOR, Role.APPROVER, Role.ADMIN]
