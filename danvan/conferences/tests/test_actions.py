import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.accounts.permissions import SYSTEM
from danvan.audit.history import history
from danvan.conferences import actions, directive_links
from danvan.conferences.models import Conference, Kind, ParticipantRole
from danvan.people.models import Person
from danvan.units.models import BodyKind

from .factories import ConferenceFactory, body_of


def create(world, by=None, **kw):
    fields = {
        "unit": world.commune_a,
        "body": body_of(world.commune_a),
        "title": "Hội nghị tổng kết công tác dân vận năm 2025, triển khai nhiệm vụ năm 2026",
        "kind": Kind.REVIEW_FINAL,
        "held_on": dt.date(2025, 12, 1),
        "reviewed_label": "năm 2025",
        "planned_label": "năm 2026",
    }
    fields.update(kw)
    return actions.create_conference(by=by or world.commune_editor, **fields)


def test_an_editor_records_a_conference_with_its_programmes(world):
    c = create(world, programmes=["công tác dân vận", " Quy chế dân chủ ở cơ sở ", ""])
    assert c.programmes == ["công tác dân vận", "Quy chế dân chủ ở cơ sở"]
    assert c.sort_on == dt.date(2025, 12, 1)
    assert "tong ket cong tac dan van" in c.search_key
    assert [e.verb_label for e in history(c)] == ["Tạo hội nghị"]


def test_the_sort_date_falls_back_to_the_reviewed_period(world):
    c = create(world, held_on=None, held_note="giữa năm 2025", reviewed_to=dt.date(2025, 6, 30))
    assert c.sort_on == dt.date(2025, 6, 30)
    assert c.date_label == "giữa năm 2025"


def test_a_sibling_editor_may_not_record_for_another_commune(world):
    with pytest.raises(PermissionDenied):
        create(world, by=world.sibling_editor)


def test_domain_rules_give_vietnamese_messages(world):
    with pytest.raises(ValidationError) as e:
        create(
            world,
            reviewed_from=dt.date(2025, 12, 31),
            reviewed_to=dt.date(2025, 1, 1),
            bridge_points=["Điểm cầu tỉnh"],
        )
    messages = e.value.message_dict
    assert messages["reviewed_to"] == ["Kỳ đánh giá: ngày kết thúc trước ngày bắt đầu."]
    assert messages["bridge_points"] == ["Chỉ hội nghị trực tuyến mới có điểm cầu."]


def test_a_unit_that_did_not_exist_on_the_day_is_refused(world):
    with pytest.raises(ValidationError) as e:
        create(world, held_on=dt.date(2024, 12, 1))
    assert "không tồn tại vào ngày 01/12/2024" in e.value.message_dict["held_on"][0]


def test_the_body_must_belong_to_the_unit(world):
    with pytest.raises(ValidationError) as e:
        create(world, body=body_of(world.commune_b))
    assert "không thuộc" in e.value.message_dict["body"][0]


def test_an_online_conference_counts_its_bridge_points(world):
    c = create(world, kind=Kind.ONLINE, bridge_points_count=2, bridge_points=["Tỉnh", "Xã"])
    assert c.is_online
    with pytest.raises(ValidationError) as e:
        actions.update_conference(c, by=world.commune_editor, bridge_points_count=1)
    assert "ít hơn số điểm cầu đã liệt kê" in e.value.message_dict["bridge_points_count"][0]


def test_external_ids_are_unique_per_unit(world):
    create(world, external_id="HN-1")
    with pytest.raises(ValidationError) as e:
        create(world, external_id="HN-1")
    assert "đã dùng" in e.value.message_dict["external_id"][0]


def test_an_update_records_each_change_with_its_label(world):
    c = create(world)
    actions.update_conference(
        c, by=world.commune_editor, venue="Hội trường Đảng ủy phường", held_on=dt.date(2025, 12, 2)
    )
    event = history(c).first()
    assert event.verb_label == "Sửa hội nghị"
    assert event.data["changes"]["Địa điểm"] == ["", "Hội trường Đảng ủy phường"]
    assert event.data["changes"]["Ngày tổ chức"] == ["01/12/2025", "02/12/2025"]
    c.refresh_from_db()
    assert c.sort_on == dt.date(2025, 12, 2)


