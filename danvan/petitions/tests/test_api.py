"""/api/v1/petitions and /api/v1/deadlines for every persona, and their 4xx."""

import datetime as dt

import pytest

from danvan.accounts.permissions import SYSTEM
from danvan.audit.models import AuditEvent
from danvan.petitions import actions
from danvan.petitions.models import Kind, Petition

from .factories import receive
from .test_pages import VISIBLE

D = dt.date
API = "/api/v1/petitions"


@pytest.fixture
def records(tables, world):  # type: ignore[no-untyped-def]
    return {
        "a": receive(world.commune_a, received_on=D(2025, 9, 1), summary="Đơn ở Phường An"),
        "a_old": receive(world.old_commune_a, received_on=D(2024, 5, 6), summary="Đơn ở Xã An Cũ"),
        "b": receive(world.commune_b, received_on=D(2025, 9, 2), summary="Đơn ở Xã Bình"),
        "c": receive(world.commune_c, received_on=D(2025, 9, 3), summary="Đơn ở Xã Cường"),
    }


def keys(body, records):  # type: ignore[no-untyped-def]
    codes = {item["code"] for item in body["items"]}
    return {k for k, p in records.items() if str(p.code) in codes}


@pytest.mark.parametrize("persona", sorted(VISIBLE))
def test_list_shows_exactly_the_subtree(client, world, records, persona):
    client.force_login(world.personas[persona])
    body = client.get(API).json()
    assert keys(body, records) == VISIBLE[persona]
    assert body["count"] == len(VISIBLE[persona])


@pytest.mark.parametrize("persona", sorted(VISIBLE))
def test_detail_hides_other_units(client, world, records, persona):
    client.force_login(world.personas[persona])
    for key, p in records.items():
        response = client.get(f"{API}/{p.code}")
        assert response.status_code == (200 if key in VISIBLE[persona] else 404), (persona, key)


def test_list_filters(client, world, records):
    client.force_login(world.province_approver)
    assert keys(client.get(API, {"unit": "T1B"}).json(), records) == {"b"}
    assert keys(client.get(API, {"q": "xa an cu"}).json(), records) == {"a_old"}
    assert keys(client.get(API, {"received_from": "2025-01-01"}).json(), records) == {"a", "b"}
    assert keys(client.get(API, {"open": "false"}).json(), records) == set()
    assert keys(client.get(API, {"overdue": "true"}).json(), records) == {"a", "a_old", "b"}
    assert client.get(API, {"unit": "T2C"}).status_code == 404
    assert client.get(API, {"kind": "khieu-nai"}).status_code == 422
    assert client.get(API, {"received_from": "01/01/2025"}).status_code == 422


def test_detail_masks_the_petitioner(client, world, tables):
    p = receive(world.commune_a, received_on=D(2025, 9, 1), petitioner_name="Lê Văn An")
    d = receive(
        world.commune_a,
        received_on=D(2025, 9, 1),
        kind=Kind.DENUNCIATION,
        petitioner_name="Tố Giấu",
    )
    client.force_login(world.commune_editor)
    body = client.get(f"{API}/{p.code}").json()
    assert body["petitioner"] == "L* V** A*"
    assert (
        body["rule"]["code"] == "kn1-thu-ly-2012"
        and body["transitions"][0]["to_status"] == "received"
    )
    assert client.get(f"{API}/{d.code}").json()["petitioner"] == ""
    assert client.post(f"{API}/{d.code}/identity").status_code == 403
    client.force_login(world.province_approver)
    assert client.post(f"{API}/{d.code}/identity").json()["name"] == "Tố Giấu"
    assert AuditEvent.objects.get(verb="petitions.view_identity").channel == "api"


