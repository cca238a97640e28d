"""Petitions (đơn), the cases (vụ việc) they belong to, and the legal time limits
they run under (DOMAIN.md §3.2–3.5).

A petition is a document received; a case is the matter. Each petition belongs to
exactly one case; a repeat filing or a copy sent to several bodies joins the case of
the first ("69 đơn/68 vụ việc"). Time limits are `DeadlineRule` rows with validity
dates; each petition keeps the due date it was given and the rule (and revision of
the rule) it came from, so editing a rule never silently moves an open case.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from danvan.units.models import Level
from danvan.workcalendar.models import Confidence

from .states import FINISHED, OPEN, Status

# --- Deadline rules ------------------------------------------------------------------


class Procedure(models.TextChoices):
    CITIZEN_RECEPTION = "citizen_reception", "Tiếp công dân, xử lý đơn (Luật Tiếp công dân)"
    PARTY_RECEPTION = "party_reception", "Người đứng đầu cấp ủy tiếp dân (Quy định 11-QĐi/TW)"
    COMPLAINT_FIRST = "complaint_first", "Khiếu nại lần đầu"
    COMPLAINT_SECOND = "complaint_second", "Khiếu nại lần hai"
    DENUNCIATION = "denunciation", "Tố cáo"
    GRASSROOTS = "grassroots", "Kiến nghị của Ban Thanh tra nhân dân, Ban Giám sát đầu tư"


class Step(models.TextChoices):
    ANSWER = "answer", "Trả lời, thông báo việc xử lý đơn"
    INFORM_RESULT = "inform_result", "Báo kết quả cho công dân sau khi chuyển đơn"
    NOTIFY = "notify", "Thông báo bằng văn bản: thụ lý hoặc chuyển, giao"
    FILE = "file", "Thời hiệu khiếu nại"
    ACCEPT = "accept", "Thụ lý"
    RESOLVE = "resolve", "Giải quyết"
    REGISTER = "register", "Vào sổ, phân loại, kiểm tra điều kiện thụ lý"
    FORWARD = "forward", "Chuyển đơn và báo người tố cáo"
    PUBLISH = "publish", "Công khai kết luận"


# The step a procedure means when none is named (the calculator, the API).
DEFAULT_STEP: dict[str, str] = {
    Procedure.CITIZEN_RECEPTION: Step.ANSWER,
    Procedure.PARTY_RECEPTION: Step.NOTIFY,
    Procedure.COMPLAINT_FIRST: Step.RESOLVE,
    Procedure.COMPLAINT_SECOND: Step.RESOLVE,
    Procedure.DENUNCIATION: Step.RESOLVE,
    Procedure.GRASSROOTS: Step.ANSWER,
}


class TimeUnit(models.TextChoices):
    CALENDAR_DAY = "calendar_day", "ngày"
    WORKING_DAY = "working_day", "ngày làm việc"


class StartEvent(models.TextChoices):
    RECEIPT = "receipt", "ngày nhận đơn"
    ACCEPTANCE = "acceptance", "ngày thụ lý"
    DECISION_KNOWN = "decision_known", "ngày nhận được hoặc biết quyết định, hành vi"
    FIRST_DEADLINE = "first_deadline", "ngày hết hạn giải quyết lần đầu hoặc nhận quyết định"
    RESULT_RECEIVED = "result_received", "ngày nhận kết quả từ cơ quan được chuyển đơn"
    CONCLUSION = "conclusion", "ngày ban hành kết luận"


class Variant(models.TextChoices):
    NORMAL = "normal", "Thông thường"
    REMOTE = "remote", "Vùng sâu, vùng xa, đi lại khó khăn"
    COMPLEX = "complex", "Vụ việc phức tạp"
    REMOTE_COMPLEX = "remote_complex", "Vùng sâu, vùng xa và phức tạp"
    ESPECIALLY_COMPLEX = "especially_complex", "Vụ việc đặc biệt phức tạp"


class RuleSource(models.TextChoices):
    SEED = "seed", "Nạp sẵn theo DOMAIN.md §3.3"
    ADMIN = "admin", "Quản trị viên nhập hoặc sửa"


class DeadlineRuleQuerySet(models.QuerySet["DeadlineRule"]):
    def in_force_on(self, day: dt.date) -> DeadlineRuleQuerySet:
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )


class DeadlineRule(models.Model):
    """One legal time limit, in force over a date range (DOMAIN.md §3.5)."""

    code = models.SlugField(
        "mã quy tắc",
        max_length=64,
        unique=True,
        help_text="Stable handle, e.g. 'kn1-giai-quyet-phuc-tap-2012'.",
    )
    procedure = models.CharField("thủ tục", max_length=24, choices=Procedure.choices)
    step = models.CharField("bước", max_length=16, choices=Step.choices)
    variant = models.CharField(
        "trường hợp", max_length=20, choices=Variant.choices, default=Variant.NORMAL
    )
    quantity = models.PositiveSmallIntegerField("thời hạn")
    unit = models.CharField(
        "đơn vị tính", max_length=16, choices=TimeUnit.choices, default=TimeUnit.CALENDAR_DAY
    )
    start_event = models.CharField(
        "tính từ", max_length=20, choices=StartEvent.choices, default=StartEvent.RECEIPT
    )
    max_extensions = models.PositiveSmallIntegerField("số lần gia hạn tối đa", default=0)
    extension_quantity = models.PositiveSmallIntegerField("thời hạn mỗi lần gia hạn", default=0)
    include_start = models.BooleanField(
        "tính cả ngày bắt đầu",
        default=False,
        help_text="Off: the period starts the day after the start event (Bộ luật Dân sự Đ147).",
    )
    roll_forward = models.BooleanField(
        "hạn rơi vào ngày nghỉ thì lùi sang ngày làm việc kế tiếp",
        default=True,
        help_text="Bộ luật Dân sự Đ148 style; only matters for calendar days.",
    )
    legal_basis = models.CharField("căn cứ pháp lý", max_length=300)
    source_url = models.URLField("nguồn (đường dẫn)", max_length=500, blank=True)
    confidence = models.CharField(
        "độ tin cậy", max_length=1, choices=Confidence.choices, default=Confidence.UNVERIFIED
    )
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)
    revision = models.PositiveIntegerField(
        "lần sửa", default=1, help_text="Bumped on every edit; petitions keep the one they used."
    )
    source = models.CharField(
        "nguồn gốc dòng", max_length=8, choices=RuleSource.choices, default=RuleSource.ADMIN
    )
    # SET_NULL: the rule outlives its author's account; the audit trail keeps who.
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

    objects = DeadlineRuleQuerySet.as_manager()

    class Meta:
        ordering = ["procedure", "step", "variant", "valid_from"]
        verbose_name = "quy tắc thời hạn"
        verbose_name_plural = "quy tắc thời hạn"
        indexes = [
            # Serves deadlines.rule_for(): the rows of one procedure step.
            models.Index(fields=["procedure", "step", "variant"], name="rule_lookup"),
        ]

    def __str__(self) -> str:
        return f"{self.get_procedure_display()} – {self.get_step_display()} ({self.get_variant_display()}): {self.duration_label}"

    def get_absolute_url(self) -> str:
        return reverse("petitions:rule_edit", args=[self.code])

    @property
    def duration_label(self) -> str:
        text = f"{self.quantity} {self.get_unit_display()}"
        if self.max_extensions:
            text += f", gia hạn tối đa {self.max_extensions} lần × {self.extension_quantity} {self.get_unit_display()}"
        return text

    @property
    def validity_label(self) -> str:
        if self.valid_from and self.valid_to:
            return f"{self.valid_from:%d/%m/%Y} – {self.valid_to:%d/%m/%Y}"
        if self.valid_to:
            return f"đến {self.valid_to:%d/%m/%Y}"
        if self.valid_from:
            return f"từ {self.valid_from:%d/%m/%Y}"
        return "không thời hạn"

    def is_in_force_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )


# --- Petitions and cases ---------------------------------------------------------------


class Kind(models.TextChoices):
    COMPLAINT = "complaint", "Khiếu nại"
    DENUNCIATION = "denunciation", "Tố cáo"
    RECOMMENDATION = "recommendation", "Kiến nghị"
    FEEDBACK = "feedback", "Phản ánh"


class Category(models.TextChoices):
    """Content groups of Biểu 04/XLD (DOMAIN.md §8.4)."""

    POLICY = "policy", "Chế độ, chính sách"
    LAND = "land", "Đất đai, nhà cửa"
    JUSTICE = "justice", "Tư pháp"
    OTHER = "other", "Khác"


class Channel(models.TextChoices):
    DIRECT = "direct", "Trực tiếp tại cơ quan"
    POST = "post", "Qua bưu chính"
    RECEPTION = "reception", "Tại buổi tiếp công dân"
    ONLINE = "online", "Trực tuyến (cổng thông tin, thư điện tử)"
    FORWARDED = "forwarded", "Do cơ quan khác chuyển đến"


class Signatories(models.TextChoices):
    """Biểu 04/XLD groups petitions by who signed them."""

    ONE = "one", "Một người đứng tên"
    MANY = "many", "Nhiều người đứng tên"
    REPRESENTATIVE = "representative", "Người đại diện"
    UNSIGNED = "unsigned", "Không ký tên, không rõ người gửi"


class Outcome(models.TextChoices):
    CORRECT = "correct", "Đúng"
    PARTLY = "partly", "Có đúng, có sai"
    WRONG = "wrong", "Sai"
    ANSWERED = "answered", "Đã trả lời, giải quyết xong"


class Case(models.Model):
    """A matter (vụ việc). Its petitions are repeat filings, copies or co-signed letters."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # PROTECT: records must never disappear with a unit.
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="petition_cases",
        verbose_name="đơn vị",
    )
    title = models.CharField("nội dung vụ việc", max_length=300)
    kind = models.CharField("loại", max_length=16, choices=Kind.choices)
    opened_on = models.DateField("ngày phát sinh")
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

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = "vụ việc"
        verbose_name_plural = "vụ việc"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("petitions:case", args=[self.code])


