"""Steering committees: actions, their rules, and every page for every persona."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from danvan.accounts.permissions import SYSTEM
from danvan.audit.models import AuditEvent
from danvan.oversight import actions
from danvan.oversight.steering_models import MemberRole, SteeringCommittee, SteeringMembership
from danvan.people.models import Person, Position
from danvan.units.models import Body, BodyKind

from .factories import committee, person

D = dt.date


def test_a_committee_is_an_organisation(world):
    c = committee(world.commune_a)
    assert c.body.kind == BodyKind.STEERING_COMMITTEE and c.body.unit == world.commune_a
    assert c.body.name == c.name and c.body.valid_to is None
    assert AuditEvent.objects.filter(verb="steering.create", target_id=str(c.pk)).exists()


def test_committee_rules(world):
    with pytest.raises(ValidationError) as exc:
        committee(world.commune_a, valid_from=D(2020, 1, 1))
    assert "không tồn tại vào ngày 01/01/2020" in exc.value.message_dict["valid_from"][0]
    with pytest.raises(ValidationError) as exc:
        actions.create_committee(
            actions.CommitteeData(
                unit=world.commune_a,
                kind="qcdc",
                name="BCĐ",
                valid_from=D(2025, 8, 1),
                party_body=Body.objects.filter(unit=world.commune_b).first(),
            ),
            by=SYSTEM,
        )
    assert "không thuộc Phường An" in exc.value.message_dict["party_body"][0]
    with pytest.raises(PermissionDenied):
        committee(world.commune_a, by=world.sibling_editor)


def test_members_over_time(world):
    c = committee(world.commune_a)
    head = actions.add_member(
        c,
        by=world.commune_editor,
        role=MemberRole.HEAD,
        valid_from=D(2025, 7, 15),
        full_name="Vũ Thị Mai Anh",
        position_label="Phó Bí thư Thường trực Đảng ủy",
    )
    assert Person.objects.get().full_name == "Vũ Thị Mai Anh"
    [post] = Position.objects.filter(
        person=head.person
    )  # the post is a position; the BCĐ role a membership
    assert (post.title, post.unit, post.valid_from) == (
        "Phó Bí thư Thường trực Đảng ủy",
        world.commune_a,
        D(2025, 7, 15),
    )
    with pytest.raises(ValidationError, match="đang có Trưởng ban"):
        actions.add_member(
            c, by=SYSTEM, role=MemberRole.HEAD, valid_from=D(2025, 9, 1), full_name="Trần Văn B"
        )
    with pytest.raises(ValidationError, match="đang là thành viên"):
        actions.add_member(
            c,
            by=SYSTEM,
            role=MemberRole.MEMBER,
            valid_from=D(2025, 9, 1),
            full_name="vu thi mai anh",
        )
    with pytest.raises(ValidationError, match="trong thời gian hoạt động"):
        actions.add_member(
            c, by=SYSTEM, role=MemberRole.MEMBER, valid_from=D(2025, 1, 1), full_name="Lê C"
        )
    actions.end_member(head, by=SYSTEM, on=D(2026, 1, 31), note="Chuyển công tác")
    new_head = actions.add_member(
        c, by=SYSTEM, role=MemberRole.HEAD, valid_from=D(2026, 2, 1), full_name="Trần Văn B"
    )
    assert new_head.valid_to is None
    with pytest.raises(ValidationError, match="đã thôi trước ngày đó"):
        actions.end_member(head, by=SYSTEM, on=D(2026, 3, 1))


def test_a_merged_person_stands_for_the_one_kept(world):
    kept, dup = person("Vũ Thị Mai Anh"), person("Vu Thi Mai Anh")
    Person.objects.filter(pk=dup.pk).update(merged_into=kept)
    dup.refresh_from_db()
    c = committee(world.commune_a)
    m = actions.add_member(
        c, by=SYSTEM, role=MemberRole.MEMBER, valid_from=D(2025, 8, 1), person=dup
    )
    assert m.person == kept


def test_dissolving_ends_members_and_the_body(world):
    c = committee(world.commune_a)
    actions.add_member(
        c, by=SYSTEM, role=MemberRole.HEAD, valid_from=D(2025, 8, 1), full_name="Vũ Thị Mai Anh"
    )
    actions.dissolve_committee(
        c, by=world.commune_editor, on=D(2026, 6, 30), ended_by="Quyết định số 9-QĐ/ĐU"
    )
    c.refresh_from_db()
    assert c.valid_to == D(2026, 6, 30) and c.body.valid_to == D(2026, 6, 30)
    assert SteeringMembership.objects.get().valid_to == D(2026, 6, 30)
    reformed = committee(world.commune_a, valid_from=D(2026, 7, 1), predecessor=c)
    assert reformed.body == c.body and Body.objects.get(pk=c.body_id).valid_to is None
    with pytest.raises(ValidationError, match="đã giải thể"):
        actions.dissolve_committee(c, by=SYSTEM, on=D(2026, 7, 1))


def test_plans_and_meetings(world):
    c = committee(world.commune_a)
    with pytest.raises(ValidationError) as exc:
        actions.add_steering_plan(c, by=SYSTEM, number=" ", issued_on=D(2025, 8, 1), title="")
    assert set(exc.value.message_dict) == {"number", "title"}
    actions.add_steering_plan(
        c, by=SYSTEM, number="01-KH/BCĐ", issued_on=D(2025, 8, 1), title="Kế hoạch năm 2025"
    )
    with pytest.raises(ValidationError, match="Hãy ghi nội dung"):
        actions.add_meeting(c, by=SYSTEM, held_on=D(2025, 12, 1), content="")
    actions.add_meeting(
        c, by=SYSTEM, held_on=D(2025, 12, 1), content="Sơ kết", conclusions="Tiếp tục"
    )
    with pytest.raises(PermissionDenied):
        actions.add_meeting(c, by=world.sibling_editor, held_on=D(2025, 12, 1), content="x")
    verbs = set(AuditEvent.objects.filter(target_id=str(c.pk)).values_list("verb", flat=True))
    assert {"steering.add_plan", "steering.add_meeting"} <= verbs


# --- Pages ---------------------------------------------------------------------------------


@pytest.fixture
def committees(world):
    a = committee(world.commune_a)
    actions.add_member(
        a,
        by=SYSTEM,
        role=MemberRole.HEAD,
        valid_from=D(2025, 8, 1),
        full_name="Vũ Thị Mai Anh",
        position_label="Phó Bí thư Thường trực Đảng ủy phường",
    )
    return {
        "a": a,
        "b": committee(world.commune_b, name="Ban Chỉ đạo “Dân vận khéo” xã Bình", kind="dvk"),
    }


VISIBLE = {
    "central_viewer": {"a", "b"},
    "province_approver": {"a", "b"},
    "commune_editor": {"a"},
    "sibling_editor": {"b"},
    "other_editor": set(),
    "outsider": set(),
}


def login(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("persona", list(VISIBLE))
def test_list_and_detail_per_persona(client, world, committees, persona):
    login(client, getattr(world, persona))
    r = client.get(reverse("oversight:steering_list"))
    if persona == "outsider":
        assert r.status_code == 403
    else:
        shown = {k for k, c in committees.items() if c.name in r.content.decode()}
        assert shown == VISIBLE[persona]
    for key, c in committees.items():
        r = client.get(reverse("oversight:steering_detail", args=[c.code]))
        assert r.status_code == (200 if key in VISIBLE[persona] else 404), (persona, key)


def test_detail_shows_current_and_past_members(client, world, committees):
    c = committees["a"]
    m = c.memberships.get()
    actions.end_member(m, by=SYSTEM, on=D(2026, 1, 31))
    actions.add_member(
        c, by=SYSTEM, role=MemberRole.HEAD, valid_from=D(2026, 2, 1), full_name="Trần Văn Bảy"
    )
    login(client, world.commune_editor)
    text = client.get(reverse("oversight:steering_detail", args=[c.code])).content.decode()
    assert "Thành viên trước đây" in text and "Vũ Thị Mai Anh" in text and "Trần Văn Bảy" in text
    assert "Bổ sung thành viên Ban Chỉ đạo" in text  # audit history


def test_list_filters_and_query_count(client, world, committees, django_assert_max_num_queries):
    login(client, world.province_approver)
    url = reverse("oversight:steering_list")
    r = client.get(url, {"loai": "dvk"}, headers={"HX-Request": "true"})
    assert "<html" not in r.content.decode() and "xã Bình" in r.content.decode()
    assert "Vũ Thị Mai Anh" in client.get(url, {"q": "quy che"}).content.decode()
    assert "Không tìm thấy đơn vị" in client.get(url, {"don-vi": "T2C"}).content.decode()
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    for i in range(30):
        committee(world.commune_a, name=f"Ban Chỉ đạo số {i}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_new_and_create(client, world):
    assert (
        login(client, world.central_viewer).get(reverse("oversight:steering_new")).status_code
        == 403
    )
    login(client, world.commune_editor)
    assert client.get(reverse("oversight:steering_new")).status_code == 200
    r = client.post(
        reverse("oversight:steering_create"),
        {
            "unit": "T1A",
            "kind": "vdqc",
            "valid_from": "01/08/2025",
            "party_body_kind": "party_committee",
        },
    )
    assert r.status_code == 302
    c = SteeringCommittee.objects.get()
    assert (
        c.name.startswith("Ban Chỉ đạo phối hợp hoạt động vận động quần chúng")
        and c.standing_body is None
    )
    r = client.post(
        reverse("oversight:steering_create"), {"unit": "T1A", "kind": "", "valid_from": "xx"}
    )
    assert r.status_code == 400 and "Bắt buộc nhập." in r.content.decode()
    r = client.post(
        reverse("oversight:steering_create"),
        {
            "unit": "T1A",
            "kind": "qcdc",
            "valid_from": "01/08/2025",
            "standing_body_kind": "mass_mobilization",
        },
    )
    assert r.status_code == 400 and "không có Ban Dân vận" in r.content.decode()
    r = client.post(
        reverse("oversight:steering_create"),
        {"unit": "T1B", "kind": "qcdc", "valid_from": "01/08/2025"},
    )
    assert r.status_code == 403


def test_edit_and_update(client, world, committees):
    c = committees["a"]
    assert (
        login(client, world.central_viewer)
        .get(reverse("oversight:steering_edit", args=[c.code]))
        .status_code
        == 403
    )
    assert (
        login(client, world.sibling_editor)
        .get(reverse("oversight:steering_edit", args=[c.code]))
        .status_code
        == 404
    )
    login(client, world.commune_editor)
    assert client.get(reverse("oversight:steering_edit", args=[c.code])).status_code == 200
    r = client.post(
        reverse("oversight:steering_update", args=[c.code]),
        {
            "unit": "T1A",
            "kind": "qcdc",
            "name": c.name,
            "valid_from": "15/07/2025",
            "established_by": "Quyết định số 15-QĐ/ĐU",
            "party_body_kind": "party_committee",
        },
    )
    assert r.status_code == 302
    c.refresh_from_db()
    assert c.established_by == "Quyết định số 15-QĐ/ĐU"
    r = client.post(
        reverse("oversight:steering_update", args=[c.code]), {"unit": "T1A", "kind": "qcdc"}
    )
    assert r.status_code == 400


def test_member_pages(client, world, committees):
    c = committees["a"]
    p = person("Nguyễn Văn Tám")
    Position.objects.create(person=p, title="Chủ tịch Ủy ban MTTQ phường", unit=world.commune_a)
    login(client, world.commune_editor)
    r = client.get(reverse("oversight:people_search", args=[c.code]), {"q": "nguyen tam"})
    assert (
        r.status_code == 200
        and str(p.code) in r.content.decode()
        and "Chủ tịch Ủy ban MTTQ phường" in r.content.decode()
    )
    r = client.post(
        reverse("oversight:member_create", args=[c.code]),
        {"person": str(p.code), "role": "standing_deputy", "valid_from": "01/08/2025"},
    )
    assert r.status_code == 302
    m = c.memberships.get(person=p)
    r = client.post(
        reverse("oversight:member_create", args=[c.code]),
        {"role": "member", "valid_from": "01/08/2025"},
    )
    assert (
        r.status_code == 400
        and "Hãy chọn một cán bộ hoặc ghi họ tên người mới." in r.content.decode()
    )
    r = client.post(
        reverse("oversight:member_end", args=[c.code, m.pk]),
        {"on": "31/12/2025", "note": "Nghỉ hưu"},
    )
    assert r.status_code == 302
    r = client.post(reverse("oversight:member_end", args=[c.code, m.pk]), {"on": ""})
    assert r.status_code == 400
    login(client, world.sibling_editor)
    assert (
        client.get(reverse("oversight:people_search", args=[c.code]), {"q": "tam"}).status_code
        == 404
    )
    assert (
        client.post(
            reverse("oversight:member_end", args=[c.code, m.pk]), {"on": "31/12/2025"}
        ).status_code
        == 404
    )
    login(client, world.central_viewer)
    assert (
        client.get(reverse("oversight:people_search", args=[c.code]), {"q": "tam"}).status_code
        == 403
    )
    assert (
        client.post(
            reverse("oversight:member_create", args=[c.code]),
            {"full_name": "X", "role": "member", "valid_from": "01/08/2025"},
        ).status_code
        == 403
    )


def test_plan_meeting_and_dissolve_pages(client, world, committees):
    c = committees["a"]
    head = c.memberships.get().person
    login(client, world.commune_editor)
    r = client.post(
        reverse("oversight:steering_plan_create", args=[c.code]),
        {"number": "01-KH/BCĐ", "issued_on": "04/05/2026", "title": "Kế hoạch năm 2026"},
    )
    assert r.status_code == 302 and c.plans.count() == 1
    r = client.post(
        reverse("oversight:steering_plan_create", args=[c.code]), {"number": "", "issued_on": "x"}
    )
    assert r.status_code == 400
    r = client.post(
        reverse("oversight:meeting_create", args=[c.code]),
        {"held_on": "20/12/2025", "content": "Sơ kết năm", "chaired_by": str(head.code)},
    )
    assert r.status_code == 302 and c.meetings.get().chaired_by == head
    r = client.post(
        reverse("oversight:meeting_create", args=[c.code]), {"held_on": "20/12/2025", "content": ""}
    )
    assert r.status_code == 400
    r = client.post(reverse("oversight:steering_dissolve", args=[c.code]), {"on": "01/01/2020"})
    assert r.status_code == 400 and "Ngày giải thể phải sau ngày thành lập." in r.content.decode()
    r = client.post(
        reverse("oversight:steering_dissolve", args=[c.code]),
        {"on": "30/06/2026", "ended_by": "QĐ 1"},
    )
    assert r.status_code == 302
    c.refresh_from_db()
    assert c.valid_to == D(2026, 6, 30)
    login(client, world.sibling_editor)
    for name in ("steering_plan_create", "meeting_create", "steering_dissolve"):
        assert client.post(reverse(f"oversight:{name}", args=[c.code]), {}).status_code == 404
    login(client, world.central_viewer)
    assert (
        client.post(
            reverse("oversight:steering_plan_create", args=[c.code]),
            {"number": "1", "issued_on": "04/05/2026", "title": "x"},
        ).status_code
        == 403
    )


def test_steering_mutations_refuse_get(client, world, committees):
    login(client, world.province_approver)
    code = committees["a"].code
    for name in (
        "steering_update",
        "steering_dissolve",
        "member_create",
        "steering_plan_create",
        "meeting_create",
    ):
        assert client.get(reverse(f"oversight:{name}", args=[code])).status_code == 405
    assert client.get(reverse("oversight:steering_create")).status_code == 405


def test_list_shows_a_dissolved_committee_as_it_ended(client, world, committees):
    actions.dissolve_committee(committees["a"], by=SYSTEM, on=D(2026, 6, 30))
    login(client, world.commune_editor)
    text = client.get(reverse("oversight:steering_list")).content.decode()
    assert "Vũ Thị Mai Anh" in text and "giải thể 30/06/2026" in text
