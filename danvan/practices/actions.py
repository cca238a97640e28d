"""Every change to a "Dân vận khéo" model: permission, domain rules, write, audit row.

Views, the API, the spreadsheet import and the demo loader all call these functions,
so a model registered from any of them behaves the same.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from danvan.accounts.permissions import can, require
from danvan.audit.log import VERB_LABELS, record
from danvan.core.lifecycle import check
from danvan.lib.text import fold, nfc
from danvan.lib.vn import format_date
from danvan.units.models import Unit

from . import files
from .models import (
    LEVEL_OF_UNIT,
    AttachmentKind,
    EvaluationResult,
    Field,
    Practice,
    PracticeAttachment,
    PracticeKind,
    PracticeTransition,
    RecognitionLevel,
    RegisteringLevel,
)
from .queries import similar_practices, units_under
from .states import ALLOWED, LABELS, REPLICABLE, Status

VERB_LABELS.update(
    {
        "practices.register": "Đăng ký mô hình",
        "practices.update": "Cập nhật thông tin mô hình",
        "practices.start": "Bắt đầu thực hiện",
        "practices.evaluate": "Đánh giá có hiệu quả",
        "practices.recognise": "Công nhận",
        "practices.replicated": "Được nhân rộng",
        "practices.stop": "Dừng thực hiện",
        "practices.attach": "Đính kèm tệp",
        "practices.detach": "Xóa tệp đính kèm",
    }
)

FIRST_YEAR = 2009  # the movement started in 2009 (DOMAIN.md §3.1)

# Content fields a user registers and edits; the lifecycle fields change only by transitions.
TEXT_FIELDS = (
    "situation",
    "goals",
    "criteria",
    "content_method",
    "forces",
    "resources",
    "outputs",
    "replicability",
)
LINE_FIELDS = ("name", "area", "beneficiaries", "person_name", "person_position", "external_id")
EDITABLE = (
    "kind",
    "body",
    "level",
    "field",
    "registration_year",
    "registered_on",
    "start_on",
    "evaluation_due",
    "covered_units",
    *LINE_FIELDS,
    *TEXT_FIELDS,
)


def _label(name: str) -> str:
    if name == "covered_units":
        return "Đơn vị trên địa bàn"
    return str(Practice._meta.get_field(name).verbose_name).capitalize()


def _shown(name: str, value: Any) -> Any:
    """A value as the history timeline shows it (JSON-safe, Vietnamese)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, models.Model):
        return str(value)
    if name == "covered_units":
        return ", ".join(sorted(str(u) for u in value)) or None
    field = Practice._meta.get_field(name)
    if getattr(field, "choices", None):
        return dict(field.choices).get(value, value)
    return value


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    out = dict(values)
    for name in LINE_FIELDS:
        if name in out:
            out[name] = nfc(out[name] or "")
    for name in TEXT_FIELDS:
        if name in out:
            out[name] = unicodedata.normalize("NFC", out[name] or "").strip()
    return out


