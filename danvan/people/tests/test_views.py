import datetime as dt

import pytest
from django.urls import reverse

from danvan.people.models import Person, Position
from danvan.units.models import Body

from .factories import PersonFactory, PositionFactory, person_at


@pytest.fixture
def mai_anh(world):
    person = person_at(world.commune_a, "Vũ Thị Mai Anh", title="Phó Bí thư TT Đảng ủy")
    PositionFactory(
        person=person,
        unit=world.commune_a,
        title="Trưởng BCĐ thực hiện QCDC",
        valid_from=dt.date(2022, 1, 1),
    )
    return person


# --- list ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["central_viewer", "province_approver", "commune_editor", "sibling_editor"]
)
def test_every_role_sees_the_list(client, world, mai_anh, persona):
    client.force_login(getattr(world, persona))
    response = client.get(reverse("people:list"))
    assert response.status_code == 200
    assert "Vũ Thị Mai Anh" in response.text


def test_outsider_sees_no_list(client, world, mai_anh):
    client.force_login(world.outsider)
    assert client.get(reverse("people:list")).status_code == 403


def test_list_filters(client, world, mai_anh):
    other = person_at(world.commune_c, "Đỗ Văn Cường")
    client.force_login(world.central_viewer)
    url = reverse("people:list")
    assert "Vũ Thị Mai Anh" in client.get(url, {"q": "vu thi mai"}).text
    assert "Vũ Thị Mai Anh" not in client.get(url, {"q": "cuong"}).text
    page = client.get(url, {"don-vi": world.commune_c.key}).text
    assert other.full_name in page and "Vũ Thị Mai Anh" not in page
    # Province T1 includes commune A.
    assert "Vũ Thị Mai Anh" in client.get(url, {"don-vi": "T1"}).text
    # Holding a post on a date: the dated BCĐ post counts from 2022.
    page = client.get(url, {"ngay": "01/06/2021", "q": "mai anh"}).text
    assert "Vũ Thị Mai Anh" in page and "Trưởng BCĐ" not in page
    assert "Trưởng BCĐ" in client.get(url, {"ngay": "01/06/2023", "q": "mai anh"}).text


def test_list_bad_filters_give_400(client, world):
    client.force_login(world.central_viewer)
    response = client.get(reverse("people:list"), {"ngay": "31/02/2024", "don-vi": "ZZZ"})
    assert response.status_code == 400
    assert "Ngày không hợp lệ" in response.text and "Không có đơn vị" in response.text


def test_list_htmx_returns_rows(client, world, mai_anh):
    client.force_login(world.central_viewer)
    response = client.get(reverse("people:list"), {"q": "mai"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.text and "Vũ Thị Mai Anh" in response.text


def test_list_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    client.force_login(world.central_viewer)
    for _ in range(2):
        person_at(world.commune_a)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("people:list"))
    for _ in range(48):
        person_at(world.commune_a)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("people:list"))


# --- detail --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["central_viewer", "province_approver", "commune_editor", "sibling_editor"]
)
def test_detail_for_every_role(client, world, mai_anh, persona):
    client.force_login(getattr(world, persona))
    response = client.get(mai_anh.get_absolute_url())
    assert response.status_code == 200
    assert "Trưởng BCĐ thực hiện QCDC" in response.text
    assert "Lịch sử thay đổi" in response.text


def test_detail_hidden_from_outsider(client, world, mai_anh):
    client.force_login(world.outsider)
    assert client.get(mai_anh.get_absolute_url()).status_code == 404


def test_detail_edit_links_follow_the_role(client, world, mai_anh):
    client.force_login(world.commune_editor)
    assert (
        reverse("people:edit", args=[mai_anh.code]) in client.get(mai_anh.get_absolute_url()).text
    )
    client.force_login(world.sibling_editor)
    assert (
        reverse("people:edit", args=[mai_anh.code])
        not in client.get(mai_anh.get_absolute_url()).text
    )


def test_merged_person_redirects_to_the_kept_one(client, world, mai_anh):
    dup = PersonFactory(full_name="Vu Thi Mai Anh", merged_into=mai_anh)
    client.force_login(world.central_viewer)
    response = client.get(dup.get_absolute_url())
    assert response.status_code == 302 and response.url == mai_anh.get_absolute_url()


