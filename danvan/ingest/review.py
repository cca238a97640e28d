"""Helpers for the review step: reading files, guessing the unit and period, highlights.

- `read_upload(name, data)` → (text, kind): .txt as UTF-8, .html through the standard
  library's html.parser (paragraphs kept, scripts and styles dropped), .docx with python-docx.
- `resolve_unit(locality, level, on)`: the unit the organiser belongs to, as the hierarchy
  stood on the event day ("Cầu Ngang" + huyen + 2023 → the legacy "Huyện Cầu Ngang").
- `reference_date(extraction)`: the event day, or a day the title makes certain enough to
  pick the structure in force ("… 6 tháng cuối năm 2023" → 01/07/2023).
- `guess_period(label, on)`: the reviewed period's first and last day ("2,5 năm" ending
  before 01/07/2023 → 01/01/2021–30/06/2023; "năm 2022"; "6 tháng đầu năm 2022").
- `highlight(text, draft)`: the article as HTML with every extracted item in a `<mark>`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import unicodedata
from html import escape
from html.parser import HTMLParser

from danvan.directives.citations import find_citations
from danvan.lib.text import fold, nfc
from danvan.units.models import Level, Unit
from danvan.units.search import search_units

LEVELS = {"tinh": Level.PROVINCE, "huyen": Level.DISTRICT, "xa": Level.COMMUNE}
LEVEL_CHOICES = [("tinh", "Cấp tỉnh"), ("huyen", "Cấp huyện"), ("xa", "Cấp xã"), ("", "Khác")]
KIND_MAP = {
    "so_ket": "so_ket",
    "tong_ket": "tong_ket",
    "lam_viec": "lam_viec",
    "trao_tang": "trao_tang",
    "hoi_nghi_khac": "khac",
    "other": "khac",
}


def article_text(text: str) -> str:
    """NFC with line breaks kept (danvan.lib.text.nfc folds them, which loses paragraphs)."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def checksum(text: str) -> str:
    """The article's identity: its words, whatever the spacing or line endings."""
    return hashlib.sha256(nfc(text).encode("utf-8")).hexdigest()


def title_key(title: str | None) -> str:
    return fold(title or "")[:500]


# --- Reading files -------------------------------------------------------------------------

_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"}
_SKIP = {"script", "style", "noscript", "head", "template"}


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:  # type: ignore[type-arg]
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = [
        re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in "".join(parser.parts).split("\n")
    ]
    return "\n\n".join(line for line in lines if line)


def docx_to_text(data: bytes) -> str:
    import docx  # python-docx

    document = docx.Document(io.BytesIO(data))
    return "\n\n".join(p.text.strip() for p in document.paragraphs if p.text.strip())


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16", "cp1258"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def read_upload(name: str, data: bytes) -> tuple[str, str]:
    """The article text of an uploaded file and its kind; ValueError for other files."""
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix == "txt":
        return article_text(_decode(data)), "txt"
    if suffix in ("html", "htm"):
        return article_text(html_to_text(_decode(data))), "html"
    if suffix == "docx":
        try:
            return article_text(docx_to_text(data)), "docx"
        except Exception as e:  # a broken or renamed file: python-docx raises many kinds
            raise ValueError("Không đọc được tệp Word này.") from e
    raise ValueError("Chỉ nhận tệp .txt, .html hoặc .docx.")


# --- Dates, periods, units -----------------------------------------------------------------

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def reference_date(extraction: dict) -> dt.date | None:
    """The event day, else a day the title places the event near; None when unknown."""
    raw = extraction.get("event_date")
    if raw:
        try:
            return dt.date.fromisoformat(str(raw))
        except ValueError:
            pass
    title = str(extraction.get("title") or "")
    years = [int(y) for y in _YEAR.findall(title)]
    if not years:
        return None
    last = max(years)
    low = fold(title)
    if f"cuoi nam {last}" in low:
        return dt.date(last, 7, 1)
    if f"dau nam {last}" in low or len(set(years)) > 1:
        return dt.date(last, 1, 1)
    return dt.date(last, 12, 31)


def _half_end_before(on: dt.date) -> dt.date:
    return dt.date(on.year, 6, 30) if on.month >= 7 else dt.date(on.year - 1, 12, 31)


