"""Import jobs: upload, check, write. The rows themselves go through each record type's actions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from danvan.accounts.permissions import NotPermitted, can_anywhere
from danvan.audit.log import VERB_LABELS, record

from .models import ImportJob, JobStatus
from .registry import get

VERB_LABELS.update({
    "imports.upload": "Tải tệp lên để nhập",
    "imports.commit": "Ghi dữ liệu từ tệp",
})

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def _require_importer(user: Any) -> None:
    """Importing is allowed to editors; each row is checked again by its own action."""
    if not can_anywhere(user, "imports.run"):
        raise NotPermitted("Bạn không có quyền nhập dữ liệu.")


@transaction.atomic
def upload(*, by: Any, kind: str, name: str, data: bytes) -> ImportJob:
    _require_importer(by)
    get(kind)  # KeyError for an unknown record type: the view answers 404
    if not name.lower().endswith(".xlsx"):
        raise ValidationError("Chỉ nhận tệp Excel .xlsx (hãy dùng tệp mẫu).")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError("Tệp lớn hơn 10 MB; hãy chia nhỏ.")
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    job = ImportJob(kind=kind, user=by, original_name=name[:255])
    job.path = str(folder / f"{job.code}.xlsx")
    Path(job.path).write_bytes(data)
    job.save()
    record(by, "imports.upload", job, data={"note": name, "kind": kind})
    return job


@transaction.atomic
def commit(*, by: Any, job: ImportJob) -> ImportJob:
    _require_importer(by)
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.user_id != by.pk or job.status != JobStatus.CHECKED:
        raise ValidationError("Tệp này chưa kiểm tra xong hoặc đã được ghi.")
    _claim(job, JobStatus.IMPORTING)
    record(by, "imports.commit", job, data={"note": job.original_name})
    return job


def _claim(job: ImportJob, status: str) -> None:
    job.status, job.processed = status, 0
    job.save(update_fields=["status", "processed"])
