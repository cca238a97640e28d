"""Every change made by reading articles: permission, rules, write, audit — one transaction.

`import_article` turns a text into a draft (or updates the draft of the same article);
`confirm_draft` writes the records through their own apps' actions: the conference
(danvan.conferences.actions), its participants with their positions as written, the links
to the documents it cites (danvan.directives.linking) and its figures as hand-entered
indicator values (`set_manual_value` below: danvan.reporting has no action for them).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from danvan.accounts.permissions import SYSTEM, can, require, root_ids, visible
from danvan.audit.log import VERB_LABELS, record
from danvan.conferences import actions as conference_actions
from danvan.conferences.models import Conference, Kind
from danvan.core.lifecycle import check
from danvan.directives.citations import find_citations, parse_code
from danvan.directives.linking import issuer_phrase, link, resolve_citation
from danvan.lib.text import nfc
from danvan.people.queries import guess_body, match_person
from danvan.reporting.models import Indicator, ManualValue
from danvan.units.models import Body, BodyKind, Unit

from .extract import EXTRACTOR_VERSION, extract_article
from .models import ArticleSource, Draft, DraftTransition
from .review import article_text, checksum, initial_edit, reference_date, resolve_unit, title_key
from .states import ALLOWED, DraftStatus

VERB_LABELS.update(
    {
        "ingest.import": "Đọc tin bài thành bản nháp",
        "ingest.reimport": "Đọc lại tin bài, cập nhật bản nháp",
        "ingest.edit": "Sửa bản nháp tin bài",
        "ingest.confirm": "Xác nhận tin bài, ghi hồ sơ",
        "ingest.discard": "Bỏ bản nháp tin bài",
        "ingest.manual_value": "Ghi số liệu nhập tay từ tin bài",
    }
)


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _default_unit(by: Any, resolved: Unit | None) -> Unit:
    if resolved is not None and can(by, "ingest.use", resolved):
        return resolved
    if by is SYSTEM and resolved is None:
        raise ValidationError({"unit": "Không xác định được đơn vị tổ chức của bài này."})
    roots = Unit.objects.filter(pk__in=root_ids(by, "ingest.use")).order_by("level", "code")
    unit = roots.first()
    if unit is None:
        raise ValidationError({"unit": "Bạn không có quyền đọc tin bài ở đơn vị nào."})
    return unit


def _vn_number(value: Any) -> str:
    """17385 → "17.385", as the pages print numbers."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return str(value)


def _same(a: dict, b: dict) -> bool:
    """Two extractions of one article; the id is only the file name."""
    return {k: v for k, v in a.items() if k != "id"} == {k: v for k, v in b.items() if k != "id"}


def _usable(by: Any, unit: Unit | None) -> Unit | None:
    return unit if unit is not None and can(by, "ingest.use", unit) else None


def _move(draft: Draft, to: str, *, by: Any, note: str = "") -> None:
    check(ALLOWED, draft.status, to, dict(DraftStatus.choices))
    DraftTransition.objects.create(
        draft=draft,
        from_status=draft.status,
        to_status=to,
        on_date=timezone.localdate(),
        by=by if getattr(by, "pk", None) else None,
        note=note[:300],
    )
    draft.status = to


def _search_key(draft: Draft) -> str:
    from danvan.lib.text import fold

    e = draft.edited or {}
    return fold(" ".join([e.get("title") or "", e.get("organizer") or "", draft.source.file_name]))[
        :600
    ]


