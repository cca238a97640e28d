"""Indicators as data, monthly tallies kept current on every write, manual figures."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class IndicatorKind(models.TextChoices):
    COUNT = "count", "Đếm bản ghi"
    SUM = "sum", "Cộng một trường"
    STOCK = "stock", "Số tồn (vào − ra)"
    MANUAL = "manual", "Nhập tay"


class TimeAggregation(models.TextChoices):
    SUM = "sum", "Cộng dồn trong kỳ"
    OPENING = "opening", "Số đầu kỳ"
    CLOSING = "closing", "Số cuối kỳ"


class UnitAggregation(models.TextChoices):
    SUM = "sum", "Cộng các đơn vị"
    NONE = "none", "Không cộng (không trùng lặp)"


class Indicator(models.Model):
    """One figure the reports carry, and how to compute it from records.

    count/sum: records of `source` matching `filters`, counted (or `value_field`
    summed) on the day in `date_field`. stock: cumulative `inflow` − `outflow` at the
    period's start (opening) or end (closing). manual: entered by hand.
    """

    code = models.CharField("mã", max_length=64, unique=True)
    label = models.CharField("tên chỉ tiêu", max_length=200)
    unit_of_measure = models.CharField("đơn vị tính", max_length=32)
    group = models.CharField("nhóm", max_length=100, blank=True)
    kind = models.CharField("cách tính", max_length=8, choices=IndicatorKind.choices)
    source = models.CharField("loại hồ sơ", max_length=64, blank=True, help_text="Registered source key.")
    date_field = models.CharField("trường ngày", max_length=64, blank=True)
    value_field = models.CharField("trường cộng", max_length=64, blank=True)
    filters = models.JSONField("điều kiện", default=dict, blank=True,
                               help_text='Django-style lookups on the record: {"kind": "complaint"}.')
    # PROTECT: a stock must not lose its flows silently.
    inflow = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    outflow = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    time_aggregation = models.CharField(max_length=8, choices=TimeAggregation.choices, default=TimeAggregation.SUM)
    unit_aggregation = models.CharField(max_length=8, choices=UnitAggregation.choices, default=UnitAggregation.SUM)
    sort_order = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"

    def __str__(self) -> str:
        return self.label


class Tally(models.Model):
    """The value of an indicator at a unit (its whole subtree) for one month.

    Kept current by reporting.tally on every save and delete of a source record, at
    the record's unit and every ancestor, so a roll-up reads a handful of rows.
    """

    # CASCADE: tallies are derived data, rebuilt by `danvan rebuild_tallies`.
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(help_text="First day of the month.")
    value = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "indicator", "month"], name="tally_cell"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}@{self.unit_id} {self.month:%m/%Y}: {self.value}"


class ManualValue(models.Model):
    """A figure no record holds, entered by hand (or confirmed from an article) for a unit and period."""

    # PROTECT: hand-entered figures are evidence; keep their indicator and unit.
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="manual_values")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.BigIntegerField()
    note = models.CharField("ghi chú, nguồn", max_length=300, blank=True)
    # SET_NULL: the figure outlives its author's account.
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "số liệu nhập tay"
        verbose_name_plural = "số liệu nhập tay"
        indexes = [models.Index(fields=["indicator", "unit", "period_start"], name="manual_value_lookup")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.unit_id}: {self.value}"


class ReportTemplate(models.Model):
    """A report form: a period kind, indicator tables and narrative sections."""

    code = models.CharField("mã", max_length=64, unique=True)
    name = models.CharField("tên mẫu báo cáo", max_length=200)
    period_kind = models.CharField("loại kỳ", max_length=16, help_text="danvan.lib.periods.PeriodKind value.")
    cutoff_offset_days = models.IntegerField("lệch ngày chốt số liệu", default=0,
                                             help_text="-17 turns a calendar year into 15/12–14/12.")
    sections = models.JSONField("các phần nội dung", default=list, help_text="Narrative section titles, in order.")
    layout = models.CharField("thể thức", max_length=8, choices=[("party", "Văn bản của Đảng"), ("state", "Văn bản hành chính")],
                              default="party")
    due_days = models.PositiveSmallIntegerField("hạn nộp sau kỳ (ngày)", default=5)
    indicators = models.ManyToManyField(Indicator, through="TemplateIndicator", related_name="templates")

    class Meta:
        verbose_name = "mẫu báo cáo"
        verbose_name_plural = "mẫu báo cáo"

    def __str__(self) -> str:
        return self.name


class TemplateIndicator(models.Model):
    # CASCADE: rows of a template belong to it.
    template = models.ForeignKey(ReportTemplate, on_delete=models.CASCADE, related_name="rows")
    # PROTECT: an indicator used by a template must not vanish.
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    table = models.CharField("bảng", max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["template", "indicator"], name="template_indicator_once")]

    def __str__(self) -> str:
        return f"{self.template_id}: {self.indicator_id}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã gửi"
    RETURNED = "returned", "Trả lại"
    APPROVED = "approved", "Đã duyệt"


class Report(models.Model):
    """One unit's report for one period: figures from the roll-up, narrative by hand."""

    code = models.UUIDField(unique=True, editable=False)
    # PROTECT: reports are official history.
    template = models.ForeignKey(ReportTemplate, on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="reports")
    body = models.ForeignKey("units.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="reports")
    period_start = models.DateField()
    period_end = models.DateField()
    period_label = models.CharField(max_length=100)
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    narratives = models.JSONField(default=dict, blank=True, help_text="{section title: text}")
    due_on = models.DateField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    stale = models.BooleanField(default=False, help_text="Records changed after approval.")
    number = models.CharField("số, ký hiệu", max_length=64, blank=True)
    signer_name = models.CharField("người ký", max_length=150, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=200, blank=True)
    # SET_NULL: the report outlives its author's account.
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_end", "unit__code"]
        verbose_name = "báo cáo"
        verbose_name_plural = "báo cáo"
        constraints = [
            models.UniqueConstraint(fields=["template", "unit", "period_start", "period_end"], name="one_report_per_period"),
        ]
        indexes = [models.Index(fields=["status", "period_start", "period_end"], name="report_stale_lookup")]

    def __str__(self) -> str:
        return f"{self.template.name} {self.period_label} – {self.unit}"

    @property
    def on_time(self) -> bool | None:
        if self.submitted_at is None or self.due_on is None:
            return None
        from django.utils import timezone

        return timezone.localtime(self.submitted_at).date() <= self.due_on


class ReportTransition(models.Model):
    # CASCADE: the history belongs to its report.
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=10, choices=ReportStatus.choices)
    to_status = models.CharField(max_length=10, choices=ReportStatus.choices)
    # SET_NULL: history outlives accounts; the audit row names the actor too.
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.from_status} → {self.to_status}"


class ReportSnapshot(models.Model):
    """The figures and text as approved: frozen, compared with live figures later."""

    # CASCADE: a snapshot belongs to its report.
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="snapshots")
    version = models.PositiveIntegerField()
    figures = models.JSONField(help_text="{indicator code: value}")
    lower_units = models.JSONField(default=list, help_text="[{unit, key, status, figures}] as approved")
    narratives = models.JSONField(default=dict)
    digest = models.CharField(max_length=64)
    # SET_NULL: the snapshot outlives accounts.
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["report", "version"], name="snapshot_version")]

    def __str__(self) -> str:
        return f"{self.report_id} v{self.version}"
