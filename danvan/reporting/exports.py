"""A report as documents: plain contexts built from the ORM, handed to the renderers.

    report_docx(report) -> bytes   # Party layout (HD 36) or State layout (NĐ 30), by template.layout
    report_xlsx(report) -> bytes   # the figure tables, one sheet each
    report_sentences(compiled) -> list[str]

No layout here (that is documents/renderers/); no ORM there.

Cases (vụ việc). The petitions sentence needs "69 đơn/68 vụ việc": the number of distinct
cases among the petitions the sentence counts (carried over into the period, or received
in it). A distinct count does not add up over units or months, so it cannot be a tallied
indicator; it is computed here from the same records the petitions figures count
(`petition_cases`), as petitions.stats does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils import timezone

from danvan.documents.contexts import IndicatorTable, ReportContext, ReportSection, Signature
from danvan.documents.renderers import report_docx as docx_renderer
from danvan.documents.renderers import report_xlsx as xlsx_renderer
from danvan.lib.periods import Period
from danvan.units.models import Body, BodyKind, Level, Unit, UnitClosure

from . import sources
from .compile import CompiledReport, compile_report, period_of
from .models import Report
from .sentences import (
    SCOPE_WORDS,
    PetitionFigures,
    meetings_sentence,
    petitions_sentence,
    practices_sentence,
)

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

# The lower-unit table in the DOCX keeps a few key columns (portrait A4); the XLSX has all.
LOWER_TABLE_KEY = [
    "models_registered_new",
    "meetings_held",
    "attendance",
    "petitions_received",
    "petitions_resolved",
]
LOWER_TABLE_SHORT = {
    "models_registered_new": "Mô hình đăng ký mới",
    "meetings_held": "Hội nghị (cuộc)",
    "attendance": "Lượt người dự",
    "petitions_received": "Đơn tiếp nhận",
    "petitions_resolved": "Đơn đã xử lý",
}


# --- Sentences ------------------------------------------------------------------------------


def petition_cases(unit: Unit, period: Period) -> int:
    """Distinct cases among the petitions of `unit`'s subtree carried over into or received in `period`."""
    model = sources.get("petitions.petition").model
    subtree = UnitClosure.objects.filter(ancestor_id=unit.pk).values("descendant_id")
    return (
        model._default_manager.filter(unit_id__in=subtree, received_on__lte=period.end)
        .exclude(finished_on__lt=period.start)
        .values("case_id")
        .distinct()
        .count()
    )


def _v(figures: dict[str, int | None], code: str) -> int:
    return figures.get(code) or 0


def report_sentences(compiled: CompiledReport) -> list[str]:
    """Vietnamese sentences from the figures, in the seed articles' style; a sentence whose
    figures are all zero or not reported is left out."""
    report, f, parts = compiled.report, compiled.figures, compiled.own_lower
    unit, label = report.unit, report.period_label
    out = []
    carried, received, handled = (
        _v(f, c) for c in ("petitions_carried_over", "petitions_received", "petitions_resolved")
    )
    if carried or received or handled:
        figures = PetitionFigures(
            carried_over=carried,
            carried_over_own=parts.get("petitions_carried_over", (0, 0))[0] or 0,
            carried_over_lower=parts.get("petitions_carried_over", (0, 0))[1] or 0,
            received=received,
            received_own=parts.get("petitions_received", (0, 0))[0] or 0,
            received_lower=parts.get("petitions_received", (0, 0))[1] or 0,
            cases=petition_cases(unit, period_of(report)),
            handled=handled,
        )
        out.append(
            petitions_sentence(
                period_label=label,
                unit_kind=unit.kind,
                unit_level=unit.level,
                f=figures,
                split=bool(compiled.lower_units),
            )
        )
    meetings, attendance = _v(f, "meetings_held"), _v(f, "attendance")
    if meetings or attendance:
        scope = _scope(unit)
        out.append(
            f"Công tác tuyên truyền, vận động Nhân dân: {scope} "
            f"{meetings_sentence(meetings=meetings, attendance=attendance)}."
        )
    new, in_progress, effective = (
        _v(f, c) for c in ("models_registered_new", "models_in_progress", "models_effective")
    )
    if new or in_progress or effective:
        out.append(
            practices_sentence(
                period_label=label, registered_new=new, in_progress=in_progress, effective=effective
            )
        )
    return out


