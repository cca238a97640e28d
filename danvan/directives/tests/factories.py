"""Factories and places for directive tests; they only set up, the code under test runs for real."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import factory

from danvan.directives.citations import parse_code
from danvan.directives.models import Directive
from danvan.units.models import LAST_LEGACY_DATE, REFORM_DATE, Kind, Level, LineageKind, Unit
from danvan.units.tests.factories import UnitFactory, link, nation


class DirectiveFactory(factory.django.DjangoModelFactory):
    """A complete registry entry; number, type and issuer follow the symbol."""

    class Meta:
        model = Directive

    symbol = "56-NQ/TU"
    title = factory.Sequence(lambda n: f"Về phương hướng, nhiệm vụ số {n}")
    issued_on = dt.date(2021, 12, 15)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        parsed = parse_code(kwargs["symbol"])
        kwargs.setdefault("number", parsed.number)
        kwargs.setdefault("year", parsed.year)
        kwargs.setdefault("doc_type", parsed.doc_type or "")
        kwargs.setdefault("type_name", parsed.type_name or "")
        kwargs.setdefault("issuer_code", parsed.issuer)
        kwargs.setdefault("system", parsed.system)
        d = model_class(*args, **kwargs)
        d.search_key = d.build_search_key()
        d.save()
        return d


@dataclass
class Places:
    """Real keys of the seed articles' units, in both structures (a small copy of the tree)."""

    nation: Unit
    quang_ninh_old: Unit  # 22@2025-06-30
    ha_long_city: Unit  # 193@2025-06-30, district-level city, committee 'TU'
    old_ward: Unit  # a ward of the old city
    quang_ninh: Unit  # 22
    ha_long_ward: Unit  # 06688, formed from the old ward
    tra_vinh_old: Unit  # 84@2025-06-30
    cau_ngang: Unit  # 848@2025-06-30, rural district, committee 'HU'
    vinh_long: Unit  # 86


def _unit(code, name, kind, level, parent, legacy):  # type: ignore[no-untyped-def]
    return UnitFactory(
        code=code,
        short_name=name,
        kind=kind,
        level=level,
        parent=parent,
        valid_from=None if legacy else REFORM_DATE,
        valid_to=LAST_LEGACY_DATE if legacy else None,
    )


def build_places() -> Places:
    vn = nation()
    qn0 = _unit("22", "Quảng Ninh", Kind.PROVINCE, Level.PROVINCE, vn, True)
    city = _unit("193", "Hạ Long", Kind.PROVINCIAL_CITY, Level.DISTRICT, qn0, True)
    ward0 = _unit("06652", "Bạch Đằng", Kind.WARD, Level.COMMUNE, city, True)
    qn = _unit("22", "Quảng Ninh", Kind.PROVINCE, Level.PROVINCE, vn, False)
    ward = _unit("06688", "Hạ Long", Kind.WARD, Level.COMMUNE, qn, False)
    tv0 = _unit("84", "Trà Vinh", Kind.PROVINCE, Level.PROVINCE, vn, True)
    cn = _unit("848", "Cầu Ngang", Kind.RURAL_DISTRICT, Level.DISTRICT, tv0, True)
    vl = _unit("86", "Vĩnh Long", Kind.PROVINCE, Level.PROVINCE, vn, False)
    link(qn0, qn, LineageKind.UNCHANGED)
    link(ward0, ward, LineageKind.MERGED)
    link(tv0, vl, LineageKind.MERGED)
    return Places(vn, qn0, city, ward0, qn, ward, tv0, cn, vl)
