"""Steering committees (Ban Chỉ đạo, BCĐ) — DOMAIN.md §4.5.

A Party committee sets up a BCĐ for grassroots democracy (QCDC), for the "Dân vận
khéo" movement, for mass mobilisation in building and defending the Fatherland (VĐQC),
or for another purpose. It is an organisation: its own `units.Body` row of kind
"Ban Chỉ đạo", a standing agency (usually the Ban Dân vận), a decision that set it up,
members in roles over time, plans (`01-KH/BCĐ`) and meetings. When structures change
it is dissolved, and often re-formed: the new committee links to its predecessor.

Imported by models.py so that Django registers these models with the oversight app.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from danvan.core.search import matching_words


class SteeringKind(models.TextChoices):
    GRASSROOTS_DEMOCRACY = "qcdc", "Thực hiện dân chủ ở cơ sở (QCDC)"
    SKILFUL_MOBILISATION = "dvk", "Phong trào thi đua “Dân vận khéo”"
    FATHERLAND = "vdqc", "Vận động quần chúng xây dựng và bảo vệ Tổ quốc (VĐQC)"
    OTHER = "other", "Khác"


class MemberRole(models.TextChoices):
    HEAD = "head", "Trưởng ban"
    STANDING_DEPUTY = "standing_deputy", "Phó Trưởng ban Thường trực"
    DEPUTY = "deputy", "Phó Trưởng ban"
    MEMBER = "member", "Thành viên"
    SUPPORT = "support", "Tổ giúp việc"


# Display order of roles on a committee page.
ROLE_ORDER: dict[str, int] = {role: i for i, role in enumerate(MemberRole.values)}


class SteeringQuerySet(models.QuerySet["SteeringCommittee"]):
    def for_list(self) -> SteeringQuerySet:
        return self.select_related("unit", "party_body", "standing_body")

    def active_on(self, day: dt.date) -> SteeringQuerySet:
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def search(self, query: str) -> SteeringQuerySet:
        return matching_words(self, query)


class SteeringCommittee(models.Model):
    code = models.UUIDField("mã", default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(
        "mã ngoài",
        max_length=64,
        blank=True,
        help_text="Stable id for idempotent loads; unique within the unit when set.",
    )
    # PROTECT: records must never disappear with a unit.
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="steering_committees",
        verbose_name="đơn vị",
    )
    kind = models.CharField("loại", max_length=10, choices=SteeringKind.choices)
    name = models.CharField(
        "tên Ban Chỉ đạo",
        max_length=300,
        help_text="As in the decision: 'Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở thành phố'.",
    )
    # PROTECT: the Party committee that set it up is part of the record.
    party_body = models.ForeignKey(
        "units.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="cấp ủy thành lập",
    )
    # PROTECT: as above.
    standing_body = models.ForeignKey(
        "units.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="cơ quan thường trực",
        help_text="Usually the Ban Dân vận.",
    )
    # PROTECT: the committee's own organisation row (kind 'Ban Chỉ đạo'), made by the action.
    body = models.ForeignKey(
        "units.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="steering_committees",
        verbose_name="tổ chức Ban Chỉ đạo",
    )
    established_by = models.CharField(
        "quyết định thành lập", max_length=200, blank=True, help_text="'Quyết định số 125-QĐ/TU'."
    )
    valid_from = models.DateField("thành lập ngày")
    valid_to = models.DateField("giải thể ngày", null=True, blank=True)
    ended_by = models.CharField("quyết định giải thể, kiện toàn", max_length=200, blank=True)
    # SET_NULL: a re-formed committee keeps standing if its predecessor's row goes.
    predecessor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
        verbose_name="kế thừa Ban Chỉ đạo",
    )
    duties = models.TextField("chức năng, nhiệm vụ", blank=True)
    note = models.TextField("ghi chú", blank=True)
    search_key = models.CharField(max_length=600, db_index=True, help_text="Folded name and unit.")
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

    objects = SteeringQuerySet.as_manager()

    class Meta:
        ordering = ["unit__code", "kind", "-valid_from"]
        verbose_name = "Ban Chỉ đạo"
        verbose_name_plural = "Ban Chỉ đạo"
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "external_id"],
                condition=~Q(external_id=""),
                name="steering_external_id_per_unit",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("oversight:steering_detail", args=[self.code])

    @property
    def is_active(self) -> bool:
        return self.valid_to is None

    @property
    def validity_label(self) -> str:
        start = f"{self.valid_from:%d/%m/%Y}"
        return f"{start} – {self.valid_to:%d/%m/%Y}" if self.valid_to else f"từ {start}"


class SteeringMembership(models.Model):
    """A person in a role on a committee over a date range; a role change is a new row."""

    # CASCADE: a membership means nothing without its committee (committees are not deleted).
    committee = models.ForeignKey(
        SteeringCommittee, on_delete=models.CASCADE, related_name="memberships"
    )
    # PROTECT: merging duplicate people moves memberships first; a person is never lost.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="steering_memberships",
        verbose_name="cán bộ",
    )
    role = models.CharField("vai trò", max_length=16, choices=MemberRole.choices)
    position_label = models.CharField(
        "chức vụ (như trong quyết định)",
        max_length=300,
        blank=True,
        help_text="As written: 'Phó Bí thư Thường trực Thành ủy'.",
    )
    valid_from = models.DateField("từ ngày")
    valid_to = models.DateField("đến ngày", null=True, blank=True)
    decision = models.CharField("theo quyết định", max_length=200, blank=True)
    note = models.TextField("ghi chú", blank=True)
    # SET_NULL: history outlives accounts.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người tạo",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        ordering = ["committee", "valid_from", "pk"]
        verbose_name = "thành viên Ban Chỉ đạo"
        verbose_name_plural = "thành viên Ban Chỉ đạo"
        indexes = [models.Index(fields=["committee", "valid_to"], name="steering_members_now")]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}"

    def is_current_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)


class SteeringPlan(models.Model):
    """A plan the committee issued: '01-KH/BCĐ, ngày 04/5/2021'."""

    # CASCADE: part of the committee's record.
    committee = models.ForeignKey(SteeringCommittee, on_delete=models.CASCADE, related_name="plans")
    number = models.CharField("số, ký hiệu", max_length=100, help_text="'01-KH/BCĐ'.")
    issued_on = models.DateField("ngày ban hành")
    title = models.CharField("trích yếu", max_length=500)
    period_from = models.DateField("giai đoạn từ", null=True, blank=True)
    period_to = models.DateField("giai đoạn đến", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)
    # SET_NULL: history outlives accounts.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người tạo",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "pk"]
        verbose_name = "kế hoạch của Ban Chỉ đạo"
        verbose_name_plural = "kế hoạch của Ban Chỉ đạo"

    def __str__(self) -> str:
        return f"{self.number} – {self.title}"


class SteeringMeeting(models.Model):
    """A meeting or review conference of the committee, with what it concluded."""

    # CASCADE: part of the committee's record.
    committee = models.ForeignKey(
        SteeringCommittee, on_delete=models.CASCADE, related_name="meetings"
    )
    held_on = models.DateField("ngày họp")
    venue = models.CharField("địa điểm", max_length=300, blank=True)
    # SET_NULL: the meeting stays if the person record is merged away.
    chaired_by = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người chủ trì",
    )
    content = models.TextField("nội dung")
    conclusions = models.TextField("kết luận", blank=True)
    # SET_NULL: history outlives accounts.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người tạo",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "pk"]
        verbose_name = "cuộc họp Ban Chỉ đạo"
        verbose_name_plural = "cuộc họp Ban Chỉ đạo"

    def __str__(self) -> str:
        return f"{self.committee} – {self.held_on:%d/%m/%Y}"
