"""Citizen reception sessions, dialogues, mobilisation meetings and community activities.

One row is one session or meeting by default. A commune that holds many small
meetings of the same kind (twelve residential-group meetings in a month) may record
them as one row with `meetings` > 1 and their total attendance; receptions are always
one row per day, because the frequency rules count days (DOMAIN.md §3.6, §3.7).

Attendance (lượt người) adds up across rows; distinct people (người) never do, and
are kept only where known. Rows are soft-deleted (`deleted_at`), so the audit trail,
the petitions received at a session and reports already compiled keep their target.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from danvan.core.search import matching_words
from danvan.lib.text import fold
from danvan.lib.vn import format_number
from danvan.units.models import Level, Unit

# Average attendance per meeting above which a row is flagged for checking (a warning,
# never a block). Not a legal figure: a plausibility bound for a commune's meetings [U].
OUTLIER_PER_MEETING: dict[str, int] = {
    Level.COMMUNE: 2_000,
    Level.DISTRICT: 10_000,
    Level.PROVINCE: 20_000,
}


class EngagementKind(models.TextChoices):
    RECEPTION = "reception", "Tiếp công dân"
    DIALOGUE = "dialogue", "Đối thoại với Nhân dân"
    MOBILIZATION = "mobilization", "Hội nghị tuyên truyền, vận động"
    COMMUNITY = "community", "Hoạt động cộng đồng"


class ReceptionType(models.TextChoices):
    REGULAR = "regular", "Định kỳ"
    AD_HOC = "ad_hoc", "Đột xuất"


class HostRole(models.TextChoices):
    """Who chaired a session. Only the heads' own regular sessions meet the frequency rules."""

    PARTY_SECRETARY = "party_secretary", "Bí thư cấp ủy"
    COMMITTEE_CHAIR = "committee_chair", "Chủ tịch UBND"
    DEPUTY = "deputy", "Cấp phó được ủy quyền"
    OTHER = "other", "Cán bộ khác"


HEAD_ROLES = (HostRole.PARTY_SECRETARY, HostRole.COMMITTEE_CHAIR)


class EngagementQuerySet(models.QuerySet["Engagement"]):
    def live(self) -> EngagementQuerySet:
        """Rows not deleted: every list, count and compliance figure starts here."""
        return self.filter(deleted_at__isnull=True)

    def in_period(self, start: dt.date | None, end: dt.date | None) -> EngagementQuerySet:
        qs = self
        if start:
            qs = qs.filter(date__gte=start)
        if end:
            qs = qs.filter(date__lte=end)
        return qs

    def in_subtree(self, unit: Unit) -> EngagementQuerySet:
        """Rows of the unit and every unit below it (closure table semi-join)."""
        return self.filter(unit__ancestor_links__ancestor=unit)

    def matching(self, query: str) -> EngagementQuerySet:
        """Every folded word of `query` in the search key: 'tiep dan ha long'."""
        return matching_words(self, query)

    def for_list(self) -> EngagementQuerySet:
        return self.select_related("unit", "body")


