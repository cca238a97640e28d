from django.core.management.base import BaseCommand, CommandError

from danvan.accounts.demo import DEMO_PASSWORD, load_demo_users
from danvan.audit.log import origin
from danvan.audit.models import Channel
from danvan.units.models import Unit


class Command(BaseCommand):
    help = "Tạo tài khoản dùng thử cho các vai (Trung ương, tỉnh, phường, khách); chạy lại an toàn."

    def handle(self, *args, **options):
        if not Unit.objects.filter(key="22").exists():
            raise CommandError("Chưa có đơn vị hành chính: chạy `danvan load_units` trước.")
        with origin(Channel.CLI):
            done = load_demo_users()
        self.stdout.write(f"Tài khoản dùng thử (mật khẩu chung: {DEMO_PASSWORD}):")
        for persona, created in done:
            mark = "mới tạo" if created else "đã có"
            self.stdout.write(f"  {persona.username:<10} {persona.description} [{mark}]")