def test_create_update_and_walk_a_petition(client, world, tables):
    client.force_login(world.commune_editor)
    data = {
        "unit": "T1A",
        "received_on": "2025-09-01",
        "kind": "denunciation",
        "summary": "Tố cáo nhận hối lộ",
        "is_complex": True,
        "external_id": "TC-01",
    }
    response = client.post(API, data, content_type="application/json")
    assert response.status_code == 201, response.content
    code = response.json()["code"]
    assert response.json()["deadline_rule"] == "tc-vao-so-phuc-tap-2019"
    again = client.post(API, data, content_type="application/json")
    assert again.status_code == 400 and "Mã ngoài “TC-01” đã dùng" in again.json()["detail"]
    assert (
        client.patch(f"{API}/{code}", {"category": "land"}, content_type="application/json").json()[
            "category"
        ]
        == "land"
    )

    def step(payload, status=200):  # type: ignore[no-untyped-def]
        response = client.post(
            f"{API}/{code}/transitions", payload, content_type="application/json"
        )
        assert response.status_code == status, response.content
        return response.json()

    assert (
        "Không thể chuyển"
        in step({"to": "resolved", "on_date": "2025-09-02", "outcome": "correct"}, 400)["detail"]
    )
    step({"to": "classified", "on_date": "2025-09-02"})
    assert "lý do không thụ lý" in step({"to": "rejected", "on_date": "2025-09-03"}, 400)["detail"]
    body = step({"to": "accepted", "on_date": "2025-09-03"})
    assert body["due_on"] == "2025-10-03"
    response = client.post(
        f"{API}/{code}/extensions",
        {"on_date": "2025-09-20", "note": "QĐ số 7"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["extensions"] == 1
    again = client.post(
        f"{API}/{code}/extensions",
        {"on_date": "2025-09-21", "note": "QĐ số 8"},
        content_type="application/json",
    )
    assert again.status_code == 400 and "tối đa 1 lần" in again.json()["detail"]
    assert (
        client.post(f"{API}/{code}/recompute", {}, content_type="application/json").status_code
        == 200
    )
    body = step(
        {"to": "resolved", "on_date": "2025-10-20", "outcome": "partly", "note": "Kết luận số 3"}
    )
    assert (body["status"], body["finished_overdue"]) == ("resolved", False)
    assert step({"to": "received", "on_date": "2025-10-21"}, 400)["detail"]
    assert step({"to": "x", "on_date": "2025-10-21"}, 422)["detail"]


@pytest.mark.parametrize(
    ("persona", "unit", "status"),
    [
        ("commune_editor", "T1B", 404),
        ("central_viewer", "T1A", 404),
        ("outsider", "T1A", 404),
        ("province_approver", "T1B", 201),
    ],
)
def test_who_may_create_where(client, world, tables, persona, unit, status):
    client.force_login(world.personas[persona])
    data = {"unit": unit, "received_on": "2025-09-01", "kind": "feedback", "summary": "Phản ánh"}
    assert client.post(API, data, content_type="application/json").status_code == status


def test_changes_need_the_edit_role(client, world, records):
    code = records["a"].code
    client.force_login(world.central_viewer)
    assert (
        client.patch(f"{API}/{code}", {"summary": "X"}, content_type="application/json").status_code
        == 403
    )
    response = client.post(
        f"{API}/{code}/transitions",
        {"to": "classified", "on_date": "2025-09-02"},
        content_type="application/json",
    )
    assert response.status_code == 403 and response.json()["detail"]
    client.force_login(world.sibling_editor)
    assert (
        client.patch(f"{API}/{code}", {"summary": "X"}, content_type="application/json").status_code
        == 404
    )
    assert client.get(f"{API}/khong-phai-uuid").status_code == 422


def test_cases_and_duplicates(client, world, tables):
    a = receive(
        world.commune_a, received_on=D(2025, 9, 1), summary="Khiếu nại thu hồi đất thôn Đông tổ 5"
    )
    b = receive(
        world.commune_a,
        received_on=D(2025, 9, 5),
        summary="Khiếu nại thu hồi đất thôn Đông tổ 5 lần 2",
    )
    client.force_login(world.commune_editor)
    found = client.get(f"{API}/{b.code}/duplicates").json()
    assert found[0]["petition"]["code"] == str(a.code)
    response = client.post(
        f"{API}/{b.code}/case", {"case": str(a.case.code)}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["case"] == str(a.case.code)
    assert client.post(f"{API}/{b.code}/case/detach").json()["case"] != str(a.case.code)
    missing = client.post(
        f"{API}/{b.code}/case",
        {"case": "00000000-0000-0000-0000-000000000000"},
        content_type="application/json",
    )
    assert missing.status_code == 404


def test_stats_and_due_lists(client, world, records):
    client.force_login(world.province_approver)
    body = client.get(
        f"{API}/stats", {"unit": "T1", "start": "2025-01-01", "end": "2025-12-31"}
    ).json()
    # 2025 in Tỉnh Thử A: two received, and the 2024 petition of the old province carried over.
    assert (body["all"]["received"], body["lower"]["received"], body["all"]["carried_over"]) == (
        2,
        2,
        1,
    )
    assert "tiếp nhận 03 đơn/03 vụ việc" in body["sentence"]
    assert (
        client.get(
            f"{API}/stats", {"unit": "T2", "start": "2025-01-01", "end": "2025-12-31"}
        ).status_code
        == 404
    )
    assert (
        client.get(
            f"{API}/stats", {"unit": "T1", "start": "2025-12-31", "end": "2025-01-01"}
        ).status_code
        == 400
    )
    assert client.get(f"{API}/stats", {"unit": "T1"}).status_code == 422
    assert client.get(f"{API}/overdue").json()["count"] == 3
    assert client.get(f"{API}/overdue", {"unit": "T1B"}).json()["count"] == 1
    assert client.get(f"{API}/due-soon").json()["count"] == 0
    assert client.get(f"{API}/due-soon", {"within": 0}).status_code == 422
    client.force_login(world.outsider)
    assert client.get(f"{API}/overdue").json()["count"] == 0


def test_the_api_needs_authentication(client, records):
    assert client.get(API).status_code == 401
    assert (
        client.get(
            "/api/v1/deadlines/compute", {"procedure": "denunciation", "start": "2023-03-01"}
        ).status_code
        == 401
    )


def test_deadline_compute(client, world, tables):
    client.force_login(world.outsider)
    url = "/api/v1/deadlines/compute"
    body = client.get(
        url, {"procedure": "complaint_first", "start": "2023-03-01", "remote": 1, "complex": 1}
    ).json()
    assert body["due"] == "2023-05-04"
    rule = body["rule"]
    assert (rule["code"], rule["quantity"], rule["unit"], rule["valid_from"], rule["valid_to"]) == (
        "kn1-giai-quyet-vung-xa-phuc-tap-2012",
        60,
        "calendar_day",
        "2012-07-01",
        "2026-06-30",
    )
    assert rule["legal_basis"] == "Luật Khiếu nại 2011, Điều 28"
    assert "Hạn: Thứ Năm, 04/05/2023." in body["explanation"]
    tet = client.get(url, {"procedure": "party_reception", "start": "2024-02-05"}).json()
    assert tet["due"] == "2024-02-26" and tet["step"] == "notify"
    unknown = client.get(url, {"procedure": "khieu-nai", "start": "2023-03-01"})
    assert unknown.status_code == 400 and "Không có thủ tục “khieu-nai”" in unknown.json()["detail"]
    assert client.get(url, {"procedure": "denunciation", "start": "01/03/2023"}).status_code == 422
    assert client.get(url, {"procedure": "denunciation"}).status_code == 422
    assert (
        client.get(
            url, {"procedure": "denunciation", "start": "2023-03-01", "extensions": -1}
        ).status_code
        == 422
    )
    limited = client.get(url, {"procedure": "denunciation", "start": "2023-03-01", "extensions": 1})
    assert limited.status_code == 400 and "không được gia hạn" in limited.json()["detail"]
    none = client.get(url, {"procedure": "grassroots", "start": "2020-01-01"})
    assert none.status_code == 400 and "Chưa có quy tắc" in none.json()["detail"]


def test_rule_table_and_calendar_endpoints(client, world, tables):
    client.force_login(world.commune_editor)
    rules = client.get(
        "/api/v1/deadlines/rules", {"procedure": "denunciation", "valid_on": "2026-08-01"}
    ).json()
    assert {r["confidence"] for r in rules} == {"U"}
    assert client.get("/api/v1/deadlines/rules", {"procedure": "x"}).status_code == 400
    procedures = client.get("/api/v1/deadlines/procedures").json()
    assert {p["code"] for p in procedures} >= {"complaint_first", "denunciation", "party_reception"}
    days = client.get("/api/v1/deadlines/calendar", {"year": 2024}).json()
    assert {"date": "2024-05-04", "kind": "makeup_workday"}.items() <= next(
        d for d in days if d["date"] == "2024-05-04"
    ).items()
    assert client.get("/api/v1/deadlines/calendar", {"year": 3000}).status_code == 422


def test_walking_through_the_api_leaves_api_audit_rows(client, world, records):
    client.force_login(world.commune_editor)
    p = records["a"]
    client.post(
        f"{API}/{p.code}/transitions",
        {"to": "classified", "on_date": "2025-09-02"},
        content_type="application/json",
    )
    assert AuditEvent.objects.get(verb="petitions.classify").channel == "api"
    assert Petition.objects.get(pk=p.pk).status == "classified"
    actions.accept_petition(Petition.objects.get(pk=p.pk), by=SYSTEM, on_date=D(2025, 9, 3))
