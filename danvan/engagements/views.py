"""Pages for sessions and meetings: list, detail, forms, the reception compliance view
and the table of frequency rules. Thin: fetch with permission, validate, call one
action, respond."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from danvan.accounts import permissions
from danvan.audit.history import history
from danvan.audit.log import origin
from danvan.audit.models import Channel
from danvan.units.models import Level, Unit

from . import actions
from .compliance import SHORT, month_bounds, reception_compliance, shortfalls, without_data
from .forms import ComplianceForm, DeleteForm, EngagementForm, FilterForm, OutcomeForm, RuleForm
from .models import Engagement, EngagementKind, ReceptionRule

PAGE_SIZE = 50
COMPLIANCE_PAGE_SIZE = 100
# Action error keys → the form fields that show them.
_FORM_FIELD = {"body": "body_kind", "co_organisers": "co_organiser_kinds"}


def _web(request: HttpRequest):  # type: ignore[no-untyped-def]
    """Audit rows written while handling this request come from the web interface."""
    return origin(Channel.WEB, request.META.get("REMOTE_ADDR"))


def _attach(form: Any, error: ValidationError) -> None:
    """Put an action's ValidationError on the form fields it names (else on the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        field = _FORM_FIELD.get(name, name)
        form.add_error(field if field in form.fields else None, errors)


def _no_role(request: HttpRequest, title: str) -> HttpResponse:
    return render(request, "engagements/no_role.html", {"title": title}, status=403)


@vary_on_headers("HX-Request")
def engagement_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.can_anywhere(user, "engagements.view"):
        return _no_role(request, "Tiếp dân, đối thoại, hội nghị")
    form = FilterForm(request.GET, user=user)
    qs = permissions.visible(user, Engagement.objects.live().for_list(), "engagements.view")
    qs = form.apply(qs) if form.is_valid() else qs.none()
    totals = qs.aggregate(meetings=Sum("meetings"), attendance=Sum("attendance"), rows=Count("id"))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "totals": totals,
        "query": form.querystring(),
        "can_edit": permissions.can_anywhere(user, "engagements.edit"),
    }
    template = "engagements/partials/_rows.html" if request.htmx else "engagements/list.html"
    return render(request, template, context)


def _detail_context(request: HttpRequest, engagement: Engagement, **extra: Any) -> dict[str, Any]:
    user = request.user
    petitions: list[Any] | None = None
    if hasattr(engagement, "petitions"):
        petitions = list(
            permissions.visible(user, engagement.petitions.all(), "petitions.view")[:200]
        )
    context = {
        "e": engagement,
        "co_organisers": list(engagement.co_organisers.all()),
        "petitions": petitions,
        "events": history(engagement),
        "warnings": engagement.warnings(),
        "can_edit": permissions.can(user, "engagements.edit", engagement.unit),
        "outcome_form": OutcomeForm(
            initial={"outcome": engagement.outcome, "outcome_on": engagement.outcome_on}
        ),
        "delete_form": DeleteForm(),
    }
    context.update(extra)
    return context


def _get(request: HttpRequest, code: UUID, *, for_edit: bool = False) -> Engagement:
    engagement = permissions.get_for_user(
        request.user,
        Engagement.objects.select_related("unit", "body", "created_by", "deleted_by"),
        "engagements.view",
        code=code,
    )
    if for_edit and not permissions.can(request.user, "engagements.edit", engagement.unit):
        raise PermissionDenied("Bạn chỉ được xem, không được sửa hoạt động này.")
    return engagement


def detail(request: HttpRequest, code: UUID) -> HttpResponse:
    engagement = _get(request, code)
    return render(request, "engagements/detail.html", _detail_context(request, engagement))


