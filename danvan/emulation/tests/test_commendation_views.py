import datetime as dt

import pytest
from django.urls import reverse

from danvan.accounts.permissions import SYSTEM
from danvan.emulation import actions
from danvan.emulation.models import AwardForm, Commendation
from danvan.emulation.states import CommendationStatus
from danvan.people.models import Person
from danvan.people.tests.factories import person_at
from danvan.units.models import BodyKind

from .factories import body_of, commendation


@pytest.fixture
def proposal(world):
    return commendation(world.commune_a, name="Nguyễn Thị Hương", form=AwardForm.MEDAL_DAN_VAN)


def url(name, c):
    return reverse(f"emulation:{name}", args=[c.code])


@pytest.mark.parametrize("persona", ["central_viewer", "province_approver", "commune_editor"])
def test_list_and_detail_for_roles(client, world, proposal, persona):
    client.force_login(getattr(world, persona))
    assert "Nguyễn Thị Hương" in client.get(reverse("emulation:commendation_list")).text
    page = client.get(proposal.get_absolute_url())
    assert (
        page.status_code == 200 and "Quá trình xét" in page.text and "Lịch sử thay đổi" in page.text
    )


def test_hidden_from_sibling_and_outsider(client, world, proposal):
    client.force_login(world.sibling_editor)
    assert "Nguyễn Thị Hương" not in client.get(reverse("emulation:commendation_list")).text
    assert client.get(proposal.get_absolute_url()).status_code == 404
    assert client.post(url("commendation_review", proposal)).status_code == 404
    client.force_login(world.outsider)
    assert client.get(reverse("emulation:commendation_list")).status_code == 403
    assert client.get(proposal.get_absolute_url()).status_code == 404


def test_buttons_follow_the_role(client, world, proposal):
    client.force_login(world.commune_editor)
    page = client.get(proposal.get_absolute_url()).text
    assert "Sửa đề nghị" in page and "Ghi quyết định" not in page
    client.force_login(world.province_approver)
    assert "Bắt đầu xét" in client.get(proposal.get_absolute_url()).text
    client.force_login(world.central_viewer)
    page = client.get(proposal.get_absolute_url()).text
    assert "Sửa đề nghị" not in page and "Bắt đầu xét" not in page


def test_list_filters(client, world, proposal):
    other = commendation(
        world.commune_c,
        name="Đỗ Văn Cường",
        form=AwardForm.CERTIFICATE,
        proposed_on=dt.date(2024, 3, 1),
    )
    client.force_login(world.central_viewer)
    list_url = reverse("emulation:commendation_list")
    assert "Đỗ Văn Cường" not in client.get(list_url, {"don-vi": "T1"}).text
    assert "Đỗ Văn Cường" in client.get(list_url, {"nam": "2024"}).text
    page = client.get(
        list_url,
        {"hinh-thuc": "medal_dan_van", "trang-thai": "proposed", "doi-tuong": "individual"},
    ).text
    assert "Nguyễn Thị Hương" in page and "Đỗ Văn Cường" not in page
    assert "Nguyễn Thị Hương" in client.get(list_url, {"q": "huong"}).text
    assert (
        other.recipient_name in client.get(list_url, {"tu": "01/01/2024", "den": "31/12/2024"}).text
    )
    bad = client.get(list_url, {"tu": "99/99/2024", "hinh-thuc": "huy-hieu"})
    assert bad.status_code == 400 and "Ngày không hợp lệ" in bad.text
    rows = client.get(list_url, HTTP_HX_REQUEST="true")
    assert "<html" not in rows.text


