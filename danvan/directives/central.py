"""The central documents the domain brief relies on, for `danvan load_directives`.

Titles and dates as DOMAIN.md gives them; where the brief gives no date the entry is left
undated for a person to fill in from https://vbpl.vn or https://vanban.chinhphu.vn.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from danvan.units.models import Level, Unit

from . import actions
from .models import Directive

D = dt.date
CHECK = "Theo tài liệu nghiệp vụ (DOMAIN.md); đối chiếu văn bản gốc trước khi trích dẫn."


@dataclass(frozen=True)
class CentralDocument:
    symbol: str
    type_name: str
    issued_on: dt.date | None
    title: str
    valid_from: dt.date | None = None
    amends: tuple[str, ...] = ()
    note: str = CHECK


CENTRAL: list[CentralDocument] = [
    CentralDocument(
        "66-QĐ/TW",
        "Quy định",
        D(2017, 2, 6),
        "Về thể loại, thẩm quyền ban hành và thể thức văn bản của Đảng",
    ),
    CentralDocument(
        "36-HD/VPTW",
        "Hướng dẫn",
        D(2018, 4, 3),
        "Về thể thức và kỹ thuật trình bày văn bản của Đảng",
    ),
    CentralDocument(
        "11-QĐi/TW",
        "Quy định",
        D(2019, 2, 18),
        "Về trách nhiệm của người đứng đầu cấp ủy trong việc tiếp dân, đối thoại trực tiếp "
        "với dân và xử lý những phản ánh, kiến nghị của dân",
    ),
    CentralDocument(
        "215-KL/TW",
        "Kết luận",
        D(2025, 11, 23),
        "Sửa đổi Quy định số 11-QĐi/TW của Bộ Chính trị, bỏ cấp huyện",
        amends=("11-QĐi/TW",),
        note="Trích yếu tóm tắt theo tài liệu nghiệp vụ (DOMAIN.md §3.6), chưa phải trích yếu "
        "chính thức; đối chiếu văn bản gốc.",
    ),
    CentralDocument("30/2020/NĐ-CP", "Nghị định", D(2020, 3, 5), "Về công tác văn thư"),
    CentralDocument("02/2011/QH13", "Luật", None, "Luật Khiếu nại"),
    CentralDocument("42/2013/QH13", "Luật", None, "Luật Tiếp công dân"),
    CentralDocument("25/2018/QH14", "Luật", None, "Luật Tố cáo"),
    CentralDocument(
        "10/2022/QH15",
        "Luật",
        D(2022, 11, 10),
        "Luật Thực hiện dân chủ ở cơ sở",
        valid_from=D(2023, 7, 1),
    ),
    CentralDocument(
        "59/2023/NĐ-CP",
        "Nghị định",
        D(2023, 8, 14),
        "Quy định chi tiết một số điều của Luật Thực hiện dân chủ ở cơ sở",
        valid_from=D(2023, 8, 15),
    ),
    CentralDocument(
        "202/2025/QH15",
        "Nghị quyết",
        D(2025, 6, 12),
        "Về việc sắp xếp đơn vị hành chính cấp tỉnh",
    ),
    CentralDocument(
        "136/2025/QH15",
        "Luật",
        D(2025, 12, 10),
        "Luật sửa đổi, bổ sung một số điều của Luật Tiếp công dân, Luật Khiếu nại và Luật Tố cáo",
        valid_from=D(2026, 7, 1),
        amends=("42/2013/QH13", "02/2011/QH13", "25/2018/QH14"),
    ),
]


def _existing(nation: Unit, doc: CentralDocument) -> Directive | None:
    same_day = Q(issued_on=doc.issued_on) if doc.issued_on else Q(issued_on__isnull=True)
    return (
        Directive.objects.filter(symbol=doc.symbol, issuing_unit=nation)
        .filter(same_day | Q(issued_on__isnull=True))
        .order_by("issued_on")
        .first()
    )


def load_central(*, by: Any) -> dict[str, int]:
    """Create the central documents (idempotent). A stub left by an earlier citation is
    completed; an entry a person already completed is never overwritten."""
    nation = Unit.objects.filter(level=Level.NATION).first()
    if nation is None:
        raise LookupError("Chưa có đơn vị hành chính: chạy `danvan load_units` trước.")
    counts = {"thêm": 0, "bổ sung": 0, "không đổi": 0}
    entries: dict[str, Directive] = {}
    for doc in CENTRAL:
        values = {
            "type_name": doc.type_name,
            "issued_on": doc.issued_on,
            "title": doc.title,
            "valid_from": doc.valid_from,
            "note": doc.note,
        }
        d = _existing(nation, doc)
        if d is None:
            d = actions.create_directive(by=by, symbol=doc.symbol, issuing_unit=nation, **values)
            counts["thêm"] += 1
        elif d.is_stub and doc.issued_on:
            d = actions.complete_stub(d, by=by, **values)
            counts["bổ sung"] += 1
        else:
            counts["không đổi"] += 1
        entries[doc.symbol] = d
    for doc in CENTRAL:
        wanted = {entries[s] for s in doc.amends}
        d = entries[doc.symbol]
        if wanted - set(d.amends.all()):
            actions.update_directive(d, by=by, amends=wanted | set(d.amends.all()))
    return counts
