"""Petitions as a spreadsheet: one row per petition, keyed on (unit, external id).

A row creates the petition (receive_petition) or corrects it (update_petition), then
walks it forward along its lifecycle to the status in the row, each step through its
action with the dates in the row — so a year of petitions kept in Excel can be
brought in with the same deadlines and lateness flags as if recorded day by day.
Identity columns are left empty on export (personal data; denouncers are protected);
on import an empty identity cell keeps what is stored.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from danvan.imports.registry import RecordType, register
from danvan.imports.spec import Column, Sheet
from danvan.units.models import Unit

from . import actions
from .models import Category, Channel, Kind, Outcome, Petition, Signatories
from .states import FINISHED, LABELS, Status

ROUNDS = (("1", "Lần đầu"), ("2", "Lần hai"))
IMPORTABLE = tuple((s, LABELS[s]) for s in Status.values if s != Status.SUSPENDED)

SHEET = Sheet(
    kind="petitions",
    title="Đơn thư",
    columns=(
        Column(
            "external_id",
            "Mã đơn",
            required=True,
            help="Số vào sổ hoặc mã riêng của đơn; không trùng trong một đơn vị. Nhập lại cùng mã sẽ cập nhật đơn đó.",
            width=16,
        ),
        Column(
            "unit",
            "Mã đơn vị",
            required=True,
            help="Mã đơn vị tiếp nhận: 06688, hoặc 848@2025-06-30 cho đơn vị trước 01/07/2025.",
            width=16,
        ),
        Column(
            "received_on", "Ngày tiếp nhận", kind="date", required=True, help="dd/mm/yyyy", width=14
        ),
        Column("kind", "Loại đơn", kind="choice", required=True, choices=tuple(Kind.choices)),
        Column(
            "complaint_round",
            "Khiếu nại lần",
            kind="choice",
            choices=ROUNDS,
            help="Chỉ với đơn khiếu nại; để trống là lần đầu.",
        ),
        Column("category", "Lĩnh vực", kind="choice", choices=tuple(Category.choices)),
        Column(
            "channel",
            "Hình thức tiếp nhận",
            kind="choice",
            choices=tuple(Channel.choices),
            width=24,
        ),
        Column(
            "forwarded_by",
            "Cơ quan chuyển đến",
            help="Khi đơn do cơ quan khác chuyển đến.",
            width=24,
        ),
        Column(
            "signatories",
            "Người đứng tên",
            kind="choice",
            choices=tuple(Signatories.choices),
            width=22,
        ),
        Column("signatory_count", "Số người đứng tên", kind="int"),
        Column("remote_area", "Vùng sâu, vùng xa", kind="bool", help="Có / Không"),
        Column("is_complex", "Phức tạp", kind="bool", help="Có / Không"),
        Column("is_especially_complex", "Đặc biệt phức tạp", kind="bool", help="Có / Không"),
        Column(
            "petitioner_name",
            "Họ tên người gửi",
            help="Không xuất ra khi tải về; để trống khi nhập lại thì giữ nguyên.",
            width=22,
        ),
        Column("petitioner_address", "Địa chỉ người gửi", width=28),
        Column("petitioner_contact", "Điện thoại, thư điện tử", width=20),
        Column("summary", "Tóm tắt nội dung", required=True, width=50),
        Column(
            "status",
            "Trạng thái",
            kind="choice",
            choices=IMPORTABLE,
            help="Trạng thái hiện tại; để trống là “Đã tiếp nhận”.",
            width=18,
        ),
        Column(
            "classified_on", "Ngày phân loại", kind="date", help="Để trống: như ngày tiếp nhận."
        ),
        Column(
            "accepted_on",
            "Ngày thụ lý",
            kind="date",
            help="Bắt buộc khi trạng thái là thụ lý, đang giải quyết hoặc đã giải quyết.",
        ),
        Column(
            "finished_on",
            "Ngày kết thúc",
            kind="date",
            help="Ngày chuyển đơn, không thụ lý, giải quyết xong hoặc rút đơn.",
        ),
        Column("forwarded_to", "Chuyển đến cơ quan", width=24),
        Column("reject_reason", "Lý do không thụ lý", width=24),
        Column("outcome", "Kết quả giải quyết", kind="choice", choices=tuple(Outcome.choices)),
        Column("outcome_note", "Nội dung kết quả", width=30),
    ),
    instructions=(
        "Mỗi dòng là một đơn. Cột có dấu * là bắt buộc.",
        "Mã đơn và Mã đơn vị xác định đơn: nhập lại tệp đã nhập không tạo đơn trùng, chỉ cập nhật chỗ thay đổi.",
        "Trạng thái chỉ đi tiếp theo trình tự xử lý (tiếp nhận → phân loại → thụ lý → đang giải quyết → đã giải quyết; "
        "hoặc chuyển đơn, không thụ lý, rút đơn); không lùi trạng thái được.",
        "Thời hạn được tính theo quy tắc có hiệu lực vào ngày tiếp nhận, ngày thụ lý; việc quá hạn được ghi nhận theo các ngày trong tệp.",
        "Thông tin người gửi không được xuất ra; khi nhập lại, ô trống giữ nguyên thông tin đã lưu.",
    ),
)

FACTS = (
    "kind",
    "complaint_round",
    "category",
    "channel",
    "forwarded_by",
    "signatories",
    "signatory_count",
    "remote_area",
    "is_complex",
    "is_especially_complex",
    "petitioner_name",
    "petitioner_address",
    "petitioner_contact",
    "summary",
)
IDENTITY = ("petitioner_name", "petitioner_address", "petitioner_contact")
MAIN_PATH = (
    Status.RECEIVED,
    Status.CLASSIFIED,
    Status.ACCEPTED,
    Status.IN_PROGRESS,
    Status.RESOLVED,
)


def _unit(value: str, received_on: dt.date) -> Unit:
    unit = Unit.objects.filter(key=value).first()
    if unit is None:
        unit = Unit.objects.valid_on(received_on).filter(code=value).first()
    if unit is None:
        raise ValidationError(f"Không có đơn vị mã “{value}” vào ngày {received_on:%d/%m/%Y}.")
    return unit


def _facts(row: dict[str, Any]) -> dict[str, Any]:
    facts = {k: row.get(k) for k in FACTS if row.get(k) is not None}
    if "complaint_round" in facts:
        facts["complaint_round"] = int(facts["complaint_round"])
    for key in ("remote_area", "is_complex", "is_especially_complex"):
        facts.setdefault(key, False)
    facts.setdefault("category", Category.OTHER)
    facts.setdefault("channel", Channel.DIRECT)
    facts.setdefault("signatories", Signatories.ONE)
    if facts.get("is_especially_complex"):
        facts["is_complex"] = True
    if facts["signatories"] == Signatories.ONE:
        facts["signatory_count"] = 1
    elif facts["signatories"] == Signatories.UNSIGNED:
        facts["signatory_count"] = 0
    if facts.get("kind") != Kind.COMPLAINT:
        facts["complaint_round"] = 1
    for key in ("forwarded_by",):
        facts.setdefault(key, "")
    return facts


def _plan(current: str, target: str) -> list[str]:
    """The statuses to pass through, in order, from `current` to `target`."""
    if target == current:
        return []
    if current in FINISHED:
        raise ValidationError(
            f"Đơn đã ở trạng thái “{LABELS[current]}”: không chuyển sang “{LABELS[target]}” được."
        )
    if target == Status.WITHDRAWN:
        return [Status.WITHDRAWN]
    if target in {Status.FORWARDED, Status.REJECTED}:
        if current not in {Status.RECEIVED, Status.CLASSIFIED}:
            raise ValidationError(
                f"Đơn đã “{LABELS[current]}”: không chuyển sang “{LABELS[target]}” được."
            )
        return ([Status.CLASSIFIED] if current == Status.RECEIVED else []) + [target]
    if current not in MAIN_PATH or target not in MAIN_PATH:
        raise ValidationError(f"Không chuyển từ “{LABELS[current]}” sang “{LABELS[target]}” được.")
    i, j = MAIN_PATH.index(current), MAIN_PATH.index(target)
    if j < i:
        raise ValidationError(
            f"Trạng thái trong tệp (“{LABELS[target]}”) lùi so với trạng thái hiện tại (“{LABELS[current]}”)."
        )
    return list(MAIN_PATH[i + 1 : j + 1])


def _need(row: dict[str, Any], key: str, message: str) -> Any:
    if not row.get(key):
        raise ValidationError(message)
    return row[key]


def _advance(p: Petition, row: dict[str, Any], *, by: Any) -> bool:
    target = row.get("status") or Status.RECEIVED
    steps = _plan(p.status, target)
    for to in steps:
        if to == Status.CLASSIFIED:
            p = actions.classify_petition(
                p, by=by, on_date=row.get("classified_on") or p.received_on
            )
        elif to == Status.ACCEPTED:
            on = _need(row, "accepted_on", "Cần “Ngày thụ lý” cho đơn đã thụ lý.")
            p = actions.accept_petition(p, by=by, on_date=on)
        elif to == Status.IN_PROGRESS:
            p = actions.start_resolution(p, by=by, on_date=row.get("accepted_on") or p.accepted_on)
        else:
            on = _need(row, "finished_on", f"Cần “Ngày kết thúc” cho đơn “{LABELS[to]}”.")
            if to == Status.RESOLVED:
                outcome = _need(row, "outcome", "Cần “Kết quả giải quyết” cho đơn đã giải quyết.")
                p = actions.resolve_petition(
                    p, by=by, on_date=on, outcome=outcome, note=row.get("outcome_note") or ""
                )
            elif to == Status.FORWARDED:
                p = actions.forward_petition(
                    p, by=by, on_date=on, forwarded_to=row.get("forwarded_to") or ""
                )
            elif to == Status.REJECTED:
                p = actions.reject_petition(
                    p, by=by, on_date=on, reason=row.get("reject_reason") or ""
                )
            else:
                p = actions.withdraw_petition(p, by=by, on_date=on)
    return bool(steps)


def _existing(unit: Unit, key: str) -> Petition | None:
    """By external id; an exported petition without one carries its code instead."""
    found = Petition.objects.filter(unit=unit, external_id=key).first()
    if found is None:
        try:
            found = Petition.objects.filter(unit=unit, code=uuid.UUID(key)).first()
        except ValueError:
            pass
    return found


def apply_row(row: dict[str, Any], *, by: Any) -> str:
    """Create or update one petition from a parsed row; 'created', 'updated' or 'unchanged'."""
    unit = _unit(str(row["unit"]), row["received_on"])
    facts = _facts(row)
    existing = _existing(unit, str(row["external_id"]))
    if existing is None:
        p = actions.receive_petition(
            by=by,
            unit=unit,
            received_on=row["received_on"],
            external_id=row["external_id"],
            **{k: v for k, v in facts.items() if k not in {"kind", "summary"}},
            kind=facts["kind"],
            summary=facts["summary"],
        )
        _advance(p, row, by=by)
        return "created"
    wanted = {k: v for k, v in facts.items() if not (k in IDENTITY and not v)}
    wanted["received_on"] = row["received_on"]
    changes = {k: v for k, v in wanted.items() if getattr(existing, k) != v}
    if changes:
        existing = actions.update_petition(existing, by=by, note="Nhập từ tệp", **changes)
    moved = _advance(existing, row, by=by)
    return "updated" if changes or moved else "unchanged"


def rows(queryset: QuerySet[Petition]) -> Iterable[dict[str, Any]]:
    """Export rows (identity columns left empty on purpose)."""
    qs = queryset.select_related("unit").prefetch_related("transitions")
    for p in qs:
        classified = next(
            (
                t.on_date
                for t in p.transitions.all()
                if t.to_status == Status.CLASSIFIED and t.event == "status"
            ),
            None,
        )
        yield {
            "external_id": p.external_id or str(p.code),
            "unit": p.unit.key,
            "received_on": p.received_on,
            "kind": p.kind,
            "complaint_round": str(p.complaint_round) if p.kind == Kind.COMPLAINT else None,
            "category": p.category,
            "channel": p.channel,
            "forwarded_by": p.forwarded_by,
            "signatories": p.signatories,
            "signatory_count": p.signatory_count,
            "remote_area": p.remote_area,
            "is_complex": p.is_complex,
            "is_especially_complex": p.is_especially_complex,
            "petitioner_name": None,
            "petitioner_address": None,
            "petitioner_contact": None,
            "summary": p.summary,
            "status": p.status,
            "classified_on": classified,
            "accepted_on": p.accepted_on,
            "finished_on": p.finished_on,
            "forwarded_to": p.forwarded_to,
            "reject_reason": p.reject_reason,
            "outcome": p.outcome or None,
            "outcome_note": p.outcome_note,
        }


def register_record_type() -> None:
    register(
        RecordType(
            sheet=SHEET,
            apply_row=apply_row,
            rows=rows,
            view_action="petitions.view",
            label="Đơn thư",
        )
    )
