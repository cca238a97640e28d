"""Every change to pledges, commendations and eligibility rules: permission, validation,
write, lifecycle row, audit row — in one transaction.

Who may do what:

* pledges: `emulation.edit` on the pledge's unit (the commission's) for everything up
  to closing the scoring; reopening a closed scoring needs `emulation.decide`;
* commendations: proposing and editing a proposal need `emulation.edit` on the
  proposing unit; review, return, decision and rejection need `emulation.decide`
  (approver) on that unit or above;
* eligibility rules: `rules.manage` on the rule's unit (the nation for nationwide rules).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from danvan.accounts.permissions import require
from danvan.audit.log import VERB_LABELS, diff, record
from danvan.core.lifecycle import check
from danvan.lib.text import fold, nfc
from danvan.people import actions as people_actions
from danvan.people.actions import PositionSpec
from danvan.people.models import Person
from danvan.units.models import Body, Level, Unit, UnitClosure

from . import eligibility
from .models import (
    AwardForm,
    Commendation,
    CommendationTransition,
    Confidence,
    EligibilityRule,
    Measure,
    Pledge,
    PledgeCriterion,
    PledgeParticipant,
    PledgeScore,
    PledgeTransition,
    Predicate,
    RecipientKind,
    RuleGroup,
)
from .states import (
    COMMENDATION_ALLOWED,
    COMMENDATION_LABELS,
    PLEDGE_ALLOWED,
    PLEDGE_EDITABLE,
    PLEDGE_LABELS,
    PLEDGE_SCORABLE,
    CommendationStatus,
    PledgeStatus,
)

VERB_LABELS.update(
    {
        "emulation.create_pledge": "Tạo giao ước thi đua",
        "emulation.update_pledge": "Sửa giao ước thi đua",
        "emulation.add_participant": "Thêm đơn vị tham gia giao ước",
        "emulation.update_participant": "Sửa thông tin đơn vị tham gia",
        "emulation.remove_participant": "Bỏ đơn vị tham gia giao ước",
        "emulation.set_criterion": "Ghi tiêu chí giao ước",
        "emulation.remove_criterion": "Bỏ tiêu chí giao ước",
        "emulation.sign_pledge": "Ký kết giao ước",
        "emulation.record_scores": "Chấm điểm giao ước",
        "emulation.close_scoring": "Tổng kết, chốt điểm giao ước",
        "emulation.reopen_scoring": "Mở lại chấm điểm giao ước",
        "emulation.cancel_pledge": "Hủy giao ước",
        "emulation.propose": "Đề nghị khen thưởng",
        "emulation.update_commendation": "Sửa đề nghị khen thưởng",
        "emulation.start_review": "Bắt đầu xét khen thưởng",
        "emulation.return_commendation": "Trả lại đề nghị khen thưởng",
        "emulation.decide": "Quyết định khen thưởng",
        "emulation.reject": "Không khen thưởng",
        "emulation.create_rule": "Thêm điều kiện khen thưởng",
        "emulation.update_rule": "Sửa điều kiện khen thưởng",
        "emulation.enable_rule": "Bật / tắt điều kiện khen thưởng",
    }
)


# --- helpers -------------------------------------------------------------------------


def _user(by: Any) -> Any:
    return by if getattr(by, "pk", None) else None


def _by_name(by: Any) -> str:
    return by.get_username() if getattr(by, "is_authenticated", False) else "hệ thống"


def _today() -> dt.date:
    return timezone.localdate()


def _is_below(unit: Unit, ancestor: Unit, *, strictly: bool) -> bool:
    qs = UnitClosure.objects.filter(ancestor=ancestor, descendant=unit)
    if strictly:
        qs = qs.filter(depth__gt=0)
    return qs.exists()


def _nation() -> Unit | None:
    return Unit.objects.filter(level=Level.NATION).first()


def _not_before_last(steps: Any, on: dt.date) -> None:
    """A step cannot be dated in the future, nor before the previous one: the timeline
    reads in order."""
    if on > _today():
        raise ValidationError(f"Ngày {on:%d/%m/%Y} chưa tới: chỉ ghi các bước đã diễn ra.")
    last = steps.order_by("-on_date").values_list("on_date", flat=True).first()
    if last is not None and on < last:
        raise ValidationError(f"Ngày {on:%d/%m/%Y} không được trước bước trước ({last:%d/%m/%Y}).")


def _move_pledge(pledge: Pledge, to: str, *, by: Any, on: dt.date, note: str = "") -> str:
    before = pledge.status
    check(PLEDGE_ALLOWED, before, to, PLEDGE_LABELS)
    # The draft step is dated when the record was entered, which may be after the signing.
    _not_before_last(pledge.transitions.exclude(from_status=""), on)
    PledgeTransition.objects.create(
        pledge=pledge,
        from_status=before,
        to_status=to,
        on_date=on,
        by=_user(by),
        by_name=_by_name(by),
        note=note,
    )
    pledge.status = to
    return before


def _move_commendation(c: Commendation, to: str, *, by: Any, on: dt.date, note: str = "") -> str:
    before = c.status
    check(COMMENDATION_ALLOWED, before, to, COMMENDATION_LABELS)
    _not_before_last(c.transitions, on)
    CommendationTransition.objects.create(
        commendation=c,
        from_status=before,
        to_status=to,
        on_date=on,
        by=_user(by),
        by_name=_by_name(by),
        note=note,
    )
    c.status = to
    return before


def _status_change(before: str, after: str, labels: dict[str, str]) -> dict[str, list[str]]:
    return {"Trạng thái": [labels.get(before, before), labels.get(after, after)]}


def _locked_pledge(pledge: Pledge) -> Pledge:
    return Pledge.objects.select_for_update().select_related("unit", "body").get(pk=pledge.pk)


def _require_state(pledge: Pledge, allowed: frozenset[str], what: str) -> None:
    if pledge.status not in allowed:
        raise ValidationError(
            f"Không thể {what} khi giao ước ở trạng thái “{PLEDGE_LABELS[pledge.status]}”."
        )


def _pledge_key(pledge: Pledge) -> str:
    return fold(" | ".join([pledge.title, pledge.body.name, pledge.movement, str(pledge.year)]))[
        :600
    ]


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise ValidationError("Năm không hợp lệ.")


# --- pledges -------------------------------------------------------------------------


@transaction.atomic
def create_pledge(
    *,
    by: Any,
    body: Body,
    year: int,
    title: str = "",
    movement: str = "",
    note: str = "",
    external_id: str = "",
    conference: Any = None,
    on: dt.date | None = None,
) -> Pledge:
    """A draft pledge of `body` (the commission) for `year`, drafted on `on` (default today).
    Idempotent on external_id."""
    require(by, "emulation.edit", body.unit)
    _check_year(year)
    external_id = (external_id or "").strip()
    if external_id:
        existing = Pledge.objects.filter(unit=body.unit, external_id=external_id).first()
        if existing is not None:
            return existing
    title = nfc(title or "") or f"Giao ước thi đua năm {year}"
    pledge = Pledge(
        unit=body.unit,
        body=body,
        year=year,
        title=title[:300],
        movement=nfc(movement or "")[:300],
        note=nfc(note or ""),
        external_id=external_id,
        conference=conference,
        created_by=_user(by),
    )
    pledge.search_key = _pledge_key(pledge)
    pledge.save()
    PledgeTransition.objects.create(
        pledge=pledge,
        from_status="",
        to_status=PledgeStatus.DRAFT,
        on_date=on or _today(),
        by=_user(by),
        by_name=_by_name(by),
    )
    record(
        by,
        "emulation.create_pledge",
        pledge,
        unit=pledge.unit,
        data={"changes": {"Tên giao ước": [None, pledge.title], "Năm": [None, year]}},
    )
    return pledge


def _pledge_data(p: Pledge) -> dict[str, Any]:
    return {
        "Tên giao ước": p.title,
        "Năm": p.year,
        "Phong trào": p.movement,
        "Ghi chú": p.note,
        "Hội nghị ký kết": str(p.conference) if p.conference_id else "",
    }


@transaction.atomic
def update_pledge(
    pledge: Pledge,
    *,
    by: Any,
    title: str,
    year: int,
    movement: str = "",
    note: str = "",
    conference: Any = None,
) -> Pledge:
    """Correct the title, movement, note or conference; the year only before signing."""
    require(by, "emulation.edit", pledge.unit)
    pledge = _locked_pledge(pledge)
    if pledge.status == PledgeStatus.CANCELLED:
        raise ValidationError("Giao ước đã hủy, không sửa được.")
    _check_year(year)
    if year != pledge.year and pledge.status not in PLEDGE_EDITABLE:
        raise ValidationError("Chỉ sửa được năm thi đua trước khi ký kết.")
    before = _pledge_data(pledge)
    pledge.title = nfc(title or "")[:300] or pledge.title
    pledge.year, pledge.movement, pledge.note = year, nfc(movement or "")[:300], nfc(note or "")
    pledge.conference = conference
    changes = diff(before, _pledge_data(pledge))
    if changes:
        pledge.search_key = _pledge_key(pledge)
        pledge.save(
            update_fields=[
                "title",
                "year",
                "movement",
                "note",
                "conference",
                "search_key",
                "updated_at",
            ]
        )
        record(by, "emulation.update_pledge", pledge, unit=pledge.unit, data={"changes": changes})
    return pledge


def _check_size(population: int | None, villages: int | None) -> None:
    if population is not None and population < 0:
        raise ValidationError("Số dân không được âm.")
    if villages is not None and villages < 0:
        raise ValidationError("Số thôn, tổ dân phố không được âm.")


@transaction.atomic
def add_participant(
    pledge: Pledge,
    *,
    by: Any,
    body: Body,
    population: int | None = None,
    villages: int | None = None,
    signer_name: str = "",
    note: str = "",
) -> PledgeParticipant:
    """A body of a lower unit joins the (draft) pledge."""
    require(by, "emulation.edit", pledge.unit)
    pledge = _locked_pledge(pledge)
    _require_state(pledge, PLEDGE_EDITABLE, "thêm đơn vị tham gia")
    if not _is_below(body.unit, pledge.unit, strictly=True):
        raise ValidationError(f"“{body.name}” không thuộc đơn vị cấp dưới của {pledge.unit.name}.")
    if pledge.participants.filter(body=body).exists():
        raise ValidationError(f"“{body.name}” đã có trong giao ước.")
    _check_size(population, villages)
    participant = PledgeParticipant.objects.create(
        pledge=pledge,
        body=body,
        unit=body.unit,
        population=population,
        villages=villages,
        signer_name=nfc(signer_name or "")[:200],
        note=nfc(note or "")[:300],
    )
    record(by, "emulation.add_participant", pledge, unit=pledge.unit, data={"note": body.name})
    return participant


@transaction.atomic
def update_participant(
    participant: PledgeParticipant,
    *,
    by: Any,
    population: int | None,
    villages: int | None,
    signer_name: str = "",
    note: str = "",
) -> PledgeParticipant:
    """Correct a participant's size (used by the fair ranking), signer or note."""
    pledge = participant.pledge
    require(by, "emulation.edit", pledge.unit)
    pledge = _locked_pledge(pledge)
    if pledge.status == PledgeStatus.CANCELLED:
        raise ValidationError("Giao ước đã hủy, không sửa được.")
    _check_size(population, villages)
    before = {
        "Số dân": participant.population,
        "Số thôn, tổ dân phố": participant.villages,
        "Người ký": participant.signer_name,
        "Ghi chú": participant.note,
    }
    participant.population, participant.villages = population, villages
    participant.signer_name, participant.note = nfc(signer_name or "")[:200], nfc(note or "")[:300]
    after = {
        "Số dân": population,
        "Số thôn, tổ dân phố": villages,
        "Người ký": participant.signer_name,
        "Ghi chú": participant.note,
    }
    changes = diff(before, after)
    if changes:
        participant.save(update_fields=["population", "villages", "signer_name", "note"])
        record(
            by,
            "emulation.update_participant",
            pledge,
            unit=pledge.unit,
            data={"note": participant.body.name, "changes": changes},
        )
    return participant


