"""Vietnam's administrative units in both structures, their lineage and their bodies.

A unit is valid over a date range: the pre-reform units end on 30/06/2025, the
post-reform ones start on 01/07/2025, the nation spans both. Codes are reused
across the two structures (DOMAIN.md §2.5), so a code means something only with a
date; `key` is the unique, URL-safe handle.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.urls import reverse

REFORM_DATE = dt.date(2025, 7, 1)
LAST_LEGACY_DATE = dt.date(2025, 6, 30)


class Level(models.TextChoices):
    NATION = "nation", "Trung ương"
    PROVINCE = "province", "Cấp tỉnh"
    DISTRICT = "district", "Cấp huyện"
    COMMUNE = "commune", "Cấp xã"


class Kind(models.TextChoices):
    NATION = "nation", "Quốc gia"
    PROVINCE = "province", "Tỉnh"
    CENTRAL_CITY = "central_city", "Thành phố trực thuộc trung ương"
    URBAN_DISTRICT = "urban_district", "Quận"
    RURAL_DISTRICT = "rural_district", "Huyện"
    TOWN = "town", "Thị xã"
    PROVINCIAL_CITY = "provincial_city", "Thành phố thuộc tỉnh"
    COMMUNE = "commune", "Xã"
    WARD = "ward", "Phường"
    TOWNSHIP = "township", "Thị trấn"
    SPECIAL_ZONE = "special_zone", "Đặc khu"


class UnitQuerySet(models.QuerySet["Unit"]):
    def valid_on(self, day: dt.date) -> UnitQuerySet:
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )

    def current(self) -> UnitQuerySet:
        return self.filter(valid_to__isnull=True)

    def legacy(self) -> UnitQuerySet:
        return self.filter(valid_to=LAST_LEGACY_DATE)

    def subtree_of(self, *roots: Unit | int) -> UnitQuerySet:
        """The roots and every unit below them (closure table: one indexed join)."""
        ids = [r.pk if isinstance(r, Unit) else r for r in roots]
        return self.filter(ancestor_links__ancestor_id__in=ids).distinct()

    def for_list(self) -> UnitQuerySet:
        return self.select_related("parent")


class Unit(models.Model):
    key = models.CharField(
        max_length=32,
        unique=True,
        help_text="Unique handle used in URLs: the code for units in force, "
        "'code@valid_to' for units that ended (e.g. '193@2025-06-30').",
    )
    code = models.CharField(max_length=16, help_text="Official code (e.g. '22', '193', '06688').")
    name = models.CharField(
        max_length=128, help_text="Full name with its kind: 'Thành phố Hạ Long'."
    )
    short_name = models.CharField(max_length=128, help_text="Name without the kind: 'Hạ Long'.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    level = models.CharField(max_length=10, choices=Level.choices)
    # PROTECT: a unit with children or records must never disappear with its parent.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    valid_from = models.DateField(
        null=True, blank=True, help_text="Empty: since before our records."
    )
    valid_to = models.DateField(null=True, blank=True, help_text="Empty: still in force.")
    search_key = models.CharField(
        max_length=300, db_index=True, help_text="Folded names (no diacritics, lower case)."
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    area_km2 = models.FloatField(null=True, blank=True)
    source = models.CharField(max_length=64, blank=True, help_text="Where the row came from.")

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code", "valid_to"], name="unit_code_per_version"
            ),
        ]
        indexes = [
            # Serves the browser and API: children of a parent in force on a date.
            models.Index(fields=["parent", "valid_to", "code"], name="unit_children"),
            models.Index(fields=["level", "valid_to", "code"], name="unit_level_version"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("units:detail", args=[self.key])

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )

    def ancestors(self) -> list[Unit]:
        """From the nation down to the parent."""
        links = (
            UnitClosure.objects.filter(descendant=self, depth__gt=0)
            .select_related("ancestor")
            .order_by("-depth")
        )
        return [link.ancestor for link in links]

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label

    @property
    def level_label(self) -> str:
        return Level(self.level).label

    @property
    def validity_label(self) -> str:
        if self.valid_to and self.valid_from:
            return f"{self.valid_from:%d/%m/%Y} – {self.valid_to:%d/%m/%Y}"
        if self.valid_to:
            return f"đến {self.valid_to:%d/%m/%Y}"
        if self.valid_from:
            return f"từ {self.valid_from:%d/%m/%Y}"
        return "hiện hành"


class UnitClosure(models.Model):
    """Every (ancestor, descendant) pair, self included at depth 0.

    A closure table rather than a materialised path: roll-ups join records to this
    table and GROUP BY ancestor in one indexed query on SQLite and PostgreSQL alike,
    and permission scopes are a semi-join. See docs/architecture.md.
    """

    # CASCADE: closure rows are derived data, rebuilt from Unit.parent.
    ancestor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="descendant_links")
    descendant = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="ancestor_links")
    depth = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ancestor", "descendant"], name="closure_pair"),
        ]
        indexes = [
            # Serves ancestors(): all rows of one descendant.
            models.Index(fields=["descendant", "depth"], name="closure_ancestors"),
        ]

    def __str__(self) -> str:
        return f"{self.ancestor_id} ⊇ {self.descendant_id} ({self.depth})"


class LineageKind(models.TextChoices):
    MERGED = "merged", "Sáp nhập"
    SPLIT = "split", "Chia tách"
    RENAMED = "renamed", "Đổi tên"
    UNCHANGED = "unchanged", "Giữ nguyên"
    REORGANIZED = "reorganized", "Chuyển thành đặc khu"


class Lineage(models.Model):
    """One predecessor → successor link of a reorganisation (DOMAIN.md §2.3)."""

    # PROTECT: lineage is history; deleting a unit must not silently erase it.
    predecessor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="successor_links")
    successor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="predecessor_links")
    kind = models.CharField(max_length=12, choices=LineageKind.choices)
    is_default = models.BooleanField(
        default=True,
        help_text="For a split: the successor that takes the predecessor's figures by default.",
    )
    effective_on = models.DateField(default=REFORM_DATE)
    legal_basis = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-is_default", "successor__code"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="lineage_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.get_kind_display()})"


class BodyKind(models.TextChoices):
    PARTY_COMMITTEE = "party_committee", "Cấp ủy Đảng"
    MASS_MOBILIZATION = "mass_mobilization", "Ban Dân vận / Ban Tuyên giáo và Dân vận"
    FATHERLAND_FRONT = "fatherland_front", "Ủy ban Mặt trận Tổ quốc"
    TRADE_UNION = "trade_union", "Công đoàn"
    FARMERS_UNION = "farmers_union", "Hội Nông dân"
    WOMENS_UNION = "womens_union", "Hội Liên hiệp Phụ nữ"
    YOUTH_UNION = "youth_union", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"
    VETERANS = "veterans", "Hội Cựu chiến binh"
    PEOPLES_COUNCIL = "peoples_council", "Hội đồng nhân dân"
    PEOPLES_COMMITTEE = "peoples_committee", "Ủy ban nhân dân"
    STEERING_COMMITTEE = "steering_committee", "Ban Chỉ đạo"
    PARTY_BLOC = "party_bloc", "Đảng bộ Khối"
    OTHER = "other", "Cơ quan, tổ chức khác"


class BodyQuerySet(models.QuerySet["Body"]):
    def valid_on(self, day: dt.date) -> BodyQuerySet:
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )


class Body(models.Model):
    """An organisation (cơ quan, tổ chức) at a unit, under one name over a date range.

    A renamed body is a new row linked by `successor`, so documents show the name in
    force on their date and searches match every historical name (DOMAIN.md §2.6).
    """

    # PROTECT: users and records hang off bodies.
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="bodies")
    kind = models.CharField(max_length=20, choices=BodyKind.choices)
    name = models.CharField(max_length=200)
    short_code = models.CharField(
        max_length=20, blank=True, help_text="Issuer code in document numbers: TU, BDVTU, BTGDVTU…"
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    # SET_NULL: losing the forward link must not delete the older name.
    successor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="predecessors"
    )
    search_key = models.CharField(max_length=300, blank=True)

    objects = BodyQuerySet.as_manager()

    class Meta:
        ordering = ["unit", "kind", "valid_from"]
        verbose_name = "cơ quan, tổ chức"
        verbose_name_plural = "cơ quan, tổ chức"
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "name"], name="body_name_per_unit"),
        ]
        indexes = [models.Index(fields=["unit", "kind"], name="body_by_unit")]

    def __str__(self) -> str:
        return self.name

    @property
    def validity_label(self) -> str:
        if self.valid_from and self.valid_to:
            return f"{self.valid_from:%d/%m/%Y} – {self.valid_to:%d/%m/%Y}"
        if self.valid_to:
            return f"đến {self.valid_to:%d/%m/%Y}"
        if self.valid_from:
            return f"từ {self.valid_from:%d/%m/%Y}"
        return ""