def _validate(p: Practice, covered: Iterable[Unit] | None) -> None:
    """Domain rules for the content fields; all problems at once, keyed by field."""
    errors: dict[str, list[str]] = {}

    def err(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    today = timezone.localdate()
    if len(p.name) < 5:
        err("name", "Tên mô hình cần ít nhất 5 ký tự.")
    if p.kind not in PracticeKind.values:
        err("kind", "Loại không hợp lệ (mô hình hoặc điển hình).")
    if p.field not in Field.values:
        err("field", "Hãy chọn lĩnh vực.")
    if p.level not in RegisteringLevel.values:
        err("level", "Cấp đăng ký không hợp lệ.")
    if p.kind == PracticeKind.EXEMPLAR and not p.person_name:
        err("person_name", "Điển hình cá nhân cần họ và tên người được đăng ký.")
    if p.body_id is not None and p.body.unit_id != p.unit_id:
        err("body", "Cơ quan, tổ chức đăng ký phải thuộc đơn vị đăng ký.")
    if p.registered_on is None:
        err("registered_on", "Hãy nhập ngày đăng ký.")
    else:
        if p.registered_on > today:
            err("registered_on", "Ngày đăng ký không được sau ngày hôm nay.")
        if not p.unit.is_valid_on(p.registered_on):
            err(
                "registered_on",
                f"{p.unit.name} ({p.unit.validity_label}) không tồn tại vào ngày "
                f"{format_date(p.registered_on)}; hãy chọn đơn vị đúng thời điểm "
                "(trước hay sau sắp xếp ngày 01/07/2025).",
            )
    year = p.registration_year
    if year is None or not FIRST_YEAR <= year <= today.year + 1:
        err(
            "registration_year",
            f"Năm đăng ký phải từ {FIRST_YEAR} (năm bắt đầu phong trào) đến {today.year + 1}.",
        )
    elif p.registered_on and year not in (p.registered_on.year, p.registered_on.year + 1):
        err("registration_year", "Năm đăng ký phải là năm của ngày đăng ký hoặc năm sau đó.")
    if p.start_on and p.evaluation_due and p.evaluation_due < p.start_on:
        err("evaluation_due", "Thời điểm đánh giá dự kiến phải sau ngày bắt đầu thực hiện.")
    if (
        p.external_id
        and Practice.objects.filter(unit_id=p.unit_id, external_id=p.external_id)
        .exclude(pk=p.pk)
        .exists()
    ):
        err("external_id", f"Mã ngoài “{p.external_id}” đã dùng cho một mô hình khác của đơn vị.")
    if covered:
        area = set(units_under(p.unit).values_list("pk", flat=True))
        outside = [u.name for u in covered if u.pk not in area]
        if outside:
            err(
                "covered_units",
                "Không thuộc địa bàn của đơn vị đăng ký: " + ", ".join(outside) + ".",
            )
    if errors:
        raise ValidationError(errors)


def _actor(by: Any) -> tuple[Any, str]:
    user = by if getattr(by, "is_authenticated", False) else None
    name = getattr(by, "display_name", None) or str(by)
    return user, name


def _move(
    p: Practice, to: str, *, by: Any, on: dt.date, note: str = "", document: str = ""
) -> PracticeTransition:
    """Check the edge and the date, write the transition row, set the status (not saved)."""
    check(ALLOWED, p.status, to, LABELS)
    if on > timezone.localdate():
        raise ValidationError({"on": ["Ngày không được sau ngày hôm nay."]})
    last = p.transitions.order_by("-on_date", "-pk").first()
    if last is not None and on < last.on_date:
        raise ValidationError(
            {
                "on": [
                    f"Ngày không được trước ngày của bước trước “{LABELS[last.to_status]}” "
                    f"({format_date(last.on_date)})."
                ]
            }
        )
    user, name = _actor(by)
    step = PracticeTransition.objects.create(
        practice=p,
        from_status=p.status,
        to_status=to,
        on_date=on,
        by=user,
        by_name=name,
        note=note,
        document=document,
    )
    p.status = to
    return step


def _lock(p: Practice) -> Practice:
    return Practice.objects.select_for_update().select_related("unit").get(pk=p.pk)


def _search_key(p: Practice) -> str:
    return fold(" ".join([p.name, p.person_name, p.beneficiaries, p.area]))[:800]


def _note(note: str) -> str:
    return unicodedata.normalize("NFC", note or "").strip()


@transaction.atomic
def register_practice(
    *,
    by: Any,
    unit: Unit,
    fields: Mapping[str, Any],
    replicates: Practice | None = None,
    acknowledge_similar: bool = False,
    note: str = "",
) -> Practice:
    """Register a model or exemplar (state: registered) with its nine registration fields.

    When other models of the same area and field look alike and the user has not
    acknowledged them, a ValidationError (code "similar") lists them. When it replicates
    a recognised model, that source becomes "replicated".
    """
    require(by, "practices.edit", unit)
    values = _clean(fields)
    covered = values.pop("covered_units", None) or []
    values.setdefault("level", LEVEL_OF_UNIT.get(unit.level, RegisteringLevel.COMMUNE))
    values.setdefault("kind", PracticeKind.MODEL)
    if values.get("registered_on") and not values.get("registration_year"):
        values["registration_year"] = values["registered_on"].year
    user, _ = _actor(by)
    p = Practice(unit=unit, created_by=user, **values)
    _validate(p, covered)
    if replicates is not None:
        if not can(by, "practices.view", replicates.unit):
            raise ValidationError({"replicates": ["Không tìm thấy mô hình gốc."]})
        if replicates.status not in REPLICABLE:
            raise ValidationError(
                {
                    "replicates": [
                        "Chỉ nhân rộng được mô hình đã được đánh giá có hiệu quả hoặc đã được "
                        f"công nhận; “{replicates.name}” đang ở trạng thái "
                        f"“{LABELS[replicates.status]}”."
                    ]
                }
            )
        p.replicates = replicates
    similar = similar_practices(
        by=by, unit=unit, field=p.field, name=p.name, beneficiaries=p.beneficiaries
    )
    similar = [s for s in similar if s.practice.pk != getattr(replicates, "pk", None)]
    if similar and not acknowledge_similar:
        names = "; ".join(f"“{s.practice.name}” ({s.practice.unit.name})" for s in similar)
        raise ValidationError(
            {
                "acknowledge_similar": [
                    f"Có {len(similar)} mô hình tương tự cùng địa bàn, cùng lĩnh vực: {names}. "
                    "Hãy xem để tránh trùng lặp, rồi xác nhận nếu vẫn đăng ký."
                ]
            },
            code="similar",
        )
    p.search_key = _search_key(p)
    p.status = Status.REGISTERED
    p.save()
    if covered:
        p.covered_units.set(covered)
    user, name = _actor(by)
    PracticeTransition.objects.create(
        practice=p,
        from_status="",
        to_status=Status.REGISTERED,
        on_date=p.registered_on,
        by=user,
        by_name=name,
        note=_note(note),
    )
    data: dict[str, Any] = {"note": _note(note)}
    if similar:
        data["similar_acknowledged"] = [str(s.practice.code) for s in similar]
    if replicates is not None:
        data["replicates"] = str(replicates.code)
        _mark_replicated(replicates, by=by, replication=p)
    record(by, "practices.register", p, unit=unit, data=data)
    return p


def _mark_replicated(source: Practice, *, by: Any, replication: Practice) -> None:
    """A recognised source becomes replicated when the first replication registers."""
    source = _lock(source)
    if source.status != Status.RECOGNISED:
        return
    last = source.transitions.order_by("-on_date", "-pk").first()
    on = max(replication.registered_on, last.on_date) if last else replication.registered_on
    note = f"Nhân rộng tại {replication.unit.name}: “{replication.name}”."
    _move(source, Status.REPLICATED, by=by, on=on, note=note)
    source.save(update_fields=["status", "updated_at"])
    record(
        by,
        "practices.replicated",
        source,
        unit=source.unit,
        data={
            "note": note,
            "changes": {"Trạng thái": [LABELS[Status.RECOGNISED], LABELS[Status.REPLICATED]]},
            "replication": str(replication.code),
        },
    )


@transaction.atomic
def update_practice(
    practice: Practice, *, by: Any, changes: Mapping[str, Any], note: str = ""
) -> Practice:
    """Change registration fields; the unit and the lifecycle fields are not editable here.

    The registration date can change only while the model is still just registered
    (its creation step moves with it).
    """
    require(by, "practices.edit", practice.unit)
    p = _lock(practice)
    values = _clean(changes)
    covered = values.pop("covered_units", None)
    before = {name: getattr(p, name) for name in values}
    old_covered = list(p.covered_units.all()) if covered is not None else None
    for name, value in values.items():
        setattr(p, name, value)
    if "registered_on" in values and values["registered_on"] != before["registered_on"]:
        if p.status != Status.REGISTERED:
            raise ValidationError(
                {"registered_on": ["Chỉ sửa được ngày đăng ký khi mô hình chưa bắt đầu thực hiện."]}
            )
    _validate(p, covered)
    changed = {
        _label(name): [_shown(name, before[name]), _shown(name, value)]
        for name, value in values.items()
        if before[name] != value
    }
    if covered is not None and {u.pk for u in covered} != {u.pk for u in old_covered or []}:
        changed[_label("covered_units")] = [
            _shown("covered_units", old_covered),
            _shown("covered_units", covered),
        ]
        p.covered_units.set(covered)
    if not changed:
        return p
    p.search_key = _search_key(p)
    p.save()
    if "registered_on" in values and before["registered_on"] != p.registered_on:
        p.transitions.filter(from_status="", to_status=Status.REGISTERED).update(
            on_date=p.registered_on
        )
    record(by, "practices.update", p, unit=p.unit, data={"note": _note(note), "changes": changed})
    return p


@transaction.atomic
def start_practice(practice: Practice, *, by: Any, on: dt.date, note: str = "") -> Practice:
    """Registered → in progress."""
    require(by, "practices.edit", practice.unit)
    p = _lock(practice)
    _move(p, Status.IN_PROGRESS, by=by, on=on, note=_note(note))
    fields = ["status", "updated_at"]
    if p.start_on is None:
        p.start_on = on
        fields.append("start_on")
    p.save(update_fields=fields)
    record(
        by,
        "practices.start",
        p,
        unit=p.unit,
        data={
            "note": _note(note),
            "changes": {"Trạng thái": [LABELS[Status.REGISTERED], LABELS[Status.IN_PROGRESS]]},
        },
    )
    return p


@transaction.atomic
def evaluate_practice(
    practice: Practice, *, by: Any, on: dt.date, result: str, note: str
) -> Practice:
    """In progress → effective: an evaluation (date, result, the evaluator's note)."""
    require(by, "practices.evaluate", practice.unit)
    p = _lock(practice)
    errors = {}
    if result not in EvaluationResult.values:
        errors["result"] = ["Hãy chọn kết quả đánh giá."]
    if not _note(note):
        errors["note"] = ["Hãy ghi nhận xét đánh giá (đối chiếu với tiêu chí đã đăng ký)."]
    if errors:
        raise ValidationError(errors)
    _move(p, Status.EFFECTIVE, by=by, on=on, note=_note(note))
    user, _ = _actor(by)
    p.evaluated_on, p.evaluation_result, p.evaluation_note = on, result, _note(note)
    p.evaluated_by = user
    p.save(
        update_fields=[
            "status",
            "evaluated_on",
            "evaluation_result",
            "evaluation_note",
            "evaluated_by",
            "updated_at",
        ]
    )
    record(
        by,
        "practices.evaluate",
        p,
        unit=p.unit,
        data={
            "note": _note(note),
            "changes": {
                "Trạng thái": [LABELS[Status.IN_PROGRESS], LABELS[Status.EFFECTIVE]],
                "Kết quả đánh giá": [None, EvaluationResult(result).label],
                "Ngày đánh giá": [None, format_date(on)],
            },
        },
    )
    return p


@transaction.atomic
def recognise_practice(
    practice: Practice, *, by: Any, on: dt.date, level: str, decision: str, note: str = ""
) -> Practice:
    """Effective → recognised by a level, with the decision's number and date (`on`)."""
    require(by, "practices.evaluate", practice.unit)
    p = _lock(practice)
    decision = nfc(decision or "")
    errors = {}
    if level not in RecognitionLevel.values:
        errors["level"] = ["Hãy chọn cấp công nhận."]
    if not decision:
        errors["decision"] = ["Hãy nhập số quyết định công nhận."]
    if errors:
        raise ValidationError(errors)
    _move(p, Status.RECOGNISED, by=by, on=on, note=_note(note), document=decision)
    p.recognition_level, p.recognition_decision, p.recognised_on = level, decision, on
    p.save(
        update_fields=[
            "status",
            "recognition_level",
            "recognition_decision",
            "recognised_on",
            "updated_at",
        ]
    )
    record(
        by,
        "practices.recognise",
        p,
        unit=p.unit,
        data={
            "note": _note(note),
            "changes": {
                "Trạng thái": [LABELS[Status.EFFECTIVE], LABELS[Status.RECOGNISED]],
                "Cấp công nhận": [None, RecognitionLevel(level).label],
                "Quyết định công nhận": [None, f"{decision} ngày {format_date(on)}"],
            },
        },
    )
    return p


@transaction.atomic
def stop_practice(practice: Practice, *, by: Any, on: dt.date, reason: str) -> Practice:
    """Any state that is not final → stopped, with the reason."""
    require(by, "practices.edit", practice.unit)
    p = _lock(practice)
    reason = _note(reason)
    if not reason:
        raise ValidationError({"reason": ["Hãy ghi lý do dừng thực hiện."]})
    old = p.status
    _move(p, Status.STOPPED, by=by, on=on, note=reason)
    p.stopped_reason = reason
    p.save(update_fields=["status", "stopped_reason", "updated_at"])
    record(
        by,
        "practices.stop",
        p,
        unit=p.unit,
        data={"note": reason, "changes": {"Trạng thái": [LABELS[old], LABELS[Status.STOPPED]]}},
    )
    return p


@transaction.atomic
def add_attachment(practice: Practice, *, by: Any, kind: str, upload: Any) -> PracticeAttachment:
    """Keep a photo, document or decision under the data directory, after type and size checks."""
    require(by, "practices.edit", practice.unit)
    if kind not in AttachmentKind.values:
        raise ValidationError({"kind": ["Hãy chọn loại tệp (ảnh, tài liệu, quyết định)."]})
    try:
        ft = files.check_upload(upload, image_only=kind == AttachmentKind.PHOTO)
    except ValidationError as e:
        raise ValidationError({"file": e.messages}) from e
    user, _ = _actor(by)
    original = nfc(upload.name.replace("\\", "/").rsplit("/", 1)[-1])[:255]
    attachment = PracticeAttachment(
        practice=practice,
        kind=kind,
        original_name=original,
        size=upload.size,
        content_type=ft.content_type,
        uploaded_by=user,
    )
    attachment.file.save(original, upload, save=False)
    try:
        attachment.save()
    except Exception:
        # The file was written before the row; do not leave it behind.
        attachment.file.storage.delete(attachment.file.name)
        raise
    record(
        by,
        "practices.attach",
        practice,
        unit=practice.unit,
        data={
            "note": f"{AttachmentKind(kind).label}: {original}",
            "changes": {"Tệp đính kèm": [None, original]},
        },
    )
    return attachment


@transaction.atomic
def remove_attachment(attachment: PracticeAttachment, *, by: Any) -> None:
    """Delete an attachment; its file goes once the transaction commits."""
    practice = attachment.practice
    require(by, "practices.edit", practice.unit)
    name, original = attachment.file.name, attachment.original_name
    attachment.delete()
    storage = attachment.file.storage
    transaction.on_commit(lambda: storage.delete(name))
    record(
        by,
        "practices.detach",
        practice,
        unit=practice.unit,
        data={
            "note": f"{attachment.get_kind_display()}: {original}",
            "changes": {"Tệp đính kèm": [original, None]},
        },
    )
