"""Tests for danvan.directives.citations: pure functions, no database."""

from __future__ import annotations

import datetime
import functools
import json
import unicodedata
from pathlib import Path

import pytest

from danvan.directives.citations import (
    ISSUERS,
    LEGAL_TYPES,
    PARTY_TYPES,
    STATE_TYPES,
    Citation,
    find_citations,
    parse_code,
    unique_citations,
)

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
SEEDS = SHARED / "ingest" / "gold" / "seeds.jsonl"
ARTICLES = SHARED / "ingest" / "articles"
D = datetime.date


def _gold() -> list[dict]:
    if not SEEDS.exists():
        return []
    return [json.loads(line) for line in SEEDS.read_text(encoding="utf-8").splitlines() if line]


def _codes_and_dates(text: str) -> list[tuple[str, D | None]]:
    return [(c.code, c.date) for c in find_citations(text)]


# --- Gold: the five seed articles -------------------------------------------------


@pytest.mark.parametrize("seed_id", [f"seed_{i}" for i in range(5)])
def test_seed_article_documents_match_gold(seed_id: str) -> None:
    gold = {g["id"]: g for g in _gold()}
    if seed_id not in gold:
        pytest.skip(f"shared gold not found at {SEEDS}")
    text = (ARTICLES / f"{seed_id}.txt").read_text(encoding="utf-8")
    expected = [
        (d["code"], D.fromisoformat(d["date"]) if d["date"] else None)
        for d in gold[seed_id]["documents"]
    ]
    assert [(c.code, c.date) for c in unique_citations(text)] == expected


@pytest.mark.parametrize("seed_id", [f"seed_{i}" for i in range(5)])
def test_seed_article_spans_point_at_codes(seed_id: str) -> None:
    path = ARTICLES / f"{seed_id}.txt"
    if not path.exists():
        pytest.skip(f"shared articles not found at {ARTICLES}")
    text = path.read_text(encoding="utf-8")
    for c in find_citations(text):
        assert text[c.start : c.end] == c.code
        assert c.code in c.raw and c.raw in text


# --- Forms: one citation each ------------------------------------------------------

# fmt: off
FORMS = [
    # text, code, number, year, doc_type, type_name, issuer, system, date
    ("Nghị quyết số 56-NQ/TU, ngày 15/12/2021 của BCH Đảng bộ Thành phố",
     "56-NQ/TU", "56", None, "NQ", "Nghị quyết", "TU", "party", D(2021, 12, 15)),
    ("theo Quy định 11-QĐi/TW… Riêng 6 tháng",
     "11-QĐi/TW", "11", None, "QĐi", "Quy định", "TW", "party", None),
    ("Quyết định số 2152-QĐ/TU ngày 10/01/2022 của Thành ủy",
     "2152-QĐ/TU", "2152", None, "QĐ", "Quyết định", "TU", "party", D(2022, 1, 10)),
    ("Kế hoạch số 01-KH/BCĐ, ngày 04/5 2021 của Ban Chỉ đạo",
     "01-KH/BCĐ", "01", None, "KH", "Kế hoạch", "BCĐ", "party", D(2021, 5, 4)),
    ("Nghị quyết số 36/NQ-HĐND, ngày 19/12/2021 của Hội đồng nhân dân thành phố",
     "36/NQ-HĐND", "36", None, "NQ", "Nghị quyết", "HĐND", "state", D(2021, 12, 19)),
    ("Nghị quyết 337/2021/NQ-HĐND ngày 24/3/2021 của Hội đồng nhân dân tỉnh",
     "337/2021/NQ-HĐND", "337", 2021, "NQ", "Nghị quyết", "HĐND", "statute", D(2021, 3, 24)),
    ("Công văn số 05/BNV-VP ngày 4-5-2021 của Bộ Nội vụ",
     "05/BNV-VP", "05", None, None, "Công văn", "BNV-VP", "state", D(2021, 5, 4)),
    # "văn bản" (document) names no type.
    ("theo văn bản số 249/MTTQ-BTT của Ban Thường trực",
     "249/MTTQ-BTT", "249", None, None, None, "MTTQ-BTT", "state", None),
    ("Luật số 136/2025/QH15 được Quốc hội thông qua",
     "136/2025/QH15", "136", 2025, None, "Luật", "QH15", "statute", None),
    ("Nghị quyết số 1656/NQ-UBTVQH15 của Ủy ban Thường vụ Quốc hội",
     "1656/NQ-UBTVQH15", "1656", None, "NQ", "Nghị quyết", "UBTVQH15", "statute", None),
    ("Nghị định 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư",
     "30/2020/NĐ-CP", "30", 2020, "NĐ", "Nghị định", "CP", "statute", D(2020, 3, 5)),
    ("Quyết định số: 15/QĐ-TTg ngày 15 tháng 12 năm 2021",
     "15/QĐ-TTg", "15", None, "QĐ", "Quyết định", "TTg", "state", D(2021, 12, 15)),
    # No type word in the text: the name comes from the abbreviation tables.
    ("thực hiện 23-CT/TU", "23-CT/TU", "23", None, "CT", "Chỉ thị", "TU", "party", None),
    ("thực hiện 12/QyĐ-UBND", "12/QyĐ-UBND", "12", None, "QyĐ", "Quy định", "UBND", "state", None),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "code", "number", "year", "doc_type", "type_name", "issuer", "system", "date"), FORMS
)
def test_single_citation_forms(
    text: str,
    code: str,
    number: str,
    year: int | None,
    doc_type: str | None,
    type_name: str | None,
    issuer: str,
    system: str,
    date: D | None,
) -> None:
    [c] = find_citations(text)
    assert (c.code, c.number, c.year, c.doc_type, c.type_name, c.issuer, c.system, c.date) == (
        code,
        number,
        year,
        doc_type,
        type_name,
        issuer,
        system,
        date,
    )
    assert code in text[c.start : c.end]
    assert c.raw in text and code in c.raw


