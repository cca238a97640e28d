"""Placing citations in the registry: issuer codes seen from the citing unit, stubs, dates."""

import datetime as dt

import pytest

from danvan.accounts.models import Role
from danvan.accounts.permissions import SYSTEM, NotPermitted
from danvan.accounts.tests.factories import official
from danvan.audit.models import AuditEvent
from danvan.directives.citations import find_citations, unique_citations
from danvan.directives.linking import (
    directives_for,
    issuer_phrase,
    link,
    link_text,
    links_for,
    match_citation,
    place_citation,
    resolve_citation,
    unlink,
)
from danvan.directives.models import Directive, DirectiveLink
from danvan.units.models import Body

from .factories import DirectiveFactory

D = dt.date
SEPT_2022 = D(2022, 9, 30)


def one(text):
    (c,) = find_citations(text)
    return c


def resolve(text, unit, on=SEPT_2022, by=SYSTEM):
    return resolve_citation(
        one(text),
        context_unit=unit,
        context_date=on,
        by=by,
        issuer_hint=issuer_phrase(text, one(text)),
    )


# --- Where an issuer code points -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A district-level city has its own 'TU': the text decides, else the city.
        ("Chỉ thị 21-CT/TU, ngày 22/12/2021 của Ban Thường vụ Tỉnh ủy về tăng cường", "province"),
        ("Nghị quyết số 08-NQ/TU, ngày 25/11/2021 của BCH Đảng bộ Tỉnh;", "province"),
        ("Quyết định số 2152-QĐ/TU ngày 10/01/2022 của Thành ủy về việc ban hành", "city"),
        ("Nghị quyết số 56-NQ/TU, ngày 15/12/2021 của BCH Đảng bộ Thành phố;", "city"),
        (
            "Thông báo ý kiến của Thường trực Thành ủy tại Thông báo số 393-TB/TU, ngày 23/12/2021",
            "city",
        ),
        ("Thông báo số số 414-TB/TU, ngày 14/01/2022;", "city"),
        ("Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị", "nation"),
        (
            "Nghị quyết 337/2021/NQ-HĐND ngày 24/3/2021 của Hội đồng nhân dân tỉnh Quảng Ninh",
            "province",
        ),
        ("Nghị quyết số 36/NQ-HĐND, ngày 19/12/2021 của Hội đồng nhân dân thành phố", "city"),
        ("Nghị quyết số 36/NQ-HĐND, ngày 19/12/2021", "city"),
        ("Nghị quyết số 03-NQ/ĐU ngày 25/12/2021 về phương hướng", "city"),
        ("Luật số 10/2022/QH15", "nation"),
        ("Nghị định 59/2023/NĐ-CP", "nation"),
        ("Công văn số 15/BNV-VP", "nation"),
        ("Công văn số 12/XYZ-AB", None),
    ],
)
def test_issuer_codes_from_a_district_level_city(places, text, expected):
    c = one(text)
    place = place_citation(
        c,
        context_unit=places.ha_long_city,
        context_date=SEPT_2022,
        issuer_hint=issuer_phrase(text, c),
    )
    units = {
        "city": places.ha_long_city,
        "province": places.quang_ninh_old,
        "nation": places.nation,
        None: None,
    }
    assert place.preferred == units[expected]


def test_issuer_codes_from_a_rural_district(places):
    on = D(2023, 7, 1)
    cases = {
        "Chỉ thị số 21-CT/TU, ngày 27/5/2022 của Ban Thường vụ Tỉnh ủy": places.tra_vinh_old,
        "Chỉ thị số 21-CT/TU": places.tra_vinh_old,  # a rural district's committee is 'HU'
        "Quyết định số 391-QĐ/HU, ngày 13/01/2022 của Ban Thường vụ Huyện ủy": places.cau_ngang,
        "Kế hoạch số 01-KH/BCĐ, ngày 04/5 2021 của Ban Chỉ đạo Quy chế dân chủ ở cơ sở và "
        'phong trào thi đua “Dân vận khéo" tỉnh "Quy chế dân chủ': places.tra_vinh_old,
        "Kế hoạch số 01-KH/BCĐ, ngày 04/5 2021": places.cau_ngang,
    }
    for text, unit in cases.items():
        c = one(text)
        hint = issuer_phrase(text, c)
        place = place_citation(c, context_unit=places.cau_ngang, context_date=on, issuer_hint=hint)
        assert place.preferred == unit, text


def test_the_citing_unit_is_taken_as_it_stood_on_the_documents_date(places):
    # Today's Phường Hạ Long citing a 2021 Tỉnh ủy directive: the old province issued it.
    old = one("Chỉ thị 21-CT/TU, ngày 22/12/2021")
    place = place_citation(old, context_unit=places.ha_long_ward, context_date=D(2026, 3, 1))
    assert place.candidates == (places.ha_long_city, places.quang_ninh_old)
    # A 2026 document of the Tỉnh ủy: today's province (no district level any more).
    new = one("Chỉ thị 05-CT/TU, ngày 02/02/2026")
    place = place_citation(new, context_unit=places.ha_long_ward, context_date=D(2026, 3, 1))
    assert place.candidates == (places.quang_ninh,)
    # Undated: the record's date decides.
    undated = one("Đảng ủy phường thực hiện Nghị quyết 12-NQ/ĐU")
    place = place_citation(undated, context_unit=places.ha_long_ward, context_date=D(2026, 3, 1))
    assert place.preferred == places.ha_long_ward


