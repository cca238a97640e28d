"""Commendation pages: list by unit and year, propose, detail, review, decide, reject."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from danvan.accounts import permissions
from danvan.audit.history import history
from danvan.core.lifecycle import InvalidTransition
from danvan.units.models import Body, BodyKind, UnitClosure

from .. import actions
from ..forms import (
    CommendationFilterForm,
    CommendationForm,
    DecideForm,
    RejectForm,
    ReturnForm,
    ReviewForm,
)
from ..models import AwardForm, Commendation, RecipientKind
from ..queries import get_commendation_for_user, territory
from ..states import COMMENDATION_ALLOWED, CommendationStatus
from .common import require_view_anywhere
from .pledges import _picked

PAGE_SIZE = 50


def filtered_commendations(
    request: HttpRequest,
) -> tuple[CommendationFilterForm, bool, QuerySet[Commendation]]:
    """The list's filter form, its validity and the visible, filtered queryset (also used
    by the spreadsheet export of this list)."""
    form = CommendationFilterForm.from_query(request.GET)
    valid = form.is_valid()
    qs = permissions.visible(request.user, Commendation.objects.all(), "emulation.view")
    if valid:
        d = form.cleaned_data
        if d.get("don_vi"):
            qs = qs.filter(unit__in=territory(d["don_vi"]))
        if d.get("nam"):
            qs = qs.filter(year=d["nam"])
        for field, key in (
            ("form", "hinh_thuc"),
            ("status", "trang_thai"),
            ("recipient_kind", "doi_tuong"),
        ):
            if d.get(key):
                qs = qs.filter(**{field: d[key]})
        if d.get("tu"):
            qs = qs.filter(proposed_on__gte=d["tu"])
        if d.get("den"):
            qs = qs.filter(proposed_on__lte=d["den"])
        if d.get("q"):
            qs = qs.search(d["q"])
    return form, valid, qs


def list_queryset(request: HttpRequest) -> QuerySet[Commendation]:
    """For the imports registry: "export this filtered list"."""
    return filtered_commendations(request)[2].for_list()


@vary_on_headers("HX-Request")
def commendation_list(request: HttpRequest) -> HttpResponse:
    require_view_anywhere(request)
    form, valid, qs = filtered_commendations(request)
    totals = {row["form"]: row["n"] for row in qs.values("form").annotate(n=Count("pk")).order_by()}
    page = Paginator(qs.for_list().order_by("-year", "-proposed_on", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page": page,
        "totals": [(label, totals[value]) for value, label in AwardForm.choices if value in totals],
        "forms": AwardForm.choices,
        "statuses": CommendationStatus.choices,
        "kinds": RecipientKind.choices,
        "can_edit": permissions.can_anywhere(request.user, "emulation.edit"),
        "query": request.GET.urlencode(),
    }
    template = (
        "emulation/partials/_commendation_rows.html"
        if request.htmx
        else "emulation/commendation_list.html"
    )
    return render(request, template, context, status=200 if valid else 400)


def commendation_new(request: HttpRequest) -> HttpResponse:
    if not permissions.can_anywhere(request.user, "emulation.edit"):
        raise PermissionDenied("Bạn không có quyền đề nghị khen thưởng.")
    form = CommendationForm(initial={"proposed_on": timezone.localdate()}, user=request.user)
    return render(request, "emulation/commendation_form.html", {"form": form})


def _chosen(form: CommendationForm) -> dict[str, Any]:
    """Re-show the pickers with what was chosen after a failed POST."""
    context = _picked(form)
    data = form.cleaned_data if hasattr(form, "cleaned_data") else {}
    context["chosen_person"] = data.get("person_obj")
    context["chosen_body"] = data.get("recipient_body_obj")
    return context


@require_POST
def commendation_create(request: HttpRequest) -> HttpResponse:
    form = CommendationForm(request.POST, user=request.user)
    if form.is_valid():
        d = form.cleaned_data
        try:
            c = actions.propose_commendation(
                by=request.user,
                unit=d["unit_obj"],
                form=d["form"],
                recipient_kind=d["recipient_kind"],
                proposed_on=d["proposed_on"],
                person=d.get("person_obj"),
                new_person_name=d.get("new_person_name") or "",
                recipient_body=d.get("recipient_body_obj"),
                recipient_name=d.get("recipient_name") or "",
                recipient_position=d.get("recipient_position") or "",
                proposer_body=d.get("body_obj"),
                year=d.get("year"),
                reason=d.get("reason") or "",
                movement=d.get("movement") or "",
                form_detail=d.get("form_detail") or "",
                conference=d.get("conference"),
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, "Đã ghi đề nghị khen thưởng.")
            return redirect(c)
    return render(
        request, "emulation/commendation_form.html", {"form": form, **_chosen(form)}, status=400
    )


def _awarding_bodies(c: Commendation) -> QuerySet[Body]:
    """Bodies that usually award: central commissions and the Front, and the Party
    committee, commission, Front and People's Committee of the unit and its ancestors."""
    ancestors = UnitClosure.objects.filter(descendant=c.unit).values("ancestor_id")
    kinds = [
        BodyKind.PARTY_COMMITTEE,
        BodyKind.MASS_MOBILIZATION,
        BodyKind.FATHERLAND_FRONT,
        BodyKind.PEOPLES_COMMITTEE,
    ]
    return (
        Body.objects.filter(unit_id__in=ancestors, kind__in=kinds)
        .select_related("unit")
        .order_by("unit__level", "kind", "valid_from")
    )


