"""GET /api/v1/me: who the token or session belongs to, and their roles."""

from ninja import Router

from danvan.accounts.models import RoleGrant, User

from .schemas import UserOut

router = Router(tags=["accounts"])


def user_dict(user: User, grants: list[RoleGrant] | None = None) -> dict:
    if grants is None:
        grants = list(RoleGrant.objects.active().filter(user=user).select_related("unit"))
    return {
        "username": user.username,
        "full_name": user.full_name,
        "position": user.position,
        "body": user.body.name if user.body_id else None,
        "unit": user.body.unit if user.body_id else None,
        "roles": [{"unit": g.unit, "role": g.role} for g in grants],
    }


@router.get("", response=UserOut, summary="The current user")
def me(request):  # type: ignore[no-untyped-def]
    user = request.auth
    return user_dict(User.objects.select_related("body__unit").get(pk=user.pk))