class PetitionQuerySet(models.QuerySet["Petition"]):
    def open(self) -> PetitionQuerySet:
        return self.filter(status__in=OPEN)

    def finished(self) -> PetitionQuerySet:
        return self.filter(status__in=FINISHED)

    def clocked(self) -> PetitionQuerySet:
        """Open petitions whose clock runs (suspended ones are stopped)."""
        return self.open().exclude(status=Status.SUSPENDED).filter(due_on__isnull=False)

    def overdue(self, on: dt.date) -> PetitionQuerySet:
        return self.clocked().filter(due_on__lt=on)

    def due_within(self, on: dt.date, until: dt.date) -> PetitionQuerySet:
        return self.clocked().filter(due_on__gte=on, due_on__lte=until)

    def for_list(self) -> PetitionQuerySet:
        return self.select_related("unit", "case", "body")


class Petition(models.Model):
    """One petition received by a unit (DOMAIN.md §3.2)."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(
        "mã ngoài",
        max_length=64,
        blank=True,
        help_text="Stable id from an imported spreadsheet; re-import updates the same row.",
    )
    # PROTECT: records must never disappear with a unit.
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="petitions",
        verbose_name="đơn vị tiếp nhận",
    )
    # PROTECT: the receiving body is part of the record.
    body = models.ForeignKey(
        "units.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
        verbose_name="cơ quan tiếp nhận",
    )
    level = models.CharField(
        "cấp tiếp nhận",
        max_length=10,
        choices=Level.choices,
        help_text="The receiving unit's level when received, for level splits in reports.",
    )
    received_on = models.DateField("ngày tiếp nhận")
    channel = models.CharField(
        "hình thức tiếp nhận", max_length=10, choices=Channel.choices, default=Channel.DIRECT
    )
    # SET_NULL: the petition outlives a deleted session record.
    engagement = models.ForeignKey(
        "engagements.Engagement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="petitions",
        verbose_name="buổi tiếp công dân",
    )
    forwarded_by = models.CharField("cơ quan chuyển đến", max_length=200, blank=True)
    signatories = models.CharField(
        "người đứng tên", max_length=16, choices=Signatories.choices, default=Signatories.ONE
    )
    signatory_count = models.PositiveIntegerField("số người đứng tên", default=1)
    kind = models.CharField("loại đơn", max_length=16, choices=Kind.choices)
    complaint_round = models.PositiveSmallIntegerField(
        "khiếu nại lần", choices=[(1, "Lần đầu"), (2, "Lần hai")], default=1
    )
    category = models.CharField(
        "lĩnh vực", max_length=10, choices=Category.choices, default=Category.OTHER
    )
    remote_area = models.BooleanField("vùng sâu, vùng xa", default=False)
    is_complex = models.BooleanField("vụ việc phức tạp", default=False)
    is_especially_complex = models.BooleanField("vụ việc đặc biệt phức tạp", default=False)
    petitioner_name = models.CharField("họ tên người gửi", max_length=200, blank=True)
    petitioner_address = models.CharField("địa chỉ người gửi", max_length=300, blank=True)
    petitioner_contact = models.CharField("điện thoại, thư điện tử", max_length=200, blank=True)
    summary = models.TextField("tóm tắt nội dung")
    status = models.CharField(
        "trạng thái", max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    # PROTECT: a case with petitions must not vanish under them.
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="petitions", verbose_name="vụ việc"
    )
    # Deadline: the clock now running, the rule (and its revision) it came from.
    due_on = models.DateField("hạn xử lý", null=True, blank=True)
    # PROTECT: a rule that petitions were timed by is history; end its validity instead.
    deadline_rule = models.ForeignKey(
        DeadlineRule,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
        verbose_name="quy tắc thời hạn",
    )
    deadline_rule_revision = models.PositiveIntegerField(
        "lần sửa của quy tắc", null=True, blank=True
    )
    deadline_step = models.CharField(
        "bước đang tính hạn", max_length=16, choices=Step.choices, blank=True
    )
    deadline_start = models.DateField("ngày bắt đầu tính hạn", null=True, blank=True)
    deadline_note = models.TextField("cách tính hạn", blank=True)
    extensions = models.PositiveSmallIntegerField("số lần gia hạn", default=0)
    accepted_on = models.DateField("ngày thụ lý", null=True, blank=True)
    finished_on = models.DateField("ngày kết thúc xử lý", null=True, blank=True)
    finished_overdue = models.BooleanField("quá hạn khi kết thúc", null=True, blank=True)
    forwarded_to = models.CharField("chuyển đến cơ quan", max_length=200, blank=True)
    reject_reason = models.CharField("lý do không thụ lý", max_length=300, blank=True)
    outcome = models.CharField(
        "kết quả giải quyết", max_length=10, choices=Outcome.choices, blank=True
    )
    outcome_note = models.TextField("nội dung kết quả", blank=True)
    search_key = models.TextField(
        "khóa tìm kiếm",
        blank=True,
        help_text="Folded summary, petitioner (not for denunciations) and ids.",
    )
    # SET_NULL: the record outlives its author's account.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người nhập",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = PetitionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = "đơn"
        verbose_name_plural = "đơn thư"
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "external_id"],
                condition=~models.Q(external_id=""),
                name="petition_external_id",
            ),
        ]
        indexes = [
            # Serves the due-soon/overdue board: a unit's open petitions by due date.
            models.Index(fields=["unit", "status", "due_on"], name="petition_due_board"),
            # Serves lists and period statistics: a unit's petitions by date received.
            models.Index(fields=["unit", "received_on"], name="petition_unit_received"),
            # Serves period statistics: petitions finished in a period.
            models.Index(fields=["unit", "finished_on"], name="petition_unit_finished"),
        ]

    def __str__(self) -> str:
        return f"Đơn {self.get_kind_display().lower()} {self.received_on:%d/%m/%Y}: {self.summary[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("petitions:detail", args=[self.code])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_denunciation(self) -> bool:
        return self.kind == Kind.DENUNCIATION

    def is_overdue(self, on: dt.date) -> bool:
        """Past due on `on` while the clock runs (a suspended case's clock is stopped)."""
        if not self.is_open or self.status == Status.SUSPENDED or self.due_on is None:
            return False
        return on > self.due_on

    def days_left(self, on: dt.date) -> int | None:
        if self.due_on is None or not self.is_open:
            return None
        return (self.due_on - on).days

    @property
    def masked_name(self) -> str:
        return mask(self.petitioner_name)

    @property
    def rule_changed(self) -> bool:
        """The rule this petition was timed by has been edited since (see recompute)."""
        return self.deadline_rule_id is not None and (
            self.deadline_rule_revision != self.deadline_rule.revision
        )


def mask(name: str) -> str:
    """'Nguyễn Văn An' → 'N*** V*** A**': enough to tell rows apart, not to identify."""
    return " ".join(w[0] + "*" * min(len(w) - 1, 3) for w in name.split()) if name else ""


class Event(models.TextChoices):
    STATUS = "status", "Chuyển trạng thái"
    EXTENSION = "extension", "Gia hạn"
    RECOMPUTE = "recompute", "Tính lại hạn"


class PetitionTransition(models.Model):
    """One step of a petition's history, with the deadline as it stood (frozen)."""

    # CASCADE: the history belongs to its petition (petitions are never deleted).
    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="transitions", verbose_name="đơn"
    )
    event = models.CharField(
        "loại bước", max_length=10, choices=Event.choices, default=Event.STATUS
    )
    from_status = models.CharField(
        "từ trạng thái", max_length=12, choices=Status.choices, blank=True
    )
    to_status = models.CharField("sang trạng thái", max_length=12, choices=Status.choices)
    on_date = models.DateField("ngày")
    # SET_NULL: the step outlives its author's account; by_name keeps who.
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
    due_before = models.DateField("hạn trước bước này", null=True, blank=True)
    due_after = models.DateField("hạn sau bước này", null=True, blank=True)
    was_overdue = models.BooleanField(
        "quá hạn tại bước này",
        null=True,
        blank=True,
        help_text="Frozen when the step is recorded: on_date > due_before.",
    )
    created_at = models.DateTimeField("ghi lúc", auto_now_add=True)

    class Meta:
        ordering = ["on_date", "pk"]
        verbose_name = "bước xử lý đơn"
        verbose_name_plural = "các bước xử lý đơn"
        indexes = [models.Index(fields=["petition", "on_date"], name="petition_transitions")]

    def __str__(self) -> str:
        return f"{self.on_date:%d/%m/%Y} {self.get_from_status_display()} → {self.get_to_status_display()}"
