"""Key-task pages: list, overdue list per unit, detail with progress and carry-over."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from danvan.accounts.permissions import can, get_for_user, visible
from danvan.audit.history import history
from danvan.conferences.models import Conference
from danvan.conferences.views import apply_errors
from danvan.core.lifecycle import InvalidTransition

from . import actions
from .forms import CarryOverForm, ProgressForm, TaskFilterForm, TaskForm, TransitionForm
from .models import KeyTask, today

PAGE_SIZE = 50


def task_queryset(request: HttpRequest, *, overdue: bool = False) -> QuerySet[KeyTask]:
    """The list's rows with permission and filters. Also the XLSX export's queryset."""
    form = TaskFilterForm(request.GET)
    qs = visible(request.user, KeyTask.objects.for_list(), "followups.view")
    qs = form.apply(qs)
    if overdue:
        return qs.overdue().order_by("deadline", "unit__name", "pk")
    return qs.order_by("-conference__sort_on", "conference_id", "number", "pk")


def _list(request: HttpRequest, *, overdue: bool) -> HttpResponse:
    form = TaskFilterForm(request.GET)
    form.is_valid()
    page = Paginator(task_queryset(request, overdue=overdue), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "overdue": overdue,
        "today": today(),
        "nav": "followups",
        "unit": form.cleaned_data.get("unit") if form.is_bound and not form.errors else None,
    }
    name = "followups/partials/_rows.html" if request.htmx else "followups/list.html"
    return render(request, name, context, status=400 if form.errors else 200)


@require_GET
@vary_on_headers("HX-Request")
def task_list(request: HttpRequest) -> HttpResponse:
    return _list(request, overdue=False)


@require_GET
@vary_on_headers("HX-Request")
def overdue_list(request: HttpRequest) -> HttpResponse:
    """Overdue key tasks of a unit's subtree (?don-vi=<key>), oldest deadline first."""
    return _list(request, overdue=True)


def _get(request: HttpRequest, code: UUID, action: str = "followups.view") -> KeyTask:
    return get_for_user(
        request.user,
        KeyTask.objects.for_list().select_related(
            "conference__body", "carried_over_from__conference"
        ),
        action,
        code=code,
    )


def _detail_context(request: HttpRequest, task: KeyTask, **forms_: Any) -> dict[str, Any]:
    editable = can(request.user, "followups.edit", task.unit)
    carried_into = (
        KeyTask.objects.filter(carried_over_from=task).select_related("conference").first()
    )
    return {
        "t": task,
        "notes": task.progress_notes.select_related("by"),
        "transitions": task.transitions.select_related("by"),
        "co_owners": task.co_owners.all(),
        "carried_into": carried_into,
        "events": history(task),
        "editable": editable,
        "progress_form": forms_.get("progress_form") or ProgressForm(),
        "transition_form": forms_.get("transition_form") or TransitionForm(task=task),
        "carry_form": forms_.get("carry_form") or CarryOverForm(task=task, user=request.user),
        "nav": "followups",
    }


@require_GET
def detail(request: HttpRequest, code: UUID) -> HttpResponse:
    task = _get(request, code)
    return render(request, "followups/detail.html", _detail_context(request, task))


def _conference(request: HttpRequest, raw: str | None) -> Conference:
    """The conference a new task belongs to (?hoi-nghi=<code> or the form's hidden field)."""
    try:
        code = UUID(str(raw))
    except ValueError as e:
        raise Http404("Không tìm thấy hội nghị.") from e
    return get_for_user(
        request.user, Conference.objects.select_related("unit", "body"), "followups.edit", code=code
    )


@require_GET
def new(request: HttpRequest) -> HttpResponse:
    conference = _conference(request, request.GET.get("hoi-nghi"))
    form = TaskForm(
        unit=conference.unit, on=conference.held_on, initial={"conference": conference.code}
    )
    return render(
        request, "followups/form.html", {"form": form, "c": conference, "nav": "followups"}
    )


