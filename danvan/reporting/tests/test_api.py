"""/api/v1/reporting: every endpoint, every persona; bad input is 4xx with a Vietnamese reason."""

import datetime as dt

import pytest

from danvan.engagements.tests.factories import EngagementFactory
from danvan.reporting.facts import invalidate
from danvan.reporting.models import Report, ReportStatus
from danvan.reporting.standard import load_standard

API = "/api/v1/reporting"


@pytest.fixture
def data(world):
    load_standard()
    EngagementFactory(unit=world.commune_a, date=dt.date(2026, 3, 5), meetings=3, attendance=17385)
    EngagementFactory(unit=world.commune_b, date=dt.date(2026, 4, 5), meetings=2, attendance=40)
    EngagementFactory(unit=world.commune_c, date=dt.date(2026, 5, 5), meetings=7, attendance=70)
    EngagementFactory(
        unit=world.old_commune_a, date=dt.date(2024, 5, 5), meetings=4, attendance=400
    )
    yield world
    invalidate()


def as_(client, user):
    client.force_login(user)
    return client


def test_indicators(client, data):
    r = as_(client, data.commune_editor).get(f"{API}/indicators")
    assert r.status_code == 200
    codes = {i["code"] for i in r.json()}
    assert "attendance" in codes and not any(c.startswith("_") for c in codes)


def test_figures_scope_views_and_children(client, data):
    w = data
    c = as_(client, w.province_approver)
    r = c.get(f"{API}/figures", {"unit": "T1", "period": "2026-01-01/P1Y", "by": "children"})
    assert r.status_code == 200
    body = r.json()
    assert body["figures"]["attendance"] == 17425 and body["own_lower"]["attendance"] == {
        "own": 0,
        "lower": 17425,
    }
    assert {row["unit"] for row in body["children"]} == {"T1A", "T1B"}
    r = c.get(f"{API}/figures", {"unit": "T1A", "period": "2024-01-01/P1Y", "view": "recast"})
    assert r.json()["figures"]["attendance"] == 400
    r = c.get(f"{API}/figures", {"unit": "T1A", "period": "2024-01-01/P1Y"})
    assert r.json()["figures"]["attendance"] == 0
    # scope and bad input
    assert c.get(f"{API}/figures", {"unit": "T2C", "period": "2026-01-01/P1Y"}).status_code == 404
    r = c.get(f"{API}/figures", {"unit": "T1", "period": "2026-13-01/P1Y"})
    assert r.status_code == 400 and "Mã kỳ báo cáo không hợp lệ" in r.json()["detail"]
    assert (
        c.get(f"{API}/figures", {"unit": "T1", "period": "2026-01-01/P1Y", "view": "x"}).status_code
        == 400
    )
    assert (
        c.get(f"{API}/figures", {"unit": "khong-co", "period": "2026-01-01/P1Y"}).status_code == 404
    )
    assert c.get(f"{API}/figures").status_code in (400, 422)
    assert (
        as_(client, w.sibling_editor)
        .get(f"{API}/figures", {"unit": "T1A", "period": "2026-01-01/P1Y"})
        .status_code
        == 404
    )
    assert (
        as_(client, w.outsider).get(f"{API}/figures", {"period": "2026-01-01/P1Y"}).status_code
        == 404
    )


def test_records_paginated_and_scoped(client, data):
    w = data
    c = as_(client, w.central_viewer)
    r = c.get(
        f"{API}/records",
        {
            "indicator": "meetings_held",
            "unit": w.nation.key,
            "period": "2026-01-01/P1Y",
            "limit": 2,
        },
    )
    assert r.status_code == 200
    assert r.json()["count"] == 3 and len(r.json()["items"]) == 2 and r.json()["items"][0]["url"]
    r = as_(client, w.commune_editor).get(
        f"{API}/records", {"indicator": "meetings_held", "period": "2026-01-01/P1Y"}
    )
    assert r.json()["count"] == 1
    assert (
        c.get(f"{API}/records", {"indicator": "x", "period": "2026-01-01/P1Y"}).status_code == 404
    )
    assert (
        c.get(f"{API}/records", {"indicator": "meetings_held", "period": "bad"}).status_code == 400
    )


def test_report_workflow_over_the_api(client, data):
    w = data
    c = as_(client, w.commune_editor)
    r = c.post(
        f"{API}/reports",
        {"template": "dan-van-6-thang", "unit": "T1A", "year": 2026, "part": 1},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    code = r.json()["code"]
    assert r.json()["figures"]["attendance"] == 17385
    r = c.post(f"{API}/reports/{code}/submit")
    assert r.status_code == 400 and "Chưa viết các phần" in r.json()["detail"]
    sections = Report.objects.get(code=code).template.sections
    r = c.put(
        f"{API}/reports/{code}/narratives",
        {"narratives": {s: "Nội dung" for s in sections}},
        content_type="application/json",
    )
    assert r.status_code == 200
    assert (
        c.put(
            f"{API}/reports/{code}/narratives",
            {"narratives": {"Không có": "x"}},
            content_type="application/json",
        ).status_code
        == 400
    )
    assert c.post(f"{API}/reports/{code}/submit").json()["status"] == "submitted"
    assert c.post(f"{API}/reports/{code}/approve").status_code == 403
    # sibling: 404; other unit create: 404
    s = as_(client, w.sibling_editor)
    assert s.get(f"{API}/reports/{code}").status_code == 404
    assert (
        s.post(
            f"{API}/reports",
            {"template": "dan-van-6-thang", "unit": "T1A", "year": 2026},
            content_type="application/json",
        ).status_code
        == 404
    )
    # province returns, commune resubmits, province approves
    p = as_(client, w.province_approver)
    assert (
        p.post(
            f"{API}/reports/{code}/return", {"reason": ""}, content_type="application/json"
        ).status_code
        == 400
    )
    r = p.post(
        f"{API}/reports/{code}/return", {"reason": "Bổ sung"}, content_type="application/json"
    )
    assert r.json()["status"] == "returned"
    as_(client, w.commune_editor).post(f"{API}/reports/{code}/submit")
    p = as_(client, w.province_approver)
    r = p.post(f"{API}/reports/{code}/approve")
    assert (
        r.status_code == 200
        and r.json()["status"] == ReportStatus.APPROVED
        and r.json()["snapshot"]["version"] == 1
    )
    assert p.post(f"{API}/reports/{code}/approve").status_code == 400  # already approved
    # lists
    r = p.get(f"{API}/reports", {"status": "approved", "period": "2026-01-01/P6M", "unit": "T1"})
    assert r.json()["count"] == 1
    assert p.get(f"{API}/reports", {"period": "x"}).status_code == 400
    assert as_(client, w.other_editor).get(f"{API}/reports").json()["count"] == 0
    assert as_(client, w.outsider).get(f"{API}/reports/{code}").status_code == 404
    assert (
        as_(client, w.commune_editor)
        .post(
            f"{API}/reports",
            {"template": "khong-co", "unit": "T1A", "year": 2026},
            content_type="application/json",
        )
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    "code",
    [
        "2026-01-01/P0M",
        "2026-01-01/P99999999999999999999Y",
        "/",
        "2026-02-30/P1M",
        "2026-03-01/2026-01-01",
    ],
)
def test_bad_period_codes_are_400_in_vietnamese(client, data, code):
    r = as_(client, data.province_approver).get(f"{API}/figures", {"unit": "T1", "period": code})
    assert r.status_code == 400 and "không hợp lệ" in r.json()["detail"]
