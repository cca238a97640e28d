"""Every change to the working-day calendar: permission, validation, write, audit.

The calendar is national, so the permission is `rules.manage` on the nation unit
(administrators; the command line acts as SYSTEM).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from danvan.accounts.permissions import require
from danvan.audit.log import VERB_LABELS, record
from danvan.lib.text import nfc
from danvan.lib.workdays import statutory_holidays

from . import calendar, official
from .models import CalendarDay, Confidence, DayKind, Source, national_unit, validate_day

VERB_LABELS.update(
    {
        "workcalendar.add_day": "Thêm ngày vào lịch làm việc",
        "workcalendar.update_day": "Sửa ngày trong lịch làm việc",
        "workcalendar.remove_day": "Bỏ ngày khỏi lịch làm việc",
        "workcalendar.load_day": "Nạp ngày từ lịch gợi ý hoặc lịch đã công bố",
        "workcalendar.load": "Nạp lịch nghỉ lễ, Tết",
    }
)

LABELS = {
    "date": "Ngày",
    "kind": "Loại ngày",
    "name": "Tên",
    "legal_ref": "Căn cứ",
    "source_url": "Nguồn",
    "confidence": "Độ tin cậy",
    "note": "Ghi chú",
    "removed": "Đã bỏ",
}
FIELDS = ("kind", "name", "legal_ref", "source_url", "confidence", "note")


def _snapshot(day: CalendarDay) -> dict[str, Any]:
    return {LABELS[f]: str(getattr(day, f)) for f in (*FIELDS, "removed")}


def _after_change() -> None:
    transaction.on_commit(calendar.invalidate)
    calendar.invalidate()


@transaction.atomic
def add_day(
    *,
    by: Any,
    date: dt.date,
    kind: str,
    name: str,
    legal_ref: str = "",
    source_url: str = "",
    confidence: str = Confidence.UNVERIFIED,
    note: str = "",
) -> CalendarDay:
    """An administrator adds an exceptional day (or brings back one removed earlier)."""
    nation = national_unit()
    require(by, "rules.manage", nation)
    name = nfc(name)
    validate_day(date, kind, name)
    existing = CalendarDay.objects.select_for_update().filter(date=date).first()
    if existing is not None and not existing.removed:
        raise ValidationError(
            f"Ngày {date:%d/%m/%Y} đã có trong lịch ({existing.name}); hãy sửa dòng đó."
        )
    values = {
        "kind": kind,
        "name": name,
        "legal_ref": nfc(legal_ref),
        "source_url": source_url.strip(),
        "confidence": confidence,
        "note": nfc(note),
        "source": Source.ADMIN,
        "removed": False,
    }
    if existing is None:
        day = CalendarDay.objects.create(
            date=date, created_by=by if getattr(by, "pk", None) else None, **values
        )
        changes = {LABELS["date"]: [None, f"{date:%d/%m/%Y}"]}
    else:
        before = _snapshot(existing)
        for key, value in values.items():
            setattr(existing, key, value)
        existing.save()
        day = existing
        after = _snapshot(day)
        changes = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    record(by, "workcalendar.add_day", day, unit=nation, data={"note": note, "changes": changes})
    _after_change()
    return day


@transaction.atomic
def update_day(day: CalendarDay, *, by: Any, **fields: Any) -> CalendarDay:
    """An administrator corrects a day; the row becomes theirs (the loader leaves it alone)."""
    nation = national_unit()
    require(by, "rules.manage", nation)
    day = CalendarDay.objects.select_for_update().get(pk=day.pk)
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown calendar fields: {sorted(unknown)}")
    before = _snapshot(day)
    for key, value in fields.items():
        setattr(day, key, nfc(value) if key in {"name", "legal_ref", "note"} else value)
    validate_day(day.date, day.kind, day.name)
    after = _snapshot(day)
    changes = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    if not changes:
        return day
    day.source = Source.ADMIN
    day.save()
    record(by, "workcalendar.update_day", day, unit=nation, data={"changes": changes})
    _after_change()
    return day


@transaction.atomic
def remove_day(day: CalendarDay, *, by: Any, note: str = "") -> CalendarDay:
    """Take a day out of the calendar. The row stays, marked removed, so that reloading
    the suggestions does not bring it back."""
    nation = national_unit()
    require(by, "rules.manage", nation)
    day = CalendarDay.objects.select_for_update().get(pk=day.pk)
    if day.removed:
        return day
    day.removed = True
    day.source = Source.ADMIN
    day.save(update_fields=["removed", "source", "updated_at"])
    record(
        by,
        "workcalendar.remove_day",
        day,
        unit=nation,
        data={"note": nfc(note), "changes": {LABELS["removed"]: ["False", "True"]}},
    )
    _after_change()
    return day


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_admin: int = 0  # rows an administrator wrote or edited: never touched
    years: list[int] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"năm {self.years[0]}–{self.years[-1]}: {self.created} thêm, {self.updated} cập nhật, "
            f"{self.unchanged} không đổi, {self.kept_admin} dòng do quản trị viên sửa được giữ nguyên"
            if self.years
            else "không có năm nào"
        )


def _wanted(year: int) -> list[dict[str, Any]]:
    """The rows the loader proposes for `year`: announced schedules where we have them,
    the Labour Code suggestion (lunar dates computed) for the other holidays."""
    schedule = official.SCHEDULES.get(year)
    covered = schedule.groups if schedule else frozenset()
    rows: dict[dt.date, dict[str, Any]] = {}
    for h in statutory_holidays(year):
        if official.group_of(h.name) in covered:
            continue
        rows[h.date] = {
            "kind": DayKind.COMPENSATORY if h.kind == "compensatory" else DayKind.HOLIDAY,
            "name": h.name,
            "legal_ref": "Bộ luật Lao động 2019, Điều 112 (gợi ý, tính theo âm lịch)"
            if h.kind == "holiday"
            else "Bộ luật Lao động 2019, Điều 111.3 (gợi ý)",
            "source_url": "",
            "confidence": Confidence.UNVERIFIED,
            "source": Source.SUGGESTED,
        }
    for a in schedule.days if schedule else ():
        rows[a.date] = {
            "kind": a.kind,
            "name": a.name,
            "legal_ref": a.legal_ref,
            "source_url": a.source_url,
            "confidence": a.confidence,
            "source": Source.ANNOUNCED,
        }
    return [{"date": d, **rows[d], "removed": False} for d in sorted(rows)]


@transaction.atomic
def load_calendar(*, by: Any, first_year: int, last_year: int) -> LoadReport:
    """Seed the suggested and announced days of each year. Idempotent; rows an
    administrator wrote, edited or removed are never touched."""
    nation = national_unit()
    require(by, "rules.manage", nation)
    if first_year > last_year:
        raise ValidationError("Năm bắt đầu phải trước hoặc bằng năm kết thúc.")
    report = LoadReport(years=list(range(first_year, last_year + 1)))
    existing = {
        d.date: d
        for d in CalendarDay.objects.filter(date__year__gte=first_year, date__year__lte=last_year)
    }
    wanted = [row for year in report.years for row in _wanted(year)]
    fresh: list[CalendarDay] = []  # new rows: one insert, listed in the load's audit row
    for row in wanted:
        day = existing.get(row["date"])
        if day is not None and day.source == Source.ADMIN:
            report.kept_admin += 1
            continue
        if day is None:
            fresh.append(CalendarDay(**row))
            continue
        before, old_source = _snapshot(day), day.source
        for key, value in row.items():
            setattr(day, key, value)
        changes = {k: [before[k], v] for k, v in _snapshot(day).items() if before[k] != v}
        if not changes and old_source == day.source:
            report.unchanged += 1
            continue
        day.save()
        report.updated += 1
        record(by, "workcalendar.load_day", day, unit=nation, data={"changes": changes})
    # Suggested or announced rows the loader no longer proposes (e.g. a suggestion
    # replaced by the announced schedule) are removed, unless an administrator owns them.
    wanted_dates = {row["date"] for row in wanted}
    for day in existing.values():
        if day.date not in wanted_dates and day.source != Source.ADMIN and not day.removed:
            day.removed = True
            day.save(update_fields=["removed", "updated_at"])
            report.updated += 1
            record(
                by,
                "workcalendar.load_day",
                day,
                unit=nation,
                data={"changes": {LABELS["removed"]: ["False", "True"]}},
            )
    CalendarDay.objects.bulk_create(fresh)
    report.created = len(fresh)
    record(
        by,
        "workcalendar.load",
        None,
        unit=nation,
        data={"note": str(report), "created": [f"{d.date:%d/%m/%Y} {d.name}" for d in fresh]},
    )
    _after_change()
    return report
