"""The deadline engine: which rule applies, and when a time limit ends.

`compute(procedure, step, start, ...)` picks the `DeadlineRule` in force on the start
date (valid_from ≤ start ≤ valid_to) for the most specific variant that exists (a
remote and complex case first looks for a remote+complex row, then complex, then
remote, then the normal one), counts calendar or working days over the calendar in
`workcalendar`, and explains the result in Vietnamese. No HTTP, no templates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from danvan.lib.workdays import add_calendar_days, add_working_days
from danvan.workcalendar.calendar import calendar_for, years_loaded
from danvan.workcalendar.models import weekday_label

from .models import DEFAULT_STEP, DeadlineRule, Procedure, Step, TimeUnit, Variant


@dataclass(frozen=True)
class DeadlineResult:
    due: dt.date
    rule: DeadlineRule
    start: dt.date
    variant: str  # the variant of the rule applied
    extensions: int
    explanation: str  # Vietnamese, for the page and the API
    warnings: tuple[str, ...] = ()


def variants_for(*, remote: bool, complex: bool, especially_complex: bool) -> list[str]:
    """Variants to try, most specific first; `normal` always last."""
    wanted: list[str] = []
    if especially_complex:
        wanted.append(Variant.ESPECIALLY_COMPLEX)
    if remote and (complex or especially_complex):
        wanted.append(Variant.REMOTE_COMPLEX)
    if complex or especially_complex:
        wanted.append(Variant.COMPLEX)
    if remote:
        wanted.append(Variant.REMOTE)
    wanted.append(Variant.NORMAL)
    return wanted


def check_procedure(procedure: str, step: str | None) -> str:
    """The step to use, or a ValidationError in Vietnamese for unknown values."""
    if procedure not in Procedure.values:
        options = ", ".join(f"{v} ({label})" for v, label in Procedure.choices)
        raise ValidationError(f"Không có thủ tục “{procedure}”. Các thủ tục: {options}.")
    step = step or DEFAULT_STEP[procedure]
    if step not in Step.values:
        options = ", ".join(Step.values)
        raise ValidationError(f"Không có bước “{step}”. Các bước: {options}.")
    return step


def rule_for(
    procedure: str,
    step: str,
    start: dt.date,
    *,
    remote: bool = False,
    complex: bool = False,
    especially_complex: bool = False,
) -> DeadlineRule:
    """The rule in force on `start` for the most specific variant that exists."""
    step = check_procedure(procedure, step)
    wanted = variants_for(remote=remote, complex=complex, especially_complex=especially_complex)
    rows = list(
        DeadlineRule.objects.in_force_on(start).filter(
            procedure=procedure, step=step, variant__in=wanted
        )
    )
    by_variant = {r.variant: r for r in rows}
    for variant in wanted:
        if variant in by_variant:
            return by_variant[variant]
    raise ValidationError(
        f"Chưa có quy tắc thời hạn cho “{Procedure(procedure).label} – {Step(step).label}” "
        f"có hiệu lực ngày {start:%d/%m/%Y}. Quản trị viên cần bổ sung trong bảng quy tắc."
    )


def due_date(rule: DeadlineRule, start: dt.date, extensions: int = 0) -> dt.date:
    """The last day of `rule`'s period from `start`, with `extensions` extensions."""
    total = rule.quantity + extensions * rule.extension_quantity
    # Wide enough for any period plus Tết and a run of holidays.
    horizon = start + dt.timedelta(days=total * 2 + 60)
    cal = calendar_for(start, horizon)
    if rule.unit == TimeUnit.WORKING_DAY:
        return add_working_days(start, total, cal, include_start=rule.include_start)
    return add_calendar_days(
        start, total, cal, include_start=rule.include_start, roll_forward=rule.roll_forward
    )


def compute(
    procedure: str,
    step: str | None,
    start: dt.date,
    *,
    remote: bool = False,
    complex: bool = False,
    especially_complex: bool = False,
    extensions: int = 0,
) -> DeadlineResult:
    """When a time limit ends, by the rule in force on `start`; explained in Vietnamese."""
    step = check_procedure(procedure, step)
    rule = rule_for(
        procedure,
        step,
        start,
        remote=remote,
        complex=complex,
        especially_complex=especially_complex,
    )
    return compute_with(
        rule, start, extensions=extensions, asked=(remote, complex, especially_complex)
    )


