"""Petition pages: list, detail, receive and edit, lifecycle steps, due-date board,
period statistics, the deadline calculator and the rule table.

Thin views: fetch through the permission module (hidden looks like missing), parse
with a form, call one action, respond. Mutations are POST-only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from danvan.accounts.permissions import NotPermitted, can, can_anywhere, get_for_user, visible
from danvan.audit.history import history
from danvan.audit.log import origin
from danvan.audit.models import Channel
from danvan.core.lifecycle import InvalidTransition, next_states
from danvan.units.models import Unit
from danvan.workcalendar.models import national_unit

from . import actions, deadlines, duplicates
from .forms import (
    AttachForm,
    CalculatorForm,
    ExtendForm,
    FilterForm,
    NoteForm,
    PetitionForm,
    RuleForm,
    StatsForm,
    TransitionForm,
    home_unit_key,
    unit_choices,
)
from .models import Case, DeadlineRule, Petition, Step
from .states import ACTION_LABELS, ALLOWED, LABELS, Status
from .stats import petition_stats, report_sentence

DUE_SOON_DAYS = 7


def _web(request: HttpRequest):  # type: ignore[no-untyped-def]
    return origin(Channel.WEB, request.META.get("REMOTE_ADDR"))


def _forbidden(request: HttpRequest, message: str = "") -> HttpResponse:
    return render(request, "petitions/forbidden.html", {"message": message}, status=403)


def _page_size() -> int:
    return settings.PAGE_SIZE


# --- List and due board -----------------------------------------------------------------


@vary_on_headers("HX-Request")
def petition_list(request: HttpRequest) -> HttpResponse:
    if not can_anywhere(request.user, "petitions.view"):
        return _forbidden(request, "Bạn chưa được giao vai trò nào để xem đơn thư.")
    form = FilterForm(request.GET, user=request.user)
    today = timezone.localdate()
    qs = visible(request.user, Petition.objects.for_list(), "petitions.view")
    qs = form.apply(qs, today=today).order_by("-received_on", "-pk")
    page = Paginator(qs, _page_size()).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "today": today,
        "querystring": _querystring(request),
        "units": unit_choices(request.user, "petitions.view"),
        "may_edit": can_anywhere(request.user, "petitions.edit"),
    }
    name = "petitions/partials/_rows.html" if request.htmx else "petitions/list.html"
    return render(request, name, context)


def _querystring(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@vary_on_headers("HX-Request")
def due_board(request: HttpRequest) -> HttpResponse:
    """Overdue and due-soon petitions (clock running) in the chosen unit's subtree."""
    if not can_anywhere(request.user, "petitions.view"):
        return _forbidden(request, "Bạn chưa được giao vai trò nào để xem đơn thư.")
    form = FilterForm(request.GET, user=request.user)
    today = timezone.localdate()
    try:
        days = max(1, min(int(request.GET.get("trong", DUE_SOON_DAYS)), 90))
    except ValueError:
        days = DUE_SOON_DAYS
    base = form.apply(
        visible(request.user, Petition.objects.for_list(), "petitions.view"), today=today
    )
    overdue = base.overdue(today).order_by("due_on", "pk")
    soon = base.due_within(today, today + dt.timedelta(days=days)).order_by("due_on", "pk")
    context = {
        "form": form,
        "today": today,
        "days": days,
        "overdue": Paginator(overdue, _page_size()).get_page(request.GET.get("page")),
        "soon": list(soon[: _page_size()]),
        "soon_count": soon.count(),
        "units": unit_choices(request.user, "petitions.view"),
    }
    name = "petitions/partials/_due.html" if request.htmx else "petitions/due.html"
    return render(request, name, context)


# --- Detail ------------------------------------------------------------------------------


