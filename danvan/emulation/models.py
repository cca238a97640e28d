"""Emulation and commendation (thi đua – khen thưởng), DOMAIN.md §4.4.

* A **pledge** (giao ước thi đua) is signed, usually at the year-end review, between a
  commission (the Ban Dân vận of a city) and bodies of its lower units for a year. It
  has criteria, each scored per participant at the end of the year, and a ranking
  that can be computed per population or per village, because raw counts are not a
  fair comparison between units of different size.
* A **commendation** (kỷ niệm chương, bằng khen, giấy khen…) goes to an individual
  (a Person) or a collective (a Body), through a small workflow: proposal → review →
  decision (number, date, awarding body) or rejection (reason).
* **Eligibility rules** are data, never code: the medal rules circulating in practice
  are unverified [U], so the shipped rows are disabled examples that an administrator
  reviews, corrects and enables.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from danvan.core.search import matching_words

from .states import CommendationStatus, PledgeStatus


class AwardForm(models.TextChoices):
    MEDAL_DAN_VAN = "medal_dan_van", "Kỷ niệm chương “Vì sự nghiệp Dân vận”"
    MEDAL_FRONT = "medal_front", "Kỷ niệm chương “Vì sự nghiệp Đại đoàn kết dân tộc”"
    MEDAL_OTHER = "medal_other", "Kỷ niệm chương khác"
    CERTIFICATE_OF_MERIT = "merit", "Bằng khen"
    CERTIFICATE = "certificate", "Giấy khen"
    OTHER = "other", "Hình thức khác"


class RecipientKind(models.TextChoices):
    INDIVIDUAL = "individual", "Cá nhân"
    COLLECTIVE = "collective", "Tập thể"


class Measure(models.TextChoices):
    POINTS = "points", "Chấm điểm (tối đa theo thang điểm)"
    COUNT = "count", "Đếm số lượng (so sánh được theo quy mô)"


class RankingBasis(models.TextChoices):
    RAW = "raw", "Số tuyệt đối"
    PER_POPULATION = "per_10k_population", "Trên 10.000 dân"
    PER_VILLAGE = "per_village", "Trên mỗi thôn, tổ dân phố"


class Confidence(models.TextChoices):
    VERIFIED = "V", "[V] Đã đối chiếu văn bản gốc"
    SECONDARY = "S", "[S] Từ một nguồn thứ cấp"
    UNVERIFIED = "U", "[U] Chưa xác minh"


# --- pledges -------------------------------------------------------------------------


class PledgeQuerySet(models.QuerySet["Pledge"]):
    def for_list(self) -> PledgeQuerySet:
        return self.select_related("unit", "body").annotate(
            participant_count=models.Count("participants", distinct=True)
        )

    def search(self, query: str) -> PledgeQuerySet:
        return matching_words(self, query)


class Pledge(models.Model):
    """One emulation pledge of a commission with bodies of its lower units, for a year."""

    code = models.UUIDField("mã", default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(
        "mã ngoài",
        max_length=64,
        blank=True,
        help_text="Stable id from an import or the demo; unique within the unit when set.",
    )
    # PROTECT: records must never disappear with a unit.
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="pledges", verbose_name="đơn vị"
    )
    # PROTECT: the commission that signs is part of the record.
    body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        related_name="pledges",
        verbose_name="cơ quan chủ trì",
        help_text="The commission, e.g. Ban Dân vận Thành ủy.",
    )
    year = models.PositiveSmallIntegerField("năm thi đua")
    title = models.CharField("tên giao ước", max_length=300)
    movement = models.CharField(
        "phong trào, cuộc vận động",
        max_length=300,
        blank=True,
        help_text="e.g. Phong trào thi đua “Dân vận khéo”.",
    )
    signed_on = models.DateField("ngày ký kết", null=True, blank=True)
    # SET_NULL: the pledge stands even if the conference record is removed.
    conference = models.ForeignKey(
        "conferences.Conference",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signed_pledges",
        verbose_name="hội nghị ký kết",
    )
    note = models.TextField("ghi chú", blank=True)
    status = models.CharField(
        "trạng thái", max_length=10, choices=PledgeStatus.choices, default=PledgeStatus.DRAFT
    )
    search_key = models.CharField(max_length=600, db_index=True, help_text="Folded title, body.")
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

    objects = PledgeQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-signed_on", "-pk"]
        verbose_name = "giao ước thi đua"
        verbose_name_plural = "giao ước thi đua"
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "external_id"],
                condition=~Q(external_id=""),
                name="pledge_external_id",
            ),
            models.CheckConstraint(
                condition=Q(status=PledgeStatus.DRAFT)
                | Q(status=PledgeStatus.CANCELLED)
                | Q(signed_on__isnull=False),
                name="pledge_signed_has_date",
            ),
        ]
        indexes = [
            # Serves the list: a unit subtree's pledges by year and status.
            models.Index(fields=["unit", "year", "status"], name="pledge_unit_year"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("emulation:pledge_detail", args=[self.code])


class PledgeParticipant(models.Model):
    """A body of a lower unit that signs the pledge, with its size for fair ranking."""

    # CASCADE: a participant row means nothing without its pledge.
    pledge = models.ForeignKey(
        Pledge, on_delete=models.CASCADE, related_name="participants", verbose_name="giao ước"
    )
    # PROTECT: the signing body is part of the record.
    body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        related_name="pledge_participations",
        verbose_name="cơ quan, tổ chức ký kết",
    )
    # PROTECT: records must never disappear with a unit.
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="pledge_participations",
        verbose_name="đơn vị",
    )
    population = models.PositiveIntegerField(
        "số dân", null=True, blank=True, help_text="For the per-population ranking."
    )
    villages = models.PositiveSmallIntegerField(
        "số thôn, tổ dân phố", null=True, blank=True, help_text="For the per-village ranking."
    )
    signer_name = models.CharField("người ký", max_length=200, blank=True)
    note = models.CharField("ghi chú", max_length=300, blank=True)

    class Meta:
        ordering = ["pledge", "unit__code", "pk"]
        verbose_name = "đơn vị tham gia giao ước"
        verbose_name_plural = "đơn vị tham gia giao ước"
        constraints = [
            models.UniqueConstraint(fields=["pledge", "body"], name="pledge_participant_once"),
        ]

    def __str__(self) -> str:
        return str(self.body)


class PledgeCriterion(models.Model):
    """One criterion of a pledge: scored in points (up to max) or counted (compared by size)."""

    # CASCADE: criteria belong to their pledge.
    pledge = models.ForeignKey(
        Pledge, on_delete=models.CASCADE, related_name="criteria", verbose_name="giao ước"
    )
    number = models.PositiveSmallIntegerField("số thứ tự")
    text = models.TextField("nội dung tiêu chí")
    measure = models.CharField(
        "cách tính", max_length=6, choices=Measure.choices, default=Measure.POINTS
    )
    max_score = models.DecimalField("điểm tối đa", max_digits=7, decimal_places=2)
    weight = models.DecimalField("hệ số", max_digits=5, decimal_places=2, default=1)

    class Meta:
        ordering = ["pledge", "number"]
        verbose_name = "tiêu chí giao ước"
        verbose_name_plural = "tiêu chí giao ước"
        constraints = [
            models.UniqueConstraint(fields=["pledge", "number"], name="pledge_criterion_number"),
            models.CheckConstraint(
                condition=Q(max_score__gt=0), name="pledge_criterion_max_positive"
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0), name="pledge_criterion_weight_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"


class PledgeScore(models.Model):
    """The end-of-year value of one criterion for one participant (points or a count)."""

    # CASCADE: scores belong to their participant and criterion.
    participant = models.ForeignKey(
        PledgeParticipant,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name="đơn vị tham gia",
    )
    # CASCADE: scores belong to their participant and criterion.
    criterion = models.ForeignKey(
        PledgeCriterion, on_delete=models.CASCADE, related_name="scores", verbose_name="tiêu chí"
    )
    value = models.DecimalField("kết quả", max_digits=10, decimal_places=2)
    note = models.CharField("ghi chú, minh chứng", max_length=300, blank=True)
    # SET_NULL: the score stays when the scorer's account goes.
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người chấm",
    )
    scored_at = models.DateTimeField("chấm lúc", auto_now=True)

    class Meta:
        verbose_name = "điểm giao ước"
        verbose_name_plural = "điểm giao ước"
        constraints = [
            models.UniqueConstraint(fields=["participant", "criterion"], name="pledge_score_once"),
            models.CheckConstraint(condition=Q(value__gte=0), name="pledge_score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.criterion.number}: {self.value}"


class PledgeTransition(models.Model):
    """One step of a pledge's lifecycle (creation from "" included)."""

    # CASCADE: the history belongs to its record (pledges are never deleted by the app).
    pledge = models.ForeignKey(
        Pledge, on_delete=models.CASCADE, related_name="transitions", verbose_name="giao ước"
    )
    from_status = models.CharField(
        "từ trạng thái", max_length=10, choices=PledgeStatus.choices, blank=True
    )
    to_status = models.CharField("sang trạng thái", max_length=10, choices=PledgeStatus.choices)
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
    created_at = models.DateTimeField("ghi lúc", auto_now_add=True)

    class Meta:
        ordering = ["on_date", "pk"]
        verbose_name = "bước chuyển trạng thái giao ước"
        verbose_name_plural = "lịch sử trạng thái giao ước"

    def __str__(self) -> str:
        return f"{self.on_date:%d/%m/%Y} {self.from_status or '—'} → {self.to_status}"


