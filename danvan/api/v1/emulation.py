"""/api/v1/emulation: pledges (criteria, scoring, ranking), commendations (propose, review,
decide), eligibility rules and candidates. The same actions and permission helpers as
the pages (see danvan/emulation/actions.py)."""

import datetime as dt
import functools
import uuid
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from danvan.accounts import permissions
from danvan.core.lifecycle import InvalidTransition
from danvan.emulation import actions
from danvan.emulation.models import (
    AwardForm,
    Commendation,
    Confidence,
    EligibilityRule,
    Measure,
    PledgeCriterion,
    Predicate,
    RankingBasis,
    RecipientKind,
    RuleGroup,
)
from danvan.emulation.queries import (
    candidates,
    get_commendation_for_user,
    get_pledge_for_user,
    pledge_ranking,
    territory,
    visible_pledges,
)
from danvan.emulation.states import CommendationStatus, PledgeStatus
from danvan.people.models import Person
from danvan.units.models import Body, Unit

router = Router(tags=["emulation"])


def lifecycle_errors(func):  # type: ignore[no-untyped-def]
    """A lifecycle step the state does not allow is a 400 with its Vietnamese message."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return func(*args, **kwargs)
        except InvalidTransition as e:
            raise ValidationError(str(e)) from e

    return wrapper


# --- shared schemas and lookups ------------------------------------------------------


class UnitRefOut(Schema):
    key: str
    name: str


class BodyRefOut(Schema):
    id: int
    name: str
    kind: str


def _unit(key: str) -> Unit:
    unit = Unit.objects.filter(key=key).first()
    if unit is None:
        raise ValidationError(f"Không có đơn vị mã “{key}”.")
    return unit


def _body(pk: int | None) -> Body | None:
    if pk is None:
        return None
    body = Body.objects.select_related("unit").filter(pk=pk).first()
    if body is None:
        raise ValidationError("Không có cơ quan, tổ chức này.")
    return body


def _conference(user, code):  # type: ignore[no-untyped-def]
    if code is None:
        return None
    from danvan.conferences.models import Conference

    conference = (
        permissions.visible(user, Conference.objects, "conferences.view").filter(code=code).first()
    )
    if conference is None:
        raise ValidationError("Không tìm thấy hội nghị này.")
    return conference


def _require_anywhere(user, action: str = "emulation.view") -> None:  # type: ignore[no-untyped-def]
    if not permissions.can_anywhere(user, action):
        raise PermissionDenied("Cần có vai trò ở một đơn vị.")


# --- pledges -------------------------------------------------------------------------


class ParticipantOut(Schema):
    id: int
    body: BodyRefOut
    unit: UnitRefOut
    population: int | None
    villages: int | None
    signer_name: str
    note: str


class CriterionOut(Schema):
    number: int
    text: str
    measure: Measure
    max_score: Decimal
    weight: Decimal


class PledgeOut(Schema):
    code: uuid.UUID
    title: str
    year: int
    unit: UnitRefOut
    body: BodyRefOut
    movement: str
    signed_on: dt.date | None
    conference: uuid.UUID | None
    status: PledgeStatus
    status_label: str
    external_id: str

    @staticmethod
    def resolve_conference(obj) -> uuid.UUID | None:  # type: ignore[no-untyped-def]
        return obj.conference.code if obj.conference_id else None

    @staticmethod
    def resolve_status_label(obj) -> str:  # type: ignore[no-untyped-def]
        return obj.get_status_display()


class ScoreOut(Schema):
    participant: int
    criterion: int = Field(..., description="Criterion number")
    value: Decimal
    note: str


class PledgeDetailOut(PledgeOut):
    note: str
    participants: list[ParticipantOut]
    criteria: list[CriterionOut]
    scores: list[ScoreOut]

    @staticmethod
    def resolve_participants(obj):  # type: ignore[no-untyped-def]
        return list(obj.participants.select_related("body", "unit"))

    @staticmethod
    def resolve_criteria(obj):  # type: ignore[no-untyped-def]
        return list(obj.criteria.all())

    @staticmethod
    def resolve_scores(obj):  # type: ignore[no-untyped-def]
        from danvan.emulation.models import PledgeScore

        return [
            {
                "participant": s.participant_id,
                "criterion": s.criterion.number,
                "value": s.value,
                "note": s.note,
            }
            for s in PledgeScore.objects.filter(participant__pledge=obj).select_related("criterion")
        ]


class PledgeFilters(Schema):
    unit: str | None = Field(None, description="Unit key: pledges of its subtree")
    year: int | None = None
    status: PledgeStatus | None = None
    q: str | None = Field(None, description="Title or body, ignoring diacritics")


class PledgeIn(Schema):
    body: int = Field(..., description="The commission's body id (e.g. the Ban Dân vận)")
    year: int = Field(..., ge=2000, le=2100)
    title: str = Field("", max_length=300)
    movement: str = Field("", max_length=300)
    note: str = ""
    external_id: str = Field("", max_length=64)
    conference: uuid.UUID | None = None


class PledgePatch(Schema):
    title: str | None = Field(None, max_length=300)
    year: int | None = Field(None, ge=2000, le=2100)
    movement: str | None = Field(None, max_length=300)
    note: str | None = None
    conference: uuid.UUID | None = None


class ParticipantIn(Schema):
    body: int
    population: int | None = Field(None, ge=0)
    villages: int | None = Field(None, ge=0, le=10000)
    signer_name: str = Field("", max_length=200)
    note: str = Field("", max_length=300)


class ParticipantPatch(Schema):
    population: int | None = Field(None, ge=0)
    villages: int | None = Field(None, ge=0, le=10000)
    signer_name: str = Field("", max_length=200)
    note: str = Field("", max_length=300)


class CriterionIn(Schema):
    text: str = Field(..., min_length=1)
    measure: Measure = Measure.POINTS
    max_score: Decimal = Field(..., gt=0, max_digits=7, decimal_places=2)
    weight: Decimal = Field(Decimal(1), gt=0, max_digits=5, decimal_places=2)


class SignIn(Schema):
    signed_on: dt.date
    conference: uuid.UUID | None = None
    note: str = Field("", max_length=500)


class ScoreIn(Schema):
    participant: int = Field(..., description="Participant id")
    criterion: int = Field(..., description="Criterion number")
    value: Decimal | None = Field(
        ..., ge=0, max_digits=10, decimal_places=2, description="null clears"
    )
    note: str = Field("", max_length=300)


class ScoresIn(Schema):
    scores: list[ScoreIn]


class CloseIn(Schema):
    on: dt.date | None = None
    note: str = Field("", max_length=1000)


class NoteIn(Schema):
    note: str = Field(..., min_length=1, max_length=1000)


class RankRowOut(Schema):
    rank: int | None
    participant: int
    name: str
    points: dict[int, Decimal | None] = Field(..., description="Criterion number → points")
    total: Decimal
    problems: list[str]


class RankingOut(Schema):
    basis: RankingBasis
    rows: list[RankRowOut]


@router.get("/pledges", response=list[PledgeOut], summary="Emulation pledges")
@paginate(LimitOffsetPagination)
def list_pledges(request, filters: Query[PledgeFilters]):  # type: ignore[no-untyped-def]
    _require_anywhere(request.auth)
    qs = visible_pledges(request.auth).select_related("unit", "body", "conference")
    if filters.unit:
        qs = qs.filter(unit__in=territory(_unit(filters.unit)))
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.q:
        qs = qs.search(filters.q)
    return qs.order_by("-year", F("signed_on").desc(nulls_last=True), "-pk")


@router.post("/pledges", response={201: PledgeDetailOut}, summary="Create a draft pledge")
def create_pledge(request, data: PledgeIn):  # type: ignore[no-untyped-def]
    body = _body(data.body)
    pledge = actions.create_pledge(
        by=request.auth,
        body=body,
        year=data.year,
        title=data.title,
        movement=data.movement,
        note=data.note,
        external_id=data.external_id,
        conference=_conference(request.auth, data.conference),
    )
    return Status(201, pledge)


@router.get(
    "/pledges/{code}",
    response=PledgeDetailOut,
    summary="One pledge with participants, criteria, scores",
)
def pledge_detail(request, code: uuid.UUID):  # type: ignore[no-untyped-def]
    return get_pledge_for_user(request.auth, code)


@router.patch("/pledges/{code}", response=PledgeDetailOut, summary="Correct a pledge")
def update_pledge(request, code: uuid.UUID, data: PledgePatch):  # type: ignore[no-untyped-def]
    pledge = get_pledge_for_user(request.auth, code)
    conference = (
        _conference(request.auth, data.conference)
        if "conference" in data.model_fields_set
        else pledge.conference
    )
    return actions.update_pledge(
        pledge,
        by=request.auth,
        title=data.title if data.title is not None else pledge.title,
        year=data.year or pledge.year,
        movement=data.movement if data.movement is not None else pledge.movement,
        note=data.note if data.note is not None else pledge.note,
        conference=conference,
    )


@router.post(
    "/pledges/{code}/participants", response={201: ParticipantOut}, summary="Add a participant"
)
def add_participant(request, code: uuid.UUID, data: ParticipantIn):  # type: ignore[no-untyped-def]
    pledge = get_pledge_for_user(request.auth, code)
    participant = actions.add_participant(
        pledge,
        by=request.auth,
        body=_body(data.body),
        population=data.population,
        villages=data.villages,
        signer_name=data.signer_name,
        note=data.note,
    )
    return Status(201, participant)


def _participant(pledge, pk: int):  # type: ignore[no-untyped-def]
    participant = pledge.participants.select_related("body", "unit").filter(pk=pk).first()
    if participant is None:
        raise Http404("Không tìm thấy.")
    return participant


@router.patch(
    "/pledges/{code}/participants/{pk}",
    response=ParticipantOut,
    summary="Correct a participant's size",
)
def update_participant(request, code: uuid.UUID, pk: int, data: ParticipantPatch):  # type: ignore[no-untyped-def]
    pledge = get_pledge_for_user(request.auth, code)
    return actions.update_participant(
        _participant(pledge, pk),
        by=request.auth,
        population=data.population,
        villages=data.villages,
        signer_name=data.signer_name,
        note=data.note,
    )


@router.delete(
    "/pledges/{code}/participants/{pk}",
    response={204: None},
    summary="Remove a participant (draft)",
)
def remove_participant(request, code: uuid.UUID, pk: int):  # type: ignore[no-untyped-def]
    pledge = get_pledge_for_user(request.auth, code)
    actions.remove_participant(_participant(pledge, pk), by=request.auth)
    return Status(204, None)


@router.put(
    "/pledges/{code}/criteria/{number}",
    response=CriterionOut,
    summary="Add or replace criterion N (draft)",
)
def set_criterion(request, code: uuid.UUID, number: int, data: CriterionIn):  # type: ignore[no-untyped-def]
    pledge = get_pledge_for_user(request.auth, code)
    return actions.set_criterion(
        pledge,
        by=request.auth,
        number=number,
        text=data.text,
        measure=data.measure,
        max_score=data.max_score,
        weight=data.weight,
    )


@router.delete(
    "/pledges/{code}/criteria/{number}", response={204: None}, summary="Remove criterion N (draft)"
)
def remove_criterion(request, code: uuid.UUID, number: int):  # type: ignore[no-untyped-def]
    pledge = get_pledge_for_user(request.auth, code)
    criterion = PledgeCriterion.objects.filter(pledge=pledge, number=number).first()
    if criterion is None:
        raise Http404("Không tìm thấy.")
    actions.remove_criterion(criterion, by=request.auth)
    return Status(204, None)


@router.post("/pledges/{code}/sign", response=PledgeOut, summary="Record the signing")
@lifecycle_errors
def sign_pledge(request, code: uuid.UUID, data: SignIn):  # type: ignore[no-untyped-def]
    pledge = get_pledge_for_user(request.auth, code)
    return actions.sign_pledge(
        pledge,
        by=request.auth,
        signed_on=data.signed_on,
        conference=_conference(request.auth, data.conference),
        note=data.note,
    )


@router.post(
    "/pledges/{code}/scores", response=PledgeDetailOut, summary="Enter end-of-year results"
)
def record_scores(request, code: uuid.UUID, data: ScoresIn):  # type: ignore[no-untyped-def]
    pledge = get_pledge_for_user(request.auth, code)
    participants = {p.pk: p for p in pledge.participants.select_related("body")}
    criteria = {c.number: c for c in pledge.criteria.all()}
    inputs = []
    for s in data.scores:
        if s.participant not in participants:
            raise ValidationError(f"Đơn vị tham gia {s.participant} không thuộc giao ước.")
        if s.criterion not in criteria:
            raise ValidationError(f"Không có tiêu chí số {s.criterion}.")
        inputs.append(
            actions.ScoreInput(participants[s.participant], criteria[s.criterion], s.value, s.note)
        )
    actions.record_scores(pledge, inputs, by=request.auth)
    return pledge


@router.get("/pledges/{code}/ranking", response=RankingOut, summary="Ranking, raw or per size")
def ranking(request, code: uuid.UUID, basis: RankingBasis = RankingBasis.RAW):  # type: ignore[no-untyped-def]
    """`per_10k_population` and `per_village` turn count criteria into rates before scoring,
    so big units do not win by size alone (DOMAIN.md §4.4)."""
    pledge = get_pledge_for_user(request.auth, code)
    criteria, rows = pledge_ranking(pledge, basis)
    numbers = {c.pk: c.number for c in criteria}
    return {
        "basis": basis,
        "rows": [
            {
                "rank": r.rank,
                "participant": r.entrant.key,
                "name": r.entrant.name,
                "points": {numbers[k]: v for k, v in r.points.items()},
                "total": r.total,
                "problems": r.problems,
            }
            for r in rows
        ],
    }


@router.post("/pledges/{code}/close", response=PledgeOut, summary="Close the scoring")
@lifecycle_errors
def close_scoring(request, code: uuid.UUID, data: CloseIn):  # type: ignore[no-untyped-def]
    pledge = get_pledge_for_user(request.auth, code)
    return actions.close_scoring(pledge, by=request.auth, on=data.on, note=data.note)


@router.post("/pledges/{code}/reopen", response=PledgeOut, summary="Reopen a closed scoring")
@lifecycle_errors
def reopen_scoring(request, code: uuid.UUID, data: NoteIn):  # type: ignore[no-untyped-def]
    pledge = get_pledge_for_user(request.auth, code)
    return actions.reopen_scoring(pledge, by=request.auth, note=data.note)


@router.post("/pledges/{code}/cancel", response=PledgeOut, summary="Cancel a pledge")
@lifecycle_errors
def cancel_pledge(request, code: uuid.UUID, data: NoteIn):  # type: ignore[no-untyped-def]
    pledge = get_pledge_for_user(request.auth, code)
    return actions.cancel_pledge(pledge, by=request.auth, note=data.note)


# --- commendations -------------------------------------------------------------------


class CommendationOut(Schema):
    code: uuid.UUID
    external_id: str
    unit: UnitRefOut
    year: int
    form: AwardForm
    form_label: str
    recipient_kind: RecipientKind
    person: uuid.UUID | None
    recipient_body: BodyRefOut | None
    recipient_name: str
    recipient_position: str
    proposer_body: BodyRefOut | None
    proposed_on: dt.date
    reason: str
    movement: str
    status: CommendationStatus
    status_label: str
    decision_number: str
    decided_on: dt.date | None
    awarding_body: BodyRefOut | None
    awarding_body_name: str
    rejection_reason: str
    conference: uuid.UUID | None

    @staticmethod
    def resolve_person(obj) -> uuid.UUID | None:  # type: ignore[no-untyped-def]
        return obj.person.code if obj.person_id else None

    @staticmethod
    def resolve_conference(obj) -> uuid.UUID | None:  # type: ignore[no-untyped-def]
        return obj.conference.code if obj.conference_id else None

    @staticmethod
    def resolve_status_label(obj) -> str:  # type: ignore[no-untyped-def]
        return obj.get_status_display()


class CommendationFilters(Schema):
    unit: str | None = Field(None, description="Unit key: commendations of its subtree")
    year: int | None = None
    form: AwardForm | None = None
    status: CommendationStatus | None = None
    recipient_kind: RecipientKind | None = None
    q: str | None = Field(None, description="Names, reason, decision, ignoring diacritics")


class CommendationIn(Schema):
    unit: str = Field(..., description="Key of the proposing unit")
    form: AwardForm
    recipient_kind: RecipientKind
    proposed_on: dt.date
    person: uuid.UUID | None = Field(None, description="An existing person's code")
    new_person_name: str = Field("", max_length=150, description="Or a new person, added to people")
    recipient_body: int | None = None
    recipient_name: str = Field("", max_length=300)
    recipient_position: str = Field("", max_length=300)
    proposer_body: int | None = None
    year: int | None = Field(None, ge=2000, le=2100)
    reason: str = ""
    movement: str = Field("", max_length=300)
    form_detail: str = Field("", max_length=200)
    external_id: str = Field("", max_length=64)
    conference: uuid.UUID | None = None


class CommendationPatch(Schema):
    form: AwardForm | None = None
    form_detail: str | None = Field(None, max_length=200)
    recipient_name: str | None = Field(None, max_length=300)
    recipient_position: str | None = Field(None, max_length=300)
    proposer_body: int | None = None
    proposed_on: dt.date | None = None
    year: int | None = Field(None, ge=2000, le=2100)
    reason: str | None = None
    movement: str | None = Field(None, max_length=300)
    conference: uuid.UUID | None = None


class ReviewIn(Schema):
    on: dt.date | None = None
    note: str = Field("", max_length=1000)


class ReturnIn(Schema):
    on: dt.date | None = None
    note: str = Field(..., min_length=1, max_length=1000)


class DecideIn(Schema):
    decided_on: dt.date
    decision_number: str = Field("", max_length=100)
    awarding_body: int | None = None
    awarding_body_name: str = Field("", max_length=300)
    note: str = Field("", max_length=1000)


class RejectIn(Schema):
    on: dt.date | None = None
    reason: str = Field(..., min_length=1, max_length=1000)


@router.get(
    "/commendations", response=list[CommendationOut], summary="Commendations by unit and year"
)
@paginate(LimitOffsetPagination)
def list_commendations(request, filters: Query[CommendationFilters]):  # type: ignore[no-untyped-def]
    _require_anywhere(request.auth)
    qs = permissions.visible(request.auth, Commendation.objects.for_list(), "emulation.view")
    if filters.unit:
        qs = qs.filter(unit__in=territory(_unit(filters.unit)))
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.form:
        qs = qs.filter(form=filters.form)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.recipient_kind:
        qs = qs.filter(recipient_kind=filters.recipient_kind)
    if filters.q:
        qs = qs.search(filters.q)
    return qs.select_related("conference").order_by("-year", "-proposed_on", "-pk")


@router.post("/commendations", response={201: CommendationOut}, summary="Propose a commendation")
def propose(request, data: CommendationIn):  # type: ignore[no-untyped-def]
    person = None
    if data.person:
        _require_anywhere(request.auth, "people.view")
        person = Person.objects.filter(code=data.person).first()
        if person is None:
            raise ValidationError("Không tìm thấy cán bộ này.")
    c = actions.propose_commendation(
        by=request.auth,
        unit=_unit(data.unit),
        form=data.form,
        recipient_kind=data.recipient_kind,
        proposed_on=data.proposed_on,
        person=person,
        new_person_name=data.new_person_name,
        recipient_body=_body(data.recipient_body),
        recipient_name=data.recipient_name,
        recipient_position=data.recipient_position,
        proposer_body=_body(data.proposer_body),
        year=data.year,
        reason=data.reason,
        movement=data.movement,
        form_detail=data.form_detail,
        external_id=data.external_id,
        conference=_conference(request.auth, data.conference),
    )
    return Status(201, c)


@router.get("/commendations/{code}", response=CommendationOut, summary="One commendation")
def commendation_detail(request, code: uuid.UUID):  # type: ignore[no-untyped-def]
    return get_commendation_for_user(request.auth, code)


@router.patch("/commendations/{code}", response=CommendationOut, summary="Correct a proposal")
def update_commendation(request, code: uuid.UUID, data: CommendationPatch):  # type: ignore[no-untyped-def]
    c = get_commendation_for_user(request.auth, code)
    fields = data.model_fields_set
    return actions.update_commendation(
        c,
        by=request.auth,
        form=data.form or c.form,
        form_detail=data.form_detail if data.form_detail is not None else c.form_detail,
        recipient_name=data.recipient_name if data.recipient_name is not None else c.recipient_name,
        recipient_position=data.recipient_position
        if data.recipient_position is not None
        else c.recipient_position,
        proposer_body=_body(data.proposer_body) if "proposer_body" in fields else c.proposer_body,
        proposed_on=data.proposed_on or c.proposed_on,
        year=data.year or c.year,
        reason=data.reason if data.reason is not None else c.reason,
        movement=data.movement if data.movement is not None else c.movement,
        conference=_conference(request.auth, data.conference)
        if "conference" in fields
        else c.conference,
    )


@router.post("/commendations/{code}/review", response=CommendationOut, summary="Start the review")
@lifecycle_errors
def review(request, code: uuid.UUID, data: ReviewIn):  # type: ignore[no-untyped-def]
    c = get_commendation_for_user(request.auth, code)
    return actions.start_review(c, by=request.auth, on=data.on, note=data.note)


@router.post(
    "/commendations/{code}/return", response=CommendationOut, summary="Return to the proposer"
)
@lifecycle_errors
def return_to_proposer(request, code: uuid.UUID, data: ReturnIn):  # type: ignore[no-untyped-def]
    c = get_commendation_for_user(request.auth, code)
    return actions.return_commendation(c, by=request.auth, note=data.note, on=data.on)


@router.post(
    "/commendations/{code}/decide", response=CommendationOut, summary="Record the decision"
)
@lifecycle_errors
def decide(request, code: uuid.UUID, data: DecideIn):  # type: ignore[no-untyped-def]
    c = get_commendation_for_user(request.auth, code)
    return actions.decide_commendation(
        c,
        by=request.auth,
        decided_on=data.decided_on,
        decision_number=data.decision_number,
        awarding_body=_body(data.awarding_body),
        awarding_body_name=data.awarding_body_name,
        note=data.note,
    )


@router.post("/commendations/{code}/reject", response=CommendationOut, summary="Not commended")
@lifecycle_errors
def reject(request, code: uuid.UUID, data: RejectIn):  # type: ignore[no-untyped-def]
    c = get_commendation_for_user(request.auth, code)
    return actions.reject_commendation(c, by=request.auth, reason=data.reason, on=data.on)


# --- eligibility rules and candidates ------------------------------------------------


class RuleOut(Schema):
    code: uuid.UUID
    award_form: AwardForm
    name: str
    predicate: Predicate
    group: RuleGroup
    params: dict
    enabled: bool
    is_example: bool
    unit: UnitRefOut | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    legal_basis: str
    source_url: str
    confidence: Confidence
    note: str


class RuleIn(Schema):
    award_form: AwardForm
    name: str = Field(..., min_length=1, max_length=300)
    predicate: Predicate
    group: RuleGroup = RuleGroup.REQUIRED
    params: dict = Field(default_factory=dict)
    unit: str | None = Field(None, description="Unit key; empty: nationwide")
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    legal_basis: str = Field("", max_length=300)
    source_url: str = Field("", max_length=500)
    confidence: Confidence = Confidence.UNVERIFIED
    note: str = ""


class EnableIn(Schema):
    enabled: bool
    note: str = Field("", max_length=1000)


class CheckOut(Schema):
    rule: str
    passed: bool
    explanation: str


class CandidateOut(Schema):
    person: uuid.UUID
    full_name: str
    checks: list[CheckOut]


class CandidatesOut(Schema):
    form: AwardForm
    unit: UnitRefOut
    on: dt.date
    rules: list[str]
    candidates: list[CandidateOut]


def _rule_input(data: RuleIn) -> actions.RuleInput:
    return actions.RuleInput(
        award_form=data.award_form,
        name=data.name,
        predicate=data.predicate,
        params=data.params,
        group=data.group,
        unit=_unit(data.unit) if data.unit else None,
        valid_from=data.valid_from,
        valid_to=data.valid_to,
        legal_basis=data.legal_basis,
        source_url=data.source_url,
        confidence=data.confidence,
        note=data.note,
    )


def _rule(request, code: uuid.UUID) -> EligibilityRule:  # type: ignore[no-untyped-def]
    _require_anywhere(request.auth)
    rule = EligibilityRule.objects.select_related("unit").filter(code=code).first()
    if rule is None:
        raise Http404("Không tìm thấy.")
    return rule


@router.get("/rules", response=list[RuleOut], summary="Eligibility rules (enabled and examples)")
def list_rules(request):  # type: ignore[no-untyped-def]
    _require_anywhere(request.auth)
    return list(
        EligibilityRule.objects.select_related("unit").order_by("award_form", "group", "name")
    )


@router.post("/rules", response={201: RuleOut}, summary="Add a rule (disabled)")
def create_rule(request, data: RuleIn):  # type: ignore[no-untyped-def]
    return Status(201, actions.create_rule(_rule_input(data), by=request.auth))


@router.get("/rules/{code}", response=RuleOut, summary="One rule")
def rule_detail(request, code: uuid.UUID):  # type: ignore[no-untyped-def]
    return _rule(request, code)


@router.put("/rules/{code}", response=RuleOut, summary="Replace a rule's definition")
def update_rule(request, code: uuid.UUID, data: RuleIn):  # type: ignore[no-untyped-def]
    return actions.update_rule(_rule(request, code), _rule_input(data), by=request.auth)


@router.post("/rules/{code}/enable", response=RuleOut, summary="Enable or disable a rule")
def enable_rule(request, code: uuid.UUID, data: EnableIn):  # type: ignore[no-untyped-def]
    """Enabling an unverified [U] rule needs a note (its basis or the reason)."""
    return actions.set_rule_enabled(
        _rule(request, code), by=request.auth, enabled=data.enabled, note=data.note
    )


@router.get("/candidates", response=CandidatesOut, summary="People meeting the enabled rules")
def list_candidates(request, form: AwardForm, unit: str, on: dt.date | None = None):  # type: ignore[no-untyped-def]
    target = permissions.get_for_user(
        request.auth, Unit.objects, "emulation.view", unit_field="pk", pk=_unit(unit).pk
    )
    on = on or timezone.localdate()
    rules, found = candidates(form, target, on)
    return {
        "form": form,
        "unit": target,
        "on": on,
        "rules": [r.name for r in rules],
        "candidates": [
            {
                "person": c.person.code,
                "full_name": c.person.full_name,
                "checks": [
                    {"rule": ch.rule.name, "passed": ch.passed, "explanation": ch.explanation}
                    for ch in c.verdict.checks
                ],
            }
            for c in found
        ],
    }
