"""The practice pages as each persona uses them."""

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse

from danvan.audit.history import history
from danvan.practices.models import Practice, PracticeAttachment
from danvan.practices.states import Status

from .factories import PDF, PNG, practice, upload

D = dt.date


@pytest.fixture
def records(world):
    return {
        "a": practice(world.commune_a, name="Tuyến phố văn minh, sạch đẹp", field="new_rural"),
        "old": practice(
            world.old_commune_a, name="Chăn nuôi bò sinh sản", status=Status.IN_PROGRESS
        ),
        "b": practice(world.commune_b, name="Thắp sáng đường quê", field="new_rural"),
        "c": practice(world.commune_c, name="Camera an ninh khu phố", field="defence_security"),
    }


def names_in(response):
    return {p.name for p in response.context["page"].object_list}


LIST = reverse("practices:list")


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("central_viewer", {"a", "old", "b", "c"}),
        ("province_approver", {"a", "old", "b"}),
        ("commune_editor", {"a", "old"}),
        ("sibling_editor", {"b"}),
        ("other_editor", {"c"}),
    ],
)
def test_list_shows_exactly_the_subtree(client, world, records, persona, expected):
    client.force_login(getattr(world, persona))
    response = client.get(LIST)
    assert response.status_code == 200
    assert names_in(response) == {records[k].name for k in expected}


def test_the_outsider_sees_nothing(client, world, records):
    client.force_login(world.outsider)
    response = client.get(LIST)
    assert response.status_code == 403
    content = response.content.decode()
    assert "chưa được giao vai trò" in content
    assert all(p.name not in content for p in records.values())
    for p in records.values():
        assert client.get(p.get_absolute_url()).status_code == 404


def test_anonymous_users_are_sent_to_login(client, records):
    response = client.get(LIST)
    assert response.status_code == 302 and "next=/mo-hinh/" in response["Location"]


def test_list_filters_and_search_without_diacritics(client, world, records):
    client.force_login(world.province_approver)
    assert names_in(client.get(LIST, {"q": "tuyen pho VAN minh"})) == {records["a"].name}
    assert names_in(client.get(LIST, {"don-vi": "T1B"})) == {records["b"].name}
    # A unit's area includes the pre-2025 units it took over.
    assert names_in(client.get(LIST, {"don-vi": "T1A"})) == {records["a"].name, records["old"].name}
    assert names_in(client.get(LIST, {"linh-vuc": "new_rural"})) == {
        records["a"].name,
        records["b"].name,
    }
    assert names_in(client.get(LIST, {"trang-thai": "in_progress"})) == {records["old"].name}
    assert names_in(client.get(LIST, {"nam": 2024})) == {records["old"].name}
    assert names_in(client.get(LIST, {"tu": "01/07/2025", "den": "31/12/2025"})) == {
        records["a"].name,
        records["b"].name,
    }
    assert names_in(client.get(LIST, {"loai": "exemplar"})) == set()


def test_list_filter_errors_are_shown(client, world, records):
    client.force_login(world.commune_editor)
    response = client.get(LIST, {"tu": "32/13/2025", "don-vi": "T2C", "q": "tuyen"})
    content = response.content.decode()
    assert "Ngày không hợp lệ (dùng dạng dd/mm/yyyy)." in content
    assert "Không tìm thấy đơn vị này trong phạm vi bạn được xem." in content
    assert names_in(response) == {records["a"].name}  # the valid filter still applies