# --- commendations -------------------------------------------------------------------


class CommendationQuerySet(models.QuerySet["Commendation"]):
    def for_list(self) -> CommendationQuerySet:
        return self.select_related(
            "unit", "person", "recipient_body", "proposer_body", "awarding_body"
        )

    def search(self, query: str) -> CommendationQuerySet:
        return matching_words(self, query)


class Commendation(models.Model):
    """A commendation for one individual or collective, from proposal to decision."""

    code = models.UUIDField("mã", default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(
        "mã ngoài",
        max_length=64,
        blank=True,
        help_text="Stable id from an imported spreadsheet; unique within the unit when set.",
    )
    # PROTECT: records must never disappear with a unit.
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="commendations",
        verbose_name="đơn vị đề nghị",
        help_text="The unit that proposes (and keeps) the record.",
    )
    year = models.PositiveSmallIntegerField("năm")
    form = models.CharField("hình thức khen thưởng", max_length=16, choices=AwardForm.choices)
    form_detail = models.CharField(
        "ghi rõ hình thức",
        max_length=200,
        blank=True,
        help_text="e.g. 'Bằng khen của Chủ tịch UBND tỉnh'.",
    )
    recipient_kind = models.CharField("đối tượng", max_length=10, choices=RecipientKind.choices)
    # PROTECT: a decided commendation must keep its recipient (merges move it, never drop it).
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commendations",
        verbose_name="cá nhân",
    )
    # PROTECT: a decided commendation must keep its recipient.
    recipient_body = models.ForeignKey(
        "units.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commendations_received",
        verbose_name="tập thể",
    )
    recipient_name = models.CharField(
        "tên người, tập thể được khen",
        max_length=300,
        help_text="As written; filled from the person or body when empty.",
    )
    recipient_position = models.CharField(
        "chức vụ, nơi công tác",
        max_length=300,
        blank=True,
        help_text="At the time of the proposal, as written.",
    )
    # PROTECT: the proposing body is part of the record.
    proposer_body = models.ForeignKey(
        "units.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commendations_proposed",
        verbose_name="cơ quan đề nghị",
    )
    proposed_on = models.DateField("ngày đề nghị")
    reason = models.TextField("thành tích", blank=True)
    movement = models.CharField("phong trào, cuộc vận động", max_length=300, blank=True)
    status = models.CharField(
        "trạng thái",
        max_length=10,
        choices=CommendationStatus.choices,
        default=CommendationStatus.PROPOSED,
    )
    decision_number = models.CharField("số quyết định", max_length=100, blank=True)
    decided_on = models.DateField("ngày quyết định", null=True, blank=True)
    # PROTECT: the awarding body is part of the decision.
    awarding_body = models.ForeignKey(
        "units.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commendations_awarded",
        verbose_name="cơ quan khen thưởng",
    )
    awarding_body_name = models.CharField(
        "cơ quan khen thưởng (như văn bản)",
        max_length=300,
        blank=True,
        help_text="e.g. 'Ban Dân vận Trung ương'; filled from awarding_body when empty.",
    )
    rejection_reason = models.TextField("lý do không khen thưởng", blank=True)
    # SET_NULL: the commendation stands even if the conference record is removed.
    conference = models.ForeignKey(
        "conferences.Conference",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commendations_presented",
        verbose_name="trao tại hội nghị",
    )
    search_key = models.CharField(max_length=800, db_index=True, help_text="Folded names, reason.")
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

    objects = CommendationQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-proposed_on", "-pk"]
        verbose_name = "khen thưởng"
        verbose_name_plural = "khen thưởng"
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "external_id"],
                condition=~Q(external_id=""),
                name="commendation_external_id",
            ),
            models.CheckConstraint(
                condition=~Q(recipient_kind=RecipientKind.INDIVIDUAL) | Q(person__isnull=False),
                name="commendation_individual_person",
            ),
            models.CheckConstraint(
                condition=~Q(recipient_kind=RecipientKind.COLLECTIVE) | Q(person__isnull=True),
                name="commendation_collective_no_person",
            ),
            models.CheckConstraint(
                condition=~Q(status=CommendationStatus.DECIDED) | Q(decided_on__isnull=False),
                name="commendation_decided_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=CommendationStatus.REJECTED) | ~Q(rejection_reason=""),
                name="commendation_rejected_reason",
            ),
        ]
        indexes = [
            # Serves the list: a unit subtree's commendations by year and status.
            models.Index(fields=["unit", "year", "status"], name="commendation_unit_year"),
            # Serves eligibility: "awarded once only" per person and form.
            models.Index(fields=["person", "form", "status"], name="commendation_person_form"),
        ]

    def __str__(self) -> str:
        return f"{self.get_form_display()} – {self.recipient_name}"

    def get_absolute_url(self) -> str:
        return reverse("emulation:commendation_detail", args=[self.code])

    @property
    def form_label(self) -> str:
        return self.form_detail or self.get_form_display()

    @property
    def awarding_label(self) -> str:
        return self.awarding_body_name or (str(self.awarding_body) if self.awarding_body_id else "")


