"""/api/v1/reporting: indicators, figures with drill-down, and the report workflow.

Reads go through danvan.reporting.figures (the caller's `reporting.view` scope: a unit
outside it looks missing, 404); writes call danvan.reporting.actions. Bad period codes
and units answer 400/404 with a Vietnamese reason, never 500.
"""

import datetime as dt
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from danvan.accounts import permissions
from danvan.lib.periods import Period, parse_code
from danvan.reporting import actions
from danvan.reporting import figures as F
from danvan.reporting.compile import compile_report, differences
from danvan.reporting.models import Indicator, Report, ReportStatus, ReportTemplate
from danvan.units.models import Unit, UnitClosure

from .schemas import ErrorOut

router = Router(tags=["reporting"])


class IndicatorOut(Schema):
    code: str
    label: str
    unit_of_measure: str
    group: str
    kind: str
    source: str
    time_aggregation: str
    unit_aggregation: str


class FiguresParams(Schema):
    unit: str | None = Field(None, description="Unit key; default the caller's top unit")
    period: str = Field(
        description="ISO code: 2022-01-01/P9M, 2021-01-01/P5Y or 2023-12-15/2024-12-14"
    )
    view: str = Field("as_reported", description="as_reported | recast")
    by: str | None = Field(None, description="children: add one row per lower unit")


class RecordsParams(Schema):
    indicator: str
    unit: str | None = None
    period: str


class RecordOut(Schema):
    id: int
    label: str
    url: str
    unit: str | None = None


class ReportFilters(Schema):
    template: str | None = None
    status: ReportStatus | None = None
    unit: str | None = Field(None, description="Unit key: that unit's subtree")
    period: str | None = Field(None, description="ISO period code: reports of exactly that period")
    stale: bool | None = None


class ReportOut(Schema):
    code: UUID
    template: str
    template_name: str
    unit: str
    unit_name: str
    period_start: dt.date
    period_end: dt.date
    period_label: str
    status: str
    status_label: str
    stale: bool
    due_on: dt.date | None
    submitted_at: dt.datetime | None
    approved_at: dt.datetime | None
    on_time: bool | None
    narratives: dict[str, str]

    @staticmethod
    def resolve_template(obj: Report) -> str:
        return obj.template.code

    @staticmethod
    def resolve_template_name(obj: Report) -> str:
        return obj.template.name

    @staticmethod
    def resolve_unit(obj: Report) -> str:
        return obj.unit.key

    @staticmethod
    def resolve_unit_name(obj: Report) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_status_label(obj: Report) -> str:
        return obj.get_status_display()


class ReportIn(Schema):
    template: str = Field(description="Template code, e.g. dan-van-6-thang")
    unit: str = Field(description="Unit key")
    year: int = Field(ge=1990, le=2100)
    part: int = Field(
        1, ge=1, le=12, description="Month, quarter or half; ignored for 9 months and year"
    )


class NarrativesIn(Schema):
    narratives: dict[str, str]
    number: str = Field("", max_length=64)
    signer_name: str = Field("", max_length=150)
    signer_title: str = Field("", max_length=200)


class ReasonIn(Schema):
    reason: str = Field(max_length=2000)


def _period(code: str) -> Period:
    try:
        return parse_code(code)
    except ValueError as e:
        raise ValidationError(str(e)) from e
    except OverflowError as e:
        raise ValidationError(f"Mã kỳ báo cáo không hợp lệ: “{code}”.") from e


def _unit(user: Any, key: str | None) -> Unit:
    return F.unit_for(user, key)


@router.get("/indicators", response=list[IndicatorOut], summary="The indicators reports carry")
def indicators(request):  # type: ignore[no-untyped-def]
    return F.visible_indicators()


@router.get(
    "/figures",
    response={200: dict, 400: ErrorOut, 404: ErrorOut},
    summary="Figures of a unit for a period",
)
def figures(request, params: Query[FiguresParams]):  # type: ignore[no-untyped-def]
    user = request.auth
    if not permissions.can_anywhere(user, "reporting.view"):
        raise Http404("Bạn chưa có quyền xem báo cáo tại đơn vị nào.")
    period = _period(params.period)
    view = F.view_from(params.view)
    unit = _unit(user, params.unit)
    if params.by not in (None, "", "children"):
        raise ValidationError("Tham số by chỉ nhận giá trị children.")
    result = F.compute(F.visible_indicators(), unit, period, view)
    out: dict[str, Any] = {
        "unit": unit.key,
        "unit_name": unit.name,
        "period": period.code,
        "start": period.start,
        "end": period.end,
        "view": view,
        "figures": result.values,
        "own_lower": {
            code: {"own": own, "lower": lower} for code, (own, lower) in result.own_lower.items()
        },
    }
    if params.by == "children":
        out["children"] = [
            {"unit": u.key, "unit_name": u.name, "figures": values} for u, values in result.rows
        ]
    return out


@router.get(
    "/records",
    response={200: list[RecordOut], 400: ErrorOut, 404: ErrorOut},
    summary="The records behind a figure (drill-down)",
)
@paginate(LimitOffsetPagination)
def records(request, params: Query[RecordsParams]):  # type: ignore[no-untyped-def]
    user = request.auth
    indicator = Indicator.objects.select_related("inflow").filter(code=params.indicator).first()
    if indicator is None:
        raise Http404(f"Không có chỉ tiêu “{params.indicator}”.")
    unit = _unit(user, params.unit)
    period = _period(params.period)
    qs = F.behind(user, F.drill_indicator(indicator), unit, period)
    return _RecordList(qs)


