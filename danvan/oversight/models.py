"""Inspection, supervision, survey and training plans, and the collisions between them.

Several bodies inspect, supervise, survey or train the same ward; the Hạ Long 2022
conclusion asked that "1 đối tượng phải nghe nhiều lần" stop (DOMAIN.md §4.6). Every
plan names who goes (inspecting body and its unit), whom (subject unit and/or body),
on what (topics) and when (window). Creating or moving a plan records its collisions
with other plans as `PlanConflict` rows, which the planner acknowledges or clears by
changing the plan. How collisions are matched is data (`OverlapRule`), and so is the
notice period (`NoticeRule`).

Steering committees (Ban Chỉ đạo) live in this app too: see steering_models.py.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from danvan.core.search import matching_words

from .states import OPEN, Status
from .steering_models import (  # noqa: F401 - registered with this app
    MemberRole,
    SteeringCommittee,
    SteeringKind,
    SteeringMeeting,
    SteeringMembership,
    SteeringPlan,
)


class Kind(models.TextChoices):
    PARTY_INSPECTION = "party_inspection", "Kiểm tra của cấp ủy Đảng"
    PARTY_SUPERVISION = "party_supervision", "Giám sát của cấp ủy Đảng"
    FRONT_SUPERVISION = "front_supervision", "Giám sát của Mặt trận Tổ quốc"
    FRONT_CRITICISM = "front_criticism", "Phản biện xã hội của Mặt trận Tổ quốc"
    TTND_INSPECTION = "ttnd_inspection", "Kiểm tra của Ban Thanh tra nhân dân"
    COUNCIL_SUPERVISION = "council_supervision", "Giám sát của Hội đồng nhân dân"
    SURVEY = "survey", "Khảo sát"
    TRAINING = "training", "Tập huấn"


class Topic(models.TextChoices):
    """A small taxonomy of subjects; a plan may have several. Same topic ⇒ similar plans."""

    GRASSROOTS_DEMOCRACY = "qcdc", "Thực hiện dân chủ ở cơ sở"
    GOVERNMENT_MOBILISATION = "dvcq", "Dân vận chính quyền"
    SKILFUL_MOBILISATION = "dvk", "Phong trào thi đua “Dân vận khéo”"
    ETHNIC_AFFAIRS = "dan_toc", "Công tác dân tộc"
    RELIGION = "ton_giao", "Công tác tôn giáo"
    PETITIONS = "kntc", "Tiếp công dân, giải quyết khiếu nại, tố cáo"
    FRONT_ACTIVITIES = "mat_tran", "Phong trào, cuộc vận động của Mặt trận và đoàn thể"
    NEW_RURAL = "ntm", "Nông thôn mới, đô thị văn minh"
    SOCIAL_WELFARE = "an_sinh", "Chính sách an sinh xã hội"
    INVESTMENT = "dau_tu", "Đầu tư công, giám sát đầu tư của cộng đồng"
    LAND = "dat_dai", "Đất đai, bồi thường, giải phóng mặt bằng"
    PARTY_BUILDING = "xd_dang", "Xây dựng Đảng, công tác cán bộ"
    DIRECTIVES = "nghi_quyet", "Thực hiện nghị quyết, chỉ thị, kết luận"
    ADMIN_REFORM = "cchc", "Cải cách hành chính"


TOPIC_LABELS: dict[str, str] = dict(Topic.choices)


class WindowMode(models.TextChoices):
    QUARTER = "quarter", "Cùng quý"
    MONTH = "month", "Cùng tháng"
    DAYS = "days", "Trong khoảng số ngày"


class SubjectScope(models.TextChoices):
    UNIT = "unit", "Cùng đơn vị chịu kiểm tra, giám sát"
    UNIT_TREE = "unit_tree", "Cùng đơn vị, cấp trên hoặc cấp dưới của nó"


class OverlapRuleQuerySet(models.QuerySet["OverlapRule"]):
    def valid_on(self, day: dt.date) -> OverlapRuleQuerySet:
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


class OverlapRule(models.Model):
    """How collisions are matched (DOMAIN.md §9 row 21), valid over a date range.

    The rule in force on a plan's first day decides its collisions. The seed row (data
    migration 0002) is the brief's default: same quarter, same subject unit, similar
    topics. Administrators change it in the admin; rows are never deleted, only ended.
    """

    name = models.CharField("tên quy tắc", max_length=200)
    window_mode = models.CharField(
        "khoảng thời gian đối chiếu",
        max_length=10,
        choices=WindowMode.choices,
        default=WindowMode.QUARTER,
    )
    margin_days = models.PositiveSmallIntegerField(
        "số ngày cộng thêm hai đầu", default=0, help_text="Used when the window mode is 'days'."
    )
    subject_scope = models.CharField(
        "phạm vi đối tượng", max_length=10, choices=SubjectScope.choices, default=SubjectScope.UNIT
    )
    match_topics = models.BooleanField(
        "chỉ tính khi trùng nội dung",
        default=True,
        help_text="Off: any two plans on the same subject in the window collide.",
    )
    word_threshold = models.FloatField(
        "ngưỡng trùng từ",
        default=0.5,
        help_text="Overlap coefficient of significant words (0–1) that makes two topics similar.",
    )
    valid_from = models.DateField("áp dụng từ ngày", null=True, blank=True)
    valid_to = models.DateField("áp dụng đến ngày", null=True, blank=True)
    legal_basis = models.CharField("căn cứ", max_length=300, blank=True)
    source = models.URLField("nguồn", blank=True)
    confidence = models.CharField(
        "độ tin cậy",
        max_length=2,
        default="U",
        help_text="V verified, S one secondary source, U unverified.",
    )
    note = models.TextField("ghi chú", blank=True)

    objects = OverlapRuleQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "-pk"]
        verbose_name = "quy tắc phát hiện trùng lặp"
        verbose_name_plural = "quy tắc phát hiện trùng lặp"

    def __str__(self) -> str:
        return self.name

    @classmethod
    def for_day(cls, day: dt.date) -> OverlapRule:
        """The rule in force on `day`; the brief's default if the table is empty."""
        rule = cls.objects.valid_on(day).order_by("-valid_from", "-pk").first()
        return rule or cls(name="Mặc định: cùng quý, cùng đơn vị, cùng nội dung")

    @property
    def summary(self) -> str:
        window = (
            f"± {self.margin_days} ngày"
            if self.window_mode == WindowMode.DAYS
            else WindowMode(self.window_mode).label.lower()
        )
        topics = (
            f"nội dung trùng ≥ {self.word_threshold:.0%}" if self.match_topics else "mọi nội dung"
        )
        return f"{SubjectScope(self.subject_scope).label.lower()}; {window}; {topics}"


