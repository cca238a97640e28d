from django.contrib import admin
from django.urls import include, path

from danvan.api.v1 import api as api_v1


def _superusers_only(request) -> bool:  # type: ignore[no-untyped-def]
    """The Django admin is for superusers only; officials work in danvan's own pages."""
    return bool(request.user.is_active and request.user.is_superuser)


admin.site.has_permission = _superusers_only
admin.site.site_header = "danvan – quản trị hệ thống"
admin.site.site_title = "danvan"

urlpatterns = [
    path("", include("danvan.core.urls")),
    path("", include("danvan.accounts.urls")),
    path("don-vi/", include("danvan.units.urls")),
    path("api/v1/", api_v1.urls_public()),
    path("quan-tri/", admin.site.urls),
]