def _detail_context(request: HttpRequest, p: Petition, **extra: Any) -> dict[str, Any]:
    user = request.user
    may_edit = can(user, "petitions.edit", p.unit)
    targets = next_states(ALLOWED, p.status) if may_edit else []
    forms = extra.pop("forms", {})
    transition_forms = [
        (
            to,
            _button_label(p, to),
            forms.get(to) or TransitionForm.for_target(p, to),
        )
        for to in targets
    ]
    case_petitions = (
        list(p.case.petitions.exclude(pk=p.pk).select_related("unit")) if p.case_id else []
    )
    rule = p.deadline_rule
    context = {
        "p": p,
        "today": timezone.localdate(),
        "may_edit": may_edit,
        "may_see_identity": can(user, "petitions.view_identity", p.unit) or not p.is_denunciation,
        "transition_forms": transition_forms,
        "transitions": p.transitions.select_related("by"),
        "events": history(p),
        "case_petitions": case_petitions,
        "suggestions": duplicates.for_petition(p, by=user) if p.is_open else [],
        "may_extend": may_edit
        and rule is not None
        and p.deadline_step == Step.RESOLVE
        and p.status in {Status.ACCEPTED, Status.IN_PROGRESS}
        and p.extensions < rule.max_extensions,
        "extend_form": extra.pop("extend_form", None)
        or ExtendForm(initial={"on_date": timezone.localdate().strftime("%d/%m/%Y")}),
        "recompute_form": NoteForm(),
        "rule_changed": p.rule_changed,
        "status_labels": LABELS,
    }
    context.update(extra)
    return context


def _button_label(p: Petition, to: str) -> str:
    if p.status == Status.SUSPENDED and to == Status.IN_PROGRESS:
        return "Tiếp tục giải quyết"
    return ACTION_LABELS[to]


def _get(request: HttpRequest, code: Any) -> Petition:
    return get_for_user(
        request.user,
        Petition.objects.select_related(
            "unit__parent", "body", "case", "deadline_rule", "engagement"
        ),
        "petitions.view",
        code=code,
    )


def detail(request: HttpRequest, code: Any) -> HttpResponse:
    p = _get(request, code)
    return render(request, "petitions/detail.html", _detail_context(request, p))


def case_detail(request: HttpRequest, code: Any) -> HttpResponse:
    case = get_for_user(
        request.user, Case.objects.select_related("unit"), "petitions.view", code=code
    )
    petitions = visible(
        request.user, case.petitions.select_related("unit", "case", "body"), "petitions.view"
    )
    return render(
        request,
        "petitions/case.html",
        {"case": case, "petitions": petitions, "today": timezone.localdate()},
    )


# --- Receive and edit ----------------------------------------------------------------------


def new(request: HttpRequest) -> HttpResponse:
    if not can_anywhere(request.user, "petitions.edit"):
        return _forbidden(request, "Bạn không có quyền tiếp nhận đơn.")
    initial = {
        "unit": request.GET.get("don-vi") or home_unit_key(request.user),
        "received_on": timezone.localdate().strftime("%d/%m/%Y"),
    }
    form = PetitionForm(initial=initial, user=request.user)
    return render(request, "petitions/form.html", _form_context(request, form))


def _form_context(
    request: HttpRequest, form: PetitionForm, p: Petition | None = None
) -> dict[str, Any]:
    suggestions = None
    if form.is_bound and p is None:
        suggestions = _suggest_from(request, form.data)
    return {
        "form": form,
        "p": p,
        "units": unit_choices(request.user, "petitions.edit"),
        "suggestions": suggestions,
        "chosen": form.data.get("case", "") if form.is_bound else "",
    }


def _suggest_from(request: HttpRequest, data: Any) -> list[duplicates.Suggestion]:
    unit = Unit.objects.filter(key=(data.get("unit") or "").strip()).first()
    summary = data.get("summary") or ""
    if unit is None or not can(request.user, "petitions.view", unit) or len(summary) < 10:
        return []
    return duplicates.suggest(
        by=request.user,
        unit=unit,
        kind=data.get("kind") or "",
        summary=summary,
        petitioner_name=data.get("petitioner_name") or "",
        received_on=timezone.localdate(),
    )


@require_POST
def create(request: HttpRequest) -> HttpResponse:
    if not can_anywhere(request.user, "petitions.edit"):
        return _forbidden(request, "Bạn không có quyền tiếp nhận đơn.")
    form = PetitionForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.facts()
        try:
            with _web(request):
                p = actions.receive_petition(
                    by=request.user,
                    unit=form.cleaned_data["unit"],
                    case=form.cleaned_data.get("case"),
                    **data,
                )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, "Đã tiếp nhận đơn.")
            return redirect(p)
    return render(request, "petitions/form.html", _form_context(request, form), status=400)


