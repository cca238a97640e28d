"""Every change to engagements and reception rules: permission, checks, write, audit row.

Views, the API, the spreadsheet import and the demo loader all call these functions,
so a session recorded from any of them is checked and audited the same way.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone

from danvan.accounts.permissions import require
from danvan.audit.log import VERB_LABELS, record
from danvan.lib.text import nfc
from danvan.lib.vn import format_date
from danvan.units.models import Body, Level, Unit

from .models import (
    Engagement,
    EngagementKind,
    HostRole,
    ReceptionRule,
    ReceptionType,
    RulePer,
)

VERB_LABELS.update(
    {
        "engagements.create": "Ghi nhận hoạt động",
        "engagements.update": "Sửa thông tin hoạt động",
        "engagements.record_outcome": "Ghi kết quả, trả lời",
        "engagements.delete": "Xóa hoạt động",
        "engagements.restore": "Khôi phục hoạt động",
        "engagements.create_rule": "Thêm quy định tần suất tiếp công dân",
        "engagements.update_rule": "Sửa quy định tần suất tiếp công dân",
    }
)

# Fields an editor may set through create/update (import, form and API use these names).
FIELDS = (
    "kind",
    "reception_type",
    "host_role",
    "date",
    "meetings",
    "topic",
    "body",
    "host_name",
    "host_position",
    "place",
    "is_online",
    "connection_points",
    "attendance",
    "distinct_people",
    "women",
    "ethnic_minorities",
    "issues_raised",
    "outcome",
    "outcome_on",
    "external_id",
)
_ONE_LINE = {"topic", "host_name", "host_position", "place", "external_id"}
_MULTI_LINE = {"issues_raised", "outcome"}
MAX_COUNT = 10_000_000  # above any real meeting; keeps values inside the database's integer range
_COUNTS = ("attendance", "distinct_people", "women", "ethnic_minorities", "connection_points")

RULE_FIELDS = (
    "code",
    "host_role",
    "level",
    "min_days",
    "per",
    "legal_basis",
    "source_url",
    "confidence",
    "valid_from",
    "valid_to",
    "note",
)


# ---------------------------------------------------------------- engagements


@transaction.atomic
def create_engagement(
    *, by: Any, unit: Unit, co_organisers: Iterable[Body] = (), **values: Any
) -> Engagement:
    """Record a session or meeting held by `unit`'s bodies."""
    require(by, "engagements.edit", unit)
    engagement = Engagement(unit=unit, created_by=by if getattr(by, "pk", None) else None)
    _assign(engagement, values)
    organisers = list(co_organisers)
    _validate(engagement, organisers)
    engagement.search_key = engagement.build_search_key()
    engagement.save()
    engagement.co_organisers.set(organisers)
    record(
        by,
        "engagements.create",
        engagement,
        unit=unit,
        data={"note": f"{engagement.get_kind_display()}, {format_date(engagement.date)}"},
    )
    return engagement


@transaction.atomic
def update_engagement(
    engagement: Engagement,
    *,
    by: Any,
    unit: Unit | None = None,
    co_organisers: Iterable[Body] | None = None,
    note: str = "",
    **values: Any,
) -> Engagement:
    """Change a recorded session; only fields that differ are written and audited."""
    require(by, "engagements.edit", engagement.unit)
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if engagement.is_deleted:
        raise ValidationError("Hoạt động này đã bị xóa; hãy khôi phục trước khi sửa.")
    before = _snapshot(engagement)
    if unit is not None and unit != engagement.unit:
        require(by, "engagements.edit", unit)
        engagement.unit = unit
    _assign(engagement, values)
    organisers = (
        list(co_organisers) if co_organisers is not None else list(engagement.co_organisers.all())
    )
    _validate(engagement, organisers)
    after = _snapshot(engagement, organisers)
    before["co_organisers"] = _names(engagement.co_organisers.all())
    changes = _changes(before, after)
    if not changes:
        return engagement
    engagement.search_key = engagement.build_search_key()
    engagement.save()
    if co_organisers is not None:
        engagement.co_organisers.set(organisers)
    record(
        by,
        "engagements.update",
        engagement,
        unit=engagement.unit,
        data={"note": nfc(note), "changes": changes},
    )
    return engagement


