"""Acceptance: the Tam Điệp 2023 figures of seed_2.txt, recorded as officials would.

"Trong năm 2023, toàn thành phố tiếp nhận 69 đơn/68 vụ việc, trong đó đơn kỳ trước chuyển
sang 16 đơn (thành phố 09 đơn, cấp xã 07 đơn), đơn tiếp nhận trong kỳ 53 đơn (thành phố 17
đơn, cấp xã 36 đơn). Số đơn đã xử lý/ Tổng số đơn tiếp nhận: 69/69 đơn."
"""

import datetime as dt
import itertools

import pytest

from danvan.accounts.permissions import SYSTEM, NotPermitted
from danvan.petitions import actions, duplicates
from danvan.petitions.models import Kind, Outcome
from danvan.petitions.stats import petition_stats, report_sentence

from .factories import city_with_communes, editor

D = dt.date
KINDS = itertools.cycle(
    [Kind.COMPLAINT, Kind.RECOMMENDATION, Kind.FEEDBACK, Kind.DENUNCIATION, Kind.RECOMMENDATION]
)
ROUTES = itertools.cycle(
    ["resolve", "resolve", "forward", "resolve", "reject", "resolve", "withdraw"]
)
SUBJECTS = itertools.cycle(
    [
        "Đề nghị sửa chữa đường giao thông nông thôn bị xuống cấp",
        "Khiếu nại việc bồi thường giải phóng mặt bằng dự án đường",
        "Phản ánh ô nhiễm từ lò đốt rác thải sinh hoạt",
        "Tố cáo việc thu tiền xây dựng nhà văn hóa trái quy định",
        "Kiến nghị cấp giấy chứng nhận quyền sử dụng đất",
        "Đề nghị xét trợ cấp cho người khuyết tật",
    ]
)


def receive(unit, by, day, **kw):  # type: ignore[no-untyped-def]
    kw.setdefault("kind", next(KINDS))
    kw.setdefault("summary", f"{next(SUBJECTS)} ({unit.short_name}, {day:%d/%m/%Y})")
    return actions.receive_petition(by=by, unit=unit, received_on=day, **kw)


def handle(p, by, day, route=None):  # type: ignore[no-untyped-def]
    """Classify, then accept and resolve, forward, not accept or record a withdrawal."""
    route = route or next(ROUTES)
    p = actions.classify_petition(p, by=by, on_date=p.received_on + dt.timedelta(days=1))
    decide = p.received_on + dt.timedelta(days=3)
    if route == "forward":
        return actions.forward_petition(p, by=by, on_date=day, forwarded_to="Thanh tra tỉnh")
    if route == "reject":
        return actions.reject_petition(
            p, by=by, on_date=day, reason="Không thuộc thẩm quyền, đã hướng dẫn"
        )
    if route == "withdraw":
        return actions.withdraw_petition(p, by=by, on_date=day, note="Công dân rút đơn")
    p = actions.accept_petition(p, by=by, on_date=decide)
    p = actions.start_resolution(p, by=by, on_date=decide)
    return actions.resolve_petition(
        p,
        by=by,
        on_date=day,
        outcome=Outcome.ANSWERED
        if p.kind in {Kind.RECOMMENDATION, Kind.FEEDBACK}
        else Outcome.PARTLY,
    )


@pytest.fixture
def tam_diep(tables):  # type: ignore[no-untyped-def]
    city, communes = city_with_communes(9)
    return (
        city,
        communes,
        editor("thanh_pho", city),
        [editor(f"xa_{i}", c) for i, c in enumerate(communes)],
    )


