"""Conference pages: list, detail, create/edit, participants (htmx), documents."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from danvan.accounts.permissions import can, can_anywhere, get_for_user, visible
from danvan.audit.history import history
from danvan.directives.models import Directive
from danvan.followups.forms import TaskForm
from danvan.followups.queries import previous_review, tasks_of
from danvan.followups.states import OPEN

from . import actions, directive_links, exports
from .forms import ConferenceFilterForm, ConferenceForm, DirectivesForm, ParticipantForm
from .models import Conference, ConferenceParticipant
from .participants import find_people

PAGE_SIZE = 50


def apply_errors(form: Any, exc: ValidationError) -> None:
    """Put an action's ValidationError on the form's fields (or on the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def safe_url(obj: Any) -> str:
    """A record's page, or "" while the app that owns it has no page yet."""
    try:
        return obj.get_absolute_url()
    except (NoReverseMatch, AttributeError):
        return ""


def conference_queryset(request: HttpRequest) -> QuerySet[Conference]:
    """The list's rows: permission, filters, counts. Also the XLSX export's queryset."""
    form = ConferenceFilterForm(request.GET)
    qs = visible(request.user, Conference.objects.for_list(), "conferences.view")
    return (
        form.apply(qs)
        .annotate(
            task_count=Count("key_tasks", distinct=True),
            open_task_count=Count("key_tasks", filter=Q(key_tasks__status__in=OPEN), distinct=True),
            participant_count=Count("participants", distinct=True),
        )
        .order_by("-sort_on", "-pk")
    )


@require_GET
@vary_on_headers("HX-Request")
def conference_list(request: HttpRequest) -> HttpResponse:
    form = ConferenceFilterForm(request.GET)
    form.is_valid()
    page = Paginator(conference_queryset(request), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_create": can_create(request.user),
        "nav": "conferences",
    }
    name = "conferences/partials/_rows.html" if request.htmx else "conferences/list.html"
    return render(request, name, context, status=400 if form.errors else 200)


def can_create(user: Any) -> bool:
    return can_anywhere(user, "conferences.edit")


def _get(request: HttpRequest, code: UUID, action: str = "conferences.view") -> Conference:
    return get_for_user(
        request.user, Conference.objects.select_related("unit", "body"), action, code=code
    )


def _participants(conference: Conference) -> list[ConferenceParticipant]:
    rows = list(
        conference.participants.select_related("person")
        .prefetch_related("positions__unit")
        .order_by("order", "pk")
    )
    for p in rows:
        p.person_url = safe_url(p.person)
    return rows


def _directive_rows(conference: Conference) -> list[dict[str, Any]]:
    return [
        {"link": link, "directive": link.directive, "url": safe_url(link.directive)}
        for link in directive_links.links_of(conference)
    ]


# Records of the emulation app that point at a conference (pledges signed, commendations given).
EMULATION = (
    ("signed_pledges", "Giao ước thi đua ký kết"),
    ("commendations_presented", "Khen thưởng trao tại hội nghị"),
)


def _emulation_rows(
    request: HttpRequest, conference: Conference
) -> list[tuple[str, list[tuple[str, str]]]]:
    out = []
    for attr, label in EMULATION:
        manager = getattr(conference, attr, None)
        if manager is None:
            continue
        rows = visible(request.user, manager.all(), "emulation.view")[:50]
        items = [(str(r), safe_url(r)) for r in rows]
        if items:
            out.append((label, items))
    return out


@require_GET
def detail(request: HttpRequest, code: UUID) -> HttpResponse:
    conference = _get(request, code)
    editable = can(request.user, "conferences.edit", conference.unit)
    review = previous_review(conference)
    return render(
        request,
        "conferences/detail.html",
        {
            "c": conference,
            "participants": _participants(conference),
            "participant_form": ParticipantForm(),
            "directives": _directive_rows(conference),
            "directives_form": DirectivesForm(),
            "tasks": tasks_of(conference),
            "task_form": TaskForm(unit=conference.unit, on=conference.held_on),
            "review": review,
            "next": conference.next(),
            "emulation": _emulation_rows(request, conference),
            "article": exports.article_text(conference),
            "events": history(conference),
            "editable": editable,
            "can_edit_tasks": can(request.user, "followups.edit", conference.unit),
            "nav": "conferences",
        },
    )


@require_GET
def new(request: HttpRequest) -> HttpResponse:
    if not can_create(request.user):
        raise PermissionDenied("Bạn không có quyền ghi hội nghị.")
    initial = {"unit_key": request.GET.get("don-vi", "")}
    form = ConferenceForm(user=request.user, initial=initial)
    return render(request, "conferences/form.html", {"form": form, "nav": "conferences"})


@require_POST
def create(request: HttpRequest) -> HttpResponse:
    form = ConferenceForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            conference = actions.create_conference(
                by=request.user,
                unit=data["unit"],
                body=data["body"],
                title=data["title"],
                kind=data["kind"],
                directives_text=data["directives_text"],
                **form.action_fields(),
            )
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, "Đã ghi hội nghị. Hãy thêm đại biểu và nhiệm vụ trọng tâm.")
            return redirect(conference)
    return render(
        request, "conferences/form.html", {"form": form, "nav": "conferences"}, status=400
    )


