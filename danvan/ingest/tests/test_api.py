"""/api/v1/ingest by persona: extraction without writes, drafts, confirmation, 4xx."""

from __future__ import annotations

import pytest

from danvan.conferences.models import Conference
from danvan.ingest import actions
from danvan.ingest.models import Draft
from danvan.reporting.standard import load_standard

from .factories import SAMPLE

API = "/api/v1/ingest"


@pytest.fixture
def draft(world):  # type: ignore[no-untyped-def]
    d, _ = actions.import_article(by=world.commune_editor, text=SAMPLE)
    return d


def test_anonymous_callers_get_401(client, db):
    assert (
        client.post(f"{API}/extract", {"text": SAMPLE}, content_type="application/json").status_code
        == 401
    )
    assert client.get(f"{API}/drafts").status_code == 401


def test_extract_writes_nothing(client, world):
    client.force_login(world.commune_editor)
    response = client.post(f"{API}/extract", {"text": SAMPLE}, content_type="application/json")
    assert response.status_code == 200
    data = response.json()
    assert data["title"].startswith("Ban Dân vận Huyện ủy Cũ sơ kết")
    assert data["event_date"] == "2024-07-10"
    assert data["people"] == [
        {"name": "Phạm Văn Tâm", "positions": "Phó Bí thư Thường trực Huyện ủy"}
    ]
    assert data["extractor_version"] == actions.EXTRACTOR_VERSION
    assert Draft.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "status"),
    [({"text": ""}, 422), ({}, 422), ({"text": 5}, 422), ("not json", 400)],
)
def test_extract_bad_input_is_4xx(client, world, body, status):
    client.force_login(world.commune_editor)
    response = client.post(f"{API}/extract", body, content_type="application/json")
    assert 400 <= response.status_code < 500


def test_extract_needs_the_editor_role(client, world):
    client.force_login(world.central_viewer)
    response = client.post(f"{API}/extract", {"text": SAMPLE}, content_type="application/json")
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("persona", "count"),
    [
        ("commune_editor", 1),
        ("province_approver", 1),
        ("central_viewer", 0),
        ("sibling_editor", 0),
        ("outsider", 0),
    ],
)
def test_list_by_persona(client, world, draft, persona, count):
    client.force_login(getattr(world, persona))
    data = client.get(f"{API}/drafts").json()
    assert data["count"] == count
    if count:
        assert data["items"][0]["code"] == str(draft.code)
        assert data["items"][0]["unit"] == "T1A"


def test_list_filters(client, world, draft):
    client.force_login(world.commune_editor)
    assert client.get(f"{API}/drafts", {"q": "huyen uy cu"}).json()["count"] == 1
    assert client.get(f"{API}/drafts", {"status": "confirmed"}).json()["count"] == 0
    assert client.get(f"{API}/drafts", {"status": "sai"}).status_code == 422


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("commune_editor", 200),
        ("province_approver", 200),
        ("sibling_editor", 404),
        ("outsider", 404),
    ],
)
def test_detail_by_persona(client, world, draft, persona, status):
    client.force_login(getattr(world, persona))
    response = client.get(f"{API}/drafts/{draft.code}")
    assert response.status_code == status
    if status == 200:
        assert response.json()["text"].startswith("Ban Dân vận Huyện ủy Cũ")


def test_create_then_again_updates(client, world):
    client.force_login(world.commune_editor)
    response = client.post(f"{API}/drafts", {"text": SAMPLE}, content_type="application/json")
    assert response.status_code == 201 and response.json()["result"] == "new"
    response = client.post(f"{API}/drafts", {"text": SAMPLE}, content_type="application/json")
    assert response.status_code == 200 and response.json()["result"] == "unchanged"
    assert Draft.objects.count() == 1
    response = client.post(
        f"{API}/drafts", {"text": SAMPLE, "unit": "T1B"}, content_type="application/json"
    )
    assert response.status_code == 403
    response = client.post(
        f"{API}/drafts", {"text": SAMPLE, "unit": "KHONG"}, content_type="application/json"
    )
    assert response.status_code == 400
    client.force_login(world.outsider)
    assert (
        client.post(f"{API}/drafts", {"text": SAMPLE}, content_type="application/json").status_code
        == 403
    )


def test_save_confirm_and_discard(client, world, draft):
    load_standard()
    client.force_login(world.commune_editor)
    edited = {**draft.edited, "unit": world.old_commune_a.key}
    response = client.put(f"{API}/drafts/{draft.code}", edited, content_type="application/json")
    assert (
        response.status_code == 200 and response.json()["edited"]["unit"] == world.old_commune_a.key
    )
    bad = {**edited, "figures": [{"what": "attendance", "value": -1}]}
    assert (
        client.put(f"{API}/drafts/{draft.code}", bad, content_type="application/json").status_code
        == 422
    )
    assert (
        client.put(
            f"{API}/drafts/{draft.code}",
            {**edited, "unit": "KHONG"},
            content_type="application/json",
        ).status_code
        == 400
    )
    client.force_login(world.sibling_editor)
    assert (
        client.post(
            f"{API}/drafts/{draft.code}/confirm", {}, content_type="application/json"
        ).status_code
        == 404
    )
    client.force_login(world.commune_editor)
    response = client.post(
        f"{API}/drafts/{draft.code}/confirm", {}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["status"] == "confirmed" and data["confirmed_by"] == "xa_a"
    c = Conference.objects.get(code=data["conference"])
    assert c.unit == world.old_commune_a
    # Confirming again with corrections updates the same conference.
    response = client.post(
        f"{API}/drafts/{draft.code}/confirm",
        {"draft": {**edited, "venue": "Hội trường xã"}},
        content_type="application/json",
    )
    assert response.status_code == 200 and Conference.objects.get().venue == "Hội trường xã"
    # A confirmed draft cannot be discarded.
    assert client.post(f"{API}/drafts/{draft.code}/discard").status_code == 400


def test_confirm_errors_are_400(client, world, draft):
    client.force_login(world.commune_editor)
    response = client.post(
        f"{API}/drafts/{draft.code}/confirm", {}, content_type="application/json"
    )
    assert response.status_code == 400  # Phường An did not exist on 10/07/2024
    assert "không tồn tại" in response.content.decode()
    response = client.post(f"{API}/drafts/{draft.code}/discard")
    assert response.status_code == 200 and response.json()["status"] == "discarded"
