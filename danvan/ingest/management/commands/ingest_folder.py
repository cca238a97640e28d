"""danvan ingest_folder FOLDER [--dry-run]: every .txt/.html/.docx article into a draft."""

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from danvan.accounts.permissions import SYSTEM
from danvan.ingest.actions import import_article
from danvan.ingest.extract import extract_article
from danvan.ingest.review import read_upload
from danvan.units.models import Unit

SUFFIXES = {".txt", ".html", ".htm", ".docx"}


class _DryRun(Exception):
    pass


def progress(done: int, total: int, name: str, stream=sys.stderr) -> None:  # type: ignore[no-untyped-def]
    width = 30
    filled = round(width * done / total) if total else width
    bar = "█" * filled + "·" * (width - filled)
    stream.write(f"\r[{bar}] {done}/{total} {name[:40]:<40}")
    if done == total:
        stream.write("\n")
    stream.flush()


class Command(BaseCommand):
    help = (
        "Đọc mọi tin bài (.txt, .html, .docx) trong một thư mục thành bản nháp; bài đã đọc thì "
        "cập nhật bản nháp cũ. In thanh tiến độ ra stderr và bảng tóm tắt ra stdout."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("folder", help="Thư mục chứa các tin bài.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chỉ trích xuất và báo cáo, không ghi gì vào cơ sở dữ liệu.",
        )
        parser.add_argument(
            "--unit",
            default="",
            help="Mã đơn vị nhận các bài không xác định được đơn vị tổ chức (ví dụ 22, 848@2025-06-30).",
        )

    def handle(self, *args, folder, dry_run, unit, **options):  # type: ignore[no-untyped-def]
        self.fallback = None
        if unit:
            self.fallback = Unit.objects.filter(key=unit).first()
            if self.fallback is None:
                raise CommandError(f"Không có đơn vị mã {unit}.")
        root = Path(folder)
        if not root.is_dir():
            raise CommandError(f"Không có thư mục {folder}.")
        files = sorted(p for p in root.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
        if not files:
            raise CommandError(f"Thư mục {folder} không có tệp .txt, .html hoặc .docx nào.")
        rows = []
        for i, path in enumerate(files, 1):
            rows.append(self._one(path, dry_run))
            progress(i, len(files), path.name, self.stderr._out)
        self._table(rows, dry_run)

    def _one(self, path: Path, dry_run: bool) -> dict:
        row = {
            "file": path.name,
            "title": "",
            "kind": "",
            "people": 0,
            "documents": 0,
            "figures": 0,
        }
        try:
            text, kind = read_upload(path.name, path.read_bytes())
        except ValueError as e:
            return {**row, "status": f"lỗi: {e}"}
        try:
            with transaction.atomic():
                draft, status = import_article(
                    by=SYSTEM,
                    text=text,
                    file_name=path.name,
                    kind=kind,
                    fallback_unit=self.fallback,
                )
                data = draft.edited
                if dry_run:
                    # Same path as a real run (so "mới/cập nhật" is right), then undone.
                    result = {**row, "status": status, **_counts(data)}
                    raise _DryRun
        except _DryRun:
            return result
        except ValidationError as e:
            data = extract_article(text, path.stem)
            return {**row, **_counts(data), "status": "lỗi: " + "; ".join(e.messages)}
        return {**row, **_counts(data), "status": status}

    def _table(self, rows: list[dict], dry_run: bool) -> None:
        labels = {"new": "mới", "updated": "cập nhật", "unchanged": "không đổi"}
        header = ["Tệp", "Tiêu đề", "Loại", "Người", "Văn bản", "Số liệu", "Trạng thái"]
        body = [
            [
                r["file"],
                (r["title"][:60] + "…") if len(r["title"]) > 60 else r["title"],
                r["kind"],
                str(r["people"]),
                str(r["documents"]),
                str(r["figures"]),
                labels.get(r["status"], r["status"]),
            ]
            for r in rows
        ]
        widths = [max(len(h), *(len(b[i]) for b in body)) for i, h in enumerate(header)]
        line = "  ".join(f"{{:<{w}}}" for w in widths)
        self.stdout.write(line.format(*header).rstrip())
        self.stdout.write("  ".join("-" * w for w in widths))
        for b in body:
            self.stdout.write(line.format(*b).rstrip())
        counts = {k: sum(1 for r in rows if r["status"] == k) for k in labels}
        self.stdout.write(
            f"\n{len(rows)} tệp: {counts['new']} mới, {counts['updated']} cập nhật, "
            f"{counts['unchanged']} không đổi" + (" (chạy thử, không ghi gì)." if dry_run else ".")
        )


def _counts(data: dict) -> dict:
    return {
        "title": data.get("title") or "",
        "kind": data.get("event_kind") or "",
        "people": len(data.get("people") or []),
        "documents": len(data.get("documents") or []),
        "figures": len(data.get("figures") or []),
    }
