import datetime as dt
import io

import pytest
from docx import Document

from danvan.conferences.models import Conference, ConferenceParticipant, Kind

from .factories import ConferenceFactory, participant

API = "/api/v1/conferences"


@pytest.fixture
def conference(world):
    c = ConferenceFactory(
        unit=world.commune_a, title="Hội nghị tổng kết năm 2025", kind=Kind.REVIEW_FINAL
    )
    participant(c, "Vũ Thị Mai Anh", "chair", "Bí thư Đảng ủy phường")
    return c


def payload(**kw):
    data = {
        "unit": "T1A",
        "body_kind": "party_committee",
        "title": "Hội nghị sơ kết 6 tháng đầu năm 2026",
        "kind": "so_ket",
        "held_on": "2026-07-15",
        "programmes": ["công tác dân vận"],
        "directives_text": "Kết luận số 120-KL/TW",
    }
    data.update(kw)
    return data


def test_anonymous_callers_get_401(client, conference):
    assert client.get(API).status_code == 401


@pytest.mark.parametrize(
    "persona, count",
    [
        ("commune_editor", 1),
        ("province_approver", 1),
        ("central_viewer", 1),
        ("sibling_editor", 0),
        ("outsider", 0),
    ],
)
def test_list_by_persona(client, world, conference, persona, count):
    client.force_login(getattr(world, persona))
    data = client.get(API).json()
    assert data["count"] == count
    if count:
        assert data["items"][0]["title"] == "Hội nghị tổng kết năm 2025"
        assert data["items"][0]["unit"] == "T1A"


def test_list_filters(client, world, conference):
    ConferenceFactory(unit=world.commune_b, title="Hội nghị xã Bình", kind=Kind.BRIEFING)
    client.force_login(world.province_approver)
    assert client.get(API, {"unit": "T1B"}).json()["count"] == 1
    assert client.get(API, {"kind": "giao_ban"}).json()["count"] == 1
    assert client.get(API, {"q": "tong ket"}).json()["count"] == 1
    assert client.get(API, {"date_from": "2026-01-01"}).json()["count"] == 0
    assert client.get(API, {"unit": "KHONG"}).status_code == 400
    assert client.get(API, {"kind": "sai"}).status_code == 422
    assert client.get(API, {"date_from": "31/12/2025"}).status_code == 422


@pytest.mark.parametrize(
    "persona, status", [("central_viewer", 200), ("sibling_editor", 404), ("outsider", 404)]
)
def test_detail_by_persona(client, world, conference, persona, status):
    client.force_login(getattr(world, persona))
    response = client.get(f"{API}/{conference.code}")
    assert response.status_code == status
    if status == 200:
        data = response.json()
        assert data["participants"][0]["full_name"] == "Vũ Thị Mai Anh"
        assert data["participants"][0]["positions"] == ["Bí thư Đảng ủy phường"]
        assert data["previous"] is None


def test_detail_bad_code_is_404_or_422(client, world):
    client.force_login(world.commune_editor)
    assert client.get(f"{API}/00000000-0000-0000-0000-000000000000").status_code == 404
    assert client.get(f"{API}/khong-phai-ma").status_code == 404


def test_create_update_and_participants(client, world):
    client.force_login(world.commune_editor)
    response = client.post(API, payload(), content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["body_name"] == "Đảng ủy phường An"
    assert [d["symbol"] for d in data["directives"]] == ["120-KL/TW"]
    code = data["code"]
    response = client.patch(
        f"{API}/{code}",
        {"venue": "Hội trường", "reviewed_label": None},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["venue"] == "Hội trường"
    response = client.post(
        f"{API}/{code}/participants",
        {
            "full_name": "Nguyễn Tuấn Minh",
            "position_label": "Uỷ viên BTV, Phó Chủ tịch TT UBND",
            "role": "speaker",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["positions"] == ["Uỷ viên BTV", "Phó Chủ tịch TT UBND"]
    pk = response.json()["id"]
    assert client.delete(f"{API}/{code}/participants/{pk}").status_code == 204
    assert not ConferenceParticipant.objects.filter(pk=pk).exists()
    response = client.post(
        f"{API}/{code}/directives",
        {"text": "Chỉ thị số 21-CT/TU, ngày 27/5/2022"},
        content_type="application/json",
    )
    assert sorted(d["symbol"] for d in response.json()) == ["120-KL/TW", "21-CT/TU"]


def test_create_errors_are_4xx(client, world):
    client.force_login(world.commune_editor)
    post = lambda **kw: client.post(API, payload(**kw), content_type="application/json")  # noqa: E731
    assert post(unit="T1B").status_code == 403
    assert post(unit="KHONG").status_code == 400
    response = post(held_on="2024-07-15")
    assert (
        response.status_code == 400
        and "không tồn tại vào ngày 15/07/2024" in response.json()["detail"]
    )
    assert post(kind="sai").status_code == 422
    assert post(title="").status_code == 422
    assert post(bridge_points_count=-1).status_code == 422
    response = post(reviewed_from="2026-06-30", reviewed_to="2026-01-01")
    assert response.status_code == 400
    assert "Kỳ đánh giá: ngày kết thúc trước ngày bắt đầu." in response.json()["detail"]
    assert not Conference.objects.exists()


@pytest.mark.parametrize("persona", ["central_viewer", "sibling_editor", "outsider"])
def test_others_cannot_change(client, world, conference, persona):
    client.force_login(getattr(world, persona))
    base = f"{API}/{conference.code}"
    assert client.patch(base, {"venue": "X"}, content_type="application/json").status_code == 404
    assert (
        client.post(
            f"{base}/participants", {"full_name": "X"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"{base}/directives", {"text": "120-KL/TW"}, content_type="application/json"
        ).status_code
        == 404
    )


def test_documents(client, world, conference):
    client.force_login(world.central_viewer)
    response = client.get(f"{API}/{conference.code}/notice.docx")
    assert response.status_code == 200
    assert "THÔNG BÁO" in [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    text = client.get(f"{API}/{conference.code}/article").json()["text"]
    assert text.startswith("Hội nghị tổng kết năm 2025\n")
    assert client.get(f"{API}/{conference.code}/tasks").json() == []


def test_previous_tasks_when_none(client, world, conference):
    client.force_login(world.commune_editor)
    data = client.get(f"{API}/{conference.code}/previous-tasks").json()
    assert data == {"previous": None, "tasks": []}
    later = ConferenceFactory(unit=world.commune_a, held_on=dt.date(2026, 6, 30))
    data = client.get(f"{API}/{later.code}/previous-tasks").json()
    assert data["previous"]["code"] == str(conference.code)


@pytest.mark.parametrize("persona", ["sibling_editor", "outsider", "other_editor"])
def test_hidden_conferences_are_404_everywhere(client, world, conference, persona):
    p = conference.participants.get()
    client.force_login(getattr(world, persona))
    base = f"{API}/{conference.code}"
    for path in ("", "/previous-tasks", "/tasks", "/notice.docx", "/article"):
        assert client.get(base + path).status_code == 404, path
    assert client.delete(f"{base}/participants/{p.pk}").status_code == 404
    assert ConferenceParticipant.objects.filter(pk=p.pk).exists()
