"""The ingest pages as each persona sees them."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.accounts.permissions import SYSTEM
from danvan.conferences.models import Conference
from danvan.ingest import actions
from danvan.ingest.models import Draft
from danvan.ingest.states import DraftStatus
from danvan.reporting.standard import load_standard

from .factories import SAMPLE

INDEX = reverse("ingest:index")
UPLOAD = reverse("ingest:upload")


@pytest.fixture
def draft(world):  # type: ignore[no-untyped-def]
    d, _ = actions.import_article(by=world.commune_editor, text=SAMPLE)
    return d


def form_data(d: Draft, **changes) -> dict:  # type: ignore[no-untyped-def]
    e = {**d.edited, **changes}
    data = {
        "title": e["title"],
        "event_date": "10/07/2024",
        "event_kind": e["event_kind"],
        "period": e["period"],
        "period_from": "01/01/2024",
        "period_to": "30/06/2024",
        "organizer": e["organizer"],
        "level": e["level"],
        "unit": e["unit"],
        "venue": "",
    }
    for prefix, rows, fields in [
        ("people", e["people"], ["name", "positions"]),
        ("documents", e["documents"], ["code", "date"]),
        ("figures", e["figures"], ["what", "value", "unit", "text"]),
    ]:
        data |= {
            f"{prefix}-TOTAL_FORMS": str(len(rows) + 1),
            f"{prefix}-INITIAL_FORMS": str(len(rows)),
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
        for i, row in enumerate(rows):
            for f in fields:
                data[f"{prefix}-{i}-{f}"] = "" if row.get(f) is None else row[f]
    return data


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("commune_editor", 200),
        ("province_approver", 200),
        ("central_viewer", 403),
        ("outsider", 403),
    ],
)
def test_index_by_persona(client, world, draft, persona, status):
    client.force_login(getattr(world, persona))
    response = client.get(INDEX)
    assert response.status_code == status
    if status == 200:
        assert "Đọc tin bài" in response.text
        assert draft.title in response.text  # T1A lies under T1 too


def test_index_hides_other_units_drafts_and_filters(client, world, draft):
    client.force_login(world.sibling_editor)
    assert draft.title not in client.get(INDEX).text
    client.force_login(world.commune_editor)
    response = client.get(INDEX, {"q": "dan van huyen uy cu"}, HTTP_HX_REQUEST="true")
    assert draft.title in response.text and "<html" not in response.text
    assert draft.title not in client.get(INDEX, {"status": "confirmed"}).text


def test_index_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    for i in range(2):
        actions.import_article(
            by=SYSTEM, text=SAMPLE.replace("Cũ", f"Số {i}"), unit=world.commune_a
        )
    client.force_login(world.commune_editor)
    with django_assert_max_num_queries(12) as two:
        client.get(INDEX)
    for i in range(2, 30):
        actions.import_article(
            by=SYSTEM, text=SAMPLE.replace("Cũ", f"Số {i}") + f"\n{i}", unit=world.commune_a
        )
    assert Draft.objects.count() == 30
    with django_assert_max_num_queries(len(two.captured_queries)):
        client.get(INDEX)


def test_paste_creates_a_draft_and_again_updates_it(client, world):
    client.force_login(world.commune_editor)
    response = client.post(UPLOAD, {"text": SAMPLE})
    d = Draft.objects.get()
    assert response.status_code == 302 and response.url == d.get_absolute_url()
    assert d.unit == world.commune_a and d.created_by == world.commune_editor
    response = client.post(UPLOAD, {"text": SAMPLE + "\nẢnh: PV"}, follow=True)
    assert Draft.objects.count() == 1
    assert "bản nháp cũ đã được cập nhật" in response.text


def test_upload_html_and_docx(client, world):
    client.force_login(world.commune_editor)
    html = (
        "<html><body><h1>Ban Dân vận Huyện ủy Cũ sơ kết</h1><p>"
        + SAMPLE.replace("\n\n", "</p><p>")
        + "</p></body></html>"
    )
    client.post(UPLOAD, {"file": SimpleUploadedFile("bai.html", html.encode())})
    d = Draft.objects.get()
    assert (d.source.kind, d.source.file_name) == ("html", "bai.html")
    assert "Phạm Văn Tâm" in [p["name"] for p in d.edited["people"]]
    import docx

    document = docx.Document()
    for para in SAMPLE.replace("Cũ", "Mới").split("\n\n"):
        document.add_paragraph(para)
    buf = io.BytesIO()
    document.save(buf)
    client.post(UPLOAD, {"file": SimpleUploadedFile("bai.docx", buf.getvalue())})
    assert Draft.objects.filter(source__kind="docx").count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   "}, "Hãy dán nội dung bài hoặc chọn tệp."),
        ({"file": SimpleUploadedFile("a.pdf", b"%PDF")}, "Chỉ nhận tệp .txt, .html hoặc .docx."),
    ],
)
def test_upload_errors_are_400_in_vietnamese(client, world, data, message):
    client.force_login(world.commune_editor)
    response = client.post(UPLOAD, data)
    assert response.status_code == 400 and message in response.text


def test_upload_is_post_only_and_editors_only(client, world):
    client.force_login(world.commune_editor)
    assert client.get(UPLOAD).status_code == 405
    client.force_login(world.central_viewer)
    assert client.post(UPLOAD, {"text": SAMPLE}).status_code == 403


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("commune_editor", 200),
        ("province_approver", 200),
        ("sibling_editor", 404),
        ("outsider", 404),
        ("central_viewer", 404),
    ],
)
def test_review_page_by_persona(client, world, draft, persona, status):
    client.force_login(getattr(world, persona))
    response = client.get(draft.get_absolute_url())
    assert response.status_code == status
    if status == 200:
        html = response.text
        assert '<mark class="hl hl--person" title="Họ tên">Phạm Văn Tâm</mark>' in html
        assert '<mark class="hl hl--document" title="Văn bản">25-NQ/TW</mark>' in html
        assert 'value="Phạm Văn Tâm"' in html
        assert 'value="10/07/2024"' in html
        assert "Phường An" in html  # the unit picker, pre-filled


def test_save_and_confirm_through_the_form(client, world, draft):
    load_standard()
    client.force_login(world.commune_editor)
    url = reverse("ingest:save", args=[draft.code])
    # Bad date and negative figure: 400 with the messages.
    bad = form_data(draft, unit=world.old_commune_a.key) | {
        "event_date": "31/02/2024",
        "figures-1-value": "-5",
    }
    response = client.post(url, bad | {"confirm": "1"})
    assert response.status_code == 400
    assert "Số liệu không được âm." in response.text
    assert Conference.objects.count() == 0
    # The day's unit: today's Phường An did not exist on 10/07/2024.
    response = client.post(url, form_data(draft) | {"confirm": "1"})
    assert response.status_code == 400 and "không tồn tại vào ngày 10/07/2024" in response.text
    # A unit outside the editor's scope: refused on the form.
    response = client.post(url, form_data(draft, unit=world.commune_b.key) | {"confirm": "1"})
    assert response.status_code == 403 and "không có quyền ghi hồ sơ cho đơn vị" in response.text
    # Save with a row removed and one added.
    data = form_data(draft, unit=world.old_commune_a.key) | {
        "people-0-DELETE": "on",
        "people-1-name": "Đỗ Thị Hoa",
        "people-1-positions": "Bí thư Đảng ủy xã",
        "save": "1",
    }
    assert client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert [p["name"] for p in draft.edited["people"]] == ["Đỗ Thị Hoa"]
    assert draft.edited["event_date"] == "2024-07-10" and draft.status == DraftStatus.DRAFT
    # Confirm.
    response = client.post(url, form_data(draft) | {"confirm": "1"}, follow=True)
    draft.refresh_from_db()
    c = Conference.objects.get()
    assert draft.status == DraftStatus.CONFIRMED and draft.conference_code == c.code
    assert c.unit == world.old_commune_a
    assert [p.person.full_name for p in c.participants.all()] == ["Đỗ Thị Hoa"]
    assert c.get_absolute_url() in response.text


def test_others_cannot_save_or_discard(client, world, draft):
    for persona in ("sibling_editor", "outsider", "central_viewer"):
        client.force_login(getattr(world, persona))
        assert (
            client.post(reverse("ingest:save", args=[draft.code]), form_data(draft)).status_code
            == 404
        )
        assert client.post(reverse("ingest:discard", args=[draft.code])).status_code == 404
    draft.refresh_from_db()
    assert draft.status == DraftStatus.DRAFT


def test_discard(client, world, draft):
    client.force_login(world.province_approver)
    response = client.post(reverse("ingest:discard", args=[draft.code]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == DraftStatus.DISCARDED
    assert client.get(reverse("ingest:discard", args=[draft.code])).status_code == 405


def test_unit_picker(client, world):
    client.force_login(world.commune_editor)
    url = reverse("ingest:pick_unit")
    response = client.get(url, {"unit_q": "an cu"})
    assert "Xã An Cũ" in response.text and world.old_commune_a.key in response.text
    response = client.get(url, {"don-vi": world.old_commune_a.key})
    assert f'value="{world.old_commune_a.key}"' in response.text
    client.force_login(world.outsider)
    assert client.get(url, {"unit_q": "an"}).status_code == 403
