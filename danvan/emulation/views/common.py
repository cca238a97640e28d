"""The emulation landing page and the htmx pickers for people and collectives."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.vary import vary_on_headers

from danvan.accounts import permissions
from danvan.core.search import matching_words
from danvan.people.models import Person
from danvan.units.models import Body

from ..models import Commendation, EligibilityRule
from ..queries import visible_pledges
from ..states import CommendationStatus

PICKER_LIMIT = 15


def require_view_anywhere(request: HttpRequest) -> None:
    if not permissions.can_anywhere(request.user, "emulation.view"):
        raise PermissionDenied(
            "Bạn chưa được giao vai trò ở đơn vị nào nên không xem được mục thi đua, khen thưởng."
        )


def index(request: HttpRequest) -> HttpResponse:
    require_view_anywhere(request)
    commendations = permissions.visible(request.user, Commendation.objects.all(), "emulation.view")
    by_status = dict(commendations.values_list("status").annotate(n=Count("pk")).order_by())
    context = {
        "pledge_count": visible_pledges(request.user).count(),
        "commendation_count": sum(by_status.values()),
        "open_count": by_status.get(CommendationStatus.PROPOSED, 0)
        + by_status.get(CommendationStatus.REVIEWING, 0),
        "rule_count": EligibilityRule.objects.filter(enabled=True).count(),
        "can_edit": permissions.can_anywhere(request.user, "emulation.edit"),
    }
    return render(request, "emulation/index.html", context)


@vary_on_headers("HX-Request")
def pick_person(request: HttpRequest) -> HttpResponse:
    """Search people by name (no diacritics needed), or show the chosen person (?chon=code)."""
    if not permissions.can_anywhere(request.user, "people.view"):
        raise PermissionDenied("Không có quyền xem danh sách cán bộ.")
    chosen = request.GET.get("chon", "").strip()
    if chosen:
        person = (
            Person.objects.active().filter(code=chosen).prefetch_related("positions").first()
            if _is_uuid(chosen)
            else None
        )
        return render(request, "emulation/partials/_person_picker.html", {"chosen": person})
    query = request.GET.get("person_q", "").strip()
    if not query:
        return render(request, "emulation/partials/_person_picker.html", {})
    people = list(
        Person.objects.active().search(query).prefetch_related("positions")[:PICKER_LIMIT]
    )
    return render(
        request, "emulation/partials/_person_results.html", {"people": people, "query": query}
    )


@vary_on_headers("HX-Request")
def pick_collective(request: HttpRequest) -> HttpResponse:
    """Search bodies by name (no diacritics needed), or show the chosen one (?chon=id)."""
    require_view_anywhere(request)
    chosen = request.GET.get("chon", "").strip()
    if chosen:
        body = (
            Body.objects.select_related("unit").filter(pk=chosen).first()
            if chosen.isdigit()
            else None
        )
        return render(request, "emulation/partials/_collective_picker.html", {"chosen": body})
    query = request.GET.get("collective_q", "").strip()
    if not query:
        return render(request, "emulation/partials/_collective_picker.html", {})
    bodies = Body.objects.select_related("unit")
    bodies = matching_words(bodies, query)
    bodies = list(bodies.order_by(F("valid_to").desc(nulls_first=True), "name")[:PICKER_LIMIT])
    return render(
        request, "emulation/partials/_collective_results.html", {"bodies": bodies, "query": query}
    )


def _is_uuid(text: str) -> bool:
    import uuid

    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True
