"""/api/v1/directives over the same actions and permissions: every endpoint, every persona."""

import datetime as dt
import json
from pathlib import Path

import pytest

from danvan.accounts.permissions import SYSTEM
from danvan.audit.models import AuditEvent, Channel
from danvan.directives import actions
from danvan.directives.citations import parse_code
from danvan.directives.models import Directive
from danvan.units.models import Body

from .factories import DirectiveFactory

API = "/api/v1/directives"
D = dt.date
SHARED = Path(__file__).resolve().parents[3] / ".." / "shared" / "ingest"


@pytest.fixture
def docs(world):
    central = DirectiveFactory(
        symbol="11-QĐi/TW",
        issuing_unit=world.nation,
        issued_on=D(2019, 2, 18),
        title="Về trách nhiệm của người đứng đầu cấp ủy trong việc tiếp dân",
    )
    province = DirectiveFactory(
        symbol="21-CT/TU", issuing_unit=world.province, issued_on=D(2025, 8, 1), title="Về dân vận"
    )
    other = DirectiveFactory(
        symbol="21-CT/TU", issuing_unit=world.other_province, issued_on=D(2025, 8, 5), title="Khác"
    )
    actions.link(Body.objects.filter(unit=world.commune_a).first(), central, by=SYSTEM)
    actions.link(Body.objects.filter(unit=world.commune_c).first(), central, by=SYSTEM)
    return {"central": central, "province": province, "other": other}


def as_(client, user):
    client.force_login(user)
    return client


def symbols(response):
    assert response.status_code == 200, response.content
    return sorted(item["symbol"] for item in response.json()["items"])


def post(client, url, payload):
    return client.post(url, payload, content_type="application/json")


def patch(client, url, payload):
    return client.patch(url, payload, content_type="application/json")


def test_anonymous_callers_get_401(client, docs):
    assert client.get(API).status_code == 401
    assert post(client, API, {}).status_code == 401
    assert post(client, f"{API}/parse", {"text": "56-NQ/TU"}).status_code == 401


@pytest.mark.parametrize("persona", ["central_viewer", "province_approver", "commune_editor"])
def test_every_official_with_a_role_lists_everything(client, world, docs, persona):
    response = as_(client, getattr(world, persona)).get(API)
    assert symbols(response) == ["11-QĐi/TW", "21-CT/TU", "21-CT/TU"]
    assert response.json()["count"] == 3


def test_callers_without_a_role_get_403_and_404(client, world, docs):
    c = as_(client, world.outsider)
    response = c.get(API)
    assert response.status_code == 403 and "chưa được giao vai trò" in response.json()["detail"]
    assert c.get(f"{API}/{docs['central'].code}").status_code == 404
    assert post(c, f"{API}/parse", {"text": "56-NQ/TU"}).status_code == 403


def test_list_filters(client, world, docs):
    c = as_(client, world.commune_editor)
    assert symbols(c.get(API, {"q": "tiep dan"})) == ["11-QĐi/TW"]
    assert symbols(c.get(API, {"unit": "T1"})) == ["21-CT/TU"]
    assert symbols(c.get(API, {"issuer": "tw", "system": "party"})) == ["11-QĐi/TW"]
    assert symbols(c.get(API, {"year": 2019})) == ["11-QĐi/TW"]
    assert symbols(c.get(API, {"stub": "true"})) == []
    assert symbols(c.get(API, {"type_name": "Chỉ thị"})) == ["21-CT/TU", "21-CT/TU"]
    assert c.get(API, {"unit": "ZZ"}).status_code == 400
    assert c.get(API, {"year": "hai"}).status_code == 422
    assert c.get(API, {"system": "khac"}).status_code == 422


def test_detail_with_links_filtered_by_the_callers_scope(client, world, docs):
    url = f"{API}/{docs['central'].code}"
    body = as_(client, world.commune_editor).get(url).json()
    assert body["symbol"] == "11-QĐi/TW" and body["issuing_unit"] == "VN"
    assert body["issuer"] == "Ban Chấp hành Trung ương, Bộ Chính trị, Ban Bí thư"  # no body set
    assert len(body["links"]) == 1 and body["hidden_links"] == 1
    assert (
        body["links"][0]["record_type"] == "units.body" and body["links"][0]["role"] == "implements"
    )
    body = as_(client, world.central_viewer).get(url).json()
    assert len(body["links"]) == 2 and body["hidden_links"] == 0
    assert client.get(f"{API}/00000000-0000-0000-0000-000000000000").status_code == 404
    assert client.get(f"{API}/khong-phai-uuid").status_code == 422


def test_create(client, world, docs):
    c = as_(client, world.commune_editor)
    payload = {
        "symbol": "05-NQ/ĐU",
        "issuing_unit": "T1A",
        "issued_on": "2025-09-02",
        "title": "Về dân vận",
        "amends": [str(docs["central"].code)],
    }
    response = post(c, API, payload)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["type_name"] == "Nghị quyết" and body["issuing_body"] == "Đảng ủy phường An"
    assert body["amends"] == [str(docs["central"].code)]
    event = AuditEvent.objects.get(verb="directives.create")
    assert event.channel == Channel.API


