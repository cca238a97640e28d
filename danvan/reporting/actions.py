"""Reports: create, edit the narrative, submit, return with a reason, approve with a snapshot."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from danvan.accounts.permissions import require
from danvan.audit.log import VERB_LABELS, record
from danvan.core import lifecycle
from danvan.lib.periods import Period
from danvan.lib.text import nfc
from danvan.units.models import Unit

from . import compile as compiler
from .models import Report, ReportSnapshot, ReportStatus, ReportTemplate, ReportTransition
from .states import ALLOWED, EDITABLE, LABELS

VERB_LABELS.update({
    "reporting.create": "Tạo báo cáo",
    "reporting.edit": "Sửa nội dung báo cáo",
    "reporting.submit": "Gửi báo cáo lên cấp trên",
    "reporting.return": "Trả lại báo cáo",
    "reporting.approve": "Duyệt báo cáo",
})


@transaction.atomic
def create_report(*, by: Any, template: ReportTemplate, unit: Unit, period: Period) -> Report:
    """A unit's report for a period; returns the existing one if already created."""
    require(by, "reporting.edit", unit)
    existing = Report.objects.filter(template=template, unit=unit, period_start=period.start,
                                     period_end=period.end).first()
    if existing:
        return existing
    report = Report.objects.create(
        code=uuid.uuid4(), template=template, unit=unit, period_start=period.start, period_end=period.end,
        period_label=period.label or f"{period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}",
        narratives={title: "" for title in template.sections},
        due_on=period.end + dt.timedelta(days=template.due_days),
        created_by=by if getattr(by, "pk", None) else None,
    )
    record(by, "reporting.create", report, unit=unit, data={"note": report.period_label})
    return report


@transaction.atomic
def edit_narratives(*, by: Any, report: Report, narratives: dict[str, str], number: str = "",
                    signer_name: str = "", signer_title: str = "") -> Report:
    require(by, "reporting.edit", report.unit)
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status not in EDITABLE:
        raise ValidationError("Báo cáo đã gửi hoặc đã duyệt: không sửa được. Cấp trên cần trả lại trước.")
    unknown = set(narratives) - set(report.template.sections)
    if unknown:
        raise ValidationError(f"Mục không có trong mẫu: {', '.join(sorted(unknown))}.")
    before = {"narratives": report.narratives, "number": report.number}
    report.narratives = {k: nfc(narratives.get(k, report.narratives.get(k, ""))) for k in report.template.sections}
    report.number, report.signer_name, report.signer_title = nfc(number), nfc(signer_name), nfc(signer_title)
    report.save(update_fields=["narratives", "number", "signer_name", "signer_title", "updated_at"])
    changed = [k for k in report.narratives if report.narratives[k] != before["narratives"].get(k)]
    record(by, "reporting.edit", report, unit=report.unit, data={"note": ", ".join(changed)})
    return report


def _move(report: Report, to: str, *, by: Any, note: str) -> None:
    lifecycle.check(ALLOWED, report.status, to, LABELS)
    ReportTransition.objects.create(report=report, from_status=report.status, to_status=to,
                                    by=by if getattr(by, "pk", None) else None, note=note)
    report.status = to


@transaction.atomic
def submit_report(*, by: Any, report: Report) -> Report:
    require(by, "reporting.edit", report.unit)
    report = Report.objects.select_for_update().get(pk=report.pk)
    missing = [title for title in report.template.sections if not (report.narratives.get(title) or "").strip()]
    if missing:
        raise ValidationError("Chưa viết các phần: " + "; ".join(missing) + ".")
    _move(report, ReportStatus.SUBMITTED, by=by, note="")
    report.submitted_at = timezone.now()
    report.save(update_fields=["status", "submitted_at", "updated_at"])
    record(by, "reporting.submit", report, unit=report.unit)
    return report


def _approver_unit(report: Report) -> Unit:
    """The upper level decides: an approver on the parent unit (the nation approves provinces)."""
    return report.unit.parent or report.unit


@transaction.atomic
def return_report(*, by: Any, report: Report, reason: str) -> Report:
    require(by, "reporting.approve", _approver_unit(report))
    reason = nfc(reason)
    if not reason:
        raise ValidationError("Hãy ghi lý do trả lại để đơn vị biết cần sửa gì.")
    report = Report.objects.select_for_update().get(pk=report.pk)
    _move(report, ReportStatus.RETURNED, by=by, note=reason)
    report.save(update_fields=["status", "updated_at"])
    record(by, "reporting.return", report, unit=report.unit, data={"note": reason})
    return report


@transaction.atomic
def approve_report(*, by: Any, report: Report) -> ReportSnapshot:
    """Approve and freeze the figures, the lower units' table and the text."""
    require(by, "reporting.approve", _approver_unit(report))
    report = Report.objects.select_for_update().get(pk=report.pk)
    _move(report, ReportStatus.APPROVED, by=by, note="")
    compiled = compiler.compile_report(report)
    payload = {"figures": compiled.figures, "lower_units": compiled.lower_units_json(), "narratives": report.narratives}
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    version = (report.snapshots.aggregate(v=Max("version"))["v"] or 0) + 1
    snapshot = ReportSnapshot.objects.create(report=report, version=version, digest=digest,
                                             approved_by=by if getattr(by, "pk", None) else None, **payload)
    report.approved_at, report.stale = timezone.now(), False
    report.save(update_fields=["status", "approved_at", "stale", "updated_at"])
    record(by, "reporting.approve", report, unit=report.unit, data={"note": f"phiên bản {version}", "digest": digest})
    return snapshot
