"""Ingest pages: paste or upload an article, review the draft beside it, confirm."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from danvan.accounts.permissions import can_anywhere, get_for_user, visible
from danvan.audit.history import history
from danvan.conferences.models import Conference
from danvan.core.lifecycle import InvalidTransition
from danvan.core.search import matching_words
from danvan.units.models import Unit
from danvan.units.search import search_units

from . import actions
from .forms import DraftEditor, DraftFilterForm, UploadForm
from .models import Draft
from .review import FIELD_LABELS, highlight
from .states import DraftStatus

PAGE_SIZE = 50
ACTION = "ingest.use"


def _require_editor(request: HttpRequest) -> None:
    if not can_anywhere(request.user, ACTION):
        raise PermissionDenied("Chỉ cán bộ được giao quyền biên tập mới đọc được tin bài.")


def _drafts(request: HttpRequest, form: DraftFilterForm):  # type: ignore[no-untyped-def]
    qs = visible(request.user, Draft.objects.select_related("unit", "source"), ACTION)
    if form.is_valid():
        qs = matching_words(qs, form.cleaned_data["q"])
        if form.cleaned_data["status"]:
            qs = qs.filter(status=form.cleaned_data["status"])
    return qs.order_by("-updated_at", "-pk")


@require_GET
@vary_on_headers("HX-Request")
def index(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    filters = DraftFilterForm(request.GET)
    page = Paginator(_drafts(request, filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "upload": UploadForm(),
        "filters": filters,
        "page": page,
        "query": query.urlencode(),
        "nav": "ingest",
    }
    name = "ingest/partials/_rows.html" if request.htmx else "ingest/index.html"
    return render(request, name, context)


@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            draft, status = actions.import_article(
                by=request.user,
                text=data["article"],
                file_name=data["file_name"],
                kind=data["kind"],
                url=data.get("url") or "",
            )
        except ValidationError as e:
            form.add_error(None, e.messages)
        else:
            if status == "new":
                messages.success(request, "Đã đọc bài thành bản nháp. Hãy soát lại rồi xác nhận.")
            else:
                messages.info(
                    request, "Bài này đã được đọc trước đây: bản nháp cũ đã được cập nhật."
                )
            return redirect(draft.get_absolute_url())
    filters = DraftFilterForm({})
    page = Paginator(_drafts(request, filters), PAGE_SIZE).get_page(1)
    context = {"upload": form, "filters": filters, "page": page, "query": "", "nav": "ingest"}
    return render(request, "ingest/index.html", context, status=400)


def _review(
    request: HttpRequest, draft: Draft, editor: DraftEditor, status: int = 200
) -> HttpResponse:
    conference = (
        Conference.objects.filter(code=draft.conference_code).first()
        if draft.conference_code
        else None
    )
    unit_key = editor.form["unit"].value() or ""
    context = {
        "draft": draft,
        "editor": editor,
        "article": highlight(draft.source.text, draft.edited),
        "legend": FIELD_LABELS,
        "picked_unit": Unit.objects.filter(key=unit_key).select_related("parent").first(),
        "conference": conference,
        "transitions": draft.transitions.select_related("by"),
        "events": history(draft),
        "editable": draft.status != DraftStatus.DISCARDED,
        "nav": "ingest",
    }
    return render(request, "ingest/draft.html", context, status=status)


@require_GET
def draft_detail(request: HttpRequest, code: UUID) -> HttpResponse:
    draft = get_for_user(
        request.user, Draft.objects.select_related("source", "unit"), ACTION, code=code
    )
    return _review(request, draft, DraftEditor(draft.edited))


@require_POST
def draft_save(request: HttpRequest, code: UUID) -> HttpResponse:
    """Save the corrections ("Lưu nháp") or save and confirm ("Xác nhận")."""
    draft = get_for_user(
        request.user, Draft.objects.select_related("source", "unit"), ACTION, code=code
    )
    editor = DraftEditor(draft.edited, request.POST)
    if not editor.is_valid():
        return _review(request, draft, editor, status=400)
    edited = editor.edited()
    try:
        if "confirm" in request.POST:
            draft = actions.confirm_draft(draft, by=request.user, edited=edited)
            messages.success(
                request, "Đã xác nhận: hội nghị, đại biểu, văn bản và số liệu đã được ghi."
            )
        else:
            actions.save_draft(draft, by=request.user, edited=edited)
            messages.success(request, "Đã lưu bản nháp.")
    except PermissionDenied:
        editor.form.add_error("unit", "Bạn không có quyền ghi hồ sơ cho đơn vị này.")
        return _review(request, draft, editor, status=403)
    except (ValidationError, InvalidTransition) as e:
        if isinstance(e, ValidationError) and hasattr(e, "error_dict"):
            for field, errors in e.message_dict.items():
                editor.form.add_error(field if field in editor.form.fields else None, errors)
        else:
            editor.form.add_error(None, getattr(e, "messages", None) or str(e))
        return _review(request, draft, editor, status=400)
    return redirect(draft.get_absolute_url())


@require_POST
def draft_discard(request: HttpRequest, code: UUID) -> HttpResponse:
    draft = get_for_user(
        request.user, Draft.objects.select_related("source", "unit"), ACTION, code=code
    )
    try:
        actions.discard_draft(draft, by=request.user, note=request.POST.get("note", "")[:300])
    except InvalidTransition as e:
        messages.error(request, str(e))
        return redirect(draft.get_absolute_url())
    messages.success(request, "Đã bỏ bản nháp.")
    return redirect("ingest:index")


@require_GET
def pick_unit(request: HttpRequest) -> HttpResponse:
    """Unit picker: ?q= lists matching units; ?don-vi=KEY renders the picker with that unit."""
    _require_editor(request)
    key = request.GET.get("don-vi")
    if key is not None:
        unit = Unit.objects.filter(key=key).select_related("parent").first()
        return render(
            request, "ingest/partials/_unit_picker.html", {"picked_unit": unit, "unit_key": key}
        )
    query = request.GET.get("q") or request.GET.get("unit_q", "")
    units = list(search_units(query).select_related("parent")[:15]) if query.strip() else []
    return render(request, "ingest/partials/_unit_results.html", {"units": units, "query": query})
