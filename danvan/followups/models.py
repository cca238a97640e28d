"""Key tasks (nhiệm vụ trọng tâm) set by a conference or a directive, followed to the end.

"Rõ người, rõ việc": every task names an owner body and, where known, the person
answerable for it. Progress is a dated note; an unfinished task is carried into the
next period as a new task linked to the old one (DOMAIN.md §4.2).
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from danvan.core.search import matching_words
from danvan.lib.text import fold

from .states import OPEN, Status


def today() -> dt.date:
    return timezone.localdate()


class KeyTaskQuerySet(models.QuerySet["KeyTask"]):
    def for_list(self) -> KeyTaskQuerySet:
        return self.select_related(
            "unit", "owner_body", "owner_person", "conference", "directive", "carried_over_from"
        )

    def open(self) -> KeyTaskQuerySet:
        return self.filter(status__in=OPEN)

    def overdue(self, on: dt.date | None = None) -> KeyTaskQuerySet:
        return self.open().filter(deadline__lt=on or today())

    def search(self, query: str) -> KeyTaskQuerySet:
        return matching_words(self, query)


class KeyTask(models.Model):
    code = models.UUIDField("mã", default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(
        "mã ngoài",
        max_length=64,
        blank=True,
        help_text="Stable id from an imported spreadsheet; unique within the unit when set.",
    )
    # PROTECT: records must never disappear with a unit.
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="key_tasks", verbose_name="đơn vị"
    )
    # PROTECT: a conference with tasks is history; it cannot be deleted from under them.
    conference = models.ForeignKey(
        "conferences.Conference",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="key_tasks",
        verbose_name="hội nghị đề ra",
    )
    # PROTECT: the directive a task implements is part of the record.
    directive = models.ForeignKey(
        "directives.Directive",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="key_tasks",
        verbose_name="văn bản đề ra",
    )
    number = models.PositiveSmallIntegerField("số thứ tự", help_text="1, 2, … within its source.")
    text = models.TextField("nội dung nhiệm vụ")
    # PROTECT: the owner body is part of the record ("rõ người, rõ việc").
    owner_body = models.ForeignKey(
        "units.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="key_tasks",
        verbose_name="cơ quan chủ trì",
    )
    # PROTECT: a person answerable for tasks is merged, never deleted.
    owner_person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="key_tasks",
        verbose_name="người chịu trách nhiệm",
    )
    co_owners = models.ManyToManyField(
        "units.Body", blank=True, related_name="co_owned_key_tasks", verbose_name="cơ quan phối hợp"
    )
    co_owners_text = models.CharField(
        "phối hợp (như ghi)",
        max_length=300,
        blank=True,
        help_text="Co-owners as written when they are not registered bodies.",
    )
    deadline = models.DateField("thời hạn", null=True, blank=True)
    period_label = models.CharField(
        "kỳ thực hiện", max_length=100, blank=True, help_text="'6 tháng cuối năm 2023'."
    )
    period_from = models.DateField("kỳ thực hiện từ ngày", null=True, blank=True)
    period_to = models.DateField("kỳ thực hiện đến ngày", null=True, blank=True)
    status = models.CharField(
        "trạng thái", max_length=16, choices=Status.choices, default=Status.NOT_STARTED
    )
    percent = models.PositiveSmallIntegerField(
        "tiến độ (%)", default=0, help_text="From the latest progress note that gives one."
    )
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    # PROTECT: the chain of carried-over tasks is history.
    carried_over_from = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="carried_into",
        verbose_name="chuyển tiếp từ nhiệm vụ",
    )
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

    objects = KeyTaskQuerySet.as_manager()

    class Meta:
        ordering = ["conference_id", "number", "pk"]
        verbose_name = "nhiệm vụ trọng tâm"
        verbose_name_plural = "nhiệm vụ trọng tâm"
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "external_id"],
                condition=~models.Q(external_id=""),
                name="keytask_external_id",
            ),
            models.UniqueConstraint(
                fields=["conference", "number"],
                condition=models.Q(conference__isnull=False),
                name="keytask_number_per_conference",
            ),
            models.CheckConstraint(
                condition=models.Q(conference__isnull=False) | models.Q(directive__isnull=False),
                name="keytask_has_source",
            ),
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="keytask_percent"),
        ]
        indexes = [
            # Serves the overdue list: open tasks of a unit by deadline.
            models.Index(fields=["unit", "status", "deadline"], name="keytask_overdue_board"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("followups:detail", args=[self.code])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.deadline is not None and self.deadline < today()

    @property
    def status_label(self) -> str:
        """The status as shown: 'Quá hạn' is derived from the deadline."""
        if self.is_overdue:
            return "Quá hạn"
        return self.get_status_display()

    @property
    def status_badge(self) -> str:
        if self.is_overdue:
            return "overdue"
        return self.status

    @property
    def owner_label(self) -> str:
        parts = [
            p
            for p in (
                self.owner_body and self.owner_body.name,
                self.owner_person and self.owner_person.full_name,
            )
            if p
        ]
        return " – ".join(parts)

    @property
    def source_label(self) -> str:
        if self.conference_id:
            return self.conference.title
        if self.directive_id:
            return str(self.directive)
        return ""

    def compute_search_key(self) -> str:
        parts = [
            self.text,
            self.period_label,
            self.co_owners_text,
            self.owner_body.name if self.owner_body_id else "",
            self.owner_person.full_name if self.owner_person_id else "",
        ]
        return fold(" | ".join(p for p in parts if p))[:1000]


class KeyTaskTransition(models.Model):
    """One status change of a key task: the timeline on its page."""

    # CASCADE: history goes only with its task.
    task = models.ForeignKey(
        KeyTask, on_delete=models.CASCADE, related_name="transitions", verbose_name="nhiệm vụ"
    )
    from_status = models.CharField(
        "từ trạng thái", max_length=16, choices=Status.choices, blank=True
    )
    to_status = models.CharField("sang trạng thái", max_length=16, choices=Status.choices)
    on_date = models.DateField("ngày")
    # SET_NULL: history outlives the account.
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
        ordering = ["task", "on_date", "pk"]
        verbose_name = "chuyển trạng thái nhiệm vụ"
        verbose_name_plural = "chuyển trạng thái nhiệm vụ"

    def __str__(self) -> str:
        return f"{self.task_id}: {self.from_status} → {self.to_status}"


class ProgressNote(models.Model):
    """A dated note on how a task stands, with a percentage when one is given."""

    # CASCADE: notes go only with their task.
    task = models.ForeignKey(
        KeyTask, on_delete=models.CASCADE, related_name="progress_notes", verbose_name="nhiệm vụ"
    )
    on_date = models.DateField("ngày")
    note = models.TextField("nội dung")
    percent = models.PositiveSmallIntegerField("tiến độ (%)", null=True, blank=True)
    # SET_NULL: the note outlives its author's account.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người ghi",
    )
    created_at = models.DateTimeField("ghi lúc", auto_now_add=True)

    class Meta:
        ordering = ["task", "-on_date", "-pk"]
        verbose_name = "ghi nhận tiến độ"
        verbose_name_plural = "ghi nhận tiến độ"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__isnull=True) | models.Q(percent__lte=100),
                name="progress_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.on_date:%d/%m/%Y}: {self.note[:60]}"
