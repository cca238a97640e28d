"""The registry of Party and State documents, and what was done under each.

A Party number-symbol is not unique ("21-CT/TU" names directives of several
provinces): a document is identified by its symbol together with its issuing
unit/body and date (DOMAIN.md §6.2).
"""

from __future__ import annotations

import re
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse

from danvan.core.search import matching_words
from danvan.lib.text import fold

from .citations import ISSUERS


class System(models.TextChoices):
    PARTY = "party", "Văn bản của Đảng"
    STATE = "state", "Văn bản hành chính Nhà nước"
    STATUTE = "statute", "Văn bản quy phạm pháp luật"


class DirectiveQuerySet(models.QuerySet["Directive"]):
    def for_list(self) -> DirectiveQuerySet:
        return self.select_related("issuing_unit", "issuing_body").annotate(
            link_count=Count("links", distinct=True)
        )

    def matching(self, query: str) -> DirectiveQuerySet:
        """Every folded word of `query` in the symbol, type, title or issuer (no diacritics)."""
        return matching_words(self, query)

    def issued_by_code(self, code: str) -> DirectiveQuerySet:
        """Issuer code as typed ('tu', 'ĐU', 'TTg'); SQLite folds only ASCII case, so
        compare with the code as given and in capitals."""
        code = code.strip()
        return self.filter(Q(issuer_code=code) | Q(issuer_code=code.upper()))

    def stubs(self) -> DirectiveQuerySet:
        return self.filter(is_stub=True)

    def issued_in(self, year: int) -> DirectiveQuerySet:
        """Issued in `year`, or (undated) carrying that year in the symbol (337/2021/NQ-HĐND)."""
        return self.filter(Q(issued_on__year=year) | Q(issued_on__isnull=True, year=year))


class Directive(models.Model):
    code = models.UUIDField(
        "mã", default=uuid.uuid4, unique=True, editable=False, help_text="Public handle in URLs."
    )
    symbol = models.CharField(
        "số, ký hiệu", max_length=64, help_text="As cited: '56-NQ/TU', '337/2021/NQ-HĐND'."
    )
    number = models.CharField("số", max_length=16)
    year = models.PositiveSmallIntegerField("năm trong ký hiệu", null=True, blank=True)
    doc_type = models.CharField("loại (viết tắt)", max_length=12, blank=True)
    type_name = models.CharField("loại văn bản", max_length=64, blank=True)
    issuer_code = models.CharField("mã cơ quan ban hành", max_length=32, blank=True)
    system = models.CharField("hệ thống", max_length=8, choices=System.choices)
    # PROTECT: documents are history; issuing units and bodies are never deleted in practice.
    issuing_unit = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directives",
        verbose_name="đơn vị ban hành",
    )
    # PROTECT: as above, a body outlives its documents' registry rows.
    issuing_body = models.ForeignKey(
        "units.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directives",
        verbose_name="cơ quan ban hành",
    )
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    title = models.CharField("trích yếu", max_length=500, blank=True)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hết hiệu lực", null=True, blank=True)
    # SET_NULL: losing the replacement must not delete the older document.
    replaced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        verbose_name="được thay thế bởi",
    )
    amends = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        related_name="amended_by",
        verbose_name="sửa đổi, bổ sung",
    )
    is_stub = models.BooleanField(
        "chưa đủ thông tin",
        default=False,
        help_text="Created from a citation; a person should complete it.",
    )
    note = models.TextField(
        "ghi chú", blank=True, help_text="Source of the entry, what remains to be checked."
    )
    search_key = models.CharField(
        "khóa tìm kiếm",
        max_length=600,
        db_index=True,
        help_text="Folded symbol, type, title and issuer (no diacritics, lower case).",
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

    objects = DirectiveQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "symbol"]
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        constraints = [
            # The identity of a document (DOMAIN.md §6.2); undated stubs are kept apart by
            # the actions, since NULL dates never collide in a unique index.
            models.UniqueConstraint(
                fields=["symbol", "issuing_unit", "issued_on"], name="directive_identity"
            ),
        ]
        indexes = [
            # Serves citation matching: Directive.objects.filter(symbol=…, issuing_unit__in=…).
            models.Index(fields=["symbol", "issued_on"], name="directive_symbol_date"),
        ]

    def __str__(self) -> str:
        return f"{self.type_name} {self.symbol}".strip()

    def get_absolute_url(self) -> str:
        return reverse("directives:detail", args=[self.code])

    @property
    def issuer_label(self) -> str:
        """'Tỉnh ủy Quảng Ninh'; without a known body, the kind of issuer and the unit:
        'Quốc hội', 'Ban Chỉ đạo – Tỉnh Trà Vinh'."""
        if self.issuing_body_id:
            return self.issuing_body.name
        head = re.sub(r"\d+$", "", self.issuer_code.split("-")[0])
        kind = ISSUERS.get(head, self.issuer_code)
        if self.issuing_unit_id and self.issuing_unit.level != "nation":
            return f"{kind} – {self.issuing_unit.name}"
        return kind

    def build_search_key(self) -> str:
        parts = [self.symbol, self.type_name, self.title, self.issuer_code]
        if self.issuing_body_id:
            parts.append(self.issuing_body.name)
        if self.issuing_unit_id:
            parts.append(self.issuing_unit.name)
        return fold(" ".join(p for p in parts if p))[:600]


class DirectiveLinkQuerySet(models.QuerySet["DirectiveLink"]):
    def for_object(self, obj: models.Model) -> DirectiveLinkQuerySet:
        ct = ContentType.objects.get_for_model(obj)
        return self.filter(content_type=ct, object_id=str(obj.pk))


class DirectiveLink(models.Model):
    """A record (conference, key task, practice, report…) that implements or cites a directive."""

    class Role(models.TextChoices):
        IMPLEMENTS = "implements", "Thực hiện"
        CITES = "cites", "Trích dẫn"

    # CASCADE: a link means nothing without its document.
    directive = models.ForeignKey(
        Directive, on_delete=models.CASCADE, related_name="links", verbose_name="văn bản"
    )
    # CASCADE: content types go only with their models.
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name="loại hồ sơ"
    )
    object_id = models.CharField("mã hồ sơ", max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    # PROTECT: the linked record's unit, copied so visibility is one indexed filter.
    unit = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="đơn vị của hồ sơ",
    )
    role = models.CharField("vai trò", max_length=12, choices=Role.choices, default=Role.IMPLEMENTS)
    raw = models.CharField("trích dẫn gốc", max_length=300, blank=True)
    # SET_NULL: the record outlives its author's account.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người liên kết",
    )
    created_at = models.DateTimeField("liên kết lúc", auto_now_add=True)

    objects = DirectiveLinkQuerySet.as_manager()

    class Meta:
        verbose_name = "liên kết văn bản"
        verbose_name_plural = "liên kết văn bản"
        constraints = [
            models.UniqueConstraint(
                fields=["directive", "content_type", "object_id"], name="directive_link_once"
            ),
        ]
        indexes = [
            # Serves links_for(obj): the directives one record implements.
            models.Index(fields=["content_type", "object_id"], name="directive_link_target"),
        ]

    def __str__(self) -> str:
        return f"{self.directive} ← {self.content_type.model} {self.object_id}"
