"""A news article draft about a conference, in the style of the provincial portals.

The reverse of reading the seed articles: "Ngày 01/12, Thành ủy Hạ Long tổ chức Hội
nghị tổng kết … Dự hội nghị có đồng chí …, … Hội nghị đã thống nhất … nhiệm vụ trọng
tâm: …". Only what the record holds is said; nothing is invented.
"""

from __future__ import annotations

import re

from ..contexts import ArticleContext

# First words that are names of bodies or proper nouns: never lower-cased mid-sentence.
_PROPER = frozenset(
    {
        "Ban",
        "Mặt",
        "Ủy",
        "Uỷ",
        "Hội",
        "Đảng",
        "Nhân",
        "Thành",
        "Huyện",
        "Tỉnh",
        "Quận",
        "Thị",
        "Chính",
        "Nhà",
        "Bộ",
        "Trung",
        "Đoàn",
        "Công",
        "Quy",
        "Nghị",
        "Chỉ",
        "Kết",
        "Quyết",
        "Kế",
        "Thông",
        "Liên",
        "Văn",
        "Sở",
        "Phòng",
        "Xã",
        "Phường",
        "Chủ",
        "Bí",
    }
)
_PAREN = re.compile(r"\s*\([^)]*\)")


def lower_first(text: str) -> str:
    """'Báo cáo tổng kết …' -> 'báo cáo tổng kết …', but 'Ban Dân vận …', 'QCDC …' stay."""
    text = text.strip()
    first = text.split(" ", 1)[0]
    if not first or first in _PROPER or (len(first) > 1 and first[1].isupper()):
        return text
    return text[:1].lower() + text[1:]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _join(items: tuple[str, ...] | list[str], sep: str = "; ", lower: bool = False) -> str:
    parts = [i.strip().rstrip(".;") for i in items if i.strip()]
    if lower:
        parts = [lower_first(p) for p in parts]
    return sep.join(parts)


def _comrades(names: tuple[str, ...]) -> str:
    """'đồng chí A, chức vụ' or 'các đồng chí: A, …; B, …'."""
    if len(names) == 1:
        return f"đồng chí {names[0]}"
    return f"các đồng chí: {_join(names)}"


def _lead(ctx: ArticleContext) -> str:
    title = ctx.conference_title.strip()
    session = ctx.kind == "lam_viec" and not title.lower().startswith("hội nghị")
    if not title.lower().startswith("hội nghị") and not session:
        title = f"Hội nghị {lower_first(title)}"
    where = f" tại {ctx.venue}" if ctx.venue else ""
    note = _PAREN.sub("", ctx.time_note).strip()
    if session:  # the title of a working session is a sentence: "BTV Thành ủy làm việc với …"
        when = f"Ngày {ctx.date:%d/%m}" if ctx.date else (f"Trong {note}" if note else "Vừa qua")
        lead = f"{when}{where}, {title}"
    elif ctx.date:
        lead = f"Ngày {ctx.date:%d/%m}{where}, {ctx.organiser} tổ chức {title}"
    else:
        lead = f"{ctx.organiser} vừa tổ chức {title}{where}"
    online = "" if "trực tuyến" in title.lower() else " theo hình thức trực tuyến"
    if ctx.is_online and ctx.bridge_points_count:
        lead += f"{online} với {ctx.bridge_points_count} điểm cầu"
    elif ctx.is_online:
        lead += online
    sentences = [_sentence(lead)]
    if ctx.chairs and ctx.attendees:
        if len(ctx.chairs) > 1:
            sentences.append(f"Các đồng chí: {_join(ctx.chairs)} đồng chủ trì hội nghị.")
        else:
            sentences.append(f"Đồng chí {ctx.chairs[0]} chủ trì hội nghị.")
        sentences.append(f"Dự hội nghị có {_comrades(ctx.attendees)}.")
    elif ctx.chairs:
        sentences.append(f"Đến dự và chủ trì hội nghị có {_comrades(ctx.chairs)}.")
    elif ctx.attendees:
        sentences.append(f"Dự hội nghị có {_comrades(ctx.attendees)}.")
    if ctx.bridge_points:
        sentences.append(f"Các điểm cầu: {_join(ctx.bridge_points, ', ')}.")
    return " ".join(sentences)


def _in_title(ctx: ArticleContext) -> bool:
    title = ctx.conference_title.lower()
    return all(p.lower() in title for p in ctx.programmes)


def _review(ctx: ArticleContext) -> list[str]:
    out: list[str] = []
    scope = f" {ctx.reviewed_label}" if ctx.reviewed_label else ""
    if ctx.directives:
        out.append(f"Hội nghị đánh giá kết quả{scope} thực hiện {_join(ctx.directives)}.")
    elif ctx.programmes and not _in_title(ctx):
        out.append(f"Hội nghị đánh giá kết quả {_join(ctx.programmes, ', ')}{scope}.")
    if ctx.reports and ctx.reporters:
        out.append(
            f"Tại hội nghị, đồng chí {_join(ctx.reporters, '; đồng chí ')} trình bày "
            f"{_join(ctx.reports, lower=True)}."
        )
    elif ctx.reports:
        out.append(f"Hội nghị đã nghe {_join(ctx.reports, lower=True)}.")
    if ctx.contributions:
        out.append(
            "Tại hội nghị, các đại biểu đã tập trung thảo luận, tham luận về: "
            f"{_join(ctx.contributions, lower=True)}."
        )
    if ctx.speakers:
        out.append(f"Phát biểu tại hội nghị có {_comrades(ctx.speakers)}.")
    return out


def _conclusions(ctx: ArticleContext) -> list[str]:
    if not ctx.conclusions:
        return []
    first, *rest = ctx.conclusions
    if ctx.chairs:
        opening = f"Phát biểu kết luận hội nghị, đồng chí {ctx.chairs[0]} nêu rõ: {lower_first(_sentence(first))}"
    else:
        opening = f"Kết luận hội nghị: {lower_first(_sentence(first))}"
    return [opening, *map(_sentence, rest)]


def _tasks(ctx: ArticleContext) -> list[str]:
    if not ctx.tasks:
        return []
    period = f" {ctx.planned_label}" if ctx.planned_label else ""
    items = "; ".join(f"({i}) {lower_first(t.rstrip('.;'))}" for i, t in enumerate(ctx.tasks, 1))
    return [f"Hội nghị đã thống nhất {len(ctx.tasks)} nhiệm vụ trọng tâm{period}: {items}."]


def _awards(ctx: ArticleContext) -> list[str]:
    out: list[str] = []
    if ctx.awards_text:
        out.append(_sentence(f"Nhân dịp này, {lower_first(ctx.awards_text)}"))
    elif ctx.awards_count:
        out.append(f"Nhân dịp này, {ctx.awards_count} tập thể, cá nhân đã được khen thưởng.")
    if ctx.pledges_text:
        out.append(_sentence(f"Tại hội nghị, {lower_first(ctx.pledges_text)}"))
    elif ctx.pledges_count:
        out.append(f"Tại hội nghị, {ctx.pledges_count} đơn vị đã ký kết giao ước thi đua.")
    return out


def text(ctx: ArticleContext) -> str:
    paragraphs = [
        ctx.headline,
        _lead(ctx),
        *_review(ctx),
        *_conclusions(ctx),
        *_tasks(ctx),
        *_awards(ctx),
    ]
    return "\n\n".join(p for p in paragraphs if p) + "\n"


def render(ctx: ArticleContext) -> bytes:
    return text(ctx).encode("utf-8")