def test_htmx_gets_only_the_rows(client, world, records):
    client.force_login(world.commune_editor)
    response = client.get(LIST, {"q": "tuyen"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "<html" not in content and records["a"].name in content
    assert "HX-Request" in response["Vary"]


def test_list_costs_the_same_for_2_and_50_rows(client, world, django_assert_max_num_queries):
    client.force_login(world.province_approver)
    for _ in range(2):
        practice(world.commune_a)
    with django_assert_max_num_queries(12) as few:
        client.get(LIST)
    for _ in range(48):
        practice(world.commune_b, status=Status.IN_PROGRESS)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST)
    assert len(response.context["page"].object_list) == 50


def test_detail_shows_fields_timeline_and_history(client, world, records):
    p = records["old"]
    client.force_login(world.commune_editor)
    response = client.get(p.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert p.name in content and "Xã An Cũ" in content
    assert "Quá trình thực hiện" in content and "Lịch sử thay đổi" in content
    assert "Bắt đầu thực hiện" in content  # the audit verb label
    # The editor may stop it but not evaluate it.
    assert reverse("practices:stop", args=[p.code]) in content
    assert reverse("practices:evaluate", args=[p.code]) not in content
    client.force_login(world.province_approver)
    content = client.get(p.get_absolute_url()).content.decode()
    assert reverse("practices:evaluate", args=[p.code]) in content
    client.force_login(world.central_viewer)
    content = client.get(p.get_absolute_url()).content.decode()
    assert reverse("practices:stop", args=[p.code]) not in content
    assert reverse("practices:edit", args=[p.code]) not in content


def test_detail_is_hidden_from_the_sibling(client, world, records):
    client.force_login(world.sibling_editor)
    assert client.get(records["a"].get_absolute_url()).status_code == 404
    assert (
        client.get(
            reverse("practices:detail", args=["6f1e2a44-1c1b-4a7e-9bd1-000000000000"])
        ).status_code
        == 404
    )


REGISTER = reverse("practices:register")


def form_data(**overrides):
    data = {
        "unit": "T1A",
        "kind": "model",
        "name": "Dân vận khéo trong vận động hiến đất làm đường",
        "field": "new_rural",
        "registered_on": "15/08/2025",
        "beneficiaries": "hộ dân ven đường",
        "situation": "Đường hẹp.\nXuống cấp.",
    }
    data.update(overrides)
    return data


def test_register_form_for_the_commune_editor(client, world):
    client.force_login(world.commune_editor)
    response = client.get(REGISTER)
    assert response.status_code == 200
    assert response.context["form"]["unit"].value() == "T1A"
    response = client.post(REGISTER, form_data())
    p = Practice.objects.get()
    assert response.status_code == 302 and response["Location"] == p.get_absolute_url()
    assert (p.unit, p.registered_on, p.situation) == (
        world.commune_a,
        D(2025, 8, 15),
        "Đường hẹp.\nXuống cấp.",
    )
    assert history(p).get().channel == "web"


def test_register_errors_are_400_with_vietnamese_messages(client, world):
    client.force_login(world.commune_editor)
    response = client.post(
        REGISTER, form_data(name="", field="", registered_on="2025-13-45", kind="exemplar")
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Bắt buộc nhập." in content
    assert "Ngày không hợp lệ (dùng dạng dd/mm/yyyy)." in content
    response = client.post(REGISTER, form_data(kind="exemplar"))
    assert response.status_code == 400
    assert "Điển hình cá nhân cần họ và tên người được đăng ký." in response.content.decode()
    assert not Practice.objects.exists()


def test_register_in_a_unit_outside_the_scope_is_refused(client, world):
    client.force_login(world.sibling_editor)
    response = client.post(REGISTER, form_data(unit="T1A"))
    assert response.status_code == 400
    assert "không có quyền đăng ký mô hình tại đơn vị này" in response.content.decode()
    assert not Practice.objects.exists()


def test_register_is_not_for_viewers_or_outsiders(client, world):
    for user in (world.central_viewer, world.outsider):
        client.force_login(user)
        assert client.get(REGISTER).status_code == 403
        assert client.post(REGISTER, form_data()).status_code == 403
    assert not Practice.objects.exists()


def test_register_warns_about_similar_models_until_acknowledged(client, world):
    existing = practice(
        world.commune_a, name="Vận động Nhân dân hiến đất làm đường", field="new_rural"
    )
    client.force_login(world.commune_editor)
    response = client.post(REGISTER, form_data())
    assert response.status_code == 400
    content = response.content.decode()
    assert "mô hình tương tự cùng địa bàn" in content and existing.name in content
    response = client.post(REGISTER, form_data(acknowledge_similar="on"))
    assert response.status_code == 302
    assert Practice.objects.count() == 2


def test_the_similar_fragment_as_the_user_types(client, world):
    existing = practice(
        world.commune_a, name="Vận động Nhân dân hiến đất làm đường", field="new_rural"
    )
    practice(world.commune_b, name="Hiến đất làm đường giao thông", field="new_rural")
    client.force_login(world.commune_editor)
    url = reverse("practices:similar")
    response = client.get(
        url,
        {"unit": "T1A", "field": "new_rural", "name": "hien dat lam duong"},
        headers={"HX-Request": "true"},
    )
    content = response.content.decode()
    assert existing.name in content and "giao thông" not in content
    assert (
        client.get(
            url, {"unit": "T1A", "field": "economy", "name": "hien dat lam duong"}
        ).content.strip()
        == b""
    )
    client.force_login(world.outsider)
    assert (
        existing.name
        not in client.get(
            url, {"unit": "T1A", "field": "new_rural", "name": "hien dat lam duong"}
        ).content.decode()
    )


def test_unit_and_body_pickers_stay_in_scope(client, world):
    client.force_login(world.province_approver)
    content = client.get(
        reverse("practices:unit_options"), {"q": "binh", "muc-dich": "dang-ky"}
    ).content.decode()
    assert 'value="T1B"' in content and "Xã Bình" in content
    client.force_login(world.commune_editor)
    content = client.get(
        reverse("practices:unit_options"), {"q": "binh", "muc-dich": "dang-ky"}
    ).content.decode()
    assert 'value="T1B"' not in content
    content = client.get(reverse("practices:body_options"), {"unit": "T1A"}).content.decode()
    assert "phường An" in content
    content = client.get(reverse("practices:body_options"), {"unit": "T1B"}).content.decode()
    assert "xã Bình" not in content and "Chọn đơn vị trước" in content


def test_register_a_replication(client, world):
    source = practice(
        world.commune_a,
        status=Status.RECOGNISED,
        name="Camera an ninh khu phố",
        field="defence_security",
    )
    client.force_login(world.province_approver)
    response = client.get(REGISTER, {"nhan-rong": str(source.code)})
    assert response.status_code == 200 and "Nhân rộng từ mô hình" in response.content.decode()
    assert response.context["form"]["replicates"].value() == str(source.code)
    response = client.post(
        REGISTER,
        form_data(
            unit="T1B",
            replicates=str(source.code),
            name="Camera an ninh xã Bình",
            field="defence_security",
            registered_on="01/06/2026",
            acknowledge_similar="on",
        ),
    )
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.status == Status.REPLICATED
    content = client.get(source.get_absolute_url()).content.decode()
    assert "Camera an ninh xã Bình" in content  # linked both ways
    # The sibling cannot reach the source through the replication form.
    client.force_login(world.sibling_editor)
    assert client.get(REGISTER, {"nhan-rong": str(source.code)}).status_code == 404
    assert client.get(REGISTER, {"nhan-rong": "khong-phai-ma"}).status_code == 404


def test_edit_form(client, world, records):
    p = records["a"]
    url = reverse("practices:edit", args=[p.code])
    client.force_login(world.commune_editor)
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["form"]["registered_on"].value() == D(2025, 8, 1)
    data = form_data(name="Tuyến phố văn minh, an toàn", registered_on="01/08/2025", note="Sửa tên")
    data.pop("unit")
    response = client.post(url, data)
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.name == "Tuyến phố văn minh, an toàn"
    event = history(p).first()
    assert event.data["changes"]["Tên mô hình"] == [
        "Tuyến phố văn minh, sạch đẹp",
        "Tuyến phố văn minh, an toàn",
    ]
    response = client.post(url, {**data, "name": "ab"})
    assert response.status_code == 400 and "ít nhất 5 ký tự" in response.content.decode()
    client.force_login(world.central_viewer)
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    client.force_login(world.sibling_editor)
    assert client.get(url).status_code == 404


def test_transitions_through_the_pages(client, world, records):
    p = records["a"]
    client.force_login(world.commune_editor)
    start = reverse("practices:start", args=[p.code])
    assert client.get(start).status_code == 405
    response = client.post(start, {"in_progress-on": "20/08/2025", "in_progress-note": "Ra quân"})
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.status == Status.IN_PROGRESS
    # Again: the lifecycle refuses, the page says why.
    response = client.post(start, {"in_progress-on": "21/08/2025"})
    assert response.status_code == 400
    assert (
        "Không thể chuyển từ “Đang thực hiện” sang “Đang thực hiện”." in response.content.decode()
    )
    evaluate = reverse("practices:evaluate", args=[p.code])
    data = {
        "effective-on": "01/12/2025",
        "effective-result": "good",
        "effective-note": "Đạt tiêu chí",
    }
    assert client.post(evaluate, data).status_code == 403  # editors do not evaluate
    client.force_login(world.province_approver)
    response = client.post(evaluate, {**data, "effective-note": ""})
    assert response.status_code == 400 and "Hãy ghi nhận xét đánh giá." in response.content.decode()
    response = client.post(evaluate, {**data, "effective-on": "01/08/2025"})
    assert (
        response.status_code == 400
        and "không được trước ngày của bước trước" in response.content.decode()
    )
    assert client.post(evaluate, data).status_code == 302
    recognise = reverse("practices:recognise", args=[p.code])
    response = client.post(
        recognise, {"recognised-on": "15/12/2025", "recognised-level": "commune"}
    )
    assert (
        response.status_code == 400
        and "Hãy nhập số quyết định công nhận." in response.content.decode()
    )
    response = client.post(
        recognise,
        {
            "recognised-on": "15/12/2025",
            "recognised-level": "commune",
            "recognised-decision": "45/QĐ-UBND",
        },
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.status, p.recognition_decision) == (Status.RECOGNISED, "45/QĐ-UBND")
    client.force_login(world.sibling_editor)
    stop = reverse("practices:stop", args=[p.code])
    assert client.post(stop, {"stopped-on": "01/01/2026", "stopped-reason": "x"}).status_code == 404
    client.force_login(world.commune_editor)
    assert client.post(stop, {"stopped-on": "01/01/2026"}).status_code == 400
    assert (
        client.post(
            stop, {"stopped-on": "01/01/2026", "stopped-reason": "Hết kinh phí"}
        ).status_code
        == 302
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_attachments_upload_view_and_delete(
    client, world, records, media, django_capture_on_commit_callbacks
):
    p = records["a"]
    client.force_login(world.commune_editor)
    url = reverse("practices:attachment_upload", args=[p.code])
    response = client.post(url, {"kind": "photo", "file": upload("Ra quân.png", PNG)})
    assert response.status_code == 302
    a = PracticeAttachment.objects.get()
    assert (a.original_name, a.content_type, a.size, a.uploaded_by) == (
        "Ra quân.png",
        "image/png",
        len(PNG),
        world.commune_editor,
    )
    stored = Path(media) / a.file.name
    assert stored.parent == Path(media) / "practices" / str(p.code) and stored.read_bytes() == PNG
    # The detail page shows the thumbnail; the file is served only after the permission check.
    download = reverse("practices:attachment", args=[p.code, a.code])
    assert f'src="{download}"' in client.get(p.get_absolute_url()).content.decode()
    client.force_login(world.central_viewer)
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    assert (
        response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"
    )
    client.force_login(world.sibling_editor)
    assert client.get(download).status_code == 404
    client.force_login(world.outsider)
    assert client.get(download).status_code == 404
    # A viewer cannot delete; the editor can, and the file goes after the commit.
    client.force_login(world.central_viewer)
    delete = reverse("practices:attachment_delete", args=[p.code, a.code])
    assert client.post(delete).status_code == 403
    client.force_login(world.commune_editor)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(delete).status_code == 302
    assert not PracticeAttachment.objects.exists() and not stored.exists()
    assert [e.verb for e in history(p)][:2] == ["practices.detach", "practices.attach"]


def test_bad_uploads_are_refused_with_the_reason(client, world, records, media):
    p = records["a"]
    client.force_login(world.commune_editor)
    url = reverse("practices:attachment_upload", args=[p.code])
    response = client.post(url, {"kind": "document", "file": upload("bao-cao.pdf", PNG)})
    assert response.status_code == 400
    assert "Nội dung tệp “bao-cao.pdf” không đúng là PDF" in response.content.decode()
    response = client.post(url, {"kind": "photo", "file": upload("qd.pdf", PDF)})
    assert response.status_code == 400 and "không phải ảnh" in response.content.decode()
    response = client.post(url, {"kind": "photo"})
    assert response.status_code == 400 and "Hãy chọn tệp." in response.content.decode()
    assert not PracticeAttachment.objects.exists() and not list(Path(media).rglob("*.*"))
    client.force_login(world.central_viewer)
    assert client.post(url, {"kind": "decision", "file": upload("qd.pdf", PDF)}).status_code == 403
    client.force_login(world.sibling_editor)
    assert client.post(url, {"kind": "decision", "file": upload("qd.pdf", PDF)}).status_code == 404


def test_the_pickers_give_the_outsider_nothing(client, world, records):
    client.force_login(world.outsider)
    content = client.get(reverse("practices:unit_options"), {"q": "an"}).content.decode()
    assert "<option" not in content
    content = client.get(reverse("practices:body_options"), {"unit": "T1A"}).content.decode()
    assert "phường An" not in content


def test_the_province_approver_registers_for_a_commune_by_name(client, world):
    client.force_login(world.province_approver)
    response = client.post(REGISTER, form_data(unit="xa binh"))
    assert response.status_code == 302
    assert Practice.objects.get().unit == world.commune_b
