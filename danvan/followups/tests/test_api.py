import datetime as dt

import pytest

from danvan.conferences.tests.factories import ConferenceFactory, body_of
from danvan.followups.models import KeyTask, today
from danvan.followups.states import Status
from danvan.units.models import BodyKind

from .factories import KeyTaskFactory

API = "/api/v1/followups"


@pytest.fixture
def conference(world):
    return ConferenceFactory(
        unit=world.commune_a, held_on=dt.date(2025, 12, 1), planned_label="năm 2026"
    )


@pytest.fixture
def task(world, conference):
    return KeyTaskFactory(
        conference=conference,
        deadline=today() - dt.timedelta(days=2),
        owner_body=body_of(world.commune_a),
    )


def json(client, method, path, data=None):
    return getattr(client, method)(path, data or {}, content_type="application/json")


def test_anonymous_is_401(client, task):
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
def test_list_and_overdue_by_persona(client, world, task, persona, count):
    client.force_login(getattr(world, persona))
    assert client.get(API).json()["count"] == count
    data = client.get(f"{API}/overdue").json()
    assert data["count"] == count
    if count:
        assert data["items"][0]["status_label"] == "Quá hạn"


def test_list_filters(client, world, task, conference):
    KeyTaskFactory(conference=conference, status=Status.DONE, text="Việc đã xong")
    client.force_login(world.commune_editor)
    assert client.get(API, {"status": "hoan_thanh"}).json()["count"] == 1
    assert client.get(API, {"overdue": "true"}).json()["count"] == 1
    assert client.get(API, {"conference": str(conference.code)}).json()["count"] == 2
    assert client.get(API, {"q": "viec da xong"}).json()["count"] == 1
    assert client.get(f"{API}/overdue", {"unit": "T1B"}).json()["count"] == 0
    assert client.get(API, {"status": "sai"}).status_code == 422
    assert client.get(API, {"unit": "KHONG"}).status_code == 400


@pytest.mark.parametrize(
    "persona, status", [("central_viewer", 200), ("sibling_editor", 404), ("outsider", 404)]
)
def test_detail_by_persona(client, world, task, persona, status):
    client.force_login(getattr(world, persona))
    response = client.get(f"{API}/{task.code}")
    assert response.status_code == status
    if status == 200:
        assert response.json()["owner_body_name"] == "Đảng ủy phường An"


def test_create_progress_transition_and_carry_over(client, world, conference):
    client.force_login(world.commune_editor)
    front = body_of(world.commune_a, BodyKind.FATHERLAND_FRONT)
    response = json(
        client,
        "post",
        API,
        {
            "conference": str(conference.code),
            "text": "Tổ chức đối thoại với Nhân dân",
            "owner_body": front.pk,
            "owner_person_name": "Nguyễn Văn Trãi",
            "co_owners": [body_of(world.commune_a).pk],
            "deadline": "2026-06-30",
        },
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["number"], data["period_label"], data["owner_person_name"]) == (
        1,
        "năm 2026",
        "Nguyễn Văn Trãi",
    )
    code = data["code"]
    response = json(
        client, "post", f"{API}/{code}/progress", {"note": "Đã tổ chức 2 cuộc", "percent": 40}
    )
    assert response.status_code == 201 and response.json()["status"] == "dang_thuc_hien"
    response = json(client, "patch", f"{API}/{code}", {"deadline": "2026-09-30", "co_owners": []})
    assert response.status_code == 200 and response.json()["co_owners"] == []
    later = ConferenceFactory(
        unit=world.commune_a, body=conference.body, held_on=dt.date(2026, 12, 1)
    )
    response = json(
        client,
        "post",
        f"{API}/{code}/carry-over",
        {"conference": str(later.code), "deadline": "2027-06-30"},
    )
    assert response.status_code == 201
    new = response.json()
    assert (
        new["carried_over_from"] == code
        and new["status"] == "dang_thuc_hien"
        and new["percent"] == 40
    )
    assert client.get(f"{API}/{code}").json()["carried_into"] == new["code"]
    response = json(client, "post", f"{API}/{new['code']}/transitions", {"to": "hoan_thanh"})
    assert response.status_code == 200 and response.json()["percent"] == 100


def test_errors_are_4xx(client, world, conference, task):
    client.force_login(world.commune_editor)
    assert json(client, "post", API, {"text": "Việc"}).status_code == 400
    assert (
        json(client, "post", API, {"conference": str(conference.code), "text": ""}).status_code
        == 422
    )
    assert (
        json(
            client,
            "post",
            API,
            {"conference": str(conference.code), "text": "X", "owner_body": 999999},
        ).status_code
        == 400
    )
    assert (
        json(
            client, "post", API, {"conference": str(conference.code), "text": "X", "number": 0}
        ).status_code
        == 422
    )
    response = json(client, "post", f"{API}/{task.code}/transitions", {"to": "chuyen_ky_sau"})
    assert response.status_code == 400 and "Không thể chuyển" in response.json()["detail"]
    assert json(client, "post", f"{API}/{task.code}/transitions", {"to": "sai"}).status_code == 422
    assert (
        json(
            client, "post", f"{API}/{task.code}/progress", {"note": "x", "percent": 101}
        ).status_code
        == 422
    )
    response = json(client, "post", f"{API}/{task.code}/carry-over", {})
    assert response.status_code == 400 and "Chưa có hội nghị kỳ sau" in response.json()["detail"]
    future = (today() + dt.timedelta(days=3)).isoformat()
    assert (
        json(client, "post", f"{API}/{task.code}/progress", {"note": "x", "on": future}).status_code
        == 400
    )


@pytest.mark.parametrize("persona", ["central_viewer", "sibling_editor", "outsider"])
def test_others_cannot_change(client, world, conference, task, persona):
    client.force_login(getattr(world, persona))
    assert (
        json(client, "post", API, {"conference": str(conference.code), "text": "X"}).status_code
        == 404
    )
    assert json(client, "patch", f"{API}/{task.code}", {"text": "X"}).status_code == 404
    assert json(client, "post", f"{API}/{task.code}/progress", {"note": "x"}).status_code == 404
    assert (
        json(client, "post", f"{API}/{task.code}/transitions", {"to": "hoan_thanh"}).status_code
        == 404
    )
    assert json(client, "post", f"{API}/{task.code}/carry-over", {}).status_code == 404
    assert KeyTask.objects.get().status == Status.NOT_STARTED