def test_an_update_without_changes_writes_nothing(world):
    c = create(world)
    actions.update_conference(c, by=world.commune_editor, venue="")
    assert history(c).count() == 1


def test_a_participant_holds_several_posts_on_the_day(world):
    c = create(world)
    p = actions.add_participant(
        c,
        by=world.commune_editor,
        role=ParticipantRole.CHAIR,
        full_name="Vũ Thị Mai Anh",
        position_label="Phó Bí thư TT Đảng ủy, Trưởng BCĐ thực hiện quy chế dân chủ ở cơ sở",
    )
    titles = sorted(pos.title for pos in p.positions.all())
    assert titles == ["Phó Bí thư TT Đảng ủy", "Trưởng BCĐ thực hiện quy chế dân chủ ở cơ sở"]
    assert all(pos.unit == world.commune_a for pos in p.positions.all())
    assert "vu thi mai anh" in Conference.objects.get(pk=c.pk).search_key
    # The same person at the next conference reuses her positions valid that day.
    c2 = create(world, held_on=dt.date(2026, 6, 30), title="Hội nghị sơ kết 6 tháng đầu năm 2026")
    p2 = actions.add_participant(
        c2, by=world.commune_editor, person=p.person, position_label="Phó Bí thư TT Đảng ủy"
    )
    assert list(p2.positions.all()) == [
        pos for pos in p.positions.all() if pos.title == "Phó Bí thư TT Đảng ủy"
    ]
    assert Person.objects.filter(full_name="Vũ Thị Mai Anh").count() == 1


def test_a_participant_needs_a_name_and_appears_once_per_role(world):
    c = create(world)
    with pytest.raises(ValidationError) as e:
        actions.add_participant(c, by=world.commune_editor, full_name="  ")
    assert e.value.message_dict["full_name"] == ["Hãy chọn cán bộ hoặc nhập họ tên người mới."]
    p = actions.add_participant(c, by=world.commune_editor, full_name="Lê Văn Tám")
    with pytest.raises(ValidationError):
        actions.add_participant(c, by=world.commune_editor, person=p.person)


def test_removing_a_participant_is_audited(world):
    c = create(world)
    p = actions.add_participant(
        c, by=world.commune_editor, full_name="Lê Văn Tám", position_label="Bí thư Chi bộ"
    )
    actions.remove_participant(p, by=world.commune_editor)
    assert c.participants.count() == 0
    assert history(c).first().verb_label == "Bỏ đại biểu"
    assert "Lê Văn Tám, Bí thư Chi bộ" in history(c).first().data["note"]


def test_citations_link_the_conference_to_directives(world):
    text = "Thực hiện Chỉ thị số 21-CT/TU, ngày 27/5/2022; Kết luận số 120-KL/TW"
    c = create(world, directives_text=text)
    symbols = sorted(link.directive.symbol for link in directive_links.links_of(c))
    assert symbols == ["120-KL/TW", "21-CT/TU"]
    # Linking the same text again changes nothing.
    assert directive_links.link_text(c, text, unit=c.unit, on=c.held_on, by=world.commune_editor)
    assert directive_links.links_of(c).count() == 2


def test_previous_conference_is_the_last_of_the_same_body(world):
    party = body_of(world.commune_a)
    front = body_of(world.commune_a, BodyKind.FATHERLAND_FRONT)
    first = ConferenceFactory(unit=world.commune_a, body=party, held_on=dt.date(2025, 7, 15))
    ConferenceFactory(unit=world.commune_a, body=front, held_on=dt.date(2025, 9, 1))
    second = ConferenceFactory(unit=world.commune_a, body=party, held_on=dt.date(2025, 12, 1))
    assert second.previous() == first
    assert first.next() == second
    assert first.previous() is None


def test_the_system_may_record_anywhere(world):
    c = create(world, by=SYSTEM)
    assert c.created_by is None