@pytest.mark.parametrize(
    ("payload", "status", "detail"),
    [
        ({"issuing_unit": "T1"}, 403, "không có quyền"),
        ({"issuing_unit": "ZZ"}, 400, "Không có đơn vị mã “ZZ”"),
        ({"symbol": "năm nay"}, 400, "không đúng dạng"),
        ({"issued_on": "2024-01-05"}, 400, "không tồn tại vào ngày 05/01/2024"),
        ({"issuing_body": 999999}, 400, "Không có cơ quan"),
        ({"amends": ["00000000-0000-0000-0000-000000000000"]}, 400, "Không có văn bản mã"),
        ({"issued_on": "05/09/2025"}, 422, "không hợp lệ"),
        ({"symbol": None}, 422, "không hợp lệ"),
        ({"title": "x" * 501}, 422, "không hợp lệ"),
    ],
)
def test_create_errors(client, world, payload, status, detail):
    base = {"symbol": "05-NQ/ĐU", "issuing_unit": "T1A", "issued_on": "2025-09-02"}
    response = post(as_(client, world.commune_editor), API, {**base, **payload})
    assert response.status_code == status, response.content
    assert detail in response.json()["detail"]
    assert not Directive.objects.exists()


def test_malformed_json_is_4xx_not_500(client, world):
    response = as_(client, world.commune_editor).post(
        API, "{không phải json", content_type="application/json"
    )
    assert 400 <= response.status_code < 500


def test_update_only_the_fields_sent(client, world, docs):
    d = docs["province"]
    url = f"{API}/{d.code}"
    assert patch(as_(client, world.commune_editor), url, {"title": "Sửa"}).status_code == 403
    response = patch(as_(client, world.province_approver), url, {"title": "Về đẩy mạnh dân vận"})
    assert response.status_code == 200, response.content
    d.refresh_from_db()
    assert d.title == "Về đẩy mạnh dân vận" and d.issued_on == D(2025, 8, 1)
    assert (
        patch(client, url, {"valid_from": "2025-09-01", "valid_to": "2025-08-01"}).status_code
        == 400
    )
    assert patch(client, url, {"replaced_by": str(d.code)}).status_code == 400


def test_complete_a_stub(client, world):
    stub = actions.create_stub(
        parse_code("08-NQ/TU"),
        by=SYSTEM,
        context_unit=world.commune_a,
        issuing_unit=world.province,
    )
    url = f"{API}/{stub.code}/complete"
    c = as_(client, world.province_approver)
    response = post(c, url, {"title": "Về nhiệm vụ"})
    assert response.status_code == 400 and "ngày ban hành" in response.json()["detail"]
    response = post(c, url, {"title": "Về nhiệm vụ", "issued_on": "2025-08-01"})
    assert response.status_code == 200 and response.json()["is_stub"] is False


# --- Parse ---------------------------------------------------------------------------------------


def test_parse_returns_citations_with_their_matches(client, world, docs):
    text = "Chỉ thị số 21-CT/TU, ngày 01/8/2025 của Ban Thường vụ Tỉnh ủy; Kết luận số 120-KL/TW."
    c = as_(client, world.commune_editor)
    body = post(c, f"{API}/parse", {"text": text, "unit": "T1A", "date": "2025-09-15"}).json()
    first, second = body["citations"]
    assert first["code"] == "21-CT/TU" and first["type_name"] == "Chỉ thị"
    assert first["issuer"] == "TU" and first["system"] == "party" and first["date"] == "2025-08-01"
    assert text[first["start"] : first["end"]] == "21-CT/TU"
    assert first["directive"]["code"] == str(docs["province"].code)
    assert first["issuing_unit"] == "T1" and first["same_symbol"] == 2
    assert second["directive"] is None and second["issuing_unit"] == "VN"
    # Without a unit the shared symbol is ambiguous; nothing is ever written.
    body = post(c, f"{API}/parse", {"text": "Chỉ thị số 21-CT/TU"}).json()
    assert body["citations"][0]["directive"] is None
    assert not Directive.objects.filter(symbol="120-KL/TW").exists()


def test_parse_every_occurrence_on_request(client, world):
    text = "Chỉ thị 21-CT/TU, ngày 22/12/2021; theo Chỉ thị số 21-CT/TU."
    c = as_(client, world.commune_editor)
    assert len(post(c, f"{API}/parse", {"text": text}).json()["citations"]) == 1
    assert len(post(c, f"{API}/parse", {"text": text, "unique": False}).json()["citations"]) == 2


def test_parse_errors(client, world):
    c = as_(client, world.commune_editor)
    assert post(c, f"{API}/parse", {"text": "x", "unit": "ZZ"}).status_code == 400
    assert post(c, f"{API}/parse", {}).status_code == 422
    assert post(c, f"{API}/parse", {"text": "x", "date": "15/09/2025"}).status_code == 422
    assert post(c, f"{API}/parse", {"text": "x" * 100_001}).status_code == 422


def _gold():
    path = SHARED / "gold" / "seeds.jsonl"
    if not path.exists():
        return {}
    return {g["id"]: g for g in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if g}


@pytest.mark.parametrize("seed_id", [f"seed_{i}" for i in range(5)])
def test_the_parse_endpoint_returns_the_gold_documents_of_each_seed_article(client, world, seed_id):
    gold = _gold()
    if seed_id not in gold:
        pytest.skip(f"shared gold not found under {SHARED}")
    text = (SHARED / "articles" / f"{seed_id}.txt").read_text(encoding="utf-8")
    response = post(as_(client, world.central_viewer), f"{API}/parse", {"text": text})
    assert response.status_code == 200
    found = [{"code": c["code"], "date": c["date"]} for c in response.json()["citations"]]
    assert found == gold[seed_id]["documents"]
