"""Reporting pages: dashboard, figures with drill-down, the report workflow and the
upper level's submission status. Thin: fetch with permission, validate, call one action."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from danvan.accounts import permissions
from danvan.audit.history import history
from danvan.lib.periods import KIND_LABELS, Period, PeriodKind, build
from danvan.units.models import Unit, UnitClosure

from . import actions, charts
from . import figures as F
from .compile import children_in_force, compile_report, differences, period_of
from .models import Indicator, Report, ReportStatus, ReportTemplate
from .states import EDITABLE

PAGE_SIZE = 50


def _no_role(request: HttpRequest, title: str) -> HttpResponse:
    return render(request, "reporting/no_role.html", {"title": title}, status=403)


def _bad(request: HttpRequest, title: str, error: ValidationError) -> HttpResponse:
    return render(
        request, "reporting/error.html", {"title": title, "errors": error.messages}, status=400
    )


def _unit_options(user: Any) -> list[Unit]:
    if getattr(user, "is_superuser", False):
        roots = Unit.objects.filter(level__in=["nation", "province"]).current()
    else:
        roots = Unit.objects.filter(pk__in=permissions.root_ids(user, "reporting.view"))
    ids = roots.values("pk")
    from django.db.models import Q

    return list(
        Unit.objects.filter(Q(pk__in=ids) | Q(parent__in=ids)).order_by("level", "code")[:300]
    )


def _choice(request: HttpRequest) -> dict[str, Any]:
    """Unit, period and view from the query string (validated); raises ValidationError / Http404."""
    g = request.GET
    unit = F.unit_for(request.user, g.get("don-vi"))
    period = F.period_from(g)
    view = F.view_from(g.get("cach-xem"))
    return {"unit": unit, "period": period, "view": view}


def _selection_context(
    request: HttpRequest, unit: Unit, period: Period, view: str
) -> dict[str, Any]:
    g = request.GET
    return {
        "unit": unit,
        "period": period,
        "view": view,
        "views": F.VIEWS,
        "kinds": [(k.value, KIND_LABELS[k]) for k in F.PERIOD_KINDS],
        "kind": g.get("ky") or ("custom" if g.get("tu") else period.kind),
        "year": g.get("nam") or period.start.year,
        "part": g.get("phan") or 1,
        "tu": g.get("tu", ""),
        "den": g.get("den", ""),
        "unit_options": _unit_options(request.user),
        "ancestors": [
            a for a in unit.ancestors() if permissions.can(request.user, "reporting.view", a)
        ],
    }


def _query(unit: Unit, period: Period, view: str, **extra: Any) -> str:
    params = {"don-vi": unit.key, "tu": f"{period.start:%d/%m/%Y}", "den": f"{period.end:%d/%m/%Y}"}
    if view != F.AS_REPORTED:
        params["cach-xem"] = view
    params.update(extra)
    return urlencode(params)


# --- figures and drill-down ---------------------------------------------------------------


def figures_page(request: HttpRequest) -> HttpResponse:
    title = "Số liệu tổng hợp"
    if not permissions.can_anywhere(request.user, "reporting.view"):
        return _no_role(request, title)
    try:
        choice = _choice(request)
    except ValidationError as e:
        return _bad(request, title, e)
    unit, period, view = choice["unit"], choice["period"], choice["view"]
    result = F.compute(F.visible_indicators(), unit, period, view)
    rows = [(u, [values[i.code] for i in result.indicators]) for u, values in result.rows]
    context = _selection_context(request, unit, period, view) | {
        "result": result,
        "rows": rows,
        "groups": [
            (g, [(i, result.values[i.code], result.own_lower[i.code]) for i in inds])
            for g, inds in result.groups()
        ],
        "drill_base": reverse("reporting:records"),
        "period_query": {"tu": f"{period.start:%d/%m/%Y}", "den": f"{period.end:%d/%m/%Y}"},
        "self_query": _query(unit, period, view),
    }
    return render(request, "reporting/figures.html", context)


def records(request: HttpRequest) -> HttpResponse:
    title = "Hồ sơ sau số liệu"
    if not permissions.can_anywhere(request.user, "reporting.view"):
        return _no_role(request, title)
    g = request.GET
    indicator = (
        Indicator.objects.select_related("inflow").filter(code=g.get("chi-tieu", "")).first()
    )
    if indicator is None:
        raise Http404("Không có chỉ tiêu này.")
    unit = F.unit_for(request.user, g.get("don-vi"))
    try:
        period = F.period_from(g)
        drilled = F.drill_indicator(indicator)
        view = F.view_from(g.get("cach-xem"))
        qs = F.behind(request.user, drilled, unit, period, view)
    except ValidationError as e:
        return _bad(request, title, e)
    page = Paginator(qs, PAGE_SIZE).get_page(g.get("page"))
    items = [(obj, F.record_link(obj)) for obj in page.object_list]
    query = urlencode({k: v for k, v in g.items() if k != "page"})
    return render(
        request,
        "reporting/records.html",
        {
            "indicator": indicator,
            "drilled": drilled,
            "unit": unit,
            "period": period,
            "page": page,
            "items": items,
            "query": query,
        },
    )


# --- dashboard ----------------------------------------------------------------------------


def _last_quarters(end: dt.date, n: int = 8) -> list[Period]:
    q, year = (end.month - 1) // 3 + 1, end.year
    out = []
    for _ in range(n):
        out.append(build(PeriodKind.QUARTER, year, part=q))
        q, year = (q - 1, year) if q > 1 else (4, year - 1)
    return out[::-1]


def _url(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def _subtree(unit: Unit):  # type: ignore[no-untyped-def]
    return UnitClosure.objects.filter(ancestor=unit).values("descendant_id")


def _petition_status(user: Any, unit: Unit, period: Period) -> list[tuple[str, int]]:
    if not apps.is_installed("danvan.petitions") or not permissions.can_anywhere(
        user, "petitions.view"
    ):
        return []
    from danvan.petitions.models import Petition

    qs = permissions.visible(
        user,
        Petition.objects.filter(unit__in=_subtree(unit), received_on__lte=period.end),
        "petitions.view",
    )
    labels = dict(Petition._meta.get_field("status").choices)
    counts = qs.values("status").annotate(n=Count("pk")).order_by("status")
    return [(str(labels.get(r["status"], r["status"])), r["n"]) for r in counts]


def _overdue(user: Any, unit: Unit) -> list[dict[str, Any]]:
    out = []
    today = timezone.localdate()
    if apps.is_installed("danvan.followups") and permissions.can_anywhere(user, "followups.view"):
        from danvan.followups.models import KeyTask

        n = permissions.visible(
            user, KeyTask.objects.filter(unit__in=_subtree(unit)).overdue(today), "followups.view"
        ).count()
        out.append(
            {"label": "Nhiệm vụ trọng tâm quá hạn", "count": n, "url": _url("followups:overdue")}
        )
    if apps.is_installed("danvan.petitions") and permissions.can_anywhere(user, "petitions.view"):
        from danvan.petitions.models import Petition

        n = permissions.visible(
            user, Petition.objects.filter(unit__in=_subtree(unit)).overdue(today), "petitions.view"
        ).count()
        out.append(
            {"label": "Đơn thư quá hạn giải quyết", "count": n, "url": _url("petitions:due")}
        )
    return out


def _status_rows(
    template: ReportTemplate | None, unit: Unit, period: Period
) -> list[dict[str, Any]]:
    if template is None:
        return []
    children = children_in_force(unit, period)
    reports = {
        r.unit_id: r
        for r in Report.objects.filter(
            template=template, unit__in=children, period_start=period.start, period_end=period.end
        )
    }
    rows = []
    for child in children:
        r = reports.get(child.pk)
        if r is None:
            timeliness = "Chưa gửi"
        elif r.submitted_at is None:
            timeliness = "Chưa gửi"
        else:
            timeliness = "Đúng hạn" if r.on_time else "Trễ hạn"
        rows.append(
            {
                "unit": child,
                "report": r,
                "status": r.get_status_display() if r else "Chưa có báo cáo",
                "timeliness": timeliness,
            }
        )
    return rows


def _template_period(template: ReportTemplate, params: Any, today: dt.date | None = None) -> Period:
    today = today or timezone.localdate()
    try:
        year = int(params.get("nam") or today.year)
        part = int(params.get("phan") or 1)
    except ValueError as e:
        raise ValidationError("Năm và kỳ phải là số.") from e
    return F.template_period(template.period_kind, year, part, template.cutoff_offset_days)


def dashboard(request: HttpRequest) -> HttpResponse:
    title = "Báo cáo, thống kê"
    if not permissions.can_anywhere(request.user, "reporting.view"):
        return _no_role(request, title)
    try:
        choice = _choice(request)
    except ValidationError as e:
        return _bad(request, title, e)
    unit, period, view = choice["unit"], choice["period"], choice["view"]
    indicators = {i.code: i for i in F.visible_indicators()}
    trend_codes = [
        c for c in ("meetings_held", "petitions_received", "petitions_resolved") if c in indicators
    ]
    quarters = _last_quarters(min(period.end, timezone.localdate()))
    trend_values: dict[str, list[int | None]] = {c: [] for c in trend_codes}
    for q in quarters:
        table = (F.recast_table if view == F.RECAST and unit.is_current else _plain_table)(
            [indicators[c] for c in trend_codes], [unit], q
        )
        for c in trend_codes:
            trend_values[c].append(table[(c, unit.pk)])
    q_labels = [q.label.replace("quý ", "") for q in quarters]
    field_codes = [c for c in indicators if c.startswith("models_registered_new_")]
    compare_code = (
        "petitions_received" if "petitions_received" in indicators else next(iter(indicators), None)
    )
    table_codes = [
        c
        for c in (
            "meetings_held",
            "attendance",
            "petitions_received",
            "petitions_resolved",
            "models_registered_new",
        )
        if c in indicators
    ]
    result = F.compute(
        [indicators[c] for c in dict.fromkeys([*field_codes, *trend_codes, *table_codes])]
        or list(indicators.values()),
        unit,
        period,
        view,
    )
    lower = (
        [(u.short_name or u.name, v.get(compare_code)) for u, v in result.rows]
        if compare_code
        else []
    )
    lower_meetings = [(u.short_name or u.name, v.get("meetings_held")) for u, v in result.rows]
    fields = [(indicators[c].label.split("lĩnh vực ")[-1], result.values[c]) for c in field_codes]
    status = _petition_status(request.user, unit, period)
    templates = list(ReportTemplate.objects.order_by("name"))
    template = next(
        (t for t in templates if t.code == request.GET.get("mau")),
        templates[0] if templates else None,
    )
    try:
        template_period = _template_period(template, request.GET) if template else None
    except (
        ValidationError
    ):  # the part chosen for the figures (e.g. quarter 3) may not fit the template
        template_period = F.template_period(
            template.period_kind, period.start.year, 1, template.cutoff_offset_days
        )
    status_rows = _status_rows(template, unit, template_period) if template_period else []
    chart_list = [
        {
            "title": f"Diễn biến theo quý – {unit.name}",
            "svg": charts.trend(
                "Diễn biến theo quý",
                q_labels,
                [(indicators[c].label, trend_values[c]) for c in trend_codes],
            ),
            "head": ["Quý", *[indicators[c].label for c in trend_codes]],
            "rows": [
                [lab, *[trend_values[c][i] for c in trend_codes]] for i, lab in enumerate(q_labels)
            ],
        },
    ]
    if compare_code:
        chart_list.append(
            {
                "title": f"{indicators[compare_code].label} – so sánh đơn vị cấp dưới",
                "svg": charts.hbars(indicators[compare_code].label, lower),
                "head": ["Đơn vị", indicators[compare_code].label],
                "rows": [list(r) for r in lower],
            }
        )
    if "meetings_held" in indicators:
        chart_list.append(
            {
                "title": "Hội nghị tuyên truyền, vận động – so sánh đơn vị cấp dưới",
                "svg": charts.hbars("Hội nghị tuyên truyền, vận động", lower_meetings),
                "head": ["Đơn vị", "Số cuộc"],
                "rows": [list(r) for r in lower_meetings],
            }
        )
    if fields:
        chart_list.append(
            {
                "title": "Mô hình “Dân vận khéo” đăng ký mới theo lĩnh vực",
                "svg": charts.hbars("Mô hình theo lĩnh vực", fields),
                "head": ["Lĩnh vực", "Số mô hình"],
                "rows": [list(r) for r in fields],
            }
        )
    if status:
        chart_list.append(
            {
                "title": "Đơn thư theo trạng thái (tiếp nhận đến hết kỳ)",
                "svg": charts.hbars("Đơn thư theo trạng thái", status),
                "head": ["Trạng thái", "Số đơn"],
                "rows": [list(r) for r in status],
            }
        )
    context = _selection_context(request, unit, period, view) | {
        "charts": chart_list,
        "overdue": _overdue(request.user, unit),
        "lower_head": [indicators[c] for c in table_codes],
        "lower_rows": [(u, [values.get(c) for c in table_codes]) for u, values in result.rows],
        "templates": templates,
        "template": template,
        "template_period": template_period,
        "status_rows": status_rows,
        "self_query": _query(unit, period, view),
    }
    return render(request, "reporting/dashboard.html", context)


def _plain_table(indicators, units, period):  # type: ignore[no-untyped-def]
    from . import rollup

    return rollup.table(indicators, units, period)


# --- reports ------------------------------------------------------------------------------

STATUS_CHOICES = ReportStatus.choices


@vary_on_headers("HX-Request")
def report_list(request: HttpRequest) -> HttpResponse:
    title = "Báo cáo định kỳ"
    user = request.user
    if not permissions.can_anywhere(user, "reporting.view"):
        return _no_role(request, title)
    g = request.GET
    qs = permissions.visible(
        user, Report.objects.select_related("template", "unit"), "reporting.view"
    )
    if g.get("mau"):
        qs = qs.filter(template__code=g["mau"])
    if g.get("trang-thai"):
        qs = qs.filter(status=g["trang-thai"])
    if g.get("cu") == "1":
        qs = qs.filter(stale=True)
    if g.get("don-vi"):
        unit = F.unit_for(user, g["don-vi"])
        qs = qs.filter(unit__in=_subtree(unit))
    if g.get("nam"):
        try:
            year = int(g["nam"])
        except ValueError:
            return _bad(request, title, ValidationError("Năm phải là số."))
        qs = qs.filter(period_end__year=year)
    page = Paginator(qs.order_by("-period_end", "unit__code", "pk"), PAGE_SIZE).get_page(
        g.get("page")
    )
    context = {
        "page": page,
        "templates": ReportTemplate.objects.order_by("name"),
        "statuses": STATUS_CHOICES,
        "query": urlencode({k: v for k, v in g.items() if k != "page"}),
        "f": {
            "mau": g.get("mau", ""),
            "status": g.get("trang-thai", ""),
            "unit": g.get("don-vi", ""),
            "nam": g.get("nam", ""),
            "cu": g.get("cu", ""),
        },
        "can_create": permissions.can_anywhere(user, "reporting.edit"),
        "unit_options": _unit_options(user),
    }
    template = "reporting/partials/_rows.html" if request.htmx else "reporting/list.html"
    return render(request, template, context)


def _edit_units(user: Any) -> list[Unit]:
    if getattr(user, "is_superuser", False):
        return list(
            Unit.objects.filter(level__in=["nation", "province"])
            .current()
            .order_by("level", "code")
        )
    return list(
        Unit.objects.filter(pk__in=permissions.root_ids(user, "reporting.edit"))
        .current()
        .order_by("level", "code")
    )


def report_new(request: HttpRequest) -> HttpResponse:
    title = "Tạo báo cáo của đơn vị"
    user = request.user
    if not permissions.can_anywhere(user, "reporting.edit"):
        return _no_role(request, title)
    context = {
        "templates": ReportTemplate.objects.order_by("name"),
        "units": _edit_units(user),
        "year": timezone.localdate().year,
        "errors": [],
        "data": request.POST or {},
    }
    if request.method != "POST":
        return render(request, "reporting/new.html", context)
    template = ReportTemplate.objects.filter(code=request.POST.get("mau", "")).first()
    errors = []
    if template is None:
        errors.append("Hãy chọn mẫu báo cáo.")
    unit = None
    key = request.POST.get("don-vi", "")
    if key:
        unit = Unit.objects.filter(key=key).first()
    if unit is None or not permissions.can(user, "reporting.edit", unit):
        errors.append("Hãy chọn đơn vị bạn được quyền soạn báo cáo.")
    period = None
    if template is not None:
        try:
            period = _template_period(template, request.POST)
        except ValidationError as e:
            errors.extend(e.messages)
    if errors:
        return render(request, "reporting/new.html", context | {"errors": errors}, status=400)
    report = actions.create_report(by=user, template=template, unit=unit, period=period)
    return redirect("reporting:detail", code=report.code)


def _get_report(request: HttpRequest, code: UUID) -> Report:
    return permissions.get_for_user(
        request.user,
        Report.objects.select_related("template", "unit", "unit__parent"),
        "reporting.view",
        code=code,
    )


def _approver_unit(report: Report) -> Unit:
    return report.unit.parent or report.unit


def _detail(
    request: HttpRequest, report: Report, *, status: int = 200, errors: list[str] | None = None
) -> HttpResponse:
    user = request.user
    snapshot = report.snapshots.first()
    compiled = compile_report(report)
    approved = report.status == ReportStatus.APPROVED and snapshot is not None
    figures = snapshot.figures if approved else compiled.figures
    may_approve = permissions.can(user, "reporting.approve", _approver_unit(report))
    period = period_of(report)
    rows = [
        {
            "indicator": i,
            "value": figures.get(i.code),
            "own": compiled.own_lower[i.code][0],
            "lower": compiled.own_lower[i.code][1],
            "drill": (
                reverse("reporting:records")
                + "?"
                + urlencode(
                    {
                        "chi-tieu": i.code,
                        "don-vi": report.unit.key,
                        "tu": f"{period.start:%d/%m/%Y}",
                        "den": f"{period.end:%d/%m/%Y}",
                    }
                )
            )
            if i.source or i.inflow_id
            else "",
        }
        for i in compiled.indicators
    ]
    context = {
        "report": report,
        "compiled": compiled,
        "snapshot": snapshot if approved else None,
        "rows": rows,
        "lower_rows": [
            (r, [r.figures.get(i.code) for i in compiled.indicators]) for r in compiled.lower_units
        ],
        "sections": [(s, report.narratives.get(s, "")) for s in report.template.sections],
        "can_edit": report.status in EDITABLE
        and permissions.can(user, "reporting.edit", report.unit),
        "can_approve": may_approve and report.status == ReportStatus.SUBMITTED,
        "can_return": may_approve
        and report.status in (ReportStatus.SUBMITTED, ReportStatus.APPROVED),
        "differences": differences(report) if report.stale else [],
        "transitions": report.transitions.select_related("by"),
        "events": history(report),
        "errors": errors or [],
    }
    return render(request, "reporting/detail.html", context, status=status)


def report_detail(request: HttpRequest, code: UUID) -> HttpResponse:
    return _detail(request, _get_report(request, code))


@require_POST
def report_edit(request: HttpRequest, code: UUID) -> HttpResponse:
    report = _get_report(request, code)
    narratives = {
        s: request.POST.get(f"muc-{i}", "") for i, s in enumerate(report.template.sections)
    }
    try:
        actions.edit_narratives(
            by=request.user,
            report=report,
            narratives=narratives,
            number=request.POST.get("so", report.number),
            signer_name=request.POST.get("nguoi-ky", report.signer_name),
            signer_title=request.POST.get("chuc-vu", report.signer_title),
        )
    except ValidationError as e:
        return _detail(request, report, status=400, errors=e.messages)
    messages.success(request, "Đã lưu nội dung báo cáo.")
    return redirect("reporting:detail", code=report.code)


@require_POST
def report_submit(request: HttpRequest, code: UUID) -> HttpResponse:
    report = _get_report(request, code)
    try:
        actions.submit_report(by=request.user, report=report)
    except ValidationError as e:
        return _detail(request, report, status=400, errors=e.messages)
    messages.success(request, "Đã gửi báo cáo lên cấp trên.")
    return redirect("reporting:detail", code=report.code)


@require_POST
def report_return(request: HttpRequest, code: UUID) -> HttpResponse:
    report = _get_report(request, code)
    try:
        actions.return_report(by=request.user, report=report, reason=request.POST.get("ly-do", ""))
    except ValidationError as e:
        return _detail(request, report, status=400, errors=e.messages)
    messages.success(request, "Đã trả lại báo cáo.")
    return redirect(request.POST.get("tiep") or reverse("reporting:detail", args=[report.code]))


@require_POST
def report_approve(request: HttpRequest, code: UUID) -> HttpResponse:
    report = _get_report(request, code)
    try:
        actions.approve_report(by=request.user, report=report)
    except ValidationError as e:
        return _detail(request, report, status=400, errors=e.messages)
    messages.success(request, "Đã duyệt báo cáo; số liệu và nội dung đã được lưu cố định.")
    return redirect("reporting:detail", code=report.code)


def _download(request: HttpRequest, code: UUID, kind: str) -> HttpResponse:
    report = _get_report(request, code)
    try:
        exports = importlib.import_module("danvan.reporting.exports")
        render_fn = getattr(exports, f"report_{kind}")
    except (ImportError, AttributeError) as e:
        raise Http404("Chức năng tải văn bản báo cáo chưa sẵn sàng.") from e
    content = render_fn(report)
    types = {
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    response = HttpResponse(content, content_type=types[kind])
    response["Content-Disposition"] = (
        f'attachment; filename="bao-cao-{report.unit.code}-{report.period_start:%Y%m%d}.{kind}"'
    )
    return response


def report_docx(request: HttpRequest, code: UUID) -> HttpResponse:
    return _download(request, code, "docx")


def report_xlsx(request: HttpRequest, code: UUID) -> HttpResponse:
    return _download(request, code, "xlsx")


def submission_status(request: HttpRequest) -> HttpResponse:
    title = "Tình hình nộp báo cáo của cấp dưới"
    user = request.user
    if not permissions.can_anywhere(user, "reporting.view"):
        return _no_role(request, title)
    templates = list(ReportTemplate.objects.order_by("name"))
    template = next(
        (t for t in templates if t.code == request.GET.get("mau")),
        templates[0] if templates else None,
    )
    unit = F.unit_for(user, request.GET.get("don-vi"))
    try:
        period = _template_period(template, request.GET) if template else None
    except ValidationError as e:
        return _bad(request, title, e)
    rows = _status_rows(template, unit, period) if period else []
    return render(
        request,
        "reporting/status.html",
        {
            "templates": templates,
            "template": template,
            "unit": unit,
            "period": period,
            "rows": rows,
            "can_approve": permissions.can(user, "reporting.approve", unit),
            "unit_options": _unit_options(user),
            "year": request.GET.get("nam")
            or (period.start.year if period else timezone.localdate().year),
            "part": request.GET.get("phan") or 1,
            "here": request.get_full_path(),
        },
    )
