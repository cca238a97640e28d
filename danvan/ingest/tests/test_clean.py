"""Page cleaning: chrome, headline, captions, bylines. Pages are made up in the style of local portals."""

import pytest

from danvan.ingest.clean import byline_names, is_chrome, normalize, split_page, squash


def test_normalize_folds_nbsp_and_nfd():
    nfd = "Ha\u0323 Long"  # NFD "Hạ Long"
    assert normalize(f"  Chủ\u00a0tịch \t UBND  \n{nfd}\u200b ") == "Chủ tịch UBND\nHạ Long"
    assert squash("Ủy\u00a0viên   Trung\u00a0ương") == "Ủy viên Trung ương"
    assert normalize("Dòng một\r\n<p>&nbsp;</p>\r\nDòng <b>hai</b>") == "Dòng một\n\nDòng hai"


@pytest.mark.parametrize(
    "line",
    [
        "Lượt xem: 2.511",
        "Đang online 312 Tổng lượt truy cập 9876543",
        "• Hôm nay: 1,204",
        "Tất cả: 1,234,567",
        "Thống kê truy cập",
        "Thứ Sáu, 15/03/2024",
        "Thứ Hai, 25/12/2023 142 lượt xem",
        "10:20 15/03/2024",
        "(Ngày đăng: 10/05/2024)",
        "Cập nhật: 21/12/2023 15:30 | Lượt xem: 1.204",
        "Chào mừng bạn đến với Cổng thông tin điện tử huyện Mường Chà!",
        "Trang chủ | Tin tức | Hoạt động dân vận",
        "• 4 điểm ( 2 đánh giá )",
        "Tin liên quan",
        "Tỷ giá ngoại tệ",
        "anh tin bai",
        "• • •",
    ],
)
def test_chrome_lines(line):
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "Hôm nay, Ban Dân vận huyện tổ chức hội nghị tập huấn cho 120 cán bộ.",
        "Đồng chí Hà Văn Tùng, Bí thư Huyện ủy phát biểu",
        "Hội nghị sơ kết công tác dân vận 6 tháng đầu năm 2024",
    ],
)
def test_article_lines_are_not_chrome(line):
    assert not is_chrome(line)


@pytest.mark.parametrize(
    "line, names",
    [
        ("Thu Hà - Minh Anh", ["Thu Hà", "Minh Anh"]),
        ("Tin, ảnh: Phan Vinh", ["Phan Vinh"]),
        ("Bài và ảnh: Quỳnh", ["Quỳnh"]),
        ("Ngọc Lan, Văn Hải", ["Ngọc Lan", "Văn Hải"]),
        ("Minh Tuấn (TTTT huyện)", ["Minh Tuấn"]),
        ("BBT", []),
        ("Quang cảnh hội nghị", []),
        ("Ban Dân vận Tỉnh ủy", []),
        ("Thời tiết", []),
        ("Lượt xem: 12", []),
        ("Hà", []),  # one bare syllable is not enough without "Tin:" / "Ảnh:"
    ],
)
def test_byline_names(line, names):
    assert byline_names(line) == names


PAGE = """CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN KRÔNG NĂNG
Thứ Tư, 12/06/2024
Chào mừng bạn đến với Cổng thông tin điện tử huyện Krông Năng!
Trang chủ | Tin tức | Dân vận

Huyện Krông Năng sơ kết công tác dân vận 6 tháng đầu năm 2024
Thứ Ba, 11/06/2024 | 57 lượt xem

Chiều 10-6, Ban Dân vận Huyện ủy Krông Năng tổ chức hội nghị sơ kết công tác dân vận 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2024. Đồng chí Y Kông Êban, Phó Bí thư Thường trực Huyện ủy dự và chỉ đạo hội nghị.

Quang cảnh hội nghị

Đồng chí Y Kông Êban, Phó Bí thư Thường trực Huyện ủy phát biểu chỉ đạo

6 tháng đầu năm, các cấp đã xây dựng và duy trì 48 mô hình hiệu quả, tổ chức 96 buổi tuyên truyền với 7.200 lượt người dự; tiếp nhận 12 đơn, đã giải quyết 10 đơn.
\u00a0
\u00a0\u00a0\u00a0 Hồng Nhung - Quốc Bảo
\u00a0
Tin liên quan
Thống kê truy cập
Đang online: 18
Tất cả: 1,234,567"""


def test_split_page_skips_chrome_and_finds_parts():
    page = split_page(PAGE)
    assert page.title == "Huyện Krông Năng sơ kết công tác dân vận 6 tháng đầu năm 2024"
    assert page.published == (2024, 6, 11)
    assert page.bylines == ["Hồng Nhung", "Quốc Bảo"]
    assert [t for _, t in page.captions] == [
        "Quang cảnh hội nghị",
        "Đồng chí Y Kông Êban, Phó Bí thư Thường trực Huyện ủy phát biểu chỉ đạo",
    ]
    assert len(page.paragraphs) == 2
    assert "Đang online" not in page.body and "Hồng Nhung" not in page.body
    assert page.header[0] == "CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN KRÔNG NĂNG"


def test_page_cut_mid_article_has_no_title():
    page = split_page(
        "nhằm nâng cao hiệu quả công tác dân vận chính quyền trên địa bàn xã. Chiều 14-6, Đảng ủy xã "
        "Phú Lộc tổ chức Hội nghị sơ kết 6 tháng đầu năm 2024 công tác dân vận và thực hiện Quy chế dân chủ.\n"
        "Dự hội nghị có bà Hoàng Thị Mai - Phó Trưởng Ban Dân vận Huyện ủy"
    )
    assert page.title is None
    assert len(page.paragraphs) == 2  # the cut last line is still text, not a caption
    assert page.bylines == []


def test_page_without_footer_keeps_last_paragraph():
    page = split_page(
        "Hội nghị tập huấn công tác dân vận năm 2024\nSáng 3/4, Ban Dân vận Thị ủy tổ chức "
        "hội nghị tập huấn nghiệp vụ cho cán bộ làm công tác dân vận ở cơ sở, với hơn 150 học viên"
    )
    assert page.title == "Hội nghị tập huấn công tác dân vận năm 2024"
    assert page.paragraphs and page.paragraphs[-1][1].endswith("150 học viên")