@transaction.atomic
def remove_participant(participant: PledgeParticipant, *, by: Any) -> None:
    pledge = participant.pledge
    require(by, "emulation.edit", pledge.unit)
    pledge = _locked_pledge(pledge)
    _require_state(pledge, PLEDGE_EDITABLE, "bỏ đơn vị tham gia")
    name = participant.body.name
    participant.delete()
    record(by, "emulation.remove_participant", pledge, unit=pledge.unit, data={"note": name})


@transaction.atomic
def set_criterion(
    pledge: Pledge,
    *,
    by: Any,
    number: int,
    text: str,
    max_score: Decimal,
    weight: Decimal = Decimal(1),
    measure: str = Measure.POINTS,
) -> PledgeCriterion:
    """Add criterion `number`, or replace its wording and scale (draft pledges only)."""
    require(by, "emulation.edit", pledge.unit)
    pledge = _locked_pledge(pledge)
    _require_state(pledge, PLEDGE_EDITABLE, "sửa tiêu chí")
    text = nfc(text or "")
    if not text:
        raise ValidationError("Hãy nhập nội dung tiêu chí.")
    if number < 1:
        raise ValidationError("Số thứ tự tiêu chí phải từ 1.")
    if max_score <= 0:
        raise ValidationError("Điểm tối đa phải lớn hơn 0.")
    if weight <= 0:
        raise ValidationError("Hệ số phải lớn hơn 0.")
    if measure not in Measure.values:
        raise ValidationError("Cách tính không hợp lệ.")
    criterion, created = PledgeCriterion.objects.update_or_create(
        pledge=pledge,
        number=number,
        defaults={"text": text, "max_score": max_score, "weight": weight, "measure": measure},
    )
    record(
        by,
        "emulation.set_criterion",
        pledge,
        unit=pledge.unit,
        data={"note": f"{'Thêm' if created else 'Sửa'} tiêu chí {number}: {text[:200]}"},
    )
    return criterion