class CommendationTransition(models.Model):
    """One step of a commendation's workflow (creation from "" included)."""

    # CASCADE: the history belongs to its record (commendations are never deleted by the app).
    commendation = models.ForeignKey(
        Commendation,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name="khen thưởng",
    )
    from_status = models.CharField(
        "từ trạng thái", max_length=10, choices=CommendationStatus.choices, blank=True
    )
    to_status = models.CharField(
        "sang trạng thái", max_length=10, choices=CommendationStatus.choices
    )
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
    created_at = models.DateTimeField("ghi lúc", auto_now_add=True)

    class Meta:
        ordering = ["on_date", "pk"]
        verbose_name = "bước xét khen thưởng"
        verbose_name_plural = "lịch sử xét khen thưởng"

    def __str__(self) -> str:
        return f"{self.on_date:%d/%m/%Y} {self.from_status or '—'} → {self.to_status}"


# --- eligibility rules ---------------------------------------------------------------


class Predicate(models.TextChoices):
    YEARS_IN_POST = "years_in_post", "Số năm giữ chức vụ phù hợp"
    YEARS_IN_POST_BY_GENDER = (
        "years_in_post_by_gender",
        "Số năm giữ chức vụ phù hợp, theo giới tính",
    )
    HOLDS_POST_TITLE = "holds_post_title", "Đang giữ chức danh"
    NOT_AWARDED_BEFORE = "not_awarded_before", "Chưa được tặng hình thức này"