def test_detail_lists_references_the_user_may_see(client, world, mai_anh):
    from danvan.accounts.permissions import SYSTEM
    from danvan.emulation import actions
    from danvan.emulation.models import AwardForm, RecipientKind

    for unit in (world.commune_a, world.commune_c):
        actions.propose_commendation(
            by=SYSTEM,
            unit=unit,
            form=AwardForm.CERTIFICATE,
            recipient_kind=RecipientKind.INDIVIDUAL,
            person=mai_anh,
            proposed_on=dt.date(2025, 8, 1),
        )
    client.force_login(world.commune_editor)
    page = client.get(mai_anh.get_absolute_url()).text
    assert "Khen thưởng" in page and "1 mục thuộc đơn vị bạn không được xem" in page


# --- create and edit -----------------------------------------------------------------


def test_create_person_page_and_post(client, world):
    client.force_login(world.commune_editor)
    assert client.get(reverse("people:new")).status_code == 200
    body = Body.objects.filter(unit=world.commune_a).first()
    response = client.post(
        reverse("people:create"),
        {
            "full_name": "Trần Thị Bích",
            "gender": "female",
            "title": "Chủ tịch Hội LHPN",
            "unit": world.commune_a.key,
            "body": body.pk,
            "valid_from": "01/07/2025",
        },
    )
    person = Person.objects.get(full_name="Trần Thị Bích")
    assert response.status_code == 302 and response.url == person.get_absolute_url()
    assert person.positions.get().valid_from == dt.date(2025, 7, 1)


def test_create_person_errors(client, world):
    client.force_login(world.commune_editor)
    response = client.post(
        reverse("people:create"), {"full_name": "", "title": "Bí thư", "unit": "ZZZ"}
    )
    assert response.status_code == 400
    assert "Hãy nhập họ và tên." in response.text and "Không có đơn vị mã" in response.text


def test_create_person_forbidden(client, world):
    client.force_login(world.sibling_editor)
    response = client.post(
        reverse("people:create"), {"full_name": "X", "title": "Bí thư", "unit": world.commune_a.key}
    )
    assert response.status_code == 403
    client.force_login(world.outsider)
    assert client.get(reverse("people:new")).status_code == 403
    client.force_login(world.central_viewer)  # a viewer cannot add people
    assert client.get(reverse("people:new")).status_code == 403


def test_create_is_post_only(client, world):
    client.force_login(world.commune_editor)
    assert client.get(reverse("people:create")).status_code == 405


def test_edit_person(client, world, mai_anh):
    client.force_login(world.commune_editor)
    assert client.get(reverse("people:edit", args=[mai_anh.code])).status_code == 200
    response = client.post(
        reverse("people:update", args=[mai_anh.code]),
        {"full_name": "Vũ Thị Mai Anh", "birth_year": "1976", "gender": "female"},
    )
    assert response.status_code == 302
    mai_anh.refresh_from_db()
    assert mai_anh.birth_year == 1976
    bad = client.post(
        reverse("people:update", args=[mai_anh.code]), {"full_name": "", "birth_year": "abc"}
    )
    assert bad.status_code == 400 and "Năm sinh phải là số." in bad.text


def test_edit_person_forbidden_for_sibling_and_hidden_from_outsider(client, world, mai_anh):
    client.force_login(world.sibling_editor)
    assert client.get(reverse("people:edit", args=[mai_anh.code])).status_code == 403
    assert (
        client.post(reverse("people:update", args=[mai_anh.code]), {"full_name": "X"}).status_code
        == 403
    )
    client.force_login(world.outsider)
    assert (
        client.post(reverse("people:update", args=[mai_anh.code]), {"full_name": "X"}).status_code
        == 404
    )


# --- positions -----------------------------------------------------------------------


def test_add_position(client, world, mai_anh):
    client.force_login(world.commune_editor)
    assert client.get(reverse("people:position_new", args=[mai_anh.code])).status_code == 200
    response = client.post(
        reverse("people:position_create", args=[mai_anh.code]),
        {"title": "Bí thư Chi bộ khu 3", "unit": world.commune_a.key, "valid_from": "2024-01-01"},
    )
    assert response.status_code == 302
    assert mai_anh.positions.filter(title="Bí thư Chi bộ khu 3").exists()


def test_add_position_errors(client, world, mai_anh):
    client.force_login(world.commune_editor)
    url = reverse("people:position_create", args=[mai_anh.code])
    response = client.post(url, {"title": "", "valid_from": "30/02/2024"})
    assert response.status_code == 400
    assert "Hãy nhập chức danh." in response.text and "Ngày không hợp lệ" in response.text
    response = client.post(
        url,
        {
            "title": "X",
            "unit": world.commune_a.key,
            "valid_from": "01/01/2024",
            "valid_to": "01/01/2023",
        },
    )
    assert response.status_code == 400 and "Ngày kết thúc phải sau ngày bắt đầu." in response.text
    assert client.post(url, {"title": "X", "unit": world.commune_b.key}).status_code == 403