def edit(request: HttpRequest, code: Any) -> HttpResponse:
    p = _get(request, code)
    if not can(request.user, "petitions.edit", p.unit):
        return _forbidden(request)
    fields = PetitionForm(user=request.user, petition=p).fields
    initial = {k: getattr(p, f"{k}_id" if k in {"body", "engagement"} else k) for k in fields}
    initial["received_on"] = p.received_on.strftime("%d/%m/%Y")
    form = PetitionForm(initial=initial, user=request.user, petition=p)
    return render(request, "petitions/form.html", _form_context(request, form, p))


@require_POST
def update(request: HttpRequest, code: Any) -> HttpResponse:
    p = _get(request, code)
    if not can(request.user, "petitions.edit", p.unit):
        return _forbidden(request)
    form = PetitionForm(request.POST, user=request.user, petition=p)
    if form.is_valid():
        try:
            with _web(request):
                actions.update_petition(p, by=request.user, **form.facts())
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, "Đã lưu thay đổi.")
            return redirect(p)
    return render(request, "petitions/form.html", _form_context(request, form, p), status=400)


def duplicate_suggestions(request: HttpRequest) -> HttpResponse:
    """htmx: likely duplicates of the petition being typed on the receive form."""
    found = _suggest_from(request, request.GET)
    chosen = request.GET.get("case") or ""
    return render(
        request,
        "petitions/partials/_suggestions_pick.html",
        {"suggestions": found, "chosen": chosen},
    )


def body_options(request: HttpRequest) -> HttpResponse:
    """htmx: the receiving-body options of the unit typed on the receive form."""
    form = PetitionForm(request.GET, user=request.user)
    return render(request, "petitions/partials/_body_options.html", {"field": form["body"]})


# --- Lifecycle -------------------------------------------------------------------------------

_TRANSITIONS: dict[str, Callable[..., Petition]] = {
    Status.CLASSIFIED: actions.classify_petition,
    Status.ACCEPTED: actions.accept_petition,
    Status.FORWARDED: actions.forward_petition,
    Status.REJECTED: actions.reject_petition,
    Status.SUSPENDED: actions.suspend_petition,
    Status.RESOLVED: actions.resolve_petition,
    Status.WITHDRAWN: actions.withdraw_petition,
}


def _transition_kwargs(p: Petition, to: str, data: dict[str, Any]) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"on_date": data["on_date"], "note": data.get("note", "")}
    if to == Status.CLASSIFIED:
        for key in TransitionForm.EXTRA[to]:
            if key in data and data[key] not in ("", None):
                kwargs[key] = data[key]
    elif to == Status.FORWARDED:
        kwargs["forwarded_to"] = data.get("forwarded_to", "")
    elif to == Status.REJECTED:
        kwargs["reason"] = data.get("reason", "")
    elif to == Status.RESOLVED:
        kwargs["outcome"] = data.get("outcome", "")
    return kwargs


def _run(request: HttpRequest, p: Petition, fn: Callable[[], Any]) -> HttpResponse | None:
    """Run an action for a POST; a refusal becomes 403, a domain error a message."""
    try:
        with _web(request):
            fn()
    except NotPermitted as e:
        return _forbidden(request, str(e))
    return None


@require_POST
def transition(request: HttpRequest, code: Any) -> HttpResponse:
    p = _get(request, code)
    to = request.POST.get("to", "")
    if to not in Status.values:
        messages.error(request, "Bước xử lý không hợp lệ.")
        return redirect(p)
    form = TransitionForm(request.POST, prefix=to)
    form.keep(to)
    if form.is_valid():
        if to == Status.IN_PROGRESS:
            fn = (
                actions.resume_petition
                if p.status == Status.SUSPENDED
                else actions.start_resolution
            )
        else:
            fn = _TRANSITIONS[to]
        kwargs = _transition_kwargs(p, to, form.cleaned_data)
        try:
            denied = _run(request, p, lambda: fn(p, by=request.user, **kwargs))
        except ValidationError as e:
            form.add_error(None, e)
        except InvalidTransition as e:
            messages.error(request, str(e))
        else:
            if denied is not None:
                return denied
            messages.success(request, f"Đã ghi bước “{_button_label(p, to)}”.")
            return redirect(p)
    p.refresh_from_db()
    context = _detail_context(request, p, forms={to: form}, open_form=to)
    return render(request, "petitions/detail.html", context, status=400)


