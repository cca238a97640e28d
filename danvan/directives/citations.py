"""Find citations of Vietnamese official documents in free text.

News articles cite directives as "Nghị quyết số 56-NQ/TU, ngày 15/12/2021 của …".
Two numbering systems coexist (DOMAIN.md §6): the Party writes ``56-NQ/TU``
(number, hyphen, type, slash, issuer, no year) and the State writes
``36/NQ-HĐND`` or, for legal normative documents, ``337/2021/NQ-HĐND``; laws
and National Assembly resolutions read ``136/2025/QH15``.

Real articles are sloppy, so the parser tolerates doubled "số số", a code
pasted where the date belongs ("08-NQ/TU, ngày 08-NQ/TU ngày 25/11/2021"),
missing date separators ("04/5 2021"), shared suffixes ("217, 218-QĐ/TW") and
stray spaces inside codes. A date is attached only when it follows its own
citation ("ngày …" right after the code, or after a short "của <issuer>"
phrase), never reached across another citation or clause.

Matching runs on an NFC copy of the input; every span is mapped back to the
original string, so callers may pass NFD text or text with NBSPs.

Pure Python: no Django, standard library plus :mod:`danvan.lib.text`.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from danvan.lib.text import fold, nfc

__all__ = [
    "Citation",
    "ISSUERS",
    "LEGAL_TYPES",
    "PARTY_TYPES",
    "STATE_TYPES",
    "find_citations",
    "parse_code",
    "unique_citations",
]

# --- Abbreviation tables (DOMAIN.md §6.2, §6.3) ------------------------------

#: Party document types (HD 36-HD/VPTW). Note ``QĐi`` (Quy định) vs ``QĐ``.
PARTY_TYPES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QĐi": "Quy định",
    "QĐ": "Quyết định",
    "TB": "Thông báo",
    "KH": "Kế hoạch",
    "HD": "Hướng dẫn",
    "BC": "Báo cáo",
    "TTr": "Tờ trình",
    "CV": "Công văn",
    "CTr": "Chương trình",
    "ĐA": "Đề án",
    "BB": "Biên bản",
    "QC": "Quy chế",
    "TT": "Thông tri",
    "QTr": "Quy trình",
    "PA": "Phương án",
    "DA": "Dự án",
}

#: State administrative document types (NĐ 30/2020/NĐ-CP, Phụ lục III).
#: Note the State's ``QyĐ`` (Quy định). ``CV`` is not in the decree (official
#: letters carry no type) but is common in practice.
STATE_TYPES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
    "SY": "Bản sao y",
    "TrS": "Bản trích sao",
    "SL": "Bản sao lục",
    "CV": "Công văn",
}

#: Legal normative document types (Law on Promulgation of Legal Documents).
LEGAL_TYPES: dict[str, str] = {
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "NQLT": "Nghị quyết liên tịch",
    "PL": "Pháp lệnh",
    "L": "Lệnh",
}

#: Issuer codes seen in symbols. Party codes are not unique across provinces
#: (every province's committee is ``TU``), so these are body kinds, not bodies.
ISSUERS: dict[str, str] = {
    "TW": "Ban Chấp hành Trung ương, Bộ Chính trị, Ban Bí thư",
    "TU": "Tỉnh ủy, Thành ủy",
    "HU": "Huyện ủy",
    "ĐU": "Đảng ủy",
    "ĐUK": "Đảng ủy Khối",
    "CB": "Chi bộ",
    "VPTW": "Văn phòng Trung ương Đảng",
    "BTCTW": "Ban Tổ chức Trung ương",
    "UBKTTW": "Ủy ban Kiểm tra Trung ương",
    "VPTU": "Văn phòng Tỉnh ủy",
    "BTCTU": "Ban Tổ chức Tỉnh ủy",
    "UBKTTU": "Ủy ban Kiểm tra Tỉnh ủy",
    "BDVTW": "Ban Dân vận Trung ương",
    "BTGDVTW": "Ban Tuyên giáo và Dân vận Trung ương",
    "BDVTU": "Ban Dân vận Tỉnh ủy",
    "BTGDVTU": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "BDVHU": "Ban Dân vận Huyện ủy",
    "BCĐ": "Ban Chỉ đạo",
    "BCĐTW": "Ban Chỉ đạo Trung ương",
    "BCĐTP": "Ban Chỉ đạo thành phố",
    "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "CTN": "Chủ tịch nước",
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "VPCP": "Văn phòng Chính phủ",
    "HĐND": "Hội đồng nhân dân",
    "UBND": "Ủy ban nhân dân",
    "MTTQ": "Mặt trận Tổ quốc Việt Nam",
    "BNV": "Bộ Nội vụ",
}

# Type names that may precede a code ("Nghị quyết số …"), beyond the tables.
# "Văn bản" (document) is deliberately absent: it names no type.
_EXTRA_TYPE_NAMES = ("Luật", "Bộ luật", "Hiến pháp", "Quy định", "Quyết định")
# Old spellings folded onto the canonical name.
_TYPE_NAME_VARIANTS = {"Qui định": "Quy định", "Qui chế": "Quy chế"}


@dataclass(frozen=True, slots=True)
class Citation:
    """One citation of a document.

    ``system`` follows the numbering form: "party" for ``56-NQ/TU``; "statute"
    for legal normative documents (a year in the number, ``337/2021/NQ-HĐND``,
    ``30/2020/NĐ-CP``) and acts of the National Assembly or its Standing
    Committee (``136/2025/QH15``, ``1656/NQ-UBTVQH15``); "state" for the rest
    (``36/NQ-HĐND``, official letters ``05/BNV-VP``). ``issuer`` is the whole
    symbol after the type, so a letter's drafting unit stays in it ("BNV-VP").

    ``start``/``end`` span the code as written in the original input (for a
    shared suffix, from this member's number to the end of the suffix);
    ``raw`` is the whole phrase as written, from the type name or "số"
    through the date. Members of a shared suffix ("217, 218-QĐ/TW ngày …")
    share its phrase and its date.
    """

    code: str
    number: str
    year: int | None
    doc_type: str | None
    type_name: str | None
    issuer: str
    system: str
    date: datetime.date | None
    start: int
    end: int
    raw: str


# --- Code syntax --------------------------------------------------------------

_SP = r"[ \u00a0]?"  # one stray space around a separator is common
_DASH = r"[-\u2010\u2011\u2013]"
_ABBR = r"[A-ZĐ][A-Za-zĐđ]{0,7}"
_ORG = r"[A-ZĐ][A-Za-zĐđ0-9]{0,11}"
_PARTY_ISSUER = rf"[A-ZĐ][A-ZĐ0-9]*(?:{_DASH}[A-ZĐ][A-ZĐ0-9]*)*"

# Party numbers may follow "/" because of lists like "414/442/462-TB/TU"; the
# list itself is recognised separately (see _member_numbers).
_CODE_RE = re.compile(
    rf"(?P<party>(?<![\w.\-])(?P<p_num>\d{{1,5}}){_SP}{_DASH}{_SP}(?P<p_type>{_ABBR})"
    rf"{_SP}/{_SP}(?P<p_issuer>{_PARTY_ISSUER}))(?!\w)"
    rf"|(?P<statute>(?<![\w./\-])(?P<t_num>\d{{1,5}}){_SP}/{_SP}(?P<t_year>(?:19|20)\d\d)"
    rf"{_SP}/{_SP}(?P<t_issuer>(?:UBTV)?QH\d{{1,2}}))(?![\w\-])"
    rf"|(?P<state>(?<![\w./\-])(?P<s_num>\d{{1,5}})(?:{_SP}/{_SP}(?P<s_year>(?:19|20)\d\d))?"
    rf"{_SP}/{_SP}(?P<s_sym>{_ORG}(?:{_SP}{_DASH}{_SP}{_ORG})+))(?!\w)"
)
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2013": "-"})
_SPACE_RE = re.compile(r"\s+")
_LEGISLATURE_RE = re.compile(r"(?:^|-)(?:UBTV)?QH\d*(?:-|$)")


@dataclass(frozen=True, slots=True)
class _Code:
    """A code matched in the working (NFC) string, before date/lead lookup."""

    code: str
    number: str
    year: int | None
    doc_type: str | None
    issuer: str
    system: str
    start: int
    end: int


def _canonical(s: str) -> str:
    return _SPACE_RE.sub("", s).translate(_DASHES)


def _plausible_abbr(token: str, known: dict[str, str] | None = None) -> bool:
    """An abbreviation is known, or mostly capitals ("TTg", "QĐi", not "Nam")."""
    if known and token in known:
        return True
    upper = sum(c.isupper() for c in token)
    return len(token) >= 2 and upper > len(token) - upper


def _party_code(m: re.Match[str]) -> _Code | None:
    doc_type, issuer = m["p_type"], _canonical(m["p_issuer"])
    if not _plausible_abbr(doc_type, PARTY_TYPES) or len(issuer) < 2:
        return None
    return _Code(
        _canonical(m["party"]),
        m["p_num"],
        None,
        doc_type,
        issuer,
        "party",
        m.start("party"),
        m.end("party"),
    )


def _statute_code(m: re.Match[str]) -> _Code:
    return _Code(
        _canonical(m["statute"]),
        m["t_num"],
        int(m["t_year"]),
        None,
        m["t_issuer"],
        "statute",
        m.start("statute"),
        m.end("statute"),
    )


def _state_code(m: re.Match[str]) -> _Code | None:
    segments = _canonical(m["s_sym"]).split("-")
    types = STATE_TYPES | LEGAL_TYPES
    if not all(_plausible_abbr(s, types if i == 0 else None) for i, s in enumerate(segments)):
        return None
    # Official letters carry no type: "05/BNV-VP" is issuer BNV, drafting unit VP.
    doc_type = segments[0] if segments[0] in types else None
    issuer = "-".join(segments[1:] if doc_type else segments)
    year = int(m["s_year"]) if m["s_year"] else None
    # Legal normative documents carry a year; legislature acts are statutes too.
    system = "statute" if year or _LEGISLATURE_RE.search(issuer) else "state"
    return _Code(
        _canonical(m["state"]),
        m["s_num"],
        year,
        doc_type,
        issuer,
        system,
        m.start("state"),
        m.end("state"),
    )


def _to_code(m: re.Match[str]) -> _Code | None:
    if m["party"]:
        return _party_code(m)
    if m["statute"]:
        return _statute_code(m)
    return _state_code(m)


def _codes(work: str) -> list[_Code]:
    return [c for m in _CODE_RE.finditer(work) if (c := _to_code(m))]


# --- Working copies of the text -------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    """Fold one character without changing the length of the string."""
    if c in "Đđ":
        return "d"
    base = unicodedata.normalize("NFD", c)[0].lower()
    return base if len(base) == 1 else c


def _lower_char(c: str) -> str:
    low = c.lower()
    return low if len(low) == 1 else c


@dataclass(frozen=True, slots=True)
class _Text:
    """The input as NFC (``work``), its lower-case and folded twins of equal
    length, and the map from ``work`` offsets back to the original."""

    original: str
    work: str
    lower: str
    folded: str
    offsets: tuple[int, ...] | None

    def orig(self, i: int) -> int:
        return self.offsets[i] if self.offsets is not None else i

    def raw(self, start: int, end: int) -> str:
        return self.original[self.orig(start) : self.orig(end)]


def _nfc_with_offsets(text: str) -> tuple[str, tuple[int, ...] | None]:
    """NFC of ``text`` and, when it differs, each NFC offset's original offset.

    Composition only joins a base character with the combining marks after
    it, so normalising base+marks chunks one at a time keeps the map exact.
    """
    if unicodedata.is_normalized("NFC", text):
        return text, None
    parts: list[str] = []
    offsets: list[int] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not unicodedata.combining(text[i]):
            chunk = unicodedata.normalize("NFC", text[start:i])
            parts.append(chunk)
            offsets.extend([start] * len(chunk))
            start = i
    offsets.append(len(text))
    return "".join(parts), tuple(offsets)


def _prepare(text: str, work: str, offsets: tuple[int, ...] | None) -> _Text:
    lower = "".join(map(_lower_char, work))
    folded = "".join(map(_fold_char, work))
    return _Text(text, work, lower, folded, offsets)


# --- What precedes a code: type name, "số", shared-suffix lists ------------------


def _type_names() -> dict[str, str]:
    names = {
        *PARTY_TYPES.values(),
        *STATE_TYPES.values(),
        *LEGAL_TYPES.values(),
        *_EXTRA_TYPE_NAMES,
    }
    table = {fold(n): n for n in names}
    table |= {fold(v): canon for v, canon in _TYPE_NAME_VARIANTS.items()}
    return table


_TYPE_NAMES = _type_names()
_TYPE_NAME_RE = re.compile(
    r"(?<!\w)(?P<name>"
    + "|".join(
        re.escape(k).replace(r"\ ", r"\s+") for k in sorted(_TYPE_NAMES, key=len, reverse=True)
    )
    + r")\s*$"
)
_SO_RE = re.compile(r"(?:(?<!\w)số\s*:?\s*)+$")
_TRAILING_SPACE_RE = re.compile(r"\s*$")
_PARTY_LIST_RE = re.compile(r"(?<![\w./\-])(?:\d{1,5}\s*(?:,|/|&|\svà\s)\s*)+$")
_STATE_LIST_RE = re.compile(r"(?<![\w./\-])(?:\d{1,5}\s*(?:,|&|\svà\s)\s*)+$")
_LOOKBACK = 80


@dataclass(frozen=True, slots=True)
class _Lead:
    start: int  # where the phrase starts: type name, "số", or the code itself
    type_name: str | None


def _lead(t: _Text, floor: int, end: int) -> _Lead:
    """Type name and/or "số" directly before ``end`` (not before ``floor``)."""
    begin = max(floor, end - _LOOKBACK)
    so = _SO_RE.search(t.lower, begin, end)
    name_end = so.start() if so else _TRAILING_SPACE_RE.search(t.work, begin, end).start()
    if not so and name_end == end:
        return _Lead(end, None)  # a type name must be separated by a space
    name = _TYPE_NAME_RE.search(t.folded, begin, name_end)
    if name:
        return _Lead(name.start(), _TYPE_NAMES[fold(name["name"])])
    return _Lead(so.start() if so else end, None)


def _member_numbers(t: _Text, code: _Code, floor: int) -> tuple[list[tuple[str, int]], _Lead]:
    """Numbers sharing this code's suffix ("217, 218-QĐ/TW") and the lead.

    A list only counts when a type name or "số" introduces it; otherwise the
    numbers are more likely the tail of a date or a count.
    """
    begin = max(floor, code.start - _LOOKBACK)
    pattern = _PARTY_LIST_RE if code.system == "party" else _STATE_LIST_RE
    found = pattern.search(t.lower, begin, code.start)
    if found:
        lead = _lead(t, floor, found.start())
        if lead.start < found.start():
            members = [(m.group(), m.start()) for m in re.finditer(r"\d+", found.group())]
            return [(n, found.start() + i) for n, i in members], lead
    return [], _lead(t, floor, code.start)


# --- What follows a code: "ngày <date>" -----------------------------------------------

_WORD_RE = re.compile(r"\s*(?:\w+|[^\w\s])")
_LEAD_PUNCT = frozenset({",", "(", "-", "\u2013", ":"})
_GAP_STOPWORDS = frozenset(
    "về tại trong theo và với đến để khi nhằm cho ở là đã được sau trước do ngày "
    "số năm tháng như mà vì nhưng thì có đang sẽ hoặc hay cùng gắn qua bằng từ "
    "này đó nay".split()
)
_MAX_GAP_WORDS = 12
_DATE_RE = re.compile(
    r"(?P<d>\d{1,2})\s*(?:[/.\-\u2013]\s*(?P<m>\d{1,2})|\s+tháng\s+(?P<m2>\d{1,2}))"
    r"(?:(?:\s*[/.\-\u2013]\s*|\s*,?\s*năm\s+|\s+)(?P<y>\d{4}))?(?!\d)",
    re.IGNORECASE,
)


def _tokens(t: _Text, pos: int, limit: int) -> Iterator[tuple[str, int]]:
    """(lower-case token, end offset) pairs from ``pos`` up to ``limit``."""
    while m := _WORD_RE.match(t.lower, pos, limit):
        yield m.group().strip(), m.end()
        pos = m.end()


def _date_lead_end(t: _Text, pos: int, limit: int) -> int | None:
    """Offset just after the "ngày" that introduces this citation's date.

    Accepts ", ngày", "(ngày", "ban hành ngày" and a short issuer phrase
    "của Ban Thường vụ Tỉnh ủy ngày"; stops at clause words ("về", "tại"…),
    numbers and punctuation, so a later date is never reached.
    """
    # The sentinel token satisfies no test, so the cursor never runs off the end.
    toks = [*itertools.islice(_tokens(t, pos, limit), _MAX_GAP_WORDS + 6), ("", pos)]
    i = _skip(toks, 0, _LEAD_PUNCT.__contains__, most=2)
    if toks[i][0] == "của":
        i = _skip(toks, i + 1, _is_gap_token, most=_MAX_GAP_WORDS)
        i = _skip(toks, i, ",".__eq__)
    for optional in ("được", "ban", "hành", "vào"):
        i = _skip(toks, i, optional.__eq__)
    if toks[i][0] != "ngày":
        return None
    i = _skip(toks, i + 1, ":".__eq__)
    return toks[i - 1][1]


def _skip(
    toks: Sequence[tuple[str, int]], i: int, accept: Callable[[str], bool], most: int = 1
) -> int:
    """Advance past up to ``most`` accepted tokens."""
    while most and accept(toks[i][0]):
        i, most = i + 1, most - 1
    return i


def _is_gap_token(tok: str) -> bool:
    if tok in {"(", ")"}:
        return True
    return tok.isalpha() and tok not in _GAP_STOPWORDS


def _parse_date(m: re.Match[str]) -> datetime.date | None:
    if not m["y"]:
        return None  # "1/12", "7-12": the year is not ours to guess
    try:
        return datetime.date(int(m["y"]), int(m["m"] or m["m2"]), int(m["d"]))
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class _Tail:
    date: datetime.date | None
    end: int  # end of the phrase in the working string
    skipped: int  # following codes swallowed as typos


def _tail(t: _Text, code: _Code, following: Sequence[_Code]) -> _Tail:
    """The date attached to ``code``, looking no further than the next code."""
    limit = following[0].start if following else len(t.work)
    lead_end = _date_lead_end(t, code.end, limit)
    if lead_end is None:
        return _Tail(None, code.end, 0)
    if following and _is_pasted_repeat(t, code, following[0], lead_end):
        # "08-NQ/TU, ngày 08-NQ/TU ngày 25/11/2021": the code was pasted where
        # the date belongs; the real date follows the copy.
        rest = _tail(t, following[0], following[1:])
        return _Tail(rest.date, rest.end, rest.skipped + 1)
    m = _DATE_RE.match(t.work, _skip_space(t, lead_end), limit)
    if not m:
        return _Tail(None, code.end, 0)
    return _Tail(_parse_date(m), m.end(), 0)


def _is_pasted_repeat(t: _Text, code: _Code, nxt: _Code, lead_end: int) -> bool:
    return nxt.code == code.code and not t.work[lead_end : nxt.start].strip()


def _skip_space(t: _Text, i: int) -> int:
    while i < len(t.work) and t.work[i].isspace():
        i += 1
    return i


# --- Public API ---------------------------------------------------------------------


def find_citations(text: str) -> list[Citation]:
    """Every citation in order of appearance (duplicates included)."""
    work, offsets = _nfc_with_offsets(text)
    codes = _codes(work)
    if not codes:
        return []  # the common case for most paragraphs: skip the lookups
    t = _prepare(text, work, offsets)
    found: list[Citation] = []
    floor = i = 0
    while i < len(codes):
        code = codes[i]
        members, lead = _member_numbers(t, code, floor)
        tail = _tail(t, code, codes[i + 1 :])
        raw = t.raw(lead.start, tail.end)
        for number, start in members:
            found.append(_citation(t, _with_number(code, number, start), lead, tail, raw))
        found.append(_citation(t, code, lead, tail, raw))
        floor = tail.end
        i += 1 + tail.skipped
    return found


def unique_citations(text: str) -> list[Citation]:
    """Once per code, in order of first citation; keeps a date from any citation of that code."""
    first: dict[str, Citation] = {}
    for c in find_citations(text):
        kept = first.setdefault(c.code, c)
        if kept.date is None and c.date is not None:
            first[c.code] = replace(kept, date=c.date)
    return list(first.values())


def parse_code(code: str) -> Citation | None:
    """Parse a single number-symbol like '56-NQ/TU' (span covers the string)."""
    work = nfc(code)
    m = _CODE_RE.fullmatch(work)
    parsed = _to_code(m) if m else None
    if parsed is None:
        return None
    return replace(
        _citation_from(parsed, type_name=_table_type_name(parsed), date=None, raw=code),
        start=0,
        end=len(code),
    )


def _with_number(code: _Code, number: str, start: int) -> _Code:
    """A shared-suffix member: same symbol, its own number, span from its number."""
    return replace(code, code=number + code.code[len(code.number) :], number=number, start=start)


def _table_type_name(code: _Code) -> str | None:
    if code.doc_type is None:
        return None
    table = PARTY_TYPES if code.system == "party" else STATE_TYPES | LEGAL_TYPES
    return table.get(code.doc_type)


def _citation(t: _Text, code: _Code, lead: _Lead, tail: _Tail, raw: str) -> Citation:
    found = _citation_from(code, lead.type_name or _table_type_name(code), tail.date, raw)
    return replace(found, start=t.orig(code.start), end=t.orig(code.end))


def _citation_from(
    code: _Code, type_name: str | None, date: datetime.date | None, raw: str
) -> Citation:
    return Citation(
        code=code.code,
        number=code.number,
        year=code.year,
        doc_type=code.doc_type,
        type_name=type_name,
        issuer=code.issuer,
        system=code.system,
        date=date,
        start=code.start,
        end=code.end,
        raw=raw,
    )
