"""Statistics about the work, read from the prose of a review-conference article.

A figure is a number followed by a Vietnamese counting word ("25 mô hình",
"12.480 lượt người", "112 đơn/97 vụ việc") whose clause says what was counted
("đăng ký thực hiện mới", "đang thực hiện", "tiếp nhận", "đã xử lý"). The
label comes from a small table of (counting word, cue, label) rules; numbers
without a counting word (dates, years, "tầng 2", "khóa XV", document numbers,
"2,5 năm", "9 tháng") are never figures, and a figure whose clause gives no
cue is left out rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from danvan.ingest.numbers import NUMBER_RE, Number, find_dates, parse_number

# Counting words as written, longest first so "lượt người" wins over "lượt".
UNITS = (
    "lượt người dân",
    "lượt người",
    "lượt cán bộ",
    "lượt đại biểu",
    "lượt hội viên",
    "lượt đoàn viên",
    "lượt công dân",
    "lượt",
    "mô hình",
    "đơn thư",
    "đơn",
    "vụ việc",
    "vụ",
    "cuộc",
    "cá nhân",
    "tập thể",
    "hộ gia đình",
    "hộ",
    "người",
    "đại biểu",
    "đảng viên",
    "hội viên",
    "đoàn viên",
    "sản phẩm",
    "nhóm nhiệm vụ",
    "nhiệm vụ",
    "giải pháp",
    "điểm cầu",
    "buổi",
    "hội nghị",
    "lớp",
    "tin, bài",
    "tin bài",
    "bài viết",
    "ý kiến",
    "kiến nghị",
    "tỷ đồng",
    "triệu đồng",
    "nghìn đồng",
    "ngày công",
    "m2",
    "m²",
    "km",
    "công trình",
    "căn nhà",
    "ngôi nhà",
    "nhà",
    "suất quà",
    "phần quà",
    "suất",
    "trường hợp",
)
_UNIT_RE = re.compile(r"\s+(" + "|".join(re.escape(u) for u in UNITS) + r")(?!\w)")
_NUM = r"\d+(?:[.,]\d+)*"
_SLASH_NUM = re.compile(rf"\s*/\s*({_NUM})(?=\s)")  # "69/69 đơn": count over total
_SLASH_PAIR = re.compile(rf"\s*/\s*({_NUM})")  # "69 đơn/68 vụ việc": a second figure
_CLAUSE_BREAK = re.compile(r"[.;:!?\n()]|,(?=\s)|\s[-–]\s")
_LEFT_BREAK = re.compile(
    r"[.;!?\n()]|,(?=\s)|\s[-–]\s"
)  # ':' may sit inside a label ("Tổng số đơn: 69")
_QUOTED = re.compile(r"\s*[“\"][^”\"\n]{1,80}[”\"]")
_CUE_WINDOW = 60  # characters of the clause searched for a cue on each side


@dataclass(frozen=True)
class Rule:
    """Counting words, a cue and the side of the number it sits on, and the label it gives."""

    units: frozenset[str]
    cue: re.Pattern[str]
    side: str  # "L" (before the number), "R" (after the counting word), "LR" either
    label: str


def _rule(units: str, side: str, cue: str, label: str) -> Rule:
    return Rule(
        frozenset(u.strip() for u in units.split("|")), re.compile(cue, re.IGNORECASE), side, label
    )


_PETITION = "đơn|đơn thư"
_PEOPLE = "lượt người|lượt người dân|lượt cán bộ|lượt đại biểu|lượt hội viên|lượt đoàn viên|lượt|người|đại biểu"
_AWARD = r"khen\s+thưởng|bằng\s+khen|giấy\s+khen|kỷ\s+niệm\s+chương|huy\s+hiệu|huân\s+chương|biểu\s+dương|tuyên\s+dương|vinh\s+danh|được\s+(?:nhận|trao|tặng)|nhận\s+kỷ"

# Ordered: the first rule whose counting word and cue match gives the label.
RULES: tuple[Rule, ...] = (
    _rule(
        _PETITION,
        "L",
        r"(?:số\s+)?(?:đơn\s+(?:thư\s+)?)?(?:đã\s+(?:được\s+)?(?:xử\s+lý|giải\s+quyết)|giải\s+quyết\s+xong)",
        "petitions_resolved",
    ),
    _rule(
        _PETITION, "R", r"^\s*(?:đã\s+)?(?:được\s+)?(?:xử\s+lý|giải\s+quyết)", "petitions_resolved"
    ),
    _rule(
        _PETITION,
        "L",
        r"(?:số\s+)?(?:đơn\s+(?:thư\s+)?)?(?:kỳ\s+trước\s+chuyển\s+sang|chuyển\s+sang|tồn\s+đọng|tồn\s+kỳ\s+trước|kỳ\s+trước)",
        "petitions_carried_over",
    ),
    _rule(
        _PETITION,
        "L",
        r"(?:số\s+)?(?:đơn\s+(?:thư\s+)?)?(?:(?:tiếp\s+nhận|nhận)\s+(?:mới\s+)?trong\s+kỳ|mới\s+phát\s+sinh|phát\s+sinh(?:\s+mới)?|trong\s+kỳ)",
        "petitions_received",
    ),
    _rule(
        _PETITION,
        "L",
        r"(?:tổng\s+số\s+)?(?:tiếp\s+nhận|nhận\s+được|thụ\s+lý|tổng\s+số|tổng\s+cộng)",
        "petitions_total",
    ),
    _rule("vụ việc|vụ", "L", r"(?:đã\s+)?(?:giải\s+quyết|xử\s+lý)(?:\s+xong)?", "cases_resolved"),
    _rule("vụ việc|vụ", "L", r"hòa\s+giải|hoà\s+giải", "cases_mediated"),
    _rule(
        "vụ việc",
        "L",
        r"(?:tiếp\s+nhận|nhận|tổng\s+số)|\d\s*(?:đơn|đơn\s+thư)\s*/\s*$",
        "cases_total",
    ),
    _rule(
        "mô hình",
        "L",
        r"đăng\s+ký(?:\s+\w+){0,3}?\s+mới|đăng\s+ký\s+mới|xây\s+dựng\s+mới",
        "models_registered_new",
    ),
    _rule(
        "mô hình",
        "R",
        r"^\s*(?:được\s+)?đăng\s+ký\s+(?:thực\s+hiện\s+)?mới",
        "models_registered_new",
    ),
    _rule(
        "mô hình",
        "R",
        r"^\s*(?:mới\s+)?(?:đang|tiếp\s+tục)\s+(?:được\s+)?(?:thực\s+hiện|triển\s+khai|duy\s+trì\s+thực\s+hiện)",
        "models_in_progress",
    ),
    _rule(
        "mô hình", "LR", r"duy\s+trì|(?:có\s+|đạt\s+|mang\s+lại\s+)?hiệu\s+quả", "models_effective"
    ),
    _rule("mô hình", "L", r"đăng\s+ký(?:\s+thực\s+hiện)?", "models_registered"),
    _rule(
        "mô hình",
        "LR",
        r"công\s+nhận|khen\s+thưởng|biểu\s+dương|tuyên\s+dương|tiêu\s+biểu",
        "models_recognised",
    ),
    _rule("mô hình", "L", r"xây\s+dựng(?:\s+được)?", "models_built"),
    _rule(
        "sản phẩm",
        "LR",
        r"(?:được\s+)?(?:công\s+nhận\s+)?(?:đạt\s+)?(?:chuẩn\s+)?(?:sản\s+phẩm\s+)?OCOP",
        "ocop_products",
    ),
    _rule("cuộc", "R", r"^\s*(?:tiếp\s+xúc\s+cử\s+tri)", "voter_meetings_held"),
    _rule("cuộc", "R", r"^\s*(?:đối\s+thoại)", "dialogues_held"),
    _rule("cuộc", "R", r"^\s*(?:kiểm\s+tra)", "inspections_held"),
    _rule("cuộc", "R", r"^\s*(?:giám\s+sát)", "supervisions_held"),
    _rule("cuộc|buổi", "R", r"^\s*tuyên\s+truyền", "propaganda_sessions_held"),
    _rule("hội nghị|buổi", "R", r"^\s*(?:đối\s+thoại)", "dialogues_held"),
    _rule("cuộc", "L", r"tổ\s+chức(?:\s+được)?|tiến\s+hành|họp|hội\s+nghị", "meetings_held"),
    _rule("cuộc", "R", r"^\s*(?:họp|hội\s+nghị|sinh\s+hoạt)", "meetings_held"),
    _rule("hội nghị|buổi|lớp", "L", r"tổ\s+chức(?:\s+được)?|mở(?:\s+được)?", "meetings_held"),
    _rule(_PEOPLE, "R", r"^\s*(?:\w+\s+){0,2}?(?:tham\s+dự|dự|tham\s+gia)(?!\s+án)", "attendance"),
    _rule(
        _PEOPLE,
        "L",
        r"(?:thu\s+hút|với\s+sự\s+tham\s+(?:dự|gia)\s+của|có\s+sự\s+tham\s+(?:dự|gia)\s+của)",
        "attendance",
    ),
    _rule("cá nhân", "LR", _AWARD, "individuals_awarded"),
    _rule("tập thể", "LR", _AWARD, "collectives_awarded"),
    _rule(
        "nhiệm vụ|nhóm nhiệm vụ",
        "R",
        r"^\s*(?:,\s*giải\s+pháp\s+)?(?:trọng\s+tâm|trọng\s+yếu|chủ\s+yếu|cơ\s+bản)",
        "key_tasks",
    ),
    _rule("điểm cầu", "LR", r"", "bridge_points"),
    _rule("hộ|hộ gia đình", "LR", r"hỗ\s+trợ|giúp\s+đỡ|trao|tặng", "households_supported"),
    _rule("hộ|hộ gia đình", "LR", r"hiến\s+đất", "households_donating_land"),
    _rule(
        "tỷ đồng|triệu đồng|nghìn đồng",
        "L",
        r"vận\s+động|ủng\s+hộ|quyên\s+góp|huy\s+động|đóng\s+góp|góp|tiếp\s+nhận",
        "funds_raised",
    ),
    _rule(
        "ý kiến|kiến nghị",
        "L",
        r"tiếp\s+nhận|tổng\s+hợp|thu\s+thập|nhận\s+được|tiếp\s+thu",
        "opinions_received",
    ),
    _rule("ý kiến|kiến nghị", "L", r"giải\s+quyết|trả\s+lời", "opinions_resolved"),
    _rule(
        "căn nhà|ngôi nhà|nhà",
        "LR",
        r"xây\s+dựng|xây\s+mới|bàn\s+giao|khởi\s+công|sửa\s+chữa|đại\s+đoàn\s+kết|tình\s+nghĩa",
        "houses_built",
    ),
    _rule("suất quà|phần quà|suất", "L", r"trao|tặng|trao\s+tặng", "gifts_given"),
    _rule("ngày công", "LR", r"", "workdays_contributed"),
    _rule("m2|m²", "L", r"hiến(?:\s+tặng)?", "land_donated"),
    _rule("đảng viên", "L", r"kết\s+nạp", "party_members_admitted"),
    _rule("hội viên|đoàn viên", "L", r"kết\s+nạp|phát\s+triển(?:\s+mới)?", "members_recruited"),
)

_BREAKDOWN = (
    (re.compile(r"(?:cấp\s+)?(?:thành\s+phố|tp\.?)\s*$", re.IGNORECASE), "_city"),
    (re.compile(r"(?:cấp\s+)?(?:huyện|quận|thị\s+xã)\s*$", re.IGNORECASE), "_district"),
    (re.compile(r"(?:cấp\s+)?tỉnh\s*$", re.IGNORECASE), "_province"),
    (re.compile(r"(?:cấp\s+)?(?:xã|phường|thị\s+trấn|cơ\s+sở)\s*$", re.IGNORECASE), "_commune"),
)


_LEVEL_AFTER = re.compile(
    r"\s+cấp\s+(tỉnh|huyện|xã|cơ\s+sở|thành\s+phố|trung\s+ương)(?!\w)", re.IGNORECASE
)
_LEVEL_SUFFIX = {
    "tỉnh": "_province",
    "huyện": "_district",
    "xã": "_commune",
    "cơ sở": "_commune",
    "thành phố": "_city",
    "trung ương": "_central",
}


@dataclass(frozen=True)
class Figure:
    what: str
    value: Number
    unit: str
    text: str
    start: int
    end: int

    def as_dict(self) -> dict[str, object]:
        return {"what": self.what, "value": self.value, "unit": self.unit, "text": self.text}


@dataclass(frozen=True)
class _Hit:
    """A number with its counting word, before labelling."""

    value: Number
    unit: str
    start: int  # of the number
    end: int  # of the counting word
    second: bool = False  # the "68 vụ việc" of "69 đơn/68 vụ việc"


def _hits(text: str, masked: list[tuple[int, int]]) -> list[_Hit]:
    hits: list[_Hit] = []
    for m in NUMBER_RE.finditer(text):
        if _inside(m.start(), masked):
            continue
        value = parse_number(m.group())
        pos = m.end()
        slash = _SLASH_NUM.match(text, pos)
        if slash:
            pos = slash.end()
        unit = _UNIT_RE.match(text, pos)
        if value is None or not unit:
            continue
        hits.append(_Hit(value, unit.group(1), m.start(), unit.end()))
        pair = _SLASH_PAIR.match(text, unit.end())
        unit2 = _UNIT_RE.match(text, pair.end()) if pair else None
        if pair and unit2 and (v2 := parse_number(pair.group(1))) is not None:
            hits.append(_Hit(v2, unit2.group(1), pair.start(1), unit2.end(), second=True))
    return hits


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _left_clause(text: str, pos: int) -> int:
    floor = max(0, pos - _CUE_WINDOW)
    breaks = [m.end() for m in _LEFT_BREAK.finditer(text, floor, pos)]
    return breaks[-1] if breaks else floor


def _right_clause(text: str, pos: int) -> int:
    m = _CLAUSE_BREAK.search(text, pos, min(len(text), pos + _CUE_WINDOW))
    return m.start() if m else min(len(text), pos + _CUE_WINDOW)


def _label(text: str, hit: _Hit, left_from: int) -> tuple[str, int, int] | None:
    """(label, text start, text end) from the first rule that fits."""
    left = text[left_from : hit.start]
    # A quoted name after the counting word ('mô hình “Dân vận khéo” được đăng ký mới') is skipped.
    quoted = _QUOTED.match(text, hit.end)
    right_from = quoted.end() if quoted else hit.end
    right = text[right_from : _right_clause(text, right_from)]
    for rule in RULES:
        if hit.unit not in rule.units:
            continue
        before = [m for m in rule.cue.finditer(left) if m.group()] if "L" in rule.side else []
        after = [m for m in rule.cue.finditer(right) if m.group()] if "R" in rule.side else []
        if before or after or (not rule.cue.pattern):
            # The phrase runs from the cue before the number to the last cue after it.
            start = left_from + before[-1].start() if before else hit.start
            end = right_from + after[-1].end() if after else hit.end
            return rule.label, start, end
    return None


def _open_paren(text: str, pos: int) -> int | None:
    """Offset of the '(' enclosing ``pos`` within the sentence, if any."""
    i = text.rfind("(", max(0, pos - 120), pos)
    if i < 0 or ")" in text[i:pos]:
        return None
    return i


def _breakdown(text: str, hit: _Hit, parent: Figure | None) -> tuple[str, int] | None:
    """'(thành phố 09 đơn, cấp xã 07 đơn)' after a figure: the parent's label by level."""
    paren = _open_paren(text, hit.start)
    if paren is None or parent is None or text[parent.end : paren].strip():
        return None
    left_from = max(_left_clause(text, hit.start), paren + 1)
    left = text[left_from : hit.start]
    for pattern, suffix in _BREAKDOWN:
        m = pattern.search(left)
        if m:
            return parent.what + suffix, left_from + m.start()
    return None