class RuleGroup(models.TextChoices):
    REQUIRED = "required", "Điều kiện bắt buộc"
    ALTERNATIVE = "alternative", "Một trong các điều kiện thay thế"


class EligibilityRule(models.Model):
    """A configurable eligibility predicate for one award form (DOMAIN.md §4.4, §9 row 4).

    A person is a candidate for a form when every enabled *required* rule holds and, if
    any enabled *alternative* rules exist, at least one of them holds. Parameters are
    JSON, described per predicate in emulation/eligibility.py.
    """

    code = models.UUIDField("mã", default=uuid.uuid4, unique=True, editable=False)
    # PROTECT: a rule is scoped to a unit's subtree; empty = nationwide.
    unit = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="eligibility_rules",
        verbose_name="phạm vi áp dụng",
        help_text="Empty: nationwide; a province: that province's own rule.",
    )
    award_form = models.CharField("hình thức khen thưởng", max_length=16, choices=AwardForm.choices)
    name = models.CharField("tên điều kiện", max_length=300)
    predicate = models.CharField("loại điều kiện", max_length=32, choices=Predicate.choices)
    group = models.CharField(
        "nhóm", max_length=12, choices=RuleGroup.choices, default=RuleGroup.REQUIRED
    )
    params = models.JSONField("tham số", default=dict, blank=True)
    enabled = models.BooleanField(
        "đang áp dụng", default=False, help_text="Shipped examples are disabled until reviewed."
    )
    is_example = models.BooleanField(
        "ví dụ kèm phần mềm", default=False, help_text="Shipped as an unverified example."
    )
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    legal_basis = models.CharField("căn cứ", max_length=300, blank=True)
    source_url = models.URLField("nguồn", max_length=500, blank=True)
    confidence = models.CharField(
        "độ tin cậy", max_length=1, choices=Confidence.choices, default=Confidence.UNVERIFIED
    )
    note = models.TextField("ghi chú", blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        ordering = ["award_form", "group", "name"]
        verbose_name = "điều kiện khen thưởng"
        verbose_name_plural = "điều kiện khen thưởng"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("emulation:rule_edit", args=[self.code])

    def is_valid_on(self, day) -> bool:  # type: ignore[no-untyped-def]
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )
