"""The API over the same actions: every endpoint, every persona, and no 500 on bad input."""

import datetime as dt

import pytest

from danvan.accounts.actions import issue_token
from danvan.oversight.models import OversightPlan, PlanConflict
from danvan.oversight.steering_models import SteeringCommittee
from danvan.units.models import BodyKind

from .factories import body, committee, person, plan

D = dt.date
API = "/api/v1/oversight"


class Api:
    def __init__(self, client, user):
        self.client = client
        self.headers = (
            {"Authorization": f"Bearer {issue_token(by=user, name='thử')[1]}"} if user else {}
        )

    def get(self, path, params=None):
        return self.client.get(API + path, params or {}, headers=self.headers)

    def post(self, path, payload=None):
        return self.client.post(
            API + path, payload or {}, content_type="application/json", headers=self.headers
        )

    def patch(self, path, payload):
        return self.client.patch(
            API + path, payload, content_type="application/json", headers=self.headers
        )


@pytest.fixture
def plans(world):
    return {
        "a": plan(
            world.commune_a,
            world.commune_a,
            D(2026, 5, 20),
            title="Tập huấn dân chủ ở cơ sở",
            kind="training",
        ),
        "p": plan(
            body(world.province, BodyKind.MASS_MOBILIZATION), world.commune_a, D(2026, 5, 11)
        ),
        "b": plan(
            world.commune_b,
            world.commune_b,
            D(2026, 5, 11),
            title="Kiểm tra dân vận chính quyền",
            topics=("dvcq",),
        ),
    }


NEW = {
    "kind": "front_supervision",
    "title": "Giám sát thực hiện dân chủ ở cơ sở",
    "unit": "T1A",
    "body_kind": "fatherland_front",
    "subject_unit": "T1A",
    "topics": ["qcdc"],
    "window_start": "2026-06-01",
    "window_end": "2026-06-03",
}


def test_unauthenticated_is_401(client, world):
    assert client.get(API + "/plans").status_code == 401


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("central_viewer", 3),
        ("province_approver", 3),
        ("commune_editor", 2),
        ("sibling_editor", 1),
        ("outsider", 0),
    ],
)
def test_list_counts_per_persona(client, world, plans, persona, expected):
    r = Api(client, getattr(world, persona)).get("/plans")
    assert r.status_code == 200
    assert r.json()["count"] == expected


def test_list_filters(client, world, plans):
    api = Api(client, world.province_approver)
    assert api.get("/plans", {"don-vi": "T1B"}).json()["count"] == 1
    assert api.get("/plans", {"loai": "training"}).json()["count"] == 1
    assert api.get("/plans", {"trung-lap": "chua-xac-nhan"}).json()["count"] == 2
    assert api.get("/plans", {"q": "dan van chinh quyen"}).json()["count"] == 1
    assert api.get("/plans", {"tu": "2026-05-15", "den": "2026-05-31"}).json()["count"] == 1
    assert api.get("/plans", {"loai": "nope"}).status_code == 422
    assert api.get("/plans", {"don-vi": "khong-co"}).status_code == 400
    assert Api(client, world.commune_editor).get("/plans", {"don-vi": "T1B"}).status_code == 404


def test_detail_has_conflicts_and_visibility(client, world, plans):
    r = Api(client, world.commune_editor).get(f"/plans/{plans['a'].code}")
    assert r.status_code == 200
    body_ = r.json()
    assert body_["unacknowledged"] == 1 and body_["conflicts"][0]["other"]["code"] == str(
        plans["p"].code
    )
    assert body_["conflicts"][0]["other_visible"] is True
    assert body_["status_label"] == "Dự kiến"
    assert Api(client, world.sibling_editor).get(f"/plans/{plans['a'].code}").status_code == 404
    assert Api(client, world.outsider).get(f"/plans/{plans['a'].code}").status_code == 404
    assert Api(client, world.commune_editor).get("/plans/not-a-uuid").status_code == 422


def test_create_returns_conflicts(client, world, plans):
    r = Api(client, world.commune_editor).post("/plans", NEW)
    assert r.status_code == 201, r.content
    data = r.json()
    assert data["unacknowledged"] == 2 and data["match_unit"]["key"] == "T1A"
    assert OversightPlan.objects.filter(title=NEW["title"]).exists()


@pytest.mark.parametrize(
    ("over", "status", "detail"),
    [
        ({"window_end": "2026-05-01"}, 400, "Ngày kết thúc phải trùng hoặc sau ngày bắt đầu."),
        ({"unit": "T1B"}, 403, "Bạn không có quyền"),
        ({"unit": "khong-co"}, 400, "Không có đơn vị mã “khong-co”."),
        ({"subject_body_kind": "mass_mobilization"}, 400, "không có Ban Dân vận"),
        ({"kind": "audit"}, 422, "Dữ liệu gửi lên không hợp lệ."),
        ({"window_start": "31/02/2026"}, 422, "Dữ liệu gửi lên không hợp lệ."),
        ({"topics": ["xyz"]}, 422, "Dữ liệu gửi lên không hợp lệ."),
        ({"title": ""}, 422, "Dữ liệu gửi lên không hợp lệ."),
    ],
)
def test_create_errors_are_4xx(client, world, over, status, detail):
    r = Api(client, world.commune_editor).post("/plans", {**NEW, **over})
    assert r.status_code == status, r.content
    assert detail in r.json()["detail"]


