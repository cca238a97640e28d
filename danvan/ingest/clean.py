"""Turn a saved news page into headline, body paragraphs, photo captions and bylines.

Pages from provincial and district portals arrive as plain text with the site
chrome still in them: portal name and today's date above the headline, a
greeting, "Lượt xem: 106", rating widgets, photo captions between paragraphs,
the author's name padded with NBSPs, then visitor counters ("Đang online",
"Tổng lượt truy cập"), weather and exchange-rate boxes. Some pages are cut and
start or end mid-article. Nothing here knows any particular site: every rule
is about the shape of a line.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from danvan.ingest.numbers import find_dates

# NBSP and friends become plain spaces; zero-width and soft hyphens vanish.
_SPACE_CHARS = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000\t\f\v"), " ")
_DROP_CHARS = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r" {2,}")


_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,200}>")


def normalize(text: str) -> str:
    """NFC, unified line ends, NBSPs folded to spaces, runs of spaces collapsed, lines trimmed.

    Stray HTML from scrapers ("<p>&nbsp;</p>") is dropped: tags removed, entities decoded.
    """
    if "<" in text or "&" in text:
        text = html.unescape(_HTML_TAG.sub(" ", text))
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_SPACE_CHARS).translate(_DROP_CHARS)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def squash(s: str) -> str:
    """Whitespace of one string folded as the gold does: runs become one space, ends trimmed."""
    return " ".join(s.translate(_SPACE_CHARS).split())


# ---------------------------------------------------------------------------
# Page chrome

_COUNTER_WORDS = (
    r"lượt xem|số lượt xem|lượt đọc|lượt truy cập|tổng lượt truy cập|số lượt truy cập|tổng truy cập"
    r"|đang online|đang trực tuyến|trực tuyến|online|hôm nay|hôm qua|trong tuần|tuần này|tuần trước"
    r"|trong tháng|tháng này|tháng trước|trong năm|năm nay|tất cả|tổng cộng|tổng số|khách|thành viên"
    r"|lượt|truy cập"
)
# A line made only of counters: "Đang online 14804 Tổng lượt truy cập 5886939", "• Hôm nay: 2569".
_COUNTER_LINE = re.compile(
    rf"^(?:[•·*\-–]\s*)?(?:(?:{_COUNTER_WORDS})\s*:?\s*[\d.,]+\s*)+$", re.IGNORECASE
)
_VIEWS_ANYWHERE = re.compile(
    r"(?:lượt xem|lượt đọc|lượt truy cập)\s*:?\s*[\d.,]*\s*$|^\s*[\d.,]+\s+lượt xem", re.IGNORECASE
)
_WEEKDAY = r"(?:Thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|2|3|4|5|6|7)|Chủ\s+[Nn]hật|CN|T[2-7])"
_DATE_LINE = re.compile(
    rf"^(?:{_WEEKDAY}\s*,?\s*)?(?:ngày\s+)?\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{4}}"
    r"(?:\s*[-|,]?\s*\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*(?:AM|PM|GMT[+\d:]*))?)?"
    r"(?:\s*\|?\s*[\d.,]+\s*lượt xem)?\s*\|?$",
    re.IGNORECASE,
)
_TIME_FIRST_DATE_LINE = re.compile(
    r"^\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?:AM|PM)?\s*,?\s*(?:ngày\s+)?\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\s*$",
    re.IGNORECASE,
)
# Whole lines that are widgets, menus or labels, never article text.
_CHROME_LINE = re.compile(
    r"^(?:[•·*]\s*)?(?:"
    r"thống kê truy cập|thống kê|đăng nhập|đăng ký|đăng xuất|thời tiết|tỷ giá(?: ngoại tệ)?|giá vàng"
    r"|thông tin mới nhất|tin mới nhất|tin mới|tin liên quan|tin khác|các tin khác|bài viết liên quan"
    r"|tin cùng chuyên mục|tin đã đưa|xem thêm|xem tiếp|đọc thêm|chia sẻ|chia sẻ bài viết|in bài viết|in trang"
    r"|gửi email|gửi bài viết|lưu bài viết|quay lại|trở về|về đầu trang|lên đầu trang|bình luận|gửi bình luận"
    r"|ý kiến bạn đọc|ý kiến của bạn|tags?|từ khóa|từ khoá|bản đồ hành chính|liên kết website|liên kết"
    r"|video|hình ảnh|thư viện ảnh|album ảnh|trang chủ|giới thiệu|tin tức|sự kiện|tin tức - sự kiện"
    r"|anh tin bai|ảnh tin bài|ảnh minh họa|ảnh minh hoạ|tìm kiếm|menu|facebook|zalo|twitter|email|print"
    r"|cỡ chữ|font size|nghe đọc bài|nghe bài viết|đánh giá|bình chọn|kết quả bình chọn|thăm dò ý kiến"
    r")\s*:?\s*$",
    re.IGNORECASE,
)
_CHROME_START = re.compile(
    r"^(?:[•·*]\s*)?(?:"
    r"chào mừng (?:bạn|quý vị)|(?:trang|cổng) (?:thông tin|tin tức) điện tử|website|đánh giá cho bài viết"
    r"|bản quyền|copyright|©|ghi rõ nguồn|địa chỉ\s*:|điện thoại\s*:|email\s*:|fax\s*:|hotline"
    r"|chịu trách nhiệm|giấy phép|trang chủ\s*[>»/|]|bản đồ hành chính|thống kê truy cập"
    r")",
    re.IGNORECASE,
)
# "(Ngày đăng: 10/05/2024)", "Cập nhật lúc 15:30 21/12/2023", "Đăng ngày 07/12/2023".
_POSTED_LINE = re.compile(
    r"^\(?\s*(?:ngày\s+đăng|ngày\s+cập\s+nhật|cập\s+nhật(?:\s+lúc)?|đăng\s+lúc|đăng\s+ngày|ngày\s+xuất\s+bản"
    r"|thời\s+gian\s+đăng|ngày\s+phát\s+hành|xuất\s+bản|đăng\s+tải)\s*:?[\s\d/:.,h|-]*(?:lượt xem\s*:?\s*[\d.,]*)?\s*\)?$",
    re.IGNORECASE,
)
_RATING = re.compile(r"^(?:[•·*]\s*)?[\d.,]+\s*điểm\s*\(\s*\d+\s*đánh giá\s*\)$", re.IGNORECASE)
_MENU = re.compile(r"^(?:[^|>»]{1,40}\s*[|>»]\s*){2,}[^|>»]{0,40}$")  # "Trang chủ | Tin tức | ..."
# Lines that mark the end of the article: widgets and lists that follow the text.
_FOOTER_MARK = re.compile(
    r"^(?:[•·*]\s*)?(?:thống kê truy cập|thông tin mới nhất|tin mới nhất|tin liên quan|tin khác|các tin khác"
    r"|bài viết liên quan|tin cùng chuyên mục|tin đã đưa|thời tiết|tỷ giá|đăng nhập|bản đồ hành chính"
    r"|liên kết website|ý kiến bạn đọc|gửi bình luận|bản quyền|copyright|©)",
    re.IGNORECASE,
)
_LETTERS = re.compile(r"[^\W\d_]")


def is_chrome(line: str) -> bool:
    """True for a line that belongs to the page, not to the article."""
    if not line:
        return True
    if not _LETTERS.search(line):
        return True  # numbers, bullets, separators
    return bool(
        _COUNTER_LINE.match(line)
        or _CHROME_LINE.match(line)
        or _CHROME_START.match(line)
        or _DATE_LINE.match(line)
        or _TIME_FIRST_DATE_LINE.match(line)
        or _RATING.match(line)
        or _POSTED_LINE.match(line)
        or (_VIEWS_ANYWHERE.search(line) and len(line) < 80)
        or (_MENU.match(line) and not line.endswith("."))
    )


# ---------------------------------------------------------------------------
# Line shapes

_SENTENCE_END = re.compile(r"[.!?…:;]['\"”’)\]]*$")
_CAPTION_CUE = re.compile(
    r"^(?:Quang cảnh|Toàn cảnh|Các đại biểu|Đại biểu|Lãnh đạo|Ảnh\s*:|\(?Ảnh)"
    r"|\b(?:phát biểu|báo cáo|trao|tặng|chụp ảnh|kết luận|khai mạc|bế mạc|tham luận|điều hành|chủ trì)\b"
    r"|\(Ảnh|Ảnh\s*:",
    re.IGNORECASE,
)
_HEADLINE_MIN, _HEADLINE_MAX = 15, 320


def _words(line: str) -> list[str]:
    return line.split()


def _is_paragraph(line: str) -> bool:
    """Running text: long, or a full sentence of some length."""
    if len(line) > 250:
        return True
    return (
        len(line) > 80
        and bool(_SENTENCE_END.search(line))
        and line.count(". ") + line.count(", ") >= 1
    )


def _starts_mid_sentence(line: str) -> bool:
    first = line[0]
    return first.islower() or first in ",.;:)]…-–"


def _is_caption(line: str) -> bool:
    """A photo caption: a short line between paragraphs, usually without a full stop."""
    if len(line) > 250 or _starts_mid_sentence(line):
        return False
    if not _SENTENCE_END.search(line):
        return True
    if re.match(r"^(?:\S+\s+){0,3}\S+,\s", line):
        return False  # "Dịp này, UBND huyện tặng …": a sentence opened by an adverbial is prose
    return len(line) < 120 and line.count(". ") == 0 and bool(_CAPTION_CUE.search(line))


# ---------------------------------------------------------------------------
# Bylines

_BYLINE_PREFIX = re.compile(
    r"^(?:\(?\s*(?:tin(?:,| và| &)? ảnh|bài(?:,| và| &)? ảnh|tin|bài|ảnh|bài viết|tác giả|thực hiện|"
    r"nhóm phóng viên|phóng viên|pv|ctv|nhóm pv)\s*:\s*)",
    re.IGNORECASE,
)
_BYLINE_SPLIT = re.compile(r"\s*(?:\s[-–—]\s|,|;|/|\s&\s|\svà\s)\s*")
# Capitalised words that start organisations or labels rather than personal names.
_NOT_NAME_START = frozenset(
    "Ban Báo Đài Trung Cổng Trang Phòng Sở Nguồn Theo Thống Đăng Thời Tỷ Bản Hội Đảng Ủy Uỷ Văn_phòng "
    "Tin Bài Ảnh Video Trang Xem Chia Quang Toàn Các Những Đồng Huyện Tỉnh Thành Xã Phường Quận Thị "
    "Ngày Sáng Chiều Thứ Chủ Nhật Tháng Năm Mặt Công Tổ Bộ Cục Viện Trường".split()
)


def _is_name_word(w: str) -> bool:
    return w[:1].isupper() and (len(w) == 1 or w[1:].islower()) and w.isalpha()


_ORG_START = frozenset(
    "UBND HĐND MTTQ Trung_tâm Huyện_ủy Tỉnh_ủy Thành_ủy".replace("_", " ").split()
)
# A photo credit at the end of a caption: "Quang cảnh hội nghị. (Ảnh: Thanh Tùng)".
_PHOTO_CREDIT = re.compile(
    r"[\s.]*\(?\s*(?:Ảnh|Ảnh minh họa|Nguồn ảnh)\s*:\s*([^()]{2,60}?)\s*\)?\s*$"
)


def photo_credit(line: str) -> tuple[str, list[str]]:
    """Split a trailing photo credit off a caption: (caption without it, names)."""
    m = _PHOTO_CREDIT.search(line)
    if not m:
        return line, []
    names = byline_names("Ảnh: " + m.group(1))
    return (line[: m.start()].strip(), names) if names else (line, [])


def byline_names(line: str) -> list[str]:
    """'Thu Hà - Minh Anh' -> ['Thu Hà', 'Minh Anh']; [] if the line is not a byline.

    A byline is a short line of one to four personal names (two to four
    capitalised syllables each, or a single one after "Tin, ảnh:"), without
    digits or organisation words. Abbreviations ("BBT", "PV") are credits of
    the portal, not people.
    """
    s = re.sub(
        r"\s*\([^()]*\)\s*$", "", line.strip()
    )  # "Minh Tuấn (TTTT huyện)": the unit is not a name
    s = s.strip("()[]").strip()
    prefixed = bool(_BYLINE_PREFIX.match(s))
    s = _BYLINE_PREFIX.sub("", s).strip().rstrip(".").strip()
    if not s or len(s) > 80 or any(c.isdigit() for c in s):
        return []
    names = [p for p in _BYLINE_SPLIT.split(s) if p]
    # "Thu Hà - Ban Dân vận Huyện ủy": the author's unit after the names is not a name.
    while len(names) > 1 and names[-1].split()[0] in _NOT_NAME_START | _ORG_START:
        names.pop()
    if not 1 <= len(names) <= 4:
        return []
    for name in names:
        words = name.split()
        min_words = 1 if prefixed else 2
        if not min_words <= len(words) <= 4 or not all(_is_name_word(w) for w in words):
            return []
        if words[0] in _NOT_NAME_START:
            return []
    return names


# ---------------------------------------------------------------------------
# The page


@dataclass
class Page:
    """An article split into its parts. Offsets are into ``text``."""

    text: str  # the normalised page
    title: str | None
    title_index: int | None  # line index of the headline
    paragraphs: list[tuple[int, str]] = field(
        default_factory=list
    )  # (line index, text) of running text
    captions: list[tuple[int, str]] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    header: list[str] = field(
        default_factory=list
    )  # chrome lines above the headline (portal name…)
    published: tuple[int, int, int] | None = None  # (year, month, day) shown under the headline

    @property
    def body(self) -> str:
        return "\n".join(t for _, t in self.paragraphs)

    @property
    def text_lines(self) -> list[str]:
        """Paragraphs and captions in page order (no headline): where figures and documents are read."""
        return [t for _, t in sorted(self.paragraphs + self.captions)]

    def article_lines(self) -> list[str]:
        """Headline, paragraphs and captions in page order, for people and places."""
        items = list(self.paragraphs) + list(self.captions)
        if self.title is not None and self.title_index is not None:
            items.append((self.title_index, self.title))
        return [t for _, t in sorted(items)]


def _headline_like(line: str) -> bool:
    if not _HEADLINE_MIN <= len(line) <= _HEADLINE_MAX or _starts_mid_sentence(line):
        return False
    if len(_words(line)) < 4 or line.endswith((":", ",", ";")):
        return False
    return not byline_names(line)


_EVENT_WORDS = re.compile(
    r"hội nghị|sơ kết|tổng kết|làm việc|triển khai|tổ chức|dân vận|quán triệt|tập huấn|đối thoại|trao|tặng"
    r"|gặp mặt|tọa đàm|toạ đàm|hội thảo|kỷ niệm|ra mắt|phát động|khánh thành|giao ban|tiếp xúc|thăm",
    re.IGNORECASE,
)
_LEAD_OPENER = re.compile(
    r"^(?:Sáng|Chiều|Tối|Trưa|Ngày|Hôm|Vào|Trong)(?:\s+(?:nay|qua|ngày|sáng|chiều))?\s*\(?\d{1,2}\s*[/-]"
)
_PORTAL_WORDS = re.compile(
    r"^(?:CỔNG|TRANG|BAN|BÁO|ĐẢNG BỘ|TỈNH ỦY|THÀNH ỦY|HUYỆN ỦY|UBND|ỦY BAN)\b"
)


def _headline_score(line: str) -> int:
    """Prefer lines that read like an event headline over portal names and stray captions."""
    score = min(len(_words(line)), 25)
    if _EVENT_WORDS.search(line):
        score += 10
    if _SENTENCE_END.search(line.rstrip("”\"'")):
        score -= 5
    if re.match(r"(?:Quang cảnh|Toàn cảnh|Ảnh\b)", line):
        score -= 20
    if _LEAD_OPENER.match(line) or (len(line) > 100 and line.count(", ") >= 2):
        score -= 30  # "Sáng 3/4, Ban Dân vận … tổ chức …": the lead, not the headline
    if line.isupper() and _PORTAL_WORDS.match(line) and len(_words(line)) <= 10:
        score -= 15
    return score


def _find_title(lines: list[str]) -> int | None:
    """Index of the headline among the lines before the first paragraph.

    Site chrome above it has already been dropped; a portal name that escaped
    the chrome rules loses to the headline on score. A page that starts with
    running text (cut mid-article) has no headline.
    """
    best: tuple[int, int] | None = None  # (score, -index)
    for i, line in enumerate(lines):
        if not line or is_chrome(line):
            continue
        if _is_paragraph(line) or _starts_mid_sentence(line):
            break
        if _headline_like(line):
            key = (_headline_score(line), -i)
            best = max(best, key) if best else key
    return -best[1] if best else None


def _published(lines: list[str], after: int) -> tuple[int, int, int] | None:
    """The date shown with the article (a chrome line right under the headline)."""
    for line in lines[after + 1 : after + 4]:
        if line and is_chrome(line):
            for d in find_dates(line):
                if d.year:
                    return (d.year, d.month, d.day)
        elif line:
            break
    return None


def _trailing_bylines(lines: list[str], body_idx: list[int]) -> tuple[list[str], set[int]]:
    """Byline lines after the last paragraph (before the footer)."""
    if not body_idx:
        return [], set()
    names: list[str] = []
    used: set[int] = set()
    for i in range(body_idx[-1] + 1, len(lines)):
        line = lines[i]
        if not line:
            continue
        if _FOOTER_MARK.match(line):
            break
        found = byline_names(line)
        if found:
            names.extend(found)
            used.add(i)
    return names, used


def split_page(raw: str) -> Page:
    """Split a raw page into headline, paragraphs, captions and bylines."""
    text = normalize(raw)
    lines = text.split("\n")
    title_idx = _find_title(lines)
    start = title_idx + 1 if title_idx is not None else 0
    header = [
        ln
        for ln in lines[:start]
        if ln and ln != (lines[title_idx] if title_idx is not None else None)
    ]
    page = Page(text, lines[title_idx] if title_idx is not None else None, title_idx, header=header)
    if title_idx is not None:
        page.published = _published(lines, title_idx)

    end = len(lines)
    kept: list[int] = []
    for i in range(start, len(lines)):
        line = lines[i]
        if _FOOTER_MARK.match(line) and kept:
            end = i
            break
        if line and not is_chrome(line):
            kept.append(i)
    body_idx = [i for i in kept if _is_paragraph(lines[i]) or _starts_mid_sentence(lines[i])]
    bylines, byline_idx = _trailing_bylines(lines[:end], body_idx)
    if kept and end == len(lines) and not bylines and kept[-1] not in body_idx:
        body_idx.append(
            kept[-1]
        )  # no footer, no byline: the page was cut inside the last paragraph
    credits: list[str] = []
    for i in kept:
        if i in byline_idx:
            continue
        line = lines[i]
        if i not in body_idx:
            line, names = photo_credit(line)
            if names and not line:
                credits.extend(names)  # a line that is only "Ảnh: …"
                continue
            credits.extend(names)
        if i in body_idx or not _is_caption(line):
            page.paragraphs.append((i, line))
        else:
            page.captions.append((i, line))
    page.bylines = list(dict.fromkeys(credits + bylines))
    return page
