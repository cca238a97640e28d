"""API authentication: a bearer token for scripts, or the browser session."""

from __future__ import annotations

from django.utils import timezone
from ninja.security import APIKeyCookie, HttpBearer

from danvan.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    """`Authorization: Bearer dv_…`; tokens are issued on the account page."""

    def authenticate(self, request, token: str):  # type: ignore[no-untyped-def]
        row = (
            ApiToken.objects.select_related("user")
            .filter(digest=ApiToken.digest_of(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if row is None:
            return None
        now = timezone.now()
        if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.user
        return row.user


class SessionAuth(APIKeyCookie):
    """The logged-in browser session, with CSRF checks on unsafe methods."""

    param_name = "sessionid"

    def authenticate(self, request, key):  # type: ignore[no-untyped-def]
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


AUTH = [TokenAuth(), SessionAuth()]
