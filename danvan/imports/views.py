from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from danvan.accounts.permissions import NotPermitted, can_anywhere

from . import actions, jobs, xlsx
from .forms import UploadForm
from .models import ImportJob
from .registry import REGISTRY, RecordType

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _record_type(kind: str) -> RecordType:
    try:
        return REGISTRY[kind]
    except KeyError as e:
        raise Http404("Không có loại hồ sơ này.") from e


def _download(data: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def index(request: HttpRequest) -> HttpResponse:
    types = sorted(REGISTRY.values(), key=lambda t: t.label)
    recent = ImportJob.objects.filter(user=request.user)[:10]
    allowed = can_anywhere(request.user, "imports.run")
    return render(request, "imports/index.html", {"types": types, "recent": recent, "allowed": allowed,
                                                  "form": UploadForm()})


def template(request: HttpRequest, kind: str) -> HttpResponse:
    record_type = _record_type(kind)
    return _download(xlsx.template(record_type.sheet), f"mau-{kind}.xlsx", XLSX)


@require_POST
def upload(request: HttpRequest, kind: str) -> HttpResponse:
    record_type = _record_type(kind)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        f = form.cleaned_data["file"]
        try:
            job = actions.upload(by=request.user, kind=record_type.kind, name=f.name, data=f.read())
        except NotPermitted as e:
            form.add_error(None, str(e))
        except ValidationError as e:
            form.add_error("file", e)
        else:
            jobs.start(job, dry_run=True)
            return redirect(job)
    types = sorted(REGISTRY.values(), key=lambda t: t.label)
    return render(request, "imports/index.html", {"types": types, "recent": [], "allowed": True, "form": form,
                                                  "failed_kind": kind}, status=400)


def job(request: HttpRequest, code: str) -> HttpResponse:
    job = get_object_or_404(ImportJob, code=code, user=request.user)
    record_type = _record_type(job.kind)
    template_name = "imports/partials/_job.html" if request.htmx else "imports/job.html"
    return render(request, template_name, {"job": job, "record_type": record_type})


@require_POST
def commit(request: HttpRequest, code: str) -> HttpResponse:
    job = get_object_or_404(ImportJob, code=code, user=request.user)
    try:
        job = actions.commit(by=request.user, job=job)
    except ValidationError as e:
        return render(request, "imports/job.html", {"job": job, "record_type": _record_type(job.kind),
                                                    "error": "; ".join(e.messages)}, status=400)
    jobs.start(job, dry_run=False)
    return redirect(job)


def export(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    """The list page's rows, with its filters and permissions, as XLSX or CSV."""
    record_type = _record_type(kind)
    if record_type.list_queryset is None:
        raise Http404("Loại hồ sơ này chưa hỗ trợ xuất.")
    rows = record_type.rows(record_type.list_queryset(request))
    if fmt == "csv":
        return _download(xlsx.export_csv(record_type.sheet, rows), f"{kind}.csv", "text/csv; charset=utf-8")
    return _download(xlsx.export_xlsx(record_type.sheet, rows), f"{kind}.xlsx", XLSX)
