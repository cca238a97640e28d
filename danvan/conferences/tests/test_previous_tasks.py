"""Done when: unfinished key tasks of a conference appear, with owners and status, on the next
conference of the same body."""

import datetime as dt

import pytest

from danvan.conferences.models import Kind
from danvan.followups.models import today
from danvan.followups.states import Status
from danvan.followups.tests.factories import KeyTaskFactory
from danvan.units.models import BodyKind

from .factories import ConferenceFactory, PersonFactory, body_of


@pytest.fixture
def two_reviews(world):
    party = body_of(world.commune_a)
    front = body_of(world.commune_a, BodyKind.FATHERLAND_FRONT)
    first = ConferenceFactory(
        unit=world.commune_a,
        body=party,
        kind=Kind.REVIEW_INTERIM,
        held_on=dt.date(2025, 7, 15),
        title="Hội nghị sơ kết 6 tháng đầu năm 2025",
    )
    owner = PersonFactory(full_name="Nguyễn Văn Trãi")
    KeyTaskFactory(
        conference=first,
        number=1,
        text="Nâng cao hiệu quả dân vận chính quyền",
        owner_body=party,
        owner_person=owner,
        status=Status.IN_PROGRESS,
        percent=60,
    )
    KeyTaskFactory(
        conference=first,
        number=2,
        text="Kiện toàn Ban công tác Mặt trận khu dân cư",
        owner_body=front,
        deadline=today() - dt.timedelta(days=30),
    )
    KeyTaskFactory(
        conference=first,
        number=3,
        text="Tổng kết mô hình dân vận khéo",
        owner_body=party,
        status=Status.DONE,
    )
    second = ConferenceFactory(
        unit=world.commune_a,
        body=party,
        kind=Kind.REVIEW_FINAL,
        held_on=dt.date(2025, 12, 20),
        title="Hội nghị tổng kết năm 2025",
    )
    other_body = ConferenceFactory(
        unit=world.commune_a,
        body=front,
        held_on=dt.date(2025, 12, 21),
        title="Hội nghị của Mặt trận",
    )
    return first, second, other_body


def test_the_next_conference_shows_the_previous_tasks_with_owners_and_status(
    client, world, two_reviews
):
    first, second, _ = two_reviews
    client.force_login(world.commune_editor)
    body = client.get(second.get_absolute_url()).content.decode()
    section = body.split('id="nhiem-vu-ky-truoc"')[1]
    assert first.title in section
    assert "Nâng cao hiệu quả dân vận chính quyền" in section
    assert "Nguyễn Văn Trãi" in section and "Đảng ủy phường An" in section
    assert "Đang thực hiện" in section and "60%" in section
    assert "Kiện toàn Ban công tác Mặt trận khu dân cư" in section
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam phường An" in section and "Quá hạn" in section
    assert "Tổng kết mô hình dân vận khéo" in section and "Hoàn thành" in section
    assert "<strong>2</strong> chưa xong" in section


def test_a_conference_of_another_body_does_not_show_them(client, world, two_reviews):
    _, _, other_body = two_reviews
    client.force_login(world.commune_editor)
    body = client.get(other_body.get_absolute_url()).content.decode()
    section = body.split('id="nhiem-vu-ky-truoc"')[1]
    assert "Nâng cao hiệu quả dân vận chính quyền" not in section
    assert "Chưa có hội nghị trước" in section


def test_the_api_gives_the_same_review(client, world, two_reviews):
    first, second, _ = two_reviews
    client.force_login(world.commune_editor)
    data = client.get(f"/api/v1/conferences/{second.code}/previous-tasks").json()
    assert data["previous"]["title"] == first.title
    rows = {t["number"]: t for t in data["tasks"]}
    assert rows[1]["owner_person_name"] == "Nguyễn Văn Trãi"
    assert rows[1]["status_label"] == "Đang thực hiện"
    assert rows[2]["status_label"] == "Quá hạn" and rows[2]["is_overdue"]
    assert rows[3]["status"] == "hoan_thanh"
