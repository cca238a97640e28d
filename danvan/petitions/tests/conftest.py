import pytest

from danvan.accounts.models import Role
from danvan.accounts.tests.factories import official

from .factories import load_tables


@pytest.fixture
def tables(db):  # type: ignore[no-untyped-def]
    """The deadline rules and the working-day calendar, loaded as the commands do."""
    load_tables()


@pytest.fixture
def admin(world):  # type: ignore[no-untyped-def]
    """An administrator of the nation (rules.manage), not a superuser."""
    return official("quantri", world.nation, Role.ADMIN, "Đỗ Minh Quân")
