from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "danvan.imports"
    label = "imports"
    verbose_name = "Nhập, xuất tệp"
