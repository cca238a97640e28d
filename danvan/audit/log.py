"""Writing audit rows. Every action calls `record` inside its transaction."""

from __future__ import annotations

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import models

from .models import AuditEvent, Channel

# verb → Vietnamese label for history timelines; each app's actions module adds its own.
VERB_LABELS: dict[str, str] = {
    "accounts.create_user": "Tạo tài khoản",
    "accounts.grant_role": "Giao vai trò",
    "accounts.revoke_role": "Thu hồi vai trò",
    "accounts.change_password": "Đổi mật khẩu",
    "accounts.issue_token": "Tạo mã truy cập API",
    "accounts.revoke_token": "Thu hồi mã truy cập API",
    "accounts.login": "Đăng nhập",
    "accounts.login_failed": "Đăng nhập không thành công",
    "units.load": "Nạp đơn vị hành chính",
}


@dataclass(frozen=True, slots=True)
class Origin:
    channel: str = Channel.SYSTEM
    ip: str | None = None


_DEFAULT_ORIGIN = Origin()
_origin: contextvars.ContextVar[Origin] = contextvars.ContextVar(
    "audit_origin", default=_DEFAULT_ORIGIN
)


@contextmanager
def origin(channel: str, ip: str | None = None):  # type: ignore[no-untyped-def]
    """Mark every audit row written inside the block as coming from `channel`."""
    token = _origin.set(Origin(channel, ip))
    try:
        yield
    finally:
        _origin.reset(token)


def record(
    actor: Any,
    verb: str,
    target: models.Model | None = None,
    *,
    unit: Any = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    here = _origin.get()
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=actor_obj,
        actor_name=actor_obj.get_username() if actor_obj else "hệ thống",
        verb=verb,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        unit=unit,
        channel=here.channel,
        ip=here.ip,
        data=data or {},
    )


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields that changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
