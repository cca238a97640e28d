import datetime as dt

import pytest

from danvan.people.models import Person

from .factories import PersonFactory, person_at

API = "/api/v1/people"


@pytest.fixture
def mai_anh(world):
    return person_at(world.commune_a, "Vũ Thị Mai Anh", title="Phó Bí thư TT Đảng ủy")


def test_list_and_filters(client, world, mai_anh):
    person_at(world.commune_c, "Đỗ Văn Cường")
    client.force_login(world.commune_editor)
    data = client.get(API).json()
    assert data["count"] == 2 and {"count", "items"} <= set(data)
    data = client.get(API, {"q": "vu thi", "unit": "T1"}).json()
    assert [p["full_name"] for p in data["items"]] == ["Vũ Thị Mai Anh"]
    assert data["items"][0]["positions"][0]["title"] == "Phó Bí thư TT Đảng ủy"
    assert client.get(API, {"on": "2024-01-01", "unit": "T2C"}).json()["count"] == 1
    assert client.get(API, {"unit": "NOPE"}).status_code == 400
    assert client.get(API, {"on": "hôm qua"}).status_code == 422


def test_list_needs_a_role(client, world, mai_anh):
    client.force_login(world.outsider)
    assert client.get(API).status_code == 403
    client.logout()
    assert client.get(API).status_code == 401


def test_detail(client, world, mai_anh):
    client.force_login(world.sibling_editor)
    data = client.get(f"{API}/{mai_anh.code}").json()
    assert data["full_name"] == "Vũ Thị Mai Anh" and data["merged_into"] is None
    client.force_login(world.outsider)
    assert client.get(f"{API}/{mai_anh.code}").status_code == 404
    client.force_login(world.central_viewer)
    assert client.get(f"{API}/not-a-uuid").status_code == 422


def test_create_update_and_positions(client, world):
    client.force_login(world.commune_editor)
    response = client.post(
        API,
        {
            "full_name": "Trần Thị Bích",
            "gender": "female",
            "position": {"title": "Chủ tịch Hội LHPN", "unit": "T1A", "valid_from": "2020-01-01"},
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    code = response.json()["code"]
    response = client.patch(f"{API}/{code}", {"birth_year": 1980}, content_type="application/json")
    assert response.status_code == 200 and response.json()["birth_year"] == 1980
    response = client.post(
        f"{API}/{code}/positions",
        {"title": "Ủy viên BTV", "unit": "T1A"},
        content_type="application/json",
    )
    assert response.status_code == 201
    position = response.json()["code"]
    assert len(client.get(f"{API}/{code}/positions").json()) == 2
    assert len(client.get(f"{API}/{code}/positions", {"on": "2019-01-01"}).json()) == 1
    response = client.post(
        f"{API}/positions/{position}/end",
        {"valid_to": "2025-06-30"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["valid_to"] == "2025-06-30"
    response = client.patch(
        f"{API}/positions/{position}",
        {"title": "UV BTV", "unit": "T1A"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["title"] == "UV BTV"


def test_create_errors(client, world):
    client.force_login(world.commune_editor)
    assert client.post(API, {"full_name": ""}, content_type="application/json").status_code == 422
    assert (
        client.post(
            API, {"full_name": "A", "gender": "x"}, content_type="application/json"
        ).status_code
        == 422
    )
    response = client.post(
        API,
        {"full_name": "A", "position": {"title": "B", "unit": "ZZZ"}},
        content_type="application/json",
    )
    assert response.status_code == 400 and "Không có đơn vị" in response.json()["detail"]
    response = client.post(
        API,
        {"full_name": "A", "position": {"title": "B", "unit": "T1B"}},
        content_type="application/json",
    )
    assert response.status_code == 403
    client.force_login(world.central_viewer)
    assert client.post(API, {"full_name": "A"}, content_type="application/json").status_code == 403


def test_update_forbidden_for_sibling(client, world, mai_anh):
    client.force_login(world.sibling_editor)
    response = client.patch(
        f"{API}/{mai_anh.code}", {"full_name": "X"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_duplicates_and_merge(client, world, mai_anh):
    dup = person_at(world.commune_a, "Vu Thi Mai Anh", title="Trưởng BCĐ")
    client.force_login(world.province_approver)
    suggestions = client.get(f"{API}/{mai_anh.code}/duplicates").json()
    assert suggestions[0]["code"] == str(dup.code) and suggestions[0]["overlap"] is True
    response = client.post(
        f"{API}/{mai_anh.code}/merge", {"duplicate": str(dup.code)}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["moved"] == {"chức vụ": 1}
    assert client.get(f"{API}/{dup.code}").json()["merged_into"] == str(mai_anh.code)
    again = client.post(
        f"{API}/{mai_anh.code}/merge", {"duplicate": str(dup.code)}, content_type="application/json"
    )
    assert again.status_code == 400


def test_merge_forbidden_for_editor(client, world, mai_anh):
    dup = PersonFactory(full_name="Vu Thi Mai Anh")
    client.force_login(world.commune_editor)
    response = client.post(
        f"{API}/{mai_anh.code}/merge", {"duplicate": str(dup.code)}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not Person.objects.filter(merged_into__isnull=False).exists()


def test_split_positions(client, world):
    client.force_login(world.commune_editor)
    response = client.post(
        f"{API}/split-positions",
        {
            "text": "Vũ Thị Mai Anh, Phó Bí thư TT Thành uỷ, Trưởng BCĐ thực hiện quy chế dân chủ ở cơ sở Thành phố"
        },
        content_type="application/json",
    )
    data = response.json()
    assert data["name"] == "Vũ Thị Mai Anh"
    assert [p["body_kind"] for p in data["positions"]] == ["party_committee", "steering_committee"]


def test_dates_in_positions(client, world, mai_anh):
    client.force_login(world.central_viewer)
    data = client.get(
        f"{API}/{mai_anh.code}/positions", {"on": dt.date(2024, 1, 1).isoformat()}
    ).json()
    assert len(data) == 1
