"""People and posts. Every sentence is made up in the style of the genre; no seed article text."""

import pytest

from danvan.ingest.people import extract_people, find_mentions, name_spans


def people(*blocks, exclude=()):
    return [(p["name"], p["positions"]) for p in extract_people(blocks, exclude)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # name, then posts, then the predicate
        (
            "Đồng chí Hà Văn Tùng, Tỉnh ủy viên, Bí thư Huyện ủy phát biểu khai mạc hội nghị.",
            [("Hà Văn Tùng", "Tỉnh ủy viên, Bí thư Huyện ủy")],
        ),
        # dash-separated list with semicolons
        (
            "Các đồng chí: Đinh Thị Hương - Phó Trưởng ban Dân vận Tỉnh ủy; Lương Văn Khải - Chủ tịch Hội "
            "Nông dân tỉnh đồng chủ trì hội nghị.",
            [
                ("Đinh Thị Hương", "Phó Trưởng ban Dân vận Tỉnh ủy"),
                ("Lương Văn Khải", "Chủ tịch Hội Nông dân tỉnh"),
            ],
        ),
        # comma list: the next name ends the previous posts
        (
            "Dự hội nghị có các đồng chí: Tạ Quang Minh, Phó Chủ tịch UBND huyện, Ngô Thị Bích, Chủ tịch "
            "Ủy ban MTTQ Việt Nam huyện.",
            [
                ("Tạ Quang Minh", "Phó Chủ tịch UBND huyện"),
                ("Ngô Thị Bích", "Chủ tịch Ủy ban MTTQ Việt Nam huyện"),
            ],
        ),
        # posts before the name ("X A"), and a second person joined with "và"
        (
            "Chủ tịch UBND tỉnh Lâm Văn Sáu và Phó Chủ tịch Thường trực UBND tỉnh Châu Ngọc Hải cùng dự.",
            [
                ("Lâm Văn Sáu", "Chủ tịch UBND tỉnh"),
                ("Châu Ngọc Hải", "Phó Chủ tịch Thường trực UBND tỉnh"),
            ],
        ),
        # posts of the first person end with "và": the second name is not their owner
        (
            "Cùng dự có đồng chí Sùng A Lử, Ủy viên BTV, Trưởng Ban Dân vận Huyện ủy và Mùa Thị Chở, "
            "Phó Chủ tịch UBND huyện.",
            [
                ("Sùng A Lử", "Ủy viên BTV, Trưởng Ban Dân vận Huyện ủy"),
                ("Mùa Thị Chở", "Phó Chủ tịch UBND huyện"),
            ],
        ),
        # honorifics, posts that end at a clause word
        (
            "Ông Kiều Văn Lợi, Trưởng thôn Đồng Tâm, cho biết người dân đã hiến 800 m2 đất.",
            [("Kiều Văn Lợi", "Trưởng thôn Đồng Tâm")],
        ),
        (
            "Bà Thân Thị Thu - Chủ tịch Hội Liên hiệp Phụ nữ xã trao quà cho các hộ nghèo.",
            [("Thân Thị Thu", "Chủ tịch Hội Liên hiệp Phụ nữ xã")],
        ),
        # posts in a caption written without a comma
        (
            "Đồng chí Quách Văn Bình Phó Chủ tịch Ủy ban MTTQ tỉnh trao Bằng khen cho các tập thể",
            [("Quách Văn Bình", "Phó Chủ tịch Ủy ban MTTQ tỉnh")],
        ),
        # a steering committee's descriptive name belongs to the post
        (
            "Đồng chí Vi Thị Hằng, Trưởng BCĐ thực hiện quy chế dân chủ ở cơ sở huyện phát biểu.",
            [("Vi Thị Hằng", "Trưởng BCĐ thực hiện quy chế dân chủ ở cơ sở huyện")],
        ),
        # places, streets and fixed expressions are not people
        (
            "Nhân dân xã Trần Hưng Đạo và phường Lê Lợi học tập và làm theo tấm gương đạo đức Hồ Chí Minh; "
            "hội nghị diễn ra tại Nhà văn hóa tỉnh Hà Tĩnh, đường Nguyễn Văn Cừ.",
            [],
        ),
        (
            "Đoàn TNCS Hồ Chí Minh tỉnh phối hợp với Thành phố Hồ Chí Minh tổ chức chương trình.",
            [],
        ),
        # a three-syllable name after "Thành phố" with a post before it is a person
        (
            "Chủ tịch UBND Thành phố Đàm Văn Hưng dự.",
            [("Đàm Văn Hưng", "Chủ tịch UBND Thành phố")],
        ),
        # an organisation that starts with a family name is not a person
        ("Đồng chí Phó Bí thư Đoàn Thanh niên xã trao quà.", []),
        # a title without a name is nobody
        (
            "Kết luận hội nghị, đồng chí Phó Bí thư Thường trực Huyện ủy đề nghị các xã tiếp tục cố gắng.",
            [],
        ),
        # a bare capitalised run without evidence is not a person
        ("Từ Hà Giang đến Cà Mau, phong trào Dân vận khéo lan tỏa.", []),
    ],
)
def test_people_in_sentences(text, expected):
    assert people(text) == expected