class Engagement(models.Model):
    """One session or meeting held by a unit's bodies, with its attendance.

    Attendance (lượt người) adds up across sessions; distinct people (người) do not
    and are kept only when known (DOMAIN.md §3.7).
    """

    code = models.UUIDField("mã", default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(
        "mã định danh ngoài",
        max_length=64,
        blank=True,
        help_text="Stable id from an imported spreadsheet (re-import updates).",
    )
    kind = models.CharField("loại hoạt động", max_length=16, choices=EngagementKind.choices)
    reception_type = models.CharField(
        "hình thức tiếp",
        max_length=10,
        choices=ReceptionType.choices,
        blank=True,
        help_text="Only for citizen reception.",
    )
    # PROTECT: records must never disappear with a unit.
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="engagements", verbose_name="đơn vị"
    )
    # PROTECT: the organising body is part of the record.
    body = models.ForeignKey(
        "units.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="engagements",
        verbose_name="cơ quan chủ trì",
    )
    co_organisers = models.ManyToManyField(
        "units.Body",
        blank=True,
        related_name="co_organised_engagements",
        verbose_name="cơ quan phối hợp",
    )
    date = models.DateField("ngày")
    meetings = models.PositiveIntegerField(
        "số cuộc",
        default=1,
        help_text="Usually 1. Several small meetings of one kind may be recorded as one row "
        "(e.g. 12 residential-group meetings in a month); receptions are always 1 (one day).",
    )
    topic = models.CharField("chủ đề, nội dung", max_length=300)
    host_name = models.CharField("người chủ trì", max_length=150, blank=True)
    host_position = models.CharField("chức vụ người chủ trì", max_length=200, blank=True)
    host_role = models.CharField(
        "vai trò người chủ trì",
        max_length=20,
        choices=HostRole.choices,
        blank=True,
        help_text="Required for receptions: the frequency rules count the heads' own sessions.",
    )
    place = models.CharField("địa điểm", max_length=200, blank=True)
    is_online = models.BooleanField("trực tuyến", default=False)
    connection_points = models.PositiveIntegerField(
        "số điểm cầu", null=True, blank=True, help_text="Online conferences only."
    )
    attendance = models.PositiveIntegerField("số lượt người dự", null=True, blank=True)
    distinct_people = models.PositiveIntegerField("số người (không trùng)", null=True, blank=True)
    women = models.PositiveIntegerField("trong đó nữ", null=True, blank=True)
    ethnic_minorities = models.PositiveIntegerField(
        "trong đó người dân tộc thiểu số", null=True, blank=True
    )
    issues_raised = models.TextField("ý kiến, kiến nghị của Nhân dân", blank=True)
    outcome = models.TextField("kết quả, trả lời", blank=True)
    outcome_on = models.DateField(
        "ngày ghi nhận kết quả",
        null=True,
        blank=True,
        help_text="When the answer was given back (often at the next session).",
    )
    search_key = models.TextField(
        "khóa tìm kiếm",
        blank=True,
        editable=False,
        help_text="Folded topic, host, place and unit name (no diacritics, lower case).",
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
    created_at = models.DateTimeField("thời điểm tạo", auto_now_add=True)
    updated_at = models.DateTimeField("thời điểm cập nhật", auto_now=True)
    deleted_at = models.DateTimeField("thời điểm xóa", null=True, blank=True)
    # SET_NULL: who deleted stays in the audit trail even if the account goes.
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người xóa",
    )
    delete_reason = models.CharField("lý do xóa", max_length=300, blank=True)

    objects = EngagementQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = "hoạt động tiếp dân, đối thoại"
        verbose_name_plural = "hoạt động tiếp dân, đối thoại"
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "external_id"],
                condition=~models.Q(external_id=""),
                name="engagement_external_id",
            ),
        ]
        indexes = [
            # Serves lists and roll-ups: a unit's sessions in a period, by kind.
            models.Index(fields=["unit", "kind", "date"], name="engagement_unit_kind_date"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}: {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("engagements:detail", args=[self.code])

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def counts_for_frequency(self) -> bool:
        """A regular reception chaired by the head in person (the frequency rules count these)."""
        return (
            self.kind == EngagementKind.RECEPTION
            and self.reception_type == ReceptionType.REGULAR
            and self.host_role in HEAD_ROLES
        )

    def build_search_key(self) -> str:
        parts = [
            self.topic,
            self.host_name,
            self.host_position,
            self.place,
            self.external_id,
            self.unit.name if self.unit_id else "",
        ]
        return fold(" | ".join(p for p in parts if p))

    def warnings(self) -> list[str]:
        """Plausibility checks shown to the user; they never block a save (DOMAIN.md §3.7)."""
        found = []
        bound = OUTLIER_PER_MEETING.get(self.unit.level) if self.unit_id else None
        if bound and self.attendance and self.meetings and self.attendance / self.meetings > bound:
            average = format_number(round(self.attendance / self.meetings))
            found.append(
                f"Bình quân {average} lượt người mỗi cuộc, vượt mức thường gặp "
                f"({format_number(bound)}): hãy kiểm tra lại số liệu."
            )
        if (
            self.kind == EngagementKind.RECEPTION
            and self.reception_type == ReceptionType.REGULAR
            and self.host_role
            and self.host_role not in HEAD_ROLES
        ):
            found.append(
                "Buổi tiếp định kỳ không do người đứng đầu trực tiếp chủ trì nên không được "
                "tính vào số ngày tiếp dân định kỳ của Bí thư cấp ủy, Chủ tịch UBND."
            )
        return found


class RulePer(models.TextChoices):
    MONTH = "month", "tháng"
    WEEK = "week", "tuần"


class Confidence(models.TextChoices):
    VERIFIED = "V", "Đã đối chiếu văn bản [V]"
    SECONDARY = "S", "Theo một nguồn thứ cấp [S]"
    UNVERIFIED = "U", "Chưa kiểm chứng [U]"


class ReceptionRuleQuerySet(models.QuerySet["ReceptionRule"]):
    def overlapping(self, start: dt.date, end: dt.date) -> ReceptionRuleQuerySet:
        """Rules in force on at least one day of [start, end]."""
        return self.filter(
            models.Q(valid_from__lte=end),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=start),
        )


class ReceptionRule(models.Model):
    """How often a head must receive citizens in person: data, with its legal basis.

    Quy định 11-QĐi/TW (as amended by Kết luận 215-KL/TW) for Party committee heads,
    Luật Tiếp công dân 2013 for People's Committee chairs (DOMAIN.md §3.6). Versions of
    one (level, host role) must not overlap in time; administrators edit the table.
    """

    code = models.CharField(
        "mã quy định", max_length=40, help_text="Short handle, e.g. 'QD11-XA-BI-THU'."
    )
    host_role = models.CharField("người đứng đầu", max_length=20, choices=HostRole.choices[:2])
    level = models.CharField(
        "cấp",
        max_length=10,
        choices=[(v, label) for v, label in Level.choices if v != Level.NATION],
    )
    min_days = models.PositiveSmallIntegerField("số ngày tối thiểu")
    per = models.CharField("mỗi", max_length=5, choices=RulePer.choices)
    legal_basis = models.CharField("căn cứ", max_length=300)
    source_url = models.URLField("nguồn", max_length=500, blank=True)
    confidence = models.CharField(
        "độ tin cậy", max_length=1, choices=Confidence.choices, default=Confidence.UNVERIFIED
    )
    valid_from = models.DateField("hiệu lực từ ngày")
    valid_to = models.DateField("hiệu lực đến ngày", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)
    created_at = models.DateTimeField("thời điểm tạo", auto_now_add=True)
    updated_at = models.DateTimeField("thời điểm cập nhật", auto_now=True)

    objects = ReceptionRuleQuerySet.as_manager()

    class Meta:
        ordering = ["level", "host_role", "valid_from"]
        verbose_name = "quy định tần suất tiếp công dân"
        verbose_name_plural = "quy định tần suất tiếp công dân"
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="reception_rule_version"),
        ]

    def __str__(self) -> str:
        return f"{self.get_host_role_display()} {self.get_level_display().lower()}: {self.label}"

    @property
    def label(self) -> str:
        """'ít nhất 2 ngày/tháng'."""
        return f"ít nhất {self.min_days} ngày/{self.get_per_display()}"

    @property
    def validity_label(self) -> str:
        if self.valid_to:
            return f"{self.valid_from:%d/%m/%Y} – {self.valid_to:%d/%m/%Y}"
        return f"từ {self.valid_from:%d/%m/%Y}"

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)
