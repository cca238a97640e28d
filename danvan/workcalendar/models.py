"""The working-day calendar: one row per exceptional day (DOMAIN.md §3.4).

Monday–Friday are working days unless a row says otherwise: a public holiday, a day
off in lieu (nghỉ bù) or a swapped day off (hoán đổi), or — the other way round — a
Saturday declared a make-up working day (làm bù). Rows come from three places: the
Labour Code list computed with the lunar calendar (a suggestion), the schedules the
Government announced (bundled in `official.py`), and administrators. The loader
never touches a row an administrator wrote or edited.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "Ngày nghỉ lễ, Tết"
    COMPENSATORY = "compensatory", "Ngày nghỉ bù, nghỉ hoán đổi"
    MAKEUP_WORKDAY = "makeup_workday", "Ngày làm bù"


class Confidence(models.TextChoices):
    """How sure we are of a legal or calendar fact (DOMAIN.md §0)."""

    VERIFIED = "V", "Đã đối chiếu văn bản [V]"
    SECONDARY = "S", "Theo một nguồn thứ cấp [S]"
    UNVERIFIED = "U", "Chưa kiểm chứng [U]"


class Source(models.TextChoices):
    SUGGESTED = "suggested", "Gợi ý theo Bộ luật Lao động và âm lịch"
    ANNOUNCED = "announced", "Lịch nghỉ đã công bố (nạp sẵn)"
    ADMIN = "admin", "Quản trị viên nhập hoặc sửa"


class CalendarDayQuerySet(models.QuerySet["CalendarDay"]):
    def active(self) -> CalendarDayQuerySet:
        return self.filter(removed=False)

    def in_year(self, year: int) -> CalendarDayQuerySet:
        return self.filter(date__year=year)


class CalendarDay(models.Model):
    """One exceptional day. Removing a day keeps a row (`removed`) so a reload does not
    bring back a suggestion the administrator rejected."""

    date = models.DateField("ngày", unique=True)
    kind = models.CharField("loại ngày", max_length=16, choices=DayKind.choices)
    name = models.CharField(
        "tên", max_length=200, help_text="Ví dụ: Tết Nguyên đán; Nghỉ bù Giỗ Tổ Hùng Vương."
    )
    legal_ref = models.CharField(
        "căn cứ", max_length=300, blank=True, help_text="Điều luật hoặc văn bản công bố lịch nghỉ."
    )
    source_url = models.URLField("nguồn (đường dẫn)", max_length=500, blank=True)
    confidence = models.CharField(
        "độ tin cậy", max_length=1, choices=Confidence.choices, default=Confidence.UNVERIFIED
    )
    source = models.CharField(
        "nguồn gốc dòng",
        max_length=10,
        choices=Source.choices,
        default=Source.ADMIN,
        help_text="The loader only rewrites rows it wrote itself (not 'admin').",
    )
    removed = models.BooleanField(
        "đã bỏ", default=False, help_text="Kept so that a reload does not bring the day back."
    )
    note = models.CharField("ghi chú", max_length=300, blank=True)
    # SET_NULL: the row outlives its author's account; the audit trail keeps who.
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

    objects = CalendarDayQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        verbose_name = "ngày đặc biệt trong lịch làm việc"
        verbose_name_plural = "lịch làm việc: ngày nghỉ, ngày làm bù"

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"

    @property
    def weekday_label(self) -> str:
        return WEEKDAYS[self.date.weekday()]

    @property
    def is_admin_row(self) -> bool:
        return self.source == Source.ADMIN

    def clean(self) -> None:
        if self.date and self.kind:
            validate_day(self.date, self.kind, self.name or "")


WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def weekday_label(day: dt.date) -> str:
    return WEEKDAYS[day.weekday()]


def validate_day(day: dt.date, kind: str, name: str) -> None:
    """A make-up working day is a weekend day; a day off in lieu is a weekday."""
    if kind not in DayKind.values:
        raise ValidationError("Loại ngày không hợp lệ.")
    if not name:
        raise ValidationError("Hãy nhập tên ngày (ví dụ: Tết Nguyên đán).")
    if kind == DayKind.MAKEUP_WORKDAY and day.weekday() < 5:
        raise ValidationError(
            f"Ngày làm bù phải là thứ Bảy hoặc Chủ nhật; {day:%d/%m/%Y} là {weekday_label(day)}."
        )
    if kind == DayKind.COMPENSATORY and day.weekday() >= 5:
        raise ValidationError(
            f"Ngày nghỉ bù phải là ngày làm việc thường (thứ Hai – thứ Sáu); "
            f"{day:%d/%m/%Y} là {weekday_label(day)}."
        )


def national_unit():  # type: ignore[no-untyped-def]
    """The unit national tables (calendar, deadline rules) belong to, for permissions
    (`rules.manage` there) and the audit trail."""
    from danvan.units.models import Level, Unit

    return Unit.objects.filter(level=Level.NATION).first()