def test_create_with_malformed_json_is_4xx(client, world):
    api = Api(client, world.commune_editor)
    r = client.post(API + "/plans", "{nope", content_type="application/json", headers=api.headers)
    assert 400 <= r.status_code < 500


def test_update_move_transition_acknowledge(client, world, plans):
    api = Api(client, world.commune_editor)
    code = plans["a"].code
    r = api.patch(
        f"/plans/{code}",
        {"title": "Tập huấn thực hiện dân chủ ở cơ sở cho tổ dân phố", "team": None},
    )
    assert r.status_code == 200 and r.json()["title"].startswith("Tập huấn thực hiện")
    r = api.post(f"/plans/{code}/transitions", {"to": "notified"})
    assert r.status_code == 400 and "chưa được xác nhận" in r.json()["detail"]
    conflicts = api.get(f"/plans/{code}/conflicts").json()
    assert len(conflicts) == 1
    r = api.post(f"/plans/{code}/conflicts/{conflicts[0]['id']}/acknowledge", {"note": ""})
    assert r.status_code == 400 and "Hãy ghi ý kiến" in r.json()["detail"]
    r = api.post(
        f"/plans/{code}/conflicts/{conflicts[0]['id']}/acknowledge", {"note": "Đã phối hợp"}
    )
    assert r.status_code == 200 and r.json()["acknowledged"] is True
    r = api.post(f"/plans/{code}/transitions", {"to": "notified", "on_date": "2026-05-12"})
    assert r.status_code == 200 and r.json()["notice_sent_on"] == "2026-05-12"
    r = api.post(f"/plans/{code}/transitions", {"to": "planned"})
    assert r.status_code == 400 and "Không thể chuyển" in r.json()["detail"]
    r = api.post(f"/plans/{code}/move", {"window_start": "2026-07-06", "window_end": "2026-07-06"})
    assert r.status_code == 200 and r.json()["unacknowledged"] == 0
    assert len(api.get(f"/plans/{code}/conflicts", {"all": "true"}).json()) == 1
    r = api.post(f"/plans/{code}/move", {"window_start": "2026-07-06", "window_end": "2026-07-01"})
    assert r.status_code == 400
    assert api.post(f"/plans/{code}/transitions", {"to": "nope"}).status_code == 422


def test_writes_by_the_wrong_persona(client, world, plans):
    code = plans["p"].code
    conflict = PlanConflict.objects.open().get(plan=plans["p"])
    sub = Api(client, world.commune_editor)  # the subject side: sees, cannot change
    assert sub.patch(f"/plans/{code}", {"title": "x"}).status_code == 403
    assert (
        sub.post(
            f"/plans/{code}/move", {"window_start": "2026-07-06", "window_end": "2026-07-06"}
        ).status_code
        == 403
    )
    assert sub.post(f"/plans/{code}/transitions", {"to": "cancelled"}).status_code == 403
    assert (
        sub.post(f"/plans/{code}/conflicts/{conflict.pk}/acknowledge", {"note": "x"}).status_code
        == 403
    )
    other = Api(client, world.other_editor)
    assert other.patch(f"/plans/{code}", {"title": "x"}).status_code == 404
    assert other.get(f"/plans/{code}/conflicts").status_code == 404
    wrong = PlanConflict.objects.open().get(plan=plans["a"])
    assert (
        Api(client, world.province_approver)
        .post(f"/plans/{code}/conflicts/{wrong.pk}/acknowledge", {"note": "x"})
        .status_code
        == 404
    )


# --- Steering committees -----------------------------------------------------------------


@pytest.fixture
def committees(world):
    return {"a": committee(world.commune_a), "b": committee(world.commune_b)}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("central_viewer", 2),
        ("province_approver", 2),
        ("commune_editor", 1),
        ("sibling_editor", 1),
        ("outsider", 0),
    ],
)
def test_steering_list_per_persona(client, world, committees, persona, expected):
    r = Api(client, getattr(world, persona)).get("/steering")
    assert r.status_code == 200 and r.json()["count"] == expected


def test_steering_detail_and_visibility(client, world, committees):
    code = committees["a"].code
    r = Api(client, world.commune_editor).get(f"/steering/{code}")
    assert r.status_code == 200 and r.json()["body"]["kind"] == "steering_committee"
    assert Api(client, world.sibling_editor).get(f"/steering/{code}").status_code == 404
    assert Api(client, world.commune_editor).get("/steering", {"loai": "vdqc"}).json()["count"] == 0
    assert Api(client, world.commune_editor).get("/steering", {"don-vi": "T1B"}).status_code == 404