class NoticeRule(models.Model):
    """How long before its window a plan's notice must reach the subject (DOMAIN.md §7.5)."""

    kind = models.CharField("loại kế hoạch", max_length=24, choices=Kind.choices)
    days = models.PositiveSmallIntegerField("số ngày báo trước")
    working_days = models.BooleanField("tính theo ngày làm việc", default=True)
    valid_from = models.DateField("áp dụng từ ngày", null=True, blank=True)
    valid_to = models.DateField("áp dụng đến ngày", null=True, blank=True)
    legal_basis = models.CharField("căn cứ", max_length=300, blank=True)
    source = models.URLField("nguồn", blank=True)
    confidence = models.CharField("độ tin cậy", max_length=2, default="U")

    class Meta:
        ordering = ["kind", "-valid_from"]
        verbose_name = "quy tắc thời hạn thông báo"
        verbose_name_plural = "quy tắc thời hạn thông báo"

    def __str__(self) -> str:
        unit = "ngày làm việc" if self.working_days else "ngày"
        return f"{Kind(self.kind).label}: trước {self.days} {unit}"

    @classmethod
    def for_plan(cls, kind: str, day: dt.date) -> NoticeRule | None:
        return (
            cls.objects.filter(kind=kind)
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .order_by("-valid_from", "-pk")
            .first()
        )