@require_POST
def create(request: HttpRequest) -> HttpResponse:
    conference = _conference(request, request.POST.get("conference"))
    form = TaskForm(request.POST, unit=conference.unit, on=conference.held_on)
    if form.is_valid():
        data = form.cleaned_data
        try:
            task = actions.create_task(
                by=request.user,
                conference=conference,
                number=data["number"],
                text=data["text"],
                owner_body=data["owner_body"],
                owner_person_name=data["owner_person_name"],
                co_owners=data["co_owners"],
                co_owners_text=data["co_owners_text"],
                deadline=data["deadline"],
                period_label=data["period_label"],
                period_from=data["period_from"],
                period_to=data["period_to"],
            )
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, f"Đã giao nhiệm vụ số {task.number}.")
            return redirect(conference.get_absolute_url() + "#nhiem-vu")
    return render(
        request,
        "followups/form.html",
        {"form": form, "c": conference, "nav": "followups"},
        status=400,
    )


@require_GET
def edit(request: HttpRequest, code: UUID) -> HttpResponse:
    task = _get(request, code, "followups.edit")
    form = TaskForm(unit=task.unit, on=_on(task), initial=TaskForm.initial_for(task))
    return render(
        request,
        "followups/form.html",
        {"form": form, "t": task, "c": task.conference, "nav": "followups"},
    )


def _on(task: KeyTask) -> Any:
    return task.conference.held_on if task.conference_id else None


@require_POST
def update(request: HttpRequest, code: UUID) -> HttpResponse:
    task = _get(request, code, "followups.edit")
    form = TaskForm(request.POST, unit=task.unit, on=_on(task), initial=TaskForm.initial_for(task))
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.update_task(
                task,
                by=request.user,
                co_owners=list(data["co_owners"]),
                number=data["number"] or task.number,
                text=data["text"],
                owner_body=data["owner_body"],
                owner_person_name=data["owner_person_name"],
                co_owners_text=data["co_owners_text"],
                deadline=data["deadline"],
                period_label=data["period_label"],
                period_from=data["period_from"],
                period_to=data["period_to"],
            )
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, "Đã lưu thay đổi.")
            return redirect(task)
    return render(
        request,
        "followups/form.html",
        {"form": form, "t": task, "c": task.conference, "nav": "followups"},
        status=400,
    )


@require_POST
def progress(request: HttpRequest, code: UUID) -> HttpResponse:
    task = _get(request, code, "followups.edit")
    form = ProgressForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.add_progress(
                task, by=request.user, on=data["on"], note=data["note"], percent=data["percent"]
            )
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, "Đã ghi nhận tiến độ.")
            return redirect(task)
    return render(
        request,
        "followups/detail.html",
        _detail_context(request, task, progress_form=form),
        status=400,
    )


@require_POST
def change_status(request: HttpRequest, code: UUID) -> HttpResponse:
    task = _get(request, code, "followups.edit")
    form = TransitionForm(request.POST, task=task)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.transition(
                task, to=data["to"], by=request.user, on=data["on"], note=data["note"]
            )
        except ValidationError as e:
            apply_errors(form, e)
        except InvalidTransition as e:
            form.add_error("to", str(e))
        else:
            messages.success(request, "Đã chuyển trạng thái.")
            return redirect(task)
    return render(
        request,
        "followups/detail.html",
        _detail_context(request, task, transition_form=form),
        status=400,
    )


@require_POST
def carry_over(request: HttpRequest, code: UUID) -> HttpResponse:
    task = _get(request, code, "followups.edit")
    form = CarryOverForm(request.POST, task=task, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            new = actions.carry_over(
                task,
                by=request.user,
                conference=data["conference"],
                deadline=data["deadline"],
                period_label=data["period_label"],
                note=data["note"],
            )
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, "Đã chuyển nhiệm vụ sang kỳ sau.")
            return redirect(new)
    return render(
        request,
        "followups/detail.html",
        _detail_context(request, task, carry_form=form),
        status=400,
    )
