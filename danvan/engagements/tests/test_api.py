"""/api/v1/engagements over the same actions and permissions: every endpoint, every persona."""

import datetime as dt

import pytest

from danvan.audit.models import AuditEvent, Channel
from danvan.engagements.models import Engagement, HostRole

from .factories import EngagementFactory, reception

API = "/api/v1/engagements"


@pytest.fixture
def rows(world):
    return {
        "a": EngagementFactory(unit=world.commune_a, topic="Tiếp dân về đất đai"),
        "b": EngagementFactory(unit=world.commune_b, topic="Đối thoại xã Bình"),
        "c": EngagementFactory(unit=world.commune_c, topic="Ở tỉnh khác"),
    }


def as_(client, user):
    client.force_login(user)
    return client


def topics(response):
    assert response.status_code == 200, response.content
    return {item["topic"] for item in response.json()["items"]}


def test_anonymous_callers_get_401(client, world):
    assert client.get(API).status_code == 401
    assert client.post(API, {}, content_type="application/json").status_code == 401


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("commune_editor", {"Tiếp dân về đất đai"}),
        ("province_approver", {"Tiếp dân về đất đai", "Đối thoại xã Bình"}),
        ("central_viewer", {"Tiếp dân về đất đai", "Đối thoại xã Bình", "Ở tỉnh khác"}),
        ("outsider", set()),
    ],
)
def test_the_list_is_scoped_by_persona(client, world, rows, persona, expected):
    response = as_(client, getattr(world, persona)).get(API)
    assert topics(response) == expected
    assert response.json()["count"] == len(expected)


def test_list_filters(client, world, rows):
    c = as_(client, world.province_approver)
    assert topics(c.get(API, {"unit": "T1B"})) == {"Đối thoại xã Bình"}
    assert topics(c.get(API, {"q": "dat dai"})) == {"Tiếp dân về đất đai"}
    assert topics(c.get(API, {"start": "2027-01-01"})) == set()
    assert c.get(API, {"unit": "T2C"}).status_code == 404  # outside the caller's scope
    assert c.get(API, {"start": "05/03/2026"}).status_code == 422
    assert c.get(API, {"kind": "hop"}).status_code == 422


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("commune_editor", 200),
        ("province_approver", 200),
        ("sibling_editor", 404),
        ("outsider", 404),
    ],
)
def test_detail_by_persona(client, world, rows, persona, status):
    response = as_(client, getattr(world, persona)).get(f"{API}/{rows['a'].code}")
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert body["unit"] == "T1A" and body["kind_label"] == "Hội nghị tuyên truyền, vận động"


NEW = {
    "unit": "T1A",
    "kind": "reception",
    "reception_type": "regular",
    "host_role": "party_secretary",
    "date": "2026-10-13",
    "topic": "Bí thư Đảng ủy phường tiếp công dân định kỳ",
    "body_kind": "party_committee",
    "attendance": 7,
    "distinct_people": 7,
}