def test_tam_diep_2023_figures(tam_diep):
    city, communes, city_editor, commune_editors = tam_diep
    at = list(zip(communes, commune_editors, strict=True))

    # 2022: handled within 2022 — not part of 2023's figures.
    for i in range(5):
        p = receive(city, city_editor, D(2022, 3, 1) + dt.timedelta(days=20 * i))
        handle(p, city_editor, p.received_on + dt.timedelta(days=25))
    # Carried over: received late in 2022, still open on 01/01/2023: city 9, communes 7.
    carried = [
        receive(city, city_editor, D(2022, 11, 10) + dt.timedelta(days=5 * i)) for i in range(9)
    ]
    carried += [
        receive(c, u, D(2022, 12, 1) + dt.timedelta(days=3 * i)) for i, (c, u) in enumerate(at[:7])
    ]
    for i, p in enumerate(carried):  # some already accepted and being resolved at the year's turn
        if i % 2 == 0:
            p = actions.classify_petition(
                p, by=p.created_by, on_date=p.received_on + dt.timedelta(days=1)
            )
            actions.accept_petition(
                p, by=p.created_by, on_date=p.received_on + dt.timedelta(days=4)
            )
    # Received in 2023: city 17 (one filed twice), communes 36.
    received = [
        receive(city, city_editor, D(2023, 1, 9) + dt.timedelta(days=18 * i)) for i in range(15)
    ]
    first = receive(
        city,
        city_editor,
        D(2023, 3, 6),
        kind=Kind.COMPLAINT,
        petitioner_name="Nguyễn Văn Bình",
        summary="Khiếu nại quyết định thu hồi đất nông nghiệp tại thôn Đông, phường Trung Sơn",
    )
    received.append(first)
    for i in range(36):
        commune, user = at[i % 9]
        received.append(receive(commune, user, D(2023, 1, 16) + dt.timedelta(days=8 * i)))

    # The same letter again: the receive form suggests the open case, the editor joins it.
    again = {
        "kind": Kind.COMPLAINT,
        "petitioner_name": "Nguyễn Văn Bình",
        "summary": "Khiếu nại quyết định thu hồi đất nông nghiệp của gia đình tại thôn Đông, Trung Sơn",
    }
    found = duplicates.suggest(
        by=city_editor,
        unit=city,
        received_on=D(2023, 4, 10),
        **{
            "kind": again["kind"],
            "summary": again["summary"],
            "petitioner_name": again["petitioner_name"],
        },
    )
    assert found and found[0].petition == first
    assert "Cùng người gửi" in found[0].reasons
    repeat = receive(city, city_editor, D(2023, 4, 10), case=found[0].petition.case, **again)
    assert repeat.case == first.case
    received.append(repeat)
    assert len(received) == 53

    # Everything handled during 2023.
    for i, p in enumerate(carried):
        p.refresh_from_db()
        if p.status == "accepted":
            p = actions.resolve_petition(
                p,
                by=p.created_by,
                on_date=D(2023, 1, 20) + dt.timedelta(days=i),
                outcome=Outcome.CORRECT,
            )
        else:
            handle(p, p.created_by, D(2023, 2, 1) + dt.timedelta(days=i))
    for p in received:
        p.refresh_from_db()
        handle(p, p.created_by, min(p.received_on + dt.timedelta(days=20), D(2023, 12, 20)))

    # Not 2023: received in 2024, and a petition of another city.
    receive(city, city_editor, D(2024, 1, 15))
    other_city, _ = city_with_communes_elsewhere()
    receive(other_city, SYSTEM, D(2023, 5, 5))

    stats = petition_stats(city, D(2023, 1, 1), D(2023, 12, 31), by=city_editor)
    assert (stats.all.total, stats.all.cases) == (69, 68)
    assert (stats.all.carried_over, stats.own.carried_over, stats.lower.carried_over) == (16, 9, 7)
    assert (stats.all.received, stats.own.received, stats.lower.received) == (53, 17, 36)
    assert (stats.all.handled, stats.all.total) == (69, 69)
    assert stats.all.pending == 0
    assert stats.all.handled == stats.all.on_time + stats.all.late
    sentence = report_sentence(stats)
    assert "tiếp nhận 69 đơn/68 vụ việc" in sentence
    assert "đơn kỳ trước chuyển sang 16 đơn (thành phố 09 đơn, cấp xã 07 đơn)" in sentence
    assert "đơn tiếp nhận trong kỳ 53 đơn (thành phố 17 đơn, cấp xã 36 đơn)" in sentence
    assert "69/69 đơn" in sentence


def test_a_commune_editor_records_only_in_their_commune(tam_diep):
    city, communes, _city_editor, commune_editors = tam_diep
    with pytest.raises(NotPermitted):
        receive(city, commune_editors[0], D(2023, 2, 1))
    with pytest.raises(NotPermitted):
        receive(communes[1], commune_editors[0], D(2023, 2, 1))
    with pytest.raises(NotPermitted):
        petition_stats(city, D(2023, 1, 1), D(2023, 12, 31), by=commune_editors[0])


def city_with_communes_elsewhere():  # type: ignore[no-untyped-def]
    from danvan.units.models import LAST_LEGACY_DATE, Level, Unit
    from danvan.units.models import Kind as UnitKind
    from danvan.units.tests.factories import UnitFactory

    province = Unit.objects.get(code="P37")
    other = UnitFactory(
        code="C371",
        short_name="Ninh Bình",
        kind=UnitKind.PROVINCIAL_CITY,
        level=Level.DISTRICT,
        parent=province,
        valid_to=LAST_LEGACY_DATE,
    )
    return other, []
