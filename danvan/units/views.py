"""Public pages: the unit browser and unit search. Units and lineage are public facts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.vary import vary_on_headers

from danvan.lib.text import fold

from . import lineage
from .models import LAST_LEGACY_DATE, Body, BodyKind, Level, Unit
from .search import search_units

LEGACY = "truoc-2025"
# The order officials list organisations in: Party, mass mobilisation, State, Front, organisations.
BODY_ORDER = [
    BodyKind.PARTY_COMMITTEE, BodyKind.MASS_MOBILIZATION, BodyKind.PEOPLES_COUNCIL, BodyKind.PEOPLES_COMMITTEE,
    BodyKind.FATHERLAND_FRONT, BodyKind.TRADE_UNION, BodyKind.FARMERS_UNION, BodyKind.WOMENS_UNION,
    BodyKind.YOUTH_UNION, BodyKind.VETERANS, BodyKind.STEERING_COMMITTEE, BodyKind.PARTY_BLOC, BodyKind.OTHER,
]


def body_rank(body: Body) -> tuple[int, str]:
    return (BODY_ORDER.index(body.kind) if body.kind in BODY_ORDER else len(BODY_ORDER), body.name)
SEARCH_LIMIT = 30


def _structure(request: HttpRequest) -> str:
    return LEGACY if request.GET.get("cau-truc") == LEGACY else "hien-hanh"


@login_not_required
def index(request: HttpRequest) -> HttpResponse:
    target = Unit.objects.filter(level=Level.NATION).first()
    if target is None:
        return render(request, "units/empty.html", status=200)
    url = target.get_absolute_url()
    if _structure(request) == LEGACY:
        url += f"?cau-truc={LEGACY}"
    return redirect(url)


def _children(unit: Unit, structure: str, query: str = ""):  # type: ignore[no-untyped-def]
    children = unit.children.all()
    if unit.level == Level.NATION:
        children = children.legacy() if structure == LEGACY else children.current()
    words = fold(query).split()
    for word in words:
        children = children.filter(search_key__contains=word)
    return children.order_by("code")


@login_not_required
@vary_on_headers("HX-Request")
def detail(request: HttpRequest, key: str) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("parent"), key=key)
    structure = (
        _structure(request)
        if unit.level == Level.NATION
        else (LEGACY if unit.valid_to else "hien-hanh")
    )
    query = request.GET.get("q", "")
    children = _children(unit, structure, query)
    if request.htmx and request.htmx.target == "children":
        return render(
            request, "units/partials/_children.html", {"unit": unit, "children": children}
        )
    on = unit.valid_to or timezone.localdate()
    context = {
        "unit": unit,
        "ancestors": unit.ancestors(),
        "children": children,
        "children_query": query,
        "structure": structure,
        "legacy_param": LEGACY,
        "bodies_now": sorted(Body.objects.filter(unit=unit).valid_on(on), key=body_rank),
        "bodies_past": Body.objects.filter(unit=unit).exclude(
            pk__in=Body.objects.filter(unit=unit).valid_on(on)
        ),
        "successors": lineage.successors(unit),
        "predecessors": lineage.predecessors(unit),
        "predecessor_districts": lineage.predecessor_districts(unit)
        if unit.level == Level.COMMUNE and unit.is_current
        else [],
        "last_legacy_date": LAST_LEGACY_DATE,
    }
    return render(request, "units/detail.html", context)


@login_not_required
@vary_on_headers("HX-Request")
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    results = (
        list(search_units(query).select_related("parent__parent")[:SEARCH_LIMIT]) if query else []
    )
    succ = lineage.successor_map([u for u in results if not u.is_current])
    rows = [{"unit": u, "successors": succ.get(u.pk, [])} for u in results]
    context = {"query": query, "rows": rows, "limit": SEARCH_LIMIT}
    template = "units/partials/_search_results.html" if request.htmx else "units/search.html"
    return render(request, template, context)
