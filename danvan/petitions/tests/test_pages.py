"""Every petition page for every persona: the commune editor sees and changes only its
subtree, the province approver sees its communes, the outsider sees nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.accounts.permissions import SYSTEM
from danvan.audit.models import AuditEvent
from danvan.petitions import actions
from danvan.petitions.models import Kind, Petition

from .factories import receive

D = dt.date


@pytest.fixture
def records(tables, world):  # type: ignore[no-untyped-def]
    return {
        "a": receive(world.commune_a, received_on=D(2025, 9, 1), summary="Đơn ở Phường An"),
        "a_old": receive(world.old_commune_a, received_on=D(2024, 5, 6), summary="Đơn ở Xã An Cũ"),
        "b": receive(world.commune_b, received_on=D(2025, 9, 2), summary="Đơn ở Xã Bình"),
        "c": receive(world.commune_c, received_on=D(2025, 9, 3), summary="Đơn ở Xã Cường"),
    }


VISIBLE = {
    "central_viewer": {"a", "a_old", "b", "c"},
    "province_approver": {"a", "a_old", "b"},
    "commune_editor": {"a", "a_old"},
    "outsider": set(),
}


def shown(page: str, records: dict) -> set[str]:  # type: ignore[type-arg]
    return {k for k, p in records.items() if p.summary in page}


@pytest.mark.parametrize("persona", sorted(VISIBLE))
def test_list_shows_exactly_the_subtree(client, world, records, persona):
    client.force_login(world.personas[persona])
    response = client.get(reverse("petitions:list"))
    if persona == "outsider":
        assert response.status_code == 403
        return
    assert response.status_code == 200
    assert shown(response.content.decode(), records) == VISIBLE[persona]


@pytest.mark.parametrize("persona", sorted(VISIBLE))
def test_detail_and_case_pages_hide_other_units(client, world, records, persona):
    client.force_login(world.personas[persona])
    for key, p in records.items():
        expected = 200 if key in VISIBLE[persona] else 404
        assert client.get(p.get_absolute_url()).status_code == expected, (persona, key)
        assert client.get(reverse("petitions:case", args=[p.case.code])).status_code == expected


def test_the_sibling_commune_gets_404_everywhere(client, world, records):
    client.force_login(world.sibling_editor)
    p = records["a"]
    assert client.get(p.get_absolute_url()).status_code == 404
    assert client.get(reverse("petitions:edit", args=[p.code])).status_code == 404
    for name in ("update", "transition", "extend", "recompute", "attach", "detach", "identity"):
        assert client.post(reverse(f"petitions:{name}", args=[p.code]), {}).status_code == 404, name


def test_list_filters_and_search(client, world, records):
    client.force_login(world.province_approver)
    url = reverse("petitions:list")
    assert shown(client.get(url, {"don-vi": "T1B"}).content.decode(), records) == {"b"}
    assert shown(client.get(url, {"don-vi": "T1A"}).content.decode(), records) == {"a", "a_old"}
    assert shown(client.get(url, {"q": "DON O XA BINH"}).content.decode(), records) == {"b"}
    assert shown(client.get(url, {"tu-ngay": "01/01/2025"}).content.decode(), records) == {"a", "b"}
    assert shown(client.get(url, {"trang-thai": "da-xu-ly"}).content.decode(), records) == set()
    page = client.get(url, {"don-vi": "T2C"}).content.decode()
    assert "Không tìm thấy đơn vị này trong phạm vi bạn được giao." in page
    assert "Ngày không hợp lệ" in client.get(url, {"tu-ngay": "32/13/2025"}).content.decode()
    rows = client.get(url, {"loai": "complaint"}, HTTP_HX_REQUEST="true")
    assert rows.status_code == 200 and "<html" not in rows.content.decode()
    assert rows["Vary"] and "HX-Request" in rows["Vary"]


def test_list_query_count_does_not_grow(client, world, tables, django_assert_max_num_queries):
    client.force_login(world.province_approver)
    for i in range(2):
        receive(world.commune_a, received_on=D(2025, 9, 1), summary=f"Đơn {i}")
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("petitions:list"))
    for i in range(48):
        receive(world.commune_b, received_on=D(2025, 9, 1), summary=f"Đơn thêm {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("petitions:list"))
    assert response.content.decode().count("Đơn thêm") == 48


def test_receiving_a_petition_through_the_form(client, world, tables):
    client.force_login(world.commune_editor)
    assert client.get(reverse("petitions:new")).status_code == 200
    form = {
        "unit": "T1A",
        "received_on": "02/09/2025",
        "kind": "complaint",
        "complaint_round": "1",
        "category": "land",
        "channel": "direct",
        "signatories": "one",
        "signatory_count": "1",
        "summary": "Khiếu nại bồi thường đất",
        "petitioner_name": "Lê Văn Khiếu",
    }
    response = client.post(reverse("petitions:create"), form)
    assert response.status_code == 302
    p = Petition.objects.get(summary="Khiếu nại bồi thường đất")
    assert (p.unit, p.created_by, p.received_on) == (
        world.commune_a,
        world.commune_editor,
        D(2025, 9, 2),
    )
    assert AuditEvent.objects.get(verb="petitions.receive", target_id=str(p.pk)).channel == "web"
    assert client.get(reverse("petitions:create")).status_code == 405


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"unit": "T1B"}, "Không tìm thấy đơn vị này trong phạm vi bạn được giao."),
        ({"summary": ""}, "Hãy tóm tắt nội dung đơn."),
        ({"received_on": "31/02/2025"}, "Ngày không hợp lệ (dùng dạng dd/mm/yyyy)."),
        ({"received_on": "01/01/2099"}, "Ngày tiếp nhận không được sau ngày hôm nay."),
        ({"channel": "forwarded"}, "Hãy ghi cơ quan đã chuyển đơn đến."),
        ({"kind": ""}, "Hãy chọn loại đơn."),
    ],
)
def test_receive_form_errors_are_400_in_vietnamese(client, world, tables, change, message):
    client.force_login(world.commune_editor)
    form = {
        "unit": "T1A",
        "received_on": "02/09/2025",
        "kind": "feedback",
        "complaint_round": "1",
        "category": "other",
        "channel": "direct",
        "signatories": "one",
        "signatory_count": "1",
        "summary": "Phản ánh tiếng ồn",
    }
    response = client.post(reverse("petitions:create"), {**form, **change})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Petition.objects.exists()


@pytest.mark.parametrize("persona", ["central_viewer", "outsider"])
def test_non_editors_cannot_receive(client, world, tables, persona):
    client.force_login(world.personas[persona])
    assert client.get(reverse("petitions:new")).status_code == 403
    assert client.post(reverse("petitions:create"), {"unit": "T1A"}).status_code == 403


def test_editing_a_petition(client, world, records):
    p = records["a"]
    client.force_login(world.central_viewer)
    assert client.get(reverse("petitions:edit", args=[p.code])).status_code == 403
    assert client.post(reverse("petitions:update", args=[p.code]), {}).status_code == 403
    client.force_login(world.commune_editor)
    assert client.get(reverse("petitions:edit", args=[p.code])).status_code == 200
    data = {
        "received_on": "01/09/2025",
        "kind": "complaint",
        "complaint_round": "1",
        "category": "land",
        "channel": "post",
        "signatories": "one",
        "signatory_count": "1",
        "summary": "Đơn ở Phường An (sửa)",
    }
    assert client.post(reverse("petitions:update", args=[p.code]), data).status_code == 302
    p.refresh_from_db()
    assert (p.summary, p.channel) == ("Đơn ở Phường An (sửa)", "post")
    response = client.post(reverse("petitions:update", args=[p.code]), {**data, "summary": ""})
    assert response.status_code == 400 and "Hãy tóm tắt nội dung đơn." in response.content.decode()


def test_lifecycle_buttons(client, world, records):
    p = records["a"]
    url = reverse("petitions:transition", args=[p.code])
    client.force_login(world.central_viewer)
    assert "Xử lý tiếp" not in client.get(p.get_absolute_url()).content.decode()
    assert (
        client.post(url, {"to": "classified", "classified-on_date": "03/09/2025"}).status_code
        == 403
    )
    client.force_login(world.commune_editor)
    page = client.get(p.get_absolute_url()).content.decode()
    assert "Xử lý tiếp" in page and "Phân loại" in page
    response = client.post(
        url,
        {
            "to": "classified",
            "classified-on_date": "31/08/2025",
            "classified-kind": "complaint",
            "classified-category": "land",
        },
    )
    assert response.status_code == 400
    assert "không được trước ngày tiếp nhận đơn (01/09/2025)" in response.content.decode()
    response = client.post(
        url,
        {
            "to": "classified",
            "classified-on_date": "03/09/2025",
            "classified-kind": "complaint",
            "classified-category": "land",
            "classified-is_complex": "on",
        },
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.status, p.category, p.is_complex) == ("classified", "land", True)
    response = client.post(
        url, {"to": "resolved", "resolved-on_date": "04/09/2025", "resolved-outcome": "correct"}
    )
    assert response.status_code == 400 and "Không thể chuyển từ" in response.content.decode()
    response = client.post(
        url, {"to": "rejected", "rejected-on_date": "04/09/2025", "rejected-reason": ""}
    )
    assert (
        response.status_code == 400 and "Hãy ghi lý do không thụ lý." in response.content.decode()
    )
    assert client.post(url, {"to": "accepted", "accepted-on_date": "04/09/2025"}).status_code == 302
    assert client.post(url, {"to": "khong-co"}).status_code == 302
    assert client.get(url).status_code == 405
    p.refresh_from_db()
    assert p.status == "accepted" and p.due_on == D(2025, 10, 20)  # 45 days (complex)


def test_extend_and_recompute_buttons(client, world, tables):
    p = receive(world.commune_a, received_on=D(2025, 9, 1), kind=Kind.DENUNCIATION, is_complex=True)
    p = actions.classify_petition(p, by=SYSTEM, on_date=D(2025, 9, 2))
    p = actions.accept_petition(p, by=SYSTEM, on_date=D(2025, 9, 3))
    client.force_login(world.commune_editor)
    assert "Gia hạn giải quyết" in client.get(p.get_absolute_url()).content.decode()
    url = reverse("petitions:extend", args=[p.code])
    response = client.post(url, {"on_date": "20/09/2025", "note": ""})
    assert (
        response.status_code == 400
        and "Hãy ghi số, ngày quyết định gia hạn." in response.content.decode()
    )
    assert client.post(url, {"on_date": "20/09/2025", "note": "QĐ số 3"}).status_code == 302
    p.refresh_from_db()
    assert p.extensions == 1
    assert (
        client.post(reverse("petitions:recompute", args=[p.code]), {"note": ""}).status_code == 302
    )
    client.force_login(world.central_viewer)
    assert client.post(url, {"on_date": "20/09/2025", "note": "QĐ số 4"}).status_code == 403


@pytest.mark.parametrize("persona", sorted(VISIBLE))
def test_due_board(client, world, records, persona):
    client.force_login(world.personas[persona])
    response = client.get(reverse("petitions:due"))
    if persona == "outsider":
        assert response.status_code == 403
        return
    # Every record here is long past its 10-working-day processing deadline.
    assert shown(response.content.decode(), records) == VISIBLE[persona]
    assert client.get(reverse("petitions:due"), {"trong": "x"}).status_code == 200


def test_stats_page(client, world, records):
    client.force_login(world.province_approver)
    response = client.get(
        reverse("petitions:stats"),
        {"don-vi": "T1", "tu-ngay": "01/01/2025", "den-ngay": "31/12/2025"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tỉnh Thử A tiếp nhận 03 đơn/03 vụ việc" in page
    assert (
        client.get(reverse("petitions:stats")).status_code == 200
    )  # defaults: own unit, this year
    bad = client.get(
        reverse("petitions:stats"),
        {"don-vi": "T2", "tu-ngay": "01/01/2025", "den-ngay": "31/12/2024"},
    )
    assert bad.status_code == 400
    assert (
        "Không tìm thấy đơn vị này" in bad.content.decode()
        and "Ngày cuối kỳ phải sau ngày đầu kỳ." in bad.content.decode()
    )
    client.force_login(world.outsider)
    assert client.get(reverse("petitions:stats")).status_code == 403


@pytest.mark.parametrize("persona", sorted(VISIBLE))
def test_the_calculator_is_open_to_every_official(client, world, tables, persona):
    client.force_login(world.personas[persona])
    url = reverse("petitions:calculator")
    assert client.get(url).status_code == 200
    response = client.get(
        url, {"procedure": "party_reception", "start": "05/02/2024"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "26/02/2024" in body and "qd11-thong-bao-2019" in body and "<html" not in body
    response = client.get(
        url, {"procedure": "complaint_first", "start": "2023-03-01", "complex": "on"}
    )
    assert "17/04/2023" in response.content.decode()
    bad = client.get(url, {"procedure": "khong-co", "start": "x"})
    assert bad.status_code == 400 and "Ngày không hợp lệ" in bad.content.decode()
    too_many = client.get(
        url, {"procedure": "denunciation", "start": "01/03/2023", "extensions": "1"}
    )
    assert too_many.status_code == 400 and "không được gia hạn" in too_many.content.decode()


def test_anonymous_users_are_sent_to_login(client, records):
    for url in (
        reverse("petitions:list"),
        reverse("petitions:calculator"),
        records["a"].get_absolute_url(),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_body_options_follow_the_unit(client, world, tables):
    client.force_login(world.commune_editor)
    body = client.get(reverse("petitions:bodies"), {"unit": "T1A"}).content.decode()
    assert "phường An" in body
    assert (
        "Xã Cường" not in client.get(reverse("petitions:bodies"), {"unit": "T2C"}).content.decode()
    )