@transaction.atomic
def remove_criterion(criterion: PledgeCriterion, *, by: Any) -> None:
    pledge = criterion.pledge
    require(by, "emulation.edit", pledge.unit)
    pledge = _locked_pledge(pledge)
    _require_state(pledge, PLEDGE_EDITABLE, "bỏ tiêu chí")
    number = criterion.number
    criterion.delete()
    record(
        by,
        "emulation.remove_criterion",
        pledge,
        unit=pledge.unit,
        data={"note": f"Bỏ tiêu chí {number}"},
    )


@transaction.atomic
def sign_pledge(
    pledge: Pledge, *, by: Any, signed_on: dt.date, conference: Any = None, note: str = ""
) -> Pledge:
    """The pledge is signed (usually at the year review): participants and criteria freeze."""
    require(by, "emulation.edit", pledge.unit)
    pledge = _locked_pledge(pledge)
    if not pledge.participants.exists():
        raise ValidationError("Giao ước chưa có đơn vị tham gia.")
    if not pledge.criteria.exists():
        raise ValidationError("Giao ước chưa có tiêu chí.")
    before = _move_pledge(pledge, PledgeStatus.SIGNED, by=by, on=signed_on, note=nfc(note or ""))
    # A pledge recorded after it was signed was a draft by the signing day at the latest.
    pledge.transitions.filter(from_status="", on_date__gt=signed_on).update(on_date=signed_on)
    pledge.signed_on = signed_on
    if conference is not None:
        pledge.conference = conference
    pledge.save(update_fields=["status", "signed_on", "conference", "updated_at"])
    changes = _status_change(before, pledge.status, PLEDGE_LABELS)
    changes["Ngày ký kết"] = [None, f"{signed_on:%d/%m/%Y}"]
    record(
        by,
        "emulation.sign_pledge",
        pledge,
        unit=pledge.unit,
        data={"note": nfc(note or ""), "changes": changes},
    )
    return pledge


