import pytest

from danvan.emulation.models import EligibilityRule
from danvan.people.tests.factories import person_at
from danvan.units.models import BodyKind

from .factories import body_of, commendation, pledge

API = "/api/v1/emulation"
JSON = "application/json"


@pytest.fixture
def signed(world):
    return pledge(
        world.province,
        [world.commune_a, world.commune_b],
        year=2025,
        signed=True,
        sizes={world.commune_a.pk: (20000, 20), world.commune_b.pk: (5000, 5)},
    )


def test_pledge_flow(client, world):
    client.force_login(world.province_approver)
    response = client.post(
        f"{API}/pledges", {"body": body_of(world.province).pk, "year": 2026}, content_type=JSON
    )
    assert response.status_code == 201, response.json()
    code = response.json()["code"]
    a, b = body_of(world.commune_a), body_of(world.commune_b)
    pa = client.post(
        f"{API}/pledges/{code}/participants", {"body": a.pk, "population": 20000}, content_type=JSON
    ).json()["id"]
    client.post(
        f"{API}/pledges/{code}/participants", {"body": b.pk, "population": 5000}, content_type=JSON
    )
    assert (
        client.put(
            f"{API}/pledges/{code}/criteria/1",
            {"text": "Tham mưu", "max_score": "20"},
            content_type=JSON,
        ).status_code
        == 200
    )
    assert (
        client.put(
            f"{API}/pledges/{code}/criteria/2",
            {"text": "Mô hình mới", "max_score": 10, "measure": "count"},
            content_type=JSON,
        ).status_code
        == 200
    )
    assert (
        client.patch(
            f"{API}/pledges/{code}/participants/{pa}",
            {"population": 21000, "villages": 21},
            content_type=JSON,
        ).json()["villages"]
        == 21
    )
    assert (
        client.post(
            f"{API}/pledges/{code}/sign", {"signed_on": "2025-12-07"}, content_type=JSON
        ).status_code
        == 200
    )
    detail = client.get(f"{API}/pledges/{code}").json()
    pb = next(p["id"] for p in detail["participants"] if p["id"] != pa)
    scores = [
        {"participant": pa, "criterion": 1, "value": 18},
        {"participant": pb, "criterion": 1, "value": 18},
        {"participant": pa, "criterion": 2, "value": 8},
        {"participant": pb, "criterion": 2, "value": 4},
    ]
    assert (
        client.post(
            f"{API}/pledges/{code}/scores", {"scores": scores}, content_type=JSON
        ).status_code
        == 200
    )
    raw = client.get(f"{API}/pledges/{code}/ranking").json()
    fair = client.get(f"{API}/pledges/{code}/ranking", {"basis": "per_10k_population"}).json()
    assert raw["rows"][0]["participant"] == pa and fair["rows"][0]["participant"] == pb
    assert (
        client.post(f"{API}/pledges/{code}/close", {"on": "2026-01-10"}, content_type=JSON).json()[
            "status"
        ]
        == "scored"
    )
    assert (
        client.post(f"{API}/pledges/{code}/reopen", {"note": "Sửa"}, content_type=JSON).json()[
            "status"
        ]
        == "signed"
    )
    assert (
        client.post(f"{API}/pledges/{code}/cancel", {"note": "Hủy"}, content_type=JSON).json()[
            "status"
        ]
        == "cancelled"
    )


def test_pledge_list_and_visibility(client, world, signed):
    client.force_login(world.commune_editor)  # a participant
    data = client.get(f"{API}/pledges").json()
    assert data["count"] == 1 and data["items"][0]["code"] == str(signed.code)
    assert client.get(f"{API}/pledges", {"year": 2024}).json()["count"] == 0
    assert client.get(f"{API}/pledges", {"unit": "ZZZ"}).status_code == 400
    assert client.get(f"{API}/pledges", {"status": "nope"}).status_code == 422
    client.force_login(world.other_editor)
    assert client.get(f"{API}/pledges").json()["count"] == 0
    assert client.get(f"{API}/pledges/{signed.code}").status_code == 404
    client.force_login(world.outsider)
    assert client.get(f"{API}/pledges").status_code == 403


