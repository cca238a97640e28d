from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "danvan.practices"
    label = "practices"
    verbose_name = "Mô hình Dân vận khéo"

    def ready(self) -> None:
        from .imports import register_record_type

        register_record_type()