def new(request: HttpRequest) -> HttpResponse:
    if not permissions.can_anywhere(request.user, "engagements.edit"):
        return _no_role(request, "Ghi nhận hoạt động")
    body = getattr(request.user, "body", None)
    unit_key = body.unit.key if body is not None else ""
    kind = request.GET.get("loai", "")
    initial = {
        "unit": unit_key,
        "date": timezone.localdate(),
        "meetings": 1,
        "kind": kind if kind in EngagementKind.values else "",
    }
    form = EngagementForm(initial=initial, user=request.user)
    return render(request, "engagements/form.html", {"form": form, "engagement": None})


@require_POST
def create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_anywhere(request.user, "engagements.edit"):
        return _no_role(request, "Ghi nhận hoạt động")
    form = EngagementForm(request.POST, user=request.user)
    if form.is_valid():
        values = form.action_values()
        try:
            with _web(request):
                engagement = actions.create_engagement(by=request.user, **values)
        except ValidationError as e:
            _attach(form, e)
        else:
            messages.success(request, "Đã ghi nhận hoạt động.")
            for text in engagement.warnings():
                messages.warning(request, text)
            return redirect(engagement)
    return render(request, "engagements/form.html", {"form": form, "engagement": None}, status=400)


def edit(request: HttpRequest, code: UUID) -> HttpResponse:
    engagement = _get(request, code, for_edit=True)
    if engagement.is_deleted:
        messages.error(request, "Hoạt động này đã bị xóa; hãy khôi phục trước khi sửa.")
        return redirect(engagement)
    form = EngagementForm(initial=EngagementForm.initial_for(engagement), user=request.user)
    return render(request, "engagements/form.html", {"form": form, "engagement": engagement})


@require_POST
def update(request: HttpRequest, code: UUID) -> HttpResponse:
    engagement = _get(request, code, for_edit=True)
    form = EngagementForm(request.POST, user=request.user)
    if form.is_valid():
        values = form.action_values()
        try:
            with _web(request):
                engagement = actions.update_engagement(engagement, by=request.user, **values)
        except ValidationError as e:
            _attach(form, e)
        else:
            messages.success(request, "Đã lưu thay đổi.")
            for text in engagement.warnings():
                messages.warning(request, text)
            return redirect(engagement)
    return render(
        request, "engagements/form.html", {"form": form, "engagement": engagement}, status=400
    )


@require_POST
def record_outcome(request: HttpRequest, code: UUID) -> HttpResponse:
    engagement = _get(request, code, for_edit=True)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            with _web(request):
                actions.record_outcome(
                    engagement,
                    by=request.user,
                    outcome=form.cleaned_data["outcome"],
                    outcome_on=form.cleaned_data["outcome_on"],
                )
        except ValidationError as e:
            _attach(form, e)
        else:
            messages.success(request, "Đã ghi kết quả, trả lời.")
            return redirect(engagement)
    context = _detail_context(request, engagement, outcome_form=form)
    return render(request, "engagements/detail.html", context, status=400)


@require_POST
def delete(request: HttpRequest, code: UUID) -> HttpResponse:
    engagement = _get(request, code, for_edit=True)
    form = DeleteForm(request.POST)
    if form.is_valid():
        try:
            with _web(request):
                actions.delete_engagement(
                    engagement, by=request.user, reason=form.cleaned_data["reason"]
                )
        except ValidationError as e:
            _attach(form, e)
        else:
            messages.success(request, "Đã xóa hoạt động (vẫn giữ trong nhật ký, có thể khôi phục).")
            return redirect("engagements:list")
    context = _detail_context(request, engagement, delete_form=form)
    return render(request, "engagements/detail.html", context, status=400)


@require_POST
def restore(request: HttpRequest, code: UUID) -> HttpResponse:
    engagement = _get(request, code, for_edit=True)
    try:
        with _web(request):
            actions.restore_engagement(engagement, by=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, "Đã khôi phục hoạt động.")
    return redirect(engagement)