@transaction.atomic
def import_article(
    *,
    by: Any,
    text: str,
    file_name: str = "",
    kind: str = "txt",
    url: str = "",
    unit: Unit | None = None,
    fallback_unit: Unit | None = None,
) -> tuple[Draft, str]:
    """Extract `text` into a draft; the same article again updates its draft.

    Returns the draft and "new", "updated" or "unchanged". The draft's unit is `unit`, else
    the organiser's unit when the user may work there, else `fallback_unit`, else the user's
    own unit."""
    text = article_text(text)
    if not text:
        raise ValidationError({"text": "Hãy dán nội dung bài hoặc chọn tệp."})
    stem = file_name.rsplit(".", 1)[0] if file_name else "bai-dan"
    extraction = extract_article(text, stem)
    on = reference_date(extraction)
    resolved = resolve_unit(extraction.get("locality"), extraction.get("level"), on)  # type: ignore[arg-type]
    if (
        unit is None
        and fallback_unit is not None
        and (resolved is None or not can(by, "ingest.use", resolved))
    ):
        unit = fallback_unit
    target = unit or _default_unit(by, resolved)
    require(by, "ingest.use", target)
    digest = checksum(text)
    key = title_key(extraction.get("title"))  # type: ignore[arg-type]
    event_date = _date(extraction.get("event_date"))
    mine = visible(by, Draft.objects.select_related("source"), "ingest.use")
    draft = mine.filter(source__checksum=digest).first()
    if draft is None and key:
        # Same title and day at the same unit: the article republished or re-pasted. (Two
        # units may well hold conferences with the same generic title.)
        draft = mine.filter(title_key=key, event_date=event_date, unit=target).first()
    if draft is None:
        source = ArticleSource.objects.create(
            text=text,
            file_name=file_name[:255],
            kind=kind,
            checksum=digest,
            url=url,
            uploaded_by=by if getattr(by, "pk", None) else None,
        )
        draft = Draft(
            source=source,
            unit=target,
            extracted=extraction,
            edited=initial_edit(extraction, _usable(by, resolved) or target),
            extractor_version=EXTRACTOR_VERSION,
            title_key=key,
            event_date=event_date,
            created_by=by if getattr(by, "pk", None) else None,
        )
        draft.search_key = _search_key(draft)
        draft.save()
        record(by, "ingest.import", draft, unit=draft.unit, data={"note": draft.title})
        return draft, "new"
    if (
        draft.source.checksum == digest
        and _same(draft.extracted, extraction)
        and draft.extractor_version == EXTRACTOR_VERSION
    ):
        return draft, "unchanged"
    source = draft.source
    changes: dict[str, list[Any]] = {}
    if source.checksum != digest:
        changes["Nội dung bài"] = [f"{len(source.text)} ký tự", f"{len(text)} ký tự"]
        source.text, source.checksum = text, digest
        source.file_name = file_name[:255] or source.file_name
        source.kind, source.url = kind, url or source.url
        source.save()
    if draft.extractor_version != EXTRACTOR_VERSION:
        changes["Phiên bản bộ trích xuất"] = [draft.extractor_version, EXTRACTOR_VERSION]
    draft.extracted = extraction
    draft.extractor_version = EXTRACTOR_VERSION
    draft.title_key, draft.event_date = key, event_date
    if draft.status != DraftStatus.CONFIRMED:
        # Not yet confirmed: the new reading replaces the old one, the chosen unit stays.
        keep_unit = (draft.edited or {}).get("unit")
        draft.edited = initial_edit(extraction, _usable(by, resolved) or draft.unit)
        if keep_unit:
            draft.edited["unit"] = keep_unit
    if draft.status == DraftStatus.DISCARDED:
        _move(draft, DraftStatus.DRAFT, by=by, note="Đọc lại bài")
    draft.search_key = _search_key(draft)
    draft.save()
    record(
        by,
        "ingest.reimport",
        draft,
        unit=draft.unit,
        data={"note": draft.title, "changes": changes},
    )
    return draft, "updated"


@transaction.atomic
def save_draft(draft: Draft, *, by: Any, edited: dict[str, Any]) -> Draft:
    """Keep the official's corrections without writing any record yet."""
    require(by, "ingest.use", draft.unit)
    if draft.status == DraftStatus.DISCARDED:
        raise ValidationError("Bản nháp đã bỏ; hãy đọc lại bài để sửa.")
    if draft.edited == edited:
        return draft
    draft.edited = edited
    draft.search_key = _search_key(draft)
    draft.save(update_fields=["edited", "search_key", "updated_at"])
    record(by, "ingest.edit", draft, unit=draft.unit, data={"note": draft.title})
    return draft


@transaction.atomic
def discard_draft(draft: Draft, *, by: Any, note: str = "") -> Draft:
    require(by, "ingest.use", draft.unit)
    _move(draft, DraftStatus.DISCARDED, by=by, note=note)
    draft.save(update_fields=["status", "updated_at"])
    record(by, "ingest.discard", draft, unit=draft.unit, data={"note": note or draft.title})
    return draft


