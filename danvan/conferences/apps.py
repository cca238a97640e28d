from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    name = "danvan.conferences"
    label = "conferences"
    verbose_name = "Hội nghị"

    def ready(self) -> None:
        from .imports import register_sheet

        register_sheet()
