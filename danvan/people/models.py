"""Officials and the positions they hold over time (after the Popolo model).

One person holds several positions at once ("Phó Bí thư Thường trực Thành ủy" and
"Trưởng Ban Chỉ đạo thực hiện QCDC"); signatures and authorship follow the position.
A position keeps its title *as written* in the source, with the body and unit it
belongs to when known.

Merged duplicates stay in the table with `merged_into` set, so old links still
resolve (their page redirects to the person kept).
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from danvan.core.search import matching_words


class PersonQuerySet(models.QuerySet["Person"]):
    def active(self) -> PersonQuerySet:
        """People not merged into someone else."""
        return self.filter(merged_into__isnull=True)

    def search(self, query: str) -> PersonQuerySet:
        """Every folded word of the query in the folded name ('vu thi mai anh')."""
        return matching_words(self, query)

    def holding_on(self, day: dt.date, units: models.QuerySet | None = None) -> PersonQuerySet:  # type: ignore[type-arg]
        """People with a position valid on `day` (in `units` when given)."""
        positions = Position.objects.valid_on(day)
        if units is not None:
            positions = positions.filter(unit__in=units)
        return self.filter(pk__in=positions.values("person_id"))

    def in_units(self, units: models.QuerySet) -> PersonQuerySet:  # type: ignore[type-arg]
        """People with any position (at any time) in `units`."""
        return self.filter(pk__in=Position.objects.filter(unit__in=units).values("person_id"))


class Person(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    full_name = models.CharField("họ và tên", max_length=150)
    search_key = models.CharField(max_length=200, db_index=True, help_text="Folded name.")
    gender = models.CharField(
        "giới tính", max_length=6, blank=True, choices=[("male", "Nam"), ("female", "Nữ")]
    )
    birth_year = models.PositiveSmallIntegerField("năm sinh", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)
    external_id = models.CharField(
        "mã ngoài",
        max_length=64,
        blank=True,
        help_text="Stable id from an import or the demo loader; unique when set.",
    )
    # SET_NULL: a merged duplicate keeps pointing at the person it was merged into.
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_from",
        verbose_name="đã gộp vào",
    )
    # SET_NULL: the record outlives its author's account.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["full_name"]
        verbose_name = "cán bộ"
        verbose_name_plural = "cán bộ"
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"], condition=~Q(external_id=""), name="person_external_id"
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | ~Q(merged_into=models.F("pk")),
                name="person_not_merged_into_self",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("people:detail", args=[self.code])

    @property
    def is_merged(self) -> bool:
        return self.merged_into_id is not None

    def final(self) -> Person:
        """The person this one was (possibly repeatedly) merged into, or itself."""
        person, seen = self, {self.pk}
        while person.merged_into_id is not None and person.merged_into_id not in seen:
            seen.add(person.merged_into_id)
            person = person.merged_into  # type: ignore[assignment]
        return person


# Positions in career order: unknown start dates first, identically on SQLite and PostgreSQL.
CAREER_ORDER = (models.F("valid_from").asc(nulls_first=True), "pk")
# Most recent first: unknown start dates last.
RECENT_ORDER = (models.F("valid_from").desc(nulls_last=True), "pk")


class PositionQuerySet(models.QuerySet["Position"]):
    def valid_on(self, day: dt.date) -> PositionQuerySet:
        """Positions held on `day`; an empty bound means open on that side. A post cannot
        outlive its unit or body: at a district abolished on 30/06/2025 it ended then."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
            Q(unit__isnull=True) | Q(unit__valid_to__isnull=True) | Q(unit__valid_to__gte=day),
            Q(body__isnull=True) | Q(body__valid_to__isnull=True) | Q(body__valid_to__gte=day),
        )

    def for_list(self) -> PositionQuerySet:
        return self.select_related("body", "unit")


class Position(models.Model):
    """A post a person holds in a body (or unit) over a date range, as written in sources."""

    code = models.UUIDField("mã", default=uuid.uuid4, unique=True, editable=False)
    # CASCADE: a position means nothing without its holder (merges move positions first).
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(
        "chức danh",
        max_length=300,
        help_text="As written: 'Phó Bí thư TT Thành uỷ', 'Trưởng Ban Dân vận'.",
    )
    # PROTECT: positions are history; bodies and units are never deleted in practice.
    body = models.ForeignKey(
        "units.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="positions",
        verbose_name="cơ quan, tổ chức",
    )
    unit = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="positions",
        verbose_name="đơn vị",
    )
    valid_from = models.DateField("từ ngày", null=True, blank=True)
    valid_to = models.DateField("đến ngày", null=True, blank=True)
    source = models.CharField("nguồn", max_length=300, blank=True, help_text="Where this was read.")
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

    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = ["person", "-valid_from"]
        verbose_name = "chức vụ"
        verbose_name_plural = "chức vụ"
        indexes = [models.Index(fields=["unit", "valid_to"], name="position_by_unit")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_from__lte=models.F("valid_to")),
                name="position_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.title}"

    @property
    def effective_end(self) -> dt.date | None:
        """The last day held: its own end, or the end of its unit or body if earlier."""
        ends = [
            d
            for d in (
                self.valid_to,
                self.unit.valid_to if self.unit_id else None,
                self.body.valid_to if self.body_id else None,
            )
            if d is not None
        ]
        return min(ends) if ends else None

    def is_valid_on(self, day: dt.date) -> bool:
        end = self.effective_end
        return (self.valid_from is None or self.valid_from <= day) and (end is None or end >= day)

    @property
    def is_current(self) -> bool:
        from django.utils import timezone

        return self.is_valid_on(timezone.localdate())

    @property
    def period_label(self) -> str:
        start = f"{self.valid_from:%d/%m/%Y}" if self.valid_from else "chưa rõ"
        end_day = self.effective_end
        end = f"{end_day:%d/%m/%Y}" if end_day else "nay"
        return f"{start} – {end}"

    @property
    def place_label(self) -> str:
        """The body's name, else the unit's, else ''."""
        if self.body_id:
            return str(self.body)
        return str(self.unit) if self.unit_id else ""
