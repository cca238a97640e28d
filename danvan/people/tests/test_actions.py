import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.accounts.permissions import SYSTEM
from danvan.audit.models import AuditEvent
from danvan.people import actions
from danvan.people.actions import PositionSpec
from danvan.people.models import Person, Position
from danvan.people.queries import (
    duplicate_suggestions,
    match_person,
    person_references,
    positions_on,
)
from danvan.units.models import Body

from .factories import PersonFactory, PositionFactory, person_at

D = dt.date


def test_create_person_with_first_position(world):
    body = Body.objects.filter(unit=world.commune_a).first()
    person = actions.create_person(
        by=world.commune_editor,
        full_name="  Vũ Thị  Mai Anh ",
        gender="female",
        position=PositionSpec(title="Chủ tịch Ủy ban MTTQ", body=body, valid_from=D(2020, 1, 1)),
    )
    assert person.full_name == "Vũ Thị Mai Anh"
    assert person.search_key == "vu thi mai anh"
    (position,) = person.positions.all()
    assert position.unit == world.commune_a and position.body == body
    assert AuditEvent.objects.filter(verb="people.create", target_id=str(person.pk)).exists()


def test_create_person_needs_edit_role_on_the_position_unit(world):
    with pytest.raises(PermissionDenied):
        actions.create_person(
            by=world.sibling_editor,
            full_name="Nguyễn Văn A",
            position=PositionSpec(title="Bí thư", unit=world.commune_a),
        )
    with pytest.raises(PermissionDenied):
        actions.create_person(by=world.outsider, full_name="Nguyễn Văn A")
    # Without a position, the editor role anywhere is enough.
    assert actions.create_person(by=world.sibling_editor, full_name="Nguyễn Văn A").pk


def test_create_person_is_idempotent_on_external_id(world):
    a = actions.create_person(by=SYSTEM, full_name="Trần Minh Bảnh", external_id="x-1")
    b = actions.create_person(by=SYSTEM, full_name="Trần Minh Bảnh", external_id="x-1")
    assert a == b and Person.objects.count() == 1


def test_create_person_validates(world):
    with pytest.raises(ValidationError, match="họ và tên"):
        actions.create_person(by=SYSTEM, full_name="   ")
    with pytest.raises(ValidationError, match="Năm sinh"):
        actions.create_person(by=SYSTEM, full_name="A", birth_year=1800)


def test_update_person_needs_role_on_a_position_unit(world):
    person = person_at(world.commune_a)
    with pytest.raises(PermissionDenied):
        actions.update_person(person, by=world.sibling_editor, full_name="Tên khác")
    actions.update_person(person, by=world.commune_editor, full_name="Tên Mới", gender="male")
    person.refresh_from_db()
    assert person.full_name == "Tên Mới" and person.search_key == "ten moi"
    event = AuditEvent.objects.get(verb="people.update")
    assert event.data["changes"]["Họ và tên"][1] == "Tên Mới"


def test_add_and_end_position(world):
    person = person_at(world.commune_a)
    p = actions.add_position(
        person,
        PositionSpec(title="Phó Bí thư", unit=world.commune_a, valid_from=D(2021, 5, 1)),
        by=world.commune_editor,
    )
    # The same post from the same date is not added twice.
    again = actions.add_position(
        person,
        PositionSpec(title="phó bí thư", unit=world.commune_a, valid_from=D(2021, 5, 1)),
        by=world.commune_editor,
    )
    assert again == p
    with pytest.raises(ValidationError, match="sau ngày bắt đầu"):
        actions.end_position(p, by=world.commune_editor, valid_to=D(2020, 1, 1))
    actions.end_position(p, by=world.commune_editor, valid_to=D(2024, 12, 31))
    p.refresh_from_db()
    assert p.valid_to == D(2024, 12, 31)
    with pytest.raises(ValidationError, match="đã kết thúc"):
        actions.end_position(p, by=world.commune_editor, valid_to=D(2025, 1, 1))


