"""/api/v1/deadlines: the deadline calculator, the rule table and the working-day calendar.

For officials and scripts that need an answer without creating a record. Read-only;
any logged-in user or token.
"""

import datetime as dt
from typing import Any

from ninja import Field, Query, Router, Schema

from danvan.petitions import deadlines
from danvan.petitions.models import DeadlineRule, Procedure, Step
from danvan.workcalendar.models import CalendarDay

from .petitions import RuleOut
from .schemas import ErrorOut

router = Router(tags=["deadlines"])


class ComputeQuery(Schema):
    procedure: str = Field(..., description="One of: " + ", ".join(Procedure.values))
    start: dt.date = Field(..., description="Start date (receipt, acceptance…), YYYY-MM-DD")
    step: str | None = Field(
        None,
        description="One of: " + ", ".join(Step.values) + "; default: the procedure's main step",
    )
    remote: bool = Field(False, description="Remote area (vùng sâu, vùng xa)")
    complex: bool = Field(False, description="Complex case")
    especially_complex: bool = Field(False, description="Especially complex case")
    extensions: int = Field(0, ge=0, le=5, description="Extensions granted")


class DeadlineOut(Schema):
    due: dt.date
    start: dt.date
    procedure: str
    step: str
    variant: str
    extensions: int
    explanation: str
    warnings: list[str]
    rule: RuleOut


class ProcedureOut(Schema):
    code: str
    label: str
    default_step: str
    steps: list[str]


class CalendarDayOut(Schema):
    date: dt.date
    kind: str
    name: str
    legal_ref: str
    source_url: str
    confidence: str


@router.get("/compute", response={200: DeadlineOut, 400: ErrorOut}, summary="Compute a deadline")
def compute(request, q: Query[ComputeQuery]):  # type: ignore[no-untyped-def]
    """The last day of a legal time limit from `start`, under the rule in force that day,
    with the rule applied (code, legal basis, quantity, unit, validity) and a Vietnamese
    explanation. Unknown procedures or steps give 400 with the list of valid ones."""
    step = deadlines.check_procedure(q.procedure, q.step)
    result = deadlines.compute(
        q.procedure,
        step,
        q.start,
        remote=q.remote,
        complex=q.complex,
        especially_complex=q.especially_complex,
        extensions=q.extensions,
    )
    return {
        "due": result.due,
        "start": result.start,
        "procedure": q.procedure,
        "step": step,
        "variant": result.variant,
        "extensions": result.extensions,
        "explanation": result.explanation,
        "warnings": list(result.warnings),
        "rule": result.rule,
    }


@router.get("/procedures", response=list[ProcedureOut], summary="Procedures and their steps")
def procedures(request):  # type: ignore[no-untyped-def]
    steps: dict[str, set[str]] = {}
    for procedure, step in DeadlineRule.objects.values_list("procedure", "step"):
        steps.setdefault(procedure, set()).add(step)
    from danvan.petitions.models import DEFAULT_STEP

    return [
        {
            "code": code,
            "label": label,
            "default_step": DEFAULT_STEP[code],
            "steps": sorted(steps.get(code, ())),
        }
        for code, label in Procedure.choices
    ]


@router.get("/rules", response=list[RuleOut], summary="The deadline rule table")
def rules(request, procedure: str | None = None, valid_on: dt.date | None = None):  # type: ignore[no-untyped-def]
    qs: Any = DeadlineRule.objects.all()
    if procedure:
        deadlines.check_procedure(procedure, None)
        qs = qs.filter(procedure=procedure)
    if valid_on:
        qs = qs.in_force_on(valid_on)
    return qs.order_by("procedure", "step", "variant", "valid_from")


@router.get("/calendar", response=list[CalendarDayOut], summary="Exceptional days of a year")
def calendar(request, year: int = Query(..., ge=1900, le=2199)):  # type: ignore[no-untyped-def]
    """Holidays, days in lieu and make-up working days of `year` (weekends are implied)."""
    return CalendarDay.objects.active().in_year(year).order_by("date")
