"""GET /api/v1/users: users of the units the caller may see (scoped by permissions)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from danvan.accounts import permissions
from danvan.accounts.models import RoleGrant, User
from danvan.units.models import Unit

from .me import user_dict
from .schemas import UserOut

router = Router(tags=["accounts"])


class UserFilters(Schema):
    unit: str | None = Field(None, description="Unit key: that unit's subtree only")


@router.get("", response=list[UserOut], summary="Users in the caller's scope")
@paginate(LimitOffsetPagination)
def list_users(request, filters: Query[UserFilters]):  # type: ignore[no-untyped-def]
    user = request.auth
    users = permissions.visible(
        user, User.objects.filter(is_active=True), "accounts.view_users", "body__unit"
    )
    if filters.unit:
        unit = get_object_or_404(Unit, key=filters.unit)
        permissions.get_for_user(
            user, Unit.objects, "accounts.view_users", unit_field="pk", pk=unit.pk
        )
        users = users.filter(body__unit__in=Unit.objects.subtree_of(unit))
    users = (
        users.select_related("body__unit")
        .prefetch_related(
            Prefetch(
                "grants",
                queryset=RoleGrant.objects.active().select_related("unit"),
                to_attr="active_grants",
            )
        )
        .order_by("username")
    )
    return [user_dict(u, u.active_grants) for u in users]
