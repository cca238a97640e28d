import datetime as dt

import pytest
from django.urls import reverse

from danvan.conferences.tests.factories import ConferenceFactory, body_of
from danvan.followups.models import KeyTask, today
from danvan.followups.states import Status
from danvan.units.models import BodyKind

from .factories import KeyTaskFactory

LATE = today() - dt.timedelta(days=10)


@pytest.fixture
def conference(world):
    return ConferenceFactory(
        unit=world.commune_a, held_on=dt.date(2025, 12, 1), planned_label="năm 2026"
    )


@pytest.fixture
def task(world, conference):
    return KeyTaskFactory(
        conference=conference,
        text="Rà soát quy chế làm việc của các chi bộ, rõ người, rõ việc",
        owner_body=body_of(world.commune_a, BodyKind.FATHERLAND_FRONT),
        deadline=LATE,
    )


def url(name, *args):
    return reverse(f"followups:{name}", args=args)


@pytest.mark.parametrize(
    "persona, sees",
    [
        ("commune_editor", True),
        ("province_approver", True),
        ("central_viewer", True),
        ("sibling_editor", False),
        ("outsider", False),
    ],
)
def test_lists_by_persona(client, world, task, persona, sees):
    client.force_login(getattr(world, persona))
    for name in ("list", "overdue"):
        response = client.get(url(name))
        assert response.status_code == 200
        assert ("Rà soát quy chế làm việc" in response.content.decode()) is sees


def test_the_overdue_list_per_unit(client, world, task, conference):
    KeyTaskFactory(
        conference=conference, text="Việc còn hạn", deadline=today() + dt.timedelta(days=5)
    )
    KeyTaskFactory(conference=conference, text="Việc đã xong", deadline=LATE, status=Status.DONE)
    other = ConferenceFactory(unit=world.commune_b)
    KeyTaskFactory(conference=other, text="Việc của xã Bình", deadline=LATE)
    client.force_login(world.province_approver)
    body = client.get(url("overdue"), {"don-vi": "T1A"}).content.decode()
    assert "Rà soát quy chế" in body and "Quá hạn" in body
    assert (
        "Việc còn hạn" not in body and "Việc đã xong" not in body and "Việc của xã Bình" not in body
    )
    body = client.get(url("overdue"), {"don-vi": "T1"}).content.decode()
    assert "Việc của xã Bình" in body


def test_the_list_filters_status_conference_and_search(client, world, task, conference):
    KeyTaskFactory(
        conference=conference, text="Kiện toàn Ban công tác Mặt trận", status=Status.DONE
    )
    client.force_login(world.commune_editor)
    body = client.get(url("list"), {"trang-thai": "hoan_thanh"}).content.decode()
    assert "Kiện toàn Ban công tác" in body and "Rà soát quy chế" not in body
    body = client.get(url("list"), {"trang-thai": "qua_han"}).content.decode()
    assert "Rà soát quy chế" in body and "Kiện toàn" not in body
    body = client.get(url("list"), {"q": "kien toan ban"}).content.decode()
    assert "Kiện toàn Ban công tác" in body and "Rà soát quy chế" not in body
    body = client.get(url("list"), {"hoi-nghi": str(conference.code)}).content.decode()
    assert "2 nhiệm vụ" in body


def test_htmx_and_bad_filters(client, world, task):
    client.force_login(world.commune_editor)
    response = client.get(url("list"), HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode()
    response = client.get(url("list"), {"den-ngay": "hôm qua"})
    assert response.status_code == 400
    assert "Ngày không hợp lệ" in response.content.decode()


def test_the_list_costs_the_same_for_2_and_50_rows(
    client, world, conference, django_assert_max_num_queries
):
    client.force_login(world.province_approver)
    for _ in range(2):
        KeyTaskFactory(conference=conference, owner_body=body_of(world.commune_a))
    with django_assert_max_num_queries(12) as small:
        client.get(url("list"))
    for _ in range(48):
        KeyTaskFactory(conference=conference, owner_body=body_of(world.commune_a))
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert "50 nhiệm vụ" in client.get(url("list")).content.decode()
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url("overdue"))


@pytest.mark.parametrize(
    "persona, status, editable",
    [
        ("commune_editor", 200, True),
        ("province_approver", 200, True),
        ("central_viewer", 200, False),
        ("sibling_editor", 404, False),
        ("outsider", 404, False),
    ],
)
def test_the_detail_page(client, world, task, persona, status, editable):
    client.force_login(getattr(world, persona))
    response = client.get(task.get_absolute_url())
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert "Quá hạn" in body and "Ủy ban Mặt trận Tổ quốc Việt Nam phường An" in body
        assert ("Ghi tiến độ" in body) is editable


