"""Pages for officials and their positions: list, detail, edit, positions, merge, picker."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from danvan.accounts import permissions
from danvan.audit.history import history
from danvan.units.models import Body, Lineage, Unit
from danvan.units.search import search_units

from . import actions
from .forms import (
    EndPositionForm,
    MergeForm,
    NewPersonForm,
    PersonFilterForm,
    PersonForm,
    PositionForm,
)
from .models import CAREER_ORDER, RECENT_ORDER, Person, Position
from .queries import (
    can_edit_person,
    can_merge,
    duplicate_suggestions,
    get_person_for_user,
    get_position_for_user,
    merge_preview,
    referencing_records,
)

PAGE_SIZE = 50
PICKER_LIMIT = 15


def _require_view(request: HttpRequest) -> None:
    if not permissions.can_anywhere(request.user, "people.view"):
        raise PermissionDenied(
            "Bạn chưa được giao vai trò ở đơn vị nào nên không xem được danh sách cán bộ."
        )


def _territory(unit: Unit) -> Any:
    """A unit's subtree and, for a unit formed in 2025, its predecessors' subtrees."""
    roots = [
        unit.pk,
        *Lineage.objects.filter(successor=unit).values_list("predecessor_id", flat=True),
    ]
    return Unit.objects.subtree_of(*roots)


# --- list ----------------------------------------------------------------------------


@vary_on_headers("HX-Request")
def person_list(request: HttpRequest) -> HttpResponse:
    _require_view(request)
    form = PersonFilterForm.from_query(request.GET)
    valid = form.is_valid()
    qs = Person.objects.active()
    day = None
    if valid:
        data = form.cleaned_data
        day, unit = data.get("ngay"), data.get("don_vi")
        units = _territory(unit) if unit else None
        if data.get("q"):
            qs = qs.search(data["q"])
        if day:
            qs = qs.holding_on(day, units)
        elif units is not None:
            qs = qs.in_units(units)
    positions = Position.objects.select_related("body", "unit").order_by(*RECENT_ORDER)
    if day:
        positions = positions.valid_on(day)
    qs = qs.order_by("search_key", "pk").prefetch_related(
        Prefetch("positions", queryset=positions, to_attr="shown_positions")
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "day": day,
        "query": request.GET.urlencode(),
        "can_edit": permissions.can_anywhere(request.user, "people.edit"),
        "today": timezone.localdate(),
    }
    template = "people/partials/_rows.html" if request.htmx else "people/list.html"
    return render(request, template, context, status=200 if valid else 400)


# --- detail --------------------------------------------------------------------------


def _timeline(positions: list[Position]) -> list[dict[str, Any]]:
    events = []
    for p in positions:
        what = "Bắt đầu giữ chức" if p.valid_from else "Giữ chức (chưa rõ ngày bắt đầu)"
        events.append({"on": p.valid_from, "what": what, "position": p})
        if p.valid_to:
            events.append({"on": p.valid_to, "what": "Thôi giữ chức", "position": p})
    dated = sorted((e for e in events if e["on"]), key=lambda e: e["on"])
    return dated + [e for e in events if not e["on"]]


def person_detail(request: HttpRequest, code: str) -> HttpResponse:
    person = get_person_for_user(request.user, code)
    if person.is_merged:
        kept = person.final()
        messages.info(request, f"Hồ sơ “{person.full_name}” đã được gộp vào hồ sơ này.")
        return redirect(kept)
    positions = list(person.positions.select_related("body", "unit").order_by(*CAREER_ORDER))
    for p in positions:
        p.editable = permissions.can(request.user, "people.edit", p.unit)  # type: ignore[attr-defined]
    today = timezone.localdate()
    context = {
        "person": person,
        "positions": positions,
        "current": [p for p in positions if p.is_valid_on(today)],
        "timeline": _timeline(positions),
        "references": referencing_records(person, request.user),
        "suggestions": duplicate_suggestions(person),
        "merged_from": list(person.merged_from.all()),
        "can_edit": can_edit_person(request.user, person),
        "can_merge": permissions.can_anywhere(request.user, "people.merge"),
        "events": history(person),
        "today": today,
    }
    return render(request, "people/detail.html", context)


# --- create and edit -----------------------------------------------------------------


def person_new(request: HttpRequest) -> HttpResponse:
    if not permissions.can_anywhere(request.user, "people.edit"):
        raise PermissionDenied("Bạn không có quyền thêm cán bộ.")
    return render(request, "people/form.html", {"form": NewPersonForm(), "new": True})


@require_POST
def person_create(request: HttpRequest) -> HttpResponse:
    form = NewPersonForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            person = actions.create_person(
                by=request.user,
                full_name=d["full_name"],
                gender=d.get("gender") or "",
                birth_year=d.get("birth_year"),
                note=d.get("note") or "",
                position=d.get("position"),
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, f"Đã thêm cán bộ “{person.full_name}”.")
            return redirect(person)
    return render(request, "people/form.html", _picker_context(form, new=True), status=400)


def person_edit(request: HttpRequest, code: str) -> HttpResponse:
    person = get_person_for_user(request.user, code)
    if person.is_merged:
        return redirect(person.final())
    if not can_edit_person(request.user, person):
        raise PermissionDenied("Bạn không có quyền sửa hồ sơ này.")
    form = PersonForm(
        initial={
            "full_name": person.full_name,
            "gender": person.gender,
            "birth_year": person.birth_year,
            "note": person.note,
        }
    )
    return render(request, "people/form.html", {"form": form, "person": person})


@require_POST
def person_update(request: HttpRequest, code: str) -> HttpResponse:
    person = get_person_for_user(request.user, code)
    form = PersonForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            actions.update_person(
                person,
                by=request.user,
                full_name=d["full_name"],
                gender=d.get("gender") or "",
                birth_year=d.get("birth_year"),
                note=d.get("note") or "",
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, "Đã lưu.")
            return redirect(person)
    return render(request, "people/form.html", {"form": form, "person": person}, status=400)


# --- positions -----------------------------------------------------------------------


def _picker_context(form: Any, **extra: Any) -> dict[str, Any]:
    """The unit/body picker shows the chosen unit (and its bodies) after a failed POST."""
    key = (form.data.get("unit") or "").strip() if form.is_bound else ""
    unit = Unit.objects.filter(key=key).first() if key else None
    if unit is None and form.is_bound and str(form.data.get("body") or "").isdigit():
        body = Body.objects.select_related("unit").filter(pk=form.data["body"]).first()
        unit = body.unit if body else None
    context = {"form": form, **extra}
    if unit is not None:
        context["picked_unit"] = unit
        context["picked_bodies"] = Body.objects.filter(unit=unit).order_by("kind", "valid_from")
        body = form.data.get("body") if form.is_bound else None
        context["picked_body"] = int(body) if body and str(body).isdigit() else None
    return context


def position_new(request: HttpRequest, code: str) -> HttpResponse:
    person = get_person_for_user(request.user, code)
    if person.is_merged:
        return redirect(person.final())
    if not permissions.can_anywhere(request.user, "people.edit"):
        raise PermissionDenied("Bạn không có quyền thêm chức vụ.")
    return render(request, "people/position_form.html", {"form": PositionForm(), "person": person})


@require_POST
def position_create(request: HttpRequest, code: str) -> HttpResponse:
    person = get_person_for_user(request.user, code)
    form = PositionForm(request.POST)
    if form.is_valid():
        try:
            actions.add_position(person, form.spec(), by=request.user)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, "Đã thêm chức vụ.")
            return redirect(person)
    return render(
        request, "people/position_form.html", _picker_context(form, person=person), status=400
    )


def position_edit(request: HttpRequest, code: str) -> HttpResponse:
    position = get_position_for_user(request.user, code)
    if not permissions.can(request.user, "people.edit", position.unit):
        raise PermissionDenied("Bạn không có quyền sửa chức vụ này.")
    form = PositionForm(
        initial={
            "title": position.title,
            "valid_from": position.valid_from,
            "valid_to": position.valid_to,
            "source": position.source,
        }
    )
    context = {
        "form": form,
        "person": position.person,
        "position": position,
        "picked_unit": position.unit,
        "picked_bodies": Body.objects.filter(unit=position.unit).order_by("kind", "valid_from"),
        "picked_body": position.body_id,
    }
    return render(request, "people/position_form.html", context)


@require_POST
def position_update(request: HttpRequest, code: str) -> HttpResponse:
    position = get_position_for_user(request.user, code)
    form = PositionForm(request.POST)
    if form.is_valid():
        try:
            actions.update_position(position, form.spec(), by=request.user)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, "Đã lưu chức vụ.")
            return redirect(position.person)
    context = _picker_context(form, person=position.person, position=position)
    return render(request, "people/position_form.html", context, status=400)


@require_POST
def position_end(request: HttpRequest, code: str) -> HttpResponse:
    position = get_position_for_user(request.user, code)
    form = EndPositionForm(request.POST)
    if form.is_valid():
        try:
            actions.end_position(
                position,
                by=request.user,
                valid_to=form.cleaned_data["valid_to"],
                note=form.cleaned_data.get("note") or "",
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, f"Đã ghi ngày thôi giữ chức “{position.title}”.")
            return redirect(position.person)
    context = {"form": form, "person": position.person, "position": position}
    return render(request, "people/end_position.html", context, status=400)


# --- merge ---------------------------------------------------------------------------


def _duplicate_from(request: HttpRequest, person: Person, raw: str | None) -> Person | None:
    if not raw:
        return None
    try:
        other = get_person_for_user(request.user, raw)
    except Http404:  # a bad or hidden code shows as "not found" in the form
        return None
    return None if other.pk == person.pk else other


def merge(request: HttpRequest, code: str) -> HttpResponse:
    """Pick the duplicate, preview what moves, confirm."""
    person = get_person_for_user(request.user, code)
    if person.is_merged:
        return redirect(person.final())
    if not permissions.can_anywhere(request.user, "people.merge"):
        raise PermissionDenied("Gộp hồ sơ cần vai trò phê duyệt.")
    duplicate = _duplicate_from(request, person, request.GET.get("trung"))
    query = request.GET.get("q", "").strip()
    found = (
        list(
            Person.objects.active()
            .search(query)
            .exclude(pk=person.pk)
            .prefetch_related("positions")[:20]
        )
        if query
        else []
    )
    context = {
        "person": person,
        "suggestions": duplicate_suggestions(person),
        "query": query,
        "found": found,
        "duplicate": duplicate,
        "form": MergeForm(initial={"duplicate": duplicate.code if duplicate else None}),
    }
    if duplicate is not None:
        context["preview"] = merge_preview(person, duplicate)
        context["allowed"] = can_merge(request.user, person, duplicate)
    return render(request, "people/merge.html", context)


@require_POST
def merge_confirm(request: HttpRequest, code: str) -> HttpResponse:
    person = get_person_for_user(request.user, code)
    form = MergeForm(request.POST)
    duplicate = None
    if form.is_valid():
        duplicate = _duplicate_from(request, person, str(form.cleaned_data["duplicate"]))
        if duplicate is None:
            form.add_error("duplicate", "Không tìm thấy hồ sơ trùng (hoặc đó chính là hồ sơ này).")
        else:
            try:
                result = actions.merge_people(
                    person, duplicate, by=request.user, note=form.cleaned_data.get("note") or ""
                )
            except ValidationError as e:
                form.add_error(None, e)
            else:
                messages.success(
                    request, f"Đã gộp hồ sơ “{duplicate.full_name}”: {result.summary}."
                )
                return redirect(person)
    context = {
        "person": person,
        "suggestions": duplicate_suggestions(person),
        "duplicate": duplicate,
        "form": form,
        "preview": merge_preview(person, duplicate) if duplicate else None,
        "allowed": True,
    }
    return render(request, "people/merge.html", context, status=400)


# --- unit and body picker (htmx) -----------------------------------------------------


@vary_on_headers("HX-Request")
def pick_unit(request: HttpRequest) -> HttpResponse:
    """Search units by name (no diacritics needed); empty query: the empty picker."""
    query = request.GET.get("unit_q", request.GET.get("q", "")).strip()
    if not query:
        return render(request, "people/partials/_picker.html", {})
    units = list(search_units(query).select_related("parent")[:PICKER_LIMIT])
    return render(request, "people/partials/_picker_results.html", {"units": units, "query": query})


def pick_body(request: HttpRequest) -> HttpResponse:
    """The chosen unit and a select of its bodies (names with their validity)."""
    unit = Unit.objects.filter(key=request.GET.get("don-vi", "")).first()
    if unit is None:
        return render(request, "people/partials/_picker.html", {}, status=404)
    bodies = Body.objects.filter(unit=unit).order_by("kind", "valid_from")
    return render(
        request,
        "people/partials/_picker.html",
        {"picked_unit": unit, "picked_bodies": bodies, "picked_body": None},
    )