@dataclass(frozen=True, slots=True)
class ScoreInput:
    participant: PledgeParticipant
    criterion: PledgeCriterion
    value: Decimal | None  # None: clear the score
    note: str = ""


@transaction.atomic
def record_scores(pledge: Pledge, scores: list[ScoreInput], *, by: Any) -> int:
    """Enter end-of-year results (points up to the criterion's maximum, or counts).
    Returns the number of cells changed."""
    require(by, "emulation.edit", pledge.unit)
    pledge = _locked_pledge(pledge)
    _require_state(pledge, PLEDGE_SCORABLE, "chấm điểm")
    existing = {
        (s.participant_id, s.criterion_id): s
        for s in PledgeScore.objects.filter(participant__pledge=pledge)
    }
    changes: dict[str, list[Any]] = {}
    errors: list[str] = []
    for s in scores:
        if s.participant.pledge_id != pledge.pk or s.criterion.pledge_id != pledge.pk:
            raise ValidationError("Điểm không thuộc giao ước này.")
        label = f"Tiêu chí {s.criterion.number} – {s.participant.body.name}"
        if s.value is not None:
            if s.value < 0:
                errors.append(f"{label}: không được âm.")
                continue
            if s.criterion.measure == Measure.POINTS and s.value > s.criterion.max_score:
                errors.append(f"{label}: vượt điểm tối đa {s.criterion.max_score:g}.")
                continue
            if s.criterion.measure == Measure.COUNT and s.value != s.value.to_integral_value():
                errors.append(f"{label}: số lượng phải là số nguyên.")
                continue
        row = existing.get((s.participant.pk, s.criterion.pk))
        old = row.value if row else None
        if s.value is None:
            if row is not None:
                row.delete()
                changes[label] = [f"{old:g}", None]
            continue
        if row is None:
            PledgeScore.objects.create(
                participant=s.participant,
                criterion=s.criterion,
                value=s.value,
                note=nfc(s.note or "")[:300],
                scored_by=_user(by),
            )
            changes[label] = [None, f"{s.value:g}"]
        elif row.value != s.value or row.note != nfc(s.note or "")[:300]:
            row.value, row.note, row.scored_by = s.value, nfc(s.note or "")[:300], _user(by)
            row.save(update_fields=["value", "note", "scored_by", "scored_at"])
            changes[label] = [f"{old:g}", f"{s.value:g}"]
    if errors:
        raise ValidationError(errors)
    if changes:
        record(by, "emulation.record_scores", pledge, unit=pledge.unit, data={"changes": changes})
    return len(changes)


