"""The report lifecycle: draft → submitted → approved, or returned with a reason."""

from .models import ReportStatus

ALLOWED: dict[str, frozenset[str]] = {
    ReportStatus.DRAFT: frozenset({ReportStatus.SUBMITTED}),
    ReportStatus.SUBMITTED: frozenset({ReportStatus.APPROVED, ReportStatus.RETURNED}),
    ReportStatus.RETURNED: frozenset({ReportStatus.SUBMITTED}),
    ReportStatus.APPROVED: frozenset({ReportStatus.RETURNED}),  # reopen with a reason
}
LABELS = dict(ReportStatus.choices)
EDITABLE = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED})
