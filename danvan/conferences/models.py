"""Review conferences (hội nghị sơ kết, tổng kết…), who sat in them and in which posts.

One conference may review several programmes at once (Hạ Long, 01/12/2022: dân vận,
grassroots democracy and the Front's coordination programme). Its outputs are the
conclusions (issued as a *Thông báo kết luận*), commendations, pledges and the key
tasks for the next period (`followups.KeyTask`), which the next conference of the same
body reviews (DOMAIN.md §1.4, §4.1).
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from danvan.core.search import matching_words
from danvan.lib.text import fold


class Kind(models.TextChoices):
    REVIEW_INTERIM = "so_ket", "Sơ kết"
    REVIEW_FINAL = "tong_ket", "Tổng kết"
    WORKING_SESSION = "lam_viec", "Làm việc"
    ONLINE = "truc_tuyen", "Hội nghị trực tuyến"
    AWARD = "trao_tang", "Trao tặng, khen thưởng"
    DEPLOYMENT = "quan_triet", "Quán triệt, triển khai"
    BRIEFING = "giao_ban", "Giao ban"
    OTHER = "khac", "Khác"


class ParticipantRole(models.TextChoices):
    CHAIR = "chair", "Chủ trì"
    REPORTER = "reporter", "Trình bày báo cáo"
    SPEAKER = "speaker", "Phát biểu, tham luận"
    ATTENDEE = "attendee", "Dự"


class ConferenceQuerySet(models.QuerySet["Conference"]):
    def for_list(self) -> ConferenceQuerySet:
        return self.select_related("unit", "body")

    def search(self, query: str) -> ConferenceQuerySet:
        return matching_words(self, query)

    def of_body(self, body_ids: set[int]) -> ConferenceQuerySet:
        return self.filter(body_id__in=body_ids)


class Conference(models.Model):
    """One conference as recorded by the organising body."""

    code = models.UUIDField("mã", default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(
        "mã ngoài",
        max_length=64,
        blank=True,
        help_text="Stable id from an imported spreadsheet; unique within the unit when set.",
    )
    # PROTECT: records must never disappear with a unit.
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="conferences", verbose_name="đơn vị"
    )
    # PROTECT: the organising body is part of the record and finds the previous conference.
    body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        related_name="conferences",
        verbose_name="cơ quan tổ chức",
    )
    title = models.CharField(
        "tên hội nghị",
        max_length=500,
        help_text="As written: 'Hội nghị tổng kết công tác dân vận … năm 2022, triển khai …'.",
    )
    kind = models.CharField("loại hội nghị", max_length=12, choices=Kind.choices)
    programmes = models.JSONField(
        "chương trình, lĩnh vực được đánh giá",
        default=list,
        blank=True,
        help_text="Free-text list: 'công tác dân vận', 'Quy chế dân chủ ở cơ sở'…",
    )
    reviewed_label = models.CharField(
        "kỳ đánh giá (như ghi)",
        max_length=100,
        blank=True,
        help_text="As written: 'năm 2022', '2,5 năm', '6 tháng đầu năm 2022'.",
    )
    reviewed_from = models.DateField("kỳ đánh giá từ ngày", null=True, blank=True)
    reviewed_to = models.DateField("kỳ đánh giá đến ngày", null=True, blank=True)
    planned_label = models.CharField(
        "kỳ triển khai (như ghi)",
        max_length=100,
        blank=True,
        help_text="The period the key tasks are for: 'năm 2023', '6 tháng cuối năm 2023'.",
    )
    planned_from = models.DateField("kỳ triển khai từ ngày", null=True, blank=True)
    planned_to = models.DateField("kỳ triển khai đến ngày", null=True, blank=True)
    held_on = models.DateField(
        "ngày tổ chức", null=True, blank=True, help_text="Empty when the source gives no day."
    )
    held_note = models.CharField(
        "thời gian (như ghi)",
        max_length=100,
        blank=True,
        help_text="When the day is unknown: 'tháng 9/2022', 'giữa năm 2023'.",
    )
    sort_on = models.DateField(
        "ngày xếp thứ tự",
        help_text="Derived: the day held, else the end of the reviewed period, else the start "
        "of the planned one. Orders the conferences of a body.",
    )
    venue = models.CharField("địa điểm", max_length=300, blank=True)
    is_online = models.BooleanField("trực tuyến", default=False)
    bridge_points_count = models.PositiveIntegerField("số điểm cầu", null=True, blank=True)
    bridge_points = models.JSONField("các điểm cầu", default=list, blank=True)
    reports = models.JSONField(
        "báo cáo trình bày",
        default=list,
        blank=True,
        help_text="One line per report: title, and who presented it.",
    )
    contributions = models.JSONField(
        "tham luận, phát biểu", default=list, blank=True, help_text="One line per contribution."
    )
    conclusions = models.TextField("kết luận hội nghị", blank=True)
    awards_count = models.PositiveIntegerField(
        "số cá nhân, tập thể được khen", null=True, blank=True
    )
    awards_text = models.TextField("khen thưởng, trao tặng", blank=True)
    pledges_count = models.PositiveIntegerField("số giao ước thi đua ký kết", null=True, blank=True)
    pledges_text = models.TextField("giao ước thi đua", blank=True)
    # The conclusion notice (Thông báo kết luận); blank fields are derived when rendering.
    notice_number = models.CharField(
        "số thông báo kết luận",
        max_length=20,
        blank=True,
        help_text="The number only ('414'); blank leaves a gap for the clerk.",
    )
    notice_date = models.DateField("ngày thông báo", null=True, blank=True)
    notice_place = models.CharField(
        "địa danh ghi ngày tháng", max_length=100, blank=True, help_text="'Hạ Long'."
    )
    notice_signing = models.CharField(
        "thẩm quyền ký",
        max_length=100,
        blank=True,
        help_text="'T/M BAN THƯỜNG VỤ', 'K/T TRƯỞNG BAN'…",
    )
    notice_signer_title = models.CharField("chức danh người ký", max_length=150, blank=True)
    notice_signer_name = models.CharField("họ tên người ký", max_length=150, blank=True)
    notice_recipients = models.JSONField("nơi nhận", default=list, blank=True)
    search_key = models.CharField(max_length=1000, db_index=True, blank=True)
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

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        ordering = ["-sort_on", "-pk"]
        verbose_name = "hội nghị"
        verbose_name_plural = "hội nghị"
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "external_id"],
                condition=~models.Q(external_id=""),
                name="conference_external_id",
            ),
        ]
        indexes = [
            # Serves Conference.previous(): the conferences of one body in date order.
            models.Index(fields=["body", "sort_on"], name="conference_body_order"),
            models.Index(fields=["unit", "sort_on"], name="conference_unit_order"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("conferences:detail", args=[self.code])

    @property
    def date_label(self) -> str:
        if self.held_on:
            return f"{self.held_on:%d/%m/%Y}"
        return self.held_note or "chưa rõ ngày"

    def derived_sort_on(self) -> dt.date:
        return (
            self.held_on
            or self.reviewed_to
            or self.planned_from
            or (self.created_at.date() if self.created_at else dt.date.today())  # noqa: DTZ011
        )

    def body_ids(self) -> set[int]:
        """The organising body and the bodies it renamed (Ban Dân vận → Ban TGDV, 2025)."""
        ids = {self.body_id}
        ids |= set(self.body.predecessors.values_list("pk", flat=True))
        if self.body.successor_id:
            ids.add(self.body.successor_id)
        return ids

    def previous(self) -> Conference | None:
        """The last conference of the same body before this one (derived, never stored)."""
        return (
            Conference.objects.of_body(self.body_ids())
            .filter(
                models.Q(sort_on__lt=self.sort_on) | models.Q(sort_on=self.sort_on, pk__lt=self.pk)
            )
            .exclude(pk=self.pk)
            .select_related("unit", "body")
            .order_by("-sort_on", "-pk")
            .first()
        )

    def next(self) -> Conference | None:
        return (
            Conference.objects.of_body(self.body_ids())
            .filter(
                models.Q(sort_on__gt=self.sort_on) | models.Q(sort_on=self.sort_on, pk__gt=self.pk)
            )
            .exclude(pk=self.pk)
            .order_by("sort_on", "pk")
            .first()
        )

    def chairs(self) -> list[ConferenceParticipant]:
        return [p for p in self.participants.all() if p.role == ParticipantRole.CHAIR]

    def compute_search_key(self, participant_names: list[str] | None = None) -> str:
        names = participant_names
        if names is None:
            names = [p.person.full_name for p in self.participants.select_related("person")]
        parts = [
            self.title,
            self.venue,
            self.body.name,
            self.reviewed_label,
            *self.programmes,
            *names,
        ]
        return fold(" | ".join(p for p in parts if p))[:1000]


class ConferenceParticipant(models.Model):
    """A person at a conference, with the position as written for that day."""

    # CASCADE: a participation means nothing without its conference.
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="participants", verbose_name="hội nghị"
    )
    # PROTECT: a person with participations is merged, never deleted.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="conference_participations",
        verbose_name="cán bộ",
    )
    role = models.CharField(
        "vai trò", max_length=10, choices=ParticipantRole.choices, default=ParticipantRole.ATTENDEE
    )
    position_label = models.CharField(
        "chức vụ (như ghi)",
        max_length=300,
        blank=True,
        help_text="As written on that day: 'Phó Bí thư TT Thành uỷ, Trưởng BCĐ …'.",
    )
    positions = models.ManyToManyField(
        "people.Position",
        blank=True,
        related_name="conference_participations",
        verbose_name="chức vụ đang giữ",
        help_text="The person's positions valid on the conference day, one per post.",
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        ordering = ["conference", "order", "pk"]
        verbose_name = "đại biểu"
        verbose_name_plural = "đại biểu"
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "person", "role"], name="participant_once_per_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"

    @property
    def name_with_position(self) -> str:
        if self.position_label:
            return f"{self.person.full_name}, {self.position_label}"
        return self.person.full_name
