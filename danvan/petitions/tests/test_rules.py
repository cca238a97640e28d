"""The rule table: editable by administrators, never silently moving open cases."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.accounts.permissions import SYSTEM, NotPermitted
from danvan.audit.models import AuditEvent
from danvan.petitions import actions
from danvan.petitions.models import DeadlineRule, Event, RuleSource

from .factories import accepted

D = dt.date
RESOLVE = "kn1-giai-quyet-2012"


def test_editing_a_rule_never_moves_open_cases_until_recomputed(tables, world, admin, client):
    p = accepted(world.old_commune_a, on=D(2023, 3, 3))
    assert p.due_on == D(2023, 4, 3)
    rule = DeadlineRule.objects.get(code=RESOLVE)
    actions.update_rule(rule, by=admin, quantity=35, note="Thử sửa")
    p.refresh_from_db()
    assert p.due_on == D(2023, 4, 3)
    assert p.rule_changed
    client.force_login(world.province_approver)
    page = client.get(p.get_absolute_url()).content.decode()
    assert "đã được sửa sau khi tính hạn" in page
    response = client.post(
        reverse("petitions:recompute", args=[p.code]), {"note": "Áp dụng quy tắc đã sửa"}
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.due_on == D(2023, 4, 7) and not p.rule_changed
    assert p.transitions.filter(event=Event.RECOMPUTE).exists()
    event = AuditEvent.objects.get(verb="petitions.recompute")
    assert event.data["changes"]["Hạn xử lý"] == ["03/04/2023", "07/04/2023"]
    assert event.channel == "web"


def test_recompute_picks_a_rule_added_since(tables, world, admin):
    """A correction of the table by a new row: the case moves only when asked."""
    p = accepted(world.old_commune_a, on=D(2023, 3, 3))
    rule = DeadlineRule.objects.get(code=RESOLVE)
    actions.update_rule(rule, by=admin, valid_to=D(2023, 3, 1))
    actions.create_rule(
        by=admin,
        code="kn1-giai-quyet-sua",
        procedure=rule.procedure,
        step=rule.step,
        variant=rule.variant,
        quantity=20,
        unit=rule.unit,
        start_event=rule.start_event,
        legal_basis="Thử nghiệm",
        confidence="U",
        valid_from=D(2023, 3, 2),
        valid_to=D(2026, 6, 30),
    )
    p.refresh_from_db()
    assert p.deadline_rule.code == RESOLVE
    p = actions.recompute_deadline(p, by=SYSTEM)
    assert p.deadline_rule.code == "kn1-giai-quyet-sua" and p.due_on == D(2023, 3, 23)


def test_overlapping_rules_are_refused(tables, admin):
    rule = DeadlineRule.objects.get(code=RESOLVE)
    with pytest.raises(
        ValidationError, match="Trùng thời gian hiệu lực với quy tắc “kn1-giai-quyet-2012”"
    ):
        actions.create_rule(
            by=admin,
            code="trung",
            procedure=rule.procedure,
            step=rule.step,
            variant=rule.variant,
            quantity=20,
            unit=rule.unit,
            legal_basis="X",
            valid_from=D(2020, 1, 1),
        )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"quantity": 0}, "lớn hơn 0"),
        ({"valid_from": D(2030, 1, 1), "valid_to": D(2029, 1, 1)}, "phải trước"),
        ({"max_extensions": 1, "extension_quantity": 0}, "mỗi lần gia hạn"),
    ],
)
def test_rule_validation(tables, admin, fields, message):
    with pytest.raises(ValidationError, match=message):
        actions.update_rule(DeadlineRule.objects.get(code=RESOLVE), by=admin, **fields)


def test_only_administrators_manage_rules(tables, world):
    rule = DeadlineRule.objects.get(code=RESOLVE)
    for user in (world.province_approver, world.commune_editor, world.central_viewer):
        with pytest.raises(NotPermitted):
            actions.update_rule(rule, by=user, quantity=31)


def test_loading_again_keeps_administrator_edits_and_restores_seed_rows(tables, admin):
    edited = DeadlineRule.objects.get(code=RESOLVE)
    actions.update_rule(
        edited,
        by=admin,
        note="Đã đối chiếu",
        legal_basis="Luật Khiếu nại 2011, Điều 28 (đối chiếu)",
    )
    DeadlineRule.objects.filter(code="tc-chuyen-don-2019").update(quantity=9)
    report = actions.load_rules(by=SYSTEM)
    assert (report.created, report.updated, report.kept_admin) == (0, 1, 1)
    edited.refresh_from_db()
    assert edited.legal_basis.endswith("(đối chiếu)") and edited.source == RuleSource.ADMIN
    restored = DeadlineRule.objects.get(code="tc-chuyen-don-2019")
    assert (restored.quantity, restored.revision) == (5, 2)


def test_rule_pages(tables, world, admin, client):
    rule = DeadlineRule.objects.get(code=RESOLVE)
    client.force_login(world.outsider)
    assert "Khiếu nại lần đầu" in client.get(reverse("petitions:rules")).content.decode()
    assert client.get(reverse("petitions:rules"), {"hieu-luc": "01/08/2026"}).status_code == 200
    assert client.get(reverse("petitions:rule_edit", args=[rule.code])).status_code == 200
    assert client.get(reverse("petitions:rule_new")).status_code == 403
    assert client.post(reverse("petitions:rule_update", args=[rule.code]), {}).status_code == 403
    assert client.post(reverse("petitions:rule_create"), {}).status_code == 403
    assert client.get(reverse("petitions:rule_edit", args=["khong-co"])).status_code == 404

    client.force_login(admin)
    assert client.get(reverse("petitions:rule_new")).status_code == 200
    form = {
        "code": "thu-nghiem",
        "procedure": "grassroots",
        "step": "answer",
        "variant": "normal",
        "quantity": "",
        "unit": "calendar_day",
        "start_event": "receipt",
        "max_extensions": "0",
        "extension_quantity": "0",
        "legal_basis": "Quy định thử",
        "confidence": "U",
        "valid_from": "01/01/2019",
        "valid_to": "31/12/2019",
        "roll_forward": "on",
    }
    response = client.post(reverse("petitions:rule_create"), form)
    assert response.status_code == 400 and "Hãy nhập thời hạn." in response.content.decode()
    assert (
        client.post(reverse("petitions:rule_create"), {**form, "quantity": "12"}).status_code == 302
    )
    assert DeadlineRule.objects.get(code="thu-nghiem").quantity == 12
    data = {
        **form,
        "quantity": "31",
        "valid_from": "01/07/2012",
        "valid_to": "30/06/2026",
        "procedure": rule.procedure,
        "step": rule.step,
        "legal_basis": rule.legal_basis,
        "confidence": "V",
    }
    del data["code"]
    assert client.post(reverse("petitions:rule_update", args=[rule.code]), data).status_code == 302
    rule.refresh_from_db()
    assert (rule.quantity, rule.revision) == (31, 2)
    assert client.get(reverse("petitions:rule_new")).status_code == 200
    assert client.get(reverse("petitions:rule_create")).status_code == 405


def test_the_django_admin_goes_through_the_actions(tables, world, client):
    from danvan.accounts.tests.factories import UserFactory

    root = UserFactory(username="sieuquantri", is_superuser=True, is_staff=True)
    client.force_login(root)
    rule = DeadlineRule.objects.get(code="tc-cong-khai-2019")
    url = reverse("admin:petitions_deadlinerule_change", args=[rule.pk])
    assert client.get(url).status_code == 200
    data = {f: getattr(rule, f) for f in actions.RULE_FIELDS}
    data.update(
        {
            "code": rule.code,
            "quantity": 8,
            "valid_from": "2019-01-01",
            "valid_to": "2026-06-30",
            "include_start": "",
            "roll_forward": "on",
        }
    )
    data = {k: ("" if v is None else v) for k, v in data.items() if v is not False}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    rule.refresh_from_db()
    assert (rule.quantity, rule.revision, rule.source) == (8, 2, RuleSource.ADMIN)
    assert AuditEvent.objects.filter(verb="petitions.rule_update", target_id=str(rule.pk)).exists()