def guess_period(label: str | None, on: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """First and last day of the reviewed period; (None, None) when it cannot be told."""
    low = fold(label or "")
    year_m = _YEAR.search(low)
    year = int(year_m.group(1)) if year_m else None
    if year and "6 thang dau" in low:
        return dt.date(year, 1, 1), dt.date(year, 6, 30)
    if year and ("6 thang cuoi" in low or "6 thang sau" in low):
        return dt.date(year, 7, 1), dt.date(year, 12, 31)
    if year and "9 thang" in low:
        return dt.date(year, 1, 1), dt.date(year, 9, 30)
    if year and re.fullmatch(r"nam \d{4}", low.strip()):
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    n = re.match(r"\s*(\d+(?:[,.]\d+)?)\s+nam\b", low)
    if n and on is not None:
        months = round(float(n.group(1).replace(",", ".")) * 12)
        end = _half_end_before(on)
        first = dt.date(end.year, end.month, 1)
        m = first.month - (months - 1)
        y = first.year + (m - 1) // 12
        return dt.date(y, (m - 1) % 12 + 1, 1), end
    if year:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return None, None


def resolve_unit(locality: list[str] | None, level: str | None, on: dt.date | None) -> Unit | None:
    """The unit named by the organiser's locality at its level, in force on `on`."""
    wanted = LEVELS.get(level or "")
    for name in locality or []:
        qs = search_units(name)
        if wanted:
            qs = qs.filter(level=wanted)
        if on is not None:
            qs = qs.valid_on(on)
        found = qs.first()
        if found is not None:
            return found
    return None


def initial_edit(extraction: dict, unit: Unit | None) -> dict:
    """The editable draft: the extraction plus the resolved unit and the figures' period."""
    on = reference_date(extraction)
    start, end = guess_period(extraction.get("period"), on)
    return {
        "title": extraction.get("title") or "",
        "event_date": extraction.get("event_date"),
        "event_kind": KIND_MAP.get(str(extraction.get("event_kind") or ""), "khac"),
        "period": extraction.get("period") or "",
        "period_from": start.isoformat() if start else None,
        "period_to": end.isoformat() if end else None,
        "organizer": extraction.get("organizer") or "",
        "level": extraction.get("level") or "",
        "unit": unit.key if unit else "",
        "venue": "",
        "people": [
            {"name": p.get("name", ""), "positions": p.get("positions") or ""}
            for p in extraction.get("people") or []
        ],
        "documents": [
            {"code": d.get("code", ""), "date": d.get("date")}
            for d in extraction.get("documents") or []
        ],
        "figures": [
            {
                "what": f.get("what", ""),
                "value": f.get("value"),
                "unit": f.get("unit") or "",
                "text": f.get("text") or "",
            }
            for f in extraction.get("figures") or []
        ],
    }


# --- Highlights ----------------------------------------------------------------------------

FIELD_LABELS = {
    "title": "Tiêu đề",
    "date": "Ngày",
    "person": "Họ tên",
    "position": "Chức vụ",
    "document": "Văn bản",
    "figure": "Số liệu",
    "organizer": "Đơn vị tổ chức",
}


def _find_all(text: str, needle: str) -> list[tuple[int, int]]:
    if not needle or len(needle) < 2:
        return []
    out = []
    low, sought = text.lower(), needle.lower()
    start = low.find(sought)
    while start >= 0:
        out.append((start, start + len(needle)))
        start = low.find(sought, start + len(needle))
    return out


def _date_strings(iso: str | None) -> list[str]:
    if not iso:
        return []
    try:
        d = dt.date.fromisoformat(str(iso))
    except ValueError:
        return []
    return [
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day}/{d.month}/{d.year}",
        f"{d.day}-{d.month}-{d.year}",
        f"{d.day:02d}/{d.month} {d.year}",
        f"{d.day:02d}/{d.month:02d}",
        f"{d.day:02d}/{d.month}",
        f"{d.day}/{d.month}",
        f"{d.day}-{d.month}",
    ]


def spans(text: str, draft: dict) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, field) spans of the draft's items in `text`."""
    found: list[tuple[int, int, str]] = []
    title = draft.get("title") or ""
    for s, e in _find_all(text, title)[:1]:
        found.append((s, e, "title"))
    for s, e in _find_all(text, draft.get("organizer") or "")[:3]:
        found.append((s, e, "organizer"))
    for person in draft.get("people") or []:
        found += [(s, e, "person") for s, e in _find_all(text, person.get("name") or "")]
        for post in re.split(r",\s*", person.get("positions") or ""):
            found += [(s, e, "position") for s, e in _find_all(text, post.strip())]
    codes = {fold(d.get("code") or "") for d in draft.get("documents") or []}
    for c in find_citations(text):
        if fold(c.code) in codes:
            found.append((c.start, c.end, "document"))
    for f in draft.get("figures") or []:
        found += [(s, e, "figure") for s, e in _find_all(text, f.get("text") or "")]
    for doc in [{"date": draft.get("event_date")}, *(draft.get("documents") or [])]:
        for form in _date_strings(doc.get("date")):
            hits = _find_all(text, form)
            if hits:
                found += [
                    (s, e, "date")
                    for s, e in hits
                    if not text[e : e + 1].isdigit() and not text[max(0, s - 1) : s].isdigit()
                ]
                break
    # Longest first; drop anything overlapping a span already kept.
    kept: list[tuple[int, int, str]] = []
    for s, e, field in sorted(found, key=lambda x: (-(x[1] - x[0]), x[0])):
        if all(e <= ks or s >= ke for ks, ke, _ in kept):
            kept.append((s, e, field))
    return sorted(kept)


def highlight(text: str, draft: dict) -> str:
    """The article as escaped HTML paragraphs, with `<mark class="hl hl--FIELD">` spans."""
    out: list[str] = []
    pos = 0
    for s, e, field in spans(text, draft):
        out.append(escape(text[pos:s]))
        out.append(
            f'<mark class="hl hl--{field}" title="{FIELD_LABELS[field]}">{escape(text[s:e])}</mark>'
        )
        pos = e
    out.append(escape(text[pos:]))
    html = "".join(out)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", html) if p.strip()]
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)