class PlanQuerySet(models.QuerySet["OversightPlan"]):
    def for_list(self) -> PlanQuerySet:
        return self.select_related("unit", "body", "subject_unit", "subject_body").annotate(
            has_open_conflict=Exists(
                PlanConflict.objects.filter(plan=OuterRef("pk"), cleared_at__isnull=True)
            ),
            has_unacknowledged=Exists(
                PlanConflict.objects.filter(
                    plan=OuterRef("pk"), cleared_at__isnull=True, acknowledged_at__isnull=True
                )
            ),
        )

    def search(self, query: str) -> PlanQuerySet:
        return matching_words(self, query)

    def overlapping(self, start: dt.date, end: dt.date) -> PlanQuerySet:
        return self.filter(window_start__lte=end, window_end__gte=start)

    def with_topic(self, topic: str) -> PlanQuerySet:
        return self.filter(topics__contains=f",{topic},")

    def active(self) -> PlanQuerySet:
        return self.exclude(status=Status.CANCELLED)

    def overdue(self, today: dt.date) -> PlanQuerySet:
        return self.filter(status__in=OPEN, window_end__lt=today)


class OversightPlan(models.Model):
    """One planned inspection, supervision, social criticism, survey or training."""

    code = models.UUIDField("mã", default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(
        "mã ngoài",
        max_length=64,
        blank=True,
        help_text="Stable id from an imported spreadsheet; unique within the unit when set.",
    )
    kind = models.CharField("loại", max_length=24, choices=Kind.choices)
    # PROTECT: records must never disappear with a unit.
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="oversight_plans",
        verbose_name="đơn vị chủ trì",
        help_text="The inspecting body's unit; permissions follow it.",
    )
    # PROTECT: the inspecting body is part of the record.
    body = models.ForeignKey(
        "units.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="oversight_plans",
        verbose_name="cơ quan chủ trì",
    )
    document_number = models.CharField(
        "số kế hoạch, quyết định", max_length=100, blank=True, help_text="'12-KH/BTGDVTU'."
    )
    title = models.CharField("tên cuộc kiểm tra, giám sát", max_length=300)
    topics = models.CharField(
        "chủ đề",
        max_length=300,
        blank=True,
        help_text="Taxonomy slugs, comma-separated with leading and trailing commas: ',qcdc,kntc,'.",
    )
    topic_text = models.TextField("nội dung", blank=True)
    # PROTECT: the subject is part of the record.
    subject_unit = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="oversight_subject_plans",
        verbose_name="đơn vị chịu kiểm tra, giám sát",
    )
    # PROTECT: the subject is part of the record.
    subject_body = models.ForeignKey(
        "units.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="oversight_subject_plans",
        verbose_name="cơ quan, tổ chức chịu kiểm tra, giám sát",
    )
    # PROTECT: derived from the subject; kept so that the collision query is one index.
    match_unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="đơn vị đối chiếu trùng lặp",
        help_text="The subject unit, or the subject body's unit: the key collisions match on.",
    )
    window_start = models.DateField("từ ngày")
    window_end = models.DateField("đến ngày")
    notice_sent_on = models.DateField("ngày gửi thông báo", null=True, blank=True)
    team = models.TextField("thành phần đoàn", blank=True)
    findings = models.TextField("kết quả, nhận xét", blank=True)
    recommendations = models.TextField("kiến nghị", blank=True)
    status = models.CharField(
        "trạng thái", max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    search_key = models.CharField(
        max_length=1000, db_index=True, help_text="Folded title, topics, subject and body names."
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

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["window_start", "pk"]
        verbose_name = "kế hoạch kiểm tra, giám sát"
        verbose_name_plural = "kế hoạch kiểm tra, giám sát"
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "external_id"],
                condition=~Q(external_id=""),
                name="plan_external_id_per_unit",
            ),
            models.CheckConstraint(
                condition=Q(window_end__gte=models.F("window_start")), name="plan_window_ordered"
            ),
        ]
        indexes = [
            # Serves collision detection: plans on one subject unit in a date range.
            models.Index(
                fields=["match_unit", "window_start", "window_end"], name="plan_collisions"
            ),
            models.Index(fields=["unit", "window_start"], name="plan_by_unit"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("oversight:detail", args=[self.code])

    @property
    def topic_list(self) -> list[str]:
        return [t for t in self.topics.split(",") if t]

    @property
    def topic_labels(self) -> list[str]:
        return [TOPIC_LABELS.get(t, t) for t in self.topic_list]

    @property
    def subject_label(self) -> str:
        if (
            self.subject_body_id
            and self.subject_unit_id
            and self.subject_body.unit_id != self.subject_unit_id
        ):
            return f"{self.subject_body} ({self.subject_unit})"
        return str(self.subject_body or self.subject_unit)

    @property
    def inspector_label(self) -> str:
        return str(self.body or self.unit)

    def is_overdue(self, today: dt.date) -> bool:
        return self.status in OPEN and self.window_end < today


def topics_value(slugs: list[str] | tuple[str, ...] | set[str]) -> str:
    """The stored form of a topic list: ',a,b,' (sorted), or '' for none."""
    ordered = [t for t, _ in Topic.choices if t in set(slugs)]
    return f",{','.join(ordered)}," if ordered else ""


class PlanTransition(models.Model):
    """One step of a plan's lifecycle: the timeline on its page."""

    # CASCADE: history belongs to its plan (plans are never deleted in practice).
    plan = models.ForeignKey(OversightPlan, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(
        "từ trạng thái", max_length=12, choices=Status.choices, blank=True
    )
    to_status = models.CharField("sang trạng thái", max_length=12, choices=Status.choices)
    on_date = models.DateField("ngày")
    # SET_NULL: history outlives accounts.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người thực hiện",
    )
    note = models.TextField("ghi chú", blank=True)
    created_at = models.DateTimeField("ghi lúc", auto_now_add=True)

    class Meta:
        ordering = ["on_date", "pk"]
        verbose_name = "bước chuyển trạng thái"
        verbose_name_plural = "bước chuyển trạng thái"

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.from_status} → {self.to_status}"


class PlanConflictQuerySet(models.QuerySet["PlanConflict"]):
    def open(self) -> PlanConflictQuerySet:
        return self.filter(cleared_at__isnull=True)

    def unacknowledged(self) -> PlanConflictQuerySet:
        return self.open().filter(acknowledged_at__isnull=True)


class PlanConflict(models.Model):
    """`plan` collides with `other`, as seen from `plan`'s side.

    Each side has its own row, so each planner acknowledges for their own plan. A row is
    open while the collision lasts; changing either plan so that they no longer collide
    sets `cleared_at` (rows are kept: the history shows what was weighed). While open, an
    acknowledgement stays valid even if the plans move, as long as they still collide.
    """

    # CASCADE: derived rows; they mean nothing without both plans.
    plan = models.ForeignKey(OversightPlan, on_delete=models.CASCADE, related_name="conflicts")
    # CASCADE: as above.
    other = models.ForeignKey(
        OversightPlan, on_delete=models.CASCADE, related_name="+", verbose_name="kế hoạch trùng"
    )
    reasons = models.JSONField("lý do", default=list, help_text="Vietnamese sentences.")
    overlap = models.FloatField("mức trùng từ", default=0.0)
    detected_at = models.DateTimeField("phát hiện lúc", auto_now_add=True)
    # SET_NULL: the acknowledgement stays when the account goes.
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người xác nhận",
    )
    acknowledged_at = models.DateTimeField("xác nhận lúc", null=True, blank=True)
    note = models.TextField("ý kiến xác nhận", blank=True)
    cleared_at = models.DateTimeField("hết trùng lúc", null=True, blank=True)

    objects = PlanConflictQuerySet.as_manager()

    class Meta:
        ordering = ["-detected_at", "pk"]
        verbose_name = "trùng lặp kế hoạch"
        verbose_name_plural = "trùng lặp kế hoạch"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "other"],
                condition=Q(cleared_at__isnull=True),
                name="one_open_conflict_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} ↔ {self.other_id}"

    @property
    def is_open(self) -> bool:
        return self.cleared_at is None

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None
