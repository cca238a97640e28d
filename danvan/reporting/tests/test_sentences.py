from danvan.reporting.sentences import PetitionFigures, meetings_sentence, petitions_sentence


def test_the_tam_diep_sentence():
    f = PetitionFigures(carried_over=16, carried_over_own=9, carried_over_lower=7, received=53, received_own=17,
                        received_lower=36, cases=68, handled=69)
    assert petitions_sentence(period_label="năm 2023", unit_kind="provincial_city", unit_level="district", f=f) == (
        "Trong năm 2023, toàn thành phố tiếp nhận 69 đơn/68 vụ việc, trong đó đơn kỳ trước chuyển sang 16 đơn "
        "(thành phố 09 đơn, cấp xã 07 đơn), đơn tiếp nhận trong kỳ 53 đơn (thành phố 17 đơn, cấp xã 36 đơn). "
        "Số đơn đã xử lý/Tổng số đơn tiếp nhận: 69/69 đơn."
    )


def test_the_cau_ngang_phrase():
    assert meetings_sentence(meetings=305, attendance=17385) == "tổ chức được 305 cuộc, có 17.385 lượt người dự"
