"""Set-up for ingest tests: the legacy Trà Vinh / Cầu Ngang units, editors, indicators."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from danvan.accounts.models import Role, User
from danvan.accounts.tests.factories import official
from danvan.ingest.models import Draft
from danvan.reporting.standard import load_standard
from danvan.units.models import LAST_LEGACY_DATE, Kind, Level, Unit
from danvan.units.tests.factories import UnitFactory, nation

ARTICLES = Path(__file__).resolve().parents[4] / "shared" / "ingest" / "articles"


def seed_text(name: str = "seed_3.txt") -> str | None:
    path = ARTICLES / name
    return path.read_text(encoding="utf-8") if path.exists() else None


@dataclass
class CauNgang:
    province: Unit
    district: Unit
    editor: User
    province_editor: User


def cau_ngang() -> CauNgang:
    """Legacy Tỉnh Trà Vinh (84@2025-06-30) and Huyện Cầu Ngang (848@2025-06-30)."""
    vn = nation()
    province = Unit.objects.filter(key=f"84@{LAST_LEGACY_DATE.isoformat()}").first() or UnitFactory(
        code="84",
        short_name="Trà Vinh",
        kind=Kind.PROVINCE,
        level=Level.PROVINCE,
        parent=vn,
        valid_to=LAST_LEGACY_DATE,
    )
    district = Unit.objects.filter(
        key=f"848@{LAST_LEGACY_DATE.isoformat()}"
    ).first() or UnitFactory(
        code="848",
        short_name="Cầu Ngang",
        kind=Kind.RURAL_DISTRICT,
        level=Level.DISTRICT,
        parent=province,
        valid_to=LAST_LEGACY_DATE,
    )
    load_standard()
    return CauNgang(
        province=province,
        district=district,
        editor=official("caungang", district, Role.EDITOR, "Nguyễn Thị Lan"),
        province_editor=official("travinh", province, Role.EDITOR, "Lê Văn Sơn"),
    )


SAMPLE = """Ban Dân vận Huyện ủy Cũ sơ kết công tác dân vận 6 tháng đầu năm 2024

Chiều 10/7/2024, Ban Dân vận Huyện ủy Cũ tổ chức hội nghị sơ kết công tác dân vận 6 tháng đầu năm 2024. Dự hội nghị có đồng chí Phạm Văn Tâm, Phó Bí thư Thường trực Huyện ủy.

Thực hiện Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương, trong 6 tháng đầu năm, các xã đã tổ chức được 120 cuộc tuyên truyền với 6.500 lượt người dự.
"""


def draft_for(user: User, text: str = SAMPLE, **kw) -> Draft:  # type: ignore[no-untyped-def]
    from danvan.ingest.actions import import_article

    draft, _ = import_article(by=user, text=text, **kw)
    return draft