def _scope(unit: Unit) -> str:
    return SCOPE_WORDS.get(unit.kind, ("toàn đơn vị", ""))[0]


# --- Header data: bodies by date -------------------------------------------------------------


def _body(unit: Unit, kinds: Sequence[str], day: dt.date) -> Body | None:
    """The first body of `kinds` at `unit` under the name in force on `day`."""
    bodies = list(Body.objects.filter(unit=unit, kind__in=kinds).valid_on(day))
    for kind in kinds:
        for body in bodies:
            if body.kind == kind:
                return body
    return None


def document_date(report: Report) -> dt.date | None:
    """The date printed on the report: approval, else submission, else blank for the clerk."""
    stamp = report.approved_at or report.submitted_at
    return timezone.localtime(stamp).date() if stamp else None


def header(report: Report, day: dt.date) -> dict[str, str]:
    """Superior body, issuing body and issuer code, with the names in force on `day`."""
    unit = report.unit
    if report.template.layout == "state":
        body = report.body or _body(
            unit, [BodyKind.PEOPLES_COMMITTEE, BodyKind.PEOPLES_COUNCIL], day
        )
        name = body.name if body else f"Ủy ban nhân dân {unit.name}"
        return {
            "superior": "",
            "issuing": name,
            "code": (body.short_code if body else "") or "UBND",
            "kind": body.kind if body else BodyKind.PEOPLES_COMMITTEE,
        }
    body = report.body or _body(unit, [BodyKind.MASS_MOBILIZATION, BodyKind.PARTY_COMMITTEE], day)
    committee = _body(unit, [BodyKind.PARTY_COMMITTEE], day)
    if body is not None and body.kind == BodyKind.MASS_MOBILIZATION and committee is not None:
        # "TỈNH ỦY QUẢNG NINH / BAN DÂN VẬN": the committee above, the commission without its owner.
        issuing = body.name
        if issuing.endswith(" " + committee.name):
            issuing = issuing[: -len(committee.name) - 1]
        return {
            "superior": committee.name,
            "issuing": issuing,
            "code": body.short_code or "BDV",
            "kind": body.kind,
        }
    parent = unit.parent
    superior = (
        f"Đảng bộ {parent.name[:1].lower()}{parent.name[1:]}"
        if parent and parent.level != Level.NATION
        else ""
    )
    name = body.name if body else f"Đảng ủy {unit.name}"
    return {
        "superior": superior,
        "issuing": name,
        "code": (body.short_code if body else "") or "ĐU",
        "kind": body.kind if body else BodyKind.PARTY_COMMITTEE,
    }


def signature(report: Report, body_kind: str, *, state: bool) -> Signature:
    title = report.signer_title.strip()
    if state:
        return Signature(
            authority="TM. ỦY BAN NHÂN DÂN"
            if body_kind == BodyKind.PEOPLES_COMMITTEE
            else "TM. THƯỜNG TRỰC HĐND",
            title=title or "Chủ tịch",
            name=report.signer_name,
        )
    if body_kind == BodyKind.MASS_MOBILIZATION:
        deputy = title.lower().startswith("phó")
        return Signature(
            authority="K/T TRƯỞNG BAN" if deputy else "",
            title=title or "Trưởng ban",
            name=report.signer_name,
        )
    return Signature(
        authority="T/M BAN THƯỜNG VỤ", title=title or "Bí thư", name=report.signer_name
    )


def summary_line(report: Report) -> str:
    """'Kết quả công tác dân vận 6 tháng đầu năm 2026, phương hướng, nhiệm vụ 6 tháng cuối năm'."""
    start, end = report.period_start, report.period_end
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if start.month == 1 and months == 12:
        ahead = f"năm {start.year + 1}"
    elif start.month == 1 and months == 6:
        ahead = "6 tháng cuối năm"
    elif start.month == 1 and months == 9:
        ahead = "3 tháng cuối năm"
    else:
        ahead = "thời gian tới"
    return f"Kết quả công tác dân vận {report.period_label}, phương hướng, nhiệm vụ {ahead}"


# --- Tables -----------------------------------------------------------------------------------


