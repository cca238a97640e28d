"""The demo loader on a miniature of the demo units: every status, idempotent, and
Tam Điệp 2023 as reported."""

import datetime as dt

from django.utils import timezone

from danvan.accounts.permissions import SYSTEM
from danvan.petitions import demo
from danvan.petitions.models import Petition
from danvan.petitions.states import Status
from danvan.petitions.stats import petition_stats
from danvan.units.models import LAST_LEGACY_DATE, REFORM_DATE, Kind, Level, LineageKind
from danvan.units.tests.factories import UnitFactory, link, nation


def miniature():  # type: ignore[no-untyped-def]
    vn = nation()
    qn_old = UnitFactory(
        code="22",
        short_name="Quảng Ninh",
        kind=Kind.PROVINCE,
        level=Level.PROVINCE,
        parent=vn,
        valid_to=LAST_LEGACY_DATE,
    )
    qn = UnitFactory(
        code="22",
        short_name="Quảng Ninh",
        kind=Kind.PROVINCE,
        level=Level.PROVINCE,
        parent=vn,
        valid_from=REFORM_DATE,
    )
    city = UnitFactory(
        code="193",
        short_name="Hạ Long",
        kind=Kind.PROVINCIAL_CITY,
        level=Level.DISTRICT,
        parent=qn_old,
        valid_to=LAST_LEGACY_DATE,
    )
    hong_hai = UnitFactory(
        code="06688", short_name="Hồng Hải", kind=Kind.WARD, parent=city, valid_to=LAST_LEGACY_DATE
    )
    UnitFactory(
        code="06697", short_name="Hồng Hà", kind=Kind.WARD, parent=city, valid_to=LAST_LEGACY_DATE
    )
    ha_long = UnitFactory(
        code="06688", short_name="Hạ Long", kind=Kind.WARD, parent=qn, valid_from=REFORM_DATE
    )
    link(hong_hai, ha_long, LineageKind.MERGED)
    nb = UnitFactory(
        code="37",
        short_name="Ninh Bình",
        kind=Kind.PROVINCE,
        level=Level.PROVINCE,
        parent=vn,
        valid_to=LAST_LEGACY_DATE,
    )
    tam_diep = UnitFactory(
        code="370",
        short_name="Tam Điệp",
        kind=Kind.PROVINCIAL_CITY,
        level=Level.DISTRICT,
        parent=nb,
        valid_to=LAST_LEGACY_DATE,
    )
    for i in range(4):
        UnitFactory(
            code=f"1436{i}",
            short_name=f"Phường {i}",
            kind=Kind.WARD,
            parent=tam_diep,
            valid_to=LAST_LEGACY_DATE,
        )
    return tam_diep


def test_demo_petitions(world):
    tam_diep = miniature()
    first = demo.load_demo(by=SYSTEM)
    assert first.created > 100
    second = demo.load_demo(by=SYSTEM)
    assert (second.created, second.skipped) == (0, first.created + first.skipped)
    statuses = set(Petition.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert Petition.objects.overdue(timezone.localdate()).exists()
    s = petition_stats(tam_diep, dt.date(2023, 1, 1), dt.date(2023, 12, 31), by=SYSTEM)
    assert (
        s.all.total,
        s.all.cases,
        s.all.carried_over,
        s.own.carried_over,
        s.lower.carried_over,
    ) == (69, 68, 16, 9, 7)
    assert (s.all.received, s.own.received, s.lower.received, s.all.handled) == (53, 17, 36, 69)
