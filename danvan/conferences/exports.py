"""Documents built from a conference record: the conclusion notice and the article draft.

Blank notice fields are derived from the record (issuing body from the organising
body, signer from the first chair, date from the conference day); the clerk can set
each one on the conference's edit page.
"""

from __future__ import annotations

import re

from danvan.documents.contexts import ArticleContext, ConclusionNoticeContext, Signature, TaskItem
from danvan.documents.renderers import article, docx
from danvan.documents.renderers.article import lower_first
from danvan.followups.models import KeyTask
from danvan.people.titles import split_position_text
from danvan.units.bodies import place
from danvan.units.models import Body, BodyKind, Level

from . import directive_links
from .models import Conference, ConferenceParticipant, ParticipantRole


def _participants(conference: Conference) -> list[ConferenceParticipant]:
    return list(conference.participants.select_related("person").order_by("order", "pk"))


def _committee_of(body: Body) -> str:
    """'Ban Dân vận Huyện ủy Cầu Ngang' -> 'Huyện ủy Cầu Ngang' (the Party committee it serves)."""
    m = re.search(r"\b((?:Tỉnh|Thành|Huyện|Quận|Thị) ủy .+)$", body.name)
    return m.group(1) if m else ""


def header_bodies(conference: Conference) -> tuple[str, str]:
    """(superior body, issuing body) for the left column of a Party header."""
    body, unit = conference.body, conference.unit
    if body.kind == BodyKind.MASS_MOBILIZATION:
        committee = _committee_of(body)
        if committee:
            return committee, body.name[: len(body.name) - len(committee)].strip()
    if body.kind == BodyKind.PARTY_COMMITTEE and unit.level != Level.PROVINCE:
        parent = unit.parent
        while parent is not None and parent.level not in (Level.PROVINCE, Level.NATION):
            parent = parent.parent
        if parent is not None and parent.level == Level.PROVINCE:
            return f"Đảng bộ {place(parent.kind, parent.short_name)}", body.name
    return "", body.name


def _issuer_in_prose(conference: Conference) -> str:
    body = conference.body
    if body.kind == BodyKind.PARTY_COMMITTEE:
        return f"Ban Thường vụ {body.name}"
    return body.name


def _signature(conference: Conference, chairs: list[ConferenceParticipant]) -> Signature:
    chair = chairs[0] if chairs else None
    authority = conference.notice_signing
    if not authority and conference.body.kind == BodyKind.PARTY_COMMITTEE:
        authority = "T/M BAN THƯỜNG VỤ"
    title = conference.notice_signer_title
    if not title and chair and chair.position_label:
        title = chair.position_label.split(",")[0]
    name = conference.notice_signer_name or (chair.person.full_name if chair else "")
    return Signature(authority=authority, title=title, name=name)


def _name_and_first_post(p: ConferenceParticipant) -> str:
    posts = split_position_text(p.position_label) if p.position_label else []
    return f"{p.person.full_name}, {posts[0]}" if posts else p.person.full_name


def _conference_name(conference: Conference) -> str:
    title = conference.title.strip()
    if title.lower().startswith("hội nghị"):
        return "Hội nghị" + title[len("hội nghị") :]
    return f"Hội nghị {title[:1].lower()}{title[1:]}"


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in re.split(r"\n\s*\n|\n", text or "") if p.strip())


def _task_items(tasks: list[KeyTask]) -> tuple[TaskItem, ...]:
    items = []
    for t in tasks:
        owner = ""
        if t.owner_body_id:
            owner = f"{t.owner_body.name} chủ trì"
            if t.owner_person_id:
                owner += f", đồng chí {t.owner_person.full_name} chịu trách nhiệm"
        elif t.owner_person_id:
            owner = f"Đồng chí {t.owner_person.full_name} chịu trách nhiệm"
        if t.co_owners_text:
            owner += f"; phối hợp: {t.co_owners_text}"
        deadline = f"{t.deadline:%d/%m/%Y}" if t.deadline else ""
        items.append(TaskItem(number=t.number, text=t.text, owner=owner, deadline=deadline))
    return tuple(items)


def _tasks(conference: Conference) -> list[KeyTask]:
    return list(
        KeyTask.objects.filter(conference=conference)
        .select_related("owner_body", "owner_person")
        .order_by("number", "pk")
    )


