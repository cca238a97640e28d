"""Figures: made-up report sentences in the genre, not taken from the seed articles."""

import pytest

from danvan.ingest.figures import extract_figures


def figs(text, masked=()):
    return [(f.what, f.value, f.unit) for f in extract_figures(text, masked)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Năm 2024, toàn huyện đăng ký mới 42 mô hình “Dân vận khéo”.",
            [("models_registered_new", 42, "mô hình")],
        ),
        (
            "Toàn tỉnh có 1.250 mô hình “Dân vận khéo” được đăng ký mới.",
            [("models_registered_new", 1250, "mô hình")],
        ),
        ("Hiện có 64 mô hình đang triển khai thực hiện.", [("models_in_progress", 64, "mô hình")]),
        ("Các cấp duy trì 31 mô hình hoạt động hiệu quả.", [("models_effective", 31, "mô hình")]),
        ("Huyện có 9 sản phẩm đạt chuẩn OCOP 3 sao.", [("ocop_products", 9, "sản phẩm")]),
        (
            "Trong năm, tiếp nhận 112 đơn/97 vụ việc, trong đó đơn kỳ trước chuyển sang 12 đơn (huyện 05 đơn, "
            "cấp xã 07 đơn), đơn tiếp nhận trong kỳ 100 đơn; đã giải quyết 105/112 đơn.",
            [
                ("petitions_total", 112, "đơn"),
                ("cases_total", 97, "vụ việc"),
                ("petitions_carried_over", 12, "đơn"),
                ("petitions_carried_over_district", 5, "đơn"),
                ("petitions_carried_over_commune", 7, "đơn"),
                ("petitions_received", 100, "đơn"),
                ("petitions_resolved", 105, "đơn"),
            ],
        ),
        (
            "Ban Dân vận đã tổ chức được 128 cuộc, thu hút 9.640 lượt người tham dự.",
            [("meetings_held", 128, "cuộc"), ("attendance", 9640, "lượt người")],
        ),
        (
            "Có 212 cuộc đối thoại giữa người đứng đầu với Nhân dân.",
            [("dialogues_held", 212, "cuộc")],
        ),
        (
            "Khen thưởng 35 tập thể, 52 cá nhân có thành tích xuất sắc.",
            [("collectives_awarded", 35, "tập thể"), ("individuals_awarded", 52, "cá nhân")],
        ),
        (
            "Dịp này, 8 cá nhân được tặng Kỷ niệm chương Vì sự nghiệp Dân vận.",
            [("individuals_awarded", 8, "cá nhân")],
        ),
        ("Hội nghị thống nhất 5 nhiệm vụ trọng tâm năm 2025.", [("key_tasks", 5, "nhiệm vụ")]),
        ("Hội nghị được kết nối tới 34 điểm cầu cấp tỉnh.", [("bridge_points", 34, "điểm cầu")]),
        (
            "Mặt trận vận động được 3,2 tỷ đồng để xây 40 căn nhà đại đoàn kết.",
            [("funds_raised", 3.2, "tỷ đồng"), ("houses_built", 40, "căn nhà")],
        ),
        (
            "Nhân dân đóng góp 5.600 ngày công và hiến 12.000 m2 đất.",
            [("workdays_contributed", 5600, "ngày công"), ("land_donated", 12000, "m2")],
        ),
        # not figures: periods, terms, floors, dates, percentages, a generic "1 người"
        (
            "Sau 2,5 năm thực hiện và 9 tháng năm 2024, tại tầng 3, nhiệm kỳ 2020-2025, khóa XIII.",
            [],
        ),
        ("Ngày 12/11/2024 hội nghị đạt 98% kế hoạch, 1 đối tượng vi phạm nhiều lần.", []),
        # no cue, no label: not guessed
        ("Toàn huyện có 120 hộ ở vùng sâu.", []),
        # the same figure twice is reported once
        (
            "Hội nghị có 20 điểm cầu. Tại 20 điểm cầu, đại biểu theo dõi.",
            [("bridge_points", 20, "điểm cầu")],
        ),
    ],
)
def test_figures_in_sentences(text, expected):
    assert figs(text) == expected


def test_figure_text_is_the_phrase_as_written():
    (total, cases, resolved) = extract_figures(
        "Năm qua tiếp nhận 09 đơn/08 vụ việc. Số đơn đã giải quyết: 09/09 đơn."
    )
    assert (total.value, total.text) == (9, "tiếp nhận 09 đơn/08 vụ việc")
    assert cases.text == total.text
    assert (
        resolved.what == "petitions_resolved" and resolved.text == "Số đơn đã giải quyết: 09/09 đơn"
    )


def test_masked_spans_are_skipped():
    text = "Theo Kế hoạch 15 đơn vị ... tiếp nhận 15 đơn"
    assert figs(text, masked=[(0, 20)]) == [("petitions_total", 15, "đơn")]


def test_values_are_ints_unless_the_text_has_a_decimal():
    (a, b) = extract_figures("Vận động 2,5 tỷ đồng; tổ chức 1.200 cuộc họp.")
    assert type(a.value) is float and a.value == 2.5
    assert type(b.value) is int and b.value == 1200
