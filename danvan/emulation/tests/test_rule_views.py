import datetime as dt

import pytest
from django.urls import reverse

from danvan.accounts.models import Role, RoleGrant
from danvan.emulation.models import EligibilityRule
from danvan.people.tests.factories import PersonFactory, PositionFactory
from danvan.units.models import Body


@pytest.fixture
def admin(world):
    RoleGrant.objects.create(user=world.central_viewer, unit=world.nation, role=Role.ADMIN)
    return world.central_viewer


@pytest.fixture
def example(db):
    return EligibilityRule.objects.filter(
        is_example=True, predicate="years_in_post_by_gender"
    ).first()


def test_rule_list_for_emulation_users(client, world, example):
    client.force_login(world.commune_editor)
    page = client.get(reverse("emulation:rule_list"))
    assert page.status_code == 200 and "chưa xác minh" in page.text and example.name in page.text
    assert "Thêm điều kiện" not in page.text
    client.force_login(world.outsider)
    assert client.get(reverse("emulation:rule_list")).status_code == 403


def test_rule_page_read_only_for_non_admins(client, world, example):
    client.force_login(world.province_approver)
    page = client.get(reverse("emulation:rule_edit", args=[example.code]))
    assert page.status_code == 200 and "Bật áp dụng" not in page.text
    assert (
        client.post(
            reverse("emulation:rule_enable", args=[example.code]), {"enabled": "on", "note": "x"}
        ).status_code
        == 403
    )
    assert client.get(reverse("emulation:rule_new")).status_code == 403


def test_admin_creates_edits_and_enables(client, admin, example):
    client.force_login(admin)
    assert client.get(reverse("emulation:rule_new")).status_code == 200
    response = client.post(
        reverse("emulation:rule_create"),
        {
            "award_form": "medal_dan_van",
            "name": "Đang giữ chức Trưởng Ban",
            "predicate": "holds_post_title",
            "group": "alternative",
            "params": '{"title_contains": ["Trưởng Ban Dân vận"]}',
            "confidence": "S",
        },
    )
    rule = EligibilityRule.objects.get(name="Đang giữ chức Trưởng Ban")
    assert response.status_code == 302 and not rule.enabled
    bad = client.post(
        reverse("emulation:rule_update", args=[rule.code]),
        {
            "award_form": "medal_dan_van",
            "name": "X",
            "predicate": "holds_post_title",
            "group": "required",
            "params": "{oops",
            "confidence": "S",
        },
    )
    assert bad.status_code == 400 and "JSON hợp lệ" in bad.text
    wrong = client.post(
        reverse("emulation:rule_update", args=[rule.code]),
        {
            "award_form": "medal_dan_van",
            "name": "X",
            "predicate": "years_in_post",
            "group": "required",
            "params": '{"years": "mười"}',
            "confidence": "S",
        },
    )
    assert wrong.status_code == 400 and "Tham số không hợp lệ" in wrong.text
    refused = client.post(reverse("emulation:rule_enable", args=[example.code]), {"enabled": "on"})
    assert refused.status_code == 400 and "chưa xác minh" in refused.text
    ok = client.post(
        reverse("emulation:rule_enable", args=[example.code]),
        {"enabled": "on", "note": "Theo QĐ tỉnh"},
    )
    assert ok.status_code == 302
    example.refresh_from_db()
    assert example.enabled
    client.post(reverse("emulation:rule_enable", args=[example.code]), {"note": "tắt"})
    example.refresh_from_db()
    assert not example.enabled


def test_candidates_page(client, world, admin):
    for rule in EligibilityRule.objects.filter(award_form="medal_dan_van", is_example=True):
        rule.enabled = True
        rule.save()
    body = Body.objects.filter(unit=world.commune_a).first()
    person = PersonFactory(full_name="Trần Thị Dân Vận", gender="female")
    PositionFactory(
        person=person,
        unit=world.commune_a,
        body=body,
        title="Trưởng khối dân vận phường",
        valid_from=dt.date(2012, 1, 1),
    )
    client.force_login(world.commune_editor)
    empty = client.get(reverse("emulation:candidates"))
    assert empty.status_code == 200 and "Xem danh sách" in empty.text
    page = client.get(
        reverse("emulation:candidates"),
        {"hinh-thuc": "medal_dan_van", "don-vi": "T1A", "ngay": "31/12/2025"},
    )
    assert page.status_code == 200 and "Trần Thị Dân Vận" in page.text
    none = client.get(reverse("emulation:candidates"), {"hinh-thuc": "merit", "don-vi": "T1A"})
    assert "Chưa có điều kiện nào đang áp dụng" in none.text
    bad = client.get(reverse("emulation:candidates"), {"hinh-thuc": "x", "don-vi": "ZZZ"})
    assert bad.status_code == 400 and "Không có đơn vị mã" in bad.text
    assert (
        client.get(
            reverse("emulation:candidates"), {"hinh-thuc": "medal_dan_van", "don-vi": "T1B"}
        ).status_code
        == 404
    )
    client.force_login(world.outsider)
    assert client.get(reverse("emulation:candidates")).status_code == 403
