import pytest

from danvan.accounts import actions
from danvan.audit.log import origin
from danvan.audit.models import AuditEvent, Channel


def test_actions_record_who_what_and_from_where(world):
    with origin(Channel.API, "10.0.0.5"):
        actions.issue_token(by=world.commune_editor, name="Tập lệnh")
    event = AuditEvent.objects.get(verb="accounts.issue_token")
    assert event.actor == world.commune_editor and event.actor_name == "xa_a"
    assert event.channel == Channel.API and event.ip == "10.0.0.5"
    assert event.target_type == "accounts.apitoken"


def test_audit_rows_cannot_be_changed_or_deleted(world):
    actions.issue_token(by=world.commune_editor, name="x")
    event = AuditEvent.objects.get()
    event.verb = "forged"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.all().update(verb="forged")
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()