@transaction.atomic
def set_manual_value(
    *,
    by: Any,
    indicator: Indicator,
    unit: Unit,
    period_start: dt.date,
    period_end: dt.date,
    value: int,
    note: str = "",
    existing: ManualValue | None = None,
) -> ManualValue:
    """Record (or correct) a hand-entered indicator value for a unit and period."""
    require(by, "ingest.use", unit)
    if period_start > period_end:
        raise ValidationError({"period_to": "Kỳ số liệu: ngày kết thúc trước ngày bắt đầu."})
    if value < 0:
        raise ValidationError({"figures": "Số liệu không được âm."})
    before = None
    if existing is not None:
        before = existing.value
        mv = existing
        mv.indicator, mv.unit = indicator, unit
        mv.period_start, mv.period_end, mv.value, mv.note = (
            period_start,
            period_end,
            value,
            note[:300],
        )
        mv.entered_by = by if getattr(by, "pk", None) else None
        mv.save()
    else:
        mv = ManualValue.objects.create(
            indicator=indicator,
            unit=unit,
            period_start=period_start,
            period_end=period_end,
            value=value,
            note=note[:300],
            entered_by=by if getattr(by, "pk", None) else None,
        )
    record(
        by,
        "ingest.manual_value",
        mv,
        unit=unit,
        data={
            "note": f"{indicator.label}: {value} ({period_start:%d/%m/%Y}–{period_end:%d/%m/%Y})",
            "changes": {indicator.label: [before, value]},
        },
    )
    return mv


def _body_for(unit: Unit, organizer: str, on: dt.date | None) -> Body:
    body = guess_body(organizer, unit, on) if organizer else None
    if body is None:
        bodies = Body.objects.filter(unit=unit)
        if on is not None:
            bodies = bodies.valid_on(on)
        body = bodies.filter(kind=BodyKind.PARTY_COMMITTEE).first() or bodies.first()
    if body is None:
        raise ValidationError({"unit": f"{unit.name} chưa có cơ quan nào để ghi hội nghị."})
    return body


def _link_documents(
    conference: Conference, text: str, documents: list[dict], *, by: Any
) -> list[str]:
    """Link the documents kept in the draft, each placed with the words around its citation."""
    wanted = {str(d.get("code") or "").strip(): _date(d.get("date")) for d in documents}
    wanted.pop("", None)
    on = conference.held_on or conference.sort_on
    linked: list[str] = []
    for citation in find_citations(text):
        if citation.code not in wanted or citation.code in linked:
            continue
        directive = resolve_citation(
            citation,
            context_unit=conference.unit,
            context_date=on,
            by=by,
            issuer_hint=issuer_phrase(text, citation),
        )
        link(conference, directive, by=by, raw=citation.raw, unit=conference.unit)
        linked.append(citation.code)
    for code, day in wanted.items():
        if code in linked:
            continue
        citation = parse_code(code)
        if citation is None:
            raise ValidationError({"documents": f"Không đọc được số hiệu văn bản “{code}”."})
        if day:
            from dataclasses import replace

            citation = replace(citation, date=day)
        directive = resolve_citation(citation, context_unit=conference.unit, context_date=on, by=by)
        link(conference, directive, by=by, raw=code, unit=conference.unit)
        linked.append(code)
    return linked