def test_richest_mention_wins_and_ties_keep_the_first():
    got = people(
        "Đồng chí Trương Thị Lan, Phó Bí thư Huyện ủy chủ trì hội nghị.",
        "Đồng chí Trương Thị Lan, Phó Bí thư Huyện ủy, Chủ tịch HĐND huyện phát biểu.",
        "Đồng chí Trương Thị Lan, Phó Bí thư Thường trực, Chủ tịch HĐND huyện kết luận.",
    )
    assert got == [("Trương Thị Lan", "Phó Bí thư Huyện ủy, Chủ tịch HĐND huyện")]


def test_first_mention_order_and_bylines_excluded():
    got = people(
        "Đồng chí Đào Minh Quân, Bí thư Đảng ủy xã chủ trì.",
        "Tham dự có đồng chí Phùng Thị Yến, Phó Chủ tịch UBND xã.",
        "Đồng chí Đào Minh Quân kết luận hội nghị.",
        exclude=["Phùng Thị Yến"],
    )
    assert got == [("Đào Minh Quân", "Bí thư Đảng ủy xã")]


def test_old_and_new_tone_placement_are_one_person():
    got = people(
        "Đồng chí Lê Thuỷ Tiên, Phó Chủ tịch UBND xã dự.",
        "Đồng chí Lê Thủy Tiên, Phó Chủ tịch UBND xã, Trưởng Ban Thanh tra nhân dân phát biểu.",
    )
    assert got == [("Lê Thuỷ Tiên", "Phó Chủ tịch UBND xã, Trưởng Ban Thanh tra nhân dân")]


@pytest.mark.parametrize(
    "text, names",
    [
        ("Ông Nguyễn Văn An cho biết", ["Nguyễn Văn An"]),
        ("đồng chí Giàng Seo Phử, Trưởng ban", ["Giàng Seo Phử"]),
        ("các đồng chí Y Biêr Niê và H'Hen Niê", ["Y Biêr Niê"]),
        ("Tỉnh ủy Thái Bình", ["Thái Bình"]),  # shape only; the caller rejects places
        ("tổ chức Hội nghị", []),
    ],
)
def test_name_spans(text, names):
    assert [text[s:e] for s, e in name_spans(text)] == names


def test_mention_offsets_point_at_the_name():
    text = "Sáng nay, đồng chí Mạc Văn Tiến, Bí thư Chi bộ thôn Bản Chang dự lễ."
    (m,) = find_mentions(text)
    assert text[m.start : m.start + len(m.name)] == "Mạc Văn Tiến"
    assert m.positions == "Bí thư Chi bộ thôn Bản Chang"
