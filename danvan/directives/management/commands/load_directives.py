from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from danvan.accounts.permissions import SYSTEM
from danvan.audit.log import origin
from danvan.audit.models import Channel
from danvan.directives.central import load_central


class Command(BaseCommand):
    help = (
        "Nạp các văn bản trung ương mà nghiệp vụ dựa vào (Quy định 11-QĐi/TW, Luật 10/2022/QH15, "
        "NĐ 59/2023/NĐ-CP…) vào sổ văn bản; chạy lại an toàn."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ báo sẽ thêm gì, không ghi vào sổ."
        )

    def handle(self, *args, dry_run=False, **options):  # type: ignore[no-untyped-def]
        with origin(Channel.CLI), transaction.atomic():
            try:
                counts = load_central(by=SYSTEM)
            except LookupError as e:
                raise CommandError(str(e)) from e
            if dry_run:
                transaction.set_rollback(True)
        summary = ", ".join(f"{n} {label}" for label, n in counts.items())
        self.stdout.write(
            f"văn bản trung ương: {summary}" + (" (chạy thử, chưa ghi)" if dry_run else "")
        )
