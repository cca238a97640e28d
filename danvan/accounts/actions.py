"""Every change to accounts: permission check, change, audit row, one transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from danvan.audit.log import record
from danvan.lib.text import nfc
from danvan.units.models import Body, Unit

from .models import ApiToken, LoginFailure, Role, RoleGrant, User
from .permissions import require


class AccountError(ValueError):
    """A domain error with a message for the user."""


@transaction.atomic
def create_user(
    *,
    by: Any,
    username: str,
    password: str,
    full_name: str,
    body: Body,
    position: str = "",
    role: str | None = None,
    email: str = "",
    validate: bool = True,
) -> User:
    """An administrator of the body's unit (or above) adds a colleague."""
    require(by, "accounts.manage_users", body.unit)
    username = nfc(username).lower()
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError("Tên đăng nhập đã được dùng.")
    user = User(
        username=username, full_name=nfc(full_name), position=nfc(position), body=body, email=email
    )
    if validate:  # only the demo loader skips the strength rules, for a memorable password
        validate_password(password, user)
    user.set_password(password)
    user.save()
    record(by, "accounts.create_user", user, unit=body.unit, data={"body": body.name})
    if role:
        grant_role(by=by, user=user, unit=body.unit, role=role)
    return user


@transaction.atomic
def grant_role(*, by: Any, user: User, unit: Unit, role: str) -> RoleGrant:
    require(by, "accounts.grant_role", unit)
    if role not in Role.values:
        raise AccountError("Vai trò không hợp lệ.")
    grant, created = RoleGrant.objects.get_or_create(
        user=user,
        unit=unit,
        role=role,
        revoked_at=None,
        defaults={"granted_by": by if getattr(by, "pk", None) else None},
    )
    if created:
        record(by, "accounts.grant_role", user, unit=unit, data={"role": role, "unit": unit.key})
    return grant


@transaction.atomic
def revoke_role(*, by: Any, grant: RoleGrant) -> RoleGrant:
    require(by, "accounts.grant_role", grant.unit)
    grant = RoleGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.revoked_at is None:
        grant.revoked_at = timezone.now()
        grant.save(update_fields=["revoked_at"])
        record(
            by,
            "accounts.revoke_role",
            grant.user,
            unit=grant.unit,
            data={"role": grant.role, "unit": grant.unit.key},
        )
    return grant


@transaction.atomic
def change_password(*, by: User, old_password: str, new_password: str) -> None:
    """A user changes their own password; the old one must be right."""
    if not by.check_password(old_password):
        raise AccountError("Mật khẩu hiện tại không đúng.")
    validate_password(new_password, by)
    by.set_password(new_password)
    by.save(update_fields=["password"])
    record(by, "accounts.change_password", by)


@transaction.atomic
def issue_token(*, by: User, name: str) -> tuple[ApiToken, str]:
    """A new API token for the user themself; the secret is returned once, never stored."""
    name = nfc(name)
    if not name:
        raise AccountError("Hãy đặt tên gợi nhớ cho mã truy cập.")
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(
        user=by, name=name, prefix=secret[:10], digest=ApiToken.digest_of(secret)
    )
    record(by, "accounts.issue_token", token)
    return token, secret


@transaction.atomic
def revoke_token(*, by: User, token: ApiToken) -> None:
    if token.user_id != by.pk:
        raise AccountError("Không tìm thấy mã truy cập.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(by, "accounts.revoke_token", token)


def _window_start() -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)


def is_locked(username: str) -> bool:
    key = nfc(username).lower()
    recent = LoginFailure.objects.filter(username=key, at__gte=_window_start()).count()
    return recent >= settings.LOGIN_FAILURE_LIMIT


@transaction.atomic
def note_login_failure(*, username: str, ip: str | None) -> bool:
    """Record a failed login; True when this failure locks the account name."""
    key = nfc(username).lower()[:150]
    LoginFailure.objects.create(username=key, ip=ip)
    locked = is_locked(key)
    user = User.objects.filter(username__iexact=key).first()
    record(None, "accounts.login_failed", user, data={"username": key, "locked": locked})
    return locked


@transaction.atomic
def note_login(*, user: User) -> None:
    """A successful login clears the user's failures."""
    LoginFailure.objects.filter(username=user.username.lower()).delete()
    record(user, "accounts.login", user)
