import time

from django.core.management.base import BaseCommand

from danvan.audit.log import origin
from danvan.audit.models import Channel
from danvan.lib.vn import format_number
from danvan.units.actions import load_units
from danvan.units.models import Level


class Command(BaseCommand):
    help = "Nạp đơn vị hành chính trước và sau 01/07/2025, quan hệ kế thừa và cơ quan (chạy lại an toàn)."

    def handle(self, *args, **options):
        started = time.monotonic()
        with origin(Channel.CLI):
            result = load_units()
        counts = ", ".join(
            f"{Level(level).label}: {format_number(n)}" for level, n in result.counts.items()
        )
        self.stdout.write(result.summary())
        self.stdout.write(f"tổng số: {counts}")
        self.stdout.write(f"xong trong {format_number(time.monotonic() - started, 1)} giây")