@transaction.atomic
def record_outcome(
    engagement: Engagement, *, by: Any, outcome: str, outcome_on: dt.date | None = None
) -> Engagement:
    """Write down what was answered or done about the issues raised (the closing report)."""
    require(by, "engagements.edit", engagement.unit)
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if engagement.is_deleted:
        raise ValidationError("Hoạt động này đã bị xóa; hãy khôi phục trước khi ghi kết quả.")
    text = _multi_line(outcome)
    if not text:
        raise ValidationError({"outcome": "Hãy ghi kết quả, nội dung trả lời."})
    outcome_on = outcome_on or timezone.localdate()
    if outcome_on < engagement.date:
        raise ValidationError({"outcome_on": "Ngày ghi nhận kết quả không thể trước ngày tổ chức."})
    if outcome_on > timezone.localdate():
        raise ValidationError({"outcome_on": "Ngày ghi nhận kết quả không được sau hôm nay."})
    changes = _changes(
        {"outcome": engagement.outcome, "outcome_on": engagement.outcome_on},
        {"outcome": text, "outcome_on": outcome_on},
    )
    if not changes:
        return engagement
    engagement.outcome, engagement.outcome_on = text, outcome_on
    engagement.save(update_fields=["outcome", "outcome_on", "updated_at"])
    record(
        by,
        "engagements.record_outcome",
        engagement,
        unit=engagement.unit,
        data={"changes": changes},
    )
    return engagement


@transaction.atomic
def delete_engagement(engagement: Engagement, *, by: Any, reason: str) -> Engagement:
    """Soft delete: the row leaves lists and counts but keeps its history and links."""
    require(by, "engagements.edit", engagement.unit)
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    reason = nfc(reason)
    if not reason:
        raise ValidationError({"reason": "Hãy ghi lý do xóa."})
    if engagement.is_deleted:
        raise ValidationError("Hoạt động này đã bị xóa trước đó.")
    linked = engagement.petitions.count() if hasattr(engagement, "petitions") else 0
    if linked:
        raise ValidationError(
            f"Buổi này đã tiếp nhận {linked} đơn; không thể xóa. "
            "Hãy chuyển các đơn sang buổi khác trước."
        )
    engagement.deleted_at = timezone.now()
    engagement.deleted_by = by if getattr(by, "pk", None) else None
    engagement.delete_reason = reason[:300]
    engagement.save(update_fields=["deleted_at", "deleted_by", "delete_reason", "updated_at"])
    record(by, "engagements.delete", engagement, unit=engagement.unit, data={"note": reason})
    return engagement


@transaction.atomic
def restore_engagement(engagement: Engagement, *, by: Any) -> Engagement:
    require(by, "engagements.edit", engagement.unit)
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if not engagement.is_deleted:
        raise ValidationError("Hoạt động này chưa bị xóa.")
    if engagement.external_id and (
        Engagement.objects.live()
        .filter(unit=engagement.unit, external_id=engagement.external_id)
        .exists()
    ):
        raise ValidationError("Mã định danh của hoạt động này đã được dùng cho hoạt động khác.")
    engagement.deleted_at, engagement.deleted_by, engagement.delete_reason = None, None, ""
    engagement.save(update_fields=["deleted_at", "deleted_by", "delete_reason", "updated_at"])
    record(by, "engagements.restore", engagement, unit=engagement.unit)
    return engagement


def _assign(engagement: Engagement, values: dict[str, Any]) -> None:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"Unknown engagement fields: {sorted(unknown)}")
    for name, value in values.items():
        if name in _ONE_LINE:
            value = nfc(value or "")
        elif name in _MULTI_LINE:
            value = _multi_line(value or "")
        elif name in ("kind", "reception_type", "host_role"):
            value = value or ""
        elif name == "meetings" and value is None:
            value = 1
        elif name == "is_online":
            value = bool(value)
        setattr(engagement, name, value)


def _multi_line(text: str) -> str:
    """NFC, keeping line breaks (nfc() would fold them into spaces)."""
    lines = [nfc(line) for line in unicodedata.normalize("NFC", text).splitlines()]
    return "\n".join(lines).strip()