def test_pledge_errors(client, world, signed):
    client.force_login(world.province_approver)
    a = signed.participants.order_by("unit__code").first()
    bad = client.post(
        f"{API}/pledges/{signed.code}/scores",
        {"scores": [{"participant": a.pk, "criterion": 1, "value": 99}]},
        content_type=JSON,
    )
    assert bad.status_code == 400 and "vượt điểm tối đa" in bad.json()["detail"]
    assert (
        client.post(
            f"{API}/pledges/{signed.code}/scores",
            {"scores": [{"participant": 0, "criterion": 1, "value": 1}]},
            content_type=JSON,
        ).status_code
        == 400
    )
    assert (
        client.post(
            f"{API}/pledges/{signed.code}/scores",
            {"scores": [{"participant": a.pk, "criterion": 1, "value": -1}]},
            content_type=JSON,
        ).status_code
        == 422
    )
    assert (
        client.put(
            f"{API}/pledges/{signed.code}/criteria/3",
            {"text": "x", "max_score": 5},
            content_type=JSON,
        ).status_code
        == 400
    )  # signed: criteria are frozen
    assert client.delete(f"{API}/pledges/{signed.code}/criteria/9").status_code == 404
    assert (
        client.post(f"{API}/pledges", {"body": 999999, "year": 2026}, content_type=JSON).status_code
        == 400
    )
    assert (
        client.post(
            f"{API}/pledges", {"body": body_of(world.province).pk, "year": 1900}, content_type=JSON
        ).status_code
        == 422
    )
    client.force_login(world.commune_editor)
    assert (
        client.post(
            f"{API}/pledges/{signed.code}/cancel", {"note": "x"}, content_type=JSON
        ).status_code
        == 403
    )


def test_draft_participant_and_criterion_removal(client, world):
    p = pledge(world.province, [world.commune_a])
    client.force_login(world.province_approver)
    participant = p.participants.get()
    assert client.delete(f"{API}/pledges/{p.code}/participants/{participant.pk}").status_code == 204
    assert client.delete(f"{API}/pledges/{p.code}/criteria/2").status_code == 204
    assert (
        client.patch(f"{API}/pledges/{p.code}", {"title": "Mới"}, content_type=JSON).json()["title"]
        == "Mới"
    )