def _detail_context(request: HttpRequest, c: Commendation, **extra: Any) -> dict[str, Any]:
    can_decide = permissions.can(request.user, "emulation.decide", c.unit)
    return {
        "c": c,
        "transitions": c.transitions.select_related("by"),
        "events": history(c),
        "can_edit": permissions.can(request.user, "emulation.edit", c.unit)
        and c.status == CommendationStatus.PROPOSED,
        "can_decide": can_decide,
        "next": COMMENDATION_ALLOWED.get(c.status, frozenset()),
        "statuses": CommendationStatus,
        "awarding_bodies": _awarding_bodies(c) if can_decide else [],
        "decide_form": extra.pop(
            "decide_form", DecideForm(initial={"decided_on": timezone.localdate()})
        ),
        "reject_form": extra.pop("reject_form", RejectForm()),
        "return_form": extra.pop("return_form", ReturnForm()),
        "review_form": extra.pop("review_form", ReviewForm()),
        **extra,
    }


def commendation_detail(request: HttpRequest, code: str) -> HttpResponse:
    c = get_commendation_for_user(request.user, code)
    return render(request, "emulation/commendation_detail.html", _detail_context(request, c))


def commendation_edit(request: HttpRequest, code: str) -> HttpResponse:
    c = get_commendation_for_user(request.user, code)
    if not permissions.can(request.user, "emulation.edit", c.unit):
        raise PermissionDenied("Bạn không có quyền sửa đề nghị này.")
    form = CommendationForm(
        initial={
            "form": c.form,
            "form_detail": c.form_detail,
            "recipient_kind": c.recipient_kind,
            "recipient_name": c.recipient_name,
            "recipient_position": c.recipient_position,
            "proposed_on": c.proposed_on,
            "year": c.year,
            "reason": c.reason,
            "movement": c.movement,
            "conference": c.conference.code if c.conference_id else None,
        },
        user=request.user,
        editing=True,
    )
    context = {
        "form": form,
        "c": c,
        "picked_unit": c.unit,
        "picked_bodies": Body.objects.filter(unit=c.unit).order_by("kind", "valid_from"),
        "picked_body": c.proposer_body_id,
    }
    return render(request, "emulation/commendation_form.html", context)