class _RecordList:
    """Paginated lazily: only the requested slice is turned into rows."""

    def __init__(self, qs: Any) -> None:
        self.qs = qs

    def count(self) -> int:
        return self.qs.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        return [
            {
                "id": obj.pk,
                "label": str(obj),
                "url": F.record_link(obj),
                "unit": getattr(getattr(obj, "unit", None), "key", None),
            }
            for obj in self.qs[item]
        ]


def _report(user: Any, code: UUID) -> Report:
    return permissions.get_for_user(
        user,
        Report.objects.select_related("template", "unit", "unit__parent"),
        "reporting.view",
        code=code,
    )


def _detail(report: Report) -> dict[str, Any]:
    compiled = compile_report(report)
    snapshot = report.snapshots.first() if report.status == ReportStatus.APPROVED else None
    data = ReportOut.from_orm(report).dict()
    data.update(
        {
            "figures": snapshot.figures if snapshot else compiled.figures,
            "live_figures": compiled.figures,
            "own_lower": {
                code: {"own": own, "lower": lower}
                for code, (own, lower) in compiled.own_lower.items()
            },
            "lower_units": [
                {
                    "unit": r.unit.key,
                    "unit_name": r.unit.name,
                    "report": str(r.report.code) if r.report else None,
                    "status": r.report.status if r.report else None,
                    "status_label": r.status_label,
                    "timeliness": r.timeliness,
                    "approved": r.approved,
                    "figures": r.figures,
                }
                for r in compiled.lower_units
            ],
            "lower_narratives": [
                {"unit": u.key, "narratives": n} for u, n in compiled.lower_narratives
            ],
            "snapshot": {
                "version": snapshot.version,
                "digest": snapshot.digest,
                "created_at": snapshot.created_at,
            }
            if snapshot
            else None,
            "differences": [
                {"indicator": i.code, "approved": a, "now": b} for i, a, b in differences(report)
            ]
            if report.stale
            else [],
            "transitions": [
                {"from": t.from_status, "to": t.to_status, "at": t.at, "note": t.note}
                for t in report.transitions.all()
            ],
        }
    )
    return data


@router.get("/reports", response=list[ReportOut], summary="Reports in the caller's scope")
@paginate(LimitOffsetPagination)
def list_reports(request, filters: Query[ReportFilters]):  # type: ignore[no-untyped-def]
    user = request.auth
    qs = permissions.visible(
        user, Report.objects.select_related("template", "unit"), "reporting.view"
    )
    if filters.template:
        qs = qs.filter(template__code=filters.template)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.stale is not None:
        qs = qs.filter(stale=filters.stale)
    if filters.unit:
        unit = _unit(user, filters.unit)
        qs = qs.filter(unit__in=UnitClosure.objects.filter(ancestor=unit).values("descendant_id"))
    if filters.period:
        period = _period(filters.period)
        qs = qs.filter(period_start=period.start, period_end=period.end)
    return qs.order_by("-period_end", "unit__code", "pk")


@router.post(
    "/reports",
    response={201: dict, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Create (or find) a unit's report for a period",
)
def create_report(request, payload: ReportIn):  # type: ignore[no-untyped-def]
    user = request.auth
    template = ReportTemplate.objects.filter(code=payload.template).first()
    if template is None:
        raise Http404(f"Không có mẫu báo cáo “{payload.template}”.")
    unit = _unit(user, payload.unit)
    period = F.template_period(
        template.period_kind, payload.year, payload.part, template.cutoff_offset_days
    )
    report = actions.create_report(by=user, template=template, unit=unit, period=period)
    return Status(201, _detail(report))


@router.get(
    "/reports/{code}", response={200: dict, 404: ErrorOut}, summary="A report with compiled figures"
)
def report_detail(request, code: UUID):  # type: ignore[no-untyped-def]
    return _detail(_report(request.auth, code))


@router.put(
    "/reports/{code}/narratives",
    response={200: dict, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Write the narrative sections (draft or returned)",
)
def update_narratives(request, code: UUID, payload: NarrativesIn):  # type: ignore[no-untyped-def]
    report = _report(request.auth, code)
    report = actions.edit_narratives(
        by=request.auth,
        report=report,
        narratives=payload.narratives,
        number=payload.number,
        signer_name=payload.signer_name,
        signer_title=payload.signer_title,
    )
    return _detail(report)


@router.post(
    "/reports/{code}/submit", response={200: dict, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def submit(request, code: UUID):  # type: ignore[no-untyped-def]
    report = actions.submit_report(by=request.auth, report=_report(request.auth, code))
    return _detail(report)


@router.post(
    "/reports/{code}/return", response={200: dict, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def return_(request, code: UUID, payload: ReasonIn):  # type: ignore[no-untyped-def]
    report = actions.return_report(
        by=request.auth, report=_report(request.auth, code), reason=payload.reason
    )
    return _detail(report)


@router.post(
    "/reports/{code}/approve", response={200: dict, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def approve(request, code: UUID):  # type: ignore[no-untyped-def]
    report = _report(request.auth, code)
    actions.approve_report(by=request.auth, report=report)
    report.refresh_from_db()
    return _detail(report)
