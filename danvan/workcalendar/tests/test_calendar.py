"""The working-day calendar table: loading, administrator edits, and calendar_for."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from danvan.accounts.models import Role
from danvan.accounts.permissions import SYSTEM, NotPermitted
from danvan.accounts.tests.factories import official
from danvan.audit.models import AuditEvent
from danvan.workcalendar import actions
from danvan.workcalendar.calendar import calendar_for, years_loaded
from danvan.workcalendar.models import CalendarDay, DayKind, Source

D = dt.date


@pytest.fixture
def admin(world):  # type: ignore[no-untyped-def]
    return official("quantri", world.nation, Role.ADMIN, "Đỗ Minh Quân")


def kinds(year: int) -> dict[dt.date, str]:
    return dict(CalendarDay.objects.active().in_year(year).values_list("date", "kind"))


def test_load_is_idempotent_and_prefers_announced_schedules(world):
    first = actions.load_calendar(by=SYSTEM, first_year=2023, last_year=2026)
    second = actions.load_calendar(by=SYSTEM, first_year=2023, last_year=2026)
    assert first.created > 40 and (second.created, second.updated, second.unchanged) == (
        0,
        0,
        first.created,
    )
    days = kinds(2024)
    assert days[D(2024, 2, 8)] == DayKind.HOLIDAY  # announced: 29 tháng Chạp
    assert D(2024, 2, 15) not in days  # the lunar suggestion (mùng 6) is not used
    assert (
        days[D(2024, 4, 29)] == DayKind.COMPENSATORY
        and days[D(2024, 5, 4)] == DayKind.MAKEUP_WORKDAY
    )
    assert kinds(2026)[D(2026, 2, 16)] == DayKind.HOLIDAY
    suggested = CalendarDay.objects.get(date=D(2026, 9, 2))  # not announced yet: a suggestion
    assert (suggested.source, suggested.confidence) == (Source.SUGGESTED, "U")
    assert CalendarDay.objects.get(date=D(2024, 4, 29)).source_url.startswith(
        "https://baophapluat.vn"
    )


def test_the_loader_never_touches_administrator_rows(world, admin):
    actions.load_calendar(by=SYSTEM, first_year=2027, last_year=2027)
    suggested = CalendarDay.objects.get(date=D(2027, 9, 2))
    actions.update_day(suggested, by=admin, name="Quốc khánh (đã đối chiếu)", confidence="V")
    removed = CalendarDay.objects.get(date=D(2027, 1, 1))
    actions.remove_day(removed, by=admin, note="Thử")
    report = actions.load_calendar(by=SYSTEM, first_year=2027, last_year=2027)
    assert report.kept_admin == 2
    assert CalendarDay.objects.get(date=D(2027, 9, 2)).name == "Quốc khánh (đã đối chiếu)"
    assert CalendarDay.objects.get(date=D(2027, 1, 1)).removed
    assert D(2027, 1, 1) not in calendar_for(D(2027, 1, 1), D(2027, 12, 31)).holidays


def test_adding_a_day_and_bringing_a_removed_one_back(world, admin):
    day = actions.add_day(
        by=admin,
        date=D(2026, 11, 24),
        kind=DayKind.HOLIDAY,
        name="Ngày Văn hóa Việt Nam",
        legal_ref="Nghị quyết 80-NQ/TW (đề xuất)",
        confidence="U",
    )
    assert day.source == Source.ADMIN and day.created_by == admin
    with pytest.raises(ValidationError, match="đã có trong lịch"):
        actions.add_day(by=admin, date=D(2026, 11, 24), kind=DayKind.HOLIDAY, name="Lần hai")
    actions.remove_day(day, by=admin)
    again = actions.add_day(
        by=admin, date=D(2026, 11, 24), kind=DayKind.HOLIDAY, name="Ngày Văn hóa"
    )
    assert again.pk == day.pk and not again.removed
    assert (
        AuditEvent.objects.filter(target_id=str(day.pk), verb__startswith="workcalendar.").count()
        == 3
    )


@pytest.mark.parametrize(
    ("day", "kind", "message"),
    [
        (
            D(2026, 11, 23),
            DayKind.MAKEUP_WORKDAY,
            "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật; 23/11/2026 là Thứ Hai.",
        ),
        (D(2026, 11, 22), DayKind.COMPENSATORY, "Ngày nghỉ bù phải là ngày làm việc thường"),
    ],
)
def test_day_kinds_are_checked(world, admin, day, kind, message):
    with pytest.raises(ValidationError, match=message):
        actions.add_day(by=admin, date=day, kind=kind, name="Thử")


def test_only_administrators_change_the_calendar(world):
    for user in (world.province_approver, world.commune_editor, world.central_viewer):
        with pytest.raises(NotPermitted):
            actions.add_day(by=user, date=D(2026, 12, 1), kind=DayKind.HOLIDAY, name="Thử")
        with pytest.raises(NotPermitted):
            actions.load_calendar(by=user, first_year=2026, last_year=2026)


def test_calendar_for_sees_changes_at_once(world, admin):
    assert calendar_for(D(2030, 1, 1), D(2030, 12, 31)).holidays == frozenset()
    actions.add_day(by=admin, date=D(2030, 3, 4), kind=DayKind.HOLIDAY, name="Thử")
    cal = calendar_for(D(2030, 1, 1), D(2030, 12, 31))
    assert D(2030, 3, 4) in cal.holidays and not cal.is_working_day(D(2030, 3, 4))
    assert 2030 in years_loaded()
    CalendarDay.objects.filter(date=D(2030, 3, 4)).delete()  # even behind the actions' back
    assert D(2030, 3, 4) not in calendar_for(D(2030, 1, 1), D(2030, 12, 31)).holidays
    actions.add_day(by=admin, date=D(2030, 3, 9), kind=DayKind.MAKEUP_WORKDAY, name="Làm bù")
    assert calendar_for(D(2030, 3, 1), D(2030, 3, 31)).is_working_day(D(2030, 3, 9))
    assert calendar_for(D(2030, 4, 1), D(2030, 4, 30)).makeup_workdays == frozenset()


def test_the_command(world, capsys):
    call_command("load_calendar", "--from", "2024", "--to", "2024")
    assert "năm 2024–2024" in capsys.readouterr().out
    assert AuditEvent.objects.filter(verb="workcalendar.load", channel="cli").exists()
