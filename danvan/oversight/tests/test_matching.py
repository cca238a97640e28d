"""The pure collision helpers: words, similarity, windows."""

import datetime as dt

import pytest

from danvan.oversight.matching import (
    Words,
    quarter_bounds,
    quarter_label,
    significant_words,
    similarity,
    widen,
    windows_meet,
)

D = dt.date


def test_significant_words_drop_diacritics_and_generic_words():
    assert significant_words("Kiểm tra việc thực hiện Quy chế dân chủ ở cơ sở") == {
        "quy",
        "che",
        "chu",
        "so",
    }
    assert significant_words("Giám sát 2026, đợt 1") == frozenset()


@pytest.mark.parametrize(
    ("a", "b", "similar"),
    [
        (
            "Kiểm tra thực hiện Quy chế dân chủ ở cơ sở",
            "Giám sát thực hiện dân chủ ở cơ sở tại phường",
            True,
        ),
        ("Công tác tôn giáo", "Tín ngưỡng, tôn giáo trên địa bàn", True),
        ("Phong trào thi đua Dân vận khéo", "Dân vận chính quyền", False),
        ("Cải cách hành chính", "Thực hiện dân chủ ở cơ sở", False),
        ("Tổ chức hội nghị tổ dân phố", "Tổ chức tập huấn cho tổ dân phố", False),
    ],
)
def test_title_similarity(a, b, similar):
    sim = similarity((), Words.of(a), (), Words.of(b))
    assert sim.is_similar(0.5) is similar


def test_one_common_phrase_in_a_long_text_is_not_enough():
    short = Words.of("Giám sát công tác cải cách hành chính")
    long = Words.of(
        "Kiểm tra lãnh đạo thực hiện dân chủ ở cơ sở và dân vận chính quyền",
        "Kiểm tra việc thực hiện Luật Thực hiện dân chủ ở cơ sở sau sắp xếp đơn vị hành chính.",
    )
    assert not similarity((), short, (), long).is_similar(0.5)


def test_topic_text_counts_when_titles_say_little():
    a = Words.of("Kiểm tra chuyên đề", "Công tác tôn giáo, tín ngưỡng trên địa bàn")
    b = Words.of("Khảo sát tín ngưỡng, tôn giáo")
    sim = similarity((), a, (), b)
    assert sim.is_similar(0.5) and sim.shared_words == ("giao", "nguong", "tin", "ton")


def test_a_shared_topic_is_enough():
    sim = similarity(("qcdc", "kntc"), Words.of(""), ("qcdc",), Words.of("Xây dựng"))
    assert sim.shared_topics == ("qcdc",) and sim.is_similar(0.99)


def test_one_shared_word_is_never_enough():
    sim = similarity((), Words.of("Tôn giáo"), (), Words.of("Giáo dục"))
    assert sim.shared_words == ("giao",) and not sim.is_similar(0.5)


def test_windows():
    assert quarter_bounds(D(2026, 5, 11)) == (D(2026, 4, 1), D(2026, 6, 30))
    assert widen(D(2026, 3, 30), D(2026, 4, 2), mode="quarter") == (D(2026, 1, 1), D(2026, 6, 30))
    assert widen(D(2026, 2, 10), D(2026, 2, 10), mode="month") == (D(2026, 2, 1), D(2026, 2, 28))
    assert widen(D(2026, 12, 30), D(2026, 12, 31), mode="month") == (
        D(2026, 12, 1),
        D(2026, 12, 31),
    )
    assert widen(D(2026, 5, 10), D(2026, 5, 12), mode="days", margin_days=3) == (
        D(2026, 5, 7),
        D(2026, 5, 15),
    )
    assert windows_meet((D(2026, 5, 1), D(2026, 5, 3)), (D(2026, 5, 3), D(2026, 5, 9)))
    assert not windows_meet((D(2026, 5, 1), D(2026, 5, 2)), (D(2026, 5, 3), D(2026, 5, 9)))
    assert quarter_label(D(2026, 11, 22)) == "Quý IV/2026"


def test_words_are_shown_as_written():
    from danvan.oversight.matching import as_written

    assert as_written(("chu", "so"), "Kiểm tra Quy chế Dân chủ ở cơ sở") == ["chủ", "sở"]
