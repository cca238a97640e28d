from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from danvan.accounts.permissions import SYSTEM
from danvan.audit.log import origin
from danvan.audit.models import Channel
from danvan.petitions.actions import load_rules


class Command(BaseCommand):
    help = (
        "Nạp bảng quy tắc thời hạn (tiếp công dân, khiếu nại, tố cáo) theo DOMAIN.md §3.3, kèm các "
        "dòng từ 01/07/2026 đánh dấu [U]. Không ghi đè quy tắc quản trị viên đã sửa; chạy lại an toàn."
    )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        try:
            with origin(Channel.CLI):
                report = load_rules(by=SYSTEM)
        except ValidationError as e:
            raise CommandError("; ".join(e.messages)) from e
        self.stdout.write(f"Quy tắc thời hạn: {report}")
