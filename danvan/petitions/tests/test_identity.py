"""Petitioners are masked; denouncers only for `petitions.view_identity`; reads audited."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.accounts.permissions import NotPermitted
from danvan.audit.models import AuditEvent
from danvan.petitions import actions
from danvan.petitions.models import Kind, mask

from .factories import receive

D = dt.date


@pytest.fixture
def denunciation(tables, world):  # type: ignore[no-untyped-def]
    return receive(
        world.commune_a,
        by=world.commune_editor,
        received_on=D(2025, 9, 1),
        kind=Kind.DENUNCIATION,
        summary="Tố cáo cán bộ nhận tiền",
        petitioner_name="Trần Văn Tố",
        petitioner_address="Tổ 3, phường An",
    )


def test_mask():
    assert mask("Nguyễn Văn An") == "N*** V** A*"
    assert mask("") == ""


def test_only_approvers_see_a_denouncer_and_every_read_is_audited(denunciation, world):
    with pytest.raises(NotPermitted):
        actions.reveal_identity(denunciation, by=world.commune_editor)
    who = actions.reveal_identity(denunciation, by=world.province_approver)
    assert who.name == "Trần Văn Tố"
    event = AuditEvent.objects.get(verb="petitions.view_identity")
    assert event.actor == world.province_approver and "Trần Văn Tố" not in str(event.data)


def test_other_petitioners_are_shown_on_request_and_audited(tables, world):
    p = receive(
        world.commune_a,
        received_on=D(2025, 9, 1),
        kind=Kind.FEEDBACK,
        petitioner_name="Lê Thị Phản",
    )
    assert actions.reveal_identity(p, by=world.commune_editor).name == "Lê Thị Phản"
    assert AuditEvent.objects.filter(
        verb="petitions.view_identity", actor=world.commune_editor
    ).exists()


def test_pages_and_search_do_not_reveal_a_denouncer(denunciation, world, client):
    client.force_login(world.province_approver)
    assert "Trần Văn Tố" not in client.get(reverse("petitions:list")).content.decode()
    assert "Trần Văn Tố" not in client.get(denunciation.get_absolute_url()).content.decode()
    assert "(được bảo vệ)" in client.get(reverse("petitions:list")).content.decode()
    found = client.get(reverse("petitions:list"), {"q": "tran van to"}).content.decode()
    assert "Tìm thấy 0 đơn" in found
    url = reverse("petitions:identity", args=[denunciation.code])
    assert "Trần Văn Tố" in client.post(url).content.decode()
    client.force_login(world.commune_editor)
    assert client.post(url).status_code == 403
    assert client.get(url).status_code == 405


def test_an_editor_cannot_change_a_denouncer_they_cannot_see(denunciation, world, client):
    with pytest.raises(ValidationError, match="danh tính người tố cáo"):
        actions.update_petition(denunciation, by=world.commune_editor, petitioner_name="Người khác")
    client.force_login(world.commune_editor)
    page = client.get(reverse("petitions:edit", args=[denunciation.code])).content.decode()
    assert 'name="petitioner_name"' not in page
    p = actions.update_petition(
        denunciation, by=world.province_approver, petitioner_name="Trần Văn Tố Hai"
    )
    assert p.petitioner_name == "Trần Văn Tố Hai"
    event = AuditEvent.objects.filter(verb="petitions.update").latest("pk")
    assert event.data["changes"]["Họ tên người gửi"] == ["(ẩn)", "(đã thay đổi)"]
