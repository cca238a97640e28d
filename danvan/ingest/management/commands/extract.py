import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.ingest.extract import extract_article


class Command(BaseCommand):
    help = (
        "Trích xuất hội nghị, người và chức vụ, văn bản được trích dẫn, số liệu từ bài báo; "
        "in một đối tượng JSON cho mỗi bài (đọc từ tệp, hoặc từ đầu vào chuẩn với '-')."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="*", help="Tệp văn bản (UTF-8); bỏ trống hoặc '-' để đọc stdin."
        )
        parser.add_argument(
            "--format",
            choices=["jsonl", "json"],
            default="jsonl",
            help="jsonl: mỗi bài một dòng (mặc định); json: một mảng, thụt lề.",
        )

    def handle(self, *args, files, format, **options):
        records = [extract_article(text, article_id) for article_id, text in self._inputs(files)]
        if format == "json":
            self.stdout.write(json.dumps(records, ensure_ascii=False, indent=2))
            return
        for record in records:
            self.stdout.write(json.dumps(record, ensure_ascii=False))

    def _inputs(self, files):
        if not files or files == ["-"]:
            yield "stdin", sys.stdin.read()
            return
        for name in files:
            path = Path(name)
            try:
                yield path.stem, path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as e:
                raise CommandError(f"Không đọc được tệp {name}: {e}") from e
