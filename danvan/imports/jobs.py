"""Running import jobs: the check (dry run) and the write, in a thread or inline."""

from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone

from . import runner
from .models import ImportJob, JobStatus
from .registry import get


def process(job_pk: int, *, dry_run: bool) -> ImportJob:
    """Run the check or the write of a job and store its report (called in a thread)."""
    job = ImportJob.objects.select_related("user").get(pk=job_pk)
    record_type = get(job.kind)

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(processed=done, total=total)

    try:
        report = runner.run(record_type, Path(job.path).read_bytes(), by=job.user, dry_run=dry_run, progress=progress)
    except Exception:
        ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, finished_at=timezone.now())
        raise
    if dry_run:
        status = JobStatus.CHECKED if report.ok else JobStatus.REJECTED
    else:
        status = JobStatus.DONE if report.committed else JobStatus.REJECTED
    ImportJob.objects.filter(pk=job.pk).update(
        status=status, total=report.total, processed=report.total, created=report.created,
        updated=report.updated, unchanged=report.unchanged, finished_at=timezone.now(),
        errors=[{"row": e.row, "column": e.column, "message": e.message} for e in report.errors],
    )
    job.refresh_from_db()
    return job


def start(job: ImportJob, *, dry_run: bool) -> None:
    """In the background when DANVAN_IMPORT_IN_BACKGROUND is on (the default), else now."""
    if not getattr(settings, "IMPORT_IN_BACKGROUND", True):
        process(job.pk, dry_run=dry_run)
        return

    def work() -> None:
        close_old_connections()
        try:
            process(job.pk, dry_run=dry_run)
        finally:
            close_old_connections()

    transaction.on_commit(lambda: threading.Thread(target=work, daemon=True).start())
