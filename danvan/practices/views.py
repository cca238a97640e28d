"""Pages for "Dân vận khéo" models: list, detail, register, edit, transitions, attachments.

Thin views: fetch through the permission module (hidden looks like missing), validate
with a form, call one action, respond.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from danvan.accounts.permissions import can, can_anywhere, get_for_user, scope, visible
from danvan.audit.history import history
from danvan.audit.log import origin
from danvan.audit.models import Channel
from danvan.core.lifecycle import InvalidTransition
from danvan.units.models import Body
from danvan.units.search import search_units

from . import actions
from .forms import (
    TRANSITION_FORMS,
    AttachmentForm,
    PracticeFilterForm,
    PracticeForm,
    TransitionForm,
    apply_errors,
    find_unit,
)
from .models import Practice, PracticeAttachment
from .queries import similar_practices
from .states import ALLOWED, LABELS, Status

NAV = "practices"
UNIT_OPTIONS_LIMIT = 20
# Which permission each transition needs (the action checks it again).
TRANSITION_ACTION = {
    Status.IN_PROGRESS: "practices.edit",
    Status.EFFECTIVE: "practices.evaluate",
    Status.RECOGNISED: "practices.evaluate",
    Status.STOPPED: "practices.edit",
}
TRANSITION_TITLE = {
    Status.IN_PROGRESS: "Bắt đầu thực hiện",
    Status.EFFECTIVE: "Đánh giá có hiệu quả",
    Status.RECOGNISED: "Ghi nhận quyết định công nhận",
    Status.STOPPED: "Dừng thực hiện",
}
TRANSITION_URL = {
    Status.IN_PROGRESS: "practices:start",
    Status.EFFECTIVE: "practices:evaluate",
    Status.RECOGNISED: "practices:recognise",
    Status.STOPPED: "practices:stop",
}


def _web(request: HttpRequest):  # type: ignore[no-untyped-def]
    """Audit rows written while handling this request come from the web interface."""
    return origin(Channel.WEB, request.META.get("REMOTE_ADDR"))


def _fetch(request: HttpRequest, code: UUID) -> Practice:
    qs = Practice.objects.select_related(
        "unit", "body", "replicates__unit", "evaluated_by", "created_by"
    )
    return get_for_user(request.user, qs, "practices.view", code=code)


def filtered(request: HttpRequest) -> tuple[PracticeFilterForm, QuerySet[Practice]]:
    """The list's filter form and its queryset (also used by the XLSX/CSV export)."""
    form = PracticeFilterForm(request.GET or None, user=request.user)
    qs = form.apply(visible(request.user, Practice.objects.for_list(), "practices.view"))
    return form, qs


@vary_on_headers("HX-Request")
def practice_list(request: HttpRequest) -> HttpResponse:
    if not can_anywhere(request.user, "practices.view"):
        return render(request, "practices/list.html", {"page": None, "nav": NAV}, status=403)
    form, qs = filtered(request)
    page = Paginator(qs.order_by("-registered_on", "-pk"), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    by_status = dict(qs.order_by().values_list("status").annotate(n=Count("pk")))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "base_query": params.urlencode(),
        "status_counts": [(s, label, by_status.get(s, 0)) for s, label in Status.choices],
        "can_register": can_anywhere(request.user, "practices.edit"),
        "nav": NAV,
    }
    name = "practices/partials/_rows.html" if request.htmx else "practices/list.html"
    return render(request, name, context)


def _transition_forms(request: HttpRequest, p: Practice, bound: dict[str, TransitionForm]):  # type: ignore[no-untyped-def]
    """(state, title, url name, form) for every next state this user may move the record to."""
    out = []
    for to in sorted(ALLOWED.get(p.status, ()), key=list(Status.values).index):
        if to not in TRANSITION_FORMS or not can(request.user, TRANSITION_ACTION[to], p.unit):
            continue
        form = bound.get(to) or TRANSITION_FORMS[to](prefix=to)
        out.append(
            {"state": to, "title": TRANSITION_TITLE[to], "url": TRANSITION_URL[to], "form": form}
        )
    return out


