"""/api/v1/practices as each persona uses it, with a bearer token; bad input never gives a 500."""

import datetime as dt

import pytest

from danvan.accounts import actions as account_actions
from danvan.audit.history import history
from danvan.practices.models import Practice, PracticeAttachment
from danvan.practices.states import Status

from .factories import PDF, PNG, practice, upload

API = "/api/v1/practices"
D = dt.date


@pytest.fixture
def api(client, world):
    """api(persona) → a client function that sends that persona's bearer token."""

    def for_user(user):
        _, secret = account_actions.issue_token(by=user, name="thử")
        headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

        class Caller:
            def get(self, url, params=None):
                return client.get(url, params or {}, **headers)

            def post(self, url, data=None, **kw):
                if kw.get("multipart"):
                    return client.post(url, data, **headers)
                return client.post(url, data or {}, content_type="application/json", **headers)

            def patch(self, url, data):
                return client.patch(url, data, content_type="application/json", **headers)

            def delete(self, url):
                return client.delete(url, **headers)

        return Caller()

    return for_user


@pytest.fixture
def records(world):
    return {
        "a": practice(world.commune_a, name="Tuyến phố văn minh", field="new_rural"),
        "old": practice(world.old_commune_a, name="Chăn nuôi bò", status=Status.IN_PROGRESS),
        "b": practice(world.commune_b, name="Thắp sáng đường quê"),
        "c": practice(world.commune_c, name="Camera an ninh"),
    }


def names(response):
    assert response.status_code == 200, response.content
    return {item["name"] for item in response.json()["items"]}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("central_viewer", {"a", "old", "b", "c"}),
        ("province_approver", {"a", "old", "b"}),
        ("commune_editor", {"a", "old"}),
        ("sibling_editor", {"b"}),
        ("outsider", set()),
    ],
)
def test_list_is_scoped(api, world, records, persona, expected):
    response = api(getattr(world, persona)).get(API)
    assert names(response) == {records[k].name for k in expected}
    assert response.json()["count"] == len(expected)


def test_list_filters(api, world, records):
    caller = api(world.province_approver)
    assert names(caller.get(API, {"q": "tuyen pho"})) == {"Tuyến phố văn minh"}
    assert names(caller.get(API, {"unit": "T1A"})) == {"Tuyến phố văn minh", "Chăn nuôi bò"}
    assert names(caller.get(API, {"status": "in_progress"})) == {"Chăn nuôi bò"}
    assert names(caller.get(API, {"year": 2024})) == {"Chăn nuôi bò"}
    assert names(caller.get(API, {"field": "new_rural"})) == {"Tuyến phố văn minh"}
    assert names(caller.get(API, {"start": "2025-07-01", "end": "2025-12-31"})) == {
        "Tuyến phố văn minh",
        "Thắp sáng đường quê",
    }
    assert caller.get(API, {"status": "khong-co"}).status_code == 422
    assert caller.get(API, {"start": "32/13/2025"}).status_code == 422
    assert caller.get(API, {"unit": "KHONG"}).status_code == 400


def test_unauthenticated_calls_get_401(client, records):
    assert client.get(API).status_code == 401
    assert client.post(API, {}, content_type="application/json").status_code == 401


def test_detail_is_scoped(api, world, records):
    p = records["a"]
    response = api(world.commune_editor).get(f"{API}/{p.code}")
    assert response.status_code == 200
    body = response.json()
    assert body["unit"] == "T1A" and body["status_label"] == "Đăng ký"
    assert body["transitions"][0]["to_status"] == "registered"
    assert api(world.sibling_editor).get(f"{API}/{p.code}").status_code == 404
    assert api(world.outsider).get(f"{API}/{p.code}").status_code == 404
    assert api(world.commune_editor).get(f"{API}/khong-phai-uuid").status_code == 404


