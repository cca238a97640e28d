"""The composed extractor: field rules on made-up text, and the gold evaluation with the issue's thresholds."""

import json
import os
from pathlib import Path

import pytest

from danvan.ingest.clean import split_page
from danvan.ingest.evaluate import score
from danvan.ingest.extract import (
    EVENT_KINDS,
    EXTRACTOR_VERSION,
    LEVELS,
    event_kind,
    extract_article,
    level_of,
    organizer,
    review_period,
)

FIELDS = [
    "id",
    "title",
    "event_date",
    "event_kind",
    "period",
    "organizer",
    "level",
    "locality",
    "people",
    "bylines",
    "documents",
    "figures",
    "key_tasks_count",
]


@pytest.mark.parametrize(
    "title, lead, kind",
    [
        ("Hội nghị sơ kết công tác dân vận 6 tháng đầu năm 2024", "", "so_ket"),
        ("Tổng kết 10 năm thực hiện Chỉ thị 49-CT/TW", "", "tong_ket"),
        ("Thường trực Huyện ủy làm việc với Đảng ủy xã về sơ kết 6 tháng", "", "lam_viec"),
        ("Trao tặng 20 căn nhà đại đoàn kết cho hộ nghèo", "", "trao_tang"),
        ("Trao Kỷ niệm chương tại hội nghị tổng kết công tác dân vận", "", "tong_ket"),
        ("Quán triệt, triển khai Nghị quyết Hội nghị Trung ương 8", "", "hoi_nghi_khac"),
        ("Tập huấn nghiệp vụ công tác dân vận năm 2024", "", "hoi_nghi_khac"),
        ("Nắng vàng trên những bản làng", "", "other"),
        (None, "Sáng 3/4, Ban Dân vận tổ chức hội nghị sơ kết quý I.", "so_ket"),
    ],
)
def test_event_kind(title, lead, kind):
    assert event_kind(title, lead) == kind
    assert kind in EVENT_KINDS


@pytest.mark.parametrize(
    "kind, title, paragraphs, period",
    [
        (
            "tong_ket",
            "Tổng kết công tác dân vận năm 2024, triển khai nhiệm vụ năm 2025",
            [],
            "năm 2024",
        ),
        (
            "so_ket",
            "Sơ kết 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2023",
            [],
            "6 tháng đầu năm 2023",
        ),
        ("so_ket", "Sơ kết 3 năm thực hiện Kết luận 120-KL/TW", [], "3 năm"),
        ("so_ket", "Hội nghị giao ban công tác dân vận quý III năm 2024", [], "quý III năm 2024"),
        (
            "lam_viec",
            "Đoàn công tác làm việc với Huyện ủy",
            ["Sáng 5/10, đoàn công tác làm việc.", "9 tháng năm 2024, Huyện ủy đã chỉ đạo tốt."],
            "9 tháng năm 2024",
        ),
        (
            "lam_viec",
            "Làm việc với Đảng ủy xã",
            ["Thực hiện chương trình công tác tháng 5 năm 2024, đoàn làm việc."],
            None,
        ),
        ("hoi_nghi_khac", "Quán triệt Nghị quyết", ["Năm 2024, các cấp ủy đã quán triệt."], None),
    ],
)
def test_review_period(kind, title, paragraphs, period):
    lead = paragraphs[0] if paragraphs else ""
    assert review_period(kind, title, lead, paragraphs) == period


