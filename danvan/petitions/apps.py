from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "danvan.petitions"
    label = "petitions"
    verbose_name = "Đơn thư, vụ việc"

    def ready(self) -> None:
        from . import imports

        imports.register_record_type()
