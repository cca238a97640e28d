"""Pledge pages: list, create, detail (participants, criteria, ranking), scoring, lifecycle."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from danvan.accounts import permissions
from danvan.audit.history import history
from danvan.core.lifecycle import InvalidTransition
from danvan.units.models import Body, Unit

from .. import actions, queries
from ..forms import (
    CloseForm,
    CriterionForm,
    NoteForm,
    ParticipantAddForm,
    ParticipantForm,
    PledgeFilterForm,
    PledgeForm,
    RankingForm,
    SignForm,
    parse_decimal,
)
from ..models import Measure, PledgeCriterion, PledgeParticipant, PledgeScore, RankingBasis
from ..queries import get_pledge_for_user, territory, visible_pledges
from ..states import PLEDGE_EDITABLE, PLEDGE_SCORABLE, PledgeStatus
from .common import require_view_anywhere

PAGE_SIZE = 50


@vary_on_headers("HX-Request")
def pledge_list(request: HttpRequest) -> HttpResponse:
    require_view_anywhere(request)
    form = PledgeFilterForm.from_query(request.GET)
    valid = form.is_valid()
    qs = visible_pledges(request.user)
    if valid:
        d = form.cleaned_data
        if d.get("don_vi"):
            qs = qs.filter(unit__in=territory(d["don_vi"]))
        if d.get("nam"):
            qs = qs.filter(year=d["nam"])
        if d.get("trang_thai"):
            qs = qs.filter(status=d["trang_thai"])
        if d.get("q"):
            qs = qs.search(d["q"])
    page = Paginator(
        qs.for_list().order_by("-year", F("signed_on").desc(nulls_last=True), "-pk"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "statuses": PledgeStatus.choices,
        "can_edit": permissions.can_anywhere(request.user, "emulation.edit"),
    }
    template = (
        "emulation/partials/_pledge_rows.html" if request.htmx else "emulation/pledge_list.html"
    )
    return render(request, template, context, status=200 if valid else 400)


def pledge_new(request: HttpRequest) -> HttpResponse:
    if not permissions.can_anywhere(request.user, "emulation.edit"):
        raise PermissionDenied("Bạn không có quyền tạo giao ước.")
    form = PledgeForm(initial={"year": timezone.localdate().year + 1}, user=request.user)
    return render(request, "emulation/pledge_form.html", {"form": form})


def _picked(form: Any) -> dict[str, Any]:
    """Re-show the unit/body picker with what was chosen after a failed POST."""
    data = form.data if form.is_bound else {}
    body = (
        Body.objects.select_related("unit").filter(pk=data.get("body")).first()
        if str(data.get("body") or "").isdigit()
        else None
    )
    unit = Unit.objects.filter(key=data.get("unit", "")).first() or (body.unit if body else None)
    if unit is None:
        return {}
    return {
        "picked_unit": unit,
        "picked_bodies": Body.objects.filter(unit=unit).order_by("kind", "valid_from"),
        "picked_body": body.pk if body else None,
    }


@require_POST
def pledge_create(request: HttpRequest) -> HttpResponse:
    form = PledgeForm(request.POST, user=request.user)
    if form.is_valid():
        d = form.cleaned_data
        try:
            pledge = actions.create_pledge(
                by=request.user,
                body=d["body_obj"],
                year=d["year"],
                title=d.get("title") or "",
                movement=d.get("movement") or "",
                note=d.get("note") or "",
                conference=d.get("conference"),
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(
                request, "Đã tạo giao ước (dự thảo). Thêm đơn vị tham gia và tiêu chí."
            )
            return redirect(pledge)
    return render(
        request, "emulation/pledge_form.html", {"form": form, **_picked(form)}, status=400
    )


def _basis(request: HttpRequest) -> str:
    form = RankingForm({"cach_tinh": request.GET.get("cach-tinh", RankingBasis.RAW)})
    if not form.is_valid():
        return RankingBasis.RAW
    return form.cleaned_data["cach_tinh"] or RankingBasis.RAW


def _detail_context(request: HttpRequest, pledge: Any, **extra: Any) -> dict[str, Any]:
    basis = _basis(request)
    criteria, rows = queries.pledge_ranking(pledge, basis)
    can_edit = permissions.can(request.user, "emulation.edit", pledge.unit)
    participants = list(pledge.participants.select_related("body", "unit"))
    return {
        "pledge": pledge,
        "participants": participants,
        "criteria": criteria,
        "rows": rows,
        "basis": basis,
        "bases": RankingBasis.choices,
        "transitions": pledge.transitions.select_related("by"),
        "events": history(pledge),
        "can_edit": can_edit,
        "can_decide": permissions.can(request.user, "emulation.decide", pledge.unit),
        "editable": can_edit and pledge.status in PLEDGE_EDITABLE,
        "scorable": can_edit and pledge.status in PLEDGE_SCORABLE,
        "participant_form": extra.pop("participant_form", ParticipantAddForm()),
        "criterion_form": extra.pop(
            "criterion_form",
            CriterionForm(initial={"number": len(criteria) + 1, "measure": Measure.POINTS}),
        ),
        "sign_form": extra.pop("sign_form", SignForm(user=request.user)),
        "statuses": PledgeStatus,
        **extra,
    }


def pledge_detail(request: HttpRequest, code: str) -> HttpResponse:
    pledge = get_pledge_for_user(request.user, code)
    return render(request, "emulation/pledge_detail.html", _detail_context(request, pledge))


@vary_on_headers("HX-Request")
def pledge_ranking(request: HttpRequest, code: str) -> HttpResponse:
    """The ranking table alone (htmx), for a chosen basis (?cach-tinh=)."""
    pledge = get_pledge_for_user(request.user, code)
    basis = _basis(request)
    criteria, rows = queries.pledge_ranking(pledge, basis)
    context = {
        "pledge": pledge,
        "criteria": criteria,
        "rows": rows,
        "basis": basis,
        "bases": RankingBasis.choices,
    }
    if not request.htmx:
        return render(request, "emulation/pledge_detail.html", _detail_context(request, pledge))
    return render(request, "emulation/partials/_ranking.html", context)


def _edit_pledge(request: HttpRequest, code: str) -> Any:
    """A pledge the user may edit: 404 when hidden, 403 when only visible."""
    pledge = get_pledge_for_user(request.user, code)
    if not permissions.can(request.user, "emulation.edit", pledge.unit):
        raise PermissionDenied("Bạn không có quyền sửa giao ước này.")
    return pledge


def pledge_edit(request: HttpRequest, code: str) -> HttpResponse:
    pledge = _edit_pledge(request, code)
    form = PledgeForm(
        initial={
            "year": pledge.year,
            "title": pledge.title,
            "movement": pledge.movement,
            "note": pledge.note,
            "conference": pledge.conference.code if pledge.conference_id else None,
        },
        user=request.user,
        need_body=False,
    )
    return render(request, "emulation/pledge_form.html", {"form": form, "pledge": pledge})


@require_POST
def pledge_update(request: HttpRequest, code: str) -> HttpResponse:
    pledge = get_pledge_for_user(request.user, code)
    form = PledgeForm(request.POST, user=request.user, need_body=False)
    if form.is_valid():
        d = form.cleaned_data
        try:
            actions.update_pledge(
                pledge,
                by=request.user,
                title=d.get("title") or "",
                year=d["year"],
                movement=d.get("movement") or "",
                note=d.get("note") or "",
                conference=d.get("conference"),
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, "Đã lưu.")
            return redirect(pledge)
    return render(
        request, "emulation/pledge_form.html", {"form": form, "pledge": pledge}, status=400
    )


def _error_page(request: HttpRequest, pledge: Any, error: Exception, **forms: Any) -> HttpResponse:
    text = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    context = _detail_context(request, pledge, error=text, **forms)
    return render(request, "emulation/pledge_detail.html", context, status=400)


@require_POST
def participant_add(request: HttpRequest, code: str) -> HttpResponse:
    pledge = get_pledge_for_user(request.user, code)
    form = ParticipantAddForm(request.POST)
    if not form.is_valid():
        return _error_page(
            request,
            pledge,
            ValidationError("Hãy sửa các ô được đánh dấu."),
            participant_form=form,
            **_picked(form),
        )
    d = form.cleaned_data
    try:
        actions.add_participant(
            pledge,
            by=request.user,
            body=d["body_obj"],
            population=d.get("population"),
            villages=d.get("villages"),
            signer_name=d.get("signer_name") or "",
            note=d.get("note") or "",
        )
    except ValidationError as e:
        return _error_page(request, pledge, e, participant_form=form, **_picked(form))
    messages.success(request, f"Đã thêm {d['body_obj'].name}.")
    return redirect(pledge)


def _participant(pledge: Any, pk: int) -> PledgeParticipant:
    participant = pledge.participants.select_related("body").filter(pk=pk).first()
    if participant is None:
        raise Http404("Không tìm thấy.")
    return participant


@require_POST
def participant_update(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    pledge = get_pledge_for_user(request.user, code)
    participant = _participant(pledge, pk)
    form = ParticipantForm(request.POST)
    if not form.is_valid():
        return _error_page(
            request,
            pledge,
            ValidationError([str(e) for errs in form.errors.values() for e in errs]),
        )
    d = form.cleaned_data
    try:
        actions.update_participant(
            participant,
            by=request.user,
            population=d.get("population"),
            villages=d.get("villages"),
            signer_name=d.get("signer_name") or "",
            note=d.get("note") or "",
        )
    except ValidationError as e:
        return _error_page(request, pledge, e)
    messages.success(request, f"Đã lưu {participant.body.name}.")
    return redirect(pledge)


@require_POST
def participant_remove(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    pledge = get_pledge_for_user(request.user, code)
    participant = _participant(pledge, pk)
    try:
        actions.remove_participant(participant, by=request.user)
    except ValidationError as e:
        return _error_page(request, pledge, e)
    messages.success(request, "Đã bỏ đơn vị khỏi giao ước.")
    return redirect(pledge)


@require_POST
def criterion_save(request: HttpRequest, code: str) -> HttpResponse:
    pledge = get_pledge_for_user(request.user, code)
    form = CriterionForm(request.POST)
    if not form.is_valid():
        return _error_page(
            request, pledge, ValidationError("Hãy sửa các ô được đánh dấu."), criterion_form=form
        )
    d = form.cleaned_data
    try:
        actions.set_criterion(
            pledge,
            by=request.user,
            number=d["number"],
            text=d["text"],
            measure=d["measure"],
            max_score=d["max_score"],
            weight=d.get("weight") or Decimal(1),
        )
    except ValidationError as e:
        return _error_page(request, pledge, e, criterion_form=form)
    messages.success(request, f"Đã ghi tiêu chí {d['number']}.")
    return redirect(pledge)


@require_POST
def criterion_remove(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    pledge = get_pledge_for_user(request.user, code)
    criterion = PledgeCriterion.objects.filter(pledge=pledge, pk=pk).first()
    if criterion is None:
        raise Http404("Không tìm thấy.")
    try:
        actions.remove_criterion(criterion, by=request.user)
    except ValidationError as e:
        return _error_page(request, pledge, e)
    messages.success(request, "Đã bỏ tiêu chí.")
    return redirect(pledge)


@require_POST
def pledge_sign(request: HttpRequest, code: str) -> HttpResponse:
    pledge = get_pledge_for_user(request.user, code)
    form = SignForm(request.POST, user=request.user)
    if not form.is_valid():
        return _error_page(
            request, pledge, ValidationError("Hãy sửa các ô được đánh dấu."), sign_form=form
        )
    d = form.cleaned_data
    try:
        actions.sign_pledge(
            pledge,
            by=request.user,
            signed_on=d["signed_on"],
            conference=d.get("conference"),
            note=d.get("note") or "",
        )
    except (ValidationError, InvalidTransition) as e:
        return _error_page(request, pledge, e, sign_form=form)
    messages.success(request, "Đã ghi ký kết giao ước.")
    return redirect(pledge)


def _grid(pledge: Any) -> tuple[list[Any], list[Any], dict[tuple[int, int], Any]]:
    participants = list(pledge.participants.select_related("body", "unit"))
    criteria = list(pledge.criteria.all())
    cells = {
        (s.participant_id, s.criterion_id): s
        for s in PledgeScore.objects.filter(participant__pledge=pledge)
    }
    return participants, criteria, cells


def _grid_rows(
    participants: list[Any],
    criteria: list[Any],
    cells: dict[tuple[int, int], Any],
    posted: Any = None,
    errors: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    rows = []
    for p in participants:
        row = []
        for c in criteria:
            name = f"s_{p.pk}_{c.pk}"
            score = cells.get((p.pk, c.pk))
            value = (
                posted.get(name, "")
                if posted is not None
                else (f"{score.value:g}".replace(".", ",") if score else "")
            )
            row.append(
                {
                    "name": name,
                    "value": value,
                    "criterion": c,
                    "error": (errors or {}).get(name, ""),
                }
            )
        rows.append({"participant": p, "cells": row})
    return rows


def scores(request: HttpRequest, code: str) -> HttpResponse:
    """The scoring grid: one row per participant, one column per criterion."""
    pledge = _edit_pledge(request, code)
    participants, criteria, cells = _grid(pledge)
    context = {
        "pledge": pledge,
        "criteria": criteria,
        "rows": _grid_rows(participants, criteria, cells),
        "scorable": pledge.status in PLEDGE_SCORABLE,
    }
    return render(request, "emulation/scores.html", context)


@require_POST
def scores_save(request: HttpRequest, code: str) -> HttpResponse:
    pledge = get_pledge_for_user(request.user, code)
    participants, criteria, cells = _grid(pledge)
    inputs: list[actions.ScoreInput] = []
    errors: dict[str, str] = {}
    for p in participants:
        for c in criteria:
            name = f"s_{p.pk}_{c.pk}"
            if name not in request.POST:
                continue
            raw = request.POST[name].strip()
            try:
                value = parse_decimal(raw) if raw else None
            except ValueError as e:
                errors[name] = str(e)
                continue
            inputs.append(actions.ScoreInput(participant=p, criterion=c, value=value))
    error = ""
    if not errors:
        try:
            n = actions.record_scores(pledge, inputs, by=request.user)
        except ValidationError as e:
            error = "; ".join(e.messages)
        else:
            messages.success(request, f"Đã lưu {n} ô điểm." if n else "Không có gì thay đổi.")
            return redirect(pledge)
    context = {
        "pledge": pledge,
        "criteria": criteria,
        "rows": _grid_rows(participants, criteria, cells, request.POST, errors),
        "scorable": pledge.status in PLEDGE_SCORABLE,
        "error": error or "Có ô điểm không hợp lệ.",
    }
    return render(request, "emulation/scores.html", context, status=400)


@require_POST
def pledge_close(request: HttpRequest, code: str) -> HttpResponse:
    pledge = get_pledge_for_user(request.user, code)
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _error_page(
            request,
            pledge,
            ValidationError([str(e) for errs in form.errors.values() for e in errs]),
        )
    try:
        actions.close_scoring(
            pledge,
            by=request.user,
            on=form.cleaned_data.get("on"),
            note=form.cleaned_data.get("note") or "",
        )
    except (ValidationError, InvalidTransition) as e:
        return _error_page(request, pledge, e)
    messages.success(request, "Đã tổng kết, chốt điểm giao ước.")
    return redirect(pledge)


@require_POST
def pledge_reopen(request: HttpRequest, code: str) -> HttpResponse:
    pledge = get_pledge_for_user(request.user, code)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _error_page(request, pledge, ValidationError("Hãy ghi lý do mở lại chấm điểm."))
    try:
        actions.reopen_scoring(pledge, by=request.user, note=form.cleaned_data["note"])
    except (ValidationError, InvalidTransition) as e:
        return _error_page(request, pledge, e)
    messages.success(request, "Đã mở lại chấm điểm.")
    return redirect(pledge)


@require_POST
def pledge_cancel(request: HttpRequest, code: str) -> HttpResponse:
    pledge = get_pledge_for_user(request.user, code)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _error_page(request, pledge, ValidationError("Hãy ghi lý do hủy giao ước."))
    try:
        actions.cancel_pledge(pledge, by=request.user, note=form.cleaned_data["note"])
    except (ValidationError, InvalidTransition) as e:
        return _error_page(request, pledge, e)
    messages.success(request, "Đã hủy giao ước.")
    return redirect(pledge)