def test_position_rules(world):
    person = person_at(world.commune_a)
    body_b = Body.objects.filter(unit=world.commune_b).first()
    with pytest.raises(ValidationError, match="không thuộc đơn vị"):
        actions.add_position(
            person, PositionSpec(title="X", unit=world.commune_a, body=body_b), by=SYSTEM
        )
    with pytest.raises(ValidationError, match="chọn đơn vị"):
        actions.add_position(person, PositionSpec(title="X"), by=SYSTEM)
    with pytest.raises(ValidationError, match="chức danh"):
        actions.add_position(person, PositionSpec(title=" ", unit=world.commune_a), by=SYSTEM)
    with pytest.raises(PermissionDenied):
        actions.add_position(
            person, PositionSpec(title="X", unit=world.commune_b), by=world.commune_editor
        )


def test_one_person_two_posts_on_a_date(world):
    person = PersonFactory(full_name="Vũ Thị Mai Anh")
    made = actions.add_positions_from_text(
        person,
        "Phó Bí thư TT Thành uỷ, Trưởng BCĐ thực hiện quy chế dân chủ ở cơ sở Thành phố",
        by=SYSTEM,
        unit=world.old_province,
        on=D(2022, 12, 1),
        source="seed_0",
    )
    assert [p.title for p in made] == [
        "Phó Bí thư TT Thành uỷ",
        "Trưởng BCĐ thực hiện quy chế dân chủ ở cơ sở Thành phố",
    ]
    assert made[0].body.kind == "party_committee"
    assert positions_on(person, D(2022, 12, 1)).count() == 2
    # Recording the same text again adds nothing.
    actions.add_positions_from_text(
        person, "Phó Bí thư TT Thành uỷ", by=SYSTEM, unit=world.old_province
    )
    assert person.positions.count() == 2


def test_positions_on_respects_dates(world):
    person = PersonFactory()
    PositionFactory(
        person=person,
        unit=world.commune_a,
        title="A",
        valid_from=D(2020, 1, 1),
        valid_to=D(2022, 6, 30),
    )
    PositionFactory(person=person, unit=world.commune_a, title="B", valid_from=D(2022, 7, 1))
    PositionFactory(person=person, unit=world.commune_a, title="C")  # dates unknown: open
    assert [p.title for p in positions_on(person, D(2021, 1, 1))] == ["C", "A"]
    assert sorted(p.title for p in positions_on(person, D(2023, 1, 1))) == ["B", "C"]


def test_merge_moves_every_reference_and_redirects(world):
    keep = person_at(world.commune_a, "Vũ Thị Mai Anh", title="Phó Bí thư")
    dup = person_at(world.commune_a, "Vu Thi Mai Anh", title="Trưởng BCĐ")
    dup.gender, dup.birth_year = "female", 1975
    dup.save()
    earlier = PersonFactory(full_name="Vũ T. Mai Anh", merged_into=dup)  # merged before
    result = actions.merge_people(keep, dup, by=world.province_approver, note="Cùng một người")
    dup.refresh_from_db()
    keep.refresh_from_db()
    earlier.refresh_from_db()
    assert dup.merged_into == keep and dup.final() == keep
    assert earlier.merged_into == keep
    assert sorted(p.title for p in keep.positions.all()) == ["Phó Bí thư", "Trưởng BCĐ"]
    assert not Position.objects.filter(person=dup).exists()
    assert keep.gender == "female" and keep.birth_year == 1975
    assert result.moved["chức vụ"] == 1
    assert AuditEvent.objects.filter(verb="people.merge", target_id=str(keep.pk)).exists()
    assert AuditEvent.objects.filter(verb="people.merged_into", target_id=str(dup.pk)).exists()


def test_merge_covers_every_related_model():
    """Every FK or M2M to Person in the project (today's and tomorrow's) is moved by merge."""
    refs = {(m._meta.label, name) for m, name, _ in person_references()}
    for rel in Person._meta.related_objects:
        if rel.many_to_many:
            assert (rel.through._meta.label, rel.field.m2m_reverse_field_name()) in refs
        else:
            assert (rel.related_model._meta.label, rel.field.name) in refs


def test_merge_moves_commendations(world):
    from danvan.emulation import actions as emulation
    from danvan.emulation.models import AwardForm, Commendation, RecipientKind

    keep = person_at(world.commune_a, "Nguyễn Văn A")
    dup = person_at(world.commune_a, "Nguyen Van A")
    c = emulation.propose_commendation(
        by=SYSTEM,
        unit=world.commune_a,
        form=AwardForm.CERTIFICATE,
        recipient_kind=RecipientKind.INDIVIDUAL,
        person=dup,
        proposed_on=D(2025, 8, 1),
    )
    result = actions.merge_people(keep, dup, by=SYSTEM)
    assert Commendation.objects.get(pk=c.pk).person == keep
    assert result.moved["khen thưởng"] == 1