def test_issuer_phrase_reads_after_then_before_the_citation():
    text = (
        "Chỉ thị  21-CT/TU, ngày 22/12/2021 của Ban Thường vụ Tỉnh ủy về tăng cường sự lãnh đạo "
        "trên địa bàn tỉnh; thực hiện Thông báo của Thường trực Thành ủy tại Thông báo số "
        "393-TB/TU, ngày 23/12/2021; Thông báo số số 414-TB/TU."
    )
    first, second, third = unique_citations(text)
    assert issuer_phrase(text, first) == "Ban Thường vụ Tỉnh ủy"
    assert issuer_phrase(text, second) == "Thường trực Thành ủy tại"
    assert issuer_phrase(text, third) == ""


# --- Stubs and matching ------------------------------------------------------------------


def test_an_unknown_document_becomes_a_stub_through_an_action(places):
    d = resolve("Chỉ thị 23-CT/TU ngày 10/02/2022 của Ban Thường vụ Tỉnh ủy", places.ha_long_city)
    assert d.is_stub and d.symbol == "23-CT/TU" and d.type_name == "Chỉ thị"
    assert d.issuing_unit == places.quang_ninh_old
    assert d.issuing_body == Body.objects.get(unit=places.quang_ninh_old, short_code="TU")
    assert d.issued_on == D(2022, 2, 10)
    assert "Tạo tự động từ trích dẫn" in d.note
    event = AuditEvent.objects.get(verb="directives.create_stub", target_id=str(d.pk))
    assert event.unit == places.quang_ninh_old
    # Resolving again finds it.
    again = resolve("Chỉ thị số 23-CT/TU, ngày 10/02/2022", places.ha_long_city)
    assert again == d and Directive.objects.count() == 1


def test_an_existing_entry_is_matched_not_duplicated(places):
    d = DirectiveFactory(symbol="11-QĐi/TW", issuing_unit=places.nation, issued_on=D(2019, 2, 18))
    assert resolve("theo Quy định 11-QĐi/TW… Riêng", places.cau_ngang, D(2023, 7, 1)) == d
    assert resolve("Quy định số 11-QĐi/TW ngày 18/02/2019", places.ha_long_city) == d
    assert Directive.objects.count() == 1


def test_same_symbol_two_provinces_two_documents(places):
    qn = resolve("Chỉ thị 21-CT/TU, ngày 22/12/2021 của Ban Thường vụ Tỉnh ủy", places.ha_long_city)
    tv = resolve(
        "Chỉ thị số 21-CT/TU, ngày 27/5/2022 của Ban Thường vụ Tỉnh ủy",
        places.cau_ngang,
        D(2023, 7, 1),
    )
    assert qn != tv
    assert (qn.issuing_unit, qn.issued_on) == (places.quang_ninh_old, D(2021, 12, 22))
    assert (tv.issuing_unit, tv.issued_on) == (places.tra_vinh_old, D(2022, 5, 27))
    # Undated later citations resolve by the citing unit, never across provinces.
    assert resolve("theo Chỉ thị số 21-CT/TU của Tỉnh ủy.", places.ha_long_city) == qn
    assert resolve("theo Chỉ thị số 21-CT/TU.", places.cau_ngang, D(2023, 8, 1)) == tv
    # Without a citing unit the symbol alone is ambiguous: no match.
    assert match_citation(one("Chỉ thị 21-CT/TU")) is None
    assert Directive.objects.filter(symbol="21-CT/TU").count() == 2


def test_same_symbol_same_unit_another_date_is_another_document(places):
    first = resolve("Chỉ thị 21-CT/TU, ngày 22/12/2021 của Tỉnh ủy", places.ha_long_city)
    older = resolve(
        "Chỉ thị 21-CT/TU, ngày 03/6/2016 của Tỉnh ủy", places.ha_long_city, D(2017, 1, 1)
    )
    assert older != first and older.issued_on == D(2016, 6, 3)
    # An undated citation picks the latest issued by the citing record's date.
    assert resolve("Chỉ thị 21-CT/TU của Tỉnh ủy", places.ha_long_city, D(2019, 1, 1)) == older
    assert resolve("Chỉ thị 21-CT/TU của Tỉnh ủy", places.ha_long_city, D(2022, 9, 1)) == first


def test_an_undated_stub_takes_the_date_of_a_later_citation(places):
    stub = resolve("Chỉ thị 05-CT/TW của Bộ Chính trị", places.ha_long_city)
    assert stub.is_stub and stub.issued_on is None
    dated = resolve("Chỉ thị 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị", places.ha_long_city)
    assert dated == stub
    stub.refresh_from_db()
    assert stub.issued_on == D(2016, 5, 15)
    assert AuditEvent.objects.filter(verb="directives.date_stub", target_id=str(stub.pk)).exists()
    # A third date is a third document, never merged into the dated stub.
    other = resolve("Chỉ thị 05-CT/TW, ngày 21/10/2011", places.ha_long_city)
    assert other != stub and Directive.objects.filter(symbol="05-CT/TW").count() == 2


