"""Registry entries: who may write them, the domain checks, the audit trail."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from danvan.accounts.permissions import SYSTEM, NotPermitted
from danvan.audit.history import history
from danvan.audit.models import AuditEvent
from danvan.directives import actions
from danvan.directives.citations import parse_code
from danvan.directives.models import Directive, System
from danvan.units.models import Body

from .factories import DirectiveFactory

D = dt.date


def test_create_fills_the_symbol_parts_and_the_body(world):
    d = actions.create_directive(
        by=world.province_approver,
        symbol="21 - CT/TU",
        issuing_unit=world.province,
        issued_on=D(2025, 9, 1),
        title="Về tăng cường công tác dân vận",
    )
    assert (d.symbol, d.number, d.doc_type, d.type_name) == ("21-CT/TU", "21", "CT", "Chỉ thị")
    assert d.system == System.PARTY and d.issuer_code == "TU" and not d.is_stub
    assert d.issuing_body == Body.objects.get(unit=world.province, short_code="TU")
    assert d.created_by == world.province_approver
    assert "tang cuong cong tac dan van" in d.search_key
    (event,) = history(d)
    assert event.verb == "directives.create" and event.verb_label == "Thêm văn bản vào sổ"


def test_statutes_keep_their_year_and_take_the_type_name_given(world):
    d = actions.create_directive(
        by=SYSTEM,
        symbol="10/2022/QH15",
        type_name="Luật",
        issuing_unit=world.nation,
        issued_on=D(2022, 11, 10),
        title="Luật Thực hiện dân chủ ở cơ sở",
    )
    assert (d.system, d.year, d.issuer_code, d.type_name) == ("statute", 2022, "QH15", "Luật")
    assert d.issuer_label == "Quốc hội"


@pytest.mark.parametrize(
    ("persona", "unit", "allowed"),
    [
        ("province_approver", "province", True),
        ("province_approver", "commune_a", True),
        ("commune_editor", "commune_a", True),
        ("commune_editor", "province", False),
        ("sibling_editor", "commune_a", False),
        ("central_viewer", "nation", False),
        ("outsider", "commune_c", False),
    ],
)
def test_creating_needs_the_editor_role_on_the_issuing_unit(world, persona, unit, allowed):
    def create():
        return actions.create_directive(
            by=getattr(world, persona),
            symbol="01-NQ/ĐU",
            issuing_unit=getattr(world, unit),
            issued_on=D(2025, 8, 1),
            title="Về nhiệm vụ năm 2026",
        )

    if allowed:
        assert create().pk
    else:
        with pytest.raises(NotPermitted):
            create()


def test_an_entry_without_a_unit_needs_an_editor_somewhere(world):
    with pytest.raises(NotPermitted):
        actions.create_directive(by=world.central_viewer, symbol="12/XYZ-AB", title="Công văn")
    d = actions.create_directive(by=world.commune_editor, symbol="12/XYZ-AB", title="Công văn")
    assert d.issuing_unit is None and d.issuer_label == "XYZ-AB"


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"symbol": "Nghị quyết năm nay"}, "symbol", "không đúng dạng"),
        ({"issued_on": D(2024, 1, 5)}, "issuing_unit", "không tồn tại vào ngày 05/01/2024"),
        (
            {"symbol": "337/2021/NQ-HĐND", "issued_on": D(2025, 8, 1)},
            "issued_on",
            "khác năm trong ký hiệu",
        ),
        ({"issued_on": D(2099, 1, 1)}, "issued_on", "không được sau hôm nay"),
        ({"valid_from": D(2025, 9, 1), "valid_to": D(2025, 8, 1)}, "valid_to", "phải sau"),
    ],
)
def test_domain_checks_speak_vietnamese(world, values, field, message):
    base = {"symbol": "21-CT/TU", "issuing_unit": world.province, "issued_on": D(2025, 8, 1)}
    with pytest.raises(ValidationError) as e:
        actions.create_directive(by=SYSTEM, **{**base, **values})
    assert message in " ".join(e.value.message_dict[field])
    assert not Directive.objects.exists()


def test_the_body_must_belong_to_the_unit(world):
    other = Body.objects.filter(unit=world.other_province).first()
    with pytest.raises(ValidationError) as e:
        actions.create_directive(
            by=SYSTEM, symbol="21-CT/TU", issuing_unit=world.province, issuing_body=other
        )
    assert "không thuộc đơn vị" in e.value.message_dict["issuing_body"][0]


def test_the_same_document_cannot_be_registered_twice(world):
    values = {"symbol": "21-CT/TU", "issuing_unit": world.province, "issued_on": D(2025, 8, 1)}
    actions.create_directive(by=SYSTEM, **values)
    with pytest.raises(ValidationError) as e:
        actions.create_directive(by=SYSTEM, **values)
    assert "Sổ đã có văn bản 21-CT/TU" in e.value.messages[0]
    # The same symbol of another province, or another date, is another document.
    actions.create_directive(by=SYSTEM, **{**values, "issuing_unit": world.other_province})
    actions.create_directive(by=SYSTEM, **{**values, "issued_on": D(2025, 7, 2)})
    assert Directive.objects.filter(symbol="21-CT/TU").count() == 3


def test_update_records_the_changes_and_checks_both_units(world):
    d = DirectiveFactory(symbol="05-KH/ĐU", issuing_unit=world.commune_a, issued_on=D(2025, 8, 1))
    actions.update_directive(d, by=world.commune_editor, title="Kế hoạch mới", note="Sửa chính tả")
    d.refresh_from_db()
    assert d.title == "Kế hoạch mới"
    event = AuditEvent.objects.get(verb="directives.update")
    assert event.data["changes"]["Trích yếu"][1] == "Kế hoạch mới"
    # Nothing changed: no audit row.
    actions.update_directive(d, by=world.commune_editor, title="Kế hoạch mới")
    assert AuditEvent.objects.filter(verb="directives.update").count() == 1
    with pytest.raises(NotPermitted):
        actions.update_directive(d, by=world.sibling_editor, title="Không được")
    with pytest.raises(NotPermitted):  # moving it to the sibling commune needs a role there too
        actions.update_directive(d, by=world.commune_editor, issuing_unit=world.commune_b)
    actions.update_directive(d, by=world.province_approver, issuing_unit=world.commune_b)
    d.refresh_from_db()
    assert d.issuing_unit == world.commune_b
    assert d.issuing_body.unit == world.commune_b  # the body follows the unit


def test_amendments_and_replacements(world):
    old = DirectiveFactory(symbol="11-QĐi/TW", issuing_unit=world.nation, issued_on=D(2019, 2, 18))
    new = actions.create_directive(
        by=SYSTEM,
        symbol="215-KL/TW",
        issuing_unit=world.nation,
        issued_on=D(2025, 11, 23),
        amends=[old],
        title="Sửa đổi Quy định 11-QĐi/TW",
    )
    assert list(old.amended_by.all()) == [new]
    with pytest.raises(ValidationError) as e:
        actions.update_directive(new, by=SYSTEM, amends=[old, new])
    assert "tự sửa đổi" in e.value.message_dict["amends"][0]
    actions.update_directive(old, by=SYSTEM, replaced_by=new)
    with pytest.raises(ValidationError) as e:
        actions.update_directive(new, by=SYSTEM, replaced_by=old)
    assert "chính nó" in e.value.message_dict["replaced_by"][0]


def test_completing_a_stub(world):
    stub = actions.create_stub(
        parse_code("08-NQ/TU"), by=SYSTEM, context_unit=world.commune_a, issuing_unit=world.province
    )
    assert stub.is_stub
    with pytest.raises(NotPermitted):  # the province's document: not the commune's to complete
        actions.complete_stub(stub, by=world.commune_editor, title="Về nhiệm vụ")
    with pytest.raises(ValidationError) as e:
        actions.complete_stub(stub, by=world.province_approver)
    assert set(e.value.message_dict) == {"title", "issued_on"}
    done = actions.complete_stub(
        stub, by=world.province_approver, title="Về nhiệm vụ năm 2026", issued_on=D(2025, 8, 1)
    )
    assert not done.is_stub and done.issued_on == D(2025, 8, 1)
    assert history(done).first().verb_label == "Bổ sung đủ thông tin văn bản"
    with pytest.raises(ValidationError):
        actions.complete_stub(done, by=world.province_approver, title="Lần nữa")


def test_search_ignores_diacritics_and_case(world):
    DirectiveFactory(symbol="11-QĐi/TW", issuing_unit=world.nation, title="Về trách nhiệm tiếp dân")
    DirectiveFactory(symbol="56-NQ/TU", issuing_unit=world.province, title="Về phương hướng")
    assert [d.symbol for d in Directive.objects.matching("tiep dan")] == ["11-QĐi/TW"]
    assert [d.symbol for d in Directive.objects.matching("11-qdi")] == ["11-QĐi/TW"]
    assert [d.symbol for d in Directive.objects.matching("PHƯƠNG HƯỚNG")] == ["56-NQ/TU"]