# --- Dates ------------------------------------------------------------------------

DATES = [
    ("Nghị quyết số 56-NQ/TU, ngày 15/12/2021", D(2021, 12, 15)),
    ("Chỉ thị số 23-CT/TU ngày 10/02/2022", D(2022, 2, 10)),
    ("Chỉ thị số 23-CT/TU ngày 10.02.2022", D(2022, 2, 10)),
    ("Kế hoạch số 01-KH/BCĐ, ngày 4-5-2021", D(2021, 5, 4)),
    ("Kế hoạch số 01-KH/BCĐ, ngày 04/5 2021", D(2021, 5, 4)),
    ("Nghị quyết số 56-NQ/TU ngày 15 tháng 12 năm 2021", D(2021, 12, 15)),
    ("Nghị quyết số 56-NQ/TU (ngày 15/12/2021)", D(2021, 12, 15)),
    ("Nghị quyết số 56-NQ/TU ban hành ngày 15/12/2021", D(2021, 12, 15)),
    ("Chỉ thị số 05-CT/TW của Bộ Chính trị ngày 15/5/2016 về học tập", D(2016, 5, 15)),
    # A date without a year is no date.
    ("Nghị quyết số 56-NQ/TU ngày 1/12 của BCH", None),
    ("Nghị quyết số 56-NQ/TU ngày 7-12", None),
    # An impossible date is no date.
    ("Quyết định số 15/QĐ-TTg ngày 31/02/2021", None),
    # The date must follow the citation, not a clause about something else.
    ("Kết luận số 120-KL/TW của Bộ Chính trị tại hội nghị ngày 7/12/2023", None),
    ("Chỉ thị 05-CT/TW; ngày 15/5/2016 Bộ Chính trị họp", None),
    ("Chỉ thị 05-CT/TW. Ngày 15/5/2016, Bộ Chính trị họp", None),
]


@pytest.mark.parametrize(("text", "date"), DATES)
def test_attached_date(text: str, date: D | None) -> None:
    [c] = find_citations(text)
    assert c.date == date


def test_date_of_next_document_is_not_stolen() -> None:
    text = (
        "Kết luận số 120-KL/TW của Bộ Chính trị; Kế hoạch số 01-KH/BCĐ, ngày 04/5 2021 "
        "và Chỉ thị 05-CT/TW của Bộ Chính trị về học tập; Nghị quyết số 36/NQ-HĐND, ngày 19/12/2021"
    )
    assert _codes_and_dates(text) == [
        ("120-KL/TW", None),
        ("01-KH/BCĐ", D(2021, 5, 4)),
        ("05-CT/TW", None),
        ("36/NQ-HĐND", D(2021, 12, 19)),
    ]


def test_adjacent_citations_each_keep_their_own_date() -> None:
    text = "Chỉ thị số 21-CT/TU ngày 22/12/2021, Chỉ thị số 23-CT/TU ngày 10/02/2022"
    assert _codes_and_dates(text) == [("21-CT/TU", D(2021, 12, 22)), ("23-CT/TU", D(2022, 2, 10))]


# --- Sloppy real-world forms ---------------------------------------------------------


def test_code_pasted_where_the_date_belongs_is_one_citation() -> None:
    text = "Nghị quyết số 08-NQ/TU, ngày 08-NQ/TU ngày 25/11/2021 của BCH Đảng bộ Tỉnh; Nghị quyết số 56-NQ/TU"
    cits = find_citations(text)
    assert [(c.code, c.date) for c in cits] == [("08-NQ/TU", D(2021, 11, 25)), ("56-NQ/TU", None)]
    assert cits[0].raw == "Nghị quyết số 08-NQ/TU, ngày 08-NQ/TU ngày 25/11/2021"
    assert text[cits[0].start : cits[0].end] == "08-NQ/TU"


