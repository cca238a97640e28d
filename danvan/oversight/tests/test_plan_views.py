"""Every plan page for every persona: who sees what, who changes what, and the 400s."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.accounts.permissions import SYSTEM
from danvan.audit.models import AuditEvent
from danvan.oversight import actions
from danvan.oversight.models import OversightPlan, PlanConflict
from danvan.oversight.states import Status
from danvan.units.models import BodyKind

from .factories import body, plan

D = dt.date


@pytest.fixture
def plans(world):
    return {
        "a": plan(
            world.commune_a,
            world.commune_a,
            D(2026, 5, 20),
            title="Tập huấn dân chủ ở cơ sở cho tổ dân phố",
            kind="training",
        ),
        "p": plan(
            body(world.province, BodyKind.MASS_MOBILIZATION),
            world.commune_a,
            D(2026, 5, 11),
            D(2026, 5, 13),
        ),
        "b": plan(
            world.commune_b,
            world.commune_b,
            D(2026, 5, 11),
            title="Kiểm tra công tác dân vận chính quyền xã Bình",
            topics=("dvcq",),
        ),
    }


def login(client, user):
    client.force_login(user)
    return client


VISIBLE = {
    "central_viewer": {"a", "p", "b"},
    "province_approver": {"a", "p", "b"},
    "commune_editor": {"a", "p"},  # its own plan and the province's plan on its commune
    "sibling_editor": {"b"},
    "other_editor": set(),
    "outsider": set(),
}
EDITABLE = {
    "central_viewer": set(),
    "province_approver": {"a", "p", "b"},
    "commune_editor": {"a"},
    "sibling_editor": {"b"},
    "other_editor": set(),
    "outsider": set(),
}


@pytest.mark.parametrize("persona", list(VISIBLE))
def test_list_shows_each_persona_its_plans(client, world, plans, persona):
    response = login(client, getattr(world, persona)).get(reverse("oversight:list"))
    if persona == "outsider":
        assert response.status_code == 403
        assert "chưa được giao vai trò" in response.content.decode()
        return
    assert response.status_code == 200
    shown = {
        k
        for k, p in plans.items()
        if reverse("oversight:detail", args=[p.code]) in response.content.decode()
    }
    assert shown == VISIBLE[persona]


@pytest.mark.parametrize("persona", list(VISIBLE))
def test_detail_is_visible_or_missing(client, world, plans, persona):
    login(client, getattr(world, persona))
    for key, p in plans.items():
        response = client.get(reverse("oversight:detail", args=[p.code]))
        assert response.status_code == (200 if key in VISIBLE[persona] else 404), (persona, key)


@pytest.mark.parametrize("persona", list(VISIBLE))
def test_edit_page_only_for_the_inspecting_side(client, world, plans, persona):
    login(client, getattr(world, persona))
    for key, p in plans.items():
        response = client.get(reverse("oversight:edit", args=[p.code]))
        expected = 200 if key in EDITABLE[persona] else 403 if key in VISIBLE[persona] else 404
        assert response.status_code == expected, (persona, key)


def test_list_filters_and_htmx_partial(client, world, plans):
    login(client, world.province_approver)
    url = reverse("oversight:list")
    r = client.get(url, {"don-vi": "T1B"})
    assert reverse("oversight:detail", args=[plans["b"].code]) in r.content.decode()
    assert reverse("oversight:detail", args=[plans["a"].code]) not in r.content.decode()
    r = client.get(url, {"q": "tap huan"}, headers={"HX-Request": "true"})
    body_text = r.content.decode()
    assert (
        "<html" not in body_text
        and plans["a"].title in body_text
        and plans["b"].title not in body_text
    )
    assert r["Vary"] and "HX-Request" in r["Vary"]
    r = client.get(url, {"trung-lap": "chua-xac-nhan"})
    assert plans["a"].title in r.content.decode() and plans["b"].title not in r.content.decode()
    r = client.get(
        url,
        {
            "loai": "training",
            "trang-thai": "planned",
            "chu-de": "qcdc",
            "tu": "01/05/2026",
            "den": "31/05/2026",
        },
    )
    assert r.status_code == 200 and plans["a"].title in r.content.decode()


def test_list_filter_errors_are_explained(client, world, plans):
    login(client, world.commune_editor)
    r = client.get(reverse("oversight:list"), {"don-vi": "T2C", "tu": "31/02/2026"})
    text = r.content.decode()
    assert r.status_code == 200
    assert "Không tìm thấy đơn vị này trong phạm vi bạn được xem." in text
    assert "Ngày không hợp lệ" in text


def _make(n, world, first=0):
    for i in range(first, first + n):
        plan(
            world.commune_a,
            world.commune_a,
            D(2026, 1, 5) + dt.timedelta(days=i),
            title=f"Kế hoạch số {i}",
            topics=(),
            external_id=f"k{i}",
        )


def test_list_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    login(client, world.province_approver)
    _make(2, world)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("oversight:list"))
    _make(48, world, first=2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        r = client.get(reverse("oversight:list"))
    assert r.content.decode().count("Kế hoạch số") == 50


def form_data(**over):
    data = {
        "kind": "party_inspection",
        "title": "Kiểm tra thực hiện dân chủ ở cơ sở",
        "unit": "T1A",
        "body_kind": BodyKind.PARTY_COMMITTEE,
        "subject_unit": "T1A",
        "subject_body_kind": "",
        "topics": ["qcdc"],
        "topic_text": "",
        "window_start": "18/05/2026",
        "window_end": "19/05/2026",
        "notice_sent_on": "",
        "team": "",
        "findings": "",
        "recommendations": "",
        "external_id": "",
        "note": "",
    }
    data.update(over)
    return data


def test_new_form_for_editors_only(client, world):
    assert login(client, world.commune_editor).get(reverse("oversight:new")).status_code == 200
    assert login(client, world.central_viewer).get(reverse("oversight:new")).status_code == 403
    assert login(client, world.outsider).get(reverse("oversight:new")).status_code == 403


def test_create_records_the_plan_and_warns_about_conflicts(client, world, plans):
    login(client, world.commune_editor)
    r = client.post(reverse("oversight:create"), form_data(), follow=True)
    assert r.status_code == 200
    created = OversightPlan.objects.get(
        title="Kiểm tra thực hiện dân chủ ở cơ sở", unit=world.commune_a
    )
    assert r.redirect_chain[-1][0] == reverse("oversight:detail", args=[created.code])
    text = r.content.decode()
    assert "trùng với 2 kế hoạch khác" in text
    assert "Trùng lặp với kế hoạch khác" in text and plans["p"].title in text
    assert AuditEvent.objects.filter(verb="oversight.create", target_id=str(created.pk)).exists()


@pytest.mark.parametrize(
    ("over", "field_message"),
    [
        ({"window_end": "01/05/2026"}, "Ngày kết thúc phải trùng hoặc sau ngày bắt đầu."),
        ({"window_start": "32/05/2026"}, "Ngày không hợp lệ (dùng dạng dd/mm/yyyy)."),
        ({"title": ""}, "Bắt buộc nhập."),
        ({"unit": "khong-co"}, "Không tìm thấy đơn vị này"),
        ({"subject_body_kind": BodyKind.MASS_MOBILIZATION}, "không có Ban Dân vận"),
        ({"subject_unit": "T1A0@2025-06-30"}, "không còn tồn tại vào ngày 18/05/2026"),
    ],
)
def test_create_rejects_bad_input_with_400(client, world, over, field_message):
    login(client, world.commune_editor)
    r = client.post(reverse("oversight:create"), form_data(**over))
    assert r.status_code == 400
    assert field_message in r.content.decode()
    assert not OversightPlan.objects.exists()


def test_create_for_a_unit_outside_ones_scope_is_forbidden(client, world):
    login(client, world.commune_editor)
    r = client.post(reverse("oversight:create"), form_data(unit="T1B"))
    assert r.status_code == 403
    assert not OversightPlan.objects.exists()


def test_create_is_post_only(client, world):
    login(client, world.commune_editor)
    assert client.get(reverse("oversight:create")).status_code == 405


def test_update_changes_and_audits(client, world, plans):
    p = plans["a"]
    login(client, world.commune_editor)
    r = client.post(
        reverse("oversight:update", args=[p.code]),
        form_data(
            title="Tập huấn kỹ năng tiếp công dân",
            topics=["kntc"],
            kind="training",
            window_start="20/05/2026",
            window_end="20/05/2026",
        ),
    )
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.title == "Tập huấn kỹ năng tiếp công dân" and p.topic_list == ["kntc"]
    assert PlanConflict.objects.open().filter(plan=p).count() == 0
    event = AuditEvent.objects.filter(verb="oversight.update", target_id=str(p.pk)).get()
    assert (
        event.data["changes"]["Tên cuộc kiểm tra, giám sát"][1] == "Tập huấn kỹ năng tiếp công dân"
    )


def test_update_by_the_subject_side_is_forbidden(client, world, plans):
    login(client, world.commune_editor)
    r = client.post(reverse("oversight:update", args=[plans["p"].code]), form_data())
    assert r.status_code == 403
    login(client, world.sibling_editor)
    assert (
        client.post(reverse("oversight:update", args=[plans["a"].code]), form_data()).status_code
        == 404
    )


def test_update_with_errors_returns_400(client, world, plans):
    login(client, world.commune_editor)
    r = client.post(reverse("oversight:update", args=[plans["a"].code]), form_data(kind=""))
    assert r.status_code == 400 and "Bắt buộc nhập." in r.content.decode()


def test_move_clears_conflicts_from_the_page(client, world, plans):
    p = plans["a"]
    login(client, world.commune_editor)
    r = client.post(
        reverse("oversight:move", args=[p.code]),
        {"window_start": "06/07/2026", "window_end": "07/07/2026", "note": "Lùi sang quý III"},
    )
    assert r.status_code == 302
    assert PlanConflict.objects.open().filter(plan=p).count() == 0
    r = client.post(
        reverse("oversight:move", args=[p.code]),
        {"window_start": "07/07/2026", "window_end": "01/07/2026"},
    )
    assert (
        r.status_code == 400
        and "Ngày kết thúc phải trùng hoặc sau ngày bắt đầu." in r.content.decode()
    )
    login(client, world.central_viewer)
    assert (
        client.post(
            reverse("oversight:move", args=[p.code]),
            {"window_start": "06/07/2026", "window_end": "07/07/2026"},
        ).status_code
        == 403
    )
    login(client, world.sibling_editor)
    assert (
        client.post(
            reverse("oversight:move", args=[p.code]),
            {"window_start": "06/07/2026", "window_end": "07/07/2026"},
        ).status_code
        == 404
    )


def test_notify_is_blocked_until_acknowledged(client, world, plans):
    p = plans["a"]
    login(client, world.commune_editor)
    url = reverse("oversight:transition", args=[p.code])
    r = client.post(url, {"to": "notified", "on_date": "04/05/2026"})
    assert r.status_code == 400
    assert "chưa được xác nhận" in r.content.decode()
    conflict = PlanConflict.objects.open().get(plan=p)
    ack = reverse("oversight:acknowledge", args=[p.code, conflict.pk])
    r = client.post(ack, {"note": ""})
    assert r.status_code == 400 and "Hãy ghi ý kiến" in r.content.decode()
    assert (
        client.post(
            ack, {"note": "Đã lồng ghép với đoàn Ban Tuyên giáo và Dân vận tỉnh."}
        ).status_code
        == 302
    )
    assert client.post(url, {"to": "notified", "on_date": "04/05/2026"}).status_code == 302
    p.refresh_from_db()
    assert p.status == Status.NOTIFIED and p.transitions.count() == 2
    r = client.post(url, {"to": "planned"})
    assert r.status_code == 400 and "Không thể chuyển" in r.content.decode()


def test_acknowledge_permissions(client, world, plans):
    p = plans["p"]
    conflict = PlanConflict.objects.open().get(plan=p)
    url = reverse("oversight:acknowledge", args=[p.code, conflict.pk])
    login(client, world.commune_editor)  # sees the province's plan, cannot act for it
    assert client.post(url, {"note": "x"}).status_code == 403
    login(client, world.sibling_editor)
    assert client.post(url, {"note": "x"}).status_code == 404
    login(client, world.province_approver)
    other = PlanConflict.objects.open().get(plan=plans["a"])
    assert (
        client.post(
            reverse("oversight:acknowledge", args=[p.code, other.pk]), {"note": "x"}
        ).status_code
        == 404
    )
    assert client.post(url, {"note": "Đã phối hợp"}).status_code == 302


def test_detail_shows_conflicts_notice_and_history(client, world):
    ttnd = plan(
        body(world.commune_a, BodyKind.FATHERLAND_FRONT),
        body(world.commune_a, BodyKind.PEOPLES_COMMITTEE),
        D(2026, 3, 16),
        kind="ttnd_inspection",
        title="Kiểm tra công khai ngân sách",
        topics=("dau_tu",),
        notice_sent_on=D(2026, 3, 10),
    )
    login(client, world.commune_editor)
    text = client.get(reverse("oversight:detail", args=[ttnd.code])).content.decode()
    assert "muộn hơn hạn 09/03/2026" in text
    assert "Lịch sử thay đổi" in text and "Lập kế hoạch kiểm tra, giám sát" in text


@pytest.mark.parametrize("persona", list(VISIBLE))
def test_calendars(client, world, plans, persona):
    login(client, getattr(world, persona))
    r = client.get(reverse("oversight:calendar"))
    assert r.status_code == (403 if persona == "outsider" else 200)
    r = client.get(reverse("oversight:calendar_unit", args=["T1A"]), {"quy": "2026-2"})
    if persona in {"central_viewer", "province_approver", "commune_editor"}:
        assert r.status_code == 200
        text = r.content.decode()
        assert plans["p"].title in text and plans["a"].title in text
        assert "ov-chip--conflict" in text and "Quý II/2026" in text
    else:
        assert r.status_code == 404
    inspecting = plans["p"].body
    r = client.get(reverse("oversight:calendar_body", args=[inspecting.pk]), {"thang": "2026-05"})
    if persona in {"central_viewer", "province_approver"}:
        assert (
            r.status_code == 200
            and plans["p"].title in r.content.decode()
            and "Tháng 5/2026" in r.content.decode()
        )
    else:
        assert r.status_code == 404


def test_calendar_index_redirects_to_a_unit(client, world):
    login(client, world.commune_editor)
    r = client.get(reverse("oversight:calendar"), {"don-vi": "T1A"})
    assert r.status_code == 302 and r["Location"] == reverse(
        "oversight:calendar_unit", args=["T1A"]
    )
    r = client.get(reverse("oversight:calendar"), {"don-vi": "không có"})
    assert r.status_code == 200 and "Không tìm thấy đơn vị này." in r.content.decode()


def test_calendar_bad_month_falls_back(client, world, plans):
    login(client, world.commune_editor)
    r = client.get(reverse("oversight:calendar_unit", args=["T1A"]), {"thang": "2026-13"})
    assert r.status_code == 200


def test_unit_options(client, world):
    login(client, world.commune_editor)
    r = client.get(reverse("oversight:unit_options"), {"q": "an"})
    assert r.status_code == 200 and 'value="T1A"' in r.content.decode()


def test_mutations_refuse_get(client, world, plans):
    login(client, world.province_approver)
    p = plans["a"]
    for name in ("update", "move", "transition"):
        assert client.get(reverse(f"oversight:{name}", args=[p.code])).status_code == 405
    conflict = PlanConflict.objects.open().filter(plan=p).first()
    assert (
        client.get(reverse("oversight:acknowledge", args=[p.code, conflict.pk])).status_code == 405
    )


def test_cancelled_plan_shows_no_edit_forms(client, world, plans):
    p = actions.transition_plan(plans["a"], by=SYSTEM, to=Status.CANCELLED)
    login(client, world.commune_editor)
    text = client.get(reverse("oversight:detail", args=[p.code])).content.decode()
    assert "Đổi thời gian</button>" not in text and "Đã hủy" in text
