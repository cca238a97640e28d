"""Likely duplicates: same kind, open, nearby in the unit tree, similar text or petitioner."""

import datetime as dt

from django.urls import reverse

from danvan.accounts.permissions import SYSTEM
from danvan.petitions import actions, duplicates
from danvan.petitions.models import Kind, Outcome

from .factories import accepted, receive

D = dt.date
TEXT = "Khiếu nại quyết định thu hồi đất nông nghiệp của hộ gia đình tại thôn Đông"


def suggest(world, **kw):  # type: ignore[no-untyped-def]
    args = {
        "by": world.province_approver,
        "unit": world.commune_b,
        "kind": Kind.COMPLAINT,
        "summary": "khieu nai quyet dinh thu hoi dat nong nghiep thon Dong",
        "received_on": D(2025, 10, 1),
    }
    return duplicates.suggest(**{**args, **kw})


def test_a_similar_open_petition_nearby_is_suggested(tables, world):
    near = receive(
        world.commune_a, received_on=D(2025, 9, 1), summary=TEXT, petitioner_name="Phạm Văn Đông"
    )
    receive(
        world.commune_a, received_on=D(2025, 9, 2), summary="Phản ánh tiếng ồn công trình ban đêm"
    )
    receive(world.commune_c, received_on=D(2025, 9, 3), summary=TEXT)  # another province
    found = suggest(world)
    assert [s.petition for s in found] == [near]
    by_name = suggest(world, summary="Đơn gửi lần hai", petitioner_name="pham van dong")
    assert by_name and "Cùng người gửi" in by_name[0].reasons
    assert suggest(world, kind=Kind.FEEDBACK) == []
    assert suggest(world, by=world.sibling_editor) == []  # cannot see Phường An


def test_finished_petitions_and_the_same_case_are_not_suggested(tables, world):
    done = accepted(world.old_commune_a, summary=TEXT)
    actions.resolve_petition(done, by=SYSTEM, on_date=D(2023, 3, 10), outcome=Outcome.CORRECT)
    p = receive(world.old_commune_b, summary=TEXT, received_on=D(2023, 3, 12))
    assert duplicates.for_petition(p, by=SYSTEM) == []


def test_the_detail_page_offers_to_join_the_case(tables, world, client):
    first = receive(
        world.commune_a, by=world.commune_editor, received_on=D(2025, 9, 1), summary=TEXT
    )
    second = receive(
        world.commune_a,
        by=world.commune_editor,
        received_on=D(2025, 9, 8),
        summary=TEXT + " (lần 2)",
    )
    client.force_login(world.commune_editor)
    page = client.get(second.get_absolute_url()).content.decode()
    assert "Đơn có thể cùng vụ việc" in page and str(first.case.code) in page
    response = client.post(
        reverse("petitions:attach", args=[second.code]), {"case": str(first.case.code)}
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.case == first.case
    assert (
        client.post(reverse("petitions:attach", args=[second.code]), {"case": "x"}).status_code
        == 302
    )
    assert client.post(reverse("petitions:detach", args=[second.code])).status_code == 302
    second.refresh_from_db()
    assert second.case != first.case


def test_the_receive_form_suggests_while_typing(tables, world, client):
    receive(world.commune_a, received_on=D(2025, 9, 1), summary=TEXT)
    client.force_login(world.commune_editor)
    response = client.get(
        reverse("petitions:suggestions"),
        {"unit": "T1A", "kind": "complaint", "summary": "thu hoi dat nong nghiep thon Dong"},
        HTTP_HX_REQUEST="true",
    )
    assert "Gộp vào" in response.content.decode()
    response = client.get(
        reverse("petitions:suggestions"), {"unit": "T2C", "kind": "complaint", "summary": TEXT}
    )
    assert "Gộp vào" not in response.content.decode()
