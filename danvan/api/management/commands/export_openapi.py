import json

from django.core.management.base import BaseCommand

from danvan.api.v1 import api


class Command(BaseCommand):
    help = "In lược đồ OpenAPI của /api/v1/ (để lưu vào docs/openapi-v1.json)."

    def handle(self, *args, **options):
        schema = api.get_openapi_schema(path_prefix="/api/v1/")
        self.stdout.write(json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True))
