"""Every page as each persona sees it: lists, detail, forms, compliance, rules."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.accounts.models import Role, RoleGrant
from danvan.audit.models import AuditEvent, Channel
from danvan.engagements import actions
from danvan.engagements.models import Engagement, EngagementKind, HostRole, ReceptionRule

from .factories import EngagementFactory, reception

LIST = reverse("engagements:list")


@pytest.fixture
def rows(world):
    return {
        "a": EngagementFactory(unit=world.commune_a, topic="Tiếp dân về đất đai khu 5"),
        "b": EngagementFactory(unit=world.commune_b, topic="Đối thoại với Nhân dân xã Bình"),
        "c": EngagementFactory(unit=world.commune_c, topic="Hội nghị ở tỉnh khác"),
        "old": EngagementFactory(
            unit=world.old_commune_a, date=dt.date(2024, 4, 2), topic="Họp khu phố năm 2024"
        ),
    }


def topics(response):
    return {e.topic for e in response.context["page"].object_list}


def login(client, user):
    client.force_login(user)
    return client


# ---------------------------------------------------------------- list


def test_the_commune_editor_lists_only_its_subtree_and_predecessors(client, world, rows):
    response = login(client, world.commune_editor).get(LIST)
    assert response.status_code == 200
    assert topics(response) == {"Tiếp dân về đất đai khu 5", "Họp khu phố năm 2024"}


def test_the_province_approver_sees_its_communes(client, world, rows):
    response = login(client, world.province_approver).get(LIST)
    assert topics(response) == {
        "Tiếp dân về đất đai khu 5",
        "Đối thoại với Nhân dân xã Bình",
        "Họp khu phố năm 2024",
    }


def test_the_central_viewer_sees_everything_and_the_outsider_nothing(client, world, rows):
    assert len(topics(login(client, world.central_viewer).get(LIST))) == 4
    client.logout()
    response = login(client, world.outsider).get(LIST)
    assert response.status_code == 403
    assert "chưa được giao vai trò" in response.content.decode()


def test_anonymous_visitors_are_sent_to_login(client, world):
    response = client.get(LIST)
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_filters_unit_period_kind_and_search_without_diacritics(client, world, rows):
    c = login(client, world.province_approver)
    assert topics(c.get(LIST, {"don-vi": "T1B"})) == {"Đối thoại với Nhân dân xã Bình"}
    assert topics(c.get(LIST, {"tu-ngay": "01/01/2026", "den-ngay": "31/12/2026"})) == {
        "Tiếp dân về đất đai khu 5",
        "Đối thoại với Nhân dân xã Bình",
    }
    assert topics(c.get(LIST, {"q": "DAT DAI"})) == {"Tiếp dân về đất đai khu 5"}
    assert topics(c.get(LIST, {"q": "doi thoai binh"})) == {"Đối thoại với Nhân dân xã Bình"}
    reception(world.commune_a, dt.date(2026, 3, 3), HostRole.COMMITTEE_CHAIR, topic="Tiếp định kỳ")
    assert topics(c.get(LIST, {"loai": "reception", "vai-tro": "committee_chair"})) == {
        "Tiếp định kỳ"
    }


def test_a_bad_filter_is_explained_not_an_error(client, world, rows):
    c = login(client, world.commune_editor)
    response = c.get(LIST, {"tu-ngay": "31/02/2026", "don-vi": "T2C"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ngày không hợp lệ (dùng dạng dd/mm/yyyy)." in page
    assert "Bạn không có quyền tại Xã Cường." in page
    assert topics(response) == set()


def test_htmx_gets_only_the_rows(client, world, rows):
    response = login(client, world.commune_editor).get(LIST, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "Tiếp dân về đất đai khu 5" in body
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_the_list_totals_meetings_and_attendance(client, world):
    EngagementFactory(unit=world.commune_a, meetings=12, attendance=640)
    EngagementFactory(unit=world.commune_a, meetings=1, attendance=16745)
    response = login(client, world.commune_editor).get(LIST)
    assert response.context["totals"] == {"rows": 2, "meetings": 13, "attendance": 17385}
    assert "17.385" in response.content.decode()


def test_the_list_costs_the_same_for_2_or_50_rows(client, world, django_assert_max_num_queries):
    c = login(client, world.province_approver)
    EngagementFactory.create_batch(2, unit=world.commune_a)
    with django_assert_max_num_queries(16) as few:
        c.get(LIST)
    EngagementFactory.create_batch(48, unit=world.commune_b)
    with django_assert_max_num_queries(len(few.captured_queries)):
        c.get(LIST)


# ---------------------------------------------------------------- detail


def test_detail_shows_the_record_and_its_history(client, world):
    e = actions.create_engagement(
        by=world.commune_editor,
        unit=world.commune_a,
        kind=EngagementKind.DIALOGUE,
        date=dt.date(2026, 3, 5),
        topic="Đối thoại về chỉnh trang đô thị",
        attendance=17385,
        meetings=305,
    )
    response = login(client, world.commune_editor).get(e.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Đối thoại về chỉnh trang đô thị" in page and "17.385" in page
    assert "Lịch sử thay đổi" in page and "Ghi nhận hoạt động" in page
    assert "không có số liệu" in page  # no distinct-people figure
    assert reverse("engagements:edit", args=[e.code]) in page


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("commune_editor", 200),
        ("province_approver", 200),
        ("central_viewer", 200),
        ("sibling_editor", 404),
        ("outsider", 404),
    ],
)
def test_detail_by_persona(client, world, rows, persona, status):
    response = login(client, getattr(world, persona)).get(rows["a"].get_absolute_url())
    assert response.status_code == status


def test_detail_without_edit_rights_offers_no_forms(client, world, rows):
    page = login(client, world.central_viewer).get(rows["a"].get_absolute_url()).content.decode()
    assert "Ghi kết quả" not in page and "Xóa hoạt động" not in page


def test_detail_of_a_missing_code_is_404(client, world):
    response = login(client, world.commune_editor).get(
        reverse("engagements:detail", args=["00000000-0000-0000-0000-000000000000"])
    )
    assert response.status_code == 404


# ---------------------------------------------------------------- create and edit

GOOD = {
    "unit": "T1A",
    "kind": "dialogue",
    "date": "05/03/2026",
    "meetings": "1",
    "topic": "Đối thoại về thu gom rác",
    "body_kind": "peoples_committee",
    "co_organiser_kinds": ["fatherland_front"],
    "host_name": "Trần Quang Minh",
    "host_role": "committee_chair",
    "attendance": "150",
    "women": "70",
}


def test_the_new_form_opens_for_editors_only(client, world):
    assert login(client, world.commune_editor).get(reverse("engagements:new")).status_code == 200
    client.logout()
    assert login(client, world.central_viewer).get(reverse("engagements:new")).status_code == 403
    client.logout()
    assert login(client, world.outsider).get(reverse("engagements:new")).status_code == 403


def test_an_editor_creates_a_dialogue_from_the_form(client, world):
    response = login(client, world.commune_editor).post(reverse("engagements:create"), GOOD)
    e = Engagement.objects.get()
    assert response.status_code == 302 and response["Location"] == e.get_absolute_url()
    assert e.body.name == "Ủy ban nhân dân phường An"
    assert [b.name for b in e.co_organisers.all()] == ["Ủy ban Mặt trận Tổ quốc Việt Nam phường An"]
    assert (e.date, e.attendance, e.women) == (dt.date(2026, 3, 5), 150, 70)
    assert AuditEvent.objects.get(verb="engagements.create").channel == Channel.WEB


def test_create_refuses_get(client, world):
    assert login(client, world.commune_editor).get(reverse("engagements:create")).status_code == 405


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date": "32/13/2026"}, "Ngày không hợp lệ (dùng dạng dd/mm/yyyy)."),
        ({"topic": ""}, "Hãy ghi chủ đề, nội dung."),
        ({"kind": ""}, "Hãy chọn loại hoạt động."),
        ({"women": "151"}, "Số nữ không thể lớn hơn số lượt người dự."),
        ({"attendance": "-3"}, "Không được là số âm."),
        ({"unit": "T1B"}, "Bạn không có quyền tại Xã Bình."),
        ({"unit": "KHONG"}, "Không có đơn vị mã “KHONG”."),
        ({"body_kind": "mass_mobilization"}, "Phường An không có Ban Dân vận"),
        ({"kind": "reception"}, "Buổi tiếp công dân phải ghi hình thức: định kỳ hay đột xuất."),
        ({"date": "05/03/2024"}, "Phường An không tồn tại vào ngày 05/03/2024"),
    ],
)
def test_bad_input_gets_a_400_with_a_vietnamese_reason(client, world, changes, message):
    response = login(client, world.commune_editor).post(
        reverse("engagements:create"), {**GOOD, **changes}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Engagement.objects.exists()


def test_a_warning_is_shown_after_saving_an_outlier(client, world):
    response = login(client, world.commune_editor).post(
        reverse("engagements:create"), {**GOOD, "attendance": "4800", "women": ""}, follow=True
    )
    assert "Bình quân 4.800 lượt người mỗi cuộc" in response.content.decode()


def test_edit_and_update_by_persona(client, world, rows):
    e = rows["a"]
    edit, update = (reverse(f"engagements:{n}", args=[e.code]) for n in ("edit", "update"))
    c = login(client, world.commune_editor)
    assert c.get(edit).status_code == 200
    response = c.post(update, {**GOOD, "topic": "Đã sửa chủ đề"})
    assert response.status_code == 302
    e.refresh_from_db()
    assert e.topic == "Đã sửa chủ đề"
    assert c.post(update, {**GOOD, "topic": ""}).status_code == 400
    client.logout()
    assert login(client, world.sibling_editor).get(edit).status_code == 404
    assert client.post(update, GOOD).status_code == 404
    client.logout()
    assert login(client, world.central_viewer).get(edit).status_code == 403
    assert client.post(update, GOOD).status_code == 403


def test_recording_the_outcome_from_the_detail_page(client, world, rows):
    url = reverse("engagements:record_outcome", args=[rows["a"].code])
    c = login(client, world.commune_editor)
    response = c.post(url, {"outcome": "", "outcome_on": ""})
    assert response.status_code == 400
    assert "Hãy ghi kết quả, nội dung trả lời." in response.content.decode()
    response = c.post(url, {"outcome": "Đã trả lời tại buổi tiếp", "outcome_on": "10/03/2026"})
    assert response.status_code == 302
    rows["a"].refresh_from_db()
    assert rows["a"].outcome_on == dt.date(2026, 3, 10)
    client.logout()
    assert login(client, world.sibling_editor).post(url, {"outcome": "x"}).status_code == 404


def test_delete_and_restore_from_the_detail_page(client, world, rows):
    e = rows["a"]
    c = login(client, world.commune_editor)
    delete = reverse("engagements:delete", args=[e.code])
    assert c.post(delete, {"reason": ""}).status_code == 400
    assert c.post(delete, {"reason": "Ghi trùng"})["Location"] == LIST
    assert "Tiếp dân về đất đai khu 5" not in topics(c.get(LIST))
    page = c.get(e.get_absolute_url()).content.decode()
    assert "Đã xóa lúc" in page and "Ghi trùng" in page
    c.post(reverse("engagements:restore", args=[e.code]))
    assert "Tiếp dân về đất đai khu 5" in topics(c.get(LIST))
    client.logout()
    assert login(client, world.sibling_editor).post(delete, {"reason": "x"}).status_code == 404


# ---------------------------------------------------------------- compliance

COMPLIANCE = reverse("engagements:compliance")


def test_the_compliance_page_warns_about_short_months(client, world):
    reception(world.commune_a, dt.date(2026, 10, 13), HostRole.PARTY_SECRETARY)
    response = login(client, world.province_approver).get(
        COMPLIANCE, {"don-vi": "T1", "thang": "10/2026"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bí thư Đảng ủy phường An tiếp dân định kỳ 1/2 ngày trong tháng 10/2026." in page
    assert "Chưa có số liệu" in page  # Xã Bình has no reception records


def test_the_compliance_page_defaults_to_the_users_unit(client, world):
    response = login(client, world.commune_editor).get(COMPLIANCE)
    assert response.status_code == 200 and response.context["unit"] == world.commune_a


@pytest.mark.parametrize(
    ("persona", "params", "status", "text"),
    [
        ("sibling_editor", {"don-vi": "T1A"}, 400, "Bạn không có quyền tại Phường An."),
        ("commune_editor", {"thang": "13/2026"}, 400, "Tháng không hợp lệ"),
        ("outsider", {}, 403, "chưa được giao vai trò"),
        ("central_viewer", {"don-vi": "T1A", "thang": "10/2026"}, 200, "Phường An"),
    ],
)
def test_compliance_by_persona(client, world, persona, params, status, text):
    response = login(client, getattr(world, persona)).get(COMPLIANCE, params)
    assert response.status_code == status
    assert text in response.content.decode()


def test_only_shortfalls_on_request(client, world):
    reception(world.commune_a, dt.date(2026, 10, 13), HostRole.PARTY_SECRETARY)
    response = login(client, world.province_approver).get(
        COMPLIANCE, {"don-vi": "T1", "thang": "10/2026", "chua-dat": "on"}
    )
    assert {r.status for r in response.context["page"].object_list} == {"short"}


# ---------------------------------------------------------------- rules


def test_everyone_signed_in_reads_the_rules(client, world):
    page = login(client, world.outsider).get(reverse("engagements:rules")).content.decode()
    assert "Quy định 11-QĐi/TW" in page and "ít nhất 1 ngày/tuần" in page
    assert reverse("engagements:rule_new") not in page


def test_only_administrators_edit_rules(client, world):
    rule = ReceptionRule.objects.get(code="QD11-XA-BI-THU")
    edit = reverse("engagements:rule_edit", args=[rule.pk])
    update = reverse("engagements:rule_update", args=[rule.pk])
    c = login(client, world.province_approver)
    assert c.get(edit).status_code == 403
    assert c.post(update, {}).status_code == 403
    assert c.get(reverse("engagements:rule_new")).status_code == 403
    RoleGrant.objects.create(user=world.central_viewer, unit=world.nation, role=Role.ADMIN)
    client.logout()
    c = login(client, world.central_viewer)
    assert c.get(edit).status_code == 200
    data = {
        "code": rule.code,
        "host_role": rule.host_role,
        "level": rule.level,
        "min_days": "2",
        "per": "month",
        "legal_basis": rule.legal_basis,
        "source_url": rule.source_url,
        "confidence": "V",
        "valid_from": "18/02/2019",
        "valid_to": "",
        "note": "Đối chiếu lại với văn bản gốc",
    }
    assert c.post(update, data).status_code == 302
    rule.refresh_from_db()
    assert rule.note == "Đối chiếu lại với văn bản gốc"
    response = c.post(update, {**data, "min_days": "40"})
    assert response.status_code == 400
    response = c.post(reverse("engagements:rule_create"), {**data, "code": "MOI"})
    assert response.status_code == 400
    assert "Trùng thời gian hiệu lực" in response.content.decode()