def compliance(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.can_anywhere(user, "engagements.view"):
        return _no_role(request, "Tần suất tiếp công dân")
    form = ComplianceForm(request.GET, user=user)
    context: dict[str, Any] = {"form": form, "rows": None}
    if form.is_valid():
        data = form.cleaned_data
        unit, year, month = data["unit"], data["year"], data["month"]
        rows = reception_compliance(unit, year, month, by=user)
        shown = shortfalls(rows) if data.get("chua-dat") else rows
        start, _ = month_bounds(year, month)
        previous = start - dt.timedelta(days=1)
        following = start + dt.timedelta(days=32)
        context.update(
            unit=unit,
            year=year,
            month=month,
            rows=rows,
            warnings=shortfalls(rows),
            no_data=without_data(rows),
            page=Paginator(shown, COMPLIANCE_PAGE_SIZE).get_page(request.GET.get("page")),
            short=SHORT,
            previous=f"{previous.month:02d}/{previous.year}",
            following=f"{following.month:02d}/{following.year}",
            only_short=bool(data.get("chua-dat")),
            # Show the unit and month actually used, defaults included.
            form=ComplianceForm(
                {
                    "don-vi": unit.key,
                    "thang": f"{month:02d}/{year}",
                    "chua-dat": data.get("chua-dat"),
                },
                user=user,
            ),
        )
    status = 200 if form.is_valid() else 400
    return render(request, "engagements/compliance.html", context, status=status)


# ---------------------------------------------------------------- reception rules


def _nation() -> Unit | None:
    return Unit.objects.filter(level=Level.NATION).first()


def _require_rules_manager(request: HttpRequest) -> None:
    if not permissions.can(request.user, "rules.manage", _nation()):
        raise PermissionDenied("Chỉ quản trị viên được sửa quy định tần suất tiếp công dân.")


def rules(request: HttpRequest) -> HttpResponse:
    """The frequency rules are public law: every signed-in user may read them."""
    order = {Level.PROVINCE: 0, Level.DISTRICT: 1, Level.COMMUNE: 2}
    context = {
        "rules": sorted(
            ReceptionRule.objects.all(), key=lambda r: (order[r.level], r.host_role, r.valid_from)
        ),
        "can_manage": permissions.can(request.user, "rules.manage", _nation()),
    }
    return render(request, "engagements/rules.html", context)


def rule_new(request: HttpRequest) -> HttpResponse:
    _require_rules_manager(request)
    return render(request, "engagements/rule_form.html", {"form": RuleForm(), "rule": None})


@require_POST
def rule_create(request: HttpRequest) -> HttpResponse:
    _require_rules_manager(request)
    form = RuleForm(request.POST)
    if form.is_valid():
        try:
            with _web(request):
                actions.create_rule(by=request.user, **form.cleaned_data)
        except ValidationError as e:
            _attach(form, e)
        else:
            messages.success(request, "Đã thêm quy định.")
            return redirect("engagements:rules")
    return render(request, "engagements/rule_form.html", {"form": form, "rule": None}, status=400)


def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_rules_manager(request)
    rule = get_object_or_404(ReceptionRule, pk=pk)
    form = RuleForm(initial=RuleForm.initial_for(rule))
    context = {"form": form, "rule": rule, "events": history(rule)}
    return render(request, "engagements/rule_form.html", context)


@require_POST
def rule_update(request: HttpRequest, pk: int) -> HttpResponse:
    _require_rules_manager(request)
    rule = get_object_or_404(ReceptionRule, pk=pk)
    form = RuleForm(request.POST)
    if form.is_valid():
        try:
            with _web(request):
                actions.update_rule(rule, by=request.user, **form.cleaned_data)
        except ValidationError as e:
            _attach(form, e)
        else:
            messages.success(request, "Đã lưu quy định.")
            return redirect("engagements:rules")
    context = {"form": form, "rule": rule, "events": history(rule)}
    return render(request, "engagements/rule_form.html", context, status=400)
