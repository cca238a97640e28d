"""The demo loader on a miniature of the demo units: idempotent, and the figures it promises."""

import datetime as dt

import pytest

from danvan.accounts.permissions import SYSTEM
from danvan.engagements.compliance import SHORT, reception_compliance
from danvan.engagements.counts import engagement_counts
from danvan.engagements.demo import load_demo
from danvan.engagements.models import Engagement
from danvan.units.models import LAST_LEGACY_DATE, REFORM_DATE, Kind, Level, LineageKind
from danvan.units.tests.factories import UnitFactory, link, nation

TODAY = dt.date(2026, 11, 22)


def unit(code, name, kind, level, parent, legacy=False):
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
def demo_units(db):
    vn = nation()
    qn = unit("22", "Quảng Ninh", Kind.PROVINCE, Level.PROVINCE, vn)
    ward = unit("06688", "Hạ Long", Kind.WARD, Level.COMMUNE, qn)
    qn_old = unit("22", "Quảng Ninh", Kind.PROVINCE, Level.PROVINCE, vn, legacy=True)
    city = unit("193", "Hạ Long", Kind.PROVINCIAL_CITY, Level.DISTRICT, qn_old, legacy=True)
    hong_hai = unit("06688", "Hồng Hải", Kind.WARD, Level.COMMUNE, city, legacy=True)
    hong_ha = unit("06697", "Hồng Hà", Kind.WARD, Level.COMMUNE, city, legacy=True)
    link(qn_old, qn, LineageKind.UNCHANGED)
    link(hong_hai, ward)
    link(hong_ha, ward)
    tv = unit("84", "Trà Vinh", Kind.PROVINCE, Level.PROVINCE, vn, legacy=True)
    cau_ngang = unit("848", "Cầu Ngang", Kind.RURAL_DISTRICT, Level.DISTRICT, tv, legacy=True)
    unit("29416", "Cầu Ngang", Kind.TOWNSHIP, Level.COMMUNE, cau_ngang, legacy=True)
    unit("86", "Vĩnh Long", Kind.PROVINCE, Level.PROVINCE, vn)
    return ward, cau_ngang


def test_the_demo_loads_once_and_shows_what_it_promises(demo_units):
    ward, cau_ngang = demo_units
    created = load_demo(by=SYSTEM, today=TODAY)
    assert created > 300
    assert load_demo(by=SYSTEM, today=TODAY) == 0  # idempotent
    figures = engagement_counts(cau_ngang, dt.date(2021, 1, 1), dt.date(2023, 6, 30), by=SYSTEM)
    assert (figures.total.meetings, figures.total.attendance) == (305, 17385)
    rows = reception_compliance(ward, 2026, 10, by=SYSTEM, today=TODAY)
    warnings = [r.warning for r in rows if r.status == SHORT]
    assert (
        "Bí thư Đảng ủy phường Hạ Long tiếp dân định kỳ 1/2 ngày trong tháng 10/2026." in warnings
    )
    assert any(
        w.startswith("Chủ tịch UBND phường Hạ Long tiếp dân định kỳ 4/5 tuần") for w in warnings
    )
    assert Engagement.objects.filter(deleted_at__isnull=False).count() == 1
    assert not Engagement.objects.filter(date__gt=TODAY).exists()
    assert Engagement.objects.filter(unit__key="06688@2025-06-30", date__year=2022).exists()
    assert Engagement.objects.filter(unit__key="193@2025-06-30", date__year=2022).exists()
    assert Engagement.objects.filter(unit__key="22@2025-06-30").exists()
    assert Engagement.objects.filter(unit__key="86").exists()
