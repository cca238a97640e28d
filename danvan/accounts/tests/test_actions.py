import pytest
from django.core.exceptions import ValidationError

from danvan.accounts import actions
from danvan.accounts.models import ApiToken, Role, RoleGrant, User
from danvan.accounts.permissions import SYSTEM, NotPermitted
from danvan.accounts.tests.factories import PASSWORD, official
from danvan.audit.models import AuditEvent
from danvan.units.models import Body


@pytest.fixture
def admin_a(world):
    return official("quantri_a", world.province, Role.ADMIN, "Quản Trị Tỉnh")


def test_an_administrator_adds_a_colleague_in_a_lower_unit(world, admin_a):
    body = Body.objects.filter(unit=world.commune_a).first()
    user = actions.create_user(
        by=admin_a,
        username="Moi.CanBo",
        password="mot-mat-khau-dai-2025",
        full_name="Hoàng  Thị Mới",
        body=body,
        role=Role.EDITOR,
    )
    assert user.username == "moi.canbo"
    assert user.full_name == "Hoàng Thị Mới"
    assert user.password.startswith("argon2")
    assert RoleGrant.objects.filter(user=user, unit=world.commune_a, role=Role.EDITOR).exists()
    verbs = list(AuditEvent.objects.filter(actor=admin_a).values_list("verb", flat=True))
    assert sorted(verbs) == ["accounts.create_user", "accounts.grant_role"]


def test_an_administrator_cannot_add_users_outside_the_subtree(world, admin_a):
    body = Body.objects.filter(unit=world.commune_c).first()
    with pytest.raises(NotPermitted):
        actions.create_user(
            by=admin_a, username="x", password="mot-mat-khau-dai-2025", full_name="X", body=body
        )
    assert not User.objects.filter(username="x").exists()


def test_weak_passwords_are_refused_and_nothing_is_written(world, admin_a):
    body = Body.objects.filter(unit=world.commune_a).first()
    with pytest.raises(ValidationError):
        actions.create_user(by=admin_a, username="yeu", password="123", full_name="Yếu", body=body)
    assert not User.objects.filter(username="yeu").exists()
    assert not AuditEvent.objects.filter(verb="accounts.create_user").exists()


def test_an_editor_cannot_grant_roles(world):
    with pytest.raises(NotPermitted):
        actions.grant_role(
            by=world.commune_editor,
            user=world.sibling_editor,
            unit=world.commune_a,
            role=Role.ADMIN,
        )


def test_revoking_a_grant_is_audited_and_idempotent(world):
    grant = RoleGrant.objects.get(user=world.commune_editor)
    actions.revoke_role(by=SYSTEM, grant=grant)
    actions.revoke_role(by=SYSTEM, grant=grant)
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    assert AuditEvent.objects.filter(verb="accounts.revoke_role").count() == 1


def test_password_change_needs_the_old_password(world):
    user = world.commune_editor
    with pytest.raises(actions.AccountError):
        actions.change_password(by=user, old_password="sai", new_password="mat-khau-moi-rat-dai")
    actions.change_password(by=user, old_password=PASSWORD, new_password="mat-khau-moi-rat-dai")
    assert user.check_password("mat-khau-moi-rat-dai")


def test_tokens_are_stored_hashed_and_shown_once(world):
    token, secret = actions.issue_token(by=world.commune_editor, name="Tập lệnh")
    assert secret.startswith("dv_") and secret not in token.digest
    assert token.digest == ApiToken.digest_of(secret)
    with pytest.raises(actions.AccountError):
        actions.revoke_token(by=world.sibling_editor, token=token)
    actions.revoke_token(by=world.commune_editor, token=token)
    token.refresh_from_db()
    assert token.revoked_at is not None