def notice_context(conference: Conference) -> ConclusionNoticeContext:
    participants = _participants(conference)
    chairs = [p for p in participants if p.role == ParticipantRole.CHAIR]
    reporters = [p for p in participants if p.role == ParticipantRole.REPORTER]
    tasks = _tasks(conference)
    superior, issuer = header_bodies(conference)
    name = _conference_name(conference)
    chair = chairs[0] if chairs else None
    # The summary names the chair with the first post only, as notices do.
    chair_text = (
        f"đồng chí {_name_and_first_post(chair)}" if chair else _issuer_in_prose(conference)
    )

    when = f"Ngày {conference.held_on:%d/%m/%Y}, " if conference.held_on else ""
    where = f"tại {conference.venue}, " if conference.venue else ""
    opening = f"{when}{where}{conference.body.name} tổ chức {name}."
    if chair:
        opening += f" Đồng chí {chair.name_with_position} chủ trì hội nghị."
    heard = []
    if conference.reports:
        heard.append("; ".join(lower_first(r.rstrip(".;")) for r in conference.reports))
    elif reporters:
        heard.append(
            "báo cáo của " + "; ".join(f"đồng chí {r.name_with_position}" for r in reporters)
        )
    if conference.contributions or any(p.role == ParticipantRole.SPEAKER for p in participants):
        heard.append("ý kiến tham luận, phát biểu của các đại biểu")
    lead_in = f"Sau khi nghe {' và '.join(heard)}, " if heard else ""
    concluder = f"đồng chí {chair.person.full_name}" if chair else _issuer_in_prose(conference)
    opening_2 = f"{lead_in}{concluder} kết luận như sau:"
    opening_2 = opening_2[:1].upper() + opening_2[1:]

    recipients = conference.notice_recipients or _default_recipients(conference, superior, tasks)
    planned = f" {conference.planned_label}" if conference.planned_label else " thời gian tới"
    return ConclusionNoticeContext(
        superior_body=superior,
        issuing_body=issuer,
        number=conference.notice_number,
        issuer_code=conference.body.short_code or "…",
        place=conference.notice_place or conference.unit.short_name,
        date=conference.notice_date or conference.held_on,
        summary=f"Kết luận của {chair_text} tại {name}",
        opening=(opening, opening_2),
        conclusions=_paragraphs(conference.conclusions),
        tasks_heading=f"Nhiệm vụ trọng tâm{planned}:",
        tasks=_task_items(tasks),
        closing=f"{_issuer_in_prose(conference)} thông báo để các cấp ủy, tổ chức đảng, cơ quan, "
        "đơn vị liên quan biết, thực hiện./.",
        signature=_signature(conference, chairs),
        recipients=tuple(recipients),
    )


def _default_recipients(conference: Conference, superior: str, tasks: list[KeyTask]) -> list[str]:
    out = []
    if superior.startswith("Đảng bộ"):
        out.append("Ban Thường vụ Tỉnh ủy (để báo cáo)")
    elif superior:
        out.append(f"Thường trực {superior} (để báo cáo)")
    out.append("Các đồng chí dự hội nghị")
    seen = set()
    for t in tasks:
        if (
            t.owner_body_id
            and t.owner_body_id not in seen
            and t.owner_body_id != conference.body_id
        ):
            seen.add(t.owner_body_id)
            out.append(t.owner_body.name)
    if conference.body.kind == BodyKind.PARTY_COMMITTEE:
        out.append(f"Lưu Văn phòng {conference.body.name}")
    else:
        out.append("Lưu văn thư")
    return out


def notice_docx(conference: Conference) -> bytes:
    return docx.render(notice_context(conference))


def notice_filename(conference: Conference) -> str:
    day = f"{conference.held_on:%Y-%m-%d}" if conference.held_on else "chua-ro-ngay"
    return f"thong-bao-ket-luan-{day}-{str(conference.code)[:8]}.docx"


def _directive_phrases(conference: Conference) -> tuple[str, ...]:
    out = []
    for link in directive_links.links_of(conference):
        d = link.directive
        phrase = f"{d.type_name} số {d.symbol}" if d.type_name else d.symbol
        if d.issued_on:
            phrase += f", ngày {d.issued_on.day}/{d.issued_on.month}/{d.issued_on.year}"
        out.append(phrase)
    return tuple(out)


def article_context(conference: Conference) -> ArticleContext:
    participants = _participants(conference)

    def named(role: str) -> tuple[str, ...]:
        return tuple(p.name_with_position for p in participants if p.role == role)

    tasks = _tasks(conference)
    return ArticleContext(
        headline=conference.title.strip(),
        kind=conference.kind,
        date=conference.held_on,
        time_note=conference.held_note,
        organiser=conference.body.name,
        conference_title=conference.title,
        venue=conference.venue,
        is_online=conference.is_online,
        bridge_points_count=conference.bridge_points_count,
        bridge_points=tuple(conference.bridge_points),
        chairs=named(ParticipantRole.CHAIR),
        attendees=named(ParticipantRole.ATTENDEE),
        reporters=named(ParticipantRole.REPORTER),
        speakers=named(ParticipantRole.SPEAKER),
        reports=tuple(conference.reports),
        contributions=tuple(conference.contributions),
        directives=_directive_phrases(conference),
        programmes=tuple(conference.programmes),
        reviewed_label=conference.reviewed_label,
        planned_label=conference.planned_label,
        conclusions=_paragraphs(conference.conclusions),
        awards_count=conference.awards_count,
        awards_text=conference.awards_text,
        pledges_count=conference.pledges_count,
        pledges_text=conference.pledges_text,
        tasks=tuple(t.text for t in tasks),
    )


def article_text(conference: Conference) -> str:
    return article.text(article_context(conference))
