"""Append-only audit trail: who did what, to what, when and from where."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Channel(models.TextChoices):
    WEB = "web", "Giao diện web"
    API = "api", "API"
    CLI = "cli", "Dòng lệnh"
    IMPORT = "import", "Nhập tệp"
    SYSTEM = "system", "Hệ thống"


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs):  # type: ignore[no-untyped-def]
        raise TypeError("Audit events are append-only.")

    def delete(self):  # type: ignore[no-untyped-def]
        raise TypeError("Audit events are append-only.")


class AuditEvent(models.Model):
    # SET_NULL: deactivating an account must not erase what it did; actor_name keeps who.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    verb = models.CharField(max_length=64, help_text="Action name, e.g. 'accounts.grant_role'.")
    target_type = models.CharField(max_length=64, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_repr = models.CharField(max_length=255, blank=True)
    # SET_NULL: units are never deleted in practice; the trail must outlive them anyway.
    unit = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.SYSTEM)
    ip = models.GenericIPAddressField(null=True, blank=True)
    data = models.JSONField(
        default=dict, blank=True, help_text="What changed: {field: [old, new]}."
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "sự kiện nhật ký"
        verbose_name_plural = "nhật ký thay đổi"
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_by_target")]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.verb} {self.target_repr}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.pk is not None:
            raise TypeError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise TypeError("Audit events are append-only.")

    @property
    def verb_label(self) -> str:
        """Vietnamese wording of the verb, registered by each app in audit.log.VERB_LABELS."""
        from .log import VERB_LABELS

        return VERB_LABELS.get(self.verb, self.verb)