@transaction.atomic
def close_scoring(pledge: Pledge, *, by: Any, on: dt.date | None = None, note: str = "") -> Pledge:
    """End-of-year: every participant has a result for every criterion; the ranking is final."""
    require(by, "emulation.edit", pledge.unit)
    pledge = _locked_pledge(pledge)
    expected = pledge.participants.count() * pledge.criteria.count()
    have = PledgeScore.objects.filter(participant__pledge=pledge).count()
    if have < expected and pledge.status == PledgeStatus.SIGNED:
        raise ValidationError(f"Còn {expected - have} ô chưa chấm điểm; chấm đủ rồi mới tổng kết.")
    before = _move_pledge(
        pledge, PledgeStatus.SCORED, by=by, on=on or _today(), note=nfc(note or "")
    )
    pledge.save(update_fields=["status", "updated_at"])
    record(
        by,
        "emulation.close_scoring",
        pledge,
        unit=pledge.unit,
        data={
            "note": nfc(note or ""),
            "changes": _status_change(before, pledge.status, PLEDGE_LABELS),
        },
    )
    return pledge


@transaction.atomic
def reopen_scoring(pledge: Pledge, *, by: Any, note: str) -> Pledge:
    """Reopen a closed scoring to correct it (approvers only; the reason is kept)."""
    require(by, "emulation.decide", pledge.unit)
    pledge = _locked_pledge(pledge)
    note = nfc(note or "")
    if not note:
        raise ValidationError("Hãy ghi lý do mở lại chấm điểm.")
    before = _move_pledge(pledge, PledgeStatus.SIGNED, by=by, on=_today(), note=note)
    pledge.save(update_fields=["status", "updated_at"])
    record(
        by,
        "emulation.reopen_scoring",
        pledge,
        unit=pledge.unit,
        data={"note": note, "changes": _status_change(before, pledge.status, PLEDGE_LABELS)},
    )
    return pledge


@transaction.atomic
def cancel_pledge(pledge: Pledge, *, by: Any, note: str) -> Pledge:
    require(by, "emulation.edit", pledge.unit)
    pledge = _locked_pledge(pledge)
    note = nfc(note or "")
    if not note:
        raise ValidationError("Hãy ghi lý do hủy giao ước.")
    before = _move_pledge(pledge, PledgeStatus.CANCELLED, by=by, on=_today(), note=note)
    pledge.save(update_fields=["status", "updated_at"])
    record(
        by,
        "emulation.cancel_pledge",
        pledge,
        unit=pledge.unit,
        data={"note": note, "changes": _status_change(before, pledge.status, PLEDGE_LABELS)},
    )
    return pledge


# --- commendations -------------------------------------------------------------------


def _commendation_key(c: Commendation) -> str:
    parts = [
        c.recipient_name,
        c.recipient_position,
        c.reason,
        c.movement,
        c.decision_number,
        c.form_detail,
        c.awarding_body_name,
    ]
    return fold(" | ".join(p for p in parts if p))[:800]


def _commendation_data(c: Commendation) -> dict[str, Any]:
    return {
        "Hình thức": c.form_label,
        "Năm": c.year,
        "Người, tập thể được khen": c.recipient_name,
        "Chức vụ, nơi công tác": c.recipient_position,
        "Cơ quan đề nghị": str(c.proposer_body) if c.proposer_body_id else "",
        "Ngày đề nghị": f"{c.proposed_on:%d/%m/%Y}" if c.proposed_on else "",
        "Thành tích": c.reason,
        "Phong trào": c.movement,
        "Hội nghị": str(c.conference) if c.conference_id else "",
    }


def _check_recipient(
    unit: Unit, kind: str, person: Person | None, recipient_body: Body | None, name: str
) -> None:
    if kind not in RecipientKind.values:
        raise ValidationError("Đối tượng khen thưởng không hợp lệ.")
    if kind == RecipientKind.INDIVIDUAL and person is None:
        raise ValidationError("Hãy chọn cá nhân được khen thưởng (hoặc nhập họ tên để thêm mới).")
    if kind == RecipientKind.COLLECTIVE:
        if person is not None:
            raise ValidationError("Khen thưởng tập thể không ghi cá nhân.")
        if recipient_body is None and not name:
            raise ValidationError("Hãy chọn tập thể được khen thưởng hoặc ghi tên tập thể.")
        if recipient_body is not None and not _is_below(recipient_body.unit, unit, strictly=False):
            raise ValidationError(f"“{recipient_body.name}” không thuộc {unit.name}.")


