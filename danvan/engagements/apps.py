from django.apps import AppConfig


class EngagementsConfig(AppConfig):
    name = "danvan.engagements"
    label = "engagements"
    verbose_name = "Tiếp công dân, đối thoại, hoạt động"

    def ready(self) -> None:
        from . import imports  # noqa: F401 - registers the spreadsheet record type