def compute_with(
    rule: DeadlineRule,
    start: dt.date,
    *,
    extensions: int = 0,
    asked: tuple[bool, bool, bool] = (False, False, False),
) -> DeadlineResult:
    """The deadline of a given rule (a petition recomputing under the rule it keeps)."""
    if extensions < 0:
        raise ValidationError("Số lần gia hạn không được âm.")
    if extensions > rule.max_extensions:
        raise ValidationError(
            f"{rule.get_variant_display()}: được gia hạn tối đa {rule.max_extensions} lần "
            f"theo {rule.legal_basis}; đã yêu cầu {extensions} lần."
            if rule.max_extensions
            else f"{rule.get_procedure_display()} – {rule.get_step_display()} "
            f"({rule.get_variant_display().lower()}) không được gia hạn."
        )
    due = due_date(rule, start, extensions)
    warnings = _warnings(rule, start, due, asked)
    return DeadlineResult(
        due=due,
        rule=rule,
        start=start,
        variant=rule.variant,
        extensions=extensions,
        explanation=explain(rule, start, due, extensions, warnings),
        warnings=tuple(warnings),
    )


def _warnings(
    rule: DeadlineRule, start: dt.date, due: dt.date, asked: tuple[bool, bool, bool]
) -> list[str]:
    warnings = []
    remote, complex_, especially = asked
    applied = rule.variant
    if remote and applied not in {Variant.REMOTE, Variant.REMOTE_COMPLEX}:
        warnings.append(
            "Không có thời hạn riêng cho vùng sâu, vùng xa ở bước này; áp dụng thời hạn chung."
        )
    if (complex_ or especially) and applied in {Variant.NORMAL, Variant.REMOTE}:
        warnings.append(
            "Không có thời hạn riêng cho vụ việc phức tạp ở bước này; áp dụng thời hạn chung."
        )
    elif especially and applied != Variant.ESPECIALLY_COMPLEX:
        warnings.append(
            "Không có thời hạn riêng cho vụ việc đặc biệt phức tạp ở bước này; "
            "áp dụng thời hạn của vụ việc phức tạp."
        )
    if rule.unit == TimeUnit.WORKING_DAY or rule.roll_forward:
        missing = sorted(set(range(start.year, due.year + 1)) - years_loaded())
        if missing:
            years = ", ".join(str(y) for y in missing)
            warnings.append(
                f"Lịch nghỉ lễ năm {years} chưa được nạp: chỉ trừ thứ Bảy, Chủ nhật; "
                f"hạn thực tế có thể muộn hơn."
            )
    if rule.confidence != "V":
        warnings.append(
            f"Quy tắc có độ tin cậy [{rule.confidence}]: cần đối chiếu văn bản trước khi dựa vào."
        )
    return warnings


def explain(
    rule: DeadlineRule, start: dt.date, due: dt.date, extensions: int, warnings: list[str]
) -> str:
    unit = rule.get_unit_display()
    parts = [
        f"{rule.get_procedure_display()} – {rule.get_step_display()}"
        f" ({rule.get_variant_display().lower()}): {rule.quantity} {unit}"
        f" kể từ {rule.get_start_event_display()} {start:%d/%m/%Y},"
        f" theo {rule.legal_basis} [{rule.confidence}].",
    ]
    if extensions:
        parts.append(
            f"Gia hạn {extensions} lần × {rule.extension_quantity} {unit}: "
            f"tổng {rule.quantity + extensions * rule.extension_quantity} {unit}."
        )
    parts.append("Tính cả ngày bắt đầu." if rule.include_start else "Tính từ ngày tiếp theo.")
    if rule.unit == TimeUnit.WORKING_DAY:
        parts.append(
            "Không tính thứ Bảy, Chủ nhật, ngày nghỉ lễ, Tết, nghỉ bù; có tính ngày làm bù."
        )
    elif rule.roll_forward:
        parts.append("Hạn rơi vào ngày nghỉ thì chuyển sang ngày làm việc kế tiếp.")
    parts.append(f"Hạn: {weekday_label(due)}, {due:%d/%m/%Y}.")
    parts.extend(warnings)
    return " ".join(parts)
