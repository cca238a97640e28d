from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from danvan.accounts.models import RoleGrant
from danvan.units.models import Level, Unit


def home(request: HttpRequest) -> HttpResponse:
    """The user's unit at a glance: where they work, their roles, what lies below."""
    user = request.user
    grants = list(RoleGrant.objects.active().filter(user=user).select_related("unit__parent"))
    home_unit = user.body.unit if user.body_id else (grants[0].unit if grants else None)
    below = {}
    if home_unit is not None:
        subtree = Unit.objects.subtree_of(home_unit).exclude(pk=home_unit.pk)
        if home_unit.is_current:
            subtree = subtree.current()
        below = {
            Level(level).label: subtree.filter(level=level).count()
            for level in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)
        }
        below = {k: v for k, v in below.items() if v}
    return render(
        request, "core/home.html", {"grants": grants, "home_unit": home_unit, "below": below}
    )


@login_not_required
def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