def test_merge_permissions_and_rules(world):
    keep = person_at(world.commune_a)
    dup = person_at(world.commune_b)
    with pytest.raises(PermissionDenied):  # an editor is not enough
        actions.merge_people(keep, dup, by=world.commune_editor)
    other = person_at(world.commune_c)
    with pytest.raises(PermissionDenied):  # approver of T1, but one person works in T2
        actions.merge_people(keep, other, by=world.province_approver)
    with pytest.raises(ValidationError, match="chính nó"):
        actions.merge_people(keep, keep, by=world.province_approver)
    actions.merge_people(keep, dup, by=world.province_approver)
    with pytest.raises(ValidationError, match="đã được gộp"):
        actions.merge_people(keep, dup, by=world.province_approver)


def test_merge_drops_exact_duplicate_positions(world):
    keep = person_at(world.commune_a, title="Bí thư")
    dup = PersonFactory()
    body = keep.positions.get().body
    PositionFactory(person=dup, unit=world.commune_a, body=body, title="Bí thư")
    result = actions.merge_people(keep, dup, by=SYSTEM)
    assert keep.positions.count() == 1
    assert result.dropped["chức vụ"] == 1


def test_duplicate_suggestions_prefer_overlapping_units(world):
    me = person_at(world.commune_a, "Lê Văn Hùng")
    same_place = person_at(world.old_commune_a, "Le Van Hung")  # predecessor of commune A
    elsewhere = person_at(world.commune_c, "Lê Văn Hùng")
    unrelated = person_at(world.commune_a, "Lê Văn Hưng Thịnh")
    suggestions = duplicate_suggestions(me)
    assert [s.person for s in suggestions] == [same_place, elsewhere]
    assert suggestions[0].overlap and not suggestions[1].overlap
    assert unrelated not in [s.person for s in suggestions]


def test_match_person_prefers_the_unit(world):
    a = person_at(world.commune_a, "Trần Văn Tư")
    person_at(world.commune_c, "Trần Văn Tư")
    assert match_person("tran van tu", unit=world.commune_a) == a
    assert match_person("Trần Văn Tư") is None  # ambiguous without a unit
    assert match_person("Không Ai") is None


def test_a_post_ends_with_its_unit(world):
    """Posts at a district abolished on 30/06/2025 are not held after it, dates or not."""
    person = PersonFactory()
    PositionFactory(person=person, unit=world.old_district, title="Trưởng Ban Dân vận Huyện ủy")
    assert positions_on(person, D(2025, 6, 30)).count() == 1
    assert positions_on(person, D(2025, 7, 1)).count() == 0
    assert person.positions.get().period_label == "chưa rõ – 30/06/2025"


def test_merge_drops_a_reference_the_kept_person_already_has(world):
    """Both records attended the same conference: the unique (conference, person, role) row of
    the duplicate cannot move, so it is dropped; the other rows move."""
    from danvan.conferences.models import ConferenceParticipant
    from danvan.conferences.tests.factories import ConferenceFactory

    keep = person_at(world.commune_a, "Vũ Thị Mai Anh")
    dup = person_at(world.commune_a, "Vu Thi Mai Anh")
    first, second = ConferenceFactory(unit=world.commune_a), ConferenceFactory(unit=world.commune_a)
    for conference, person in ((first, keep), (first, dup), (second, dup)):
        row = ConferenceParticipant.objects.create(conference=conference, person=person)
        row.positions.add(person.positions.get())
    result = actions.merge_people(keep, dup, by=SYSTEM)
    assert ConferenceParticipant.objects.filter(person=keep).count() == 2
    assert not ConferenceParticipant.objects.filter(person=dup).exists()
    assert result.dropped["đại biểu"] == 1 and "đã có" in result.summary
    # The same post held twice became one; the moved participation now points at it.
    (post,) = keep.positions.all()
    assert set(
        ConferenceParticipant.objects.filter(person=keep).values_list("positions", flat=True)
    ) == {post.pk}