def test_commendation_flow(client, world):
    person = person_at(world.commune_a, "Trần Thị Bích")
    client.force_login(world.commune_editor)
    response = client.post(
        f"{API}/commendations",
        {
            "unit": "T1A",
            "form": "medal_dan_van",
            "recipient_kind": "individual",
            "person": str(person.code),
            "proposed_on": "2025-09-01",
            "reason": "Nhiều năm công tác dân vận",
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.json()
    code = response.json()["code"]
    assert (
        client.patch(
            f"{API}/commendations/{code}", {"reason": "Bổ sung"}, content_type=JSON
        ).json()["reason"]
        == "Bổ sung"
    )
    assert (
        client.post(f"{API}/commendations/{code}/review", {}, content_type=JSON).status_code == 403
    )
    client.force_login(world.province_approver)
    assert (
        client.post(
            f"{API}/commendations/{code}/review", {"on": "2025-09-05"}, content_type=JSON
        ).status_code
        == 200
    )
    assert (
        client.post(
            f"{API}/commendations/{code}/return",
            {"note": "Bổ sung", "on": "2025-09-06"},
            content_type=JSON,
        ).json()["status"]
        == "proposed"
    )
    client.post(f"{API}/commendations/{code}/review", {"on": "2025-09-07"}, content_type=JSON)
    ubnd = body_of(world.province, BodyKind.PEOPLES_COMMITTEE)
    decided = client.post(
        f"{API}/commendations/{code}/decide",
        {"decided_on": "2025-10-01", "decision_number": "1/QĐ", "awarding_body": ubnd.pk},
        content_type=JSON,
    ).json()
    assert decided["status"] == "decided" and decided["awarding_body_name"] == ubnd.name
    assert (
        client.get(f"{API}/commendations", {"status": "decided", "unit": "T1"}).json()["count"] == 1
    )


def test_commendation_errors_and_visibility(client, world):
    c = commendation(world.commune_a)
    client.force_login(world.commune_editor)
    assert (
        client.post(
            f"{API}/commendations",
            {
                "unit": "T1A",
                "form": "medal",
                "recipient_kind": "individual",
                "proposed_on": "2025-09-01",
            },
            content_type=JSON,
        ).status_code
        == 422
    )
    missing = client.post(
        f"{API}/commendations",
        {
            "unit": "T1A",
            "form": "certificate",
            "recipient_kind": "individual",
            "proposed_on": "2025-09-01",
        },
        content_type=JSON,
    )
    assert missing.status_code == 400 and "cá nhân" in missing.json()["detail"]
    assert (
        client.post(
            f"{API}/commendations",
            {
                "unit": "T1B",
                "form": "certificate",
                "recipient_kind": "collective",
                "recipient_name": "Chi hội",
                "proposed_on": "2025-09-01",
            },
            content_type=JSON,
        ).status_code
        == 403
    )
    client.force_login(world.sibling_editor)
    assert client.get(f"{API}/commendations/{c.code}").status_code == 404
    assert client.get(f"{API}/commendations").json()["count"] == 0
    client.force_login(world.province_approver)
    assert (
        client.post(
            f"{API}/commendations/{c.code}/reject", {"reason": ""}, content_type=JSON
        ).status_code
        == 422
    )
    assert (
        client.post(
            f"{API}/commendations/{c.code}/reject", {"reason": "Trùng"}, content_type=JSON
        ).status_code
        == 200
    )
    assert (
        client.post(f"{API}/commendations/{c.code}/review", {}, content_type=JSON).status_code
        == 400
    )


def test_rules_and_candidates(client, world):
    example = EligibilityRule.objects.filter(is_example=True).first()
    client.force_login(world.commune_editor)
    assert len(client.get(f"{API}/rules").json()) == 5
    assert client.get(f"{API}/rules/{example.code}").json()["enabled"] is False
    assert (
        client.post(
            f"{API}/rules/{example.code}/enable", {"enabled": True, "note": "x"}, content_type=JSON
        ).status_code
        == 403
    )
    data = client.get(f"{API}/candidates", {"form": "medal_dan_van", "unit": "T1A"}).json()
    assert data["rules"] == [] and data["candidates"] == []
    assert (
        client.get(f"{API}/candidates", {"form": "medal_dan_van", "unit": "T1B"}).status_code == 404
    )
    assert client.get(f"{API}/candidates", {"form": "x", "unit": "T1A"}).status_code == 422


def test_admin_manages_rules(client, world):
    from danvan.accounts.models import Role, RoleGrant

    RoleGrant.objects.create(user=world.central_viewer, unit=world.nation, role=Role.ADMIN)
    client.force_login(world.central_viewer)
    response = client.post(
        f"{API}/rules",
        {
            "award_form": "merit",
            "name": "Bí thư",
            "predicate": "holds_post_title",
            "params": {"title_contains": ["Bí thư"]},
            "confidence": "S",
        },
        content_type=JSON,
    )
    assert response.status_code == 201 and response.json()["enabled"] is False
    code = response.json()["code"]
    bad = client.put(
        f"{API}/rules/{code}",
        {"award_form": "merit", "name": "x", "predicate": "years_in_post", "params": {"years": 0}},
        content_type=JSON,
    )
    assert bad.status_code == 400 and "Tham số" in bad.json()["detail"]
    assert (
        client.post(f"{API}/rules/{code}/enable", {"enabled": True}, content_type=JSON).json()[
            "enabled"
        ]
        is True
    )


def test_unauthenticated(client, world):
    assert client.get(f"{API}/pledges").status_code == 401
