"""Reading position text as written in reports and news articles. Pure: no Django.

"Vũ Thị Mai Anh, Phó Bí thư TT Thành uỷ, Trưởng BCĐ thực hiện quy chế dân chủ ở cơ sở
Thành phố" names one person and two posts. Posts are separated by commas, but names
of bodies contain commas too ("Sở Văn hóa, Thể thao và Du lịch", "Ủy ban Văn hóa,
Giáo dục"; quoted movement names "Dân vận khéo, nhân rộng"), so a piece after a comma
starts a new post only when it begins with a title word (Bí thư, Phó Trưởng, Chủ
tịch, Ủy viên BTV, Giám đốc…); otherwise it continues the previous post.

Ingestion and conferences reuse `split_position_text`; keep it free of I/O.
"""

from __future__ import annotations

import re

from danvan.lib.text import fold, nfc

# Words that open a post, lower case with diacritics: folding would confuse "Trưởng"
# with the surname "Trương" and "nguyên" (former) with "Nguyễn". Old-style tone
# placement ("uỷ") is added below.
_TITLE_WORDS: tuple[str, ...] = (
    "tổng bí thư",
    "bí thư",
    "phó bí thư",
    "chủ tịch",
    "phó chủ tịch",
    "quyền chủ tịch",
    "trưởng",
    "phó trưởng",  # Trưởng Ban, Trưởng khối, Trưởng BCĐ, Trưởng thôn…
    "ủy viên",
    "tỉnh ủy viên",
    "thành ủy viên",
    "huyện ủy viên",
    "đảng ủy viên",
    "giám đốc",
    "phó giám đốc",
    "chánh",
    "phó chánh",  # Chánh Văn phòng, Chánh án, Chánh Thanh tra
    "tổng biên tập",
    "phó tổng biên tập",
    "chủ nhiệm",
    "phó chủ nhiệm",
    "thành viên",
    "bộ trưởng",
    "thứ trưởng",
    "vụ trưởng",
    "phó vụ trưởng",
    "cán bộ",
    "chuyên viên",
    "hiệu trưởng",
    "tổ trưởng",
    "tổ phó",
    "phó tổ trưởng",
    "đại biểu",
    "thường trực",
    "nguyên",
    "quyền",
    "đại tá",
    "thượng tá",
    "trung tá",
    "thiếu tướng",
    "trung tướng",
    "đại úy",
    "già làng",
    "người có uy tín",
    "kiêm",
    # abbreviations seen in reports
    "uv",
    "ubtv",
    "uvbtv",
    "pbt",
    "pct",
    "bt",
    "ct",
    "tv",
)
TITLE_WORDS: tuple[str, ...] = tuple(
    dict.fromkeys(
        w for word in _TITLE_WORDS for w in (word, word.replace("ủy", "uỷ").replace("úy", "uý"))
    )
)

_OPEN = "“\"«(‘['"
_CLOSE = "”\"»)’]'"
_PAIRS = {"“": "”", "«": "»", "(": ")", "‘": "’", "[": "]"}
_SEPARATORS = ",;"
_TRAILING = re.compile(r"[\s.;,:]+$")
_LEADING = re.compile(r"^[\s,;:–—-]+|^(và|cùng)\s+", re.IGNORECASE)


def _starts_with_title(piece: str) -> bool:
    lower = nfc(piece).lower()
    return any(lower == w or lower.startswith(w + " ") for w in TITLE_WORDS)


def _split_top_level(text: str) -> list[str]:
    """Split at commas and semicolons that are not inside quotes or brackets."""
    pieces: list[str] = []
    stack: list[str] = []
    current: list[str] = []
    for ch in text:
        if stack and ch == stack[-1]:
            stack.pop()
        elif ch in _PAIRS:
            stack.append(_PAIRS[ch])
        elif ch == '"':  # straight quotes open and close alike
            stack.append('"')
        elif ch in _SEPARATORS and not stack:
            pieces.append("".join(current))
            current = []
            continue
        current.append(ch)
    pieces.append("".join(current))
    return pieces


def _clean(piece: str) -> str:
    piece = _TRAILING.sub("", nfc(piece))
    return _LEADING.sub("", piece).strip()


def split_position_text(text: str) -> list[str]:
    """'Uỷ viên BTV, Trưởng Ban Dân vận, Chủ tịch UB MTTQ Thành phố' → three posts.

    Commas inside quotes or brackets never split; a comma followed by words that do not
    open a post ("Thể thao và Du lịch") continues the previous post. Empty pieces and
    surrounding punctuation are dropped; the wording is otherwise kept as written (NFC).
    """
    posts: list[str] = []
    for raw in _split_top_level(text or ""):
        piece = _clean(raw)
        if not piece:
            continue
        if posts and not _starts_with_title(piece):
            posts[-1] = f"{posts[-1]}, {piece}"
        else:
            posts.append(piece)
    return posts


def split_name_and_positions(text: str) -> tuple[str, list[str]]:
    """'Vũ Thị Mai Anh, Phó Bí thư TT Thành uỷ, Trưởng BCĐ…' → (name, [posts]).

    The name is the first top-level piece when it does not open with a title word;
    ("", posts) otherwise.
    """
    pieces = [_clean(p) for p in _split_top_level(text or "")]
    pieces = [p for p in pieces if p]
    if not pieces or _starts_with_title(pieces[0]):
        return "", split_position_text(text)
    name = re.sub(r"^(đồng chí|đ/c|ông|bà)\s+", "", pieces[0], flags=re.IGNORECASE)
    return name, split_position_text(", ".join(pieces[1:]))


# Folded keywords → a unit body kind (values of units.models.BodyKind), most specific
# first. Used to guess which body a post belongs to.
BODY_HINTS: tuple[tuple[str, str], ...] = (
    ("ban tuyen giao va dan van", "mass_mobilization"),
    ("ban dan van", "mass_mobilization"),
    ("bdv", "mass_mobilization"),
    ("dang bo khoi", "party_bloc"),
    ("dang uy khoi", "party_bloc"),
    ("khoi mttq", "party_bloc"),
    ("ban chi dao", "steering_committee"),
    ("bcd", "steering_committee"),
    ("mat tran", "fatherland_front"),
    ("mttq", "fatherland_front"),
    ("ubmttq", "fatherland_front"),
    ("ubmttqvn", "fatherland_front"),
    ("mttqvn", "fatherland_front"),
    ("hoi dong nhan dan", "peoples_council"),
    ("hdnd", "peoples_council"),
    ("uy ban nhan dan", "peoples_committee"),
    ("ubnd", "peoples_committee"),
    ("hoi nong dan", "farmers_union"),
    ("phu nu", "womens_union"),
    ("doan thanh nien", "youth_union"),
    ("thanh doan", "youth_union"),
    ("tinh doan", "youth_union"),
    ("huyen doan", "youth_union"),
    ("cuu chien binh", "veterans"),
    ("lien doan lao dong", "trade_union"),
    ("cong doan", "trade_union"),
    ("tinh uy", "party_committee"),
    ("thanh uy", "party_committee"),
    ("huyen uy", "party_committee"),
    ("quan uy", "party_committee"),
    ("thi uy", "party_committee"),
    ("dang uy", "party_committee"),
    ("btv", "party_committee"),
    ("ban thuong vu", "party_committee"),
    ("bi thu", "party_committee"),
)


def body_kind_hint(title: str) -> str:
    """The kind of body a post most likely belongs to, or '' when nothing matches."""
    folded = f" {fold(title)} "
    for keyword, kind in BODY_HINTS:
        if f" {keyword} " in folded:
            return kind
    return ""