def test_steering_create_update_members_plans_meetings_dissolve(client, world):
    api = Api(client, world.commune_editor)
    r = api.post(
        "/steering",
        {
            "unit": "T1A",
            "kind": "dvk",
            "valid_from": "2025-08-01",
            "standing_body_kind": "fatherland_front",
        },
    )
    assert r.status_code == 201, r.content
    data = r.json()
    assert data["name"] == "Ban Chỉ đạo phong trào thi đua “Dân vận khéo” phường An"
    assert data["party_body"]["kind"] == "party_committee"
    code = data["code"]
    assert (
        api.patch(f"/steering/{code}", {"established_by": "Quyết định số 12-QĐ/ĐU"}).json()[
            "established_by"
        ]
        == "Quyết định số 12-QĐ/ĐU"
    )
    r = api.post(
        f"/steering/{code}/members",
        {
            "full_name": "Vũ Thị Mai Anh",
            "role": "head",
            "position_label": "Phó Bí thư Thường trực Đảng ủy",
            "valid_from": "2025-08-01",
        },
    )
    assert r.status_code == 201 and r.json()["role_label"] == "Trưởng ban"
    head = r.json()
    r = api.post(
        f"/steering/{code}/members",
        {"full_name": "Lê Văn Hai", "role": "head", "valid_from": "2025-09-01"},
    )
    assert r.status_code == 400 and "đang có Trưởng ban" in r.json()["detail"]
    r = api.post(
        f"/steering/{code}/members",
        {"person": head["person"]["code"], "role": "member", "valid_from": "2025-09-01"},
    )
    assert r.status_code == 400 and "đang là thành viên" in r.json()["detail"]
    r = api.post(f"/steering/{code}/members", {"role": "member", "valid_from": "2025-09-01"})
    assert r.status_code == 400 and "Hãy chọn một cán bộ" in r.json()["detail"]
    r = api.post(
        f"/steering/{code}/members/{head['id']}/end",
        {"on": "2026-01-31", "note": "Chuyển công tác"},
    )
    assert r.status_code == 200 and r.json()["valid_to"] == "2026-01-31"
    r = api.post(
        f"/steering/{code}/plans",
        {"number": "01-KH/BCĐ", "issued_on": "2025-08-15", "title": "Kế hoạch hoạt động năm 2025"},
    )
    assert r.status_code == 201
    r = api.post(
        f"/steering/{code}/plans",
        {
            "number": "02-KH/BCĐ",
            "issued_on": "2025-08-15",
            "title": "x",
            "period_from": "2025-12-31",
            "period_to": "2025-01-01",
        },
    )
    assert r.status_code == 400
    r = api.post(
        f"/steering/{code}/meetings",
        {
            "held_on": "2025-12-20",
            "content": "Sơ kết năm 2025",
            "chaired_by": head["person"]["code"],
        },
    )
    assert r.status_code == 201 and r.json()["chaired_by"]["full_name"] == "Vũ Thị Mai Anh"
    r = api.post(
        f"/steering/{code}/dissolve", {"on": "2026-06-30", "ended_by": "Quyết định số 30-QĐ/ĐU"}
    )
    assert r.status_code == 200 and r.json()["valid_to"] == "2026-06-30"
    r = api.post(f"/steering/{code}/dissolve", {"on": "2026-06-30"})
    assert r.status_code == 400 and "đã giải thể" in r.json()["detail"]
    detail = api.get(f"/steering/{code}").json()
    assert (
        len(detail["members"]) == 1 and len(detail["plans"]) == 1 and len(detail["meetings"]) == 1
    )


def test_steering_writes_by_the_wrong_persona(client, world, committees):
    code = committees["a"].code
    p = person()
    viewer = Api(client, world.central_viewer)
    assert (
        viewer.post(
            f"/steering/{code}/members",
            {"person": str(p.code), "role": "member", "valid_from": "2025-08-01"},
        ).status_code
        == 403
    )
    sibling = Api(client, world.sibling_editor)
    assert (
        sibling.post(
            f"/steering/{code}/plans", {"number": "1", "issued_on": "2025-08-01", "title": "x"}
        ).status_code
        == 404
    )
    assert (
        sibling.post(
            "/steering", {"unit": "T1A", "kind": "qcdc", "valid_from": "2025-08-01"}
        ).status_code
        == 403
    )
    r = Api(client, world.commune_editor).post(
        "/steering", {"unit": "T1A", "kind": "qcdc", "valid_from": "2020-01-01"}
    )
    assert r.status_code == 400  # the ward did not exist yet
    r = Api(client, world.commune_editor).post(
        f"/steering/{code}/members",
        {"person": "0" * 32, "role": "member", "valid_from": "2025-08-01"},
    )
    assert r.status_code == 400 and "Không tìm thấy cán bộ" in r.json()["detail"]
    assert SteeringCommittee.objects.count() == 2