def _check_proposer(unit: Unit, proposer_body: Body | None) -> None:
    if proposer_body is not None and not _is_below(proposer_body.unit, unit, strictly=False):
        raise ValidationError(f"Cơ quan đề nghị “{proposer_body.name}” không thuộc {unit.name}.")


@transaction.atomic
def propose_commendation(
    *,
    by: Any,
    unit: Unit,
    form: str,
    recipient_kind: str,
    proposed_on: dt.date,
    person: Person | None = None,
    new_person_name: str = "",
    recipient_body: Body | None = None,
    recipient_name: str = "",
    recipient_position: str = "",
    proposer_body: Body | None = None,
    year: int | None = None,
    reason: str = "",
    movement: str = "",
    form_detail: str = "",
    external_id: str = "",
    conference: Any = None,
) -> Commendation:
    """Propose a commendation for a person (or a new person by name, added to people with
    `recipient_position` as their post at `unit`) or a collective. Idempotent on
    (unit, external_id)."""
    require(by, "emulation.edit", unit)
    external_id = (external_id or "").strip()
    if external_id:
        existing = Commendation.objects.filter(unit=unit, external_id=external_id).first()
        if existing is not None:
            return existing
    if form not in AwardForm.values:
        raise ValidationError("Hình thức khen thưởng không hợp lệ.")
    if person is None and recipient_kind == RecipientKind.INDIVIDUAL and nfc(new_person_name or ""):
        position = (
            PositionSpec(title=recipient_position, unit=unit, source="đề nghị khen thưởng")
            if nfc(recipient_position or "")
            else None
        )
        person = people_actions.create_person(by=by, full_name=new_person_name, position=position)
    if person is not None:
        person = person.final()
    name = nfc(recipient_name or "") or (
        person.full_name if person else (recipient_body.name if recipient_body else "")
    )
    _check_recipient(unit, recipient_kind, person, recipient_body, name)
    _check_proposer(unit, proposer_body)
    year = year or proposed_on.year
    _check_year(year)
    c = Commendation(
        unit=unit,
        year=year,
        form=form,
        form_detail=nfc(form_detail or "")[:200],
        recipient_kind=recipient_kind,
        person=person,
        recipient_body=recipient_body,
        recipient_name=name[:300],
        recipient_position=nfc(recipient_position or "")[:300],
        proposer_body=proposer_body,
        proposed_on=proposed_on,
        reason=nfc(reason or ""),
        movement=nfc(movement or "")[:300],
        external_id=external_id,
        conference=conference,
        created_by=_user(by),
    )
    c.search_key = _commendation_key(c)
    c.save()
    CommendationTransition.objects.create(
        commendation=c,
        from_status="",
        to_status=CommendationStatus.PROPOSED,
        on_date=proposed_on,
        by=_user(by),
        by_name=_by_name(by),
    )
    data = {k: [None, v] for k, v in _commendation_data(c).items() if v}
    record(by, "emulation.propose", c, unit=unit, data={"changes": data})
    return c


@transaction.atomic
def update_commendation(
    c: Commendation,
    *,
    by: Any,
    form: str,
    recipient_position: str = "",
    recipient_name: str = "",
    proposer_body: Body | None = None,
    proposed_on: dt.date | None = None,
    year: int | None = None,
    reason: str = "",
    movement: str = "",
    form_detail: str = "",
    conference: Any = None,
) -> Commendation:
    """Correct a proposal while it has not gone to review."""
    require(by, "emulation.edit", c.unit)
    c = Commendation.objects.select_for_update().get(pk=c.pk)
    if c.status != CommendationStatus.PROPOSED:
        raise ValidationError(
            f"Chỉ sửa được đề nghị chưa xét (hiện: “{COMMENDATION_LABELS[c.status]}”)."
        )
    if form not in AwardForm.values:
        raise ValidationError("Hình thức khen thưởng không hợp lệ.")
    _check_proposer(c.unit, proposer_body)
    before = _commendation_data(c)
    c.form, c.form_detail = form, nfc(form_detail or "")[:200]
    c.recipient_position = nfc(recipient_position or "")[:300]
    c.recipient_name = nfc(recipient_name or "")[:300] or c.recipient_name
    c.proposer_body = proposer_body
    c.proposed_on = proposed_on or c.proposed_on
    c.year = year or c.year
    _check_year(c.year)
    c.reason, c.movement = nfc(reason or ""), nfc(movement or "")[:300]
    c.conference = conference
    changes = diff(before, _commendation_data(c))
    if changes:
        c.search_key = _commendation_key(c)
        c.save()
        record(by, "emulation.update_commendation", c, unit=c.unit, data={"changes": changes})
    return c


