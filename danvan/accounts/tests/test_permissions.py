import pytest
from django.http import Http404

from danvan.accounts import permissions
from danvan.accounts.models import RoleGrant, User
from danvan.units.models import Unit


def keys(qs):
    return set(qs.values_list("key", flat=True))


def test_a_commune_role_covers_the_commune_and_the_old_communes_it_succeeded(world):
    scope = keys(permissions.scope(world.commune_editor, "accounts.view_users"))
    assert scope == {world.commune_a.key, world.old_commune_a.key}


def test_a_province_role_covers_its_communes_and_the_old_province_subtree(world):
    scope = keys(permissions.scope(world.province_approver, "accounts.view_users"))
    assert scope == {
        world.province.key,
        world.commune_a.key,
        world.commune_b.key,
        world.old_province.key,
        world.old_district.key,
        world.old_commune_a.key,
        world.old_commune_b.key,
    }
    assert world.commune_c.key not in scope


def test_a_nation_role_covers_everything(world):
    assert keys(permissions.scope(world.central_viewer, "accounts.view_users")) == set(
        Unit.objects.values_list("key", flat=True)
    )


def test_no_grant_means_no_units_never_all(world):
    assert not permissions.scope(world.outsider, "accounts.view_users").exists()
    assert not permissions.can(world.outsider, "accounts.view_users", world.commune_c)


def test_roles_are_cumulative_and_actions_need_their_least_role(world):
    assert permissions.can(world.central_viewer, "accounts.view_users", world.commune_b)
    assert not permissions.can(world.central_viewer, "accounts.manage_users", world.commune_b)
    assert not permissions.can(world.province_approver, "accounts.manage_users", world.commune_a)
    assert permissions.can(world.province_approver, "audit.view", world.commune_a)
    assert not permissions.can(world.commune_editor, "audit.view", world.commune_a)


def test_revoked_grants_give_nothing(world):
    RoleGrant.objects.filter(user=world.commune_editor).update(revoked_at="2026-01-01T00:00:00Z")
    user = User.objects.get(pk=world.commune_editor.pk)  # fresh object: no cached scope
    assert not permissions.can(user, "accounts.view_users", world.commune_a)


def test_inactive_users_can_do_nothing(world):
    world.central_viewer.is_active = False
    assert not permissions.can(world.central_viewer, "accounts.view_users", world.commune_a)


def test_unknown_actions_are_a_programming_error(world):
    with pytest.raises(ValueError):
        permissions.can(world.central_viewer, "nonsense.do", world.commune_a)


def test_hidden_looks_like_missing(world):
    with pytest.raises(Http404):
        permissions.get_for_user(
            world.commune_editor,
            Unit.objects,
            "accounts.view_users",
            unit_field="pk",
            key=world.commune_b.key,
        )
    with pytest.raises(Http404):
        permissions.get_for_user(
            world.commune_editor,
            Unit.objects,
            "accounts.view_users",
            unit_field="pk",
            key="no-such-unit",
        )


def test_require_raises_a_vietnamese_message(world):
    with pytest.raises(permissions.NotPermitted, match="không có quyền"):
        permissions.require(world.commune_editor, "accounts.manage_users", world.commune_a)


def test_superusers_may_do_anything(world):
    world.outsider.is_superuser = True
    assert permissions.can(world.outsider, "accounts.manage_users", world.commune_b)
    assert permissions.scope(world.outsider, "accounts.view_users").count() == Unit.objects.count()
