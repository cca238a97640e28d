from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "danvan.followups"
    label = "followups"
    verbose_name = "Nhiệm vụ trọng tâm"

    def ready(self) -> None:
        from .imports import register_sheet

        register_sheet()
