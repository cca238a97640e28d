import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.audit.history import history
from danvan.conferences.tests.factories import ConferenceFactory, body_of, participant
from danvan.core.lifecycle import InvalidTransition
from danvan.followups import actions
from danvan.followups.models import KeyTask, today
from danvan.followups.states import Status
from danvan.units.models import BodyKind

from .factories import KeyTaskFactory


@pytest.fixture
def conference(world):
    return ConferenceFactory(
        unit=world.commune_a,
        held_on=dt.date(2025, 12, 1),
        planned_label="năm 2026",
        planned_from=dt.date(2026, 1, 1),
        planned_to=dt.date(2026, 12, 31),
    )


def test_a_task_takes_the_conference_period_and_next_number(world, conference):
    front = body_of(world.commune_a, BodyKind.FATHERLAND_FRONT)
    first = actions.create_task(
        by=world.commune_editor, conference=conference, text="Việc thứ nhất"
    )
    second = actions.create_task(
        by=world.commune_editor,
        conference=conference,
        text="Rà soát quy chế làm việc, rõ người, rõ việc",
        owner_body=front,
        co_owners=[body_of(world.commune_a, BodyKind.WOMENS_UNION)],
        deadline=dt.date(2026, 6, 30),
    )
    assert (first.number, second.number) == (1, 2)
    assert second.period_label == "năm 2026"
    assert second.period_to == dt.date(2026, 12, 31)
    assert second.unit == world.commune_a
    assert second.status == Status.NOT_STARTED
    assert list(second.co_owners.all()) == [body_of(world.commune_a, BodyKind.WOMENS_UNION)]
    assert second.transitions.get().on_date == dt.date(2025, 12, 1)
    assert history(second).first().verb_label == "Giao nhiệm vụ trọng tâm"


def test_the_owner_person_is_the_participant_of_that_name(world, conference):
    chair = participant(conference, "Trần Minh Bảnh", "chair", "Phó Bí thư Thường trực")
    task = actions.create_task(
        by=world.commune_editor,
        conference=conference,
        text="Việc",
        owner_person_name="trần minh bảnh",
    )
    assert task.owner_person == chair.person


def test_a_task_needs_text_and_a_unique_number(world, conference):
    actions.create_task(by=world.commune_editor, conference=conference, text="Việc", number=3)
    with pytest.raises(ValidationError) as e:
        actions.create_task(by=world.commune_editor, conference=conference, text="  ", number=3)
    assert e.value.message_dict["text"] == ["Hãy nhập nội dung nhiệm vụ."]
    assert e.value.message_dict["number"] == ["Hội nghị này đã có nhiệm vụ số 3."]


def test_the_task_unit_must_lie_under_the_conference_unit(world, conference):
    with pytest.raises(ValidationError) as e:
        actions.create_task(
            by=world.province_approver, conference=conference, text="Việc", unit=world.province
        )
    assert "không thuộc" in e.value.message_dict["unit"][0]


def test_a_sibling_may_not_set_tasks(world, conference):
    with pytest.raises(PermissionDenied):
        actions.create_task(by=world.sibling_editor, conference=conference, text="Việc")


def test_progress_starts_the_task_and_keeps_the_percentage(world, conference):
    task = KeyTaskFactory(conference=conference)
    actions.add_progress(task, by=world.commune_editor, note="Đã xây dựng kế hoạch", percent=30)
    task.refresh_from_db()
    assert (task.status, task.percent) == (Status.IN_PROGRESS, 30)
    assert task.progress_notes.get().note == "Đã xây dựng kế hoạch"
    assert [t.to_status for t in task.transitions.all()] == [Status.NOT_STARTED, Status.IN_PROGRESS]


def test_progress_is_validated(world, conference):
    task = KeyTaskFactory(conference=conference)
    with pytest.raises(ValidationError) as e:
        actions.add_progress(
            task, by=world.commune_editor, note="", percent=120, on=today() + dt.timedelta(days=1)
        )
    assert e.value.message_dict == {
        "note": ["Hãy ghi nội dung tiến độ."],
        "on": ["Ngày ghi nhận không được sau hôm nay."],
        "percent": ["Tiến độ phải từ 0 đến 100%."],
    }


def test_finishing_and_reopening(world, conference):
    task = KeyTaskFactory(conference=conference)
    actions.transition(task, to=Status.DONE, by=world.commune_editor, note="Đã hoàn thành")
    task.refresh_from_db()
    assert (task.status, task.percent, task.completed_on) == (Status.DONE, 100, today())
    actions.transition(task, to=Status.IN_PROGRESS, by=world.commune_editor)
    task.refresh_from_db()
    assert task.completed_on is None
    with pytest.raises(InvalidTransition) as e:
        actions.transition(task, to=Status.CARRIED_OVER, by=world.commune_editor)
    assert str(e.value) == "Không thể chuyển từ “Đang thực hiện” sang “Chuyển kỳ sau”."


def test_overdue_is_derived_from_the_deadline(world, conference):
    late = KeyTaskFactory(conference=conference, deadline=today() - dt.timedelta(days=1))
    KeyTaskFactory(conference=conference, deadline=today() + dt.timedelta(days=1))
    done = KeyTaskFactory(
        conference=conference, deadline=today() - dt.timedelta(days=3), status=Status.DONE
    )
    assert late.is_overdue and late.status_label == "Quá hạn"
    assert not done.is_overdue
    assert list(KeyTask.objects.overdue()) == [late]


def test_carry_over_opens_a_linked_task_at_the_next_conference(world, conference):
    task = KeyTaskFactory(
        conference=conference, owner_body=body_of(world.commune_a), deadline=dt.date(2026, 6, 30)
    )
    actions.add_progress(task, by=world.commune_editor, note="Mới làm được một nửa", percent=50)
    later = ConferenceFactory(
        unit=world.commune_a,
        body=conference.body,
        held_on=dt.date(2026, 12, 20),
        planned_label="năm 2027",
    )
    new = actions.carry_over(
        task, by=world.commune_editor, deadline=dt.date(2027, 6, 30), note="Chưa xong"
    )
    task.refresh_from_db()
    assert task.status == Status.CARRIED_OVER
    assert new.carried_over_from == task
    assert (new.conference, new.number, new.period_label) == (later, 1, "năm 2027")
    assert (new.status, new.percent, new.owner_body) == (Status.IN_PROGRESS, 50, task.owner_body)
    assert history(task).first().verb_label == "Chuyển nhiệm vụ sang kỳ sau"
    with pytest.raises(ValidationError):
        actions.carry_over(task, by=world.commune_editor)
    with pytest.raises(ValidationError):
        actions.add_progress(task, by=world.commune_editor, note="x")


def test_carry_over_needs_a_next_conference(world, conference):
    task = KeyTaskFactory(conference=conference)
    with pytest.raises(ValidationError) as e:
        actions.carry_over(task, by=world.commune_editor)
    assert "Chưa có hội nghị kỳ sau" in e.value.message_dict["conference"][0]


def test_an_update_records_changes(world, conference):
    task = KeyTaskFactory(conference=conference)
    actions.update_task(
        task,
        by=world.commune_editor,
        deadline=dt.date(2026, 3, 31),
        owner_person_name="Nguyễn Văn Trãi",
    )
    task.refresh_from_db()
    assert task.owner_person.full_name == "Nguyễn Văn Trãi"
    changes = history(task).first().data["changes"]
    assert changes["Thời hạn"] == ["", "31/03/2026"]
    assert changes["Người chịu trách nhiệm"] == ["", "Nguyễn Văn Trãi"]
