"""The "Dân vận khéo" models and exemplars, their lifecycle history and attachments.

A *mô hình* is a collective model run by a unit; a *điển hình* an individual
exemplar. Both are registered with the nine fields of the registration circular
(DOMAIN.md §3.1), run, evaluated, recognised by a level with a decision, and
replicated by other models that link to them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from danvan.core.search import matching_words

from .states import DECIDED, EVALUATED, Status


class PracticeKind(models.TextChoices):
    MODEL = "model", "Mô hình"
    EXEMPLAR = "exemplar", "Điển hình"


class Field(models.TextChoices):
    ECONOMY = "economy", "Kinh tế"
    CULTURE_SOCIETY = "culture_society", "Văn hóa – xã hội"
    DEFENCE_SECURITY = "defence_security", "Quốc phòng – an ninh"
    POLITICAL_SYSTEM = "political_system", "Xây dựng hệ thống chính trị"
    NEW_RURAL = "new_rural", "Xây dựng nông thôn mới, đô thị văn minh"
    OTHER = "other", "Khác"


class RegisteringLevel(models.TextChoices):
    VILLAGE = "village", "Thôn, tổ dân phố"
    AGENCY = "agency", "Chi bộ, cơ quan, đơn vị, trường học"
    COMMUNE = "commune", "Cấp xã"
    DISTRICT = "district", "Cấp huyện (trước 01/07/2025)"
    PROVINCE = "province", "Cấp tỉnh"
    CENTRAL = "central", "Trung ương"


class RecognitionLevel(models.TextChoices):
    COMMUNE = "commune", "Cấp xã"
    DISTRICT = "district", "Cấp huyện (trước 01/07/2025)"
    PROVINCE = "province", "Cấp tỉnh"
    CENTRAL = "central", "Trung ương"


class EvaluationResult(models.TextChoices):
    EXCELLENT = "excellent", "Xuất sắc"
    GOOD = "good", "Tốt"
    PASS = "pass", "Đạt"


# unit.level → the default registering level
LEVEL_OF_UNIT: dict[str, str] = {
    "nation": RegisteringLevel.CENTRAL,
    "province": RegisteringLevel.PROVINCE,
    "district": RegisteringLevel.DISTRICT,
    "commune": RegisteringLevel.COMMUNE,
}


class PracticeQuerySet(models.QuerySet["Practice"]):
    def for_list(self) -> PracticeQuerySet:
        return self.select_related("unit", "body")

    def in_units(self, units: models.QuerySet) -> PracticeQuerySet:  # type: ignore[type-arg]
        return self.filter(unit__in=units)

    def search(self, query: str) -> PracticeQuerySet:
        return matching_words(self, query)

    def with_status_on(self, day: dt.date) -> PracticeQuerySet:
        """Annotate `status_on`: the state on `day`, from the transition table (None if not yet
        registered)."""
        last = PracticeTransition.objects.filter(
            practice=OuterRef("pk"), on_date__lte=day
        ).order_by("-on_date", "-pk")
        return self.annotate(status_on=Subquery(last.values("to_status")[:1]))


class Practice(models.Model):
    """One registered model or exemplar, owned by the unit that registered it."""

    code = models.UUIDField("mã", default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(
        "mã ngoài",
        max_length=64,
        blank=True,
        help_text="Stable id from an imported spreadsheet; unique within the unit when set.",
    )
    kind = models.CharField(
        "loại", max_length=10, choices=PracticeKind.choices, default=PracticeKind.MODEL
    )
    # PROTECT: records must never disappear with a unit.
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="practices",
        verbose_name="đơn vị đăng ký",
    )
    # PROTECT: the registering body is part of the record.
    body = models.ForeignKey(
        "units.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practices",
        verbose_name="cơ quan, tổ chức đăng ký",
    )
    level = models.CharField(
        "cấp đăng ký",
        max_length=10,
        choices=RegisteringLevel.choices,
        help_text="Level of the registering unit: village, agency or Party cell, commune…",
    )
    name = models.CharField("tên mô hình", max_length=300)
    field = models.CharField("lĩnh vực", max_length=20, choices=Field.choices)
    situation = models.TextField(
        "thực trạng, lý do xây dựng", blank=True, help_text="The local problem it answers."
    )
    goals = models.TextField("mục tiêu", blank=True)
    criteria = models.TextField(
        "tiêu chí đánh giá", blank=True, help_text="What the evaluation checks."
    )
    content_method = models.TextField("nội dung, cách thức thực hiện", blank=True)
    area = models.CharField("địa bàn thực hiện", max_length=300, blank=True)
    beneficiaries = models.CharField("đối tượng tác động, thụ hưởng", max_length=300, blank=True)
    covered_units = models.ManyToManyField(
        "units.Unit",
        blank=True,
        related_name="covering_practices",
        verbose_name="đơn vị trên địa bàn",
        help_text="Optional: the units the model covers.",
    )
    forces = models.TextField(
        "lực lượng thực hiện", blank=True, help_text="Lead, coordinators, participants and roles."
    )
    resources = models.TextField(
        "nguồn lực", blank=True, help_text="Money, facilities, labour-days, donations."
    )
    start_on = models.DateField("ngày bắt đầu thực hiện", null=True, blank=True)
    evaluation_due = models.DateField("thời điểm đánh giá dự kiến", null=True, blank=True)
    outputs = models.TextField("sản phẩm, kết quả kiểm chứng được", blank=True)
    replicability = models.TextField("tính bền vững, khả năng nhân rộng", blank=True)
    registration_year = models.PositiveSmallIntegerField("năm đăng ký")
    registered_on = models.DateField("ngày đăng ký")
    person_name = models.CharField(
        "họ và tên điển hình", max_length=150, blank=True, help_text="Only for an exemplar."
    )
    person_position = models.CharField(
        "chức vụ, nơi công tác của điển hình", max_length=200, blank=True
    )
    status = models.CharField(
        "trạng thái", max_length=12, choices=Status.choices, default=Status.REGISTERED
    )
    evaluated_on = models.DateField("ngày đánh giá", null=True, blank=True)
    evaluation_result = models.CharField(
        "kết quả đánh giá", max_length=10, choices=EvaluationResult.choices, blank=True
    )
    evaluation_note = models.TextField("nhận xét của người đánh giá", blank=True)
    # SET_NULL: the evaluation stays when the evaluator's account goes.
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người đánh giá",
    )
    recognition_level = models.CharField(
        "cấp công nhận", max_length=10, choices=RecognitionLevel.choices, blank=True
    )
    recognition_decision = models.CharField("số quyết định công nhận", max_length=100, blank=True)
    recognised_on = models.DateField("ngày quyết định công nhận", null=True, blank=True)
    stopped_reason = models.TextField("lý do dừng", blank=True)
    # PROTECT: a source model must not vanish from under its replications.
    replicates = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replications",
        verbose_name="nhân rộng từ mô hình",
    )
    search_key = models.CharField(
        max_length=800, db_index=True, help_text="Folded name, person, area, beneficiaries."
    )
    # SET_NULL: the record outlives its author's account.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người tạo",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_on", "-pk"]
        verbose_name = "mô hình Dân vận khéo"
        verbose_name_plural = "mô hình Dân vận khéo"
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "external_id"],
                condition=~Q(external_id=""),
                name="practice_external_id",
            ),
            models.CheckConstraint(
                condition=~Q(kind=PracticeKind.EXEMPLAR) | ~Q(person_name=""),
                name="practice_exemplar_has_person",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=sorted(EVALUATED)) | Q(evaluated_on__isnull=False),
                name="practice_effective_evaluated",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=sorted(DECIDED))
                | (Q(recognised_on__isnull=False) & ~Q(recognition_decision="")),
                name="practice_recognised_decided",
            ),
        ]
        indexes = [
            # Serves the list: a unit subtree's models, newest first, by status.
            models.Index(fields=["unit", "status", "registered_on"], name="practice_unit_status"),
            # Serves the duplicate check: same area and field.
            models.Index(fields=["unit", "field"], name="practice_unit_field"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", args=[self.code])

    @property
    def is_exemplar(self) -> bool:
        return self.kind == PracticeKind.EXEMPLAR

    @property
    def is_overdue(self) -> bool:
        """Running past its planned evaluation date without an evaluation."""
        return (
            self.status in (Status.REGISTERED, Status.IN_PROGRESS)
            and self.evaluation_due is not None
            and self.evaluation_due < timezone.localdate()
        )


class PracticeTransition(models.Model):
    """One step of a model's lifecycle: the creation (from "") and every change after it."""

    # CASCADE: the history belongs to its record (practices are never deleted by the app).
    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="transitions", verbose_name="mô hình"
    )
    from_status = models.CharField(
        "từ trạng thái", max_length=12, choices=Status.choices, blank=True
    )
    to_status = models.CharField("sang trạng thái", max_length=12, choices=Status.choices)
    on_date = models.DateField("ngày")
    # SET_NULL: the step stays when the account goes; by_name keeps who.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người thực hiện",
    )
    by_name = models.CharField("người thực hiện", max_length=150, blank=True)
    note = models.TextField("ghi chú", blank=True)
    document = models.CharField(
        "văn bản", max_length=200, blank=True, help_text="Decision or minutes behind the step."
    )
    created_at = models.DateTimeField("ghi lúc", auto_now_add=True)

    class Meta:
        ordering = ["on_date", "pk"]
        verbose_name = "bước chuyển trạng thái"
        verbose_name_plural = "lịch sử trạng thái"
        indexes = [
            # Serves status-on-a-date: the last step of a practice up to a day.
            models.Index(fields=["practice", "on_date"], name="practice_step_by_date"),
        ]

    def __str__(self) -> str:
        return f"{self.on_date:%d/%m/%Y} {self.from_status or '—'} → {self.to_status}"


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", "Ảnh"
    DOCUMENT = "document", "Tài liệu"
    DECISION = "decision", "Quyết định"


def attachment_path(instance: PracticeAttachment, filename: str) -> str:
    """practices/<practice code>/<attachment code>.<ext>: never the uploaded name."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"practices/{instance.practice.code}/{instance.code}{suffix}"


class PracticeAttachment(models.Model):
    """A photo or document kept under the data directory, served only after a permission check."""

    code = models.UUIDField("mã", default=uuid.uuid4, unique=True, editable=False)
    # CASCADE: an attachment means nothing without its practice.
    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="attachments", verbose_name="mô hình"
    )
    kind = models.CharField("loại tệp", max_length=10, choices=AttachmentKind.choices)
    file = models.FileField("tệp", upload_to=attachment_path, max_length=255)
    original_name = models.CharField("tên tệp gốc", max_length=255)
    size = models.PositiveIntegerField("dung lượng (byte)")
    content_type = models.CharField("kiểu nội dung", max_length=100)
    # SET_NULL: the file stays when the uploader's account goes.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người tải lên",
    )
    uploaded_at = models.DateTimeField("tải lên lúc", auto_now_add=True)

    class Meta:
        ordering = ["kind", "uploaded_at", "pk"]
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("practices:attachment", args=[self.practice.code, self.code])

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
