"""Import, re-import, confirm and discard: records through their apps' actions, audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.audit.models import AuditEvent
from danvan.conferences.models import Conference, ConferenceParticipant
from danvan.core.lifecycle import InvalidTransition
from danvan.directives.linking import directives_for
from danvan.ingest import actions
from danvan.ingest.models import ArticleSource, Draft
from danvan.ingest.states import DraftStatus
from danvan.people.models import Person
from danvan.reporting.models import ManualValue
from danvan.reporting.standard import load_standard

from .factories import SAMPLE, cau_ngang, seed_text

SEED_3 = seed_text()
needs_seed = pytest.mark.skipif(SEED_3 is None, reason="../shared/ingest/articles is missing")


@pytest.fixture
def cn(db):  # type: ignore[no-untyped-def]
    return cau_ngang()


@needs_seed
def test_confirming_seed_3_creates_the_conference_officials_directives_and_figures(cn):
    draft, status = actions.import_article(by=cn.editor, text=SEED_3, file_name="seed_3.txt")
    assert status == "new"
    assert draft.unit == cn.district  # "Cầu Ngang" + huyện + 2023 → the legacy district
    assert draft.edited["unit"] == "848@2025-06-30"
    assert draft.extractor_version == actions.EXTRACTOR_VERSION

    draft = actions.confirm_draft(draft, by=cn.editor)

    assert draft.status == DraftStatus.CONFIRMED
    assert draft.confirmed_by == cn.editor and draft.confirmed_at is not None
    c = Conference.objects.get(code=draft.conference_code)
    assert c.unit == cn.district
    assert c.body.name == "Ban Dân vận Huyện ủy Cầu Ngang"
    assert c.kind == "so_ket"
    assert c.reviewed_label == "2,5 năm"
    assert (c.reviewed_from, c.reviewed_to) == (dt.date(2021, 1, 1), dt.date(2023, 6, 30))
    people = [(p.person.full_name, p.position_label) for p in c.participants.order_by("order")]
    assert people == [
        ("Trần Minh Bảnh", "Phó Bí thư Thường trực Huyện ủy"),
        (
            "Nguyễn Văn Trãi",
            "Ủy viên Ban Thường vụ Huyện ủy, Trưởng Ban Dân vận Huyện ủy, Chủ tịch UBMTTQVN huyện",
        ),
    ]
    assert sorted(d.symbol for d in directives_for(c)) == sorted(
        ["21-CT/TU", "120-KL/TW", "01-KH/BCĐ", "11-QĐi/TW", "391-QĐ/HU"]
    )
    values = {
        mv.indicator.code: mv
        for mv in ManualValue.objects.filter(unit=cn.district).select_related("indicator")
    }
    assert {k: v.value for k, v in values.items()} == {
        "meetings_held": 305,
        "attendance": 17385,
        "models_in_progress": 27,
        "models_effective": 13,
    }
    mv = values["attendance"]
    assert (mv.period_start, mv.period_end) == (dt.date(2021, 1, 1), dt.date(2023, 6, 30))
    assert mv.entered_by == cn.editor
    assert "seed_3.txt" in mv.note and "rules-" in mv.note and "Nguyễn Thị Lan" in mv.note
    # Provenance: source, extractor version, who and when, what was created.
    p = draft.provenance
    assert p["file_name"] == "seed_3.txt" and p["extractor_version"] == draft.extractor_version
    assert p["confirmed_by"] == "caungang" and p["conference"]["created"] is True
    assert len(p["documents"]) == 5 and len(p["participants"]) == 2
    # The conference's history shows the confirmation with the figures.
    event = AuditEvent.objects.filter(
        verb="ingest.confirm", target_id=str(c.pk), target_type__contains="conference"
    ).get()
    assert "Số liệu: 17.385 lượt người dự" in event.data["changes"]
    assert draft.transitions.get().to_status == DraftStatus.CONFIRMED


@needs_seed
def test_reimporting_updates_instead_of_duplicating(cn):
    draft, _ = actions.import_article(by=cn.editor, text=SEED_3, file_name="seed_3.txt")
    draft = actions.confirm_draft(draft, by=cn.editor)
    # The very same text: nothing changes.
    again, status = actions.import_article(by=cn.editor, text=SEED_3 + "\n\n")
    assert (again, status) == (draft, "unchanged")
    # The same article with a corrected figure: same draft, same source, updated text.
    changed = SEED_3.replace("305 cuộc", "306 cuộc")
    again, status = actions.import_article(by=cn.editor, text=changed, file_name="seed_3.html")
    assert (again.pk, status) == (draft.pk, "updated")
    assert ArticleSource.objects.count() == 1 and Draft.objects.count() == 1
    assert again.status == DraftStatus.CONFIRMED
    edited = {**again.edited}
    edited["figures"] = [
        {**f, "value": 306} if f["what"] == "meetings_held" else f for f in edited["figures"]
    ]
    edited["people"] = [*edited["people"], {"name": "Lê Văn Mới", "positions": "Bí thư Chi bộ"}]
    again = actions.confirm_draft(again, by=cn.editor, edited=edited)
    assert again.conference_code == draft.conference_code
    assert Conference.objects.count() == 1
    c = Conference.objects.get()
    assert c.participants.count() == 3
    assert Person.objects.filter(full_name="Trần Minh Bảnh").count() == 1
    assert directives_for(c).count() == 5
    assert ManualValue.objects.count() == 4
    assert ManualValue.objects.get(indicator__code="meetings_held").value == 306
    assert again.provenance["conference"]["created"] is False
    assert again.transitions.count() == 2


def test_same_title_and_date_is_the_same_article(world):
    draft, _ = actions.import_article(by=world.commune_editor, text=SAMPLE)
    other_layout = SAMPLE.replace("Chiều 10/7/2024,", "Chiều 10/7/2024 ,") + "\nẢnh: PV"
    again, status = actions.import_article(by=world.commune_editor, text=other_layout)
    assert (again.pk, status) == (draft.pk, "updated")
    assert again.source.text.endswith("Ảnh: PV")


def test_the_draft_goes_to_the_users_unit_when_the_organiser_is_outside_it(world):
    draft, _ = actions.import_article(by=world.commune_editor, text=SAMPLE)
    # The organiser is the legacy district "Huyện Cũ": not the commune editor's.
    assert draft.unit == world.commune_a
    assert draft.edited["unit"] == world.commune_a.key


def test_confirm_checks_the_unit_and_the_day(world):
    load_standard()
    draft, _ = actions.import_article(by=world.commune_editor, text=SAMPLE)
    # Held 10/07/2024: today's Phường An did not exist yet.
    with pytest.raises(ValidationError) as e:
        actions.confirm_draft(draft, by=world.commune_editor)
    assert "Phường An không tồn tại vào ngày 10/07/2024" in str(e.value)
    # The sibling's unit is not the editor's.
    with pytest.raises(PermissionDenied):
        actions.confirm_draft(
            draft, by=world.commune_editor, edited={**draft.edited, "unit": world.commune_b.key}
        )
    # Its 2025 predecessor is.
    draft = actions.confirm_draft(
        draft, by=world.commune_editor, edited={**draft.edited, "unit": world.old_commune_a.key}
    )
    c = Conference.objects.get(code=draft.conference_code)
    assert c.unit == world.old_commune_a and c.held_on == dt.date(2024, 7, 10)
    assert ConferenceParticipant.objects.filter(conference=c).count() == 1
    # Only labels that are indicator codes become hand-entered values; the rest stay in
    # the provenance and the conference's history.
    assert {mv.indicator.code: mv.value for mv in ManualValue.objects.all()} == {"attendance": 6500}
    assert [f["what"] for f in draft.provenance["figures"]] == [
        "propaganda_sessions_held",
        "attendance",
    ]
    assert ManualValue.objects.first().period_start == dt.date(2024, 1, 1)


def test_confirm_needs_a_title_and_a_unit(world):
    draft, _ = actions.import_article(by=world.commune_editor, text=SAMPLE)
    with pytest.raises(ValidationError, match="Hãy chọn đơn vị tổ chức"):
        actions.confirm_draft(draft, by=world.commune_editor, edited={**draft.edited, "unit": ""})
    with pytest.raises(ValidationError, match="Hãy nhập tiêu đề hội nghị"):
        actions.confirm_draft(
            draft,
            by=world.commune_editor,
            edited={**draft.edited, "title": " ", "unit": world.old_commune_a.key},
        )


def test_outsiders_and_viewers_cannot_import(world):
    with pytest.raises(ValidationError, match="không có quyền đọc tin bài"):
        actions.import_article(by=world.outsider, text=SAMPLE)
    with pytest.raises(ValidationError):
        actions.import_article(by=world.central_viewer, text=SAMPLE)
    with pytest.raises(ValidationError, match="Hãy dán nội dung bài"):
        actions.import_article(by=world.commune_editor, text="  ")


def test_discard_then_reimport_reopens(world):
    draft, _ = actions.import_article(by=world.commune_editor, text=SAMPLE)
    with pytest.raises(PermissionDenied):
        actions.discard_draft(draft, by=world.sibling_editor)
    draft = actions.discard_draft(draft, by=world.commune_editor, note="Trùng")
    assert draft.status == DraftStatus.DISCARDED
    with pytest.raises(InvalidTransition):
        actions.confirm_draft(
            draft, by=world.commune_editor, edited={**draft.edited, "unit": world.old_commune_a.key}
        )
    with pytest.raises(ValidationError, match="Bản nháp đã bỏ"):
        actions.save_draft(draft, by=world.commune_editor, edited={})
    again, status = actions.import_article(by=world.commune_editor, text=SAMPLE + "\nThêm.")
    assert (again.pk, status, again.status) == (draft.pk, "updated", DraftStatus.DRAFT)
    assert [t.to_status for t in again.transitions.all()] == ["discarded", "draft"]


def test_save_draft_is_audited(world):
    draft, _ = actions.import_article(by=world.commune_editor, text=SAMPLE)
    actions.save_draft(
        draft, by=world.commune_editor, edited={**draft.edited, "venue": "Hội trường"}
    )
    assert AuditEvent.objects.filter(verb="ingest.edit").count() == 1
    actions.save_draft(draft, by=world.commune_editor, edited={**draft.edited})
    assert AuditEvent.objects.filter(verb="ingest.edit").count() == 1


def test_manual_value_rules(world):
    load_standard()
    from danvan.reporting.models import Indicator

    ind = Indicator.objects.get(code="meetings_held")
    kw = dict(indicator=ind, unit=world.commune_a, value=3)
    with pytest.raises(ValidationError, match="ngày kết thúc trước ngày bắt đầu"):
        actions.set_manual_value(
            by=world.commune_editor,
            period_start=dt.date(2024, 2, 1),
            period_end=dt.date(2024, 1, 1),
            **kw,
        )
    with pytest.raises(PermissionDenied):
        actions.set_manual_value(
            by=world.sibling_editor,
            period_start=dt.date(2024, 1, 1),
            period_end=dt.date(2024, 1, 31),
            **kw,
        )


def test_the_same_title_at_another_unit_is_another_article(world):
    mine, _ = actions.import_article(by=world.commune_editor, text=SAMPLE)
    theirs, status = actions.import_article(by=world.sibling_editor, text=SAMPLE + "\nXã Bình.")
    assert status == "new" and theirs.pk != mine.pk
    assert (mine.unit, theirs.unit) == (world.commune_a, world.commune_b)
