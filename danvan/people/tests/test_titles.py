import pytest

from danvan.people.titles import body_kind_hint, split_name_and_positions, split_position_text

CASES = [
    (
        "Phó Bí thư TT Thành uỷ, Trưởng BCĐ thực hiện quy chế dân chủ ở cơ sở Thành phố",
        ["Phó Bí thư TT Thành uỷ", "Trưởng BCĐ thực hiện quy chế dân chủ ở cơ sở Thành phố"],
    ),
    (
        "Uỷ viên BTV, Trưởng Ban Dân vận, Chủ tịch UB MTTQ Thành phố",
        ["Uỷ viên BTV", "Trưởng Ban Dân vận", "Chủ tịch UB MTTQ Thành phố"],
    ),
    (
        "Ủy viên Ban Thường vụ Huyện ủy, Trưởng Ban Dân vận Huyện ủy, Chủ tịch UBMTTQVN huyện",
        [
            "Ủy viên Ban Thường vụ Huyện ủy",
            "Trưởng Ban Dân vận Huyện ủy",
            "Chủ tịch UBMTTQVN huyện",
        ],
    ),
    # A comma inside the name of a body does not split it.
    (
        "Giám đốc Sở Văn hóa, Thể thao và Du lịch, Phó Trưởng Ban Chỉ đạo",
        ["Giám đốc Sở Văn hóa, Thể thao và Du lịch", "Phó Trưởng Ban Chỉ đạo"],
    ),
    (
        "Phó Giám đốc Sở Lao động, Thương binh và Xã hội; Ủy viên Ban Chấp hành",
        ["Phó Giám đốc Sở Lao động, Thương binh và Xã hội", "Ủy viên Ban Chấp hành"],
    ),
    # Nor a comma inside quotes or brackets.
    (
        "Trưởng Ban Chỉ đạo phong trào thi đua “Dân vận khéo, nhân rộng”, Bí thư Đảng ủy",
        ["Trưởng Ban Chỉ đạo phong trào thi đua “Dân vận khéo, nhân rộng”", "Bí thư Đảng ủy"],
    ),
    ("Bí thư Thành ủy (kiêm Chủ tịch, HĐND), ", ["Bí thư Thành ủy (kiêm Chủ tịch, HĐND)"]),
    # Surname Trương is not the title Trưởng.
    ("Phó Chủ tịch UBND, Trương Văn Nam", ["Phó Chủ tịch UBND, Trương Văn Nam"]),
    ("  ", []),
    ("Bí thư Thành ủy, Chủ tịch HĐND TP.", ["Bí thư Thành ủy", "Chủ tịch HĐND TP"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split_position_text(text, expected):
    assert split_position_text(text) == expected


def test_split_name_and_positions():
    name, posts = split_name_and_positions(
        "Vũ Thị Mai Anh, Phó Bí thư TT Thành uỷ, Trưởng BCĐ thực hiện quy chế dân chủ ở cơ sở Thành phố"
    )
    assert name == "Vũ Thị Mai Anh"
    assert len(posts) == 2
    assert split_name_and_positions("đồng chí Nguyễn Văn Trãi, Trưởng Ban Dân vận Huyện ủy") == (
        "Nguyễn Văn Trãi",
        ["Trưởng Ban Dân vận Huyện ủy"],
    )


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Phó Trưởng Ban Dân vận Tỉnh uỷ", "mass_mobilization"),
        ("Chủ tịch UB MTTQ Thành phố", "fatherland_front"),
        ("Phó Chủ tịch TT UBND Thành phố", "peoples_committee"),
        ("Phó Bí thư TT Thành uỷ", "party_committee"),
        ("Trưởng BCĐ thực hiện quy chế dân chủ ở cơ sở Thành phố", "steering_committee"),
        ("Trưởng khối MTTQ và các tổ chức Chính trị-xã hội thành phố", "party_bloc"),
        ("Giám đốc Sở Văn hóa, Thể thao và Du lịch", ""),
    ],
)
def test_body_kind_hint(title, kind):
    assert body_kind_hint(title) == kind
