from django.core.management.base import BaseCommand

from danvan.reporting.rebuild import rebuild
from danvan.reporting.standard import load_standard


class Command(BaseCommand):
    help = "Nạp bộ chỉ tiêu chuẩn và mẫu báo cáo (chạy lại an toàn), rồi tính lại bảng tổng hợp."

    def handle(self, *args, **options):
        created, updated = load_standard()
        cells = rebuild()
        self.stdout.write(f"chỉ tiêu: {created} thêm, {updated} cập nhật; {cells} ô tổng hợp")
