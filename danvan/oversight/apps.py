from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "danvan.oversight"
    label = "oversight"
    verbose_name = "Kiểm tra, giám sát"

    def ready(self) -> None:
        from . import actions  # noqa: F401 - adds the verb labels of the audit history
        from .imports import register_sheets

        register_sheets()
