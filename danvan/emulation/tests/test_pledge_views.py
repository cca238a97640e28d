import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from danvan.accounts.permissions import SYSTEM
from danvan.emulation import actions
from danvan.emulation.models import Pledge, PledgeScore
from danvan.emulation.states import PledgeStatus
from danvan.units.models import BodyKind

from .factories import body_of, pledge


@pytest.fixture
def draft(world):
    return pledge(world.province, [world.commune_a], year=2026)


@pytest.fixture
def signed(world):
    return pledge(
        world.province,
        [world.commune_a],
        year=2025,
        signed=True,
        sizes={world.commune_a.pk: (12000, 14)},
    )


def url(name, p, *args):
    return reverse(f"emulation:{name}", args=[p.code, *args])


# --- who sees what -------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["central_viewer", "province_approver", "commune_editor"])
def test_list_and_detail_for_roles(client, world, signed, persona):
    client.force_login(getattr(world, persona))
    assert signed.title in client.get(reverse("emulation:pledge_list")).text
    response = client.get(signed.get_absolute_url())
    assert (
        response.status_code == 200
        and "Xếp hạng" in response.text
        and "Lịch sử thay đổi" in response.text
    )


def test_participant_sees_the_pledge_it_signed_but_cannot_edit(client, world, signed):
    client.force_login(world.commune_editor)  # commune A signed the province's pledge
    page = client.get(signed.get_absolute_url()).text
    assert "Chấm điểm cuối năm" not in page
    assert client.get(url("scores", signed)).status_code == 403
    assert client.get(url("pledge_edit", signed)).status_code == 403


def test_hidden_from_sibling_and_outsider(client, world, signed):
    client.force_login(world.sibling_editor)
    assert signed.title not in client.get(reverse("emulation:pledge_list")).text
    assert client.get(signed.get_absolute_url()).status_code == 404
    assert client.post(url("pledge_cancel", signed), {"note": "x"}).status_code == 404
    client.force_login(world.outsider)
    assert client.get(reverse("emulation:pledge_list")).status_code == 403
    assert client.get(signed.get_absolute_url()).status_code == 404
    assert client.get(reverse("emulation:index")).status_code == 403


def test_index(client, world, signed):
    client.force_login(world.commune_editor)
    response = client.get(reverse("emulation:index"))
    assert response.status_code == 200 and "Giao ước thi đua" in response.text


def test_list_filters_and_htmx(client, world, signed, draft):
    client.force_login(world.central_viewer)
    list_url = reverse("emulation:pledge_list")
    page = client.get(list_url, {"nam": "2026"}).text
    assert "năm 2026" in page and "năm 2025" not in page
    assert "năm 2025" in client.get(list_url, {"trang-thai": "signed", "don-vi": "T1"}).text
    assert client.get(list_url, {"don-vi": "T2"}).context["page"].paginator.count == 0
    rows = client.get(list_url, {"q": "giao uoc"}, HTTP_HX_REQUEST="true")
    assert "<html" not in rows.text and "năm 2025" in rows.text
    bad = client.get(list_url, {"nam": "abc", "trang-thai": "x"})
    assert bad.status_code == 400 and "Năm không hợp lệ." in bad.text


def test_list_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    client.force_login(world.central_viewer)
    for year in (2020, 2021):
        pledge(world.province, [world.commune_a], year=year)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("emulation:pledge_list"))
    for year in range(2030, 2048):
        pledge(world.province, [world.commune_a, world.commune_b], year=year)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("emulation:pledge_list"))


# --- create, participants, criteria, sign --------------------------------------------


def test_create_pledge(client, world):
    client.force_login(world.province_approver)
    assert client.get(reverse("emulation:pledge_new")).status_code == 200
    body = body_of(world.province, BodyKind.FATHERLAND_FRONT)
    response = client.post(
        reverse("emulation:pledge_create"),
        {"unit": "T1", "body": body.pk, "year": "2026", "movement": "Dân vận khéo"},
    )
    p = Pledge.objects.get()
    assert response.status_code == 302 and response.url == p.get_absolute_url()
    assert p.body == body and p.status == PledgeStatus.DRAFT


def test_create_pledge_errors_and_permissions(client, world):
    client.force_login(world.province_approver)
    response = client.post(reverse("emulation:pledge_create"), {"year": "19", "conference": "xyz"})
    assert response.status_code == 400
    assert (
        "Hãy chọn đơn vị rồi chọn cơ quan chủ trì" in response.text
        and "Năm không hợp lệ." in response.text
    )
    assert "Mã hội nghị không hợp lệ." in response.text
    client.force_login(world.commune_editor)
    body = body_of(world.province)
    assert (
        client.post(
            reverse("emulation:pledge_create"), {"body": body.pk, "year": "2026"}
        ).status_code
        == 403
    )
    client.force_login(world.central_viewer)
    assert client.get(reverse("emulation:pledge_new")).status_code == 403


