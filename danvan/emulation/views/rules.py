"""Eligibility rules (administrators) and the candidates page."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.accounts import permissions
from danvan.audit.history import history
from danvan.units.models import Unit

from .. import actions
from ..forms import CandidateForm, EnableForm, RuleForm
from ..models import AwardForm, EligibilityRule
from ..queries import candidates as find_candidates
from .common import require_view_anywhere


def _can_manage(user: Any, rule: EligibilityRule | None = None) -> bool:
    if rule is not None and rule.unit_id:
        return permissions.can(user, "rules.manage", rule.unit)
    nation = Unit.objects.filter(level="nation").first()
    return (
        permissions.can(user, "rules.manage", nation)
        if nation
        else permissions.can(user, "rules.manage", None)
    )


def rule_list(request: HttpRequest) -> HttpResponse:
    """Every rule, readable by anyone with an emulation role; managed by administrators."""
    require_view_anywhere(request)
    rules = list(
        EligibilityRule.objects.select_related("unit").order_by(
            "award_form", "-enabled", "group", "name"
        )
    )
    for r in rules:
        r.manageable = permissions.can(request.user, "rules.manage", r.unit) if r.unit_id else None  # type: ignore[attr-defined]
    national = _can_manage(request.user)
    for r in rules:
        if r.manageable is None:  # type: ignore[attr-defined]
            r.manageable = national  # type: ignore[attr-defined]
    context = {
        "rules": rules,
        "can_create": permissions.can_anywhere(request.user, "rules.manage"),
    }
    return render(request, "emulation/rule_list.html", context)


def _rule(request: HttpRequest, code: str) -> EligibilityRule:
    """Rules are configuration, readable by every emulation user; 404 for anyone else."""
    require_view_anywhere(request)
    rule = EligibilityRule.objects.select_related("unit").filter(code=code).first()
    if rule is None:
        raise Http404("Không tìm thấy.")
    return rule


def _input(form: RuleForm) -> actions.RuleInput:
    d = form.cleaned_data
    return actions.RuleInput(
        award_form=d["award_form"],
        name=d["name"],
        predicate=d["predicate"],
        params=d["params"],
        group=d["group"],
        unit=d.get("unit"),
        valid_from=d.get("valid_from"),
        valid_to=d.get("valid_to"),
        legal_basis=d.get("legal_basis") or "",
        source_url=d.get("source_url") or "",
        confidence=d["confidence"],
        note=d.get("note") or "",
    )


def rule_new(request: HttpRequest) -> HttpResponse:
    if not permissions.can_anywhere(request.user, "rules.manage"):
        raise PermissionDenied("Chỉ quản trị viên được thêm điều kiện khen thưởng.")
    return render(request, "emulation/rule_form.html", {"form": RuleForm(initial={"params": "{}"})})


@require_POST
def rule_create(request: HttpRequest) -> HttpResponse:
    form = RuleForm(request.POST)
    if form.is_valid():
        try:
            rule = actions.create_rule(_input(form), by=request.user)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, "Đã thêm điều kiện (chưa áp dụng). Kiểm tra rồi bật áp dụng.")
            return redirect(rule)
    return render(request, "emulation/rule_form.html", {"form": form}, status=400)


def rule_edit(request: HttpRequest, code: str) -> HttpResponse:
    rule = _rule(request, code)
    manageable = _can_manage(request.user, rule)
    form = RuleForm(
        initial={
            "award_form": rule.award_form,
            "name": rule.name,
            "predicate": rule.predicate,
            "group": rule.group,
            "params": json.dumps(rule.params, ensure_ascii=False),
            "unit": rule.unit.key if rule.unit_id else "",
            "valid_from": rule.valid_from,
            "valid_to": rule.valid_to,
            "legal_basis": rule.legal_basis,
            "source_url": rule.source_url,
            "confidence": rule.confidence,
            "note": rule.note,
        }
    )
    context = {
        "form": form,
        "rule": rule,
        "manageable": manageable,
        "events": history(rule),
        "enable_form": EnableForm(),
    }
    return render(request, "emulation/rule_form.html", context)


@require_POST
def rule_update(request: HttpRequest, code: str) -> HttpResponse:
    rule = _rule(request, code)
    form = RuleForm(request.POST)
    if form.is_valid():
        try:
            actions.update_rule(rule, _input(form), by=request.user)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, "Đã lưu điều kiện.")
            return redirect(rule)
    context = {
        "form": form,
        "rule": rule,
        "manageable": True,
        "events": history(rule),
        "enable_form": EnableForm(),
    }
    return render(request, "emulation/rule_form.html", context, status=400)


@require_POST
def rule_enable(request: HttpRequest, code: str) -> HttpResponse:
    rule = _rule(request, code)
    form = EnableForm(request.POST)
    form.is_valid()
    try:
        actions.set_rule_enabled(
            rule,
            by=request.user,
            enabled=form.cleaned_data.get("enabled", False),
            note=form.cleaned_data.get("note") or "",
        )
    except ValidationError as e:
        context = {
            "form": RuleForm(initial={"params": json.dumps(rule.params, ensure_ascii=False)}),
            "rule": rule,
            "manageable": True,
            "events": history(rule),
            "enable_form": form,
            "enable_error": "; ".join(e.messages),
        }
        return render(request, "emulation/rule_form.html", context, status=400)
    messages.success(request, "Đã bật áp dụng." if rule.enabled else "Đã tắt áp dụng.")
    return redirect(rule)


def candidates(request: HttpRequest) -> HttpResponse:
    """People in a unit's territory who meet the enabled rules of an award form."""
    require_view_anywhere(request)
    context: dict[str, Any] = {"forms": AwardForm.choices}
    if "don-vi" not in request.GET and "don_vi" not in request.GET:
        context["form"] = CandidateForm(initial={"hinh_thuc": AwardForm.MEDAL_DAN_VAN})
        return render(request, "emulation/candidates.html", context)
    form = CandidateForm.from_query(request.GET)
    context["form"] = form
    if not form.is_valid():
        return render(request, "emulation/candidates.html", context, status=400)
    d = form.cleaned_data
    unit = permissions.get_for_user(
        request.user, Unit.objects, "emulation.view", unit_field="pk", pk=d["don_vi"].pk
    )
    on = d.get("ngay") or timezone.localdate()
    rules, found = find_candidates(d["hinh_thuc"], unit, on)
    context.update(
        {
            "unit": unit,
            "on": on,
            "rules": rules,
            "candidates": found,
            "form_label": AwardForm(d["hinh_thuc"]).label,
        }
    )
    return render(request, "emulation/candidates.html", context)