def test_doubled_so() -> None:
    [c] = find_citations("Thông báo số số 414-TB/TU, ngày 14/01/2022;")
    assert (c.code, c.type_name, c.date) == ("414-TB/TU", "Thông báo", D(2022, 1, 14))
    assert c.raw == "Thông báo số số 414-TB/TU, ngày 14/01/2022"


def test_stray_spaces_and_nbsp_inside_the_phrase() -> None:
    text = "Chỉ thị\u00a0 21-CT/TU, ngày 22/12/2021; Nghị quyết số 56 - NQ/TU,\u00a0ngày 15/12/2021"
    cits = find_citations(text)
    assert _codes_and_dates(text) == [("21-CT/TU", D(2021, 12, 22)), ("56-NQ/TU", D(2021, 12, 15))]
    assert cits[0].type_name == "Chỉ thị"
    assert text[cits[1].start : cits[1].end] == "56 - NQ/TU"


def test_en_dash_is_canonicalised_in_the_code_but_kept_in_raw() -> None:
    [c] = find_citations("Nghị quyết số 56–NQ/TU")
    assert c.code == "56-NQ/TU" and c.raw == "Nghị quyết số 56–NQ/TU"


def test_upper_case_heading() -> None:
    [c] = find_citations("NGHỊ QUYẾT SỐ 56-NQ/TU")
    assert c.type_name == "Nghị quyết"


def test_nfd_input_spans_map_to_the_original_string() -> None:
    text = unicodedata.normalize(
        "NFD", "Thành ủy ban hành Quyết định số 391-QĐ/HU, ngày 13/01/2022 về Quy chế"
    )
    [c] = find_citations(text)
    assert (c.code, c.issuer, c.type_name, c.date) == (
        "391-QĐ/HU",
        "HU",
        "Quyết định",
        D(2022, 1, 13),
    )
    assert text[c.start : c.end] == "391-QĐ/HU"
    nfd = functools.partial(unicodedata.normalize, "NFD")
    assert c.raw == text[text.index(nfd("Quyết")) : text.index(nfd(" về"))]


# --- Shared suffixes ----------------------------------------------------------------------

SHARED_SUFFIXES = [
    (
        "Quyết định 217, 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị",
        ["217-QĐ/TW", "218-QĐ/TW"],
        D(2013, 12, 12),
    ),
    ("Thông báo số 414/442/462-TB/TU", ["414-TB/TU", "442-TB/TU", "462-TB/TU"], None),
    ("Thông báo số số 414/442/462-TB/TU", ["414-TB/TU", "442-TB/TU", "462-TB/TU"], None),
    ("các Kết luận số 01 và 02-KL/TW", ["01-KL/TW", "02-KL/TW"], None),
    ("Nghị quyết số 12, 13/NQ-HĐND ngày 5/1/2022", ["12/NQ-HĐND", "13/NQ-HĐND"], D(2022, 1, 5)),
]


@pytest.mark.parametrize(("text", "codes", "date"), SHARED_SUFFIXES)
def test_shared_suffix_gives_one_citation_per_number(
    text: str, codes: list[str], date: D | None
) -> None:
    cits = find_citations(text)
    assert [c.code for c in cits] == codes
    first = cits[0]
    assert all(
        (c.doc_type, c.issuer, c.type_name, c.date, c.raw)
        == (first.doc_type, first.issuer, first.type_name, date, first.raw)
        for c in cits
    )
    for c in cits:
        span = text[c.start : c.end]
        assert span.startswith(c.number) and span.endswith(c.code[len(c.number) :])


def test_numbers_before_a_code_without_a_lead_are_not_a_list() -> None:
    # "2021, " ends a date, not a list of Party numbers.
    assert [c.code for c in find_citations("ngày 15/12/2021, 218-QĐ/TW")] == ["218-QĐ/TW"]


def test_seed_style_separate_notices_keep_separate_dates() -> None:
    # The last "số" is deliberately decomposed (ô + combining acute), as pasted text can be.
    text = (
        "Thông báo số 393-TB/TU, ngày 23/12/2021; Thông báo số số 414-TB/TU, ngày 14/01/2022; "
        "Thông báo số số 442-TB/TU, ngày 24/02/2022; Thông báo số s\u00f4\u0301 462-TB/TU, ngày 22/3/2022."
    )
    assert _codes_and_dates(text) == [
        ("393-TB/TU", D(2021, 12, 23)),
        ("414-TB/TU", D(2022, 1, 14)),
        ("442-TB/TU", D(2022, 2, 24)),
        ("462-TB/TU", D(2022, 3, 22)),
    ]