def _validate(e: Engagement, organisers: list[Body]) -> None:
    """Domain rules of one record (DOMAIN.md §3.6, §3.7); every broken rule is reported."""
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if e.kind not in EngagementKind.values:
        errors["kind"] = "Hãy chọn loại hoạt động."
    if not e.topic:
        errors["topic"] = "Hãy ghi chủ đề, nội dung."
    if not isinstance(e.date, dt.date):
        errors["date"] = "Hãy ghi ngày tổ chức (dd/mm/yyyy)."
    elif e.date > today:
        errors["date"] = "Ngày tổ chức không được sau hôm nay."
    elif not e.unit.is_valid_on(e.date):
        errors["date"] = (
            f"{e.unit.name} không tồn tại vào ngày {format_date(e.date)} "
            f"(hiệu lực: {e.unit.validity_label}); hãy ghi cho đơn vị đúng với thời điểm đó."
        )
    if e.host_role and e.host_role not in HostRole.values:
        errors["host_role"] = "Vai trò người chủ trì không hợp lệ."
    if e.kind == EngagementKind.RECEPTION:
        if e.reception_type not in ReceptionType.values:
            errors["reception_type"] = (
                "Buổi tiếp công dân phải ghi hình thức: định kỳ hay đột xuất."
            )
        if not e.host_role:
            errors["host_role"] = "Hãy chọn vai trò của người chủ trì buổi tiếp."
        if e.meetings != 1:
            errors["meetings"] = (
                "Mỗi buổi tiếp công dân ghi một dòng (số cuộc là 1), "
                "để tính đúng số ngày tiếp dân định kỳ."
            )
    elif e.reception_type:
        errors["reception_type"] = "Chỉ buổi tiếp công dân mới có hình thức định kỳ, đột xuất."
    if "meetings" not in errors and (e.meetings is None or e.meetings < 1):
        errors["meetings"] = (
            "Có số lượt người dự thì phải có ít nhất 1 cuộc."
            if e.attendance
            else "Số cuộc phải từ 1 trở lên."
        )
    for name in (*_COUNTS, "meetings"):
        value = getattr(e, name)
        if value is None or name in errors:
            continue
        if value < 0:
            errors[name] = "Không được là số âm."
        elif value > MAX_COUNT:
            errors[name] = "Số quá lớn, hãy kiểm tra lại."
    for name in _ONE_LINE:
        limit = Engagement._meta.get_field(name).max_length
        if len(getattr(e, name) or "") > limit and name not in errors:
            errors[name] = f"Tối đa {limit} ký tự."
    _check_people(e, errors)
    if e.connection_points is not None and not e.is_online:
        errors["connection_points"] = "Chỉ hội nghị trực tuyến mới có số điểm cầu."
    elif e.is_online and e.connection_points == 0:
        errors["connection_points"] = "Hội nghị trực tuyến phải có ít nhất 1 điểm cầu."
    if e.outcome_on and isinstance(e.date, dt.date) and e.outcome_on < e.date:
        errors["outcome_on"] = "Ngày ghi nhận kết quả không thể trước ngày tổ chức."
    _check_bodies(e, organisers, errors)
    if e.external_id and "date" not in errors:
        clash = Engagement.objects.filter(unit=e.unit, external_id=e.external_id).exclude(pk=e.pk)
        if clash.exists():
            errors["external_id"] = (
                f"Mã định danh “{e.external_id}” đã dùng cho một hoạt động khác của {e.unit.name}."
            )
    if errors:
        raise ValidationError(errors)


def _check_people(e: Engagement, errors: dict[str, str]) -> None:
    """Lượt ≥ người; the parts (women, ethnic minorities) are parts of the lượt."""
    labels = {
        "distinct_people": "Số người (không trùng)",
        "women": "Số nữ",
        "ethnic_minorities": "Số người dân tộc thiểu số",
    }
    for name, label in labels.items():
        value = getattr(e, name)
        if value is None or name in errors:
            continue
        if e.attendance is None:
            errors[name] = f"Có {label.lower()} thì phải ghi cả số lượt người dự."
        elif value > e.attendance:
            errors[name] = f"{label} không thể lớn hơn số lượt người dự."


def _check_bodies(e: Engagement, organisers: list[Body], errors: dict[str, str]) -> None:
    if e.body is not None:
        if e.body.unit_id != e.unit.pk:
            errors["body"] = f"Cơ quan chủ trì phải thuộc {e.unit.name}."
        elif isinstance(e.date, dt.date) and not _body_valid_on(e.body, e.date):
            errors["body"] = (
                f"Ngày {format_date(e.date)} cơ quan này không mang tên “{e.body.name}” "
                f"({e.body.validity_label}); hãy chọn đúng tên lúc đó."
            )
    for body in organisers:
        if e.body is not None and body.pk == e.body.pk:
            errors["co_organisers"] = "Cơ quan chủ trì không đồng thời là cơ quan phối hợp."


def _body_valid_on(body: Body, day: dt.date) -> bool:
    return (body.valid_from is None or body.valid_from <= day) and (
        body.valid_to is None or day <= body.valid_to
    )


def _names(bodies: Iterable[Body]) -> str:
    return "; ".join(sorted(b.name for b in bodies))


def _snapshot(e: Engagement, organisers: list[Body] | None = None) -> dict[str, Any]:
    data = {name: getattr(e, name) for name in FIELDS}
    data["unit"] = e.unit.name
    data["body"] = e.body.name if e.body is not None else ""
    if organisers is not None:
        data["co_organisers"] = _names(organisers)
    return data