@transaction.atomic
def start_review(
    c: Commendation, *, by: Any, on: dt.date | None = None, note: str = ""
) -> Commendation:
    """The awarding level takes the proposal up."""
    require(by, "emulation.decide", c.unit)
    c = Commendation.objects.select_for_update().get(pk=c.pk)
    before = _move_commendation(
        c, CommendationStatus.REVIEWING, by=by, on=on or _today(), note=nfc(note or "")
    )
    c.save(update_fields=["status", "updated_at"])
    record(
        by,
        "emulation.start_review",
        c,
        unit=c.unit,
        data={
            "note": nfc(note or ""),
            "changes": _status_change(before, c.status, COMMENDATION_LABELS),
        },
    )
    return c


@transaction.atomic
def return_commendation(
    c: Commendation, *, by: Any, note: str, on: dt.date | None = None
) -> Commendation:
    """Send a proposal back to the proposer to complete it (the reason is required)."""
    require(by, "emulation.decide", c.unit)
    c = Commendation.objects.select_for_update().get(pk=c.pk)
    note = nfc(note or "")
    if not note:
        raise ValidationError("Hãy ghi lý do trả lại đề nghị.")
    before = _move_commendation(c, CommendationStatus.PROPOSED, by=by, on=on or _today(), note=note)
    c.save(update_fields=["status", "updated_at"])
    record(
        by,
        "emulation.return_commendation",
        c,
        unit=c.unit,
        data={"note": note, "changes": _status_change(before, c.status, COMMENDATION_LABELS)},
    )
    return c


@transaction.atomic
def decide_commendation(
    c: Commendation,
    *,
    by: Any,
    decided_on: dt.date,
    decision_number: str = "",
    awarding_body: Body | None = None,
    awarding_body_name: str = "",
    note: str = "",
) -> Commendation:
    """Record the decision: its number (when known), date and the awarding body."""
    require(by, "emulation.decide", c.unit)
    c = Commendation.objects.select_for_update().get(pk=c.pk)
    name = nfc(awarding_body_name or "") or (awarding_body.name if awarding_body else "")
    if not name:
        raise ValidationError("Hãy ghi cơ quan khen thưởng.")
    if decided_on < c.proposed_on:
        raise ValidationError("Ngày quyết định không được trước ngày đề nghị.")
    before = _move_commendation(
        c, CommendationStatus.DECIDED, by=by, on=decided_on, note=nfc(note or "")
    )
    c.decided_on, c.decision_number = decided_on, nfc(decision_number or "")[:100]
    c.awarding_body, c.awarding_body_name = awarding_body, name[:300]
    c.search_key = _commendation_key(c)
    c.save(
        update_fields=[
            "status",
            "decided_on",
            "decision_number",
            "awarding_body",
            "awarding_body_name",
            "search_key",
            "updated_at",
        ]
    )
    changes = _status_change(before, c.status, COMMENDATION_LABELS)
    changes.update(
        {
            "Số quyết định": [None, c.decision_number or "(chưa ghi số)"],
            "Ngày quyết định": [None, f"{decided_on:%d/%m/%Y}"],
            "Cơ quan khen thưởng": [None, name],
        }
    )
    record(
        by, "emulation.decide", c, unit=c.unit, data={"note": nfc(note or ""), "changes": changes}
    )
    return c


@transaction.atomic
def reject_commendation(
    c: Commendation, *, by: Any, reason: str, on: dt.date | None = None
) -> Commendation:
    """Not commended, with the reason."""
    require(by, "emulation.decide", c.unit)
    c = Commendation.objects.select_for_update().get(pk=c.pk)
    reason = nfc(reason or "")
    if not reason:
        raise ValidationError("Hãy ghi lý do không khen thưởng.")
    before = _move_commendation(
        c, CommendationStatus.REJECTED, by=by, on=on or _today(), note=reason
    )
    c.rejection_reason = reason
    c.save(update_fields=["status", "rejection_reason", "updated_at"])
    record(
        by,
        "emulation.reject",
        c,
        unit=c.unit,
        data={"note": reason, "changes": _status_change(before, c.status, COMMENDATION_LABELS)},
    )
    return c


