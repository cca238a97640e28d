from django.apps import AppConfig


class DirectivesConfig(AppConfig):
    name = "danvan.directives"
    label = "directives"
    verbose_name = "Văn bản chỉ đạo"