def _display(model_field: str, value: Any) -> Any:
    """An audit-friendly value: labels for choices, dd/mm/yyyy for dates, 'Có'/'Không'."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, dt.date):
        return format_date(value)
    choices = {
        "kind": EngagementKind,
        "reception_type": ReceptionType,
        "host_role": HostRole,
        "per": RulePer,
        "level": Level,
    }.get(model_field)
    if choices is not None and value in choices.values:
        return choices(value).label
    return value


def _label(name: str) -> str:
    if name == "unit":
        return "Đơn vị"
    for model in (Engagement, ReceptionRule):
        try:
            text = str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            continue
        return text[:1].upper() + text[1:]
    return name


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{Vietnamese field label: [old, new]} for the fields that changed."""
    return {
        _label(name): [_display(name, before.get(name)), _display(name, value)]
        for name, value in after.items()
        if _display(name, before.get(name)) != _display(name, value)
    }


# ---------------------------------------------------------------- reception rules


def _nation() -> Unit | None:
    return Unit.objects.filter(level=Level.NATION).first()


@transaction.atomic
def create_rule(*, by: Any, **values: Any) -> ReceptionRule:
    """Add a frequency rule (a new legal text, or a new version of one with new dates)."""
    require(by, "rules.manage", _nation())
    rule = ReceptionRule()
    _assign_rule(rule, values)
    _validate_rule(rule)
    rule.save()
    record(by, "engagements.create_rule", rule, data={"note": f"{rule.code}: {rule}"})
    return rule


@transaction.atomic
def update_rule(
    rule: ReceptionRule, *, by: Any, change_note: str = "", **values: Any
) -> ReceptionRule:
    """Correct a rule or close its validity (`valid_to`) before a new version starts."""
    require(by, "rules.manage", _nation())
    rule = ReceptionRule.objects.select_for_update().get(pk=rule.pk)
    before = {name: getattr(rule, name) for name in RULE_FIELDS}
    _assign_rule(rule, values)
    _validate_rule(rule)
    changes = _changes(before, {name: getattr(rule, name) for name in RULE_FIELDS})
    if not changes:
        return rule
    rule.save()
    record(by, "engagements.update_rule", rule, data={"note": nfc(change_note), "changes": changes})
    return rule


def _assign_rule(rule: ReceptionRule, values: dict[str, Any]) -> None:
    unknown = set(values) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown rule fields: {sorted(unknown)}")
    for name, value in values.items():
        if name in ("code", "legal_basis", "source_url"):
            value = nfc(value or "")
        elif name == "note":
            value = _multi_line(value or "")
        setattr(rule, name, value)


def _validate_rule(rule: ReceptionRule) -> None:
    errors: dict[str, str] = {}
    if not rule.code:
        errors["code"] = "Hãy đặt mã cho quy định."
    if rule.host_role not in (HostRole.PARTY_SECRETARY, HostRole.COMMITTEE_CHAIR):
        errors["host_role"] = "Quy định áp dụng cho Bí thư cấp ủy hoặc Chủ tịch UBND."
    if rule.level not in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE):
        errors["level"] = "Hãy chọn cấp tỉnh, cấp huyện hoặc cấp xã."
    if rule.per not in RulePer.values:
        errors["per"] = "Hãy chọn chu kỳ: tháng hoặc tuần."
    limit = 7 if rule.per == RulePer.WEEK else 31
    if not rule.min_days or rule.min_days < 1:
        errors["min_days"] = "Số ngày tối thiểu phải từ 1 trở lên."
    elif rule.min_days > limit:
        errors["min_days"] = f"Mỗi {rule.get_per_display()} không quá {limit} ngày."
    if not rule.legal_basis:
        errors["legal_basis"] = "Hãy ghi căn cứ pháp lý."
    if not isinstance(rule.valid_from, dt.date):
        errors["valid_from"] = "Hãy ghi ngày bắt đầu hiệu lực."
    elif rule.valid_to and rule.valid_to < rule.valid_from:
        errors["valid_to"] = "Ngày hết hiệu lực không thể trước ngày bắt đầu."
    if not errors:
        far = dt.date.max
        clash = (
            ReceptionRule.objects.filter(host_role=rule.host_role, level=rule.level)
            .exclude(pk=rule.pk)
            .overlapping(rule.valid_from, rule.valid_to or far)
            .first()
        )
        if clash is not None:
            errors["valid_from"] = (
                f"Trùng thời gian hiệu lực với quy định {clash.code} ({clash.validity_label}); "
                "hãy cho quy định cũ hết hiệu lực trước ngày quy định mới bắt đầu."
            )
        elif (
            ReceptionRule.objects.filter(code=rule.code, valid_from=rule.valid_from)
            .exclude(pk=rule.pk)
            .exists()
        ):
            errors["code"] = "Đã có quy định cùng mã, cùng ngày hiệu lực."
    if errors:
        raise ValidationError(errors)