def test_edit_pledge(client, world, draft):
    client.force_login(world.province_approver)
    assert client.get(url("pledge_edit", draft)).status_code == 200
    response = client.post(
        url("pledge_update", draft), {"year": "2026", "title": "Giao ước 2026 (sửa)"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Giao ước 2026 (sửa)"
    assert client.post(url("pledge_update", draft), {"year": ""}).status_code == 400


def test_participants_and_criteria(client, world, draft):
    client.force_login(world.province_approver)
    body_b = body_of(world.commune_b)
    response = client.post(
        url("participant_add", draft), {"unit": "T1B", "body": body_b.pk, "population": "6500"}
    )
    assert response.status_code == 302
    participant = draft.participants.get(body=body_b)
    assert participant.population == 6500
    bad = client.post(url("participant_add", draft), {"body": body_of(world.commune_c).pk})
    assert bad.status_code == 400 and "không thuộc đơn vị cấp dưới" in bad.text
    assert client.post(url("participant_add", draft), {"population": "-3"}).status_code == 400
    response = client.post(
        url("participant_update", draft, participant.pk), {"population": "7000", "villages": "12"}
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert (participant.population, participant.villages) == (7000, 12)
    assert client.post(url("participant_remove", draft, participant.pk)).status_code == 302
    assert client.post(url("participant_remove", draft, 999999)).status_code == 404
    response = client.post(
        url("criterion_save", draft),
        {"number": "3", "text": "Đối thoại", "measure": "count", "max_score": "7,5"},
    )
    assert response.status_code == 302
    assert draft.criteria.get(number=3).max_score == Decimal("7.5")
    bad = client.post(url("criterion_save", draft), {"number": "0", "text": "", "max_score": "abc"})
    assert bad.status_code == 400 and "không phải số" in bad.text
    criterion = draft.criteria.get(number=3)
    assert client.post(url("criterion_remove", draft, criterion.pk)).status_code == 302


def test_participant_changes_need_the_commission_role(client, world, draft):
    participant = draft.participants.get()
    client.force_login(world.commune_editor)
    assert (
        client.post(
            url("participant_update", draft, participant.pk), {"population": "1"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            url("criterion_save", draft),
            {"number": "5", "text": "x", "measure": "points", "max_score": "5"},
        ).status_code
        == 403
    )


def test_sign(client, world, draft):
    client.force_login(world.province_approver)
    bad = client.post(url("pledge_sign", draft), {"signed_on": "32/12/2025"})
    assert bad.status_code == 400 and "Ngày không hợp lệ" in bad.text
    assert client.post(url("pledge_sign", draft), {"signed_on": "07/12/2025"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == PledgeStatus.SIGNED and draft.signed_on == dt.date(2025, 12, 7)
    again = client.post(url("pledge_sign", draft), {"signed_on": "08/12/2025"})
    assert again.status_code == 400 and "Không thể chuyển" in again.text


# --- scoring, ranking, close, reopen, cancel -----------------------------------------


def test_scoring_grid(client, world, signed):
    client.force_login(world.province_approver)
    page = client.get(url("scores", signed))
    assert page.status_code == 200 and "Lưu điểm" in page.text
    a = signed.participants.get()
    c1, c2 = signed.criteria.order_by("number")
    bad = client.post(
        url("scores_save", signed), {f"s_{a.pk}_{c1.pk}": "abc", f"s_{a.pk}_{c2.pk}": "3"}
    )
    assert bad.status_code == 400 and "không phải số" in bad.text
    over = client.post(url("scores_save", signed), {f"s_{a.pk}_{c1.pk}": "25"})
    assert over.status_code == 400 and "vượt điểm tối đa" in over.text
    ok = client.post(
        url("scores_save", signed), {f"s_{a.pk}_{c1.pk}": "17,5", f"s_{a.pk}_{c2.pk}": "3"}
    )
    assert ok.status_code == 302
    assert PledgeScore.objects.get(criterion=c1).value == Decimal("17.5")


def test_ranking_partial(client, world, signed):
    a = signed.participants.get()
    c1, c2 = signed.criteria.order_by("number")
    actions.record_scores(
        signed,
        [actions.ScoreInput(a, c1, Decimal(18)), actions.ScoreInput(a, c2, Decimal(4))],
        by=SYSTEM,
    )
    client.force_login(world.commune_editor)
    response = client.get(
        url("pledge_ranking", signed), {"cach-tinh": "per_10k_population"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "<html" not in response.text and "28,00" in response.text
    full = client.get(url("pledge_ranking", signed), {"cach-tinh": "nonsense"})
    assert full.status_code == 200 and "<html" in full.text
    client.force_login(world.sibling_editor)
    assert client.get(url("pledge_ranking", signed)).status_code == 404


def test_close_reopen_cancel(client, world, signed):
    client.force_login(world.province_approver)
    incomplete = client.post(url("pledge_close", signed), {})
    assert incomplete.status_code == 400 and "chưa chấm điểm" in incomplete.text
    a = signed.participants.get()
    actions.record_scores(
        signed, [actions.ScoreInput(a, c, Decimal(1)) for c in signed.criteria.all()], by=SYSTEM
    )
    assert client.post(url("pledge_close", signed), {"on": "10/01/2026"}).status_code == 302
    assert client.post(url("pledge_reopen", signed), {"note": ""}).status_code == 400
    assert client.post(url("pledge_reopen", signed), {"note": "Sửa điểm"}).status_code == 302
    assert client.post(url("pledge_cancel", signed), {"note": ""}).status_code == 400
    assert client.post(url("pledge_cancel", signed), {"note": "Hủy"}).status_code == 302
    signed.refresh_from_db()
    assert signed.status == PledgeStatus.CANCELLED


def test_mutations_are_post_only_and_refused_to_participants(client, world, signed):
    client.force_login(world.commune_editor)
    assert client.get(url("pledge_cancel", signed)).status_code == 405
    assert client.post(url("pledge_cancel", signed), {"note": "x"}).status_code == 403
    assert client.post(url("scores_save", signed), {}).status_code == 403
