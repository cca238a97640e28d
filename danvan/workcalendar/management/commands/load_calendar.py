from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from danvan.accounts.permissions import SYSTEM
from danvan.audit.log import origin
from danvan.audit.models import Channel
from danvan.workcalendar.actions import load_calendar


class Command(BaseCommand):
    help = (
        "Nạp lịch nghỉ lễ, Tết: lịch đã công bố (nạp sẵn) và ngày gợi ý theo Bộ luật Lao động "
        "(Tết, Giỗ Tổ tính theo âm lịch). Không ghi đè dòng quản trị viên đã sửa; chạy lại an toàn."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--from", dest="first", type=int, default=2020, help="năm đầu (2020)")
        parser.add_argument("--to", dest="last", type=int, default=2030, help="năm cuối (2030)")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        first, last = options["first"], options["last"]
        if not (1900 <= first <= 2199 and 1900 <= last <= 2199):
            raise CommandError("Năm phải trong khoảng 1900–2199.")
        try:
            with origin(Channel.CLI):
                report = load_calendar(by=SYSTEM, first_year=first, last_year=last)
        except ValidationError as e:
            raise CommandError("; ".join(e.messages)) from e
        self.stdout.write(f"Lịch làm việc: {report}")