@require_GET
def edit(request: HttpRequest, code: UUID) -> HttpResponse:
    conference = _get(request, code, "conferences.edit")
    form = ConferenceForm(
        user=request.user, conference=conference, initial=ConferenceForm.initial_for(conference)
    )
    return render(
        request, "conferences/form.html", {"form": form, "c": conference, "nav": "conferences"}
    )


@require_POST
def update(request: HttpRequest, code: UUID) -> HttpResponse:
    conference = _get(request, code, "conferences.edit")
    form = ConferenceForm(
        request.POST,
        user=request.user,
        conference=conference,
        initial=ConferenceForm.initial_for(conference),
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.update_conference(
                conference,
                by=request.user,
                body=data["body"],
                title=data["title"],
                kind=data["kind"],
                **form.action_fields(),
            )
            directive_links.link_text(
                conference,
                data["directives_text"],
                unit=conference.unit,
                on=conference.held_on or conference.sort_on,
                by=request.user,
            )
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, "Đã lưu thay đổi.")
            return redirect(conference)
    return render(
        request,
        "conferences/form.html",
        {"form": form, "c": conference, "nav": "conferences"},
        status=400,
    )


def _participants_partial(
    request: HttpRequest, conference: Conference, form: ParticipantForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "conferences/partials/_participants.html",
        {
            "c": conference,
            "participants": _participants(conference),
            "participant_form": form,
            "editable": True,
        },
        status=status,
    )


@require_POST
def add_participant(request: HttpRequest, code: UUID) -> HttpResponse:
    conference = _get(request, code, "conferences.edit")
    form = ParticipantForm(request.POST)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.add_participant(
                conference,
                by=request.user,
                role=data["role"],
                person=data["person_obj"],
                full_name=data["full_name"],
                position_label=data["position_label"],
                position_unit=data["position_unit_obj"],
            )
        except ValidationError as e:
            apply_errors(form, e)
        except PermissionDenied:
            form.add_error(
                "position_unit",
                "Bạn không có quyền ghi chức vụ tại đơn vị này; để trống để ghi theo đơn vị tổ chức.",
            )
        else:
            form, status = ParticipantForm(), 200
    if request.htmx:
        return _participants_partial(request, conference, form, status)
    if status == 200:
        return redirect(conference)
    messages.error(request, "; ".join(sum(form.errors.values(), [])))
    return redirect(conference)


@require_POST
def remove_participant(request: HttpRequest, code: UUID, pk: int) -> HttpResponse:
    conference = _get(request, code, "conferences.edit")
    participant = get_object_or_404(ConferenceParticipant, conference=conference, pk=pk)
    actions.remove_participant(participant, by=request.user)
    if request.htmx:
        return _participants_partial(request, conference, ParticipantForm())
    return redirect(conference)


@require_GET
def person_search(request: HttpRequest, code: UUID) -> HttpResponse:
    """htmx: people matching the typed name, to pick one (or keep the name for a new person)."""
    conference = _get(request, code, "conferences.edit")
    query = request.GET.get("full_name", "")
    people = find_people(query) if len(query.strip()) >= 2 else []
    return render(
        request,
        "conferences/partials/_person_choices.html",
        {"c": conference, "people": people, "query": query},
    )


@require_POST
def link_directives(request: HttpRequest, code: UUID) -> HttpResponse:
    conference = _get(request, code, "conferences.edit")
    form = DirectivesForm(request.POST)
    symbols: list[str] = []
    if form.is_valid():
        try:
            symbols = directive_links.link_text(
                conference,
                form.cleaned_data["text"],
                unit=conference.unit,
                on=conference.held_on or conference.sort_on,
                by=request.user,
            )
        except ValidationError as e:
            messages.error(request, "; ".join(e.messages))
            return redirect(reverse("conferences:detail", args=[conference.code]) + "#van-ban")
    if symbols:
        messages.success(request, "Đã gắn văn bản: " + ", ".join(symbols) + ".")
    else:
        messages.error(request, "Không tìm thấy số, ký hiệu văn bản nào trong nội dung đã dán.")
    return redirect(reverse("conferences:detail", args=[conference.code]) + "#van-ban")


@require_POST
def unlink_directive(request: HttpRequest, code: UUID, directive: UUID) -> HttpResponse:
    conference = _get(request, code, "conferences.edit")
    doc = get_object_or_404(Directive, code=directive)
    directive_links.unlink(conference, doc, by=request.user)
    messages.success(request, f"Đã bỏ gắn {doc.symbol}.")
    return redirect(reverse("conferences:detail", args=[conference.code]) + "#van-ban")


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@require_GET
def notice_docx(request: HttpRequest, code: UUID) -> HttpResponse:
    conference = _get(request, code)
    response = HttpResponse(exports.notice_docx(conference), content_type=DOCX)
    response["Content-Disposition"] = (
        f'attachment; filename="{exports.notice_filename(conference)}"'
    )
    return response


@require_GET
def article_txt(request: HttpRequest, code: UUID) -> HttpResponse:
    conference = _get(request, code)
    response = HttpResponse(
        exports.article_text(conference), content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="tin-bai-{str(conference.code)[:8]}.txt"'
    )
    return response
