import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from danvan.audit.history import history
from danvan.conferences import actions
from danvan.conferences.models import Conference, Kind, ParticipantRole
from danvan.directives.models import DirectiveLink
from danvan.units.models import BodyKind

from .factories import ConferenceFactory, PersonFactory, body_of, participant


@pytest.fixture
def conference(world):
    c = ConferenceFactory(
        unit=world.commune_a,
        title="Hội nghị tổng kết công tác dân vận năm 2025, triển khai nhiệm vụ năm 2026",
        kind=Kind.REVIEW_FINAL,
        conclusions="Ghi nhận kết quả công tác dân vận năm 2025.",
    )
    participant(
        conference=c,
        name="Vũ Thị Mai Anh",
        role=ParticipantRole.CHAIR,
        position="Bí thư Đảng ủy phường",
    )
    return c


def url(name, *args):
    return reverse(f"conferences:{name}", args=args)


# --- list -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona, sees",
    [
        ("commune_editor", True),
        ("province_approver", True),
        ("central_viewer", True),
        ("sibling_editor", False),
        ("outsider", False),
        ("other_editor", False),
    ],
)
def test_the_list_shows_conferences_in_the_persona_scope(client, world, conference, persona, sees):
    client.force_login(getattr(world, persona))
    response = client.get(url("list"))
    assert response.status_code == 200
    assert (conference.title in response.content.decode()) is sees


def test_the_list_filters_by_unit_subtree_with_predecessors(client, world, conference):
    old = ConferenceFactory(
        unit=world.old_commune_a, title="Hội nghị sơ kết năm 2024", held_on=dt.date(2024, 7, 1)
    )
    other = ConferenceFactory(unit=world.commune_b, title="Hội nghị xã Bình")
    client.force_login(world.province_approver)
    body = client.get(url("list"), {"don-vi": "T1A"}).content.decode()
    assert conference.title in body and old.title in body and other.title not in body


def test_the_list_filters_by_kind_period_and_folded_search(client, world, conference):
    ConferenceFactory(
        unit=world.commune_a,
        title="Giao ban dân vận quý I",
        kind=Kind.BRIEFING,
        held_on=dt.date(2026, 3, 30),
    )
    client.force_login(world.commune_editor)
    body = client.get(url("list"), {"loai": "giao_ban"}).content.decode()
    assert "Giao ban dân vận quý I" in body and conference.title not in body
    body = client.get(
        url("list"), {"tu-ngay": "01/01/2026", "den-ngay": "31/12/2026"}
    ).content.decode()
    assert "Giao ban dân vận quý I" in body and conference.title not in body
    body = client.get(url("list"), {"q": "tong ket dan van"}).content.decode()
    assert conference.title in body and "Giao ban dân vận quý I" not in body
    actions.add_participant(conference, by=world.commune_editor, full_name="Bùi Đức Đoàn")
    body = client.get(url("list"), {"q": "bui duc doan"}).content.decode()
    assert conference.title in body and "Giao ban dân vận quý I" not in body