def payload(**overrides):
    data = {
        "unit": "T1A",
        "name": "Tổ hòa giải giỏi ở khu phố",
        "field": "defence_security",
        "registered_on": "2025-09-01",
        "beneficiaries": "hộ gia đình có mâu thuẫn",
    }
    data.update(overrides)
    return data


def test_create(api, world):
    response = api(world.commune_editor).post(API, payload(note="qua API"))
    assert response.status_code == 201, response.content
    body = response.json()
    p = Practice.objects.get(code=body["code"])
    assert (p.unit, p.status, p.registration_year) == (world.commune_a, Status.REGISTERED, 2025)
    assert history(p).get().channel == "api"


def test_create_errors_are_4xx(api, world):
    editor = api(world.commune_editor)
    response = editor.post(API, payload(name="ab", field="khong-co", kind="exemplar"))
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "Tên mô hình cần ít nhất 5 ký tự." in detail
    assert "Hãy chọn lĩnh vực." in detail
    assert "Điển hình cá nhân cần họ và tên" in detail
    assert editor.post(API, payload(registered_on="hôm qua")).status_code == 422
    assert editor.post(API, {"unit": "T1A"}).status_code == 422
    assert editor.post(API, payload(unit="KHONG")).status_code == 400
    assert editor.post(API, payload(unit="T1B")).status_code == 403
    assert editor.post(API, payload(body_id=999999)).status_code == 400
    assert editor.post(API, payload(covered_units=["KHONG"])).status_code == 400
    assert (
        editor.post(API, payload(replicates="6f1e2a44-1c1b-4a7e-9bd1-000000000000")).status_code
        == 400
    )
    assert api(world.central_viewer).post(API, payload()).status_code == 403
    assert api(world.outsider).post(API, payload()).status_code == 403
    assert not Practice.objects.exists()


def test_create_asks_to_acknowledge_similar_models(api, world):
    practice(world.commune_a, name="Tổ hòa giải ở khu phố", field="defence_security")
    editor = api(world.commune_editor)
    response = editor.post(API, payload())
    assert response.status_code == 400
    assert "mô hình tương tự" in response.json()["detail"]
    similar = editor.get(
        f"{API}/similar", {"unit": "T1A", "field": "defence_security", "name": "hoa giai khu pho"}
    )
    assert [s["name"] for s in similar.json()] == ["Tổ hòa giải ở khu phố"]
    assert editor.post(API, payload(acknowledge_similar=True)).status_code == 201
    assert (
        api(world.sibling_editor)
        .get(f"{API}/similar", {"unit": "T1A", "field": "x", "name": "y"})
        .status_code
        == 400
    )


