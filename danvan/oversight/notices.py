"""Is a plan's notice on time? A warning, never a block (DOMAIN.md §4.6, §7.5).

The Ban TTND sends each inspection plan to the MTTQ, the UBND chair and the subject at
least 5 working days before it starts (Luật 10/2022/QH15 Điều 39). The period is a
`NoticeRule` row per plan kind. Convention [U]: the last day to send is the 5th working
day counted back from the day before the window starts (`add_working_days(start, -5)`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import DatabaseError, transaction

from danvan.lib.workdays import Calendar, add_working_days

from .models import NoticeRule, OversightPlan
from .states import Status


@dataclass(frozen=True, slots=True)
class NoticeCheck:
    rule: NoticeRule
    deadline: dt.date  # the last day the notice may be sent
    level: str  # "ok" | "pending" | "late" | "missed"
    message: str

    @property
    def is_warning(self) -> bool:
        return self.level in {"late", "missed"}


def working_calendar(start: dt.date, end: dt.date) -> Calendar:
    """Holidays from the work calendar app when it is there; otherwise weekends only."""
    try:
        from danvan.workcalendar.calendar import calendar_for
    except ImportError:
        return Calendar(frozenset(), frozenset())
    try:
        with transaction.atomic():  # a savepoint: a missing table must not break the caller
            return calendar_for(start, end)
    except DatabaseError:
        return Calendar(frozenset(), frozenset())


def check(plan: OversightPlan, today: dt.date) -> NoticeCheck | None:
    rule = NoticeRule.for_plan(plan.kind, plan.window_start)
    if rule is None or plan.status == Status.CANCELLED:
        return None
    cal = working_calendar(
        plan.window_start - dt.timedelta(days=3 * rule.days + 30), plan.window_start
    )
    if rule.working_days:
        deadline = add_working_days(plan.window_start, -rule.days, cal)
        period = f"{rule.days} ngày làm việc"
    else:
        deadline = plan.window_start - dt.timedelta(days=rule.days)
        period = f"{rule.days} ngày"
    basis = f" ({rule.legal_basis})" if rule.legal_basis else ""
    sent = plan.notice_sent_on
    if sent is not None and sent <= deadline:
        return NoticeCheck(rule, deadline, "ok", f"Đã thông báo ngày {sent:%d/%m/%Y}, đúng hạn.")
    if sent is not None:
        return NoticeCheck(
            rule,
            deadline,
            "late",
            f"Thông báo gửi ngày {sent:%d/%m/%Y}, muộn hơn hạn {deadline:%d/%m/%Y}: "
            f"phải gửi trước ít nhất {period}{basis}.",
        )
    if today > deadline and plan.status == Status.PLANNED:
        return NoticeCheck(
            rule,
            deadline,
            "missed",
            f"Đã quá hạn gửi thông báo ({deadline:%d/%m/%Y}): phải gửi trước ít nhất {period}{basis}. "
            "Hãy lùi thời gian hoặc ghi rõ lý do.",
        )
    return NoticeCheck(
        rule,
        deadline,
        "pending",
        f"Hạn gửi thông báo: {deadline:%d/%m/%Y} (trước ít nhất {period}{basis}).",
    )