@pytest.mark.parametrize(
    "lead, expected",
    [
        ("Ngày 2/12, Huyện ủy Mỏ Cày Nam tổ chức hội nghị tổng kết.", "Huyện ủy Mỏ Cày Nam"),
        (
            "Chiều 9-1, tại hội trường UBND huyện, Ban Dân vận Huyện ủy đã tổ chức hội nghị.",
            "Ban Dân vận Huyện ủy",
        ),
        (
            "Sáng 14/3, Đảng ủy, UBND phường Tân Định (quận 1) tổ chức Hội nghị đối thoại.",
            "Đảng ủy, UBND phường Tân Định",
        ),
        (
            "Hội nghị do Ban Tuyên giáo và Dân vận Tỉnh ủy tổ chức sáng 20/8.",
            "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        ),
        (
            "Ngày 4/6, đoàn công tác của Ban Thường vụ Tỉnh ủy Sơn La do đồng chí Lò Minh Hùng, Phó Bí thư "
            "Tỉnh ủy làm trưởng đoàn đã có buổi làm việc với Huyện ủy Mai Sơn.",
            "Ban Thường vụ Tỉnh ủy Sơn La",
        ),
        ("Sáng 8/8, Phó Bí thư Thường trực Tỉnh ủy chủ trì hội nghị.", None),
    ],
)
def test_organizer(lead, expected):
    assert organizer(None, lead) == expected


@pytest.mark.parametrize(
    "org, locality, level",
    [
        ("Ban Dân vận Trung ương", [], "trung_uong"),
        ("Ban Tuyên giáo và Dân vận Tỉnh ủy Nghệ An", ["Nghệ An"], "tinh"),
        ("Ban Thường vụ Thành ủy Đà Nẵng", ["Đà Nẵng"], "tinh"),
        ("Thành ủy Vinh", ["Vinh"], "huyen"),
        ("Ban Dân vận Thị ủy Ba Đồn", ["Ba Đồn"], "huyen"),
        ("Quận ủy Hoàn Kiếm", ["Hoàn Kiếm"], "huyen"),
        ("Đảng ủy, UBND phường Tân Định", ["Tân Định"], "xa"),
        ("Ủy ban MTTQ Việt Nam xã Ea Tar", ["Ea Tar"], "xa"),
        ("Hội Nông dân tỉnh", [], "tinh"),
        (None, [], "unknown"),
    ],
)
def test_level(org, locality, level):
    assert level_of(org, locality, "") == level
    assert level in LEVELS


ARTICLE = """CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN CHÂU ĐỨC
Thứ Năm, 19/12/2024
Ban Dân vận Huyện ủy Châu Đức tổng kết công tác dân vận năm 2024
Thứ Tư, 18/12/2024 | Lượt xem: 311
Chiều 17-12, Ban Dân vận Huyện ủy Châu Đức tổ chức hội nghị tổng kết công tác dân vận năm 2024, triển khai nhiệm vụ năm 2025. Dự hội nghị có các đồng chí: Hồ Văn Hà, Phó Bí thư Thường trực Huyện ủy; Lý Thị Hồng, Ủy viên Ban Thường vụ Huyện ủy, Trưởng Ban Dân vận Huyện ủy, Chủ tịch Ủy ban MTTQ Việt Nam huyện.
Quang cảnh hội nghị
Năm 2024, thực hiện Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư và Kế hoạch số 20-KH/HU, ngày 05/3/2024 của Huyện ủy, toàn huyện đăng ký mới 36 mô hình "Dân vận khéo"; hiện có 58 mô hình đang thực hiện. Các cấp tổ chức được 214 cuộc đối thoại, tiếp xúc với 8.420 lượt người tham dự. Ban Dân vận đề ra 6 nhiệm vụ trọng tâm năm 2025.
Dịp này, UBND huyện tặng Giấy khen cho 12 tập thể và 18 cá nhân.
Đồng chí Hồ Văn Hà, Phó Bí thư Thường trực Huyện ủy phát biểu chỉ đạo hội nghị
Tin, ảnh: Bảo Ngọc
Tin liên quan
Đang online: 12"""


def test_full_made_up_article():
    got = extract_article(ARTICLE, "made_up_1")
    assert list(got) == FIELDS
    assert got["title"] == "Ban Dân vận Huyện ủy Châu Đức tổng kết công tác dân vận năm 2024"
    assert got["event_date"] == "2024-12-17"
    assert (got["event_kind"], got["period"]) == ("tong_ket", "năm 2024")
    assert (got["organizer"], got["level"], got["locality"]) == (
        "Ban Dân vận Huyện ủy Châu Đức",
        "huyen",
        ["Châu Đức"],
    )
    assert got["people"] == [
        {"name": "Hồ Văn Hà", "positions": "Phó Bí thư Thường trực Huyện ủy"},
        {
            "name": "Lý Thị Hồng",
            "positions": "Ủy viên Ban Thường vụ Huyện ủy, Trưởng Ban Dân vận Huyện ủy, "
            "Chủ tịch Ủy ban MTTQ Việt Nam huyện",
        },
    ]
    assert got["bylines"] == ["Bảo Ngọc"]
    assert got["documents"] == [
        {"code": "114-KL/TW", "date": "2015-07-14"},
        {"code": "20-KH/HU", "date": "2024-03-05"},
    ]
    assert [(f["what"], f["value"]) for f in got["figures"]] == [
        ("models_registered_new", 36),
        ("models_in_progress", 58),
        ("dialogues_held", 214),
        ("attendance", 8420),
        ("key_tasks", 6),
        ("collectives_awarded", 12),
        ("individuals_awarded", 18),
    ]
    assert got["key_tasks_count"] == 6
    json.dumps(got, ensure_ascii=False)  # JSON-ready


def test_event_year_from_the_date_shown_with_the_article():
    page = "Hội nghị quán triệt Nghị quyết\n(Ngày đăng: 10/05/2024)\nNgày 8/5, Ban Thường vụ Thị ủy tổ chức hội nghị quán triệt."
    assert extract_article(page, "x")["event_date"] == "2024-05-08"


def test_event_year_is_not_guessed():
    page = "Hội nghị quán triệt Nghị quyết\nNgày 8/5, Ban Thường vụ Thị ủy tổ chức hội nghị quán triệt Nghị quyết."
    assert extract_article(page, "x")["event_date"] is None


def test_a_citation_date_is_not_the_event_date():
    page = (
        "Tổng kết 5 năm thực hiện Chỉ thị\nThực hiện Chỉ thị số 05-CT/HU, ngày 12/3/2019 của Huyện ủy, "
        "Ban Dân vận Huyện ủy vừa tổ chức hội nghị tổng kết 5 năm."
    )
    got = extract_article(page, "x")
    assert got["event_date"] is None
    assert got["documents"] == [{"code": "05-CT/HU", "date": "2019-03-12"}]


def test_empty_and_chrome_only_pages():
    for text in ("", "Lượt xem: 5\nĐang online: 3"):
        got = extract_article(text, "empty")
        assert list(got) == FIELDS
        assert got["people"] == [] and got["figures"] == [] and got["level"] == "unknown"


# ---------------------------------------------------------------------------
# The gold evaluation (shared/ingest beside the repository)

SHARED = Path(
    os.environ.get("DANVAN_SHARED", Path(__file__).resolve().parents[3].parent / "shared")
)
GOLD = SHARED / "ingest" / "gold" / "seeds.jsonl"
ARTICLES = SHARED / "ingest" / "articles"


@pytest.fixture(scope="module")
def gold_run():
    if not GOLD.exists():
        pytest.skip(f"gold annotations not found at {GOLD}")
    gold = [
        json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    texts = [(g["id"], (ARTICLES / f"{g['id']}.txt").read_text(encoding="utf-8")) for g in gold]
    pred = [extract_article(text, article_id) for article_id, text in texts]
    return gold, pred


def test_gold_thresholds(gold_run):
    gold, pred = gold_run
    result = score(gold, pred)
    assert result["documents"]["f1"] >= 0.95
    assert result["people_names"]["f1"] >= 0.9
    assert result["people_positions"]["f1"] >= 0.8
    assert result["figures"]["f1"] >= 0.8
    assert result["event_kind_accuracy"] >= 0.8
    assert result["level_accuracy"] >= 0.8


def test_gold_records_have_the_gold_schema(gold_run):
    gold, pred = gold_run
    for g, p in zip(gold, pred, strict=True):
        assert list(p) == list(g)


# Speed is measured by benchmarks/extract_eval.py (articles per second), never asserted here.


def test_version_is_set():
    assert EXTRACTOR_VERSION


def test_split_page_is_reused_by_extract():
    # the page model is the same one the extractor sees (guards against double cleaning)
    assert split_page(ARTICLE).title == extract_article(ARTICLE, "x")["title"]
