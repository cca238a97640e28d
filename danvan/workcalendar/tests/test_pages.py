"""The calendar pages: everyone logged in reads, administrators change."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.accounts.models import Role
from danvan.accounts.permissions import SYSTEM
from danvan.accounts.tests.factories import UserFactory, official
from danvan.audit.models import AuditEvent
from danvan.workcalendar.actions import load_calendar
from danvan.workcalendar.models import CalendarDay

D = dt.date


@pytest.fixture
def loaded(world):  # type: ignore[no-untyped-def]
    load_calendar(by=SYSTEM, first_year=2024, last_year=2024)


@pytest.fixture
def admin(world):  # type: ignore[no-untyped-def]
    return official("quantri", world.nation, Role.ADMIN, "Đỗ Minh Quân")


@pytest.mark.parametrize(
    "persona", ["central_viewer", "province_approver", "commune_editor", "outsider"]
)
def test_every_official_reads_the_year(client, world, loaded, persona):
    client.force_login(world.personas[persona])
    page = client.get(reverse("workcalendar:year", args=[2024])).content.decode()
    assert "Tết Nguyên đán" in page and "04/05/2024" in page and "Ngày làm bù" in page
    assert "Thêm ngày" not in page
    assert client.get(reverse("workcalendar:day_new")).status_code == 403
    assert client.post(reverse("workcalendar:day_create"), {}).status_code == 403
    assert client.get(reverse("workcalendar:day_edit", args=["2024-02-08"])).status_code == 403
    assert (
        client.post(reverse("workcalendar:day_update", args=["2024-02-08"]), {}).status_code == 403
    )
    assert (
        client.post(reverse("workcalendar:day_remove", args=["2024-02-08"]), {}).status_code == 403
    )


def test_the_default_year_and_unloaded_years(client, world, loaded):
    client.force_login(world.commune_editor)
    assert client.get(reverse("workcalendar:year")).status_code == 200
    assert (
        "Chưa nạp lịch nghỉ năm 2031"
        in client.get(reverse("workcalendar:year", args=[2031])).content.decode()
    )
    assert client.get(reverse("workcalendar:year", args=[99999])).status_code == 404


def test_anonymous_users_must_log_in(client, loaded):
    assert client.get(reverse("workcalendar:year")).status_code == 302


def test_an_administrator_adds_edits_and_removes_days(client, world, loaded, admin):
    client.force_login(admin)
    assert "Thêm ngày" in client.get(reverse("workcalendar:year", args=[2024])).content.decode()
    assert client.get(reverse("workcalendar:day_new"), {"ngay": "24/11/2024"}).status_code == 200
    form = {"date": "25/11/2024", "kind": "holiday", "name": "Ngày thử", "confidence": "U"}
    assert client.post(reverse("workcalendar:day_create"), form).status_code == 302
    assert CalendarDay.objects.get(date=D(2024, 11, 25)).name == "Ngày thử"
    bad = client.post(
        reverse("workcalendar:day_create"), {**form, "date": "23/11/2024", "kind": "compensatory"}
    )
    assert (
        bad.status_code == 400
        and "Ngày nghỉ bù phải là ngày làm việc thường" in bad.content.decode()
    )
    missing = client.post(reverse("workcalendar:day_create"), {**form, "date": "", "name": ""})
    assert missing.status_code == 400
    assert (
        "Hãy nhập ngày." in missing.content.decode()
        and "Hãy nhập tên ngày." in missing.content.decode()
    )
    assert client.get(reverse("workcalendar:day_create")).status_code == 405

    url = reverse("workcalendar:day_update", args=["2024-02-08"])
    assert client.get(reverse("workcalendar:day_edit", args=["2024-02-08"])).status_code == 200
    data = {
        "kind": "holiday",
        "name": "Tết Nguyên đán (29 tháng Chạp)",
        "confidence": "V",
        "legal_ref": "Thông báo",
    }
    assert client.post(url, data).status_code == 302
    day = CalendarDay.objects.get(date=D(2024, 2, 8))
    assert (day.name, day.source) == ("Tết Nguyên đán (29 tháng Chạp)", "admin")
    assert AuditEvent.objects.get(verb="workcalendar.update_day").channel == "web"
    assert (
        client.post(
            reverse("workcalendar:day_remove", args=["2024-02-08"]), {"note": "Sai"}
        ).status_code
        == 302
    )
    assert CalendarDay.objects.get(date=D(2024, 2, 8)).removed
    assert (
        "Ngày đã bỏ khỏi lịch"
        in client.get(reverse("workcalendar:year", args=[2024])).content.decode()
    )
    assert client.get(reverse("workcalendar:day_edit", args=["2024-13-01"])).status_code == 404
    assert client.get(reverse("workcalendar:day_edit", args=["2024-03-01"])).status_code == 404


def test_the_django_admin_goes_through_the_actions(client, world, loaded):
    root = UserFactory(username="sieuquantri", is_superuser=True, is_staff=True)
    client.force_login(root)
    day = CalendarDay.objects.get(date=D(2024, 4, 18))
    url = reverse("admin:workcalendar_calendarday_change", args=[day.pk])
    data = {
        "date": "2024-04-18",
        "kind": "holiday",
        "name": "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
        "legal_ref": day.legal_ref,
        "source_url": day.source_url,
        "confidence": "V",
        "note": "",
    }
    assert client.post(url, data).status_code == 302
    day.refresh_from_db()
    assert (day.name, day.source) == ("Giỗ Tổ Hùng Vương (10/3 âm lịch)", "admin")
    assert AuditEvent.objects.filter(verb="workcalendar.update_day", actor=root).exists()
    add = reverse("admin:workcalendar_calendarday_add")
    response = client.post(
        add, {**data, "date": "2024-12-02", "kind": "makeup_workday", "name": "Thử"}
    )
    assert (
        response.status_code == 200 and "Ngày làm bù phải là thứ Bảy" in response.content.decode()
    )
    assert (
        client.post(
            reverse("admin:workcalendar_calendarday_delete", args=[day.pk]), {"post": "yes"}
        ).status_code
        == 302
    )
    day.refresh_from_db()
    assert day.removed