def test_the_registry_decides_between_city_and_province(places):
    province_doc = DirectiveFactory(
        symbol="414-TB/TU", issuing_unit=places.quang_ninh_old, issued_on=D(2022, 1, 14)
    )
    # No words name the issuer and the default would be the city, but the province's
    # notice of that date is in the registry.
    assert resolve("Thông báo số 414-TB/TU, ngày 14/01/2022;", places.ha_long_city) == province_doc


def test_stubs_need_the_editor_role_at_the_citing_unit(places, world):
    viewer = official("xem_halong", places.ha_long_city, Role.VIEWER)
    editor = official("sua_halong", places.ha_long_city, Role.EDITOR)
    with pytest.raises(NotPermitted):
        resolve("Kết luận số 120-KL/TW của Bộ Chính trị", places.ha_long_city, by=viewer)
    # An editor of the city may note a central document it cites.
    d = resolve("Kết luận số 120-KL/TW của Bộ Chính trị", places.ha_long_city, by=editor)
    assert d.issuing_unit == places.nation and d.created_by == editor


# --- Links from records -------------------------------------------------------------------


SEED_3_EXCERPT = (
    'Thực hiện Chỉ thị số 21-CT/TU, ngày 27/5/2022 của Ban Thường vụ Tỉnh ủy "Về đẩy mạnh công '
    'tác dân vận", gắn với triển khai Kết luận số 120-KL/TW của Bộ Chính trị; Kế hoạch số '
    "01-KH/BCĐ, ngày 04/5 2021 của Ban Chỉ đạo … tỉnh; giải quyết theo Quy định 11-QĐi/TW… "
    "Quyết định số 391-QĐ/HU, ngày 13/01/2022 của Ban Thường vụ Huyện ủy."
)


def _record(unit):
    """Any saved model with a `unit` stands in for a conference or a key task."""
    return Body.objects.filter(unit=unit).first()


def test_link_text_links_every_cited_document_once_and_is_idempotent(places):
    record = _record(places.cau_ngang)
    on = D(2023, 7, 1)
    links = link_text(record, SEED_3_EXCERPT, unit=places.cau_ngang, on=on, by=SYSTEM)
    assert [row.directive.symbol for row in links] == [
        "21-CT/TU",
        "120-KL/TW",
        "01-KH/BCĐ",
        "11-QĐi/TW",
        "391-QĐ/HU",
    ]
    assert {row.unit for row in links} == {places.cau_ngang}
    assert links[0].raw.startswith("Chỉ thị số 21-CT/TU, ngày 27/5/2022")
    counts = (Directive.objects.count(), DirectiveLink.objects.count(), AuditEvent.objects.count())
    again = link_text(record, SEED_3_EXCERPT, unit=places.cau_ngang, on=on, by=SYSTEM)
    assert [row.pk for row in again] == [row.pk for row in links]
    assert (
        Directive.objects.count(),
        DirectiveLink.objects.count(),
        AuditEvent.objects.count(),
    ) == counts
    assert set(directives_for(record)) == {row.directive for row in links}
    assert links_for(record).count() == 5


def test_link_is_idempotent_and_a_new_role_replaces_the_old(places, world):
    record = _record(world.commune_a)
    d = DirectiveFactory(issuing_unit=places.nation, symbol="11-QĐi/TW", issued_on=D(2019, 2, 18))
    first = link(record, d, by=world.commune_editor)
    assert link(record, d, by=world.commune_editor) == first
    assert AuditEvent.objects.filter(verb="directives.link").count() == 1
    changed = link(record, d, by=world.commune_editor, role=DirectiveLink.Role.CITES)
    assert changed.pk == first.pk and changed.role == "cites"
    assert AuditEvent.objects.filter(verb="directives.link").count() == 2
    event = AuditEvent.objects.filter(verb="directives.link").first()
    assert event.target_id == str(record.pk) and event.unit == world.commune_a


def test_link_and_unlink_need_the_editor_role_on_the_records_unit(places, world):
    record = _record(world.commune_a)
    d = DirectiveFactory(issuing_unit=places.nation, symbol="11-QĐi/TW", issued_on=D(2019, 2, 18))
    with pytest.raises(NotPermitted):
        link(record, d, by=world.sibling_editor)
    with pytest.raises(NotPermitted):
        link(record, d, by=world.central_viewer)
    row = link(record, d, by=world.province_approver)
    with pytest.raises(NotPermitted):
        unlink(row, by=world.sibling_editor)
    unlink(row, by=world.commune_editor)
    assert not DirectiveLink.objects.exists()
    event = AuditEvent.objects.get(verb="directives.unlink")
    assert event.target_id == str(record.pk) and event.verb_label == "Gỡ liên kết văn bản chỉ đạo"
