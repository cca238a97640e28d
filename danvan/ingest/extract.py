"""One news article about a dân vận conference -> one JSON-ready record.

The record has exactly the fields of the gold annotations
(shared/ingest/gold/NOTES.md): id, title, event_date, event_kind, period,
organizer, level, locality, people, bylines, documents, figures,
key_tasks_count. Everything is rules over the cleaned text; no model is
loaded and nothing touches the network or Django.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from danvan.directives.citations import Citation, find_citations, unique_citations
from danvan.ingest.clean import Page, split_page
from danvan.ingest.figures import extract_figures
from danvan.ingest.numbers import DateMention, find_dates
from danvan.ingest.people import ORG_VOCAB, TITLE_RE, extract_people, person_spans

EXTRACTOR_VERSION = "rules-1.0"

EVENT_KINDS = ("so_ket", "tong_ket", "lam_viec", "trao_tang", "hoi_nghi_khac", "other")
LEVELS = ("trung_uong", "tinh", "huyen", "xa", "unknown")

# Centrally-run cities: their Thành ủy is a provincial-level body.
CENTRAL_CITIES = frozenset({"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"})


# ---------------------------------------------------------------------------
# Event kind and period

_KIND_RULES = (
    (
        "lam_viec",
        re.compile(
            r"làm\s+việc\s+với|buổi\s+làm\s+việc|làm\s+việc\s+tại|đến\s+làm\s+việc", re.IGNORECASE
        ),
    ),
    ("review", re.compile(r"sơ\s+kết|tổng\s+kết", re.IGNORECASE)),
    (
        "trao_tang",
        re.compile(
            r"(?<!\w)(?:trao\s+tặng|trao\s+quà|tặng\s+quà|trao\s+(?:kỷ\s+niệm\s+chương|bằng\s+khen|huy\s+hiệu|giấy\s+khen|nhà|sổ|học\s+bổng)"
            r"|bàn\s+giao\s+nhà|khánh\s+thành\s+và\s+bàn\s+giao|trao\s+(?!đổi)\w+|tặng\s+\w+)",
            re.IGNORECASE,
        ),
    ),
    (
        "hoi_nghi_khac",
        re.compile(
            r"hội\s+nghị|quán\s+triệt|tập\s+huấn|đối\s+thoại|hội\s+thảo|tọa\s+đàm|toạ\s+đàm|giao\s+ban|bồi\s+dưỡng"
            r"|triển\s+khai|gặp\s+mặt|tiếp\s+xúc|diễn\s+đàn|hội\s+thi|phát\s+động|ra\s+mắt|kỷ\s+niệm",
            re.IGNORECASE,
        ),
    ),
)


def event_kind(title: str | None, lead: str) -> str:
    """The kind from the headline keyword (the lead's first sentence if there is no headline)."""
    for source in (title or "", _first_sentence(lead)):
        for kind, pattern in _KIND_RULES:
            m = pattern.search(source)
            if not m:
                continue
            if kind == "review":
                return "so_ket" if m.group().lower().startswith("sơ") else "tong_ket"
            return kind
    return "other"


_PERIOD = (
    r"(?:\d+\s+tháng\s+(?:đầu\s+|cuối\s+)?năm(?:\s+(?:19|20)\d\d)?"
    r"|\d+(?:,\d+)?\s+năm(?!\s+\d)"
    r"|quý\s+(?:I{1,3}|IV|[1-4])(?:\s+năm\s+(?:19|20)\d\d)?"
    r"|(?:giai\s+đoạn|nhiệm\s+kỳ)\s+(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d"
    r"|năm\s+(?:19|20)\d\d)"
)
_PERIOD_RE = re.compile(_PERIOD, re.IGNORECASE)
_REVIEW_RE = re.compile(r"sơ\s+kết|tổng\s+kết|giao\s+ban|đánh\s+giá|kết\s+quả", re.IGNORECASE)
_DEPLOY_RE = re.compile(r"triển\s+khai|phương\s+hướng|nhiệm\s+vụ|kế\s+hoạch", re.IGNORECASE)
_SENTENCE_PERIOD = re.compile(
    rf"(?:^|(?<=[.!?]\s))(?:Trong\s+|Qua\s+)?({_PERIOD})(?:\s+(?:qua|vừa\s+qua))?\s*,"
)


def _periods(text: str) -> list[re.Match[str]]:
    """Period expressions, leaving out the month names ("tháng 9 năm 2022" is a month, not a period)."""
    return [
        m for m in _PERIOD_RE.finditer(text) if not re.search(r"tháng\s+\d+\s*$", text[: m.start()])
    ]


def _review_period(text: str) -> str | None:
    """The period after "sơ kết"/"tổng kết" and before "triển khai" in a headline or lead."""
    review = _REVIEW_RE.search(text)
    if not review:
        return None
    deploy = _DEPLOY_RE.search(text, review.end())
    stop = deploy.start() if deploy else len(text)
    found = [m for m in _periods(text) if review.end() <= m.start() < stop]
    if not found:
        return None
    period = found[0].group()
    # "6 tháng đầu năm, triển khai … 6 tháng cuối năm 2022": the year is the deployed half's.
    if re.fullmatch(r"\d+\s+tháng\s+đầu\s+năm", period, re.IGNORECASE):
        later = re.search(r"tháng\s+cuối\s+năm\s+((?:19|20)\d\d)", text[stop:])
        if later:
            period = f"{period} {later.group(1)}"
    return period


def review_period(kind: str, title: str | None, lead: str, paragraphs: list[str]) -> str | None:
    """The reviewed period as written; None when the event reviews no period."""
    for source in (title or "", _first_sentence(lead)):
        period = _review_period(source)
        if period:
            return period
    if kind not in ("so_ket", "tong_ket", "lam_viec"):
        return None
    for para in paragraphs[:4]:
        m = _SENTENCE_PERIOD.search(para)
        if m:
            return m.group(1)
    return None


# ---------------------------------------------------------------------------
# Organizer, level, locality

_ORG_HEAD = (
    r"(?:Ban\s+Thường\s+vụ|BTV|Thường\s+trực|Ban\s+Chấp\s+hành|Ban|Đảng\s+ủy|Đảng\s+uỷ|Đảng\s+bộ|Thành\s+ủy|Thành\s+uỷ"
    r"|Tỉnh\s+ủy|Tỉnh\s+uỷ|Huyện\s+ủy|Huyện\s+uỷ|Quận\s+ủy|Quận\s+uỷ|Thị\s+ủy|Thị\s+uỷ|UBND|HĐND|Ủy\s+ban|Uỷ\s+ban"
    r"|UBMTTQ\w*|MTTQ|Mặt\s+trận|Hội|Đoàn|Liên\s+đoàn|Bộ|Sở|Công\s+an|Trường|BCĐ|Cơ\s+quan|Văn\s+phòng|Chi\s+bộ"
    r"|Khối|Cục|Viện|Tổng\s+cục|Quốc\s+hội|Chính\s+phủ|Thường\s+trực)(?!\w)"
)
_ORG_HEAD_RE = re.compile(_ORG_HEAD)
_ORG_VERB = re.compile(
    r"(?:đã\s+|vừa\s+|đã\s+long\s+trọng\s+|long\s+trọng\s+|chính\s+thức\s+|đã\s+phối\s+hợp\s+|phối\s+hợp\s+)?"
    r"(?:tổ\s+chức|có\s+chương\s+trình\s+làm\s+việc|có\s+buổi\s+làm\s+việc|làm\s+việc\s+với|họp|sơ\s+kết|tổng\s+kết)(?!\w)"
)
_PASSIVE = re.compile(r"(?<!\w)do\s+(" + _ORG_HEAD + r"[^,.;]*?)\s+(?:tổ\s+chức|chủ\s+trì)")
_ORG_CUT = re.compile(r"\s+(?:phối\s+hợp\s+với|phối\s+hợp|cùng\s+với|đã|vừa)(?:\s|$).*$")


def _first_sentence(text: str) -> str:
    m = re.search(r"[.!?](?=\s+[^\W\d_]|\s*$)", text)
    return text[: m.end()] if m else text


def _org_words(phrase: str) -> int:
    """Length of the prefix of ``phrase`` that reads as an organisation name."""
    for m in re.finditer(r"\S+", phrase):
        w = m.group().strip(',.;:“”"()')
        if w and not (w[0].isupper() or w[0].isdigit() or w in ORG_VOCAB or w in "-–"):
            return m.start()
    return len(phrase)


def _org_clause(text: str, verb_start: int) -> str:
    """The comma-separated chunks before the verb that name bodies ("Đảng ủy, UBND phường X")."""
    chunks = re.split(r"(?<=[,.;:])\s", text[:verb_start])
    clause = re.sub(r"\s*\([^()]*\)\s*", " ", chunks[-1])  # "(quận Hai Bà Trưng)": a locator
    for chunk in reversed(chunks[:-1]):
        if not chunk.endswith(",") or not _ORG_HEAD_RE.match(chunk):
            break
        body = chunk[:-1]
        if _org_words(body) < len(body) or person_spans(body):
            break
        clause = chunk + " " + clause
    return clause


def _org_before(text: str, verb_start: int) -> str | None:
    """The organisation that is the subject of the verb at ``verb_start``, if the clause is only that."""
    clause = _ORG_CUT.sub("", _org_clause(text, verb_start)).rstrip(" ,")
    head = _ORG_HEAD_RE.search(clause)
    if not head or person_spans(clause):
        return None
    title = TITLE_RE.search(clause)
    if title and title.start() < head.start() + 1 and not _ORG_HEAD_RE.match(clause, title.start()):
        return None  # "Phó Bí thư Thường trực Huyện ủy …": a person's post, not a body
    org = clause[head.start() :].strip(" ,")
    if _org_words(org) < len(org) or not 0 < len(org.split()) <= 14:
        return None
    return org


def _delegation_org(text: str) -> str | None:
    """'đoàn công tác của Ban Thường vụ Huyện ủy X do …' -> 'Ban Thường vụ Huyện ủy X'."""
    m = re.search(
        r"(?<!\w)[Đđ]oàn\s+(?:công\s+tác|giám\s+sát|kiểm\s+tra|khảo\s+sát)\s+(?:của\s+)?", text
    )
    if not m or not _ORG_HEAD_RE.match(text, m.end()):
        return None
    rest = text[m.end() :]
    stop = re.search(r"\s(?:do|đã|có|làm|đến|về|tại|với)\s|[,.;:]", rest)
    org = rest[: stop.start() if stop else len(rest)]
    org = org[: _org_words(org)].strip(" ,")
    return org or None


def organizer(title: str | None, lead: str) -> str | None:
    """The organising body as written in the lead ("Thành ủy Vinh tổ chức …"), else the headline."""
    first = _first_sentence(lead)
    passive = _PASSIVE.search(first)
    if passive and _org_words(passive.group(1)) == len(passive.group(1)):
        return passive.group(1).strip()
    for m in _ORG_VERB.finditer(first):
        org = _org_before(first, m.start())
        if org:
            return org
    delegation = _delegation_org(first)
    if delegation:
        return delegation
    if title and _ORG_HEAD_RE.match(title):
        m = _ORG_VERB.search(title) or re.search(
            r"\s(?:triển\s+khai|quán\s+triệt|tập\s+huấn|trao|gặp\s+mặt)(?!\w)", title
        )
        if m:
            return _org_before(title, m.start())
    return None


# Type words before a place name, by the level they name.
_PLACE_TYPES = {
    "tinh": r"(?:tỉnh|Tỉnh)",
    "city": r"(?:thành\s+phố|Thành\s+phố|TP\.?|Tp\.?)",
    "district": r"(?:huyện|Huyện|quận|Quận|thị\s+xã|Thị\s+xã)",
    "commune": r"(?:xã|Xã|phường|Phường|thị\s+trấn|Thị\s+trấn)",
}
_COMMITTEE_TYPES = (
    (re.compile(r"Tỉnh\s+[ủu][ỷy]"), "tinh"),
    (re.compile(r"Thành\s+[ủu][ỷy]"), "city"),
    (re.compile(r"(?:Huyện|Quận|Thị)\s+[ủu][ỷy]"), "district"),
)
_NOT_PLACE_WORD = frozenset(
    "Ban Đảng Ủy Uỷ Hội Tỉnh Huyện Quận Xã Phường Thị Đoàn Mặt Trung Thường Chủ Phó Bí Nhà Trường Công "
    "Đồng Các Những Tại Trong Ngày Sáng Chiều Năm".split()
)


def _place_after(text: str, pos: int) -> str | None:
    """The capitalised place name starting at ``pos`` ("Mỏ Cày Nam", "Ea Tar", "Quận 1")."""
    words: list[str] = []
    line_end = text.find("\n", pos)
    window = text[pos : min(pos + 60, line_end if line_end >= 0 else len(text))]
    for m in re.finditer(r"\S+", window):
        w = m.group().rstrip(",.;:!?)”\"'")
        if not w or (
            not (w[0].isupper() or (words and w.isdigit())) or not w.replace("-", "").isalnum()
        ):
            break
        if not words and w in ("TP", "TP.", "Tp", "Tp.", "TX", "TT"):
            continue  # "Thành ủy TP Hồ Chí Minh": the abbreviation names the kind of place
        if words and w in _NOT_PLACE_WORD:
            break
        if not words and w in _NOT_PLACE_WORD:
            return None
        words.append(w)
        if len(words) == 4 or w != m.group():
            break
    return " ".join(words) if words else None


def _places(text: str, type_re: str) -> list[str]:
    found: list[str] = []
    for m in re.finditer(rf"(?<!\w){type_re} +", text):
        place = _place_after(text, m.end())
        if place and place not in found:
            found.append(place)
    return found


def _own_type(org: str) -> str | None:
    for pattern, kind in _COMMITTEE_TYPES:
        if pattern.search(org):
            return kind
    for kind in ("commune", "district", "city", "tinh"):
        if re.search(rf"(?<!\w){_PLACE_TYPES[kind]}(?!\s+hội)(?!\w)", org):
            return kind
    return None


def _org_place(org: str) -> str | None:
    """The place written in the organizer itself ("Thành ủy Vinh" -> "Vinh")."""
    heads = (
        r"(?:Thành|Tỉnh|Huyện|Quận|Thị)\s+[ủu][ỷy]|Đảng\s+[ủu][ỷy]\s+(?:xã|phường|thị\s+trấn)|"
        + "|".join(_PLACE_TYPES.values())
    )
    for m in re.finditer(rf"(?<!\w)(?:{heads}) +", org):
        place = _place_after(org, m.end())
        if place:
            return place
    return None


def level_of(org: str | None, locality: list[str], text: str) -> str:
    """trung_uong / tinh / huyen / xa / unknown from the organizer's own words."""
    if not org:
        return "unknown"
    if re.search(r"Trung\s+ương|(?<!\w)TW(?!\w)|Chính\s+phủ|Quốc\s+hội|^Bộ\s+(?!Chỉ\s+huy)", org):
        return "trung_uong"
    kind = _own_type(org)
    if kind == "commune":
        return "xa"
    if kind == "district":
        return "huyen"
    if kind == "city":
        central = any(p in CENTRAL_CITIES for p in locality) or (not locality and "Thủ đô" in text)
        return "tinh" if central else "huyen"
    if kind == "tinh" or re.search(r"(?<!\w)Sở(?!\w)", org):
        return "tinh"
    return "unknown"


def locality_of(org: str | None, level: str, page: Page) -> list[str]:
    """The organizer's own place, then the enclosing province when the text names exactly one."""
    if not org or level in ("trung_uong", "unknown"):
        return []
    kind = _own_type(org)
    text = "\n".join(page.header + page.article_lines())
    own = _org_place(org)
    if own is None and kind:
        header_hits = _places("\n".join(page.header), _PLACE_TYPES[kind])
        hits = header_hits or _places(text, _PLACE_TYPES[kind])
        own = hits[0] if len(hits) == 1 or header_hits else None
    places = [own] if own else []
    if level == "xa":
        districts = [p for p in _places(text, _PLACE_TYPES["district"]) if p not in places]
        if len(districts) == 1:
            places.append(districts[0])
    if level in ("huyen", "xa"):
        provinces = [p for p in _places(text, _PLACE_TYPES["tinh"]) if p not in places]
        if len(provinces) == 1:
            places.append(provinces[0])
    return places


# ---------------------------------------------------------------------------
# Event date

_MONTHS_BY_PERIOD = (
    (re.compile(r"quý\s+(?:I|1)(?!\w)", re.IGNORECASE), 3),
    (re.compile(r"quý\s+(?:II|2)(?!\w)", re.IGNORECASE), 6),
    (re.compile(r"quý\s+(?:III|3)(?!\w)", re.IGNORECASE), 9),
    (re.compile(r"quý\s+(?:IV|4)(?!\w)", re.IGNORECASE), 12),
    (re.compile(r"(\d+)\s+tháng\s+đầu\s+năm", re.IGNORECASE), 0),
    (re.compile(r"(\d+)\s+tháng\s+năm", re.IGNORECASE), 0),
    (re.compile(r"tháng\s+cuối\s+năm|^năm", re.IGNORECASE), 12),
)


def _period_end(period: str) -> tuple[int, int] | None:
    """(year, last month) of a reviewed period with a stated year."""
    year = re.search(r"(?:19|20)\d\d", period)
    if not year:
        return None
    for pattern, month in _MONTHS_BY_PERIOD:
        m = pattern.search(period)
        if m:
            return int(year.group()), month or int(m.group(1))
    return None


def _year_from_periods(month: int, period: str | None, title: str) -> int | None:
    """The year the period logic forces: a December review of "năm X" is in X, and so on."""
    end = _period_end(period) if period else None
    if end:
        year, last = end
        if last - 1 <= month <= min(12, last + 2):
            return year
        if last == 12 and month <= 2:
            return year + 1
    deploy = re.search(
        r"(?:triển\s+khai|phương\s+hướng)[^,.;]*?(6\s+tháng\s+cuối\s+)?năm\s+((?:19|20)\d\d)",
        title,
        re.IGNORECASE,
    )
    if deploy:
        year = int(deploy.group(2))
        if deploy.group(1):
            return year if 6 <= month <= 8 else None
        if month >= 11:
            return year - 1
        if month <= 2:
            return year
    return None


def _year_from_published(d: DateMention, published: tuple[int, int, int] | None) -> int | None:
    """The event happened on, or a few days before, the date shown with the article."""
    if not published:
        return None
    py, pm, pd = published
    for year in (py, py - 1):
        candidate = d.to_date(year)
        if candidate is None:
            continue
        gap = (dt.date(py, pm, pd) - candidate).days
        if 0 <= gap <= 10:
            return year
    return None


def _event_mention(
    spans: list[tuple[int, int]], lead_texts: list[tuple[str, int]]
) -> DateMention | None:
    """The first date with a day-part cue in the lead that is not part of a citation."""
    for text, offset in lead_texts:
        for d in find_dates(text):
            if d.cue is None or _covered(offset + d.start, spans):
                continue
            if re.match(r"\s+của\s", text[d.end : d.end + 6]):
                continue  # "ngày 15/12/2021 của BCH …": a document's date
            return d
    return None


def _covered(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def event_date(
    page: Page, period: str | None, spans: list[tuple[int, int]], lead_texts: list[tuple[str, int]]
) -> str | None:
    """The event's own date; the year only when stated or forced by the period or the page's date."""
    d = _event_mention(spans, lead_texts)
    if d is None:
        return None
    year = (
        d.year
        or _year_from_periods(d.month, period, page.title or "")
        or _year_from_published(d, page.published)
    )
    date = d.to_date(year)
    return date.isoformat() if date else None


# ---------------------------------------------------------------------------
# Documents


def _citation_spans(text: str, citations: list[Citation]) -> list[tuple[int, int]]:
    """Whole citation phrases ("Nghị quyết số 43-NQ/TW, ngày 24/11/2023"), so their numbers and dates are skipped."""
    spans = []
    for c in citations:
        code = text[c.start : c.end]
        lead = c.raw.find(code) if code else -1
        start = c.start - lead if lead >= 0 else c.start
        spans.append((start, max(c.end, start + len(c.raw))))
    return spans


def documents(text: str) -> list[dict[str, str | None]]:
    return [
        {"code": c.code, "date": c.date.isoformat() if c.date else None}
        for c in unique_citations(text)
    ]


# ---------------------------------------------------------------------------
# The record


@dataclass(frozen=True)
class _Parts:
    page: Page
    article: str  # headline, paragraphs and captions, one per line
    body: str  # paragraphs and captions, one per line: short paragraphs can pass for captions


def _parts(text: str) -> _Parts:
    page = split_page(text)
    return _Parts(page, "\n".join(page.article_lines()), "\n".join(page.text_lines))


def _lead(paragraphs: list[str]) -> str:
    """The first paragraph; on a page cut mid-sentence, from its first whole sentence."""
    if not paragraphs:
        return ""
    lead = paragraphs[0]
    if lead[:1].islower() or lead[:1] in ",.;:)…":
        m = re.search(r"[.!?…]\s+(?=[^\W\d_])", lead)
        lead = lead[m.end() :] if m else (paragraphs[1] if len(paragraphs) > 1 else "")
    return lead


def extract_article(text: str, article_id: str) -> dict[str, object]:
    """Extract the gold-schema record from one article's raw text."""
    parts = _parts(text)
    page = parts.page
    paragraphs = [p for _, p in page.paragraphs]
    lead = _lead(paragraphs)
    kind = event_kind(page.title, lead)
    period = review_period(kind, page.title, lead, paragraphs)
    org = organizer(page.title, lead)
    # A Thành ủy's level depends on its city (centrally-run or not), so places come first.
    locality = locality_of(org, level_of(org, [], parts.article), page)
    level = level_of(org, locality, parts.article)
    if level == "trung_uong":
        locality = []

    body_citations = find_citations(parts.body)
    body_spans = _citation_spans(parts.body, body_citations)
    lead_texts = [(p, parts.body.find(p)) for p in paragraphs[:2]]
    figures = extract_figures(parts.body, body_spans)
    key_tasks = next((f.value for f in figures if f.what == "key_tasks"), None)
    return {
        "id": article_id,
        "title": page.title,
        "event_date": event_date(page, period, body_spans, lead_texts),
        "event_kind": kind,
        "period": period,
        "organizer": org,
        "level": level,
        "locality": locality,
        "people": extract_people(page.article_lines(), page.bylines),
        "bylines": page.bylines,
        "documents": documents(parts.article),
        "figures": [f.as_dict() for f in figures],
        "key_tasks_count": key_tasks,
    }