# --- eligibility rules ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleInput:
    award_form: str
    name: str
    predicate: str
    params: dict[str, Any]
    group: str = RuleGroup.REQUIRED
    unit: Unit | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    legal_basis: str = ""
    source_url: str = ""
    confidence: str = Confidence.UNVERIFIED
    note: str = ""


def _rule_fields(data: RuleInput) -> dict[str, Any]:
    if data.award_form not in AwardForm.values:
        raise ValidationError("Hình thức khen thưởng không hợp lệ.")
    if data.predicate not in Predicate.values:
        raise ValidationError("Loại điều kiện không hợp lệ.")
    if data.group not in RuleGroup.values:
        raise ValidationError("Nhóm điều kiện không hợp lệ.")
    if data.confidence not in Confidence.values:
        raise ValidationError("Độ tin cậy không hợp lệ.")
    name = nfc(data.name or "")
    if not name:
        raise ValidationError("Hãy đặt tên điều kiện.")
    if data.valid_from and data.valid_to and data.valid_to < data.valid_from:
        raise ValidationError("Ngày hết hiệu lực phải sau ngày bắt đầu.")
    try:
        params = eligibility.validate_params(data.predicate, data.params)
    except ValueError as e:
        raise ValidationError(str(e)) from e
    return {
        "award_form": data.award_form,
        "name": name[:300],
        "predicate": data.predicate,
        "group": data.group,
        "params": params,
        "unit": data.unit,
        "valid_from": data.valid_from,
        "valid_to": data.valid_to,
        "legal_basis": nfc(data.legal_basis or "")[:300],
        "source_url": (data.source_url or "").strip()[:500],
        "confidence": data.confidence,
        "note": nfc(data.note or ""),
    }


def _rule_data(rule: EligibilityRule) -> dict[str, Any]:
    return {
        "Tên": rule.name,
        "Hình thức": rule.get_award_form_display(),
        "Loại điều kiện": rule.get_predicate_display(),
        "Nhóm": rule.get_group_display(),
        "Tham số": rule.params,
        "Phạm vi": str(rule.unit) if rule.unit_id else "Toàn quốc",
        "Hiệu lực từ": f"{rule.valid_from:%d/%m/%Y}" if rule.valid_from else "",
        "Hiệu lực đến": f"{rule.valid_to:%d/%m/%Y}" if rule.valid_to else "",
        "Căn cứ": rule.legal_basis,
        "Nguồn": rule.source_url,
        "Độ tin cậy": rule.get_confidence_display(),
        "Ghi chú": rule.note,
    }


@transaction.atomic
def create_rule(data: RuleInput, *, by: Any) -> EligibilityRule:
    """A new rule, disabled: enabling is a separate, explicit step."""
    require(by, "rules.manage", data.unit or _nation())
    rule = EligibilityRule.objects.create(**_rule_fields(data), enabled=False)
    record(
        by,
        "emulation.create_rule",
        rule,
        unit=rule.unit,
        data={"changes": {k: [None, v] for k, v in _rule_data(rule).items() if v}},
    )
    return rule


@transaction.atomic
def update_rule(rule: EligibilityRule, data: RuleInput, *, by: Any) -> EligibilityRule:
    require(by, "rules.manage", rule.unit or _nation())
    require(by, "rules.manage", data.unit or _nation())
    rule = EligibilityRule.objects.select_for_update().get(pk=rule.pk)
    before = _rule_data(rule)
    for key, value in _rule_fields(data).items():
        setattr(rule, key, value)
    changes = diff(before, _rule_data(rule))
    if changes:
        rule.save()
        record(by, "emulation.update_rule", rule, unit=rule.unit, data={"changes": changes})
    return rule


@transaction.atomic
def set_rule_enabled(
    rule: EligibilityRule, *, by: Any, enabled: bool, note: str = ""
) -> EligibilityRule:
    """Turn a rule on or off. Enabling an unverified [U] rule needs a written reason."""
    require(by, "rules.manage", rule.unit or _nation())
    rule = EligibilityRule.objects.select_for_update().get(pk=rule.pk)
    note = nfc(note or "")
    if enabled and rule.confidence == Confidence.UNVERIFIED and not note:
        raise ValidationError(
            "Điều kiện này chưa xác minh [U]: hãy ghi căn cứ hoặc lý do khi bật áp dụng."
        )
    if rule.enabled != enabled:
        rule.enabled = enabled
        rule.save(update_fields=["enabled", "updated_at"])
        record(
            by,
            "emulation.enable_rule",
            rule,
            unit=rule.unit,
            data={
                "note": note,
                "changes": {
                    "Đang áp dụng": ["Không" if enabled else "Có", "Có" if enabled else "Không"]
                },
            },
        )
    return rule