@require_POST
def extend(request: HttpRequest, code: Any) -> HttpResponse:
    p = _get(request, code)
    form = ExtendForm(request.POST)
    if form.is_valid():
        try:
            denied = _run(
                request, p, lambda: actions.extend_deadline(p, by=request.user, **form.cleaned_data)
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            if denied is not None:
                return denied
            messages.success(request, "Đã gia hạn giải quyết.")
            return redirect(p)
    p.refresh_from_db()
    return render(
        request, "petitions/detail.html", _detail_context(request, p, extend_form=form), status=400
    )


def _simple_post(
    request: HttpRequest, p: Petition, fn: Callable[[], Any], done: str
) -> HttpResponse:
    try:
        denied = _run(request, p, fn)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect(p)
    if denied is not None:
        return denied
    messages.success(request, done)
    return redirect(p)


@require_POST
def recompute(request: HttpRequest, code: Any) -> HttpResponse:
    p = _get(request, code)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _simple_post(
        request,
        p,
        lambda: actions.recompute_deadline(p, by=request.user, note=note),
        "Đã tính lại hạn theo quy tắc hiện hành.",
    )


@require_POST
def attach(request: HttpRequest, code: Any) -> HttpResponse:
    p = _get(request, code)
    form = AttachForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Hãy chọn vụ việc để gộp.")
        return redirect(p)
    case = (
        visible(request.user, Case.objects, "petitions.view")
        .filter(code=form.cleaned_data["case"])
        .first()
    )
    if case is None:
        messages.error(request, "Không tìm thấy vụ việc này.")
        return redirect(p)
    return _simple_post(
        request,
        p,
        lambda: actions.attach_to_case(p, case, by=request.user),
        "Đã gộp đơn vào vụ việc.",
    )


@require_POST
def detach(request: HttpRequest, code: Any) -> HttpResponse:
    p = _get(request, code)
    return _simple_post(
        request,
        p,
        lambda: actions.detach_from_case(p, by=request.user),
        "Đã tách đơn thành vụ việc riêng.",
    )


@require_POST
def identity(request: HttpRequest, code: Any) -> HttpResponse:
    """htmx: reveal the petitioner (audited); denouncers only with `petitions.view_identity`."""
    p = _get(request, code)
    try:
        with _web(request):
            who = actions.reveal_identity(p, by=request.user)
    except NotPermitted:
        return render(
            request, "petitions/partials/_identity.html", {"p": p, "denied": True}, status=403
        )
    return render(request, "petitions/partials/_identity.html", {"p": p, "who": who})


# --- Statistics ----------------------------------------------------------------------------------


def stats(request: HttpRequest) -> HttpResponse:
    if not can_anywhere(request.user, "petitions.view"):
        return _forbidden(request, "Bạn chưa được giao vai trò nào để xem đơn thư.")
    data = request.GET.copy()
    if "don-vi" not in data:
        year = timezone.localdate().year
        data.update(
            {
                "don-vi": home_unit_key(request.user),
                "tu-ngay": f"01/01/{year}",
                "den-ngay": f"31/12/{year}",
            }
        )
    form = StatsForm(data, user=request.user)
    result = None
    if form.is_valid():
        result = petition_stats(
            form.cleaned_data["unit"],
            form.cleaned_data["tu-ngay"],
            form.cleaned_data["den-ngay"],
            by=request.user,
        )
    context = {
        "form": form,
        "result": result,
        "sentence": report_sentence(result) if result else "",
        "units": unit_choices(request.user, "petitions.view"),
        "rows": _stats_rows(),
        "kind_labels": dict(Petition._meta.get_field("kind").choices),
    }
    return render(request, "petitions/stats.html", context, status=200 if form.is_valid() else 400)


def _stats_rows() -> list[tuple[str, str]]:
    return [
        ("carried_over", "Kỳ trước chuyển sang"),
        ("received", "Tiếp nhận trong kỳ"),
        ("total", "Tổng số đơn"),
        ("cases", "Số vụ việc"),
        ("handled", "Đã xử lý"),
        ("on_time", "— đúng hạn"),
        ("late", "— quá hạn"),
        ("pending", "Chưa xử lý xong cuối kỳ"),
        ("pending_overdue", "— đã quá hạn"),
    ]


# --- Deadline calculator and rules --------------------------------------------------------------


@vary_on_headers("HX-Request")
def calculator(request: HttpRequest) -> HttpResponse:
    """Any logged-in official: when does a time limit end, and under which rule."""
    form = CalculatorForm(request.GET or None)
    result, error = None, ""
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        try:
            result = deadlines.compute(
                d["procedure"],
                d["step"] or None,
                d["start"],
                remote=d["remote"],
                complex=d["complex"],
                especially_complex=d["especially_complex"],
                extensions=d["extensions"] or 0,
            )
        except ValidationError as e:
            error = " ".join(e.messages)
    context = {"form": form, "result": result, "error": error}
    name = "petitions/partials/_calc_result.html" if request.htmx else "petitions/calculator.html"
    status = 400 if form.is_bound and (form.errors or error) else 200
    return render(request, name, context, status=status)


def _may_manage_rules(request: HttpRequest) -> bool:
    return can(request.user, "rules.manage", national_unit())


def rules(request: HttpRequest) -> HttpResponse:
    qs = DeadlineRule.objects.annotate(n_petitions=Count("petitions")).order_by(
        "procedure", "step", "variant", "valid_from"
    )
    on = None
    if request.GET.get("hieu-luc"):
        try:
            on = dt.datetime.strptime(request.GET["hieu-luc"], "%d/%m/%Y").date()  # noqa: DTZ007
        except ValueError:
            messages.error(request, "Ngày không hợp lệ (dùng dạng dd/mm/yyyy).")
    if on:
        qs = qs.in_force_on(on)
    groups: dict[str, list[DeadlineRule]] = {}
    for rule in qs:
        groups.setdefault(rule.get_procedure_display(), []).append(rule)
    context = {"groups": groups, "on": on, "may_manage": _may_manage_rules(request)}
    return render(request, "petitions/rules.html", context)


def rule_new(request: HttpRequest) -> HttpResponse:
    if not _may_manage_rules(request):
        return _forbidden(request, "Chỉ quản trị viên được sửa quy tắc thời hạn.")
    return render(request, "petitions/rule_form.html", {"form": RuleForm()})


@require_POST
def rule_create(request: HttpRequest) -> HttpResponse:
    if not _may_manage_rules(request):
        return _forbidden(request, "Chỉ quản trị viên được sửa quy tắc thời hạn.")
    form = RuleForm(request.POST)
    if form.is_valid():
        try:
            with _web(request):
                actions.create_rule(
                    by=request.user, code=form.cleaned_data["code"], **form.values()
                )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, "Đã thêm quy tắc thời hạn.")
            return redirect("petitions:rules")
    return render(request, "petitions/rule_form.html", {"form": form}, status=400)


