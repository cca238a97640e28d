"""The central documents loader, its command, and the demo placement of the seed citations."""

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from danvan.accounts.permissions import SYSTEM
from danvan.audit.models import AuditEvent, Channel
from danvan.directives import demo
from danvan.directives.central import CENTRAL, load_central
from danvan.directives.citations import unique_citations
from danvan.directives.linking import resolve_citation
from danvan.directives.models import Directive

D = dt.date
GOLD = Path(__file__).resolve().parents[3] / ".." / "shared" / "ingest" / "gold" / "seeds.jsonl"


def test_load_central_is_idempotent_and_links_amendments(world):
    assert load_central(by=SYSTEM) == {"thêm": len(CENTRAL), "bổ sung": 0, "không đổi": 0}
    assert load_central(by=SYSTEM) == {"thêm": 0, "bổ sung": 0, "không đổi": len(CENTRAL)}
    rule = Directive.objects.get(symbol="11-QĐi/TW")
    assert rule.issuing_unit == world.nation and rule.issued_on == D(2019, 2, 18)
    assert rule.title.startswith("Về trách nhiệm của người đứng đầu cấp ủy")
    assert [d.symbol for d in rule.amended_by.all()] == ["215-KL/TW"]
    law = Directive.objects.get(symbol="136/2025/QH15")
    assert {d.symbol for d in law.amends.all()} == {"02/2011/QH13", "42/2013/QH13", "25/2018/QH14"}
    assert law.valid_from == D(2026, 7, 1) and law.type_name == "Luật"
    assert Directive.objects.get(symbol="10/2022/QH15").title == "Luật Thực hiện dân chủ ở cơ sở"


def test_load_central_completes_a_stub_left_by_a_citation(world):
    (citation,) = unique_citations("theo Quy định 11-QĐi/TW… Riêng")
    stub = resolve_citation(
        citation, context_unit=world.commune_a, context_date=D(2025, 9, 1), by=SYSTEM
    )
    assert stub.is_stub and stub.issuing_unit == world.nation
    assert load_central(by=SYSTEM)["bổ sung"] == 1
    stub.refresh_from_db()
    assert not stub.is_stub and stub.issued_on == D(2019, 2, 18)
    assert Directive.objects.filter(symbol="11-QĐi/TW").count() == 1


def test_the_command(world):
    out = io.StringIO()
    call_command("load_directives", "--dry-run", stdout=out)
    assert "12 thêm" in out.getvalue() and "chạy thử" in out.getvalue()
    assert not Directive.objects.exists()
    call_command("load_directives", stdout=out)
    assert Directive.objects.count() == len(CENTRAL)
    assert AuditEvent.objects.filter(verb="directives.create").first().channel == Channel.CLI


def _gold(seed_id):
    if not GOLD.exists():
        pytest.skip(f"shared gold not found at {GOLD}")
    rows = {g["id"]: g for g in map(json.loads, GOLD.read_text(encoding="utf-8").splitlines())}
    return [
        (d["code"], D.fromisoformat(d["date"]) if d["date"] else None)
        for d in rows[seed_id]["documents"]
    ]


@pytest.mark.parametrize(("excerpt", "seed_id"), [(demo.SEED_1, "seed_1"), (demo.SEED_3, "seed_3")])
def test_the_demo_excerpts_cite_what_the_articles_cite(excerpt, seed_id):
    assert [(c.code, c.date) for c in unique_citations(excerpt)] == _gold(seed_id)


def test_the_demo_places_each_citation_under_the_right_unit(places):
    summary = demo.load_demo(by=SYSTEM)
    assert summary.startswith("19 trích dẫn")

    def entry(key, symbol):
        return Directive.objects.get(issuing_unit__key=key, symbol=symbol)

    city, qn, tv, cn = "193@2025-06-30", "22@2025-06-30", "84@2025-06-30", "848@2025-06-30"
    for symbol in ("56-NQ/TU", "2152-QĐ/TU", "393-TB/TU", "414-TB/TU", "36/NQ-HĐND", "03-NQ/ĐU"):
        assert entry(city, symbol)
    for symbol in ("08-NQ/TU", "21-CT/TU", "23-CT/TU", "337/2021/NQ-HĐND"):
        assert entry(qn, symbol)
    assert entry(tv, "21-CT/TU").issued_on == D(2022, 5, 27)
    assert entry(qn, "21-CT/TU").issued_on == D(2021, 12, 22)
    assert entry(tv, "01-KH/BCĐ").title.startswith("Quy chế dân chủ ở cơ sở")
    assert entry(cn, "391-QĐ/HU").issuing_body.name == "Huyện ủy Cầu Ngang"
    assert not entry("VN", "11-QĐi/TW").is_stub  # the central document, not a stub
    assert entry("VN", "120-KL/TW").is_stub and entry(qn, "08-NQ/TU").is_stub
    assert entry(city, "2152-QĐ/TU").issuing_body.name == "Thành ủy Hạ Long"
    count = Directive.objects.count()
    assert demo.load_demo(by=SYSTEM).endswith("0 văn bản được bổ sung")
    assert Directive.objects.count() == count
