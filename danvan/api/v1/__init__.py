"""danvan REST API, version 1: /api/v1/. Schema at /api/v1/openapi.json, docs at /api/v1/docs."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.renderers import JSONRenderer

from danvan.api.auth import AUTH
from danvan.core.lifecycle import InvalidTransition

from . import (
    conferences,
    deadlines,
    directives,
    emulation,
    engagements,
    followups,
    ingest,
    me,
    oversight,
    people,
    petitions,
    practices,
    reporting,
    units,
    users,
)


class Utf8Renderer(JSONRenderer):
    """Vietnamese stays readable in responses instead of \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=Utf8Renderer(),
    title="danvan API",
    version="1",
    description="API của danvan: đơn vị hành chính, người dùng, (sau này) hồ sơ và báo cáo. "
    "Đơn vị và quan hệ kế thừa là dữ liệu công khai; các mục khác cần mã truy cập "
    "(Authorization: Bearer …) hoặc phiên đăng nhập.",
    auth=AUTH,
    urls_namespace="api-v1",
)
api.add_router("/units", units.router)
api.add_router("/me", me.router)
api.add_router("/users", users.router)
api.add_router("/practices", practices.router)
api.add_router("/petitions", petitions.router)
api.add_router("/engagements", engagements.router)
api.add_router("/deadlines", deadlines.router)
api.add_router("/people", people.router)
api.add_router("/directives", directives.router)
api.add_router("/conferences", conferences.router)
api.add_router("/followups", followups.router)
api.add_router("/emulation", emulation.router)
api.add_router("/oversight", oversight.router)
api.add_router("/reporting", reporting.router)
api.add_router("/ingest", ingest.router)


def _error(request, message: str, status: int, **extra):  # type: ignore[no-untyped-def]
    return api.create_response(request, {"detail": message, **extra}, status=status)


@api.exception_handler(NinjaValidationError)
def on_validation(request, exc):  # type: ignore[no-untyped-def]
    return _error(request, "Dữ liệu gửi lên không hợp lệ.", 422, errors=exc.errors)


@api.exception_handler(AuthenticationError)
def on_auth(request, exc):  # type: ignore[no-untyped-def]
    return _error(request, "Cần đăng nhập hoặc mã truy cập hợp lệ.", 401)


@api.exception_handler(PermissionDenied)
def on_denied(request, exc):  # type: ignore[no-untyped-def]
    return _error(request, str(exc) or "Không có quyền.", 403)


@api.exception_handler(Http404)
def on_missing(request, exc):  # type: ignore[no-untyped-def]
    return _error(request, "Không tìm thấy.", 404)


@api.exception_handler(ValidationError)
def on_django_validation(request, exc):  # type: ignore[no-untyped-def]
    return _error(request, "; ".join(exc.messages), 400)


@api.exception_handler(InvalidTransition)
def on_invalid_transition(request, exc):  # type: ignore[no-untyped-def]
    return _error(request, str(exc), 400)


@api.exception_handler(HttpError)
def on_http_error(request, exc):  # type: ignore[no-untyped-def]
    return _error(request, str(exc), exc.status_code)


def urls_public():  # type: ignore[no-untyped-def]
    """The API's URLconf, exempt from LoginRequiredMiddleware: ninja checks auth itself."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if hasattr(pattern, "callback"):
            login_not_required(pattern.callback)
    return patterns, app_name, namespace


api.urls_public = urls_public  # type: ignore[attr-defined]
