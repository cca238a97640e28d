"""Pages for steering committees: list, detail (members, plans, meetings), forms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Q, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from danvan.accounts.permissions import can, can_anywhere, get_for_user
from danvan.audit.history import history
from danvan.lib.text import fold
from danvan.people.models import Person, Position

from . import actions
from .forms import apply_errors
from .queries import committee_for_user, committees_for
from .steering_forms import (
    CommitteeForm,
    DissolveForm,
    EndMemberForm,
    MeetingForm,
    MemberForm,
    SteeringFilterForm,
    SteeringPlanForm,
)
from .steering_models import ROLE_ORDER, SteeringCommittee, SteeringMembership

PAGE_SIZE = 50
SEARCH_LIMIT = 15


@vary_on_headers("HX-Request")
def steering_list(request: HttpRequest) -> HttpResponse:
    if not can_anywhere(request.user, "steering.view"):
        return render(request, "oversight/steering/list.html", {"page": None}, status=403)
    form = SteeringFilterForm(request.GET, user=request.user)
    today = timezone.localdate()
    qs = (
        form.apply(committees_for(request.user).for_list())
        .annotate(
            # Members today, or on the day a dissolved committee ended.
            member_count=Count(
                "memberships",
                filter=Q(memberships__valid_to__isnull=True)
                | Q(memberships__valid_to__gte=Coalesce(F("valid_to"), Value(today))),
            )
        )
        .order_by(F("valid_to").desc(nulls_first=True), "unit__code", "kind", "-valid_from")
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    heads = {
        m.committee_id: m
        for m in SteeringMembership.objects.filter(
            committee__in=[c.pk for c in page.object_list], role="head"
        )
        .filter(
            Q(valid_to__isnull=True)
            | Q(valid_to__gte=Coalesce(F("committee__valid_to"), Value(today)))
        )
        .select_related("person")
    }
    for c in page.object_list:
        c.head = heads.get(c.pk)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "form": form,
        "base_query": query.urlencode(),
        "can_create": can_anywhere(request.user, "steering.edit"),
    }
    name = (
        "oversight/steering/partials/_rows.html" if request.htmx else "oversight/steering/list.html"
    )
    return render(request, name, context)


def _detail(
    request: HttpRequest, c: SteeringCommittee, status: int = 200, **forms: Any
) -> HttpResponse:
    today = timezone.localdate()
    day = c.valid_to or today
    members = sorted(
        c.memberships.select_related("person").prefetch_related(
            Prefetch("person__positions", queryset=Position.objects.order_by("-valid_from"))
        ),
        key=lambda m: (ROLE_ORDER.get(m.role, 99), m.valid_from, m.pk),
    )
    current = [m for m in members if m.is_current_on(day)]
    past = [m for m in members if not m.is_current_on(day)]
    editable = can(request.user, "steering.edit", c.unit)
    context = {
        "c": c,
        "today": today,
        "editable": editable,
        "current": current,
        "past": sorted(past, key=lambda m: m.valid_to or today, reverse=True),
        "plans": c.plans.all(),
        "meetings": c.meetings.select_related("chaired_by").all(),
        "successors": c.successors.all(),
        "member_form": forms.get("member_form")
        or MemberForm(initial={"valid_from": today if c.is_active else c.valid_from}),
        "end_forms": forms.get("end_forms", {}),
        "plan_form": forms.get("plan_form") or SteeringPlanForm(),
        "meeting_form": forms.get("meeting_form") or MeetingForm(),
        "dissolve_form": forms.get("dissolve_form") or DissolveForm(initial={"on": today}),
        "open_section": forms.get("open_section", ""),
        "events": history(c),
    }
    return render(request, "oversight/steering/detail.html", context, status=status)


def steering_detail(request: HttpRequest, code: Any) -> HttpResponse:
    return _detail(request, committee_for_user(request.user, code))


def _editable(request: HttpRequest, code: Any) -> SteeringCommittee:
    c = committee_for_user(request.user, code)
    if not can(request.user, "steering.edit", c.unit):
        raise PermissionDenied("Bạn không có quyền sửa Ban Chỉ đạo này.")
    return c


def steering_new(request: HttpRequest) -> HttpResponse:
    if not can_anywhere(request.user, "steering.edit"):
        raise PermissionDenied("Bạn không có quyền thành lập Ban Chỉ đạo.")
    body = getattr(request.user, "body", None)
    initial = {"unit": body.unit.key} if body else {}
    return render(
        request, "oversight/steering/form.html", {"form": CommitteeForm(initial=initial), "c": None}
    )


@require_POST
def steering_create(request: HttpRequest) -> HttpResponse:
    form = CommitteeForm(request.POST)
    if form.is_valid():
        try:
            c = actions.create_committee(form.to_data(), by=request.user)
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, "Đã ghi Ban Chỉ đạo. Hãy bổ sung thành viên.")
            return redirect(c)
    return render(request, "oversight/steering/form.html", {"form": form, "c": None}, status=400)


def steering_edit(request: HttpRequest, code: Any) -> HttpResponse:
    c = _editable(request, code)
    return render(
        request,
        "oversight/steering/form.html",
        {"form": CommitteeForm(initial=CommitteeForm.initial_for(c)), "c": c},
    )


@require_POST
def steering_update(request: HttpRequest, code: Any) -> HttpResponse:
    c = _editable(request, code)
    form = CommitteeForm(request.POST)
    if form.is_valid():
        try:
            c = actions.update_committee(c, form.to_data(c), by=request.user)
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, "Đã cập nhật Ban Chỉ đạo.")
            return redirect(c)
    return render(request, "oversight/steering/form.html", {"form": form, "c": c}, status=400)


@require_POST
def steering_dissolve(request: HttpRequest, code: Any) -> HttpResponse:
    c = committee_for_user(request.user, code)
    form = DissolveForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            actions.dissolve_committee(
                c, by=request.user, on=d["on"], ended_by=d["ended_by"], note=d["note"]
            )
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, "Đã ghi giải thể Ban Chỉ đạo.")
            return redirect(c)
    return _detail(request, c, status=400, dissolve_form=form, open_section="dissolve")


@require_POST
def member_create(request: HttpRequest, code: Any) -> HttpResponse:
    c = committee_for_user(request.user, code)
    form = MemberForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            actions.add_member(
                c,
                by=request.user,
                role=d["role"],
                valid_from=d["valid_from"],
                person=form.person_obj,
                full_name=d["full_name"],
                position_label=d["position_label"],
                decision=d["decision"],
                note=d["note"],
            )
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, "Đã bổ sung thành viên.")
            return redirect(c)
    return _detail(request, c, status=400, member_form=form, open_section="member")


@require_POST
def member_end(request: HttpRequest, code: Any, pk: int) -> HttpResponse:
    c = committee_for_user(request.user, code)
    membership = get_for_user(
        request.user,
        SteeringMembership.objects.filter(committee=c),
        "steering.view",
        unit_field="committee__unit",
        pk=pk,
    )
    form = EndMemberForm(request.POST)
    if form.is_valid():
        try:
            actions.end_member(
                membership,
                by=request.user,
                on=form.cleaned_data["on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, "Đã ghi thôi làm thành viên.")
            return redirect(c)
    return _detail(request, c, status=400, end_forms={membership.pk: form})


@require_POST
def steering_plan_create(request: HttpRequest, code: Any) -> HttpResponse:
    c = committee_for_user(request.user, code)
    form = SteeringPlanForm(request.POST)
    if form.is_valid():
        try:
            actions.add_steering_plan(c, by=request.user, **form.cleaned_data)
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, "Đã ghi kế hoạch.")
            return redirect(c)
    return _detail(request, c, status=400, plan_form=form, open_section="plan")


@require_POST
def meeting_create(request: HttpRequest, code: Any) -> HttpResponse:
    c = committee_for_user(request.user, code)
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            actions.add_meeting(c, by=request.user, **form.cleaned_data)
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, "Đã ghi cuộc họp.")
            return redirect(c)
    return _detail(request, c, status=400, meeting_form=form, open_section="meeting")


def people_search(request: HttpRequest, code: Any) -> HttpResponse:
    """Officials whose folded name contains every word typed, with their latest positions.

    Officials' names and posts are public facts; the committee's editors pick from them.
    """
    c = _editable(request, code)
    words = fold(request.GET.get("q", "")).split()
    people: list[Person] = []
    if words and sum(len(w) for w in words) >= 2:
        qs = Person.objects.filter(merged_into__isnull=True)
        for w in words:
            qs = qs.filter(search_key__contains=w)
        people = list(
            qs.order_by("full_name").prefetch_related(
                Prefetch(
                    "positions",
                    queryset=Position.objects.select_related("unit").order_by("-valid_from"),
                )
            )[:SEARCH_LIMIT]
        )
    return render(
        request,
        "oversight/steering/partials/_people.html",
        {"people": people, "c": c, "query": request.GET.get("q", "")},
    )
