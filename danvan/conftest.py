"""The shared test world: a small unit tree across the 2025 reform, and personas.

    Việt Nam
    ├── Tỉnh Thử A (T1, from 01/07/2025) ── Phường An (T1A), Xã Bình (T1B)
    ├── Tỉnh Thử C (T2, from 01/07/2025) ── Xã Cường (T2C)
    └── Tỉnh Thử A cũ (T1@2025-06-30) ── Huyện Cũ (T10@…) ── Xã An Cũ → Phường An, Xã Bình Cũ → Xã Bình

Personas: trunguong (viewer on the nation), tinh (approver on T1), xa_a (editor on
T1A), xa_b (editor on T1B, the sibling), khach (no role).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from danvan.accounts.models import Role, User
from danvan.accounts.tests.factories import official
from danvan.units.models import LAST_LEGACY_DATE, REFORM_DATE, Kind, Level, LineageKind, Unit
from danvan.units.tests.factories import UnitFactory, link, nation


@dataclass
class World:
    nation: Unit
    province: Unit
    commune_a: Unit
    commune_b: Unit
    other_province: Unit
    commune_c: Unit
    old_province: Unit
    old_district: Unit
    old_commune_a: Unit
    old_commune_b: Unit
    central_viewer: User
    province_approver: User
    commune_editor: User
    sibling_editor: User
    outsider: User
    other_editor: User

    @property
    def personas(self) -> dict[str, User]:
        return {
            "central_viewer": self.central_viewer,
            "province_approver": self.province_approver,
            "commune_editor": self.commune_editor,
            "outsider": self.outsider,
        }


def _unit(code: str, name: str, kind: str, level: str, parent: Unit, legacy: bool = False) -> Unit:
    return UnitFactory(
        code=code,
        short_name=name,
        kind=kind,
        level=level,
        parent=parent,
        valid_from=None if legacy else REFORM_DATE,
        valid_to=LAST_LEGACY_DATE if legacy else None,
    )


@pytest.fixture
def world(db) -> World:  # type: ignore[no-untyped-def]
    vn = nation()
    p = _unit("T1", "Thử A", Kind.PROVINCE, Level.PROVINCE, vn)
    a = _unit("T1A", "An", Kind.WARD, Level.COMMUNE, p)
    b = _unit("T1B", "Bình", Kind.COMMUNE, Level.COMMUNE, p)
    q = _unit("T2", "Thử C", Kind.PROVINCE, Level.PROVINCE, vn)
    c = _unit("T2C", "Cường", Kind.COMMUNE, Level.COMMUNE, q)
    p0 = _unit("T1", "Thử A", Kind.PROVINCE, Level.PROVINCE, vn, legacy=True)
    d0 = _unit("T10", "Cũ", Kind.RURAL_DISTRICT, Level.DISTRICT, p0, legacy=True)
    a0 = _unit("T1A0", "An Cũ", Kind.COMMUNE, Level.COMMUNE, d0, legacy=True)
    b0 = _unit("T1B0", "Bình Cũ", Kind.COMMUNE, Level.COMMUNE, d0, legacy=True)
    link(p0, p, LineageKind.UNCHANGED)
    link(a0, a, LineageKind.RENAMED)
    link(b0, b, LineageKind.RENAMED)
    return World(
        nation=vn,
        province=p,
        commune_a=a,
        commune_b=b,
        other_province=q,
        commune_c=c,
        old_province=p0,
        old_district=d0,
        old_commune_a=a0,
        old_commune_b=b0,
        central_viewer=official("trunguong", vn, Role.VIEWER, "Nguyễn Thị Hà"),
        province_approver=official("tinh", p, Role.APPROVER, "Trần Văn Hùng"),
        commune_editor=official("xa_a", a, Role.EDITOR, "Lê Thị Ngọc"),
        sibling_editor=official("xa_b", b, Role.EDITOR, "Vũ Văn Bình"),
        outsider=official("khach", c, None, "Phạm Quốc Khánh"),
        other_editor=official("xa_c", c, Role.EDITOR, "Đỗ Văn Cường"),
    )


@pytest.fixture(autouse=True, scope="session")
def _fast_argon2():  # type: ignore[no-untyped-def]
    """Argon2 with the production cost takes ~0.2 s a hash; tests use the same algorithm cheaply."""
    from django.conf import settings
    from django.contrib.auth import hashers

    original = settings.PASSWORD_HASHERS
    settings.PASSWORD_HASHERS = ["danvan.accounts.tests.hashers.CheapArgon2PasswordHasher"]
    hashers.get_hashers.cache_clear()
    hashers.get_hashers_by_algorithm.cache_clear()
    yield
    settings.PASSWORD_HASHERS = original
    hashers.get_hashers.cache_clear()
    hashers.get_hashers_by_algorithm.cache_clear()


@pytest.fixture(autouse=True)
def _imports_inline(settings):  # type: ignore[no-untyped-def]
    """Tests run spreadsheet imports inline: a thread would use another database connection."""
    settings.IMPORT_IN_BACKGROUND = False


@pytest.fixture(autouse=True)
def _fresh_indicator_cache():  # type: ignore[no-untyped-def]
    """Each test starts without indicator definitions cached from another test's rolled-back rows."""
    from danvan.reporting.facts import invalidate

    invalidate()
    yield
    invalidate()