@transaction.atomic
def confirm_draft(draft: Draft, *, by: Any, edited: dict[str, Any] | None = None) -> Draft:
    """Write the draft's records (or update those of an earlier confirmation)."""
    edited = dict(edited if edited is not None else draft.edited)
    unit = Unit.objects.filter(key=edited.get("unit") or "").first()
    if unit is None:
        raise ValidationError({"unit": "Hãy chọn đơn vị tổ chức."})
    require(by, "ingest.use", draft.unit)
    require(by, "ingest.use", unit)
    check(ALLOWED, draft.status, DraftStatus.CONFIRMED, dict(DraftStatus.choices))
    title = nfc(edited.get("title") or "")
    if not title:
        raise ValidationError({"title": "Hãy nhập tiêu đề hội nghị."})
    held_on = _date(edited.get("event_date"))
    period_from, period_to = _date(edited.get("period_from")), _date(edited.get("period_to"))
    kind = edited.get("event_kind") if edited.get("event_kind") in Kind.values else Kind.OTHER
    if held_on and not unit.is_valid_on(held_on):
        raise ValidationError(
            {
                "unit": f"{unit.name} không tồn tại vào ngày {held_on:%d/%m/%Y} "
                f"({unit.validity_label}); hãy chọn đơn vị đúng thời điểm."
            }
        )
    body = _body_for(unit, edited.get("organizer") or "", held_on or period_to)
    source = draft.source
    fields = {
        "held_on": held_on,
        "reviewed_label": (edited.get("period") or "")[:100],
        "reviewed_from": period_from,
        "reviewed_to": period_to,
        "venue": (edited.get("venue") or "")[:300],
        "external_id": f"tin-{draft.code.hex}"[:64],
    }
    conference = (
        Conference.objects.filter(code=draft.conference_code).first()
        if draft.conference_code
        else None
    )
    created = conference is None
    if conference is None:
        conference = conference_actions.create_conference(
            by=by, unit=unit, body=body, title=title, kind=kind, **fields
        )
    else:
        conference = conference_actions.update_conference(
            conference,
            by=by,
            body=body,
            title=title,
            kind=kind,
            note="Cập nhật từ tin bài",
            **fields,
        )
    # People: matched by name near the unit, else created; positions as written.
    present = set(conference.participants.values_list("person_id", flat=True))
    participants = []
    for row in edited.get("people") or []:
        name = nfc(row.get("name") or "")
        if not name:
            continue
        person = match_person(name, unit=unit)
        if person is not None and person.pk in present:
            participants.append({"name": name, "person": str(person.code), "new": False})
            continue
        p = conference_actions.add_participant(
            conference,
            by=by,
            person=person,
            full_name=name,
            position_label=row.get("positions") or "",
        )
        present.add(p.person_id)
        participants.append({"name": name, "person": str(p.person.code), "new": person is None})
    documents = _link_documents(conference, source.text, edited.get("documents") or [], by=by)
    # Figures whose label is an indicator code → hand-entered values for the unit and period.
    earlier = {f.get("what"): f.get("manual_value") for f in draft.provenance.get("figures", [])}
    figures, shown = [], {}
    indicators = {
        i.code: i
        for i in Indicator.objects.filter(
            code__in=[f.get("what") for f in edited.get("figures") or []]
        )
    }
    who = getattr(by, "display_name", "") or getattr(by, "username", "") or "hệ thống"
    stamp = timezone.localtime()
    for f in edited.get("figures") or []:
        what, value = f.get("what") or "", f.get("value")
        if value in (None, ""):
            continue
        entry = {
            "what": what,
            "value": value,
            "unit": f.get("unit") or "",
            "text": f.get("text") or "",
        }
        label = f"Số liệu: {f.get('text') or what}"
        shown[label[:120]] = [None, f"{_vn_number(value)} {f.get('unit') or ''}".strip()]
        indicator = indicators.get(what)
        if indicator is not None and period_from and period_to:
            existing = (
                ManualValue.objects.filter(pk=earlier.get(what)).first()
                if earlier.get(what)
                else None
            )
            note = (
                f"Tin bài “{title[:120]}” ({source.file_name or 'bài dán'}); bộ trích xuất "
                f"{draft.extractor_version}; {who} xác nhận {stamp:%d/%m/%Y %H:%M}"
            )
            mv = set_manual_value(
                by=by,
                indicator=indicator,
                unit=unit,
                period_start=period_from,
                period_end=period_to,
                value=int(value),
                note=note,
                existing=existing,
            )
            entry["manual_value"] = mv.pk
        figures.append(entry)
    provenance = {
        "source": str(source.code),
        "file_name": source.file_name,
        "checksum": source.checksum,
        "url": source.url,
        "extractor_version": draft.extractor_version,
        "confirmed_by": getattr(by, "username", "") or "system",
        "confirmed_at": stamp.isoformat(),
        "conference": {"code": str(conference.code), "created": created},
        "participants": participants,
        "documents": documents,
        "figures": figures,
    }
    record(
        by,
        "ingest.confirm",
        conference,
        unit=unit,
        data={
            "note": f"Từ tin bài “{title[:150]}” (bộ trích xuất {draft.extractor_version})",
            "changes": shown,
        },
    )
    _move(draft, DraftStatus.CONFIRMED, by=by, note="Cập nhật hồ sơ" if not created else "")
    draft.edited = edited
    draft.unit = unit
    draft.confirmed_by = by if getattr(by, "pk", None) else None
    draft.confirmed_at = stamp
    draft.conference_code = conference.code
    draft.provenance = provenance
    draft.search_key = _search_key(draft)
    draft.save()
    record(
        by,
        "ingest.confirm",
        draft,
        unit=unit,
        data={"note": f"{'Tạo' if created else 'Cập nhật'} hội nghị {conference.title[:150]}"},
    )
    return draft


__all__ = [
    "confirm_draft",
    "discard_draft",
    "import_article",
    "save_draft",
    "set_manual_value",
]
