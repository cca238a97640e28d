"""Articles read into danvan: the source as uploaded and the draft an official confirms.

A source is one article's text (pasted, or read from a .txt/.html/.docx file). Its draft
keeps the extraction exactly as the extractor produced it, the edited version the official
corrects, and, once confirmed, what was created or updated from it (the conference's code and
a provenance list). Importing the same article again (same checksum, or the same folded title
and event date) finds the same draft and updates it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from .states import DraftStatus


class SourceKind(models.TextChoices):
    TEXT = "txt", "Văn bản thuần"
    HTML = "html", "Trang web (HTML)"
    DOCX = "docx", "Tệp Word (.docx)"


class ArticleSource(models.Model):
    """The article as received: plain text after reading the file."""

    code = models.UUIDField("mã", default=uuid.uuid4, unique=True, editable=False)
    text = models.TextField("nội dung bài")
    file_name = models.CharField("tên tệp gốc", max_length=255, blank=True)
    kind = models.CharField(
        "loại tệp", max_length=8, choices=SourceKind.choices, default=SourceKind.TEXT
    )
    checksum = models.CharField("mã kiểm tra (SHA-256)", max_length=64, db_index=True)
    url = models.URLField("địa chỉ bài gốc", max_length=500, blank=True)
    # SET_NULL: the source outlives its uploader's account.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người tải lên",
    )
    uploaded_at = models.DateTimeField("thời điểm tải lên", auto_now_add=True)

    class Meta:
        verbose_name = "bài gốc"
        verbose_name_plural = "bài gốc"

    def __str__(self) -> str:
        return self.file_name or f"Bài dán {self.uploaded_at:%d/%m/%Y}"


class Draft(models.Model):
    """What the extractor read from one source, as corrected and confirmed by an official."""

    code = models.UUIDField("mã", default=uuid.uuid4, unique=True, editable=False)
    # PROTECT: a draft is the provenance of the records it created.
    source = models.OneToOneField(
        ArticleSource, on_delete=models.PROTECT, related_name="draft", verbose_name="bài gốc"
    )
    # PROTECT: records must never disappear with a unit.
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị"
    )
    extracted = models.JSONField("kết quả trích xuất (nguyên bản)", default=dict)
    edited = models.JSONField("bản đã sửa", default=dict)
    extractor_version = models.CharField("phiên bản bộ trích xuất", max_length=32)
    title_key = models.CharField("tiêu đề (dạng so khớp)", max_length=500, blank=True)
    event_date = models.DateField("ngày sự kiện", null=True, blank=True)
    status = models.CharField(
        "trạng thái", max_length=12, choices=DraftStatus.choices, default=DraftStatus.DRAFT
    )
    # SET_NULL: the confirmation stays recorded (with the audit trail) without the account.
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người xác nhận",
    )
    confirmed_at = models.DateTimeField("thời điểm xác nhận", null=True, blank=True)
    conference_code = models.UUIDField("mã hội nghị đã tạo", null=True, blank=True)
    provenance = models.JSONField("các bản ghi đã tạo, cập nhật", default=dict, blank=True)
    search_key = models.CharField("khóa tìm kiếm", max_length=600, blank=True)
    # SET_NULL: the draft outlives its author's account.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người tạo",
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = "bản nháp tin bài"
        verbose_name_plural = "bản nháp tin bài"
        indexes = [models.Index(fields=["title_key", "event_date"], name="ingest_draft_title")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ingest:draft", args=[self.code])

    @property
    def title(self) -> str:
        return (self.edited or {}).get("title") or (self.extracted or {}).get("title") or "—"


class DraftTransition(models.Model):
    """One step of a draft's lifecycle (nháp → đã xác nhận / đã bỏ)."""

    # CASCADE: the history belongs to its draft.
    draft = models.ForeignKey(
        Draft, on_delete=models.CASCADE, related_name="transitions", verbose_name="bản nháp"
    )
    from_status = models.CharField("từ trạng thái", max_length=12, choices=DraftStatus.choices)
    to_status = models.CharField("sang trạng thái", max_length=12, choices=DraftStatus.choices)
    on_date = models.DateField("ngày")
    # SET_NULL: the step stays recorded without the account.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người thực hiện",
    )
    note = models.CharField("ghi chú", max_length=300, blank=True)
    created_at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "bước xử lý bản nháp"
        verbose_name_plural = "bước xử lý bản nháp"

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status} ({self.on_date:%d/%m/%Y})"
