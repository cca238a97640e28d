import time

from django.core.management.base import BaseCommand

from danvan.lib.vn import format_number
from danvan.reporting.rebuild import rebuild


class Command(BaseCommand):
    help = "Tính lại toàn bộ bảng tổng hợp theo tháng từ hồ sơ (sau khi sửa chỉ tiêu hoặc nhập hàng loạt)."

    def handle(self, *args, **options):
        started = time.monotonic()
        rows = rebuild()
        self.stdout.write(f"{format_number(rows)} ô tổng hợp; xong trong {format_number(time.monotonic() - started, 1)} giây")
