from django.core.management import call_command
from django.core.management.base import BaseCommand

# Reference data every installation needs, each loader idempotent and safe to re-run:
# the working-day calendar, the legal time limits, the central documents, the indicators.
STEPS = [
    ("load_calendar", "Lịch ngày nghỉ lễ, ngày làm bù"),
    ("load_rules", "Thời hạn giải quyết đơn thư theo luật"),
    ("load_directives", "Văn bản Trung ương thường dẫn"),
    ("load_indicators", "Bộ chỉ tiêu và mẫu báo cáo"),
]


class Command(BaseCommand):
    help = "Nạp dữ liệu tham chiếu: lịch làm việc, thời hạn luật định, văn bản Trung ương, chỉ tiêu (chạy lại an toàn)."

    def handle(self, *args, **options):
        for command, label in STEPS:
            self.stdout.write(f"==> {label}")
            call_command(command, stdout=self.stdout)
