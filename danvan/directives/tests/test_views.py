"""The registry pages, as each persona sees them."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.accounts.permissions import SYSTEM
from danvan.audit.models import AuditEvent
from danvan.directives import actions
from danvan.directives.citations import parse_code
from danvan.directives.models import Directive, DirectiveLink
from danvan.units.models import Body

from .factories import DirectiveFactory

D = dt.date
LIST = reverse("directives:list")
PERSONAS_WITH_A_ROLE = ["central_viewer", "province_approver", "commune_editor", "other_editor"]


@pytest.fixture
def docs(world):
    central = DirectiveFactory(
        symbol="11-QĐi/TW",
        issuing_unit=world.nation,
        issued_on=D(2019, 2, 18),
        title="Về trách nhiệm của người đứng đầu cấp ủy trong việc tiếp dân",
    )
    province = DirectiveFactory(
        symbol="21-CT/TU",
        issuing_unit=world.province,
        issued_on=D(2025, 8, 1),
        title="Về đẩy mạnh công tác dân vận",
    )
    commune = DirectiveFactory(
        symbol="03-NQ/ĐU",
        issuing_unit=world.commune_a,
        issued_on=D(2025, 9, 1),
        title="Về nhiệm vụ năm 2026",
    )
    stub = actions.create_stub(
        parse_code("08-KH/ĐU"),
        by=SYSTEM,
        context_unit=world.commune_a,
        issuing_unit=world.commune_a,
    )
    record_a = Body.objects.filter(unit=world.commune_a).first()
    record_c = Body.objects.filter(unit=world.commune_c).first()
    link_a = actions.link(record_a, central, by=SYSTEM, raw="theo Quy định 11-QĐi/TW")
    actions.link(record_c, central, by=SYSTEM)
    return {
        "central": central,
        "province": province,
        "commune": commune,
        "stub": stub,
        "link_a": link_a,
    }


def as_(client, user):
    client.force_login(user)
    return client


def symbols(response):
    return [d.symbol for d in response.context["page"].object_list]


# --- List ------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS_WITH_A_ROLE)
def test_every_official_with_a_role_reads_the_whole_registry(client, world, docs, persona):
    response = as_(client, getattr(world, persona)).get(LIST)
    assert response.status_code == 200
    assert set(symbols(response)) == {"11-QĐi/TW", "21-CT/TU", "03-NQ/ĐU", "08-KH/ĐU"}
    assert "Sổ văn bản chỉ đạo" in response.content.decode()


def test_users_without_a_role_are_refused(client, world, docs):
    response = as_(client, world.outsider).get(LIST)
    assert response.status_code == 403
    assert "chưa được giao vai trò" in response.content.decode()
    assert client.get(reverse("directives:detail", args=[docs["central"].code])).status_code == 404


def test_anonymous_users_are_sent_to_the_login_page(client, docs):
    assert client.get(LIST).status_code == 302


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "tiep dan"}, {"11-QĐi/TW"}),
        ({"q": "11-qdi"}, {"11-QĐi/TW"}),
        ({"q": "DÂN VẬN"}, {"21-CT/TU"}),
        ({"loai": "Chỉ thị"}, {"21-CT/TU"}),
        ({"he-thong": "party", "co-quan": "đu"}, {"03-NQ/ĐU", "08-KH/ĐU"}),
        ({"don-vi": "T1"}, {"21-CT/TU", "03-NQ/ĐU", "08-KH/ĐU"}),
        ({"nam": "2019"}, {"11-QĐi/TW"}),
        ({"chua-du": "on"}, {"08-KH/ĐU"}),
    ],
)
def test_list_filters(client, world, docs, params, expected):
    response = as_(client, world.commune_editor).get(LIST, params)
    assert response.status_code == 200
    assert set(symbols(response)) == expected


def test_bad_filters_give_400_with_a_message(client, world, docs):
    c = as_(client, world.commune_editor)
    response = c.get(LIST, {"nam": "hai nghìn"})
    assert response.status_code == 400
    assert "Năm phải là số" in response.content.decode()
    response = c.get(LIST, {"don-vi": "XX99"})
    assert response.status_code == 400
    assert "Không có đơn vị mã “XX99”" in response.content.decode()


def test_htmx_gets_only_the_rows(client, world, docs):
    response = as_(client, world.commune_editor).get(LIST, {"q": "dan van"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert "21-CT/TU" in body and "1 văn bản" in body
    assert "HX-Request" in response["Vary"]


def test_the_list_costs_the_same_for_2_and_50_rows(client, world, django_assert_max_num_queries):
    c = as_(client, world.province_approver)
    for i in range(2):
        DirectiveFactory(
            symbol=f"{i + 1}-NQ/TU", issuing_unit=world.province, issued_on=D(2025, 8, 1)
        )
    with django_assert_max_num_queries(12) as few:
        assert c.get(LIST).status_code == 200
    for i in range(2, 50):
        DirectiveFactory(
            symbol=f"{i + 1}-NQ/TU", issuing_unit=world.province, issued_on=D(2025, 8, 1)
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = c.get(LIST)
    assert len(response.context["page"].object_list) == 50


# --- Detail ------------------------------------------------------------------------------------


def test_the_detail_shows_what_was_done_under_it_as_far_as_the_reader_may_see(client, world, docs):
    url = docs["central"].get_absolute_url()
    body = as_(client, world.commune_editor).get(url).content.decode()
    assert "Về trách nhiệm của người đứng đầu cấp ủy" in body
    assert "Những việc đã làm theo văn bản" in body
    assert "Trích dẫn: “theo Quy định 11-QĐi/TW”" in body
    assert "và 1 hồ sơ ở đơn vị bạn không có quyền xem" in body  # the T2C record
    assert "Gỡ liên kết" in body  # the commune editor may unlink its own record
    assert "Lịch sử thay đổi" in body
    body = as_(client, world.central_viewer).get(url).content.decode()
    assert "không có quyền xem" not in body and "Gỡ liên kết" not in body
    assert body.count(reverse("directives:edit", args=[docs["central"].code])) == 0


def test_the_detail_of_a_stub_invites_completion(client, world, docs):
    url = docs["stub"].get_absolute_url()
    body = as_(client, world.commune_editor).get(url).content.decode()
    assert "chờ bổ sung" in body and "Bổ sung thông tin" in body
    body = as_(client, world.sibling_editor).get(url).content.decode()
    assert "Bổ sung thông tin" not in body


def test_the_detail_shows_amendments_and_replacements(client, world, docs):
    newer = actions.create_directive(
        by=SYSTEM,
        symbol="215-KL/TW",
        issuing_unit=world.nation,
        issued_on=D(2025, 11, 23),
        amends=[docs["central"]],
        title="Sửa đổi Quy định 11-QĐi/TW",
    )
    later = actions.create_directive(
        by=SYSTEM, symbol="300-QĐi/TW", issuing_unit=world.nation, issued_on=D(2026, 1, 5)
    )
    actions.update_directive(docs["central"], by=SYSTEM, replaced_by=later)
    body = (
        as_(client, world.central_viewer).get(docs["central"].get_absolute_url()).content.decode()
    )
    assert "Được sửa đổi, bổ sung bởi" in body and "215-KL/TW" in body
    assert "Chuỗi thay thế" in body and "300-QĐi/TW" in body
    body = as_(client, world.central_viewer).get(newer.get_absolute_url()).content.decode()
    assert "Văn bản này sửa đổi, bổ sung" in body


def test_unknown_codes_are_404(client, world):
    url = reverse("directives:detail", args=["00000000-0000-0000-0000-000000000000"])
    assert as_(client, world.central_viewer).get(url).status_code == 404


# --- Create and edit ----------------------------------------------------------------------------


def test_the_new_form_needs_an_editor_somewhere(client, world):
    assert as_(client, world.central_viewer).get(reverse("directives:new")).status_code == 403
    response = as_(client, world.commune_editor).get(reverse("directives:new"))
    assert response.status_code == 200 and "Thêm văn bản vào sổ" in response.content.decode()


def test_create_from_the_form(client, world):
    c = as_(client, world.commune_editor)
    data = {
        "symbol": "05-NQ/ĐU",
        "issuing_unit": "T1A",
        "issued_on": "02/09/2025",
        "title": "Về dân vận",
    }
    response = c.post(reverse("directives:create"), data)
    d = Directive.objects.get(symbol="05-NQ/ĐU")
    assert response.status_code == 302 and response["Location"] == d.get_absolute_url()
    assert d.issued_on == D(2025, 9, 2) and d.issuing_unit == world.commune_a
    assert c.get(reverse("directives:create")).status_code == 405


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"issuing_unit": "T1"}, "Bạn không có quyền cập nhật văn bản của Tỉnh Thử A"),
        ({"symbol": "không phải số"}, "không đúng dạng"),
        ({"symbol": ""}, "Hãy ghi số, ký hiệu văn bản."),
        ({"issued_on": "31/02/2025"}, "Ngày không hợp lệ"),
        ({"amends": "99-NQ/TW"}, "Sổ chưa có văn bản 99-NQ/TW"),
        ({"issuing_unit": "ZZ"}, "Không có đơn vị mã “ZZ”"),
    ],
)
def test_create_errors_are_400_with_vietnamese_messages(client, world, data, message):
    base = {"symbol": "05-NQ/ĐU", "issuing_unit": "T1A", "issued_on": "02/09/2025"}
    response = as_(client, world.commune_editor).post(
        reverse("directives:create"), {**base, **data}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Directive.objects.exists()


def test_a_duplicate_is_refused_on_the_form(client, world, docs):
    data = {"symbol": "03-NQ/ĐU", "issuing_unit": "T1A", "issued_on": "01/09/2025"}
    response = as_(client, world.commune_editor).post(reverse("directives:create"), data)
    assert response.status_code == 400
    assert "Sổ đã có văn bản 03-NQ/ĐU" in response.content.decode()


def test_edit_and_update_follow_the_issuing_unit(client, world, docs):
    d = docs["commune"]
    edit, update = (
        reverse("directives:edit", args=[d.code]),
        reverse("directives:update", args=[d.code]),
    )
    assert as_(client, world.sibling_editor).get(edit).status_code == 403
    assert client.post(update, {"symbol": d.symbol}).status_code == 403
    response = as_(client, world.commune_editor).get(edit)
    assert response.status_code == 200 and "Về nhiệm vụ năm 2026" in response.content.decode()
    data = {
        "symbol": d.symbol,
        "issuing_unit": "T1A",
        "issued_on": "01/09/2025",
        "title": "Về nhiệm vụ năm 2026 (sửa)",
        "amends": "11-QĐi/TW",
    }
    assert client.post(update, data).status_code == 302
    d.refresh_from_db()
    assert d.title.endswith("(sửa)") and list(d.amends.all()) == [docs["central"]]
    assert AuditEvent.objects.filter(verb="directives.update", target_id=str(d.pk)).exists()


def test_a_stub_is_completed_from_the_form(client, world, docs):
    stub = docs["stub"]
    c = as_(client, world.commune_editor)
    url = reverse("directives:update", args=[stub.code])
    data = {"symbol": stub.symbol, "issuing_unit": "T1A", "complete": "on"}
    response = c.post(url, data)
    assert response.status_code == 400
    assert "Hãy ghi trích yếu để hoàn thành văn bản." in response.content.decode()
    response = c.post(url, {**data, "title": "Kế hoạch dân vận", "issued_on": "03/09/2025"})
    assert response.status_code == 302
    stub.refresh_from_db()
    assert not stub.is_stub


def test_the_body_picker_lists_a_units_bodies(client, world):
    response = as_(client, world.commune_editor).get(
        reverse("directives:bodies"), {"issuing_unit": "T1"}
    )
    assert "Tỉnh ủy Thử A" in response.content.decode()


# --- Unlink ------------------------------------------------------------------------------------


def test_unlink_is_for_editors_of_the_records_unit(client, world, docs):
    row = docs["link_a"]
    url = reverse("directives:unlink", args=[docs["central"].code, row.pk])
    assert as_(client, world.sibling_editor).post(url).status_code == 404  # cannot see the record
    assert as_(client, world.central_viewer).post(url).status_code == 403  # sees, may not change
    assert as_(client, world.commune_editor).get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    assert not DirectiveLink.objects.filter(pk=row.pk).exists()
    assert AuditEvent.objects.filter(verb="directives.unlink").count() == 1


# --- Paste text → find citations ------------------------------------------------------------------

TEXT = (
    "Thực hiện Chỉ thị số 21-CT/TU, ngày 01/8/2025 của Ban Thường vụ Tỉnh ủy; Kết luận số "
    "120-KL/TW của Bộ Chính trị; theo Quy định 11-QĐi/TW…"
)


def test_the_citation_finder(client, world, docs):
    url = reverse("directives:citations")
    assert as_(client, world.outsider).get(url).status_code == 403
    c = as_(client, world.commune_editor)
    assert c.get(url).status_code == 200
    response = c.post(url, {"text": TEXT, "unit": "T1A", "on": "15/09/2025"})
    body = response.content.decode()
    assert response.status_code == 200 and "<html" in body
    assert "3 văn bản được trích dẫn" in body
    assert docs["province"].get_absolute_url() in body  # 21-CT/TU of the province, by date
    assert (
        "Khi liên kết sẽ ghi là văn bản của Việt Nam" in body
    )  # 120-KL/TW, not yet in the registry
    assert not Directive.objects.filter(symbol="120-KL/TW").exists()  # nothing written
    response = c.post(url, {"text": TEXT}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "<html" not in response.content.decode()


def test_the_citation_finder_reports_bad_input(client, world):
    c = as_(client, world.commune_editor)
    response = c.post(reverse("directives:citations"), {"text": "", "unit": "ZZ"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Hãy dán đoạn văn cần tìm trích dẫn." in body and "Không có đơn vị mã “ZZ”" in body
    response = c.post(reverse("directives:citations"), {"text": "Không có số hiệu nào."})
    assert "Không tìm thấy số, ký hiệu văn bản nào" in response.content.decode()
