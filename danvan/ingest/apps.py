from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "danvan.ingest"
    label = "ingest"
    verbose_name = "Đọc tin bài"