def _rule(code: str) -> DeadlineRule:
    return get_object_or_404(DeadlineRule, code=code)


def rule_edit(request: HttpRequest, code: str) -> HttpResponse:
    """A rule's page: its figures, history and the petitions it timed; editable by admins."""
    rule = _rule(code)
    may_manage = _may_manage_rules(request)
    initial = {f: getattr(rule, f) for f in actions.RULE_FIELDS}
    for f in ("valid_from", "valid_to"):
        initial[f] = getattr(rule, f).strftime("%d/%m/%Y") if getattr(rule, f) else ""
    form = RuleForm(initial=initial, rule=rule)
    return render(
        request, "petitions/rule_form.html", _rule_context(request, rule, form, may_manage)
    )


def _rule_context(
    request: HttpRequest, rule: DeadlineRule, form: RuleForm, may_manage: bool
) -> dict[str, Any]:
    timed = visible(request.user, rule.petitions.open(), "petitions.view")
    return {
        "form": form,
        "rule": rule,
        "may_manage": may_manage,
        "events": history(rule),
        "open_count": timed.count(),
        "stale_count": timed.exclude(deadline_rule_revision=rule.revision).count(),
    }


@require_POST
def rule_update(request: HttpRequest, code: str) -> HttpResponse:
    rule = _rule(code)
    if not _may_manage_rules(request):
        return _forbidden(request, "Chỉ quản trị viên được sửa quy tắc thời hạn.")
    form = RuleForm(request.POST, rule=rule)
    if form.is_valid():
        try:
            with _web(request):
                actions.update_rule(rule, by=request.user, **form.values())
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(
                request, "Đã lưu quy tắc. Đơn đang xử lý giữ hạn cũ cho đến khi được tính lại."
            )
            return redirect("petitions:rules")
    return render(
        request, "petitions/rule_form.html", _rule_context(request, rule, form, True), status=400
    )