def indicator_table(compiled: CompiledReport) -> IndicatorTable:
    rows = tuple(
        (str(i), ind.label, ind.unit_of_measure, compiled.figures.get(ind.code))
        for i, ind in enumerate(compiled.indicators, start=1)
    )
    return IndicatorTable(
        title="Biểu 1. Số liệu chủ yếu",
        sheet_name="Số liệu chủ yếu",
        columns=("TT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"),
        rows=rows,
    )


def lower_units_table(
    compiled: CompiledReport, codes: Sequence[str] | None = None
) -> IndicatorTable | None:
    if not compiled.lower_units:
        return None
    indicators = [i for i in compiled.indicators if codes is None or i.code in codes]
    if codes is not None:
        indicators.sort(key=lambda i: list(codes).index(i.code))
    labels = [
        LOWER_TABLE_SHORT.get(i.code, i.label) if codes else f"{i.label} ({i.unit_of_measure})"
        for i in indicators
    ]
    rows = tuple(
        (str(n), row.unit.name, *(row.figures.get(i.code) for i in indicators))
        for n, row in enumerate(compiled.lower_units, start=1)
    )
    totals = []
    for i in indicators:
        known = [
            r.figures.get(i.code) for r in compiled.lower_units if r.figures.get(i.code) is not None
        ]
        totals.append(sum(known) if known else None)
    return IndicatorTable(
        title="Biểu 2. Số liệu theo đơn vị cấp dưới",
        sheet_name="Theo đơn vị cấp dưới",
        columns=("TT", "Đơn vị", *labels),
        rows=rows,
        total_row=("", "Cộng", *totals),
    )


# --- Context and documents -------------------------------------------------------------------


def report_context(
    report: Report, compiled: CompiledReport | None = None, *, full_tables: bool = False
) -> ReportContext:
    compiled = compiled or compile_report(report)
    day = document_date(report)
    head = header(report, day or report.period_end)
    state = report.template.layout == "state"
    tables = [indicator_table(compiled)]
    lower = lower_units_table(compiled, None if full_tables else LOWER_TABLE_KEY)
    if lower is not None:
        tables.append(lower)
    sentences = report_sentences(compiled)
    narratives = report.narratives or {}
    titles = list(report.template.sections) or list(narratives)
    sections = []
    for n, title in enumerate(titles):
        text = (narratives.get(title) or "").strip()
        paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
        if n == 0:
            paragraphs = sentences + paragraphs
        sections.append(
            ReportSection(
                title=f"{ROMAN[n] if n < len(ROMAN) else n + 1}. {title.upper()}",
                paragraphs=tuple(paragraphs),
                tables=tuple(tables) if n == 0 else (),
            )
        )
    if not sections:
        sections.append(ReportSection(title="", paragraphs=tuple(sentences), tables=tuple(tables)))
    parent = report.unit.parent
    recipients = (
        [f"{_upper_body_name(parent, day or report.period_end, state)} (để báo cáo)"]
        if parent
        else []
    )
    recipients.append(f"Lưu: VT, {head['code']}" if state else "Lưu Văn phòng")
    number = report.number.split("-")[0].split("/")[0].strip() if report.number else ""
    return ReportContext(
        profile="state_nd30" if state else "party_hd36",
        superior_body=head["superior"],
        issuing_body=head["issuing"],
        number=number,
        issuer_code=head["code"],
        place=report.unit.short_name,
        date=day,
        summary=summary_line(report),
        sections=tuple(sections),
        signature=signature(report, head["kind"], state=state),
        recipients=tuple(recipients),
        unit_name=report.unit.name,
        period_label=report.period_label,
        data_as_of=report.period_end,
    )


def _upper_body_name(parent: Unit, day: dt.date, state: bool) -> str:
    kinds = (
        [BodyKind.PEOPLES_COMMITTEE]
        if state
        else [BodyKind.PARTY_COMMITTEE, BodyKind.MASS_MOBILIZATION]
    )
    if parent.level == Level.NATION and not state:
        kinds = [BodyKind.MASS_MOBILIZATION, BodyKind.PARTY_COMMITTEE]
    body = _body(parent, kinds, day)
    return body.name if body else parent.name


def report_docx(report: Report) -> bytes:
    return docx_renderer.render(report_context(report))


def report_xlsx(report: Report) -> bytes:
    return xlsx_renderer.render(report_context(report, full_tables=True))
