"""The working-day calendar: a year's exceptional days (everyone logged in), and
adding, correcting or removing a day (administrators: `rules.manage`)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.accounts.permissions import can
from danvan.audit.history import history
from danvan.audit.log import origin
from danvan.audit.models import Channel
from danvan.lib.workdays import working_days_between

from . import actions
from .calendar import calendar_for
from .forms import DayForm, EditDayForm, RemoveDayForm
from .models import CalendarDay, Source, national_unit

MIN_YEAR, MAX_YEAR = 1900, 2199


def _web(request: HttpRequest):  # type: ignore[no-untyped-def]
    return origin(Channel.WEB, request.META.get("REMOTE_ADDR"))


def _may_manage(request: HttpRequest) -> bool:
    return can(request.user, "rules.manage", national_unit())


def _denied(request: HttpRequest) -> HttpResponse:
    return render(request, "workcalendar/denied.html", status=403)


def _day(key: str) -> CalendarDay:
    try:
        day = dt.date.fromisoformat(key)
    except ValueError as e:
        raise Http404("Không tìm thấy.") from e
    found = CalendarDay.objects.filter(date=day).first()
    if found is None:
        raise Http404("Không tìm thấy.")
    return found


def year_view(request: HttpRequest, year: int | None = None) -> HttpResponse:
    year = year or timezone.localdate().year
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404("Không tìm thấy.")
    rows = list(CalendarDay.objects.in_year(year).select_related("created_by"))
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    cal = calendar_for(first, last)
    context = {
        "year": year,
        "days": [d for d in rows if not d.removed],
        "removed": [d for d in rows if d.removed],
        "working_days": working_days_between(first - dt.timedelta(days=1), last, cal),
        "may_manage": _may_manage(request),
        "suggested": Source.SUGGESTED,
    }
    return render(request, "workcalendar/year.html", context)


def day_new(request: HttpRequest) -> HttpResponse:
    if not _may_manage(request):
        return _denied(request)
    initial = {}
    if request.GET.get("ngay"):
        initial["date"] = request.GET["ngay"]
    return render(request, "workcalendar/day_form.html", {"form": DayForm(initial=initial)})


@require_POST
def day_create(request: HttpRequest) -> HttpResponse:
    if not _may_manage(request):
        return _denied(request)
    form = DayForm(request.POST)
    if form.is_valid():
        try:
            with _web(request):
                day = actions.add_day(by=request.user, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, f"Đã thêm ngày {day.date:%d/%m/%Y} vào lịch.")
            return redirect(reverse("workcalendar:year", args=[day.date.year]))
    return render(request, "workcalendar/day_form.html", {"form": form}, status=400)


def day_edit(request: HttpRequest, day: str) -> HttpResponse:
    row = _day(day)
    if not _may_manage(request):
        return _denied(request)
    form = EditDayForm(initial={f: getattr(row, f) for f in actions.FIELDS})
    return render(request, "workcalendar/day_form.html", _edit_context(row, form))


def _edit_context(row: CalendarDay, form: EditDayForm) -> dict:
    return {"form": form, "day": row, "events": history(row), "remove_form": RemoveDayForm()}


@require_POST
def day_update(request: HttpRequest, day: str) -> HttpResponse:
    row = _day(day)
    if not _may_manage(request):
        return _denied(request)
    form = EditDayForm(request.POST)
    if form.is_valid():
        try:
            with _web(request):
                actions.update_day(row, by=request.user, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, f"Đã cập nhật ngày {row.date:%d/%m/%Y}.")
            return redirect(reverse("workcalendar:year", args=[row.date.year]))
    return render(request, "workcalendar/day_form.html", _edit_context(row, form), status=400)


@require_POST
def day_remove(request: HttpRequest, day: str) -> HttpResponse:
    row = _day(day)
    if not _may_manage(request):
        return _denied(request)
    form = RemoveDayForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    with _web(request):
        actions.remove_day(row, by=request.user, note=note)
    messages.success(request, f"Đã bỏ ngày {row.date:%d/%m/%Y} khỏi lịch.")
    return redirect(reverse("workcalendar:year", args=[row.date.year]))