def _continues(text: str, prev: Figure, hit: _Hit) -> bool:
    """The hit is the next item of a list that starts with ``prev`` ("120 tập thể, 230 cá nhân")."""
    return prev.end <= hit.start and bool(
        re.fullmatch(r"\s*(?:,|;|và|,\s*và)\s*", text[prev.end : hit.start])
    )


def extract_figures(text: str, masked: Iterable[tuple[int, int]] = ()) -> list[Figure]:
    """Figures in ``text`` in order of appearance, once per (label, value).

    ``masked`` spans (document citations, for instance) are skipped; dates
    are found and skipped here.
    """
    spans = list(masked) + [(d.start, d.end) for d in find_dates(text)]
    figures: list[Figure] = []
    last_outside: Figure | None = None
    seen: set[tuple[str, Number]] = set()
    for hit in _hits(text, spans):
        start_floor = _left_clause(text, hit.start)
        fig: Figure | None = None
        split = _breakdown(text, hit, last_outside)
        if split:
            label, start = split
            fig = Figure(label, hit.value, hit.unit, text[start : hit.end], start, hit.end)
        else:
            labelled = _label(text, hit, start_floor)
            if labelled is None and figures and _continues(text, figures[-1], hit):
                # "khen thưởng 120 tập thể, 230 cá nhân": a list item shares the cue before the list.
                labelled = _label(text, hit, figures[-1].start)
            if labelled is None and hit.second and figures:
                # "tiếp nhận 69 đơn/68 vụ việc": the pair shares the first figure's cue.
                labelled = _label(
                    text,
                    _Hit(hit.value, hit.unit, figures[-1].start, hit.end),
                    _left_clause(text, figures[-1].start),
                )
            if labelled:
                label, start, end = labelled
                if hit.second and figures:
                    start = min(start, figures[-1].start)
                fig = Figure(label, hit.value, hit.unit, text[start:end].strip(), start, end)
                if hit.second and figures and figures[-1].end <= hit.start:
                    first = figures[-1]
                    figures[-1] = Figure(
                        first.what, first.value, first.unit, fig.text, first.start, fig.end
                    )
        if fig is None:
            continue
        if _open_paren(text, hit.start) is None:
            last_outside = fig
        figures.append(fig)
    unique: list[Figure] = []
    for fig in _level_breakdowns(text, figures):
        if (fig.what, fig.value) not in seen:
            seen.add((fig.what, fig.value))
            unique.append(fig)
    return unique


def _level_breakdowns(text: str, figures: list[Figure]) -> list[Figure]:
    """'34 điểm cầu cấp tỉnh và 3.321 điểm cầu cấp xã': same label, different levels, one sentence."""
    levels = {id(f): _LEVEL_AFTER.match(text, f.end) for f in figures}
    out = list(figures)
    for i, fig in enumerate(figures):
        level = levels[id(fig)]
        if level is None:
            continue
        sentence = _sentence_of(text, fig.start)
        siblings = {
            levels[id(g)].group(1).lower()
            for g in figures
            if g.what == fig.what and levels[id(g)] and _sentence_of(text, g.start) == sentence
        }
        if len(siblings) > 1:
            suffix = _LEVEL_SUFFIX[level.group(1).lower()]
            out[i] = Figure(
                fig.what + suffix,
                fig.value,
                fig.unit,
                text[fig.start : level.end()],
                fig.start,
                level.end(),
            )
    return out


def _sentence_of(text: str, pos: int) -> int:
    return max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos))