def test_update(api, world, records):
    p = records["a"]
    url = f"{API}/{p.code}"
    response = api(world.commune_editor).patch(
        url, {"area": "Khu 3", "evaluation_due": "2026-06-30", "note": "bổ sung"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["area"] == "Khu 3"
    p.refresh_from_db()
    assert (
        p.evaluation_due == D(2026, 6, 30) and p.name == "Tuyến phố văn minh"
    )  # unsent fields stay
    assert api(world.commune_editor).patch(url, {"name": None}).status_code == 400
    assert api(world.commune_editor).patch(url, {"registration_year": 1990}).status_code == 400
    assert api(world.commune_editor).patch(url, {"start_on": "not a date"}).status_code == 422
    assert api(world.central_viewer).patch(url, {"area": "x"}).status_code == 403
    assert api(world.sibling_editor).patch(url, {"area": "x"}).status_code == 404


def test_transitions(api, world, records):
    p = records["a"]
    editor, approver = api(world.commune_editor), api(world.province_approver)
    url = f"{API}/{p.code}"
    assert (
        editor.post(
            f"{url}/evaluate", {"on": "2025-10-01", "result": "good", "note": "x"}
        ).status_code
        == 403
    )
    response = editor.post(f"{url}/start", {"on": "2025-08-10", "note": "Ra quân"})
    assert response.status_code == 200 and response.json()["status"] == "in_progress"
    response = editor.post(f"{url}/start", {"on": "2025-08-11"})
    assert response.status_code == 400
    assert (
        response.json()["detail"] == "Không thể chuyển từ “Đang thực hiện” sang “Đang thực hiện”."
    )
    response = approver.post(
        f"{url}/evaluate", {"on": "2025-08-01", "result": "good", "note": "Đạt"}
    )
    assert response.status_code == 400 and "không được trước ngày" in response.json()["detail"]
    assert (
        approver.post(
            f"{url}/evaluate", {"on": "2025-12-01", "result": "?", "note": "Đạt"}
        ).status_code
        == 400
    )
    assert approver.post(f"{url}/evaluate", {"on": "2025-12-01"}).status_code == 422
    response = approver.post(
        f"{url}/evaluate", {"on": "2025-12-01", "result": "excellent", "note": "Vượt"}
    )
    assert response.json()["evaluation_result"] == "excellent"
    response = approver.post(
        f"{url}/recognise", {"on": "2025-12-20", "level": "province", "decision": "99/QĐ-UBND"}
    )
    assert response.json()["status"] == "recognised"
    assert (
        api(world.sibling_editor)
        .post(f"{url}/stop", {"on": "2026-01-01", "reason": "x"})
        .status_code
        == 404
    )
    assert editor.post(f"{url}/stop", {"on": "2026-01-01", "reason": " "}).status_code == 400
    response = editor.post(f"{url}/stop", {"on": "2026-01-01", "reason": "Hết kinh phí"})
    assert response.json()["status"] == "stopped"
    assert [t["to_status"] for t in response.json()["transitions"]] == [
        "registered",
        "in_progress",
        "effective",
        "recognised",
        "stopped",
    ]


def test_counts(api, world, records):
    response = api(world.province_approver).get(
        f"{API}/counts", {"unit": "T1", "start": "2025-01-01", "end": "2025-12-31"}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["total"]["registered_new"] == 2 and body["total"]["in_progress"] == 1
    assert body["by_field"]["new_rural"]["registered"] == 1
    assert (
        api(world.sibling_editor)
        .get(f"{API}/counts", {"unit": "T1A", "start": "2025-01-01", "end": "2025-12-31"})
        .status_code
        == 403
    )
    assert (
        api(world.province_approver)
        .get(f"{API}/counts", {"unit": "T1", "start": "2025-12-31", "end": "2025-01-01"})
        .status_code
        == 400
    )
    assert api(world.province_approver).get(f"{API}/counts", {"unit": "T1"}).status_code == 422


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_attachments(api, world, records, media, django_capture_on_commit_callbacks):
    p = records["a"]
    url = f"{API}/{p.code}/attachments"
    editor = api(world.commune_editor)
    response = editor.post(
        url, {"kind": "decision", "file": upload("QĐ công nhận.pdf", PDF)}, multipart=True
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["original_name"], body["content_type"], body["kind_label"]) == (
        "QĐ công nhận.pdf",
        "application/pdf",
        "Quyết định",
    )
    response = editor.post(url, {"kind": "photo", "file": upload("anh.jpg", PNG)}, multipart=True)
    assert response.status_code == 400 and "không đúng là ảnh JPEG" in response.json()["detail"]
    assert editor.post(url, {"kind": "photo"}, multipart=True).status_code == 422
    assert (
        api(world.central_viewer)
        .post(url, {"kind": "photo", "file": upload("a.png", PNG)}, multipart=True)
        .status_code
        == 403
    )
    listing = api(world.central_viewer).get(url)
    assert [a["original_name"] for a in listing.json()] == ["QĐ công nhận.pdf"]
    download = api(world.central_viewer).get(body["url"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert api(world.sibling_editor).get(url).status_code == 404
    assert api(world.sibling_editor).get(body["url"]).status_code == 404
    assert api(world.central_viewer).delete(body["url"]).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert editor.delete(body["url"]).status_code == 204
    assert not PracticeAttachment.objects.exists()
    assert editor.get(body["url"]).status_code == 404