def test_setting_a_task_from_the_conference(client, world, conference):
    client.force_login(world.commune_editor)
    assert client.get(url("new"), {"hoi-nghi": str(conference.code)}).status_code == 200
    front = body_of(world.commune_a, BodyKind.FATHERLAND_FRONT)
    response = client.post(
        url("create"),
        {
            "conference": str(conference.code),
            "text": "Tổ chức đối thoại với Nhân dân",
            "owner_body": front.pk,
            "owner_person_name": "Nguyễn Văn Trãi",
            "deadline": "30/06/2026",
            "co_owners": [body_of(world.commune_a).pk],
        },
    )
    assert response.status_code == 302
    task = KeyTask.objects.get()
    assert (task.number, task.owner_body, task.deadline) == (1, front, dt.date(2026, 6, 30))
    assert task.owner_person.full_name == "Nguyễn Văn Trãi"
    page = client.get(conference.get_absolute_url()).content.decode()
    assert "Tổ chức đối thoại với Nhân dân" in page


def test_task_form_errors_are_400(client, world, conference):
    client.force_login(world.commune_editor)
    response = client.post(
        url("create"), {"conference": str(conference.code), "text": "", "deadline": "31/31/2026"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Hãy nhập nội dung nhiệm vụ." in body and "Ngày không hợp lệ" in body


@pytest.mark.parametrize("persona", ["central_viewer", "sibling_editor", "outsider"])
def test_others_cannot_set_tasks(client, world, conference, persona):
    client.force_login(getattr(world, persona))
    assert client.get(url("new"), {"hoi-nghi": str(conference.code)}).status_code == 404
    assert (
        client.post(url("create"), {"conference": str(conference.code), "text": "X"}).status_code
        == 404
    )


def test_new_without_a_conference_is_404(client, world):
    client.force_login(world.commune_editor)
    assert client.get(url("new")).status_code == 404
    assert client.get(url("new"), {"hoi-nghi": "abc"}).status_code == 404


def test_editing_a_task(client, world, task):
    client.force_login(world.commune_editor)
    assert client.get(url("edit", task.code)).status_code == 200
    response = client.post(
        url("update", task.code), {"number": 1, "text": task.text, "deadline": "15/01/2027"}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.deadline == dt.date(2027, 1, 15) and task.owner_body is None


def test_progress_transition_and_carry_over_pages(client, world, task, conference):
    client.force_login(world.commune_editor)
    response = client.post(
        url("progress", task.code),
        {"on": today().strftime("%d/%m/%Y"), "note": "Đã rà soát 5/10 chi bộ", "percent": "50"},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.percent) == (Status.IN_PROGRESS, 50)
    later = ConferenceFactory(
        unit=world.commune_a, body=conference.body, held_on=dt.date(2026, 12, 1)
    )
    response = client.post(
        url("carry_over", task.code), {"conference": str(later.code), "deadline": "30/06/2027"}
    )
    new = KeyTask.objects.get(carried_over_from=task)
    assert response.status_code == 302 and response["Location"] == new.get_absolute_url()
    assert new.conference == later
    page = client.get(task.get_absolute_url()).content.decode()
    assert "Đã chuyển sang" in page and "Chuyển kỳ sau" in page
    response = client.post(
        url("transition", new.code), {"to": "hoan_thanh", "on": today().strftime("%d/%m/%Y")}
    )
    assert response.status_code == 302
    new.refresh_from_db()
    assert new.status == Status.DONE


def test_bad_progress_and_transitions_are_400(client, world, task):
    client.force_login(world.commune_editor)
    response = client.post(url("progress", task.code), {"on": "", "note": "", "percent": "150"})
    assert response.status_code == 400
    body = response.content.decode()
    assert (
        "Hãy ghi nội dung tiến độ." in body
        and "Tiến độ phải từ 0 đến 100%." in body
        and "Hãy nhập ngày." in body
    )
    response = client.post(
        url("transition", task.code), {"to": "chuyen_ky_sau", "on": "01/01/2026"}
    )
    assert response.status_code == 400
    response = client.post(url("carry_over", task.code), {})
    assert response.status_code == 400
    assert "Chưa có hội nghị kỳ sau" in response.content.decode()


@pytest.mark.parametrize("persona", ["central_viewer", "sibling_editor", "outsider"])
def test_others_cannot_change_tasks(client, world, task, persona):
    client.force_login(getattr(world, persona))
    for name in ("update", "progress", "transition", "carry_over"):
        assert (
            client.post(url(name, task.code), {"note": "x", "to": "hoan_thanh"}).status_code == 404
        )
    assert client.get(url("edit", task.code)).status_code == 404


def test_mutations_are_post_only(client, world, task):
    client.force_login(world.commune_editor)
    for name in ("update", "progress", "transition", "carry_over"):
        assert client.get(url(name, task.code)).status_code == 405
