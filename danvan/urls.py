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
    path("mo-hinh/", include("danvan.practices.urls")),
    path("don-thu/", include("danvan.petitions.urls")),
    path("hoat-dong/", include("danvan.engagements.urls")),
    path("lich-lam-viec/", include("danvan.workcalendar.urls")),
    path("nhap-tep/", include("danvan.imports.urls")),
    path("can-bo/", include("danvan.people.urls")),
    path("van-ban/", include("danvan.directives.urls")),
    path("hoi-nghi/", include("danvan.conferences.urls")),
    path("nhiem-vu/", include("danvan.followups.urls")),
    path("thi-dua/", include("danvan.emulation.urls")),
    path("kiem-tra-giam-sat/", include("danvan.oversight.urls")),
    path("bao-cao/", include("danvan.reporting.urls")),
    path("doc-tin/", include("danvan.ingest.urls")),
    path("api/v1/", api_v1.urls_public()),
    path("quan-tri/", admin.site.urls),
]
