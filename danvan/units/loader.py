"""Seed the unit table from the `vietnamadminunits` package (MIT, © Hieu Tran).

Reads the package's bundled SQLite database and its 2025 conversion table directly,
once; the package is never queried at run time. Idempotent: a second run changes
nothing and says so.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources

from django.db import transaction

from danvan.lib.text import fold
from danvan.lib.vn import format_number

from . import bodies as body_rules
from .models import (
    LAST_LEGACY_DATE,
    REFORM_DATE,
    Body,
    BodyKind,
    Kind,
    Level,
    Lineage,
    LineageKind,
    Unit,
)
from .search import unit_search_key
from .tree import rebuild_closure

SOURCE = "vietnamadminunits 1.0.4"
PROVINCE_RESOLUTION = "Nghị quyết 202/2025/QH15"
NATION_KEY = "VN"

_DISTRICT_KINDS = {
    "Huyện": Kind.RURAL_DISTRICT,
    "Quận": Kind.URBAN_DISTRICT,
    "Thị xã": Kind.TOWN,
    "Thành phố": Kind.PROVINCIAL_CITY,
}
_COMMUNE_KINDS = {
    "Xã": Kind.COMMUNE,
    "Phường": Kind.WARD,
    "Thị trấn": Kind.TOWNSHIP,
    "Đặc khu": Kind.SPECIAL_ZONE,
}
_UNIT_FIELDS = (
    "code",
    "name",
    "short_name",
    "kind",
    "level",
    "valid_from",
    "valid_to",
    "search_key",
    "latitude",
    "longitude",
    "area_km2",
    "source",
)


@dataclass
class UnitSpec:
    key: str
    code: str
    name: str
    short_name: str
    kind: str
    level: str
    parent_key: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    latitude: float | None = None
    longitude: float | None = None
    area_km2: float | None = None
    source: str = SOURCE

    @property
    def search_key(self) -> str:
        return unit_search_key(self.short_name, self.name)


@dataclass
class LinkSpec:
    predecessor: str
    successor: str
    kind: str
    is_default: bool
    legal_basis: str = ""


@dataclass
class LoadResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    lineage_inserted: int = 0
    lineage_updated: int = 0
    bodies_inserted: int = 0
    closure_rows: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        n = format_number
        return (
            f"đơn vị: {n(self.inserted)} thêm, {n(self.updated)} cập nhật, {n(self.unchanged)} không đổi; "
            f"liên kết kế thừa: {n(self.lineage_inserted)} thêm, {n(self.lineage_updated)} cập nhật; "
            f"cơ quan: {n(self.bodies_inserted)} thêm"
        )


def legacy_key(code: str) -> str:
    return f"{code}@{LAST_LEGACY_DATE.isoformat()}"


def _package_data(name: str):  # type: ignore[no-untyped-def]
    return resources.files("vietnamadminunits").joinpath("data", name)


def read_source() -> tuple[list[UnitSpec], list[LinkSpec]]:
    """Everything the package knows, as specs; no database writes."""
    with resources.as_file(_package_data("dataset.db")) as path:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        con.row_factory = sqlite3.Row
        legacy = con.execute("SELECT * FROM admin_units_legacy").fetchall()
        current = con.execute("SELECT * FROM admin_units").fetchall()
        con.close()
    conversion = json.loads(_package_data("converter_2025.json").read_text(encoding="utf-8"))
    units = [
        UnitSpec(
            NATION_KEY,
            NATION_KEY,
            "Việt Nam",
            "Việt Nam",
            Kind.NATION,
            Level.NATION,
            None,
            None,
            None,
        )
    ]
    units += _legacy_units(legacy)
    units += _current_units(current)
    links = _lineage(legacy, current, conversion)
    return units, links


def _province_kind(name: str) -> str:
    return Kind.CENTRAL_CITY if name.startswith("Thành phố") else Kind.PROVINCE


def _legacy_units(rows: list[sqlite3.Row]) -> list[UnitSpec]:
    specs: dict[str, UnitSpec] = {}
    for r in rows:
        pk = legacy_key(r["provinceCode"])
        if pk not in specs:
            specs[pk] = UnitSpec(
                pk,
                r["provinceCode"],
                r["province"],
                r["provinceShort"],
                _province_kind(r["province"]),
                Level.PROVINCE,
                NATION_KEY,
                None,
                LAST_LEGACY_DATE,
                r["provinceLat"],
                r["provinceLon"],
            )
        dk = legacy_key(r["districtCode"])
        if dk not in specs:
            specs[dk] = UnitSpec(
                dk,
                r["districtCode"],
                r["district"],
                r["districtShort"],
                _DISTRICT_KINDS[r["districtType"]],
                Level.DISTRICT,
                pk,
                None,
                LAST_LEGACY_DATE,
                r["districtLat"],
                r["districtLon"],
            )
        if r["wardCode"]:
            wk = legacy_key(r["wardCode"])
            specs[wk] = UnitSpec(
                wk,
                r["wardCode"],
                r["ward"],
                r["wardShort"],
                _COMMUNE_KINDS[r["wardType"]],
                Level.COMMUNE,
                dk,
                None,
                LAST_LEGACY_DATE,
                r["wardLat"],
                r["wardLon"],
            )
    return list(specs.values())


def _current_units(rows: list[sqlite3.Row]) -> list[UnitSpec]:
    specs: dict[str, UnitSpec] = {}
    for r in rows:
        pk = r["provinceCode"]
        if pk not in specs:
            specs[pk] = UnitSpec(
                pk,
                pk,
                r["province"],
                r["provinceShort"],
                _province_kind(r["province"]),
                Level.PROVINCE,
                NATION_KEY,
                REFORM_DATE,
                None,
                r["provinceLat"],
                r["provinceLon"],
            )
        specs[r["wardCode"]] = UnitSpec(
            r["wardCode"],
            r["wardCode"],
            r["ward"],
            r["wardShort"],
            _COMMUNE_KINDS[r["wardType"]],
            Level.COMMUNE,
            pk,
            REFORM_DATE,
            None,
            r["wardLat"],
            r["wardLon"],
            r["wardAreaKm2"],
        )
    return list(specs.values())


def _lineage(
    legacy: list[sqlite3.Row], current: list[sqlite3.Row], conversion: dict
) -> list[LinkSpec]:
    """Province and commune links from the package's name-keyed conversion table.

    The table is keyed by folded names ('tinhquangnam_huyendailoc_xadaihiep'); we join
    those keys to codes through the bundled database, never by name alone.
    """
    old_province = {r["provinceKey"]: legacy_key(r["provinceCode"]) for r in legacy}
    old_unit = {}
    for r in legacy:
        composite = f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}"
        # Island districts without communes appear as 'province_district_'.
        old_unit[composite] = legacy_key(r["wardCode"] or r["districtCode"])
    new_province = {r["provinceKey"]: r["provinceCode"] for r in current}
    new_unit = {(r["provinceKey"], r["wardKey"]): r["wardCode"] for r in current}
    names = {r["provinceCode"]: r["province"] for r in current} | {
        r["wardCode"]: r["ward"] for r in current
    }
    old_names = {legacy_key(r["provinceCode"]): r["province"] for r in legacy}
    old_names |= {legacy_key(r["wardCode"]): r["ward"] for r in legacy if r["wardCode"]}

    links: list[LinkSpec] = []
    for new_key, old_keys in conversion["DICT_PROVINCE"].items():
        succ = new_province[new_key]
        for old in old_keys:
            pred = old_province[old]
            kind = _kind(len(old_keys), old_names[pred], names[succ])
            links.append(LinkSpec(pred, succ, kind, True, PROVINCE_RESOLUTION))

    whole: list[tuple[str, str]] = []
    for province_key, wards in conversion["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward_key, olds in wards.items():
            whole += [(old_unit[o], new_unit[(province_key, ward_key)]) for o in olds]
    split: list[tuple[str, str, bool]] = []
    for province_key, olds in conversion["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, targets in olds.items():
            split += [
                (old_unit[old], new_unit[(province_key, t["newWardKey"])], t["isDefaultNewWard"])
                for t in targets
            ]

    fan_in: dict[str, int] = defaultdict(int)
    for _, succ in whole:
        fan_in[succ] += 1
    for _, succ, _ in split:
        fan_in[succ] += 1
    for pred, succ in whole:
        if pred not in old_names:  # an island district: straight to a special zone
            links.append(LinkSpec(pred, succ, LineageKind.REORGANIZED, True))
        else:
            links.append(
                LinkSpec(pred, succ, _kind(fan_in[succ], old_names[pred], names[succ]), True)
            )
    links += [LinkSpec(pred, succ, LineageKind.SPLIT, default) for pred, succ, default in split]
    return links


def _kind(fan_in: int, old_name: str, new_name: str) -> str:
    if fan_in > 1:
        return LineageKind.MERGED
    return LineageKind.UNCHANGED if fold(old_name) == fold(new_name) else LineageKind.RENAMED


@transaction.atomic
def load(units: list[UnitSpec], links: list[LinkSpec]) -> LoadResult:
    """Upsert units by key, then lineage and bodies; rebuild the closure if the tree moved."""
    result = LoadResult()
    existing = {u.key: u for u in Unit.objects.all()}
    ids: dict[str, int] = {k: u.pk for k, u in existing.items()}
    tree_changed = False
    order = [Level.NATION, Level.PROVINCE, Level.DISTRICT, Level.COMMUNE]
    for level in order:
        batch_new: list[Unit] = []
        batch_changed: list[Unit] = []
        for spec in (s for s in units if s.level == level):
            parent_id = ids[spec.parent_key] if spec.parent_key else None
            values = {f: getattr(spec, f) for f in _UNIT_FIELDS}
            unit = existing.get(spec.key)
            if unit is None:
                batch_new.append(Unit(key=spec.key, parent_id=parent_id, **values))
                continue
            if unit.parent_id != parent_id or any(getattr(unit, f) != v for f, v in values.items()):
                tree_changed = tree_changed or unit.parent_id != parent_id
                unit.parent_id = parent_id
                for f, v in values.items():
                    setattr(unit, f, v)
                batch_changed.append(unit)
            else:
                result.unchanged += 1
        created = Unit.objects.bulk_create(batch_new, batch_size=2000)
        ids.update({u.key: u.pk for u in created})
        Unit.objects.bulk_update(batch_changed, [*_UNIT_FIELDS, "parent_id"], batch_size=2000)
        result.inserted += len(created)
        result.updated += len(batch_changed)
    if result.inserted or tree_changed:
        result.closure_rows = rebuild_closure()
    _load_lineage(links, ids, result)
    _load_bodies(result)
    result.counts = {lvl: Unit.objects.filter(level=lvl).count() for lvl in order}
    return result


def _load_lineage(links: list[LinkSpec], ids: dict[str, int], result: LoadResult) -> None:
    existing = {(x.predecessor_id, x.successor_id): x for x in Lineage.objects.all()}
    new: list[Lineage] = []
    changed: list[Lineage] = []
    for spec in links:
        pair = (ids[spec.predecessor], ids[spec.successor])
        row = existing.get(pair)
        if row is None:
            new.append(
                Lineage(
                    predecessor_id=pair[0],
                    successor_id=pair[1],
                    kind=spec.kind,
                    is_default=spec.is_default,
                    effective_on=REFORM_DATE,
                    legal_basis=spec.legal_basis,
                )
            )
        elif (row.kind, row.is_default, row.legal_basis) != (
            spec.kind,
            spec.is_default,
            spec.legal_basis,
        ):
            row.kind, row.is_default, row.legal_basis = spec.kind, spec.is_default, spec.legal_basis
            changed.append(row)
    Lineage.objects.bulk_create(new, batch_size=5000)
    Lineage.objects.bulk_update(changed, ["kind", "is_default", "legal_basis"], batch_size=5000)
    result.lineage_inserted, result.lineage_updated = len(new), len(changed)


def _load_bodies(result: LoadResult) -> None:
    """Create the standard bodies that are missing; never touch edited ones."""
    have = set(Body.objects.values_list("unit_id", "kind", "name"))
    new: list[Body] = []
    fields = ("pk", "kind", "level", "short_name", "valid_from", "valid_to")
    for pk, kind, level, short_name, valid_from, valid_to in Unit.objects.values_list(*fields):
        for spec in body_rules.standard_bodies(
            kind=kind, level=level, short_name=short_name, valid_from=valid_from, valid_to=valid_to
        ):
            if (pk, spec.kind, spec.name) not in have:
                new.append(
                    Body(
                        unit_id=pk,
                        kind=spec.kind,
                        name=spec.name,
                        short_code=spec.short_code,
                        valid_from=spec.valid_from,
                        valid_to=spec.valid_to,
                        search_key=body_rules.body_search_key(spec.name),
                    )
                )
    Body.objects.bulk_create(new, batch_size=5000)
    result.bodies_inserted = len(new)
    if new:
        _link_renamed_bodies()


def _link_renamed_bodies() -> None:
    """Ban Dân vận → Ban Tuyên giáo và Dân vận of the same unit."""
    olds = Body.objects.filter(
        kind=BodyKind.MASS_MOBILIZATION, successor__isnull=True, name__startswith="Ban Dân vận"
    )
    news = {
        b.unit_id: b.pk
        for b in Body.objects.filter(
            kind=BodyKind.MASS_MOBILIZATION, name__startswith="Ban Tuyên giáo và Dân vận"
        )
    }
    changed = []
    for body in olds:
        if body.unit_id in news:
            body.successor_id = news[body.unit_id]
            changed.append(body)
    Body.objects.bulk_update(changed, ["successor_id"], batch_size=2000)
