"""Pages for inspection and supervision plans: list, detail, forms, calendars.

Thin views: fetch with permission (queries.py), parse with a form, call one action,
respond. Mutations are POST-only; a rejected form comes back with status 400.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from danvan.accounts.permissions import can, can_anywhere, get_for_user, root_ids
from danvan.audit.history import history
from danvan.core.lifecycle import InvalidTransition
from danvan.units.models import Body, Unit
from danvan.units.search import search_units

from . import actions, calendars, notices
from .forms import (
    AcknowledgeForm,
    CalendarForm,
    MoveForm,
    PlanFilterForm,
    PlanForm,
    TransitionForm,
    apply_errors,
)
from .matching import quarter_of
from .models import OverlapRule, OversightPlan, PlanConflict
from .queries import plan_for_user, plans_for
from .states import LABELS, MOVABLE, Status

PAGE_SIZE = 50


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@vary_on_headers("HX-Request")
def plan_list(request: HttpRequest) -> HttpResponse:
    if not can_anywhere(request.user, "oversight.view"):
        return render(request, "oversight/list.html", {"page": None}, status=403)
    form = PlanFilterForm(request.GET, user=request.user)
    qs = form.apply(plans_for(request.user).for_list()).order_by("-window_start", "pk")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "form": form,
        "base_query": _query_without_page(request),
        "status_counts": status_summary(qs),
        "today": timezone.localdate(),
        "can_create": can_anywhere(request.user, "oversight.edit"),
        "export_query": request.GET.urlencode(),
    }
    name = "oversight/partials/_rows.html" if request.htmx else "oversight/list.html"
    return render(request, name, context)


def unit_options(request: HttpRequest) -> HttpResponse:
    """<option>s for a unit <datalist>: units are public facts, so no scope here."""
    query = request.GET.get("q") or next((v for k, v in request.GET.items() if k != "q"), "")
    units = (
        list(search_units(query).select_related("parent")[:15]) if len(query.strip()) >= 2 else []
    )
    return render(request, "oversight/partials/_unit_options.html", {"units": units})


# --- Create and edit ---------------------------------------------------------------------


def _default_initial(user: Any) -> dict[str, Any]:
    body = getattr(user, "body", None)
    if body is None:
        return {}
    return {"unit": body.unit.key, "body_kind": body.kind}


def plan_new(request: HttpRequest) -> HttpResponse:
    if not can_anywhere(request.user, "oversight.edit"):
        raise PermissionDenied("Bạn không có quyền lập kế hoạch kiểm tra, giám sát.")
    form = PlanForm(initial=_default_initial(request.user))
    return render(request, "oversight/form.html", {"form": form, "plan": None})


@require_POST
def plan_create(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            plan = actions.create_plan(
                form.to_data(), by=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as e:
            apply_errors(form, e)
        else:
            _say_conflicts(request, plan, "Đã lập kế hoạch.")
            return redirect(plan)
    return render(request, "oversight/form.html", {"form": form, "plan": None}, status=400)


def _editable(request: HttpRequest, code: Any) -> OversightPlan:
    plan = plan_for_user(request.user, code)
    if not can(request.user, "oversight.edit", plan.unit):
        raise PermissionDenied("Chỉ đơn vị chủ trì được sửa kế hoạch này.")
    return plan


def plan_edit(request: HttpRequest, code: Any) -> HttpResponse:
    plan = _editable(request, code)
    form = PlanForm(initial=PlanForm.initial_for(plan))
    return render(request, "oversight/form.html", {"form": form, "plan": plan})


@require_POST
def plan_update(request: HttpRequest, code: Any) -> HttpResponse:
    plan = _editable(request, code)
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            plan = actions.update_plan(
                plan, form.to_data(), by=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as e:
            apply_errors(form, e)
        else:
            _say_conflicts(request, plan, "Đã cập nhật kế hoạch.")
            return redirect(plan)
    return render(request, "oversight/form.html", {"form": form, "plan": plan}, status=400)


def _say_conflicts(request: HttpRequest, plan: OversightPlan, done: str) -> None:
    waiting = PlanConflict.objects.unacknowledged().filter(plan=plan).count()
    if waiting:
        messages.warning(
            request,
            f"{done} Kế hoạch trùng với {waiting} kế hoạch khác trên cùng đối tượng: "
            "hãy xem và xác nhận từng trùng lặp, hoặc đổi thời gian, nội dung.",
        )
    else:
        messages.success(request, done)


# --- Detail and its POST endpoints ---------------------------------------------------------


def _detail(
    request: HttpRequest, plan: OversightPlan, status: int = 200, **forms: Any
) -> HttpResponse:
    today = timezone.localdate()
    editable = can(request.user, "oversight.edit", plan.unit)
    conflicts = list(
        PlanConflict.objects.filter(plan=plan)
        .select_related("other__unit", "other__body", "other__match_unit", "acknowledged_by")
        .order_by("cleared_at", "-detected_at")
    )
    visible_others = set(
        plans_for(request.user)
        .filter(pk__in=[c.other_id for c in conflicts])
        .values_list("pk", flat=True)
    )
    for c in conflicts:
        c.other_visible = c.other_id in visible_others
        c.form = forms.get("ack_forms", {}).get(c.pk) or AcknowledgeForm()
    context = {
        "plan": plan,
        "today": today,
        "editable": editable,
        "movable": editable and plan.status in MOVABLE,
        "open_conflicts": [c for c in conflicts if c.cleared_at is None],
        "cleared_conflicts": [c for c in conflicts if c.cleared_at is not None],
        "waiting": sum(1 for c in conflicts if c.cleared_at is None and c.acknowledged_at is None),
        "notice": notices.check(plan, today),
        "rule": OverlapRule.for_day(plan.window_start),
        "transitions": plan.transitions.select_related("by").all(),
        "targets": TransitionForm.targets(plan.status) if editable else [],
        "move_form": forms.get("move_form")
        or MoveForm(initial={"window_start": plan.window_start, "window_end": plan.window_end}),
        "transition_form": forms.get("transition_form") or TransitionForm(),
        "events": history(plan),
        "quarter": f"{plan.window_start.year}-{quarter_of(plan.window_start)}",
    }
    return render(request, "oversight/detail.html", context, status=status)


def plan_detail(request: HttpRequest, code: Any) -> HttpResponse:
    return _detail(request, plan_for_user(request.user, code))


@require_POST
def plan_move(request: HttpRequest, code: Any) -> HttpResponse:
    plan = plan_for_user(request.user, code)
    form = MoveForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            plan = actions.move_plan(
                plan,
                by=request.user,
                window_start=d["window_start"],
                window_end=d["window_end"],
                note=d["note"],
            )
        except ValidationError as e:
            apply_errors(form, e)
        else:
            _say_conflicts(request, plan, "Đã đổi thời gian.")
            return redirect(plan)
    return _detail(request, plan, status=400, move_form=form)


@require_POST
def plan_change_status(request: HttpRequest, code: Any) -> HttpResponse:
    plan = plan_for_user(request.user, code)
    form = TransitionForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            plan = actions.transition_plan(
                plan,
                by=request.user,
                to=d["to"],
                on_date=d["on_date"],
                note=d["note"],
                notice_sent_on=d["notice_sent_on"],
            )
        except (ValidationError, InvalidTransition) as e:
            if isinstance(e, ValidationError):
                apply_errors(form, e)
            else:
                form.add_error(None, str(e))
        else:
            messages.success(request, f"Đã chuyển sang “{LABELS[plan.status]}”.")
            check = notices.check(plan, timezone.localdate())
            if check and check.is_warning:
                messages.warning(request, check.message)
            return redirect(plan)
    return _detail(request, plan, status=400, transition_form=form)


@require_POST
def conflict_acknowledge(request: HttpRequest, code: Any, pk: int) -> HttpResponse:
    plan = plan_for_user(request.user, code)
    conflict = PlanConflict.objects.filter(plan=plan, pk=pk).select_related("plan__unit").first()
    if conflict is None:
        raise Http404("Không tìm thấy.")
    form = AcknowledgeForm(request.POST)
    if form.is_valid():
        try:
            actions.acknowledge_conflict(conflict, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, "Đã xác nhận trùng lặp.")
            return redirect(plan)
    return _detail(request, plan, status=400, ack_forms={conflict.pk: form})


# --- Calendars ---------------------------------------------------------------------------


def calendar_index(request: HttpRequest) -> HttpResponse:
    """Pick a unit; with ?don-vi=<key> go straight to its calendar."""
    if not can_anywhere(request.user, "oversight.view"):
        raise PermissionDenied("Bạn chưa được giao vai trò nào.")
    key = (request.GET.get("don-vi") or "").strip()
    if key:
        unit = Unit.objects.filter(key=key).first() or next(iter(search_units(key)[:1]), None)
        if unit is not None:
            return redirect("oversight:calendar_unit", key=unit.key)
        messages.error(request, "Không tìm thấy đơn vị này.")
    roots = Unit.objects.filter(pk__in=root_ids(request.user, "oversight.view")).order_by("code")
    return render(request, "oversight/calendar_index.html", {"roots": roots})


def _calendar(
    request: HttpRequest, *, title: str, plans: Any, here: str, subject: Any
) -> HttpResponse:
    today = timezone.localdate()
    form = CalendarForm(request.GET)
    months = form.months(today)
    first, last = months[0], calendars.month_end(months[-1])
    rows = list(plans.for_list().overlapping(first, last).order_by("window_start", "pk"))
    for i, p in enumerate(rows, start=1):
        p.number = i
    quarter_mode = len(months) == 3
    if quarter_mode:
        q = quarter_of(first)
        prev_q = (first.year, q - 1) if q > 1 else (first.year - 1, 4)
        next_q = (first.year, q + 1) if q < 4 else (first.year + 1, 1)
        nav = {
            "prev": f"?quy={prev_q[0]}-{prev_q[1]}",
            "next": f"?quy={next_q[0]}-{next_q[1]}",
            "label": f"Quý {('I', 'II', 'III', 'IV')[q - 1]}/{first.year}",
            "switch": f"?thang={first.year}-{first.month:02d}",
            "switch_label": "Xem theo tháng",
        }
    else:
        prev_m, next_m = calendars.shift_month(first, -1), calendars.shift_month(first, 1)
        nav = {
            "prev": f"?thang={prev_m.year}-{prev_m.month:02d}",
            "next": f"?thang={next_m.year}-{next_m.month:02d}",
            "label": f"Tháng {first.month}/{first.year}",
            "switch": f"?quy={first.year}-{quarter_of(first)}",
            "switch_label": "Xem cả quý",
        }
    context = {
        "title": title,
        "subject": subject,
        "here": here,
        "grids": [calendars.grid(m, rows, today) for m in months],
        "plans": rows,
        "weekdays": calendars.WEEKDAYS,
        "nav": nav,
        "quarter_mode": quarter_mode,
        "today": today,
    }
    return render(request, "oversight/calendar.html", context)


def calendar_unit(request: HttpRequest, key: str) -> HttpResponse:
    """Plans on a subject unit and the units below it, whoever plans them."""
    unit = get_for_user(request.user, Unit.objects, "oversight.view", unit_field="pk", key=key)
    below = Unit.objects.subtree_of(unit).values("pk")
    plans = plans_for(request.user).filter(match_unit__in=below)
    return _calendar(
        request, title=f"Lịch kiểm tra, giám sát tại {unit}", plans=plans, here="unit", subject=unit
    )


def calendar_body(request: HttpRequest, pk: int) -> HttpResponse:
    """Plans of one inspecting body."""
    body = get_for_user(request.user, Body.objects.select_related("unit"), "oversight.view", pk=pk)
    plans = plans_for(request.user).filter(body=body)
    return _calendar(
        request, title=f"Lịch kiểm tra, giám sát của {body}", plans=plans, here="body", subject=body
    )


def status_summary(qs: Any) -> list[tuple[str, str, int]]:
    counts = dict(qs.order_by().values_list("status").annotate(n=Count("pk")))
    return [(s, LABELS[s], counts.get(s, 0)) for s in Status.values]
