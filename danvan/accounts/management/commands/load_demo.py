from importlib import import_module

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from danvan.accounts.demo import DEMO_PASSWORD, load_demo_users
from danvan.accounts.permissions import SYSTEM
from danvan.audit.log import origin
from danvan.audit.models import Channel
from danvan.units.models import Unit

# Apps with a demo.load_demo(*, by), in dependency order (people before the records
# that name them, directives before the conferences that cite them).
DEMO_APPS = [
    "people", "directives", "practices", "engagements", "petitions",
    "conferences", "followups", "emulation", "oversight",
]


class Command(BaseCommand):
    help = "Tạo tài khoản và dữ liệu dùng thử (nhiều năm, đủ trạng thái); chạy lại an toàn."

    def add_arguments(self, parser):
        parser.add_argument("--users-only", action="store_true", help="Chỉ tạo tài khoản dùng thử.")

    def handle(self, *args, users_only=False, **options):
        if not Unit.objects.filter(key="22").exists():
            raise CommandError("Chưa có đơn vị hành chính: chạy `danvan load_units` trước.")
        with origin(Channel.CLI):
            done = load_demo_users()
            if not users_only:
                for app in DEMO_APPS:
                    self._load(app)
        self.stdout.write(f"Tài khoản dùng thử (mật khẩu chung: {DEMO_PASSWORD}):")
        for persona, created in done:
            mark = "mới tạo" if created else "đã có"
            self.stdout.write(f"  {persona.username:<10} {persona.description} [{mark}]")

    def _load(self, app: str) -> None:
        try:
            module = import_module(f"danvan.{app}.demo")
        except ModuleNotFoundError:
            return
        with transaction.atomic():
            result = module.load_demo(by=SYSTEM)
        if result:
            self.stdout.write(f"  dữ liệu mẫu {app}: {result}")