def _render_detail(
    request: HttpRequest,
    p: Practice,
    *,
    bound: dict[str, TransitionForm] | None = None,
    attachment_form: AttachmentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    can_edit = can(request.user, "practices.edit", p.unit)
    replications = visible(
        request.user, p.replications.select_related("unit"), "practices.view"
    ).order_by("registered_on")
    source_visible = p.replicates is not None and can(
        request.user, "practices.view", p.replicates.unit
    )
    context = {
        "p": p,
        "transitions": p.transitions.select_related("by"),
        "attachments": p.attachments.all(),
        "replications": replications,
        "source_visible": source_visible,
        "events": history(p),
        "can_edit": can_edit,
        "can_replicate": p.status in (Status.EFFECTIVE, Status.RECOGNISED, Status.REPLICATED)
        and can_anywhere(request.user, "practices.edit"),
        "transition_forms": _transition_forms(request, p, bound or {}),
        "attachment_form": attachment_form or AttachmentForm(),
        "labels": LABELS,
        "nav": NAV,
    }
    return render(request, "practices/detail.html", context, status=status)


def detail(request: HttpRequest, code: UUID) -> HttpResponse:
    return _render_detail(request, _fetch(request, code))


def _initial_place(user: Any) -> dict[str, Any]:
    """The user's own unit and body, when they may register there."""
    body = getattr(user, "body", None)
    if body is not None and can(user, "practices.edit", body.unit):
        return {"unit": body.unit.key, "body": body.pk}
    return {}


def register(request: HttpRequest) -> HttpResponse:
    if not can_anywhere(request.user, "practices.edit"):
        raise PermissionDenied("Bạn không có quyền đăng ký mô hình.")
    source = None
    if request.method == "POST":
        form = PracticeForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                with _web(request):
                    p = actions.register_practice(
                        by=request.user,
                        unit=form.cleaned_data["unit"],
                        fields=form.action_fields(),
                        replicates=form.cleaned_data.get("replicates"),
                        acknowledge_similar=form.cleaned_data["acknowledge_similar"],
                        note=form.cleaned_data["note"],
                    )
            except ValidationError as e:
                apply_errors(form, e)
            else:
                messages.success(request, f"Đã đăng ký “{p.name}”.")
                return redirect(p)
        source = form.cleaned_data.get("replicates") if hasattr(form, "cleaned_data") else None
    else:
        initial: dict[str, Any] = {
            **_initial_place(request.user),
            "registered_on": timezone.localdate(),
        }
        code = request.GET.get("nhan-rong")
        if code:
            try:
                source = _fetch(request, UUID(code))
            except ValueError as e:
                raise Http404("Không tìm thấy.") from e
            initial.update(
                replicates=source.code,
                field=source.field,
                kind=source.kind,
                name=f"Nhân rộng mô hình “{source.name}”",
            )
        form = PracticeForm(initial=initial, user=request.user)
    similar = _similar_for(request, form) if request.method == "POST" else []
    context = {"form": form, "source": source, "similar": similar, "nav": NAV, "editing": False}
    return render(request, "practices/form.html", context, status=400 if form.errors else 200)


def _similar_for(request: HttpRequest, form: PracticeForm):  # type: ignore[no-untyped-def]
    if form.chosen_unit is None:
        return []
    return similar_practices(
        by=request.user,
        unit=form.chosen_unit,
        field=form.data.get("field", ""),
        name=form.data.get("name", ""),
        beneficiaries=form.data.get("beneficiaries", ""),
        exclude=form.practice,
    )


def edit(request: HttpRequest, code: UUID) -> HttpResponse:
    p = _fetch(request, code)
    if not can(request.user, "practices.edit", p.unit):
        raise PermissionDenied("Bạn không có quyền sửa mô hình này.")
    if request.method == "POST":
        form = PracticeForm(request.POST, user=request.user, practice=p)
        if form.is_valid():
            try:
                with _web(request):
                    actions.update_practice(
                        p,
                        by=request.user,
                        changes=form.action_fields(),
                        note=form.cleaned_data["note"],
                    )
            except ValidationError as e:
                apply_errors(form, e)
            else:
                messages.success(request, "Đã lưu thay đổi.")
                return redirect(p)
    else:
        initial = {name: getattr(p, name) for name in actions.EDITABLE if name != "covered_units"}
        initial["covered_units"] = list(p.covered_units.all())
        form = PracticeForm(initial=initial, user=request.user, practice=p)
    context = {"form": form, "p": p, "nav": NAV, "editing": True, "similar": []}
    return render(request, "practices/form.html", context, status=400 if form.errors else 200)


def _transition(
    request: HttpRequest, code: UUID, to: str, run: Callable[[Practice, dict[str, Any]], Any]
) -> HttpResponse:
    p = _fetch(request, code)
    form = TRANSITION_FORMS[to](request.POST, prefix=to)
    if form.is_valid():
        try:
            with _web(request):
                run(p, form.cleaned_data)
        except InvalidTransition as e:  # the state moved on (another tab, another user)
            messages.error(request, str(e))
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, f"Đã chuyển sang “{LABELS[to]}”.")
            return redirect(p)
    return _render_detail(request, p, bound={to: form}, status=400)


