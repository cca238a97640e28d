"""Named people and their posts in Vietnamese news prose.

Three shapes carry almost every mention in this genre:

* "đồng chí Nguyễn Văn A, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh phát biểu …"
  (name, then comma- or dash-separated posts, then the predicate);
* "các đồng chí: A - X; B - Y" and "có các đồng chí: A, X, B, Y" (lists);
* "Phó Chủ tịch UBND tỉnh Nguyễn Văn A dự …" (posts written before the name).

A personal name is two to five capitalised syllables whose first is a common
Vietnamese family name (a general lexicon, below). A candidate becomes a
person only with evidence: a form of address before it, a post next to it, a
place in a list of people, or the unmistakable "Thị"/"Văn" middle name.
Posts are copied as written; their end is found where the text stops reading
like an organisation name (a predicate verb, a clause word, punctuation, the
next name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from danvan.lib.text import fold

# Common Vietnamese family names, including frequent ones of ethnic minorities.
# A general lexicon: none of it is specific to any article.
SURNAMES = frozenset(
    """
    Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lí Đào Đoàn
    Vương Trịnh Trương Đinh Lâm Phùng Mai Tô Hà Tạ Lương Lưu Cao Châu Quách Tăng Thái
    Triệu Kiều Âu La Lò Lục Nông Mạc Chu Cù Diệp Đàm Giang Hứa Kim Khổng Khúc Lạc Lã Lữ
    Ninh Phí Quan Sầm Thân Thạch Tôn Tống Từ Vi Viên Ông Ân Bạch Bế Biện Cấn Cầm Chế
    Doãn Đới Giáp Hàn Hầu Hoa Khương Lăng Mẫn Ma Mã Nghiêm Ngọ Ngụy Nguỵ Nhữ Phương Quản
    Thiều Tiêu Trình Ung Uông Vòng Xa Danh Chau Sơn Sùng Giàng Thào Vàng Lầu Mùa Tráng
    Quàng Lường Lù Khuất Lại Mông Tòng Kha Chúc Đậu Mạnh Tào Thang Chử Đèo Hờ Vừ Sú Sìn
    Phàn Điểu Y H Ksor Rơ Nay Siu Rah Kpă
    """.split()
)

# Provinces and centrally-run cities, and well-known places whose first
# syllable is also a family name. General geography, used only to reject names.
PLACE_NAMES = frozenset(
    p.replace("_", " ")
    for p in """
    Hà_Nội Hà_Giang Hà_Nam Hà_Tĩnh Cao_Bằng Lâm_Đồng Sơn_La Thái_Bình Thái_Nguyên Ninh_Bình
    Ninh_Thuận Hồ_Chí_Minh Kim_Sơn Lý_Sơn Hoàng_Sa Trường_Sa Hoàng_Mai Lê_Chân Ngô_Quyền
    Phan_Thiết Phan_Rang Châu_Đốc Châu_Thành Quan_Hóa Quan_Hoá Tô_Lịch Hồ_Gươm Hồ_Tây
    Cầm_Thủy Lạc_Sơn Lạc_Dương Mai_Sơn Mai_Châu Cao_Lãnh Cao_Phong Hà_Tiên Hà_Đông
    Hà_Quảng Ninh_Kiều Ninh_Hòa Ninh_Hoà Giang_Thành Bạch_Long_Vĩ Hoa_Lư Ninh_Giang Kim_Bảng
    Kim_Động Kim_Thành Hà_Trung Hà_Quang Lâm_Hà Lâm_Thao Cao_Lộc Mạc_Thị_Bưởi
    """.split()
)

# Names that are part of fixed expressions in this genre, never a person met at an event:
# "tư tưởng, đạo đức, phong cách Hồ Chí Minh", "Đoàn TNCS Hồ Chí Minh", "TP Hồ Chí Minh".
FIXED_EXPRESSION_NAMES = frozenset({"Hồ Chí Minh"})

# Words that introduce a person ("đồng chí", "ông", "bà", ranks and degrees).
_ADDRESS = re.compile(
    r"(?:(?<!\w)(?:các\s+)?(?:đồng\s+chí|đ/c|ông|bà|anh|chị|cô|thầy|cụ|em|cháu|nghệ\s+nhân|già\s+làng"
    r"|nhà\s+báo|tác\s+giả|luật\s+sư|bác\s+sĩ|thượng\s+tướng|trung\s+tướng|thiếu\s+tướng|đại\s+tướng"
    r"|đại\s+tá|thượng\s+tá|trung\s+tá|thiếu\s+tá|đại\s+úy|đại\s+uý|pgs\.?\s*,?\s*ts\.?|gs\.?\s*,?\s*ts\.?"
    r"|ts\.?|ths\.?|gs\.?|pgs\.?|nhà\s+giáo|mẹ\s+việt\s+nam\s+anh\s+hùng|anh\s+hùng)"
    r"(?:\s*:)?\s*)$",
    re.IGNORECASE,
)
# Words before a capitalised run that make it a place or an institution, not a person.
_PLACE_BEFORE = re.compile(
    r"(?<!\w)(?:tỉnh|thành\s+phố|tp\.?|huyện|quận|thị\s+xã|thị\s+trấn|xã|phường|đường|phố|thôn|ấp|bản|khu"
    r"|xóm|làng|sông|núi|đảo|cầu|chùa|đền|đình|nhà\s+thờ|trường|trường\s+\w+|bệnh\s+viện|công\s+ty|tập\s+đoàn"
    r"|hợp\s+tác\s+xã|htx|nhà\s+văn\s+hóa|nhà\s+văn\s+hoá|điểm\s+cầu|tại|ở|về|đến|từ|vùng|miền|quê|giải"
    r"|tổ\s+dân\s+phố|khu\s+phố|cụm|bến|chợ|hồ|đầm|vịnh|quảng\s+trường|lăng|bảo\s+tàng|di\s+tích"
    r"|tư\s+tưởng|phong\s+cách|tấm\s+gương|thủ\s+đô|đoàn\s+tncs|đoàn\s+thanh\s+niên|cộng\s+sản|giải\s+thưởng"
    r"|huy\s+hiệu|huân\s+chương|đại\s+lộ|tuyến|dự\s+án|công\s+trình|chương\s+trình|phong\s+trào|quỹ"
    r"|(?:tỉnh|thành|huyện|quận|thị|đảng)\s+[ủu][ỷy]|ubnd|hđnd|ubmttq\w*|mttq)\s*$",
    re.IGNORECASE,
)

# Posts and titles that start a position phrase.
_TITLE = (
    r"(?:[Nn]guyên\s+)?(?:"
    r"Tổng\s+Bí\s+thư|Phó\s+Bí\s+thư|Bí\s+thư|Chủ\s+tịch\s+nước|Phó\s+Chủ\s+tịch|Chủ\s+tịch|Phó\s+Thủ\s+tướng|Thủ\s+tướng"
    r"|(?:Tỉnh|Thành|Huyện|Quận|Thị|Đảng)\s+[ủu][ỷy]\s+viên|Ủy\s+viên|Uỷ\s+viên|(?:UV|TUV|HUV|QUV|ĐUV|BTV)[A-ZĐ]*|ĐBQH|Đại\s+biểu|Phó\s+Trưởng|Trưởng|Phó\s+Giám\s+đốc|Giám\s+đốc|Tổng\s+Giám\s+đốc"
    r"|Phó\s+Tổng|Tổng\s+Biên\s+tập|Tổng\s+Thư\s+ký|Thư\s+ký|Bộ\s+trưởng|Thứ\s+trưởng|Phó\s+Chánh|Chánh"
    r"|Phó\s+Chủ\s+nhiệm|Chủ\s+nhiệm|Thường\s+trực|Phó\s+Tư\s+lệnh|Tư\s+lệnh|Chính\s+ủy|Chính\s+uỷ|Chỉ\s+huy"
    r"|Hiệu\s+trưởng|Cục\s+trưởng|Vụ\s+trưởng|Viện\s+trưởng|Thủ\s+trưởng|Trợ\s+lý|Chuyên\s+viên|Cán\s+bộ"
    r"|Thành\s+viên|Hội\s+trưởng|Chi\s+hội\s+trưởng|Tổ\s+trưởng|Đội\s+trưởng|Người\s+có\s+uy\s+tín|Già\s+làng"
    r"|Phó\s+[A-ZĐ]\w*|Đại\s+tá|Thượng\s+tá|Trung\s+tá|Thiếu\s+tá|Đại\s+úy|Thiếu\s+tướng|Trung\s+tướng|Thượng\s+tướng"
    r"|Đại\s+tướng|Đảng\s+viên|Giáo\s+viên|Hội\s+viên|Đoàn\s+viên|Chiến\s+sĩ|Cựu\s+chiến\s+binh|Bác\s+sĩ|Kiểm\s+sát\s+viên"
    r"|bí\s+thư|phó\s+bí\s+thư|chủ\s+tịch|phó\s+chủ\s+tịch|ủy\s+viên|uỷ\s+viên|trưởng\s+ban|phó\s+trưởng\s+ban"
    r"|giám\s+đốc|phó\s+giám\s+đốc|trưởng\s+phòng|phó\s+trưởng\s+phòng|trưởng\s+thôn|trưởng\s+ấp|trưởng\s+bản"
    r"|trưởng\s+khu|tổ\s+trưởng|chi\s+hội\s+trưởng|hội\s+trưởng|cán\s+bộ|chuyên\s+viên|thư\s+ký"
    r")(?!\w)"
)
_TITLE_AT = re.compile(_TITLE)
_TITLE_ANY = re.compile(r"(?<!\w)" + _TITLE)
TITLE_RE = _TITLE_ANY  # public: a post or title anywhere in a string

# Lower-case words that occur inside organisation names and posts. A post ends
# at the first lower-case word outside this vocabulary (a verb, a clause word).
ORG_VOCAB = frozenset(
    """
    ban khối thường vụ trực dân vận tổ chức chính trị xã hội và các thành phố tỉnh huyện quận phường
    thị trấn ủy uỷ đảng bộ mặt trận quốc trung ương nhân đoàn thanh niên phụ nữ nông cựu chiến binh liên
    hiệp lao động công an quân sự văn phòng hành chánh phó trưởng tịch viên thư bí giám đốc sở tuyên giáo
    kiểm tra sát cơ quan khu vực thôn ấp bản xóm cấp nội pháp chế kinh tế ngân sách đại biểu hiệp doanh
    nghiệp ngành chấp chủ nhiệm khóa khoá tham mưu tổng hợp y giáo dục đào tạo tài nguyên môi trường
    giao thông tư lực lượng vũ trang biên phòng cảnh sát tài thông tin truyền khoa học nghệ thuật tôn
    tộc thương binh chi hội đội tiểu ban nhóm tòa toà án thi tỉnh ủy mttq việt nam cộng sản hồ minh
    người cao tuổi khuyến chữ thập đỏ trẻ em sinh thiếu nhi uy tín làng dòng họ bảo hiểm thuế hải
    hợp tác đặc nhiệm dự bị phụ trách kiêm ngoại thường trực cán đơn vị lãnh đạo điều hành
    cư số nội vụ phòng chống tham nhũng tiêu cực bảo vệ an ninh trật tự quốc phòng hòa hoà giải
    đồng bào miền núi vùng thanh tra đầu tư cộng đồng tổ dân phố ấp khóm buôn sóc
    """.split()
)
# In the name of a steering committee or task force anything may follow ("BCĐ thực hiện quy chế dân chủ ở cơ sở").
_FREE_TEXT_ORG = re.compile(
    r"(?:BCĐ|Ban\s+[Cc]hỉ\s+đạo|ban\s+chỉ\s+đạo|Tổ\s+công\s+tác|Đoàn\s+công\s+tác|Tổ\s+giúp\s+việc)"
)
# Predicates and clause words that end a post even inside such a name.
_STOP = re.compile(
    r"(?<!\w)(?:phát\s+biểu|báo\s+cáo|đồng\s+chủ\s+trì|chủ\s+trì|tham\s+dự|đến\s+dự|cùng\s+dự|dự(?!\s+(?:án|toán|bị|khuyết|thảo))"
    r"|điều\s+hành|trao|tặng|kết\s+luận|ghi\s+nhận|yêu\s+cầu|đề\s+nghị|nhấn\s+mạnh|triển\s+khai|quán\s+triệt"
    r"|khẳng\s+định|cho\s+biết|chia\s+sẻ|thăm|làm\s+việc|trình\s+bày|phát\s+động|khai\s+mạc|bế\s+mạc|chúc\s+mừng"
    r"|nêu\s+rõ|thông\s+qua|đánh\s+giá|biểu\s+dương|gửi|tiếp\s+thu|tiếp\s+nhận|dẫn\s+đầu|lưu\s+ý|mong\s+muốn"
    r"|đề\s+xuất|giải\s+trình|trả\s+lời|phân\s+tích|nhận\s+định|giới\s+thiệu|hướng\s+dẫn|cảm\s+ơn|ký|chứng\s+kiến"
    r"|và\s+(?:các\s+)?đồng\s+chí|và\s+(?:ông|bà)|cùng|với|tại|cho|về|trong|được|đã|đang|sẽ|vừa|là|có|nhận"
    r"|đọc|công\s+bố|truyền\s+đạt|tham\s+gia|tham\s+luận|chỉ\s+đạo|động\s+viên|thăm\s+hỏi|nói|phát\s+hiện"
    r"|khen|đón|tiếp|chụp|cắt\s+băng|ấn\s+nút|bấm\s+nút|nghe|thay\s+mặt|đại\s+diện|nhấn|đề\s+ra|kêu\s+gọi)(?!\w)"
)
_TERMINATOR = re.compile(
    r"(?<!\bTP)(?<!\bTp)(?<!\bTX)(?<!\bTT)\.(?=\s|$)|[;!?\n()\[\]]|:(?=\s|$)|…"
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+|[^\w\s]")
_LIST_GAP = re.compile(
    r"^\s*(?:[,;]|\s[-–]\s)?\s*(?:và\s+)?(?:(?:các\s+)?đồng\s+chí\s*:?\s*)?$", re.IGNORECASE
)


@dataclass(frozen=True)
class Mention:
    """One mention of a person in a block of text."""

    name: str
    start: int
    end: int  # end of the name, or of the posts written after it
    positions: str


# ---------------------------------------------------------------------------
# Names


def _syllable(w: str) -> bool:
    """A capitalised syllable of a name ('Thị', 'Mai'); a lone capital ('A') in Hmong names."""
    if not w.isalpha():
        return False
    return w[0].isupper() and (len(w) == 1 or w[1:].islower())


# Capitalised words that cannot continue a personal name: titles and bodies written right after it.
_NOT_GIVEN = frozenset(
    "Phó Bí Chủ Trưởng Ủy Uỷ Giám Tổng Ban Đảng Bộ Thứ Tỉnh Huyện Quận Xã Phường Sở Cục Vụ Viện "
    "Thủ Các Những Tại Trong Ngày Tháng Mặt Cổng".split()
)
# Forms of address written with a capital at the start of a sentence or caption.
_HONORIFICS = frozenset({"Ông", "Bà", "Anh", "Chị", "Cô", "Thầy", "Cụ", "Em", "Cháu", "Mẹ", "Bác"})


def _next_is_surname(text: str, words: list[tuple[str, int, int]], i: int) -> bool:
    return (
        i + 1 < len(words) and words[i + 1][0] in SURNAMES and _joined(text, words[i], words[i + 1])
    )


_TRAILING_ORG = {"Thành", "Tỉnh", "Huyện", "Quận", "Thị", "Xã", "Phường"}


def name_spans(text: str) -> list[tuple[int, int]]:
    """Spans of capitalised runs that look like personal names (surname first, 2–5 syllables)."""
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        w, s, _ = words[i]
        prev_joined = i > 0 and _joined(text, words[i - 1], words[i]) and _syllable(words[i - 1][0])
        if prev_joined and words[i - 1][0] in _HONORIFICS:
            prev_joined = False  # "Ông Lê Văn Tâm": the name starts after the form of address
        if (
            w not in SURNAMES
            or prev_joined
            or (w in _HONORIFICS and _next_is_surname(text, words, i))
        ):
            i += 1
            continue
        j = i + 1
        while (
            j < len(words)
            and j - i < 6
            and _syllable(words[j][0])
            and words[j][0] not in _NOT_GIVEN
            and text[words[j - 1][2] : words[j][1]] == " "
        ):
            j += 1
        # "… Nguyễn Văn A Thành ủy": a committee word glued to the name is not part of it.
        if (
            j - i > 2
            and words[j - 1][0] in _TRAILING_ORG
            and j < len(words)
            and words[j][0].islower()
        ):
            j -= 1
        if 2 <= j - i <= 5 and not _ends_in_compound(text, words, j):
            spans.append((s, words[j - 1][2]))
            i = j
        else:
            i = max(j, i + 1)
    return spans


# Common nouns whose first syllable, capitalised, can end a name-shaped run:
# "Đoàn Thanh niên" is the Youth Union, not a person "Đoàn Thanh".
_COMPOUNDS = frozenset(
    "thanh niên|phụ nữ|nông dân|công đoàn|chiến binh|nhân dân|dân vận|dân chủ|văn hóa|văn hoá"
    "|giáo dục|thiếu niên|nhi đồng|cao tuổi|khuyến học|chữ thập".split("|")
)


def _ends_in_compound(text: str, words: list[tuple[str, int, int]], j: int) -> bool:
    if j >= len(words) or not _joined(text, words[j - 1], words[j]):
        return False
    return f"{words[j - 1][0].lower()} {words[j][0]}" in _COMPOUNDS


def _joined(text: str, a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    """Two words separated by a single space: part of one capitalised run."""
    return text[a[2] : b[1]] == " "


def is_place(name: str) -> bool:
    return name in PLACE_NAMES or any(name.startswith(p + " ") for p in PLACE_NAMES)


# ---------------------------------------------------------------------------
# Posts


def _title_ok(phrase: str) -> bool:
    return bool(_TITLE_AT.match(phrase))


def _valid_words(component: str) -> int:
    """Length of the prefix of ``component`` that reads as a post; cut at the first foreign word."""
    free = bool(_FREE_TEXT_ORG.search(component))
    stop = _STOP.search(component)
    limit = stop.start() if stop else len(component)
    if not free:
        for m in _WORD.finditer(component, 0, limit):
            w = m.group()
            if w.isalpha() and w[0].islower() and w not in ORG_VOCAB:
                limit = m.start()
                break
    return limit


_TRIM_TAIL = re.compile(r"(?:\s+(?:và|các|của|cùng|,|-|–))+\s*$|[\s,\-–]+$")


def _clean_post(s: str) -> str:
    return _TRIM_TAIL.sub("", s.strip()).strip()


# Between a name and its posts: a comma, a dash, an opening bracket, or (in captions) nothing.
_POST_SEPARATOR = re.compile(r"\s*(?:,|\s[-–]|-|–|\()?\s*")


def posts_after(text: str, pos: int, names: Sequence[tuple[int, int]]) -> tuple[str, int]:
    """Posts written after a name at ``pos`` (", Bí thư Tỉnh ủy, Trưởng ban …"); ('', pos) if none."""
    m = _POST_SEPARATOR.match(text, pos)
    if not m or not _title_ok(text[m.end() :]):
        return "", pos
    start = m.end()
    term = _TERMINATOR.search(text, start)
    limit = term.start() if term else len(text)
    next_name = next((s for s, _ in names if s >= start), None)
    if next_name is not None and next_name < limit:
        limit = next_name
    parts: list[str] = []
    end = start
    for comp_m in re.finditer(r"[^,]+", text[start:limit]):
        comp = comp_m.group()
        if parts and not _title_ok(comp.lstrip()):
            break
        keep = _valid_words(comp)
        runs_into_name = next_name is not None and start + comp_m.end() == limit == next_name
        joined_list = bool(re.search(r"(?:\s|^)(?:và|cùng|với)\s*$", comp))
        if runs_into_name and keep == len(comp) and not joined_list:
            break  # "…, Phó Chủ tịch UBND tỉnh Nguyễn Văn B": that post is B's
        cleaned = _clean_post(comp[:keep])
        if not cleaned or not _title_ok(cleaned):
            break
        parts.append(cleaned)
        end = start + comp_m.start() + comp.index(cleaned) + len(cleaned)
        if keep < len(comp):
            break  # the sentence went on after this post
    if not parts:
        return "", pos
    return text[start:end], end  # copied as written, separators included


_PREFIX_WINDOW = 300  # posts before a name never run longer than this


def posts_before(text: str, name_start: int) -> str:
    """Posts written right before a name ("Phó Chủ tịch UBND tỉnh Nguyễn Văn A"); '' if none."""
    floor = max(0, name_start - _PREFIX_WINDOW)
    seg_start = max((m.end() for m in _TERMINATOR.finditer(text, floor, name_start)), default=floor)
    earlier = [
        seg_start + e
        for _, e in name_spans(text[seg_start:name_start])
        if seg_start + e < name_start
    ]
    if earlier:
        # "A, Bí thư …, Chủ tịch … và B": those posts are A's. "A và Phó Chủ tịch … B": B's.
        rest = text[earlier[-1] : name_start]
        joiner = re.match(r"\s+(?:và|cùng|cùng với)\s+", rest)
        if not joiner:
            return ""
        seg_start = earlier[-1] + joiner.end()
    seg = text[seg_start:name_start]
    if not seg.strip() or seg.rstrip()[-1:] in ",-–:;(" or _ADDRESS.search(seg):
        return ""
    if re.search(r"(?:^|\s)(?:và|cùng|với|của|cho)\s*$", seg):
        return ""
    comps = seg.rstrip().split(",")
    parts: list[str] = []
    for k, comp in enumerate(reversed(comps)):
        comp = comp.strip()
        found = None
        for t in _TITLE_ANY.finditer(comp):
            if _valid_words(comp[t.start() :]) == len(comp) - t.start():
                found = t.start()
                break
        if found is None or name_spans(comp):
            break
        parts.append(comp[found:])
        if found > 0:
            break
        if k == 0 and not parts[-1]:
            break
    return ", ".join(reversed(parts)) if parts else ""


# ---------------------------------------------------------------------------
# Mentions


def _has_address(text: str, start: int) -> bool:
    return bool(_ADDRESS.search(text[max(0, start - 40) : start]))


def _in_place_context(text: str, start: int) -> bool:
    return bool(_PLACE_BEFORE.search(text[max(0, start - 30) : start]))


def _strong_shape(name: str) -> bool:
    parts = name.split()
    return len(parts) >= 3 and any(p in ("Thị", "Văn") for p in parts[1:-1])


def find_mentions(text: str) -> list[Mention]:
    """Every person mention in one block of text, in order."""
    names = person_spans(text)
    mentions: list[Mention] = []
    prev_end: int | None = None
    for s, e in names:
        name = text[s:e]
        after, end = posts_after(text, e, names)
        before = posts_before(text, s)
        listed = prev_end is not None and bool(_LIST_GAP.match(text[prev_end:s]))
        evidence = after or before or listed or _has_address(text, s)
        if not evidence and not (_strong_shape(name) and not _in_place_context(text, s)):
            continue
        positions = after if _count(after) >= _count(before) else before
        mentions.append(Mention(name, s, max(end, e), positions))
        prev_end = max(end, e)
    return mentions


def _excluded(text: str, s: int, e: int) -> bool:
    name = text[s:e]
    if name in FIXED_EXPRESSION_NAMES or any(f in name for f in FIXED_EXPRESSION_NAMES):
        return True
    if is_place(name):
        return True
    if not _in_place_context(text, s) or _has_address(text, s):
        return False
    # "Chủ tịch UBND Thành phố Phan Văn Mãi": a three-syllable name with a post before it is a
    # person; place names are almost always two syllables.
    return not (len(name.split()) >= 3 and posts_before(text, s))


def person_spans(text: str) -> list[tuple[int, int]]:
    """Name-shaped spans that are not places or fixed expressions (evidence not required)."""
    return [(s, e) for s, e in name_spans(text) if not _excluded(text, s, e)]


def _count(positions: str) -> int:
    return len([p for p in positions.split(",") if p.strip()]) if positions else 0


def _key(name: str) -> str:
    return fold(name)


def extract_people(blocks: Iterable[str], exclude: Iterable[str] = ()) -> list[dict[str, str]]:
    """People across blocks in order of first mention, each with the post of their richest mention.

    ``exclude`` holds names that are not people here (the article's bylines).
    """
    skip = {_key(x) for x in exclude}
    order: list[str] = []
    best: dict[str, Mention] = {}
    for block in blocks:
        for m in find_mentions(block):
            k = _key(m.name)
            if k in skip:
                continue
            if k not in best:
                order.append(k)
                best[k] = m
            elif _count(m.positions) > _count(best[k].positions):
                best[k] = Mention(best[k].name, m.start, m.end, m.positions)
    return [{"name": best[k].name, "positions": best[k].positions} for k in order]
