"""Reading the audit trail of one record, for its page's history timeline."""

from __future__ import annotations

from django.db.models import Model, QuerySet

from .models import AuditEvent


def history(obj: Model) -> QuerySet[AuditEvent]:
    """Every audit event about `obj`, newest first (template: audit/partials/_history.html)."""
    return AuditEvent.objects.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk)).select_related("actor")
