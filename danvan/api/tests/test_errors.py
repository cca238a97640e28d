"""Bad input gets a 4xx with a Vietnamese reason, never a 500."""

import pytest


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/units?valid_on=31-12-2025", 422),
        ("/api/v1/units?level=tinh", 422),
        ("/api/v1/units?kind=quan", 422),
        ("/api/v1/units?limit=abc", 422),
        ("/api/v1/units?parent=999", 404),
        ("/api/v1/units/khong-co", 404),
        ("/api/v1/me", 401),
        ("/api/v1/users", 401),
        ("/api/v1/khong-co", 404),
    ],
)
def test_bad_requests_get_a_reason(client, world, url, status):
    response = client.get(url)
    assert response.status_code == status
    if response["Content-Type"].startswith("application/json"):
        assert response.json()["detail"]


def test_a_bad_token_is_401(client, world):
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer dv_khong-hop-le")
    assert response.status_code == 401


def test_units_filter_by_parent_code_on_a_date(client, world):
    body = client.get("/api/v1/units", {"parent": "T1"}).json()
    assert {u["key"] for u in body["items"]} == {"T1A", "T1B"}
    body = client.get("/api/v1/units", {"parent": "T1", "valid_on": "2025-06-30"}).json()
    assert {u["key"] for u in body["items"]} == {"T10@2025-06-30"}


def test_unit_search_in_the_api_ignores_diacritics(client, world):
    body = client.get("/api/v1/units", {"q": "BINH CU"}).json()
    assert [u["name"] for u in body["items"]] == ["Xã Bình Cũ"]


def test_responses_keep_vietnamese_readable(client, world):
    response = client.get(f"/api/v1/units/{world.commune_b.key}")
    assert "Xã Bình".encode() in response.content
