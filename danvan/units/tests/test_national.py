"""The real national load: counts, lineage and search on all ~14,000 units.

The units are loaded once for this module inside a transaction that is rolled back
at its end, so other modules keep their small test world.
"""

import datetime as dt

import pytest
from django.db import connection, transaction

from danvan.units import lineage
from danvan.units.actions import load_units
from danvan.units.models import Body, BodyKind, Level, Lineage, LineageKind, Unit, UnitClosure
from danvan.units.search import search_units

pytestmark = pytest.mark.fullunits
ISLANDS = {"Bạch Long Vĩ", "Cồn Cỏ", "Hoàng Sa", "Lý Sơn", "Côn Đảo"}


@pytest.fixture(scope="module")
def national(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        result = load_units()
        # Check the deferred foreign keys once now, not again in every test's teardown.
        connection.check_constraints()
        yield result
        transaction.set_rollback(True)


@pytest.fixture
def units(national, db):
    return national


def count(client, **params):
    response = client.get("/api/v1/units", {**params, "limit": 1})
    assert response.status_code == 200, response.content
    return response.json()["count"]


def test_the_api_counts_both_structures(client, units):
    assert count(client, valid_on="2026-01-01", level="province") == 34
    assert count(client, valid_on="2026-01-01", level="commune") == 3321
    assert count(client, valid_on="2026-01-01", level="district") == 0
    assert count(client, valid_on="2025-06-30", level="province") == 63
    assert count(client, valid_on="2025-06-30", level="district") == 696
    assert count(client, valid_on="2025-06-30", level="commune") == 10035
    assert count(client, valid_on="2026-01-01", level="nation") == 1


def test_kinds_match_the_official_breakdown(client, units):
    on = "2026-01-01"
    assert count(client, valid_on=on, kind="commune") == 2621
    assert count(client, valid_on=on, kind="ward") == 687
    assert count(client, valid_on=on, kind="special_zone") == 13
    assert count(client, valid_on=on, kind="central_city") == 6
    old = "2025-06-30"
    assert count(client, valid_on=old, kind="rural_district") == 508
    assert count(client, valid_on=old, kind="urban_district") == 49
    assert count(client, valid_on=old, kind="town") == 52
    assert count(client, valid_on=old, kind="provincial_city") == 87
    assert count(client, valid_on=old, kind="township") == 616


def test_every_old_commune_and_island_district_has_a_successor(units):
    old_communes = Unit.objects.legacy().filter(level=Level.COMMUNE)
    assert old_communes.count() == 10035
    assert not old_communes.filter(successor_links__isnull=True).exists()
    islands = Unit.objects.legacy().filter(level=Level.DISTRICT, children__isnull=True)
    assert set(islands.values_list("short_name", flat=True)) == ISLANDS
    for district in islands:
        (succ,) = lineage.successors(district)
        assert succ.unit.kind == "special_zone" and succ.kind == LineageKind.REORGANIZED


def test_every_old_province_has_one_successor_and_every_new_unit_a_predecessor(units):
    assert (
        not Unit.objects.legacy()
        .filter(level=Level.PROVINCE, successor_links__isnull=True)
        .exists()
    )
    assert (
        not Unit.objects.current()
        .filter(level__in=[Level.PROVINCE, Level.COMMUNE], predecessor_links__isnull=True)
        .exists()
    )
    vinh_long = Unit.objects.get(key="86")
    assert {x.unit.short_name for x in lineage.predecessors(vinh_long)} == {
        "Vĩnh Long",
        "Bến Tre",
        "Trà Vinh",
    }
    assert all(x.kind == LineageKind.MERGED for x in lineage.predecessors(vinh_long))
    (qn,) = lineage.predecessors(Unit.objects.get(key="22"))
    assert qn.kind == LineageKind.UNCHANGED and qn.unit.key == "22@2025-06-30"


def test_split_communes_have_exactly_one_default_target(units):
    split_preds = sorted(
        set(Lineage.objects.filter(kind=LineageKind.SPLIT).values_list("predecessor", flat=True))
    )
    assert len(split_preds) == 471
    for pred in split_preds[:50]:
        assert Lineage.objects.filter(predecessor=pred, is_default=True).count() == 1


def test_a_district_reaches_the_communes_its_communes_went_into(units):
    cau_ngang = Unit.objects.get(key="848@2025-06-30")
    reached = {x.unit.name for x in lineage.successors(cau_ngang)}
    assert {"Xã Cầu Ngang", "Xã Mỹ Long", "Xã Hiệp Mỹ", "Xã Nhị Trường", "Xã Vinh Kim"} <= reached
    assert all(x.unit.parent.short_name == "Vĩnh Long" for x in lineage.successors(cau_ngang))
    ha_long = Unit.objects.get(key="193@2025-06-30")
    assert "Phường Hạ Long" in {x.unit.name for x in lineage.successors(ha_long)}


def test_a_new_ward_knows_the_old_districts_it_came_from(units):
    ward = Unit.objects.get(key="06688")  # Phường Hạ Long
    assert [d.name for d in lineage.predecessor_districts(ward)] == ["Thành phố Hạ Long"]


def test_the_closure_answers_subtrees_and_ancestors(units):
    quang_ninh = Unit.objects.get(key="22")
    assert Unit.objects.subtree_of(quang_ninh).filter(level=Level.COMMUNE).count() == 54
    ward = Unit.objects.get(key="06688")
    assert [u.key for u in ward.ancestors()] == ["VN", "22"]
    old_ward = Unit.objects.get(key="06679@2025-06-30")
    assert [u.key for u in old_ward.ancestors()] == ["VN", "22@2025-06-30", "193@2025-06-30"]
    assert UnitClosure.objects.count() == 1 + 2 * 97 + 3 * 696 + 3 * 3321 + 4 * 10035


def test_search_ignores_diacritics_and_case(units):
    for query in ("ha long", "HẠ LONG", "Ha Long", "hạ  long"):
        names = [(u.name, u.is_current) for u in search_units(query)[:10]]
        assert ("Phường Hạ Long", True) in names
        assert ("Thành phố Hạ Long", False) in names


def test_searching_cau_ngang_finds_the_district_and_its_successors(client, units):
    page = client.get("/don-vi/tim-kiem/", {"q": "cau ngang"}).content.decode()
    assert "Huyện Cầu Ngang" in page and "Tỉnh Trà Vinh" in page
    assert "Nay là:" in page and "Xã Cầu Ngang" in page and "Vĩnh Long" in page
    api = client.get("/api/v1/units", {"q": "cau ngang"}).json()
    assert {"Huyện Cầu Ngang", "Xã Cầu Ngang", "Thị trấn Cầu Ngang"} <= {
        u["name"] for u in api["items"]
    }


def test_bodies_carry_their_names_over_time(units):
    qn_old = Unit.objects.get(key="22@2025-06-30")
    bdv = Body.objects.get(
        unit=qn_old, kind=BodyKind.MASS_MOBILIZATION, name__startswith="Ban Dân vận"
    )
    assert bdv.name == "Ban Dân vận Tỉnh ủy Quảng Ninh" and bdv.short_code == "BDVTU"
    assert bdv.successor.name == "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh"
    assert (
        Body.objects.filter(unit=qn_old)
        .valid_on(dt.date(2024, 1, 1))
        .filter(kind=BodyKind.MASS_MOBILIZATION)
        .get()
        == bdv
    )
    cau_ngang = Unit.objects.get(key="848@2025-06-30")
    assert Body.objects.filter(unit=cau_ngang, name="Ban Dân vận Huyện ủy Cầu Ngang").exists()
    ward = Unit.objects.get(key="06688")
    assert Body.objects.filter(
        unit=ward, name="Ủy ban Mặt trận Tổ quốc Việt Nam phường Hạ Long"
    ).exists()
    central = (
        Body.objects.filter(unit__key="VN", kind=BodyKind.MASS_MOBILIZATION)
        .valid_on(dt.date(2026, 1, 1))
        .get()
    )
    assert central.name == "Ban Tuyên giáo và Dân vận Trung ương"


def test_a_second_load_changes_nothing(units):
    again = load_units()
    assert (again.inserted, again.updated, again.lineage_inserted, again.bodies_inserted) == (
        0,
        0,
        0,
        0,
    )
    assert again.unchanged == Unit.objects.count()


def test_unit_pages_show_lineage(client, units):
    page = client.get("/don-vi/848@2025-06-30/").content.decode()
    assert "Huyện Cầu Ngang" in page and "địa bàn thuộc về" in page and "Xã Cầu Ngang" in page
    page = client.get("/don-vi/86/").content.decode()
    assert "Hình thành từ" in page and "Tỉnh Trà Vinh" in page
    page = client.get("/don-vi/VN/", {"cau-truc": "truoc-2025"}).content.decode()
    assert page.count('class="tiles"') == 1 and "Tỉnh Trà Vinh" in page and "Tỉnh Hà Giang" in page


def test_the_unit_detail_api(client, units):
    body = client.get("/api/v1/units/848@2025-06-30").json()
    assert [a["key"] for a in body["ancestors"]] == ["VN", "84@2025-06-30"]
    assert len(body["children"]) == 15
    assert {s["unit"]["name"] for s in body["successors"]} >= {"Xã Cầu Ngang"}
    assert all(s["derived"] for s in body["successors"])
    body = client.get(
        "/api/v1/units", {"parent": "84", "valid_on": "2025-06-30", "limit": 100}
    ).json()
    assert body["count"] == 9 and "Huyện Cầu Ngang" in {u["name"] for u in body["items"]}