def test_edit_and_end_position(client, world, mai_anh):
    position = mai_anh.positions.get(title="Trưởng BCĐ thực hiện QCDC")
    client.force_login(world.commune_editor)
    assert client.get(reverse("people:position_edit", args=[position.code])).status_code == 200
    response = client.post(
        reverse("people:position_update", args=[position.code]),
        {
            "title": "Trưởng Ban Chỉ đạo QCDC",
            "unit": world.commune_a.key,
            "valid_from": "01/01/2022",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("people:position_end", args=[position.code]), {"valid_to": "30/06/2025"}
    )
    assert response.status_code == 302
    position.refresh_from_db()
    assert position.title == "Trưởng Ban Chỉ đạo QCDC" and position.valid_to == dt.date(2025, 6, 30)
    bad = client.post(
        reverse("people:position_end", args=[position.code]), {"valid_to": "01/07/2025"}
    )
    assert bad.status_code == 400 and "đã kết thúc" in bad.text


def test_position_pages_for_other_personas(client, world, mai_anh):
    position = mai_anh.positions.first()
    client.force_login(world.sibling_editor)
    assert client.get(reverse("people:position_edit", args=[position.code])).status_code == 403
    assert (
        client.post(
            reverse("people:position_end", args=[position.code]), {"valid_to": "01/01/2025"}
        ).status_code
        == 403
    )
    client.force_login(world.outsider)
    assert client.get(reverse("people:position_edit", args=[position.code])).status_code == 404


# --- merge ---------------------------------------------------------------------------


def test_merge_page_preview_and_confirm(client, world, mai_anh):
    dup = person_at(world.commune_a, "Vu Thi Mai Anh", title="Phó Bí thư")
    client.force_login(world.province_approver)
    page = client.get(reverse("people:merge", args=[mai_anh.code]))
    assert page.status_code == 200 and "Vu Thi Mai Anh" in page.text  # suggested
    preview = client.get(reverse("people:merge", args=[mai_anh.code]), {"trung": str(dup.code)})
    assert "1 chức vụ" in preview.text and "Xác nhận gộp" in preview.text
    found = client.get(reverse("people:merge", args=[mai_anh.code]), {"q": "vu thi"})
    assert "Vu Thi Mai Anh" in found.text
    response = client.post(
        reverse("people:merge_confirm", args=[mai_anh.code]),
        {"duplicate": str(dup.code), "note": "cùng người"},
    )
    assert response.status_code == 302
    dup.refresh_from_db()
    assert dup.merged_into == mai_anh
    assert Position.objects.filter(person=mai_anh).count() == 3


def test_merge_needs_an_approver(client, world, mai_anh):
    dup = person_at(world.commune_a, "Vu Thi Mai Anh")
    client.force_login(world.commune_editor)
    assert client.get(reverse("people:merge", args=[mai_anh.code])).status_code == 403
    response = client.post(
        reverse("people:merge_confirm", args=[mai_anh.code]), {"duplicate": str(dup.code)}
    )
    assert response.status_code == 403
    client.force_login(world.outsider)
    assert client.get(reverse("people:merge", args=[mai_anh.code])).status_code == 404


def test_merge_errors(client, world, mai_anh):
    client.force_login(world.province_approver)
    url = reverse("people:merge_confirm", args=[mai_anh.code])
    assert client.post(url, {"duplicate": "abc"}).status_code == 400
    response = client.post(url, {"duplicate": str(mai_anh.code)})
    assert response.status_code == 400 and "Không tìm thấy hồ sơ trùng" in response.text


# --- picker --------------------------------------------------------------------------


def test_unit_and_body_picker(client, world):
    client.force_login(world.commune_editor)
    empty = client.get(reverse("people:pick_unit"), HTTP_HX_REQUEST="true")
    assert empty.status_code == 200 and 'name="unit_q"' in empty.text
    results = client.get(reverse("people:pick_unit"), {"unit_q": "binh"}, HTTP_HX_REQUEST="true")
    assert "Bình" in results.text
    picked = client.get(
        reverse("people:pick_body"), {"don-vi": world.commune_b.key}, HTTP_HX_REQUEST="true"
    )
    assert picked.status_code == 200 and f'value="{world.commune_b.key}"' in picked.text
    assert "<option" in picked.text
    assert client.get(reverse("people:pick_body"), {"don-vi": "ZZZ"}).status_code == 404