def test_bad_filters_give_400_with_messages(client, world):
    client.force_login(world.commune_editor)
    response = client.get(url("list"), {"tu-ngay": "31/02/2026", "don-vi": "KHONG-CO"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ngày không hợp lệ (dùng dạng dd/mm/yyyy)." in body
    assert "Không có đơn vị mã “KHONG-CO”." in body


def test_htmx_gets_only_the_rows(client, world, conference):
    client.force_login(world.commune_editor)
    response = client.get(url("list"), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert conference.title in body and "<html" not in body
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_the_list_costs_the_same_for_2_and_50_rows(client, world, django_assert_max_num_queries):
    client.force_login(world.province_approver)
    for _ in range(2):
        ConferenceFactory(unit=world.commune_a)
    with django_assert_max_num_queries(12) as small:
        client.get(url("list"))
    for _ in range(48):
        ConferenceFactory(unit=world.commune_a)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url("list"))
    assert "50 hội nghị" in response.content.decode()


# --- detail -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona, status, can_edit",
    [
        ("commune_editor", 200, True),
        ("province_approver", 200, True),
        ("central_viewer", 200, False),
        ("sibling_editor", 404, False),
        ("outsider", 404, False),
    ],
)
def test_the_detail_page_by_persona(client, world, conference, persona, status, can_edit):
    client.force_login(getattr(world, persona))
    response = client.get(conference.get_absolute_url())
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert "Vũ Thị Mai Anh" in body and "Bí thư Đảng ủy phường" in body
        assert "Dự thảo tin bài" in body and "Lịch sử thay đổi" in body
        assert (url("edit", conference.code) in body) is can_edit


def test_a_bad_code_is_404(client, world):
    client.force_login(world.commune_editor)
    assert client.get("/hoi-nghi/khong-phai-ma/").status_code == 404


# --- create and edit ----------------------------------------------------------------------


def form_data(**kw):
    data = {
        "unit_key": "T1A",
        "body_kind": BodyKind.PARTY_COMMITTEE,
        "title": "Hội nghị sơ kết 6 tháng đầu năm 2026",
        "kind": Kind.REVIEW_INTERIM,
        "held_on": "15/07/2026",
        "reviewed_label": "6 tháng đầu năm 2026",
        "planned_label": "6 tháng cuối năm 2026",
        "programmes": "công tác dân vận\nQuy chế dân chủ ở cơ sở\n",
        "directives_text": "Quy định 11-QĐi/TW",
    }
    data.update(kw)
    return data


def test_an_editor_creates_a_conference(client, world):
    client.force_login(world.commune_editor)
    assert client.get(url("new")).status_code == 200
    response = client.post(url("create"), form_data())
    c = Conference.objects.get()
    assert response.status_code == 302 and response["Location"] == c.get_absolute_url()
    assert c.body == body_of(world.commune_a)
    assert c.held_on == dt.date(2026, 7, 15)
    assert c.programmes == ["công tác dân vận", "Quy chế dân chủ ở cơ sở"]
    assert DirectiveLink.objects.get().directive.symbol == "11-QĐi/TW"


def test_create_errors_are_400_and_vietnamese(client, world):
    client.force_login(world.commune_editor)
    response = client.post(url("create"), form_data(title="", held_on="32/13/2026"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Hãy nhập tên hội nghị." in body
    assert "Ngày không hợp lệ (dùng dạng dd/mm/yyyy)." in body
    response = client.post(url("create"), form_data(unit_key="T1B"))
    assert response.status_code == 400
    assert "Bạn không có quyền ghi hội nghị của đơn vị này." in response.content.decode()
    response = client.post(url("create"), form_data(held_on="15/07/2024"))
    assert response.status_code == 400
    assert "không tồn tại vào ngày 15/07/2024" in response.content.decode()
    assert not Conference.objects.exists()


def test_create_is_post_only_and_new_needs_a_role(client, world):
    client.force_login(world.commune_editor)
    assert client.get(url("create")).status_code == 405
    client.force_login(world.outsider)
    assert client.get(url("new")).status_code == 403
    client.force_login(world.central_viewer)
    assert client.get(url("new")).status_code == 403


def test_an_editor_edits_and_the_history_shows_it(client, world, conference):
    client.force_login(world.commune_editor)
    page = client.get(url("edit", conference.code))
    assert page.status_code == 200 and "01/12/2025" in page.content.decode()
    data = form_data(
        title=conference.title,
        kind=Kind.REVIEW_FINAL,
        held_on="01/12/2025",
        venue="Nhà văn hóa khu 3",
    )
    response = client.post(url("update", conference.code), data)
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.venue == "Nhà văn hóa khu 3"
    event = history(conference).filter(verb="conferences.update").first()
    assert event.data["changes"]["Địa điểm"] == ["", "Nhà văn hóa khu 3"]


@pytest.mark.parametrize("persona", ["central_viewer", "sibling_editor", "outsider"])
def test_others_cannot_edit(client, world, conference, persona):
    client.force_login(getattr(world, persona))
    assert client.get(url("edit", conference.code)).status_code == 404
    assert client.post(url("update", conference.code), form_data()).status_code == 404


# --- participants (htmx) ------------------------------------------------------------------


def test_adding_a_participant_returns_the_list(client, world, conference):
    client.force_login(world.commune_editor)
    response = client.post(
        url("add_participant", conference.code),
        {
            "role": "attendee",
            "full_name": "Lê Thị Kim Cúc",
            "position_label": "Phó Trưởng Ban Dân vận Tỉnh uỷ",
            "position_unit": "",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert (
        "Lê Thị Kim Cúc" in body
        and "Phó Trưởng Ban Dân vận Tỉnh uỷ" in body
        and "<html" not in body
    )


def test_picking_an_existing_person(client, world, conference):
    person = PersonFactory(full_name="Nguyễn Tuấn Minh")
    client.force_login(world.commune_editor)
    found = client.get(url("person_search", conference.code), {"full_name": "tuan minh"})
    assert person.full_name in found.content.decode()
    client.post(
        url("add_participant", conference.code), {"role": "speaker", "person": str(person.code)}
    )
    assert conference.participants.filter(person=person, role="speaker").exists()


def test_participant_errors_are_400(client, world, conference):
    client.force_login(world.commune_editor)
    response = client.post(
        url("add_participant", conference.code),
        {"role": "attendee", "full_name": "", "position_unit": "KHONG"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Hãy chọn cán bộ hoặc nhập họ tên người mới." in body
    assert "Không có đơn vị mã “KHONG”." in body


def test_removing_a_participant(client, world, conference):
    p = conference.participants.get()
    client.force_login(world.commune_editor)
    response = client.post(url("remove_participant", conference.code, p.pk), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and not conference.participants.exists()


@pytest.mark.parametrize("persona", ["central_viewer", "sibling_editor", "outsider"])
def test_others_cannot_change_participants(client, world, conference, persona):
    p = conference.participants.get()
    client.force_login(getattr(world, persona))
    assert (
        client.post(url("add_participant", conference.code), {"full_name": "X"}).status_code == 404
    )
    assert client.post(url("remove_participant", conference.code, p.pk)).status_code == 404
    assert client.get(url("person_search", conference.code), {"full_name": "vu"}).status_code == 404


# --- directives -----------------------------------------------------------------------------


def test_linking_and_unlinking_directives(client, world, conference):
    client.force_login(world.commune_editor)
    response = client.post(
        url("link_directives", conference.code), {"text": "Kết luận số 120-KL/TW"}
    )
    assert response.status_code == 302
    link = DirectiveLink.objects.get()
    page = client.get(conference.get_absolute_url()).content.decode()
    assert "120-KL/TW" in page
    client.post(url("unlink_directive", conference.code, link.directive.code))
    assert not DirectiveLink.objects.exists()


def test_linking_text_without_citations_says_so(client, world, conference):
    client.force_login(world.commune_editor)
    response = client.post(
        url("link_directives", conference.code), {"text": "không có số hiệu"}, follow=True
    )
    assert "Không tìm thấy số, ký hiệu văn bản nào" in response.content.decode()


# --- documents ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona, status", [("central_viewer", 200), ("sibling_editor", 404), ("outsider", 404)]
)
def test_documents_download(client, world, conference, persona, status):
    client.force_login(getattr(world, persona))
    docx = client.get(url("notice_docx", conference.code))
    text = client.get(url("article_txt", conference.code))
    assert docx.status_code == status and text.status_code == status
    if status == 200:
        assert docx["Content-Type"].startswith("application/vnd.openxmlformats")
        paragraphs = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
        assert "THÔNG BÁO" in paragraphs
        assert "attachment" in text["Content-Disposition"]
        assert "Ngày 01/12, Đảng ủy phường An tổ chức Hội nghị tổng kết" in text.content.decode()


@pytest.mark.parametrize("persona", ["central_viewer", "sibling_editor", "outsider"])
def test_others_cannot_link_directives(client, world, conference, persona):
    client.force_login(world.commune_editor)
    client.post(url("link_directives", conference.code), {"text": "Kết luận số 120-KL/TW"})
    link = DirectiveLink.objects.get()
    client.force_login(getattr(world, persona))
    assert client.post(url("link_directives", conference.code), {"text": "Quy định 11-QĐi/TW"}).status_code == 404
    assert client.post(url("unlink_directive", conference.code, link.directive.code)).status_code == 404
    assert DirectiveLink.objects.count() == 1