def test_list_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    client.force_login(world.central_viewer)
    for i in range(2):
        commendation(world.commune_a, name=f"Người {i}")
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("emulation:commendation_list"))
    for i in range(2, 50):
        commendation(world.commune_a, name=f"Người {i}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("emulation:commendation_list"))


def test_propose_for_an_existing_person(client, world):
    person = person_at(world.commune_a, "Trần Thị Bích")
    client.force_login(world.commune_editor)
    assert client.get(reverse("emulation:commendation_new")).status_code == 200
    response = client.post(
        reverse("emulation:commendation_create"),
        {
            "unit": "T1A",
            "body": body_of(world.commune_a, BodyKind.FATHERLAND_FRONT).pk,
            "form": "medal_front",
            "recipient_kind": "individual",
            "person": str(person.code),
            "proposed_on": "15/09/2025",
            "reason": "Nhiều năm công tác Mặt trận",
        },
    )
    c = Commendation.objects.get()
    assert response.status_code == 302 and c.person == person and c.year == 2025


def test_propose_a_new_person_and_a_collective(client, world):
    client.force_login(world.commune_editor)
    client.post(
        reverse("emulation:commendation_create"),
        {
            "unit": "T1A",
            "form": "certificate",
            "recipient_kind": "individual",
            "new_person_name": "Lò Văn Páo",
            "recipient_position": "Trưởng ban công tác Mặt trận khu 2",
            "proposed_on": "15/09/2025",
        },
    )
    assert Person.objects.filter(full_name="Lò Văn Páo").exists()
    women = body_of(world.commune_a, BodyKind.WOMENS_UNION)
    response = client.post(
        reverse("emulation:commendation_create"),
        {
            "unit": "T1A",
            "form": "merit",
            "recipient_kind": "collective",
            "recipient_body": women.pk,
            "proposed_on": "15/09/2025",
        },
    )
    assert response.status_code == 302
    assert Commendation.objects.get(recipient_body=women).recipient_name == women.name


def test_propose_errors(client, world):
    client.force_login(world.commune_editor)
    response = client.post(
        reverse("emulation:commendation_create"),
        {
            "form": "x",
            "recipient_kind": "individual",
            "proposed_on": "",
        },
    )
    assert response.status_code == 400
    for message in (
        "Hãy chọn đơn vị đề nghị.",
        "Hình thức không hợp lệ.",
        "Hãy nhập ngày.",
        "Hãy chọn cá nhân hoặc nhập họ tên người mới.",
    ):
        assert message in response.text
    collective = client.post(
        reverse("emulation:commendation_create"),
        {
            "unit": "T1A",
            "form": "certificate",
            "recipient_kind": "collective",
            "proposed_on": "01/09/2025",
        },
    )
    assert (
        collective.status_code == 400
        and "Hãy chọn tập thể hoặc ghi tên tập thể." in collective.text
    )
    elsewhere = client.post(
        reverse("emulation:commendation_create"),
        {
            "unit": "T1B",
            "form": "certificate",
            "recipient_kind": "collective",
            "recipient_name": "Chi hội",
            "proposed_on": "01/09/2025",
        },
    )
    assert elsewhere.status_code == 403


def test_edit_proposal(client, world, proposal):
    client.force_login(world.commune_editor)
    assert client.get(url("commendation_edit", proposal)).status_code == 200
    response = client.post(
        url("commendation_update", proposal),
        {
            "unit": "T1A",
            "form": "medal_dan_van",
            "recipient_kind": "individual",
            "proposed_on": "01/09/2025",
            "reason": "Bổ sung thành tích",
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.reason == "Bổ sung thành tích"
    client.force_login(world.sibling_editor)
    assert client.get(url("commendation_edit", proposal)).status_code == 404


def test_review_decide(client, world, proposal):
    client.force_login(world.province_approver)
    assert (
        client.post(url("commendation_review", proposal), {"on": "05/09/2025"}).status_code == 302
    )
    ubnd = body_of(world.province, BodyKind.PEOPLES_COMMITTEE)
    bad = client.post(url("commendation_decide", proposal), {"decided_on": ""})
    assert bad.status_code == 400 and "Hãy nhập ngày." in bad.text
    response = client.post(
        url("commendation_decide", proposal),
        {"decided_on": "01/10/2025", "decision_number": "123/QĐ-UBND", "awarding_body": ubnd.pk},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == CommendationStatus.DECIDED and proposal.awarding_body == ubnd
    again = client.post(url("commendation_reject", proposal), {"reason": "x"})
    assert again.status_code == 400 and "Không thể chuyển" in again.text


def test_return_and_reject(client, world, proposal):
    client.force_login(world.province_approver)
    client.post(url("commendation_review", proposal), {"on": "05/09/2025"})
    assert client.post(url("commendation_return", proposal), {"note": ""}).status_code == 400
    assert (
        client.post(
            url("commendation_return", proposal), {"note": "Bổ sung", "on": "06/09/2025"}
        ).status_code
        == 302
    )
    assert client.post(url("commendation_reject", proposal), {"reason": ""}).status_code == 400
    assert (
        client.post(
            url("commendation_reject", proposal),
            {"reason": "Không đủ điều kiện", "on": "07/09/2025"},
        ).status_code
        == 302
    )
    proposal.refresh_from_db()
    assert proposal.status == CommendationStatus.REJECTED


def test_editor_cannot_decide(client, world, proposal):
    client.force_login(world.commune_editor)
    assert client.post(url("commendation_review", proposal)).status_code == 403
    actions.start_review(proposal, by=SYSTEM, on=dt.date(2025, 9, 5))
    response = client.post(
        url("commendation_decide", proposal),
        {"decided_on": "01/10/2025", "awarding_body_name": "X"},
    )
    assert response.status_code == 403


def test_pickers(client, world):
    person = person_at(world.commune_a, "Hoàng Thị Lan")
    client.force_login(world.commune_editor)
    results = client.get(
        reverse("emulation:pick_person"), {"person_q": "hoang lan"}, HTTP_HX_REQUEST="true"
    )
    assert "Hoàng Thị Lan" in results.text
    chosen = client.get(
        reverse("emulation:pick_person"), {"chon": str(person.code)}, HTTP_HX_REQUEST="true"
    )
    assert f'value="{person.code}"' in chosen.text
    assert client.get(reverse("emulation:pick_person"), {"chon": "xyz"}).status_code == 200
    women = body_of(world.commune_a, BodyKind.WOMENS_UNION)
    women.search_key = "hoi lien hiep phu nu phuong an"
    women.save()
    found = client.get(
        reverse("emulation:pick_collective"), {"collective_q": "phu nu an"}, HTTP_HX_REQUEST="true"
    )
    assert women.name in found.text
    chosen = client.get(
        reverse("emulation:pick_collective"), {"chon": str(women.pk)}, HTTP_HX_REQUEST="true"
    )
    assert f'value="{women.pk}"' in chosen.text
    client.force_login(world.outsider)
    assert client.get(reverse("emulation:pick_person"), {"person_q": "lan"}).status_code == 403