# --- No false positives -----------------------------------------------------------------------

NOT_CITATIONS = [
    "Ngày 15/12/2021, Thành ủy tổ chức hội nghị",
    "Ngày 1/12, tại hội trường",
    "Chiều 7-12, tại phòng hội thảo tầng 2, Nhà Văn hóa thành phố",
    "Thứ Năm, 07/12/2023 78 lượt xem",
    "nhiệm kỳ 2021-2026; giai đoạn 2021- 2025; nhiệm kỳ 2022-2025",
    "đại biểu Quốc hội khóa XV và Bộ Chính trị khóa XIII",
    "Liên hệ: 0203.3825.123 hoặc 0912-345-678",
    "tiếp nhận 69 đơn/68 vụ việc; 69/69 đơn; 17.385 lượt người",
    "Đang online 14804 Tổng lượt truy cập 5886939; Tất cả: 3,344,095",
    "dịch Covid-19 và F0/F1",
    "biển số 14A-123.45; ô 5-A/B; ISO 9001:2015; Trang 1/5",
    "số 12/Nam-Bắc; phòng 3/BAN-Nam",
    "Nghị quyết của Ban Chấp hành Đảng bộ; Quy chế làm việc",
]


@pytest.mark.parametrize("text", NOT_CITATIONS)
def test_no_false_positives(text: str) -> None:
    assert find_citations(text) == []


# --- unique_citations -----------------------------------------------------------------------------


def test_unique_citations_keeps_first_position_and_any_date() -> None:
    text = (
        "theo Chỉ thị số 21-CT/TU; Nghị quyết số 56-NQ/TU; "
        "Chỉ thị 21-CT/TU, ngày 22/12/2021; Nghị quyết số 56-NQ/TU"
    )
    cits = unique_citations(text)
    assert [(c.code, c.date) for c in cits] == [("21-CT/TU", D(2021, 12, 22)), ("56-NQ/TU", None)]
    assert cits[0].start == text.index("21-CT/TU")
    assert len(find_citations(text)) == 4


# --- parse_code -----------------------------------------------------------------------------------

PARSED = [
    ("56-NQ/TU", ("56", None, "NQ", "Nghị quyết", "TU", "party")),
    ("11-QĐi/TW", ("11", None, "QĐi", "Quy định", "TW", "party")),
    ("2152-QĐ/TU", ("2152", None, "QĐ", "Quyết định", "TU", "party")),
    ("36/NQ-HĐND", ("36", None, "NQ", "Nghị quyết", "HĐND", "state")),
    ("337/2021/NQ-HĐND", ("337", 2021, "NQ", "Nghị quyết", "HĐND", "statute")),
    ("05/BNV-VP", ("05", None, None, None, "BNV-VP", "state")),
    ("249/MTTQ-BTT", ("249", None, None, None, "MTTQ-BTT", "state")),
    ("136/2025/QH15", ("136", 2025, None, None, "QH15", "statute")),
    ("1656/NQ-UBTVQH15", ("1656", None, "NQ", "Nghị quyết", "UBTVQH15", "statute")),
    ("30/2020/NĐ-CP", ("30", 2020, "NĐ", "Nghị định", "CP", "statute")),
]


@pytest.mark.parametrize(("code", "fields"), PARSED)
def test_parse_code(code: str, fields: tuple) -> None:
    c = parse_code(code)
    assert isinstance(c, Citation)
    assert (c.number, c.year, c.doc_type, c.type_name, c.issuer, c.system) == fields
    assert (c.code, c.date, c.start, c.end, c.raw) == (code, None, 0, len(code), code)


@pytest.mark.parametrize(
    "text", ["15/12/2021", "2021-2026", "abc", "", "56-NQ/TU ngày 1/12", "414/442/462-TB/TU"]
)
def test_parse_code_rejects_non_codes(text: str) -> None:
    assert parse_code(text) is None


# --- Tables -----------------------------------------------------------------------------------------


def test_tables_distinguish_party_and_state_quy_dinh() -> None:
    assert PARTY_TYPES["QĐi"] == STATE_TYPES["QyĐ"] == "Quy định"
    assert PARTY_TYPES["QĐ"] == STATE_TYPES["QĐ"] == "Quyết định"
    assert "QĐi" not in STATE_TYPES and "QyĐ" not in PARTY_TYPES
    assert LEGAL_TYPES["NĐ"] == "Nghị định"
    assert {"TW", "TU", "HU", "ĐU", "BCĐ", "HĐND", "UBND", "MTTQ", "QH"} <= ISSUERS.keys()


def test_tables_are_nfc() -> None:
    for table in (PARTY_TYPES, STATE_TYPES, LEGAL_TYPES, ISSUERS):
        for key, value in table.items():
            assert unicodedata.is_normalized("NFC", key + value), key
