"""Pages of the directive registry.

Visibility: directives are published documents, so every official with a role anywhere
(`can_anywhere(user, "directives.view")`) reads the whole registry; users without any role
get 403 on the list and 404 on a document. What was done under a document is filtered by
each record's own permissions (queries.linked_records). Editing needs `directives.edit` on
the issuing unit (actions.py).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from danvan.accounts import permissions
from danvan.audit.history import history
from danvan.audit.log import origin
from danvan.audit.models import Channel
from danvan.units.models import Body, Unit

from . import actions, queries
from .forms import CitationFinderForm, DirectiveForm, FilterForm, unit_choices
from .linking import preview_citations
from .models import Directive, DirectiveLink

PAGE_SIZE = 50


def _web(request: HttpRequest):  # type: ignore[no-untyped-def]
    """Audit rows written inside come from the web channel."""
    return origin(Channel.WEB, request.META.get("REMOTE_ADDR"))


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "directives/forbidden.html", status=403)


def _directive(request: HttpRequest, code: str) -> Directive:
    """A registry entry for a reader; 404 for a user without any role (hidden = missing)."""
    if not queries.can_view(request.user):
        raise Http404("Không tìm thấy.")
    return get_object_or_404(
        Directive.objects.select_related("issuing_unit", "issuing_body", "replaced_by"), code=code
    )


@require_GET
@vary_on_headers("HX-Request")
def directive_list(request: HttpRequest) -> HttpResponse:
    if not queries.can_view(request.user):
        return _forbidden(request)
    form = FilterForm(request.GET)
    qs = Directive.objects.for_list()
    valid = form.is_valid()
    qs = form.apply(qs) if valid else qs.none()
    page = Paginator(qs.order_by("-issued_on", "symbol", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page": page,
        "can_create": permissions.can_anywhere(request.user, "directives.edit"),
        "unit_options": unit_choices(request.user, "directives.view"),
    }
    name = "directives/partials/_rows.html" if request.htmx else "directives/list.html"
    return render(request, name, context, status=200 if valid else 400)


@require_GET
def detail(request: HttpRequest, code: str) -> HttpResponse:
    d = _directive(request, code)
    context = {
        "d": d,
        "groups": queries.linked_records(request.user, d),
        "chain": queries.replacement_chain(d),
        "amends": list(d.amends.select_related("issuing_unit", "issuing_body")),
        "amended_by": list(d.amended_by.select_related("issuing_unit", "issuing_body")),
        "same_symbol": list(
            Directive.objects.filter(symbol=d.symbol)
            .exclude(pk=d.pk)
            .select_related("issuing_unit", "issuing_body")[:20]
        ),
        "can_edit": queries.can_edit(request.user, d),
        "events": history(d),
    }
    return render(request, "directives/detail.html", context)


def _form_page(request: HttpRequest, form: DirectiveForm, d: Directive | None, status: int = 200):  # type: ignore[no-untyped-def]
    return render(request, "directives/form.html", {"form": form, "d": d}, status=status)


@require_GET
def new(request: HttpRequest) -> HttpResponse:
    if not permissions.can_anywhere(request.user, "directives.edit"):
        return _forbidden(request)
    return _form_page(request, DirectiveForm(user=request.user), None)


@require_POST
def create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_anywhere(request.user, "directives.edit"):
        return _forbidden(request)
    form = DirectiveForm(request.POST, user=request.user)
    if not form.is_valid():
        return _form_page(request, form, None, status=400)
    try:
        with _web(request):
            d = actions.create_directive(by=request.user, **form.values())
    except ValidationError as e:
        form.add_error(None, e)
        return _form_page(request, form, None, status=400)
    messages.success(request, f"Đã thêm {d} vào sổ văn bản.")
    return redirect(d)


@require_GET
def edit(request: HttpRequest, code: str) -> HttpResponse:
    d = _directive(request, code)
    if not queries.can_edit(request.user, d):
        return _forbidden(request)
    return _form_page(request, DirectiveForm(user=request.user, instance=d), d)


@require_POST
def update(request: HttpRequest, code: str) -> HttpResponse:
    d = _directive(request, code)
    if not queries.can_edit(request.user, d):
        return _forbidden(request)
    form = DirectiveForm(request.POST, user=request.user, instance=d)
    if not form.is_valid():
        return _form_page(request, form, d, status=400)
    complete = d.is_stub and form.cleaned_data.get("complete")
    action = actions.complete_stub if complete else actions.update_directive
    try:
        with _web(request):
            d = action(d, by=request.user, **form.values())
    except ValidationError as e:
        form.add_error(None, e)
        return _form_page(request, form, d, status=400)
    messages.success(request, f"Đã lưu {d}.")
    return redirect(d)


@require_POST
def unlink(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    d = _directive(request, code)
    row = get_object_or_404(
        DirectiveLink.objects.filter(directive=d).select_related("content_type", "unit"), pk=pk
    )
    if not permissions.can(request.user, queries.view_action(row.content_type), row.unit):
        raise Http404("Không tìm thấy.")
    with _web(request):
        actions.unlink(row, by=request.user)  # editors of the record's unit only (403 otherwise)
    messages.success(request, f"Đã gỡ liên kết với {d}.")
    return redirect(d)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def citations(request: HttpRequest) -> HttpResponse:
    """Paste a text, see its citations and what each matches in the registry. Writes nothing:
    POST only because pasted texts are long."""
    if not queries.can_view(request.user):
        return _forbidden(request)
    form = CitationFinderForm(request.POST if request.method == "POST" else None)
    rows, status = None, 200
    if form.is_bound:
        if form.is_valid():
            rows = preview_citations(
                form.cleaned_data["text"],
                context_unit=form.cleaned_data["unit"],
                context_date=form.context_date(),
            )
        else:
            status = 400
    context = {
        "form": form,
        "rows": rows,
        "unit_options": unit_choices(request.user, "directives.view"),
    }
    name = "directives/partials/_citations.html" if request.htmx else "directives/citations.html"
    return render(request, name, context, status=status)


@require_GET
def bodies(request: HttpRequest) -> HttpResponse:
    """htmx: the <option>s of a unit's bodies for the form's body picker (bodies are public)."""
    key = (request.GET.get("issuing_unit") or "").strip()
    unit = Unit.objects.filter(key=key).first() if key else None
    rows = Body.objects.filter(unit=unit).order_by("kind", "valid_from") if unit else []
    return render(request, "directives/partials/_body_options.html", {"bodies": rows})