@require_POST
def commendation_update(request: HttpRequest, code: str) -> HttpResponse:
    c = get_commendation_for_user(request.user, code)
    form = CommendationForm(request.POST, user=request.user, editing=True)
    if form.is_valid():
        d = form.cleaned_data
        try:
            actions.update_commendation(
                c,
                by=request.user,
                form=d["form"],
                recipient_position=d.get("recipient_position") or "",
                recipient_name=d.get("recipient_name") or "",
                proposer_body=d.get("body_obj"),
                proposed_on=d.get("proposed_on"),
                year=d.get("year"),
                reason=d.get("reason") or "",
                movement=d.get("movement") or "",
                form_detail=d.get("form_detail") or "",
                conference=d.get("conference"),
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, "Đã lưu.")
            return redirect(c)
    context = {"form": form, "c": c, **_picked(form)}
    if "picked_unit" not in context:
        context.update(
            {
                "picked_unit": c.unit,
                "picked_bodies": Body.objects.filter(unit=c.unit),
                "picked_body": c.proposer_body_id,
            }
        )
    return render(request, "emulation/commendation_form.html", context, status=400)


def _error(request: HttpRequest, c: Commendation, error: Exception, **forms: Any) -> HttpResponse:
    text = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    return render(
        request,
        "emulation/commendation_detail.html",
        _detail_context(request, c, error=text, **forms),
        status=400,
    )


@require_POST
def commendation_review(request: HttpRequest, code: str) -> HttpResponse:
    c = get_commendation_for_user(request.user, code)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _error(request, c, ValidationError("Ngày không hợp lệ."), review_form=form)
    try:
        actions.start_review(
            c,
            by=request.user,
            on=form.cleaned_data.get("on"),
            note=form.cleaned_data.get("note") or "",
        )
    except (ValidationError, InvalidTransition) as e:
        return _error(request, c, e, review_form=form)
    messages.success(request, "Đã chuyển sang xét khen thưởng.")
    return redirect(c)


@require_POST
def commendation_return(request: HttpRequest, code: str) -> HttpResponse:
    c = get_commendation_for_user(request.user, code)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _error(
            request, c, ValidationError("Hãy ghi lý do trả lại đề nghị."), return_form=form
        )
    try:
        actions.return_commendation(
            c, by=request.user, note=form.cleaned_data["note"], on=form.cleaned_data.get("on")
        )
    except (ValidationError, InvalidTransition) as e:
        return _error(request, c, e, return_form=form)
    messages.success(request, "Đã trả lại đề nghị.")
    return redirect(c)


@require_POST
def commendation_decide(request: HttpRequest, code: str) -> HttpResponse:
    c = get_commendation_for_user(request.user, code)
    form = DecideForm(request.POST)
    if not form.is_valid():
        return _error(request, c, ValidationError("Hãy sửa các ô được đánh dấu."), decide_form=form)
    d = form.cleaned_data
    try:
        actions.decide_commendation(
            c,
            by=request.user,
            decided_on=d["decided_on"],
            decision_number=d.get("decision_number") or "",
            awarding_body=d.get("awarding_body_obj"),
            awarding_body_name=d.get("awarding_body_name") or "",
            note=d.get("note") or "",
        )
    except (ValidationError, InvalidTransition) as e:
        return _error(request, c, e, decide_form=form)
    messages.success(request, "Đã ghi quyết định khen thưởng.")
    return redirect(c)


@require_POST
def commendation_reject(request: HttpRequest, code: str) -> HttpResponse:
    c = get_commendation_for_user(request.user, code)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _error(
            request, c, ValidationError("Hãy ghi lý do không khen thưởng."), reject_form=form
        )
    try:
        actions.reject_commendation(
            c, by=request.user, reason=form.cleaned_data["reason"], on=form.cleaned_data.get("on")
        )
    except (ValidationError, InvalidTransition) as e:
        return _error(request, c, e, reject_form=form)
    messages.success(request, "Đã ghi không khen thưởng.")
    return redirect(c)
