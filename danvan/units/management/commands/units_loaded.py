from django.core.management.base import BaseCommand, CommandError

from danvan.units.models import Level, Unit


class Command(BaseCommand):
    help = "Thoát với mã 0 nếu đã nạp đơn vị hành chính, 1 nếu chưa (dùng trong script/server)."

    def handle(self, *args, **options):
        if not Unit.objects.filter(level=Level.COMMUNE).exists():
            raise CommandError("Chưa nạp đơn vị hành chính.")
        self.stdout.write("Đã nạp đơn vị hành chính.")
