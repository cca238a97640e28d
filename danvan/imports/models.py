from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse


class JobStatus(models.TextChoices):
    CHECKING = "checking", "Đang kiểm tra"
    CHECKED = "checked", "Đã kiểm tra, chờ ghi"
    REJECTED = "rejected", "Có lỗi, không ghi"
    IMPORTING = "importing", "Đang ghi"
    DONE = "done", "Đã ghi xong"
    FAILED = "failed", "Lỗi hệ thống"


class ImportJob(models.Model):
    """One uploaded file: checked in full (dry run), then written all-or-nothing."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField("loại hồ sơ", max_length=40)
    # CASCADE: a job belongs to the person who uploaded it; the audit row outlives it.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs")
    original_name = models.CharField("tên tệp", max_length=255)
    path = models.CharField(max_length=255, help_text="Stored upload under DATA_DIR/imports/.")
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.CHECKING)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True, help_text="[{row, column, message}]")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "lượt nhập tệp"
        verbose_name_plural = "lượt nhập tệp"

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("imports:job", args=[self.code])

    @property
    def running(self) -> bool:
        return self.status in (JobStatus.CHECKING, JobStatus.IMPORTING)

    @property
    def percent(self) -> int:
        return int(100 * self.processed / self.total) if self.total else 0