def test_an_editor_creates_a_session(client, world):
    response = as_(client, world.commune_editor).post(API, NEW, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["body"] == "Đảng ủy phường An" and body["meetings"] == 1
    assert body["warnings"] == [] and body["co_organisers"] == []
    assert AuditEvent.objects.get(verb="engagements.create").channel == Channel.API


@pytest.mark.parametrize(
    ("persona", "payload", "status"),
    [
        ("sibling_editor", NEW, 404),  # Phường An is outside Xã Bình's scope
        ("central_viewer", NEW, 403),  # sees it, may not write
        ("commune_editor", {**NEW, "distinct_people": 9}, 400),
        ("commune_editor", {**NEW, "reception_type": None}, 400),
        ("commune_editor", {**NEW, "body_kind": "mass_mobilization"}, 400),
        ("commune_editor", {**NEW, "date": "13/10/2026"}, 422),
        ("commune_editor", {**NEW, "kind": "hop"}, 422),
        ("commune_editor", {**NEW, "attendance": -1}, 422),
        ("commune_editor", {"unit": "T1A"}, 422),
        ("commune_editor", {**NEW, "unit": "KHONG"}, 404),
    ],
)
def test_bad_creates_get_a_4xx_with_a_reason(client, world, persona, payload, status):
    response = as_(client, getattr(world, persona)).post(
        API, payload, content_type="application/json"
    )
    assert response.status_code == status, response.content
    assert response.json()["detail"]
    assert not Engagement.objects.exists()


def test_a_validation_message_is_vietnamese(client, world):
    response = as_(client, world.commune_editor).post(
        API, {**NEW, "distinct_people": 9}, content_type="application/json"
    )
    assert response.json()["detail"] == "Số người (không trùng) không thể lớn hơn số lượt người dự."


def test_patch_changes_only_what_is_sent(client, world, rows):
    url = f"{API}/{rows['a'].code}"
    c = as_(client, world.commune_editor)
    response = c.patch(
        url, {"attendance": 64, "note": "Bổ sung số liệu"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["attendance"] == 64 and response.json()["topic"] == "Tiếp dân về đất đai"
    response = c.patch(url, {"body_kind": "womens_union"}, content_type="application/json")
    assert response.json()["body"] == "Hội Liên hiệp Phụ nữ phường An"
    assert c.patch(url, {"women": 100}, content_type="application/json").status_code == 400
    assert c.patch(url, {"unit": "T1B"}, content_type="application/json").status_code == 404
    assert c.patch(url, {"date": None}, content_type="application/json").status_code == 400
    client.logout()
    assert (
        as_(client, world.sibling_editor)
        .patch(url, {"attendance": 1}, content_type="application/json")
        .status_code
        == 404
    )
    client.logout()
    assert (
        as_(client, world.central_viewer)
        .patch(url, {"attendance": 1}, content_type="application/json")
        .status_code
        == 403
    )


def test_outcome_delete_and_restore(client, world, rows):
    url = f"{API}/{rows['a'].code}"
    c = as_(client, world.commune_editor)
    response = c.post(f"{url}/outcome", {"outcome": "Đã trả lời"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["outcome"] == "Đã trả lời"
    assert (
        c.post(f"{url}/outcome", {"outcome": ""}, content_type="application/json").status_code
        == 400
    )
    assert (
        c.post(f"{url}/delete", {"reason": ""}, content_type="application/json").status_code == 400
    )
    response = c.post(f"{url}/delete", {"reason": "Ghi trùng"}, content_type="application/json")
    assert response.json()["deleted"] is True
    assert topics(c.get(API)) == set()
    assert c.post(f"{url}/restore", content_type="application/json").json()["deleted"] is False
    client.logout()
    assert (
        as_(client, world.sibling_editor)
        .post(f"{url}/delete", {"reason": "x"}, content_type="application/json")
        .status_code
        == 404
    )


def test_compliance_endpoint(client, world):
    reception(world.commune_a, dt.date(2026, 10, 13), HostRole.PARTY_SECRETARY)
    c = as_(client, world.province_approver)
    response = c.get(f"{API}/compliance", {"unit": "T1", "year": 2026, "month": 10})
    assert response.status_code == 200, response.content
    rows = {(r["unit"], r["host_role"]): r for r in response.json()}
    row = rows[("T1A", "party_secretary")]
    assert (row["held"], row["required"], row["status"]) == (1, 2, "short")
    assert (
        row["warning"] == "Bí thư Đảng ủy phường An tiếp dân định kỳ 1/2 ngày trong tháng 10/2026."
    )
    assert c.get(f"{API}/compliance", {"unit": "T1", "year": 2026, "month": 13}).status_code == 422
    assert c.get(f"{API}/compliance", {"unit": "T2", "year": 2026, "month": 10}).status_code == 404
    client.logout()
    assert (
        as_(client, world.outsider)
        .get(f"{API}/compliance", {"unit": "T1A", "year": 2026, "month": 10})
        .status_code
        == 404
    )


def test_counts_endpoint(client, world):
    EngagementFactory(unit=world.commune_a, meetings=12, attendance=640, distinct_people=420)
    c = as_(client, world.commune_editor)
    body = c.get(
        f"{API}/counts", {"unit": "T1A", "start": "2026-01-01", "end": "2026-12-31"}
    ).json()
    assert (body["total"]["meetings"], body["total"]["attendance"]) == (12, 640)
    assert body["total"]["distinct_people"] == 420
    assert body["by_kind"]["mobilization"]["meetings"] == 12
    assert c.get(f"{API}/counts", {"unit": "T1B"}).status_code == 404
    bad = c.get(f"{API}/counts", {"unit": "T1A", "start": "2026-12-31", "end": "2026-01-01"})
    assert bad.status_code == 400


def test_rules_endpoint(client, world):
    body = as_(client, world.outsider).get(f"{API}/rules").json()
    assert {r["code"] for r in body} >= {"QD11-XA-BI-THU", "LTCD-D15-XA-CHU-TICH"}


def test_the_list_costs_the_same_for_2_or_50_rows(client, world, django_assert_max_num_queries):
    c = as_(client, world.province_approver)
    EngagementFactory.create_batch(2, unit=world.commune_a)
    with django_assert_max_num_queries(12) as few:
        assert c.get(API).json()["count"] == 2
    EngagementFactory.create_batch(48, unit=world.commune_b)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert c.get(API, {"limit": 100}).json()["count"] == 50