@require_POST
def start(request: HttpRequest, code: UUID) -> HttpResponse:
    return _transition(
        request,
        code,
        Status.IN_PROGRESS,
        lambda p, d: actions.start_practice(p, by=request.user, on=d["on"], note=d["note"]),
    )


@require_POST
def evaluate(request: HttpRequest, code: UUID) -> HttpResponse:
    return _transition(
        request,
        code,
        Status.EFFECTIVE,
        lambda p, d: actions.evaluate_practice(
            p, by=request.user, on=d["on"], result=d["result"], note=d["note"]
        ),
    )


@require_POST
def recognise(request: HttpRequest, code: UUID) -> HttpResponse:
    return _transition(
        request,
        code,
        Status.RECOGNISED,
        lambda p, d: actions.recognise_practice(
            p, by=request.user, on=d["on"], level=d["level"], decision=d["decision"], note=d["note"]
        ),
    )


@require_POST
def stop(request: HttpRequest, code: UUID) -> HttpResponse:
    return _transition(
        request,
        code,
        Status.STOPPED,
        lambda p, d: actions.stop_practice(p, by=request.user, on=d["on"], reason=d["reason"]),
    )


@require_POST
def attachment_upload(request: HttpRequest, code: UUID) -> HttpResponse:
    p = _fetch(request, code)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            with _web(request):
                actions.add_attachment(
                    p,
                    by=request.user,
                    kind=form.cleaned_data["kind"],
                    upload=form.cleaned_data["file"],
                )
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, "Đã tải tệp lên.")
            return redirect(p)
    return _render_detail(request, p, attachment_form=form, status=400)


def _attachment(request: HttpRequest, code: UUID, att: UUID) -> PracticeAttachment:
    p = _fetch(request, code)
    return get_object_or_404(
        PracticeAttachment.objects.select_related("practice__unit"), practice=p, code=att
    )


@require_GET
def attachment(request: HttpRequest, code: UUID, att: UUID) -> HttpResponse:
    """Stream a stored file after the permission check; there is no public media URL."""
    return stream_attachment(_attachment(request, code, att))


def stream_attachment(a: PracticeAttachment) -> FileResponse:
    try:
        handle = a.file.open("rb")
    except (FileNotFoundError, ValueError) as e:
        raise Http404("Không tìm thấy tệp.") from e
    inline = a.is_image or a.content_type == "application/pdf"
    response = FileResponse(
        handle, content_type=a.content_type, as_attachment=not inline, filename=a.original_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


@require_POST
def attachment_delete(request: HttpRequest, code: UUID, att: UUID) -> HttpResponse:
    a = _attachment(request, code, att)
    with _web(request):
        actions.remove_attachment(a, by=request.user)
    messages.success(request, f"Đã xóa tệp “{a.original_name}”.")
    return redirect(a.practice)


@require_GET
def similar(request: HttpRequest) -> HttpResponse:
    """htmx: models that look like the one being registered (a warning, not a block)."""
    unit = find_unit(request.user, "practices.edit", request.GET.get("unit", ""))
    found = []
    if unit is not None:
        found = similar_practices(
            by=request.user,
            unit=unit,
            field=request.GET.get("field", ""),
            name=request.GET.get("name", ""),
            beneficiaries=request.GET.get("beneficiaries", ""),
        )
    return render(request, "practices/partials/_similar.html", {"similar": found})


@require_GET
def unit_options(request: HttpRequest) -> HttpResponse:
    """htmx: <option>s of the unit picker, within the user's scope for the given purpose."""
    action = "practices.edit" if request.GET.get("muc-dich") == "dang-ky" else "practices.view"
    query = request.GET.get("q") or request.GET.get("unit") or request.GET.get("don-vi") or ""
    units = (
        search_units(query, scope(request.user, action)).select_related("parent")[
            :UNIT_OPTIONS_LIMIT
        ]
        if query.strip()
        else []
    )
    return render(request, "practices/partials/_unit_options.html", {"units": units})


@require_GET
def body_options(request: HttpRequest) -> HttpResponse:
    """htmx: the body <select> for the unit being typed in the register form."""
    unit = find_unit(request.user, "practices.edit", request.GET.get("unit", ""))
    bodies = Body.objects.filter(unit=unit).order_by("kind", "-valid_from") if unit else []
    return render(
        request, "practices/partials/_body_options.html", {"bodies": bodies, "unit": unit}
    )
